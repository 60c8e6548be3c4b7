import type { ImportFormat, ImportRowError } from '@workdiary/shared';
import * as XLSX from 'xlsx';
import { cellOf, columnsOf, headOf, normaliseHeader, pickColumn, readCsv, wholeOf, type FileBytes, type Sheet, type SheetRecord } from './csv.ts';
import { parseClockSheet, type ClockColumns } from './clock-sheet.ts';
import { parseDateText, parseHours, slashStyleOf, type ParseOutcome, type ParsedRow, type RowSink } from './fields.ts';

export type { ParsedRow, ParseOutcome, RowSink, WallTime } from './fields.ts';

// The column names as each tool writes them in its export (compared in lower case). The first of
// each list is the one named in messages.

/** Toggl Track, Reports → Detailed → Export → CSV (older exports say "User", newer "Member"). */
export const TOGGL: ClockColumns = {
  tool: 'Toggl Track detailed report',
  email: ['email'], name: ['user', 'member'], client: ['client'], project: ['project'], task: ['task'], note: ['description'],
  startDate: ['start date'], startTime: ['start time'], endDate: ['end date'], endTime: ['end time'],
};

/** Clockify, Reports → Detailed → Export → Save as CSV. */
export const CLOCKIFY: ClockColumns = {
  tool: 'Clockify detailed report',
  email: ['email'], name: ['user'], client: ['client'], project: ['project'], task: ['task'], note: ['description'],
  startDate: ['start date'], startTime: ['start time'], endDate: ['end date'], endTime: ['end time'],
};

/** Kimai, Times → Export (CSV or Excel), in English or German. */
export const KIMAI: ClockColumns = {
  tool: 'Kimai export',
  email: ['e-mail', 'email', 'e-mail-adresse'], name: ['user', 'benutzer', 'username', 'benutzername', 'name'],
  client: ['customer', 'kunde'], project: ['project', 'projekt'], task: ['activity', 'tätigkeit', 'aktivität'], note: ['description', 'beschreibung'],
  startDate: ['date', 'datum'], startTime: ['from', 'von', 'begin', 'beginn'], endDate: [], endTime: ['to', 'bis', 'end', 'ende'],
};

/** Harvest, Reports → Time → Detailed time report → Export → CSV. */
const HARVEST = {
  date: ['date'], client: ['client'], project: ['project'], task: ['task'], note: ['notes'], hours: ['hours'],
  firstName: ['first name'], lastName: ['last name'],
} as const;

const isZip = (bytes: FileBytes) => {
  const b = headOf(bytes, 5);
  return b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
};

/**
 * Reads `bytes` as the export of `format`: the rows it could read (to `sink` as they are read, when
 * given) and the row errors of the rest.
 */
export async function parseExport(format: ImportFormat, bytes: FileBytes, sink?: RowSink): Promise<ParseOutcome> {
  const zip = isZip(bytes);
  if (zip && format !== 'kimai') {
    return { rows: [], total: 0, errors: [{ row: 1, code: 'MISSING_COLUMN', message: 'This is an Excel file: export a CSV file from the tool instead.' }] };
  }
  const sheet = zip ? readXlsx(wholeOf(bytes)) : await readCsv(bytes);
  switch (format) {
    case 'toggl': return parseClockSheet(sheet, TOGGL, sink);
    case 'clockify': return parseClockSheet(sheet, CLOCKIFY, sink);
    case 'kimai': return parseClockSheet(sheet, KIMAI, sink);
    case 'harvest': return parseHarvest(sheet, sink);
  }
}

const XLSX_DATE_COLUMNS = new Set(['date', 'datum']);
const XLSX_TIME_COLUMNS = new Set([...KIMAI.startTime, ...KIMAI.endTime]);
const pad = (n: number) => String(n).padStart(2, '0');

/** An Excel cell as the text a CSV export would hold: real dates and times as 2026-03-12 and 09:30:00. */
function xlsxText(value: unknown, header: string): string {
  if (typeof value !== 'number') return value === null || value === undefined ? '' : String(value).trim();
  const isDate = XLSX_DATE_COLUMNS.has(header);
  const isTime = XLSX_TIME_COLUMNS.has(header);
  if (!isDate && !isTime) return String(value);
  const c = XLSX.SSF.parse_date_code(value);
  if (!c) return String(value);
  const date = `${c.y}-${pad(c.m)}-${pad(c.d)}`;
  const time = `${pad(c.H)}:${pad(c.M)}:${pad(Math.floor(c.S))}`;
  if (isDate) return date;
  return value >= 1 ? `${date} ${time}` : time;
}

/** The first sheet of a workbook as records; `line` is the sheet's row number (header = 1). */
function readXlsx(buffer: Buffer): Sheet {
  const book = XLSX.read(buffer, { type: 'buffer', cellDates: false });
  const ws = book.SheetNames[0] ? book.Sheets[book.SheetNames[0]] : undefined;
  if (!ws) return { headers: [], records: () => [] };
  const grid = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: '', blankrows: true });
  const first = ws['!ref'] ? XLSX.utils.decode_range(ws['!ref']).s.r : 0;
  const headerIndex = grid.findIndex((r) => r.some((v) => String(v).trim() !== ''));
  if (headerIndex === -1) return { headers: [], records: () => [] };
  const headers = (grid[headerIndex] ?? []).map((h) => normaliseHeader(String(h)));
  const columns = columnsOf(headers);
  const records: SheetRecord[] = [];
  for (let i = headerIndex + 1; i < grid.length; i += 1) {
    const row = grid[i] ?? [];
    if (!row.some((v) => String(v).trim() !== '')) continue;
    records.push({ line: first + i + 1, values: headers.map((h, j) => xlsxText(row[j], h)), columns });
  }
  return { headers, records: () => records };
}

/**
 * Harvest's detailed time report: a date and hours (1.5, "1,5" or 1:30), no clock times, and the
 * person as first and last name. The rows keep their file order; the service lays each person's
 * day out from 08:00.
 */
async function parseHarvest(sheet: Sheet, sink?: RowSink): Promise<ParseOutcome> {
  const { headers } = sheet;
  if (headers.length === 0) return { rows: [], total: 0, errors: [{ row: 1, code: 'EMPTY_FILE', message: 'The file is empty.' }] };
  const col = Object.fromEntries(Object.entries(HARVEST).map(([k, aliases]) => [k, pickColumn(headers, aliases)])) as Record<keyof typeof HARVEST, string | null>;
  const missing = (['date', 'hours', 'firstName', 'lastName'] as const).filter((k) => !col[k]).map((k) => `"${HARVEST[k][0]}"`);
  if (!col.client && !col.project) missing.push('"client"');
  if (missing.length > 0) {
    return { rows: [], total: 0, errors: [{ row: 1, code: 'MISSING_COLUMN', message: `This is not a Harvest time report as expected: ${missing.join(', ')} missing.` }] };
  }
  const get = (r: SheetRecord, k: keyof typeof HARVEST) => {
    const column = col[k];
    return column ? cellOf(r, column) : '';
  };
  // Two passes, as parseClockSheet: the dates' style from all rows, then the rows in that style.
  const dates = new Set<string>();
  let total = 0;
  for await (const r of sheet.records()) {
    total += 1;
    dates.add(get(r, 'date'));
  }
  const style = slashStyleOf(dates);
  if (style === 'ambiguous' || style === 'mixed') {
    return { rows: [], total, errors: [{ row: 1, code: 'DATE_FORMAT_AMBIGUOUS', message: 'The dates in this file read both as day/month and as month/day. Export it again with dates as YYYY-MM-DD.' }] };
  }
  const rows: ParsedRow[] = [];
  const emit = sink ?? ((row: ParsedRow) => { rows.push(row); });
  const errors: ImportRowError[] = [];
  for await (const r of sheet.records()) {
    const date = parseDateText(get(r, 'date'), style === 'none' ? 'dmy' : style);
    if (!date) { errors.push({ row: r.line, code: 'INVALID_DATE', message: `"${get(r, 'date')}" is not a date.` }); continue; }
    const minutes = parseHours(get(r, 'hours'));
    if (minutes === null || minutes <= 0 || minutes > 24 * 60) {
      errors.push({ row: r.line, code: 'INVALID_DURATION', message: `"${get(r, 'hours')}" hours is not a duration between 0 and 24 hours.` });
      continue;
    }
    const person = `${get(r, 'firstName')} ${get(r, 'lastName')}`.trim();
    if (!person) { errors.push({ row: r.line, code: 'MISSING_VALUE', message: 'The row names no person.' }); continue; }
    emit({ row: r.line, kind: 'day', person, client: get(r, 'client'), project: get(r, 'project'), task: get(r, 'task'), note: get(r, 'note'), date, minutes });
  }
  return { rows, errors, total };
}
