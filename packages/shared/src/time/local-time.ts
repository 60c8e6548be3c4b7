// Turning a local wall time in a zone back into UTC instants, and the bounds of local days.
import { addDays, addMonths, formatDate, parseDate, parseMonth, utcMs } from './calendar.ts';
import { zoneOffsetMs } from './zone.ts';

export type Bounds = { start: Date; end: Date };

export type LocalInstantResult =
  | { ok: true; instant: Date }
  | { ok: false; reason: 'NONEXISTENT' | 'AMBIGUOUS'; candidates: Date[] };

const TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const DAY_MS = 86_400_000;

/**
 * Every instant whose wall clock in `tz` reads `wall` (a wall reading taken as if it were UTC),
 * earliest first, plus the offsets in force around it. Offsets are sampled a day either side,
 * which sees any single transition near the wall time.
 */
function instantsShowing(wall: number, tz: string): { instants: number[]; offsets: number[] } {
  const offsets = [...new Set([wall - DAY_MS, wall, wall + DAY_MS].map((t) => zoneOffsetMs(t, tz)))];
  const instants = offsets
    .map((offset) => wall - offset)
    .filter((t) => zoneOffsetMs(t, tz) === wall - t)
    .sort((a, b) => a - b);
  return { instants: [...new Set(instants)], offsets };
}

/** The UTC instant of local `date` `time` ('HH:mm') in `tz`; gaps and repeats are reported, not guessed. */
export function localToInstant(date: string, time: string, tz: string): LocalInstantResult {
  const { year, month, day } = parseDate(date);
  const t = TIME_RE.exec(time);
  if (!t) throw new RangeError(`Expected HH:mm, got "${time}"`);
  const wall = utcMs(year, month, day, Number(t[1]), Number(t[2]));
  const { instants } = instantsShowing(wall, tz);
  const [only] = instants;
  if (instants.length === 1 && only !== undefined) return { ok: true, instant: new Date(only) };
  if (instants.length === 0) return { ok: false, reason: 'NONEXISTENT', candidates: [] };
  return { ok: false, reason: 'AMBIGUOUS', candidates: instants.map((ms) => new Date(ms)) };
}

// Local midnights are asked for over and over (every day of every month view, every session cut
// at midnight): remember them per zone and date. Bounded; it simply starts over when full.
const MAX_MIDNIGHTS = 20_000;
const midnights = new Map<string, number>();
const dayBoundsMs = new Map<string, [number, number]>();

/** The first instant of local `date` in `tz`: its midnight, or the end of a gap that swallowed midnight. */
function startOfLocalDay(date: string, tz: string): number {
  const key = `${tz}|${date}`;
  const known = midnights.get(key);
  if (known !== undefined) return known;
  const ms = computeStartOfLocalDay(date, tz);
  if (midnights.size >= MAX_MIDNIGHTS) midnights.clear();
  midnights.set(key, ms);
  return ms;
}

function computeStartOfLocalDay(date: string, tz: string): number {
  const { year, month, day } = parseDate(date);
  const wall = utcMs(year, month, day);
  const { instants, offsets } = instantsShowing(wall, tz);
  const [earliest] = instants;
  if (earliest !== undefined) return earliest;

  // Midnight fell into a spring-forward gap, so the day begins at the transition itself:
  // the first instant whose wall clock is at or past midnight. Search it by whole seconds.
  let before = wall - Math.max(...offsets);
  let after = wall - Math.min(...offsets);
  while (after - before > 1000) {
    const mid = before + Math.floor((after - before) / 2000) * 1000;
    if (mid + zoneOffsetMs(mid, tz) >= wall) after = mid;
    else before = mid;
  }
  return after;
}

/** [local midnight, next local midnight) of `date` in `tz`; 23 or 25 hours long on DST days. */
export function dayBounds(date: string, tz: string): Bounds {
  const key = `${tz}|${date}`;
  let ms = dayBoundsMs.get(key);
  if (!ms) {
    ms = [startOfLocalDay(date, tz), startOfLocalDay(addDays(date, 1), tz)];
    if (dayBoundsMs.size >= MAX_MIDNIGHTS) dayBoundsMs.clear();
    dayBoundsMs.set(key, ms);
  }
  // Fresh Date objects every time: a caller mutating one must not change the cache.
  return { start: new Date(ms[0]), end: new Date(ms[1]) };
}

/** [first local midnight of `month`, first local midnight of the next month) in `tz`. */
export function monthBounds(month: string, tz: string): Bounds {
  const { year, month: m } = parseMonth(month);
  const next = parseMonth(addMonths(month, 1));
  return {
    start: new Date(startOfLocalDay(formatDate(year, m, 1), tz)),
    end: new Date(startOfLocalDay(formatDate(next.year, next.month, 1), tz)),
  };
}
