import { formatMinutes, formatMoney } from '@workdiary/shared';

/** Locale of every number and date the diary shows (the app's tables use en-GB throughout). */
export const LOCALE = 'en-GB';

/** Minutes as hours 'h:mm' (e.g. 510 → '8:30'). */
export const hours = (minutes: number) => formatMinutes(minutes);

export const money = (minor: number, currency: string) => formatMoney(minor, currency, LOCALE);

const monthFormatter = new Intl.DateTimeFormat(LOCALE, { month: 'long', year: 'numeric', timeZone: 'UTC' });
/** 'YYYY-MM' → 'November 2026'. */
export const monthLabel = (month: string) => monthFormatter.format(new Date(`${month}-15T12:00:00Z`));

const dayFormatter = new Intl.DateTimeFormat(LOCALE, { day: '2-digit', month: 'short', timeZone: 'UTC' });
const weekdayFormatter = new Intl.DateTimeFormat(LOCALE, { weekday: 'short', timeZone: 'UTC' });
const longDayFormatter = new Intl.DateTimeFormat(LOCALE, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const noon = (date: string) => new Date(`${date}T12:00:00Z`);
/** 'YYYY-MM-DD' → '02 Nov'. */
export const shortDate = (date: string) => dayFormatter.format(noon(date));
/** 'YYYY-MM-DD' → 'Mon'. */
export const weekdayShort = (date: string) => weekdayFormatter.format(noon(date));
/** 'YYYY-MM-DD' → 'Monday, 2 November 2026'. */
export const longDate = (date: string) => longDayFormatter.format(noon(date));
