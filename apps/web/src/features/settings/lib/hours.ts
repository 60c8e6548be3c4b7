import { translate as t } from '../../../lib/i18n/i18n';
import { activeLocale } from '../../../lib/i18n/locale-store';
import { formatMinutes } from '@workdiary/shared';

/**
 * Required hours as people type them: "8", "7.5", "7,5", "7:30", "7h30", "" (= 0).
 * Returns whole minutes, or an error sentence.
 */
export function parseHours(text: string): { minutes: number } | { error: string } {
  const input = text.trim().toLowerCase().replace(/\s+/g, '');
  if (input === '') return { minutes: 0 };
  let minutes: number;
  const clock = /^(\d{1,2})(?::|h)(\d{1,2})?m?$/.exec(input);
  if (clock) {
    const h = Number(clock[1]);
    const m = Number(clock[2] ?? 0);
    if (m > 59) return { error: t('Minutes must be 0–59') };
    minutes = h * 60 + m;
  } else if (/^\d{1,2}([.,]\d+)?h?$/.test(input)) {
    minutes = Math.round(Number(input.replace(',', '.').replace('h', '')) * 60);
  } else {
    return { error: t('Use hours like 8, 7.5 or 7:30') };
  }
  if (minutes > 24 * 60) return { error: t('At most 24 hours') };
  return { minutes };
}

/** Minutes as the field shows them: 480 → "8:00", 450 → "7:30". */
export function hoursText(minutes: number): string {
  return formatMinutes(minutes);
}

/** Monday … Sunday in the active language (1 January 2024 was a Monday). */
function weekdayNames(weekday: 'long' | 'short'): string[] {
  const format = new Intl.DateTimeFormat(activeLocale(), { weekday, timeZone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => format.format(Date.UTC(2024, 0, 1 + i)).replace(/\.$/, ''));
}
/** "Monday" … "Sunday" / "Montag" … "Sonntag". */
export const weekdays = () => weekdayNames('long');
/** "Mon" … "Sun" / "Mo" … "So". */
export const weekdaysShort = () => weekdayNames('short');
