import type { ImportRowError } from '@workdiary/shared';

/** A wall-clock reading in the file: the local date and time, to be read in the import's zone. */
export type WallTime = { date: string; time: string; seconds: number };

/** One row of an export as every tool's parser hands it on. `row`: its line in the file (header = 1). */
export type ParsedRow = {
  row: number;
  /** Email when the tool has one, else the person's name (Harvest). */
  person: string;
  client: string;
  project: string;
  /** Task or activity. */
  task: string;
  note: string;
} & (
  | { kind: 'clock'; start: WallTime; end: WallTime }
  /** Harvest: a day and a number of minutes, laid out from 08:00 later. */
  | { kind: 'day'; date: string; minutes: number }
);

export type ParseOutcome = { rows: ParsedRow[]; errors: ImportRowError[]; total: number };
/**
 * Takes each row as it is read, instead of the outcome's `rows` (then empty): the import works a
 * row out as the file is read, and never holds the rows of a big file beside what it makes of them.
 */
export type RowSink = (row: ParsedRow) => void;

export type SlashStyle = 'dmy' | 'mdy';

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DOTS = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;
const SLASH = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * How the file writes day and month in slashed dates (12/03/2026), decided from every date in it:
 * a first part over 12 can only be a day, a second part over 12 only a day too. Files whose slashed
 * dates all read both ways are 'ambiguous' (unless each has day = month); both kinds of evidence:
 * 'mixed'. ISO and dotted dates (always day first) decide nothing and need nothing.
 */
export function slashStyleOf(values: Iterable<string>): SlashStyle | 'ambiguous' | 'mixed' | 'none' {
  let dayFirst = false;
  let monthFirst = false;
  let slashed = false;
  let symmetric = true;
  for (const value of values) {
    if (!value.includes('/')) continue;
    const m = SLASH.exec(value.trim().split(/[ T]/)[0] ?? '');
    if (!m) continue;
    slashed = true;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (a > 12) dayFirst = true;
    if (b > 12) monthFirst = true;
    if (a !== b) symmetric = false;
  }
  if (!slashed) return 'none';
  if (dayFirst && monthFirst) return 'mixed';
  if (dayFirst) return 'dmy';
  if (monthFirst) return 'mdy';
  return symmetric ? 'dmy' : 'ambiguous';
}

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1970 || y > 2199) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** 'YYYY-MM-DD' of 2026-03-12, 12.03.2026 or 12/03/2026 (read in `slash` style); null: not a date. */
export function parseDateText(value: string, slash: SlashStyle = 'dmy'): string | null {
  const v = value.trim();
  let m = ISO.exec(v);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DOTS.exec(v);
  if (m) return validDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = SLASH.exec(v);
  if (m) return slash === 'dmy' ? validDate(Number(m[3]), Number(m[2]), Number(m[1])) : validDate(Number(m[3]), Number(m[1]), Number(m[2]));
  return null;
}

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp])?\.?\s*(?:[Mm]\.?)?$/;

export const hasMeridiem = (value: string) => /\d\s*[AaPp]\.?\s*[Mm]\.?\s*$/.test(value.trim());

/** { time: 'HH:mm', seconds } of 17:05, 17:05:09, 5:05 PM, 5:05:09 pm; null: not a clock time (or 12-hour without AM/PM when `twelveHour`). */
export function parseTimeText(value: string, twelveHour: boolean): { time: string; seconds: number } | null {
  const m = TIME.exec(value.trim());
  if (!m) return null;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const s = m[3] === undefined ? 0 : Number(m[3]);
  if (min > 59 || s > 59) return null;
  const meridiem = m[4]?.toLowerCase();
  if (twelveHour) {
    if (!meridiem || h < 1 || h > 12) return null;
    if (meridiem === 'a' && h === 12) h = 0;
    if (meridiem === 'p' && h !== 12) h += 12;
  } else if (meridiem || h > 23) {
    return null;
  }
  return { time: `${pad(h)}:${pad(min)}`, seconds: s };
}

/** Hours as Harvest writes them, in any locale: 1.5, 1,5, 1:30; whole minutes, or null. */
export function parseHours(value: string): number | null {
  const v = value.trim();
  const clock = /^(\d+):([0-5]\d)$/.exec(v);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  if (!/^\d+(?:[.,]\d+)?$/.test(v)) return null;
  return Math.round(Number(v.replace(',', '.')) * 60);
}
