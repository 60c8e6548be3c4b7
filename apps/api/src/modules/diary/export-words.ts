// The words of the Work diary's Excel files in the reader's language: sheet names, dates in the
// reader's style, and public holidays by their German name (date-holidays has them).
import type Holidays from 'date-holidays';
import type { OrgContext } from '../../lib/types.ts';

export const isGerman = (locale: string | null | undefined): boolean => locale?.toLowerCase().startsWith('de') ?? false;

/** '2026-11-02' → '02.11.2026' for a German reader; ISO otherwise. */
export function readerDate(date: string, locale: string | null | undefined): string {
  return isGerman(locale) ? `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}` : date;
}

/** '2026-11' → 'November 2026' in the reader's language. */
export function readerMonth(month: string, locale: string | null | undefined): string {
  return new Intl.DateTimeFormat(isGerman(locale) ? 'de-DE' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));
}

let library: Promise<typeof Holidays> | undefined;

/**
 * German names by `date|English name`, per country, region and year: date-holidays works a year out
 * in ~2 ms, which every German reader's month view and day modal paid (as much as the rest of the
 * view on PostgreSQL). The library's rules do not change while the server runs; a few regions ×
 * years are kept (the oldest dropped past 64).
 */
const germanNames = new Map<string, Promise<Map<string, string>>>();

function germanNamesOf(country: string, region: string | null, year: number): Promise<Map<string, string>> {
  const key = `${country}|${region ?? ''}|${year}`;
  let names = germanNames.get(key);
  if (!names) {
    names = (library ??= import('date-holidays').then((m) => m.default)).then((Lib) => {
      const options = { languages: ['de', 'en'], types: ['public' as const] };
      const calendar = region ? new Lib(country, region, options) : new Lib(country, options);
      const publicOnly = (list: ReturnType<typeof calendar.getHolidays>) => list.filter((h) => h.type === 'public');
      const german = publicOnly(calendar.getHolidays(year, 'de'));
      const out = new Map<string, string>();
      for (const h of publicOnly(calendar.getHolidays(year, 'en'))) {
        const de = german.find((g) => g.date === h.date && g.rule === h.rule);
        if (de) out.set(`${h.date.slice(0, 10)}|${h.name}`, de.name);
      }
      return out;
    });
    names.catch(() => germanNames.delete(key));
    if (germanNames.size >= 64) germanNames.delete(germanNames.keys().next().value as string);
    germanNames.set(key, names);
  }
  return names;
}

/**
 * The reader's name of a public holiday: the figures carry date-holidays' English name ("Christmas
 * Day"); a German reader gets the library's German one ("1. Weihnachtstag") for the same date and
 * English name. A name the library does not give for that date is kept as it is.
 */
export async function holidayNamesFor(org: Pick<OrgContext, 'holidayCountry' | 'holidayRegion'>, month: string, locale: string | null | undefined): Promise<(date: string, english: string) => string> {
  const keep = (_date: string, english: string) => english;
  if (!isGerman(locale) || !org.holidayCountry) return keep;
  const names = await germanNamesOf(org.holidayCountry, org.holidayRegion, Number(month.slice(0, 4)));
  return (date, name) => names.get(`${date}|${name}`) ?? name;
}
