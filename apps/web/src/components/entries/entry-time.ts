import { localDateOf, localTimeOf, type WorkEntry } from '@workdiary/shared';

/**
 * Readings of instants in the organisation's zone for tables and forms: the zone arithmetic is the
 * shared one (@workdiary/shared time); only the spelled-out date labels are formatted here.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string, kind: 'date' | 'short-date'): Intl.DateTimeFormat {
  const key = `${kind}|${tz}`;
  let f = formatters.get(key);
  if (!f) {
    f = kind === 'date'
      ? new Intl.DateTimeFormat('en-GB', { timeZone: tz, weekday: 'short', day: '2-digit', month: 'short', year: 'numeric' })
      : new Intl.DateTimeFormat('en-GB', { timeZone: tz, day: '2-digit', month: 'short', year: 'numeric' });
    formatters.set(key, f);
  }
  return f;
}

/** 'HH:mm' of an ISO instant in `tz`. */
export function localTime(iso: string, tz: string): string {
  return localTimeOf(new Date(iso), tz);
}

/** 'YYYY-MM-DD' of an ISO instant in `tz`. */
export function localDate(iso: string, tz: string): string {
  return localDateOf(new Date(iso), tz);
}

/** 'Mon, 02 Nov 2026' of an ISO instant in `tz`. */
export function localDateLabel(iso: string, tz: string): string {
  return formatter(tz, 'date').format(new Date(iso));
}

/** '02 Nov 2026' of an ISO instant in `tz` (compact, for table cells). */
export function localShortDate(iso: string, tz: string): string {
  return formatter(tz, 'short-date').format(new Date(iso));
}

/** Whole minutes of an entry; a running one counts up to `nowMs` (the server clock). */
export function entryMinutes(entry: Pick<WorkEntry, 'startedAt' | 'stoppedAt'>, nowMs: number): number {
  const end = entry.stoppedAt ? Date.parse(entry.stoppedAt) : nowMs;
  return Math.max(0, Math.floor((end - Date.parse(entry.startedAt)) / 60_000));
}

/** '+01:00' → 'UTC+01:00': how an offset (shared utcOffsetOf) is shown, e.g. for the DST choice. */
export function offsetLabel(offset: string): string {
  return `UTC${offset}`;
}
