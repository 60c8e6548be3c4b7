// Reading an instant in an IANA time zone through Intl; the host's own zone is never used.
import { formatDate, formatMonth, utcMs } from './calendar.ts';

export type WallClock = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    // Throws RangeError for an unknown zone, which is the error we want callers to see.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(tz, f);
  }
  return f;
}

export function assertValidInstant(instant: Date, what = 'instant'): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`Invalid ${what}`);
  return ms;
}

/** The wall clock shown in `tz` at epoch milliseconds `ms` (seconds precision). */
export function wallClockAt(ms: number, tz: string): WallClock {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(tz).formatToParts(ms)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? NaN,
    month: fields.month ?? NaN,
    day: fields.day ?? NaN,
    hour: fields.hour ?? NaN,
    minute: fields.minute ?? NaN,
    second: fields.second ?? NaN,
  };
}

/** How far `tz`'s wall clock is ahead of UTC at epoch milliseconds `ms`. */
export function zoneOffsetMs(ms: number, tz: string): number {
  const w = wallClockAt(ms, tz);
  const wholeSecond = ms - (((ms % 1000) + 1000) % 1000);
  return utcMs(w.year, w.month, w.day, w.hour, w.minute, w.second) - wholeSecond;
}

/** 'YYYY-MM-DD' of the instant as seen in `tz`. */
export function localDateOf(instant: Date, tz: string): string {
  const w = wallClockAt(assertValidInstant(instant), tz);
  return formatDate(w.year, w.month, w.day);
}

/** Today's 'YYYY-MM-DD' in `tz`. */
export function today(tz: string, now: Date = new Date()): string {
  return localDateOf(now, tz);
}

/** This month's 'YYYY-MM' in `tz`. */
export function currentMonth(tz: string, now: Date = new Date()): string {
  const w = wallClockAt(assertValidInstant(now), tz);
  return formatMonth(w.year, w.month);
}
