// Public holidays from a maintained library (date-holidays), computed on the server only: the
// web receives the named days with the diary, so it does not ship the library.
import Holidays from 'date-holidays';
import { daysOfMonth } from '@workdiary/shared';

export type HolidayRegion = { country: string | null; region: string | null };

function calendarOf({ country, region }: HolidayRegion): Holidays | null {
  if (!country) return null;
  const options = { languages: ['en'], types: ['public' as const] };
  return region ? new Holidays(country, region, options) : new Holidays(country, options);
}

/** Public holidays between two dates (inclusive, 'YYYY-MM-DD'): date → English name. */
export function holidaysBetween(where: HolidayRegion, from: string, to: string): Record<string, string> {
  const calendar = calendarOf(where);
  const out: Record<string, string> = {};
  if (!calendar) return out;
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year += 1) {
    for (const h of calendar.getHolidays(year, 'en')) {
      if (h.type !== 'public') continue;
      const date = h.date.slice(0, 10);
      if (date < from || date > to || out[date] !== undefined) continue;
      out[date] = h.name;
    }
  }
  return out;
}

/** The public holidays of `month` ('YYYY-MM'). */
export function holidaysOfMonth(where: HolidayRegion, month: string): Record<string, string> {
  const days = daysOfMonth(month);
  return holidaysBetween(where, days[0] ?? `${month}-01`, days.at(-1) ?? `${month}-28`);
}

/** Whether date-holidays knows this country (and region, when given). */
export function isKnownRegion(country: string, region: string | null): boolean {
  const holidays = new Holidays();
  const countries = holidays.getCountries('en');
  if (!countries[country]) return false;
  if (!region) return true;
  return Boolean(holidays.getStates(country, 'en')?.[region]);
}

/** Countries for the settings picker: code and English name, by name. */
export function countryOptions(): Array<{ code: string; name: string }> {
  return Object.entries(new Holidays().getCountries('en'))
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Regions (for Germany the federal states) of one country; empty when it has none. */
export function regionOptions(country: string): Array<{ code: string; name: string }> {
  const states = new Holidays().getStates(country, 'en') ?? {};
  return Object.entries(states).map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name));
}
