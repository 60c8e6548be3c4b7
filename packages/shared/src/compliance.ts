// Working-time law (Germany's ArbZG by default): every local day judged from a user's sessions.
// Pure: the sessions, the organisation's zone, its public holidays and the rules switched on go
// in; findings come out. Days are cut at local midnights by the shared time math (dayBounds), so
// a session across midnight belongs to both days by its parts; durations are real elapsed time
// (a DST night is 23 or 25 hours), never wall-clock differences.
//
//  - BREAK_MISSING     more than 6 h worked and less than 30 min of breaks; more than 9 h and less than 45 min
//  - STRETCH_TOO_LONG  more than 6 h worked without a break
//  - DAILY_MAX         more than 10 h worked
//  - REST_SHORT        less than 11 h from the last stop of a day to the first start of a later day
//                      (reported on the later day)
//  - SUNDAY_WORK, HOLIDAY_WORK  any work on a Sunday or a public holiday
//
// Net working time counts: a gap between two sessions is a break, but only a gap of at least
// 15 minutes counts toward the required 30/45 minutes and interrupts a stretch (§4 ArbZG).
// Minutes are whole minutes, floored once per figure (as the figures module does for a day).
// Only finished sessions are judged: a running timer's day is judged when it stops.
import { parseDate, utcMs, weekdayIndex } from './time/calendar.ts';
import { dayBounds } from './time/local-time.ts';
import { dayMinutes, spanOf, type Session } from './time/sessions.ts';
import { localDateOf } from './time/zone.ts';

export const COMPLIANCE_RULES = ['BREAK_MISSING', 'STRETCH_TOO_LONG', 'DAILY_MAX', 'REST_SHORT', 'SUNDAY_WORK', 'HOLIDAY_WORK'] as const;
export type ComplianceRule = (typeof COMPLIANCE_RULES)[number];

/**
 * One rule broken on one local day. `minutes` is the figure the rule judged: BREAK_MISSING the
 * break minutes taken (gaps ≥ 15 min), STRETCH_TOO_LONG the longest stretch worked without such a
 * break, DAILY_MAX / SUNDAY_WORK / HOLIDAY_WORK the day's net minutes worked, REST_SHORT the rest.
 */
export type ComplianceFinding = { date: string; rule: ComplianceRule; minutes: number };

export const BREAK_MIN_MS = 15 * 60_000;
const MINUTE_MS = 60_000;
const REST_MIN_MS = 11 * 60 * MINUTE_MS;

export type ComplianceInput = {
  sessions: readonly Session[];
  tz: string;
  /** Local dates ('YYYY-MM-DD') that are public holidays where the organisation works. */
  holidays: ReadonlySet<string> | readonly string[];
  /** Rules to judge; left out: all of them. */
  rules?: readonly ComplianceRule[];
  /** Only findings on dates within [from, to] (inclusive); left out: every date the sessions touch. */
  from?: string;
  to?: string;
};

type Piece = { start: number; end: number };

/** Finished sessions as sorted, disjoint spans (overlapping or touching ones merged). */
function mergedSpans(sessions: readonly Session[]): Piece[] {
  const spans: Piece[] = [];
  for (const s of sessions) {
    if (s.stoppedAt === null) continue;
    const span = spanOf(s, s.stoppedAt);
    if (span) spans.push({ start: span.start, end: span.end });
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Piece[] = [];
  for (const s of spans) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}

/** The spans cut at local midnights: date → its pieces, in order. */
type LocalDay = { date: string; start: number; end: number };

/**
 * The local day [midnight, next midnight) of an instant, remembering the last one found: the spans
 * come in order, so most fall on the day before them and need no zone lookup (a month of every
 * user's sessions is some 90,000 of them; a lookup each was most of the overview's time).
 */
function localDays(tz: string): (ms: number) => LocalDay {
  let last: LocalDay | null = null;
  return (ms) => {
    if (last && ms >= last.start && ms < last.end) return last;
    const date = localDateOf(new Date(ms), tz);
    const { start, end } = dayBounds(date, tz);
    last = { date, start: start.getTime(), end: end.getTime() };
    return last;
  };
}

function piecesByDay(spans: readonly Piece[], dayOf: (ms: number) => LocalDay): Map<string, Piece[]> {
  const days = new Map<string, Piece[]>();
  for (const span of spans) {
    let day = dayOf(span.start);
    for (;;) {
      const s = Math.max(span.start, day.start);
      const e = Math.min(span.end, day.end);
      if (e > s) {
        const list = days.get(day.date) ?? [];
        list.push({ start: s, end: e });
        days.set(day.date, list);
      }
      if (day.end >= span.end) break;
      day = dayOf(day.end);
    }
  }
  return days;
}

/** A day's net work, its breaks (gaps ≥ 15 min) and its longest stretch without one, in ms. */
export function dayShape(pieces: readonly Piece[]): { workedMs: number; breakMs: number; longestStretchMs: number } {
  let workedMs = 0;
  let breakMs = 0;
  let stretch = 0;
  let longestStretchMs = 0;
  let previousEnd: number | null = null;
  for (const p of pieces) {
    if (previousEnd !== null && p.start - previousEnd >= BREAK_MIN_MS) {
      breakMs += p.start - previousEnd;
      stretch = 0;
    }
    workedMs += p.end - p.start;
    stretch += p.end - p.start;
    longestStretchMs = Math.max(longestStretchMs, stretch);
    previousEnd = p.end;
  }
  return { workedMs, breakMs, longestStretchMs };
}

/** Every finding of the sessions' days, by date and then in the order of COMPLIANCE_RULES. */
export function complianceFindings({ sessions, tz, holidays, rules = COMPLIANCE_RULES, from, to }: ComplianceInput): ComplianceFinding[] {
  const on = new Set(rules);
  const holidaySet = holidays instanceof Set ? holidays : new Set(holidays as readonly string[]);
  const spans = mergedSpans(sessions);
  const dayOf = localDays(tz);
  const days = piecesByDay(spans, dayOf);
  const found: ComplianceFinding[] = [];
  const inRange = (date: string) => (from === undefined || date >= from) && (to === undefined || date <= to);

  for (const [date, pieces] of days) {
    if (!inRange(date)) continue;
    const { workedMs, breakMs, longestStretchMs } = dayShape(pieces);
    const worked = dayMinutes(workedMs);
    const breaks = dayMinutes(breakMs);
    if (on.has('BREAK_MISSING') && ((worked > 540 && breaks < 45) || (worked > 360 && breaks < 30))) {
      found.push({ date, rule: 'BREAK_MISSING', minutes: breaks });
    }
    const stretch = dayMinutes(longestStretchMs);
    if (on.has('STRETCH_TOO_LONG') && stretch > 360) found.push({ date, rule: 'STRETCH_TOO_LONG', minutes: stretch });
    if (on.has('DAILY_MAX') && worked > 600) found.push({ date, rule: 'DAILY_MAX', minutes: worked });
    if (on.has('SUNDAY_WORK') && workedMs > 0 && weekdayIndex(date) === 6) found.push({ date, rule: 'SUNDAY_WORK', minutes: worked });
    if (on.has('HOLIDAY_WORK') && workedMs > 0 && holidaySet.has(date)) found.push({ date, rule: 'HOLIDAY_WORK', minutes: worked });
  }

  if (on.has('REST_SHORT')) {
    // A span starting on a later day than the previous stop is the first start of its day: the
    // rest runs from that stop (a stop at midnight is the earlier day's) to this start.
    for (let i = 1; i < spans.length; i++) {
      const span = spans[i] as Piece;
      const previousEnd = (spans[i - 1] as Piece).end;
      const { date, start } = dayOf(span.start);
      if (!inRange(date)) continue;
      if (previousEnd > start) continue;
      const rest = span.start - previousEnd;
      if (rest < REST_MIN_MS) found.push({ date, rule: 'REST_SHORT', minutes: dayMinutes(rest) });
    }
  }

  const order = new Map(COMPLIANCE_RULES.map((r, i) => [r, i]));
  return found.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : (order.get(a.rule) ?? 0) - (order.get(b.rule) ?? 0)));
}

/** Mon–Sat dates of [from, to] that are not public holidays: the workdays (Werktage) of §3 ArbZG. */
export function workdaysBetween(from: string, to: string, holidays: ReadonlySet<string>): number {
  if (to < from) return 0;
  const dayMs = (date: string) => { const { year, month, day } = parseDate(date); return utcMs(year, month, day); };
  const days = Math.round((dayMs(to) - dayMs(from)) / 86_400_000) + 1;
  // Counted, not walked (every month view asks for six months): the Sundays among `days` days
  // from a weekday w (0 = Monday) are ⌊(days + w) / 7⌋; then the holidays on the other days.
  let count = days - Math.floor((days + weekdayIndex(from)) / 7);
  for (const h of holidays) if (h >= from && h <= to && weekdayIndex(h) !== 6) count -= 1;
  return count;
}

/**
 * §3 ArbZG: the average minutes worked per workday (Mon–Sat, public holidays not counted) over
 * [from, to] (six calendar months); at most 480 keeps days of up to 10 h lawful. Null when the
 * range has no workday.
 */
export function averageWorkdayMinutes(totalMinutes: number, from: string, to: string, holidays: ReadonlySet<string>): number | null {
  const days = workdaysBetween(from, to, holidays);
  return days === 0 ? null : Math.floor(totalMinutes / days);
}
