import type { WorkEntry } from '@workdiary/shared';

// Formatting lives in the one helper (lib/format); re-exported for the entries' callers.
export { dateLabel, localDate, localDateLabel, localShortDate, localTime } from '../../lib/format';

/** Whole minutes of an entry; a running one counts up to `nowMs` (the server clock). */
export function entryMinutes(entry: Pick<WorkEntry, 'startedAt' | 'stoppedAt'>, nowMs: number): number {
  const end = entry.stoppedAt ? Date.parse(entry.stoppedAt) : nowMs;
  return Math.max(0, Math.floor((end - Date.parse(entry.startedAt)) / 60_000));
}

/** '+01:00' → 'UTC+01:00': how an offset (shared utcOffsetOf) is shown, e.g. for the DST choice. */
export function offsetLabel(offset: string): string {
  return `UTC${offset}`;
}
