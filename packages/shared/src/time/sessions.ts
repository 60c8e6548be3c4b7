// Cutting sessions into local days. The API's SQL for day totals must give the same numbers:
// per day, floor(extract(epoch from sum(least(stop, dayEnd) - greatest(start, dayStart))) / 60).
import { addDays } from './calendar.ts';
import { dayBounds } from './local-time.ts';
import { assertValidInstant, localDateOf } from './zone.ts';

export type Session = { startedAt: Date; stoppedAt: Date | null };

/** A session as epoch milliseconds; a running one ends at `now`. */
export type Span = { start: number; end: number; running: boolean };

const MINUTE_MS = 60_000;

/** The session's span, or null when it covers no time (stop not after start, or starts after now). */
export function spanOf(session: Session, now: Date): Span | null {
  const start = assertValidInstant(session.startedAt, 'startedAt');
  const running = session.stoppedAt === null;
  const end = assertValidInstant(session.stoppedAt ?? now, running ? 'now' : 'stoppedAt');
  return end > start ? { start, end, running } : null;
}

/** Milliseconds of `span` inside [start, end). */
export function overlapMs(span: Span, start: number, end: number): number {
  return Math.max(0, Math.min(span.end, end) - Math.max(span.start, start));
}

/** Whole minutes of a day's summed milliseconds; floored once, after summing. */
export function dayMinutes(ms: number): number {
  return Math.floor(ms / MINUTE_MS);
}

/**
 * Minutes per local date ('YYYY-MM-DD' → minutes) for every date a session touches, ascending.
 * Sessions are cut at local midnights; a running session counts up to `now`.
 */
export function minutesByDay(sessions: Session[], tz: string, now: Date): Map<string, number> {
  const msByDay = new Map<string, number>();
  for (const session of sessions) {
    const span = spanOf(session, now);
    if (!span) continue;
    let date = localDateOf(new Date(span.start), tz);
    for (;;) {
      const { start, end } = dayBounds(date, tz);
      const piece = overlapMs(span, start.getTime(), end.getTime());
      if (piece > 0) msByDay.set(date, (msByDay.get(date) ?? 0) + piece);
      if (end.getTime() >= span.end) break;
      date = addDays(date, 1);
    }
  }
  const dates = [...msByDay.keys()].sort();
  return new Map(dates.map((date) => [date, dayMinutes(msByDay.get(date) ?? 0)]));
}
