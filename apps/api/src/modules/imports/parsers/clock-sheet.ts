import type { ImportRowError } from '@workdiary/shared';
import { yieldToLoop } from '../../../lib/loop-slices.ts';
import { cellOf, pickColumn, type Sheet, type SheetRecord } from './csv.ts';
import { hasMeridiem, parseDateText, parseTimeText, slashStyleOf, type ParseOutcome, type ParsedRow, type RowSink, type WallTime } from './fields.ts';

/** A tool's column names (normalised, lower case), each list in order of preference. */
export type ClockColumns = {
  tool: string;
  email: readonly string[];
  name: readonly string[];
  client: readonly string[];
  project: readonly string[];
  task: readonly string[];
  note: readonly string[];
  startDate: readonly string[];
  startTime: readonly string[];
  /** Absent in Kimai: the end is on the start's date, or the next day when it is not after the start. */
  endDate: readonly string[];
  endTime: readonly string[];
};

type Picked = { [K in Exclude<keyof ClockColumns, 'tool'>]: string | null };

const cell = (r: SheetRecord, column: string | null) => (column === null ? '' : cellOf(r, column));

/**
 * Reads an export whose rows carry clock times (Toggl, Clockify, Kimai). The date style (day or
 * month first) and the clock (12 or 24 hours) are decided from the whole file before any row is
 * read; a file that stays ambiguous is refused on row 1 rather than guessed.
 */
export async function parseClockSheet(sheet: Sheet, spec: ClockColumns, sink?: RowSink): Promise<ParseOutcome> {
  const { headers } = sheet;
  if (headers.length === 0) return { rows: [], total: 0, errors: [{ row: 1, code: 'EMPTY_FILE', message: 'The file is empty.' }] };
  const p: Picked = {
    email: pickColumn(headers, spec.email), name: pickColumn(headers, spec.name), client: pickColumn(headers, spec.client),
    project: pickColumn(headers, spec.project), task: pickColumn(headers, spec.task), note: pickColumn(headers, spec.note),
    startDate: pickColumn(headers, spec.startDate), startTime: pickColumn(headers, spec.startTime),
    endDate: pickColumn(headers, spec.endDate), endTime: pickColumn(headers, spec.endTime),
  };
  const missing: string[] = [];
  if (!p.email && !p.name) missing.push(spec.email[0] ?? spec.name[0] ?? 'user');
  if (!p.client && !p.project) missing.push(spec.client[0] ?? 'client');
  for (const key of ['startDate', 'startTime', 'endTime'] as const) if (!p[key]) missing.push(spec[key][0] ?? key);
  if (missing.length > 0) {
    return {
      rows: [], total: 0,
      errors: [{ row: 1, code: 'MISSING_COLUMN', message: `This is not a ${spec.tool} export as expected: the column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing.` }],
    };
  }

  // A first pass over the records as they are read (the reader gives the loop a turn now and
  // then), keeping nothing of them but the distinct dates (a file has few, so the style check below
  // is short) and the clock style; a second one reads the rows in that style. No pass holds the
  // file's records (values arrays of every column), only the rows read from them.
  const dates = new Set<string>();
  let total = 0;
  let times = 0;
  let twelve = 0;
  for await (const r of sheet.records()) {
    total += 1;
    dates.add(cell(r, p.startDate));
    dates.add(cell(r, p.endDate));
    for (const t of [cell(r, p.startTime), cell(r, p.endTime)]) {
      if (t === '') continue;
      times += 1;
      if (hasMeridiem(t)) twelve += 1;
    }
  }
  const style = slashStyleOf(dates);
  if (style === 'ambiguous' || style === 'mixed') {
    const message = style === 'ambiguous'
      ? 'The dates in this file read both as day/month/year and as month/day/year (no day is over 12). Set the date format in the tool\'s settings to YYYY-MM-DD (or export a range that includes a day after the 12th) and export again.'
      : 'The dates in this file are written both day first and month first. Export it again with one date format.';
    return { rows: [], total, errors: [{ row: 1, code: 'DATE_FORMAT_AMBIGUOUS', message }] };
  }
  if (twelve > 0 && twelve < times) {
    return { rows: [], total, errors: [{ row: 1, code: 'DATE_FORMAT_AMBIGUOUS', message: 'The times in this file are written both with AM/PM and as 24-hour times. Export it again with one time format.' }] };
  }
  await yieldToLoop();
  const slash = style === 'none' ? 'dmy' : style;
  const twelveHour = twelve > 0;

  const rows: ParsedRow[] = [];
  const emit = sink ?? ((row: ParsedRow) => { rows.push(row); });
  const errors: ImportRowError[] = [];
  for await (const r of sheet.records()) {
    const fail = (code: ImportRowError['code'], message: string) => errors.push({ row: r.line, code, message });
    const start = wallOf(cell(r, p.startDate), cell(r, p.startTime), slash, twelveHour);
    if (typeof start === 'string') { fail(start === 'date' ? 'INVALID_DATE' : 'INVALID_TIME', `The start "${cell(r, p.startDate)} ${cell(r, p.startTime)}" is not a date and time.`); continue; }
    const end = wallOf(p.endDate ? cell(r, p.endDate) || cell(r, p.startDate) : cell(r, p.startDate), cell(r, p.endTime), slash, twelveHour);
    if (typeof end === 'string') { fail(end === 'date' ? 'INVALID_DATE' : 'INVALID_TIME', `The end "${cell(r, p.endDate)} ${cell(r, p.endTime)}" is not a date and time.`); continue; }
    if (!p.endDate && `${end.date} ${end.time}:${end.seconds}` <= `${start.date} ${start.time}:${start.seconds}`) end.date = nextDay(end.date);
    const email = cell(r, p.email);
    const person = email || cell(r, p.name);
    if (!person) { fail('MISSING_VALUE', 'The row names no person.'); continue; }
    emit({
      row: r.line, kind: 'clock', person,
      client: cell(r, p.client), project: cell(r, p.project), task: cell(r, p.task), note: cell(r, p.note), start, end,
    });
  }
  return { rows, errors, total };
}

/** The wall time of a date cell and a time cell (the time cell may hold a whole "date time"). */
function wallOf(dateText: string, timeText: string, slash: 'dmy' | 'mdy', twelveHour: boolean): WallTime | 'date' | 'time' {
  let dateCell = dateText;
  let timeCell = timeText;
  const combined = /^(\S+)[ T](\d{1,2}:\d{2}.*)$/.exec(timeText.trim());
  if (combined && parseDateText(combined[1] ?? '', slash)) {
    dateCell = combined[1] ?? '';
    timeCell = combined[2] ?? '';
  }
  const date = parseDateText(dateCell, slash);
  if (!date) return 'date';
  const time = parseTimeText(timeCell, twelveHour);
  if (!time) return 'time';
  return { date, time: time.time, seconds: time.seconds };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
