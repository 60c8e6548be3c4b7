// Plain calendar dates ('YYYY-MM-DD') and months ('YYYY-MM'), independent of any time zone.
// Arithmetic goes through Date.UTC so the host's own zone can never leak in.

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;
const DAY_MS = 86_400_000;

export type YearMonth = { year: number; month: number };
export type YearMonthDay = YearMonth & { day: number };

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Milliseconds since the epoch of a wall-clock reading taken as if it were UTC. */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number {
  const d = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  // Date.UTC maps years 0..99 to 1900..1999; set the year separately to keep it literal.
  d.setUTCFullYear(year, month - 1, day);
  return d.getTime();
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month + 1, 0)).getUTCDate();
}

export function parseMonth(month: string): YearMonth {
  const m = MONTH_RE.exec(month);
  const monthNumber = Number(m?.[2]);
  if (!m || monthNumber < 1 || monthNumber > 12) throw new RangeError(`Expected YYYY-MM, got "${month}"`);
  return { year: Number(m[1]), month: monthNumber };
}

export function parseDate(date: string): YearMonthDay {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`Expected YYYY-MM-DD, got "${date}"`);
  const { year, month } = parseMonth(`${m[1]}-${m[2]}`);
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) throw new RangeError(`No such date "${date}"`);
  return { year, month, day };
}

export function formatMonth(year: number, month: number): string {
  return `${pad(year, 4)}-${pad(month, 2)}`;
}

export function formatDate(year: number, month: number, day: number): string {
  return `${formatMonth(year, month)}-${pad(day, 2)}`;
}

function dateOfUtcMs(ms: number): string {
  const d = new Date(ms);
  return formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The calendar date n days after `date` (n may be negative). */
export function addDays(date: string, n: number): string {
  const { year, month, day } = parseDate(date);
  return dateOfUtcMs(utcMs(year, month, day) + n * DAY_MS);
}

/** 'YYYY-MM' of a 'YYYY-MM-DD'. */
export function monthOf(date: string): string {
  const { year, month } = parseDate(date);
  return formatMonth(year, month);
}

/** The month n months after `month` (n may be negative). */
export function addMonths(month: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`Expected a whole number of months, got ${n}`);
  const { year, month: m } = parseMonth(month);
  const index = year * 12 + (m - 1) + n;
  return formatMonth(Math.floor(index / 12), (((index % 12) + 12) % 12) + 1);
}

/** Every date of the month, in order. */
export function daysOfMonth(month: string): string[] {
  const { year, month: m } = parseMonth(month);
  const count = daysInMonth(year, m);
  return Array.from({ length: count }, (_, i) => formatDate(year, m, i + 1));
}

/** Monday = 0 … Sunday = 6, matching the order of required minutes per weekday. */
export function weekdayIndex(date: string): number {
  const { year, month, day } = parseDate(date);
  return (new Date(utcMs(year, month, day)).getUTCDay() + 6) % 7;
}

/** Saturday or Sunday. Whether a day needs work is decided by required minutes, not by this. */
export function isWeekend(date: string): boolean {
  return weekdayIndex(date) >= 5;
}
