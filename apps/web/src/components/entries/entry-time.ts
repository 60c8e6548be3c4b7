import { localDateOf, type WorkEntry } from '@workdiary/shared';

/** Wall-clock readings of instants in the organisation's zone, for tables and forms. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string, kind: 'time' | 'date' | 'short-date'): Intl.DateTimeFormat {
  const key = `${kind}|${tz}`;
  let f = formatters.get(key);
  if (!f) {
    f = kind === 'time'
      ? new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      : kind === 'date'
        ? new Intl.DateTimeFormat('en-GB', { timeZone: tz, weekday: 'short', day: '2-digit', month: 'short', year: 'numeric' })
        : new Intl.DateTimeFormat('en-GB', { timeZone: tz, day: '2-digit', month: 'short', year: 'numeric' });
    formatters.set(key, f);
  }
  return f;
}

/** 'HH:mm' of an ISO instant in `tz`. */
export function localTime(iso: string, tz: string): string {
  return formatter(tz, 'time').format(new Date(iso));
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

/** '+01:00' → 'UTC+01:00 (CET)'-like label of an offset for the DST choice. */
export function offsetLabel(offset: string): string {
  return `UTC${offset}`;
}
