// Public holidays from a maintained library (date-holidays), computed on the server only: the
// web receives the named days with the diary, so it does not ship the library.
// The library is loaded on first use (it holds about 25 MB of rules, which an idle server or one
// whose organisations set no holiday country need not carry), and each country/region/year is
// computed once: working out one year costs about 15 ms of CPU, which every month view, day modal
// and export would otherwise pay again (issue 12).
import type Holidays from 'date-holidays';
import { daysOfMonth } from '@workdiary/shared';

export type HolidayRegion = { country: string | null; region: string | null };

type HolidaysClass = typeof Holidays;
let library: Promise<HolidaysClass> | undefined;
function holidaysLibrary(): Promise<HolidaysClass> {
  library ??= import('date-holidays').then((m) => m.default).catch((error: unknown) => {
    library = undefined;
    throw error;
  });
  return library;
}

const MAX_YEARS = 1000;
type Calendar = InstanceType<HolidaysClass>;

/**
 * One year's figure of a country's (and region's) calendar, worked out once per `country|region|year`
 * and kept in `cache` (cleared past MAX_YEARS): the library's year costs milliseconds every time.
 */
async function perYear<T>(cache: Map<string, T>, country: string, region: string | null, year: number, languages: string[], work: (calendar: Calendar) => T): Promise<T> {
  const key = `${country}|${region ?? ''}|${year}`;
  const known = cache.get(key);
  if (known !== undefined) return known;
  const HolidaysLib = await holidaysLibrary();
  const options = { languages, types: ['public' as const] };
  const value = work(region ? new HolidaysLib(country, region, options) : new HolidaysLib(country, options));
  if (cache.size >= MAX_YEARS) cache.clear();
  cache.set(key, value);
  return value;
}

/** date → English name of one year's public holidays, per `country|region|year`. */
const years = new Map<string, ReadonlyMap<string, string>>();

function publicHolidaysOf(country: string, region: string | null, year: number): Promise<ReadonlyMap<string, string>> {
  return perYear(years, country, region, year, ['en'], (calendar) => {
    const days = new Map<string, string>();
    for (const h of calendar.getHolidays(year, 'en')) {
      const date = h.date.slice(0, 10);
      if (h.type === 'public' && !days.has(date)) days.set(date, h.name);
    }
    return days;
  });
}

/**
 * `date|English name` → German name of one year's public holidays, per `country|region|year`: the
 * words a German reader's month view, day modal and files show. Worked out once, like the English
 * names (it cost ~2 ms a call, on every German reader's month view and day modal).
 */
const germanYears = new Map<string, ReadonlyMap<string, string>>();

export function germanHolidayNames(country: string, region: string | null, year: number): Promise<ReadonlyMap<string, string>> {
  return perYear(germanYears, country, region, year, ['de', 'en'], (calendar) => {
    const publicOnly = (list: ReturnType<Calendar['getHolidays']>) => list.filter((h) => h.type === 'public');
    const german = publicOnly(calendar.getHolidays(year, 'de'));
    const names = new Map<string, string>();
    for (const h of publicOnly(calendar.getHolidays(year, 'en'))) {
      const de = german.find((g) => g.date === h.date && g.rule === h.rule);
      if (de) names.set(`${h.date.slice(0, 10)}|${h.name}`, de.name);
    }
    return names;
  });
}

/** Public holidays between two dates (inclusive, 'YYYY-MM-DD'): date → English name. */
export async function holidaysBetween({ country, region }: HolidayRegion, from: string, to: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (!country) return out;
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year += 1) {
    for (const [date, name] of await publicHolidaysOf(country, region, year)) {
      if (date >= from && date <= to) out[date] = name;
    }
  }
  return out;
}

/** The public holidays of `month` ('YYYY-MM'). */
export function holidaysOfMonth(where: HolidayRegion, month: string): Promise<Record<string, string>> {
  const days = daysOfMonth(month);
  return holidaysBetween(where, days[0] ?? `${month}-01`, days.at(-1) ?? `${month}-28`);
}

/** Whether date-holidays knows this country (and region, when given). */
export async function isKnownRegion(country: string, region: string | null): Promise<boolean> {
  const holidays = new (await holidaysLibrary())();
  const countries = holidays.getCountries('en');
  if (!countries[country]) return false;
  if (!region) return true;
  return Boolean(holidays.getStates(country, 'en')?.[region]);
}

/** Countries for the settings picker: code and English name, by name. */
export async function countryOptions(): Promise<Array<{ code: string; name: string }>> {
  return Object.entries(new (await holidaysLibrary())().getCountries('en'))
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Regions (for Germany the federal states) of one country; empty when it has none. */
export async function regionOptions(country: string): Promise<Array<{ code: string; name: string }>> {
  const states = new (await holidaysLibrary())().getStates(country, 'en') ?? {};
  return Object.entries(states).map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name));
}
