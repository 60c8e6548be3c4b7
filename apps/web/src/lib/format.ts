import { formatMinutes, formatMoney, localDateOf, type Locale } from '@workdiary/shared';
import { use } from 'react';
import { CurrentUserContext } from './current-user';
import { activeLocale, useLocaleStore } from './i18n/locale-store';

/**
 * THE formatting helper of the SPA: every number, amount, date, time and duration on screen goes
 * through here, in the active locale (the user's override, else the organisation's) and — for
 * instants — the organisation's time zone. Plain 'YYYY-MM-DD' days and 'YYYY-MM' months carry no
 * zone and are read at noon UTC.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = formatters.get(key);
  if (!f) {
    f = make();
    formatters.set(key, f);
  }
  return f as T;
}
const dateTime = (locale: string, tz: string, name: string, options: Intl.DateTimeFormatOptions) =>
  cached(`dt|${name}|${locale}|${tz}`, () => new Intl.DateTimeFormat(locale, { timeZone: tz, ...options }));
const noon = (date: string) => new Date(`${date}T12:00:00Z`);

/** 1234.5 → '1,234.5' / '1.234,5'. */
export function formatNumber(value: number, options: { maximumFractionDigits?: number; minimumFractionDigits?: number } = {}, locale: string = activeLocale()): string {
  const key = `n|${locale}|${options.minimumFractionDigits ?? ''}|${options.maximumFractionDigits ?? ''}`;
  return cached(key, () => new Intl.NumberFormat(locale, options)).format(value);
}

/** Minor units → '€18,965.29' / '18.965,29 €'. */
export const money = (minor: number, currency: string, locale: string = activeLocale()) => formatMoney(minor, currency, locale);

/** Minutes as hours 'h:mm' (510 → '8:30'); the same in every locale. */
export const hours = (minutes: number) => formatMinutes(minutes);

/** 'HH:mm' (or the locale's 12-hour clock) of an instant in `tz`. */
export function localTime(iso: string | number, tz: string, locale: string = activeLocale()): string {
  return dateTime(locale, tz, 'time', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** 'YYYY-MM-DD' of an instant in `tz` (a key, not a label). */
export function localDate(iso: string, tz: string): string {
  return localDateOf(new Date(iso), tz);
}

/** 'Mon, 02 Nov 2026' / 'Mo., 02. Nov. 2026' of an instant in `tz`. */
export function localDateLabel(iso: string, tz: string, locale: string = activeLocale()): string {
  return dateTime(locale, tz, 'date', { weekday: 'short', day: '2-digit', month: 'short', year: 'numeric' }).format(new Date(iso));
}

/** '02 Nov 2026' of an instant in `tz` (compact, for table cells). */
export function localShortDate(iso: string, tz: string, locale: string = activeLocale()): string {
  return dateTime(locale, tz, 'short-date', { day: '2-digit', month: 'short', year: 'numeric' }).format(new Date(iso));
}

/** Date and time of an instant in `tz` ('2 Dec 2026, 14:02'). */
export function localDateTime(iso: string | number, tz: string, locale: string = activeLocale()): string {
  return dateTime(locale, tz, 'date-time', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** 'Mon, 02 Nov 2026' of a plain 'YYYY-MM-DD'. */
export const dateLabel = (date: string, locale: string = activeLocale()) => localDateLabel(noon(date).toISOString(), 'UTC', locale);

/** 'YYYY-MM' → 'November 2026'. */
export const monthLabel = (month: string, locale: string = activeLocale()) =>
  dateTime(locale, 'UTC', 'month', { month: 'long', year: 'numeric' }).format(new Date(`${month}-15T12:00:00Z`));

/** 'YYYY-MM-DD' → '02 Nov'. */
export const shortDate = (date: string, locale: string = activeLocale()) =>
  dateTime(locale, 'UTC', 'day', { day: '2-digit', month: 'short' }).format(noon(date));

/** 'YYYY-MM-DD' → 'Mon'. */
export const weekdayShort = (date: string, locale: string = activeLocale()) =>
  dateTime(locale, 'UTC', 'weekday', { weekday: 'short' }).format(noon(date));

/** 'YYYY-MM-DD' → 'Monday, 2 November 2026'. */
export const longDate = (date: string, locale: string = activeLocale()) =>
  dateTime(locale, 'UTC', 'long-day', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(noon(date));

export type Formatter = {
  locale: Locale;
  timeZone: string;
  currency: string;
  number: (value: number, options?: { maximumFractionDigits?: number; minimumFractionDigits?: number }) => string;
  money: (minor: number, currency?: string) => string;
  hours: (minutes: number) => string;
  time: (iso: string | number) => string;
  dateTime: (iso: string | number) => string;
  dateOf: (iso: string) => string;
};

/** The helper bound to the active locale and — when signed in — the organisation's zone and currency. */
export function useFormat(): Formatter {
  const locale = useLocaleStore((s) => s.locale);
  const org = use(CurrentUserContext)?.organization;
  const timeZone = org?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const currency = org?.currency ?? 'EUR';
  return {
    locale,
    timeZone,
    currency,
    number: (value, options) => formatNumber(value, options, locale),
    money: (minor, c = currency) => money(minor, c, locale),
    hours,
    time: (iso) => localTime(iso, timeZone, locale),
    dateTime: (iso) => localDateTime(iso, timeZone, locale),
    dateOf: (iso) => localDateLabel(iso, timeZone, locale),
  };
}
