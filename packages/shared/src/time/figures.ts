// A day's and a month's figures: total, entrance/exit, extra and required minutes.
import { daysOfMonth } from './calendar.ts';
import { dayRequirement, type AbsenceOfDay, type DayCalendar } from './day-calendar.ts';
import { dayBounds, monthBounds } from './local-time.ts';
import { dayMinutes, overlapMs, spanOf } from './sessions.ts';
import type { Session } from './sessions.ts';

export type DayFigures = {
  date: string;
  /** Earliest start that day, clipped to the day's start (a session from last night → 00:00). */
  entrance: Date | null;
  /** Latest stop that day, clipped to the day's end; null while a session is running that day. */
  exit: Date | null;
  totalMinutes: number;
  extraMinutes: number;
  requiredMinutes: number;
  /** Required minutes an approved absence counts as fulfilled that day (0 without one). */
  absenceMinutes: number;
  /** A running session is in progress on this day (now is inside it). */
  running: boolean;
};

export type MonthTotals = {
  totalMinutes: number;
  extraMinutes: number;
  requiredMinutes: number;
  /** Required minutes fulfilled by approved absences (paid like worked minutes, never extra). 0 when left out. */
  absenceMinutes?: number;
};

export type MonthDayFigures = DayFigures & { holiday: string | null; absence: AbsenceOfDay | null };

export type MonthFigures = Required<MonthTotals> & { days: MonthDayFigures[] };

export type MonthFiguresOptions = {
  /** Count running sessions up to now (live views). Off by default: exports and salary leave them out. */
  includeRunning?: boolean;
  /** Public holidays and the user's approved absences; none when left out. */
  calendar?: DayCalendar;
};

/**
 * Extra minutes of a day: everything past the required minutes still to be worked, so a
 * 0-required day is all extra. An absence fulfils `absenceMinutes` of the requirement; the credit
 * itself is never extra, only work beyond what is left.
 */
export function extraMinutesOf(totalMinutes: number, requiredMinutes: number, absenceMinutes = 0): number {
  return Math.max(0, totalMinutes - Math.max(0, requiredMinutes - absenceMinutes));
}

/** The figures of local `date` in `tz` from the sessions touching it; running sessions count up to `now`. */
export function dayFigures(
  sessions: Session[],
  date: string,
  tz: string,
  now: Date,
  requiredMinutes: number,
  absenceMinutes = 0,
): DayFigures {
  const { start, end } = dayBounds(date, tz);
  const dayStart = start.getTime();
  const dayEnd = end.getTime();
  let ms = 0;
  let entrance: number | null = null;
  let exit: number | null = null;
  let running = false;

  for (const session of sessions) {
    const span = spanOf(session, now);
    if (!span) continue;
    const piece = overlapMs(span, dayStart, dayEnd);
    if (piece <= 0) continue;
    ms += piece;
    const clippedStart = Math.max(span.start, dayStart);
    const clippedEnd = Math.min(span.end, dayEnd);
    entrance = entrance === null ? clippedStart : Math.min(entrance, clippedStart);
    exit = exit === null ? clippedEnd : Math.max(exit, clippedEnd);
    // On a past day a still-running session simply fills the day up to its end.
    if (span.running && span.end < dayEnd) running = true;
  }

  const totalMinutes = dayMinutes(ms);
  return {
    date,
    entrance: entrance === null ? null : new Date(entrance),
    exit: running || exit === null ? null : new Date(exit),
    totalMinutes,
    extraMinutes: extraMinutesOf(totalMinutes, requiredMinutes, absenceMinutes),
    requiredMinutes,
    absenceMinutes,
    running,
  };
}

/**
 * Figures for every day of `month` in `tz`, with the month's sums. `requiredByWeekday` holds the
 * required minutes Monday..Sunday; `opts.calendar` lowers them on public holidays and credits
 * approved absences (see dayRequirement). The month's total is the sum of its days' (floored) totals.
 */
export function monthFigures(
  sessions: Session[],
  month: string,
  tz: string,
  now: Date,
  requiredByWeekday: number[],
  opts: MonthFiguresOptions = {},
): MonthFigures {
  if (requiredByWeekday.length !== 7) {
    throw new RangeError(`Expected 7 required-minute values (Mon..Sun), got ${requiredByWeekday.length}`);
  }
  const includeRunning = opts.includeRunning ?? false;
  const dates = daysOfMonth(month);
  // Each day gets only the sessions that touch it (dayFigures ignores the others anyway): a month
  // of a busy user is hundreds of sessions, and handing every day all of them cost days × sessions.
  const starts = dates.map((date) => dayBounds(date, tz).start.getTime());
  const monthEnd = monthBounds(month, tz).end.getTime();
  const touching: Session[][] = dates.map(() => []);
  for (const session of sessions) {
    if (!includeRunning && session.stoppedAt === null) continue;
    const span = spanOf(session, now);
    if (span === null || overlapMs(span, starts[0] as number, monthEnd) <= 0) continue;
    // From the day the span starts in (the first day when it starts before the month), every day
    // that starts before it ends: the span overlaps the month, so each of those days it touches.
    for (let i = lastAtOrBefore(starts, span.start); i < dates.length && (starts[i] as number) < span.end; i++) {
      touching[i]?.push(session);
    }
  }

  const days = dates.map((date, i): MonthDayFigures => {
    const need = dayRequirement(date, requiredByWeekday, opts.calendar);
    const figures = dayFigures(touching[i] ?? [], date, tz, now, need.requiredMinutes, need.absenceMinutes);
    return { ...figures, holiday: need.holiday, absence: need.absence };
  });
  return {
    days,
    totalMinutes: days.reduce((sum, d) => sum + d.totalMinutes, 0),
    extraMinutes: days.reduce((sum, d) => sum + d.extraMinutes, 0),
    requiredMinutes: days.reduce((sum, d) => sum + d.requiredMinutes, 0),
    absenceMinutes: days.reduce((sum, d) => sum + d.absenceMinutes, 0),
  };
}

/** Index of the last of the ascending `values` that is ≤ `x`, or 0 when none is. */
function lastAtOrBefore(values: number[], x: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((values[mid] as number) <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
