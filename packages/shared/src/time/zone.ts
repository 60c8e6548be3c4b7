// Reading an instant in an IANA time zone; the host's own zone is never used.
//
// Intl is the source of truth for a zone's rules but `formatToParts` is slow (it was 15 % of the
// diary's CPU time), so each zone's UTC offset is asked of Intl once per 6-hour bucket and cached:
// a bucket whose two ends share an offset has that offset throughout; one whose ends differ holds
// a transition, found to the second by bisection. That assumes no zone changes its offset twice
// within 6 hours, which holds for every transition in the tz database.
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

const floorSecond = (ms: number) => ms - (((ms % 1000) + 1000) % 1000);

/** The offset as Intl reports it (the slow path behind the cache). */
function intlOffsetMs(ms: number, tz: string): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(tz).formatToParts(ms)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = utcMs(fields.year ?? NaN, fields.month ?? NaN, fields.day ?? NaN, fields.hour ?? NaN, fields.minute ?? NaN, fields.second ?? NaN);
  return wall - floorSecond(ms);
}

const BUCKET_MS = 6 * 3_600_000;
/** A zone's buckets kept at most (about 34 years of 6-hour buckets); the cache starts over past it. */
const MAX_BUCKETS = 50_000;

/** One bucket: `offset` until `transitionAt` (if any), `after` from then on. */
type Bucket = { offset: number; transitionAt: number; after: number };

const bucketsByZone = new Map<string, Map<number, Bucket>>();

function bucketFor(index: number, tz: string): Bucket {
  let buckets = bucketsByZone.get(tz);
  let bucket = buckets?.get(index);
  if (bucket) return bucket;
  const start = index * BUCKET_MS;
  const end = start + BUCKET_MS;
  const offset = intlOffsetMs(start, tz);
  const after = intlOffsetMs(end, tz);
  let transitionAt = Infinity;
  if (after !== offset) {
    // The first whole second showing the new offset lies in (start, end].
    let lo = start;
    let hi = end;
    while (hi - lo > 1000) {
      const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
      if (intlOffsetMs(mid, tz) === offset) lo = mid;
      else hi = mid;
    }
    transitionAt = hi;
  }
  bucket = { offset, transitionAt, after };
  if (!buckets || buckets.size >= MAX_BUCKETS) {
    buckets = new Map();
    bucketsByZone.set(tz, buckets);
  }
  buckets.set(index, bucket);
  return bucket;
}

/** How far `tz`'s wall clock is ahead of UTC at epoch milliseconds `ms` (whole seconds). */
export function zoneOffsetMs(ms: number, tz: string): number {
  if (!Number.isFinite(ms)) throw new RangeError('Invalid time value');
  const bucket = bucketFor(Math.floor(ms / BUCKET_MS), tz);
  return floorSecond(ms) < bucket.transitionAt ? bucket.offset : bucket.after;
}

/** The wall clock shown in `tz` at epoch milliseconds `ms` (seconds precision). */
export function wallClockAt(ms: number, tz: string): WallClock {
  const d = new Date(floorSecond(ms) + zoneOffsetMs(ms, tz));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
  };
}

/** 'YYYY-MM-DD' of the instant as seen in `tz`. */
export function localDateOf(instant: Date, tz: string): string {
  const w = wallClockAt(assertValidInstant(instant), tz);
  return formatDate(w.year, w.month, w.day);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 'HH:mm' (24-hour) of the instant as seen in `tz`. */
export function localTimeOf(instant: Date, tz: string): string {
  const w = wallClockAt(assertValidInstant(instant), tz);
  return `${pad2(w.hour)}:${pad2(w.minute)}`;
}

/** '2026-03-29 09:15': the instant's local date and time in `tz`. */
export function localDateTimeLabel(instant: Date, tz: string): string {
  return `${localDateOf(instant, tz)} ${localTimeOf(instant, tz)}`;
}

/** '+02:00': how far `tz`'s clock is ahead of UTC at the instant (whole minutes). */
export function utcOffsetOf(instant: Date, tz: string): string {
  const offset = zoneOffsetMs(assertValidInstant(instant), tz);
  const minutes = Math.floor(Math.abs(offset) / 60_000);
  return `${offset < 0 ? '-' : '+'}${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
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
