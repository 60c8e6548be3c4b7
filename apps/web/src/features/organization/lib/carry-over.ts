import { translate as t } from '../../../lib/i18n/i18n';
import { activeLocale } from '../../../lib/i18n/locale-store';

/** Last year's remaining vacation expires after this day: month '01'…'12' ('' = never) and day. */
export type CarryOver = { month: string; day: number | null };

/** Days in a month of a leap year: 29 February is a valid expiry. */
export const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function carryOverOf(until: string | null | undefined): CarryOver {
  if (!until) return { month: '', day: null };
  return { month: until.slice(0, 2), day: Number(until.slice(3, 5)) };
}

/** The wire's "MM-DD" (null: never expires), or the message for the field that is wrong. */
export function carryOverUntil(value: CarryOver): { until: string | null } | { field: 'carryOverDay'; message: string } {
  if (value.month === '') return { until: null };
  const max = DAYS_IN_MONTH[Number(value.month) - 1] ?? 31;
  if (value.day === null || !Number.isInteger(value.day) || value.day < 1 || value.day > max) {
    return { field: 'carryOverDay', message: t('Choose a day from 1 to {max}.', { max }) };
  }
  return { until: `${value.month}-${String(value.day).padStart(2, '0')}` };
}

export function monthOptions() {
  const names = new Intl.DateTimeFormat(activeLocale(), { month: 'long', timeZone: 'UTC' });
  return DAYS_IN_MONTH.map((_, i) => ({ value: String(i + 1).padStart(2, '0'), label: names.format(Date.UTC(2024, i, 1)) }));
}
