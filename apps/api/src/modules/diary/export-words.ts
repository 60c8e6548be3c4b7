// The words of the Work diary's Excel files in the reader's language: sheet names, dates in the
// reader's style, and public holidays by their German name (date-holidays has them).
import { germanHolidayNames } from '../../domain/calendar/holidays.ts';
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

/**
 * The reader's name of a public holiday: the figures carry date-holidays' English name ("Christmas
 * Day"); a German reader gets the library's German one ("1. Weihnachtstag") for the same date and
 * English name (domain/calendar/holidays.ts, worked out once a year and region). A name the library
 * does not give for that date is kept as it is.
 */
export async function holidayNamesFor(org: Pick<OrgContext, 'holidayCountry' | 'holidayRegion'>, month: string, locale: string | null | undefined): Promise<(date: string, english: string) => string> {
  const keep = (_date: string, english: string) => english;
  if (!isGerman(locale) || !org.holidayCountry) return keep;
  const names = await germanHolidayNames(org.holidayCountry, org.holidayRegion, Number(month.slice(0, 4)));
  return (date, name) => names.get(`${date}|${name}`) ?? name;
}
