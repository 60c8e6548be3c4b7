import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { FastifyReply } from 'fastify';
import { currencyFractionDigits, zoneOffsetMs } from '@workdiary/shared';

/**
 * Excel exports (SheetJS), one way for every sheet: a header row, real dates, durations as
 * numbers formatted [h]:mm plus decimal hours so SUM works, a totals row with SUM formulas,
 * column widths, an autofilter and a frozen header row (excel-worker.mjs). Text is always a string cell, so a note
 * like "=1+1" stays text. The workbook is zipped in a worker thread, off the event loop.
 *
 * Value conventions by kind:
 *   text     string            date/datetime/time  Date (an instant, shown in `tz`)
 *   duration MINUTES → [h]:mm  hours               MINUTES → decimal hours (unrounded, shown with 2 places)
 *   integer  number            money               integer MINOR units → major, currency format
 *   decimal  number with 2 places (e.g. an overtime factor 1.25: a number, never the text "1.25")
 *
 * Dates are date cells in the reader's style (`locale`): dd.mm.yyyy for German readers, ISO
 * yyyy-mm-dd otherwise. Numbers carry no separators of their own: Excel shows 1,25 to a German reader.
 */
export type ColumnKind = 'text' | 'date' | 'datetime' | 'time' | 'duration' | 'hours' | 'integer' | 'money' | 'decimal';

export type Column<R> = {
  header: string;
  kind: ColumnKind;
  width?: number;
  value: (row: R) => string | number | Date | null;
  /** Sum this column in the totals row (default: true for duration, hours, money). */
  total?: boolean;
  /**
   * The totals row shows this value (raw, like `value`'s) instead of a SUM of the column: a
   * figure rounded once over the whole, e.g. a report's amount (DOMAIN.md → Reports).
   */
  fixedTotal?: number;
};

export type XlsxSpec<R> = {
  sheetName: string;
  columns: Column<R>[];
  rows: readonly R[];
  /** The organisation's time zone: dates and times are shown as its wall clock. */
  tz: string;
  currency?: string;
  /** Label of the totals row (first column); false for none. Default 'Total'. */
  totals?: string | false;
  /** The reader's locale: the style of the date formats (default ISO). */
  locale?: string;
};

type Cell = { t: 's' | 'n'; v: string | number; z?: string; f?: string } | null;

const FORMATS: Partial<Record<ColumnKind, string>> = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  time: 'hh:mm',
  duration: '[h]:mm',
  hours: '0.00',
  integer: '0',
  decimal: '0.00',
};
/**
 * Date formats as a German reader writes them, 25.12.2026: the dots escaped (a literal in any
 * Excel, whatever its decimal separator; SheetJS reads the unescaped form as a number format).
 */
const GERMAN_FORMATS: Partial<Record<ColumnKind, string>> = { ...FORMATS, date: 'dd\\.mm\\.yyyy', datetime: 'dd\\.mm\\.yyyy hh:mm' };

/** The number formats for a reader of `locale`. */
export function formatsFor(locale: string | null | undefined): Partial<Record<ColumnKind, string>> {
  return locale?.toLowerCase().startsWith('de') ? GERMAN_FORMATS : FORMATS;
}
const DEFAULT_WIDTH: Record<ColumnKind, number> = { text: 18, date: 12, datetime: 17, time: 8, duration: 10, hours: 9, integer: 9, money: 14, decimal: 9 };
const SUMMED: ColumnKind[] = ['duration', 'hours', 'money'];

const EXCEL_EPOCH_DAYS = 25569; // 1970-01-01 as an Excel serial date

export function moneyFormat(currency: string): string {
  const digits = currencyFractionDigits(currency);
  return `#,##0${digits > 0 ? `.${'0'.repeat(digits)}` : ''} "${currency}"`;
}

/** `0` → A, `26` → AA */
export function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Longest a text column grows to fit its values (characters). */
export const MAX_TEXT_WIDTH = 60;

/**
 * The conventions every writer of a sheet shares (SheetJS here, the streaming writer in
 * xlsx-stream.ts): each column's number format, starting width, whether it is summed, and how a
 * value becomes the number in its cell.
 */
export function sheetLayout<R>(spec: { columns: Column<R>[]; tz: string; currency?: string; locale?: string }) {
  const { tz } = spec;
  const formatOf = formatsFor(spec.locale);
  const money = moneyFormat(spec.currency ?? 'EUR');
  const moneyDigits = currencyFractionDigits(spec.currency ?? 'EUR');
  const toNumber = (kind: ColumnKind, raw: string | number | Date): number => {
    switch (kind) {
      case 'date':
      case 'datetime':
      case 'time': {
        const ms = raw instanceof Date ? raw.getTime() : new Date(raw).getTime();
        const serial = (ms + zoneOffsetMs(ms, tz)) / 86_400_000 + EXCEL_EPOCH_DAYS; // shared zone math, cached per zone
        return kind === 'date' ? Math.floor(serial) : kind === 'time' ? serial - Math.floor(serial) : serial;
      }
      case 'duration': return Number(raw) / 1440;
      // Unrounded (the format shows two places): a column's SUM is then the total's hours exactly,
      // and a month sheet agrees with the payroll sheet (the figures module's rounding rule).
      case 'hours': return Number(raw) / 60;
      case 'money': return Number(raw) / 10 ** moneyDigits;
      default: return Number(raw);
    }
  };
  return {
    toNumber,
    /** Number format per column (null: text or general). */
    formats: spec.columns.map((c) => (c.kind === 'money' ? money : (formatOf[c.kind] ?? null))),
    /** Width per column before the values are seen; text columns grow to their longest value. */
    widths: spec.columns.map((c) => Math.max(c.width ?? DEFAULT_WIDTH[c.kind], c.header.length + 2)),
    summed: spec.columns.map((c) => c.total ?? SUMMED.includes(c.kind)),
    /** The totals row's number format of a column. */
    totalFormat: (c: Column<R>) => (c.kind === 'money' ? money : (formatOf[c.kind] ?? '0')),
  };
}

/** The totals cell's cached value: the column's sum (hours without the float dust of adding sixtieths). */
export function roundedTotal(kind: ColumnKind, sum: number): number {
  return kind === 'hours' ? Math.round(sum * 1e9) / 1e9 : sum;
}

/**
 * Prepares every column as compact data (numbers in transferable Float64Arrays, text as plain
 * string arrays; chunked so huge sheets yield to other requests), then the worker builds the
 * cells and zips the workbook.
 */
export async function buildXlsx<R>(spec: XlsxSpec<R>): Promise<Buffer> {
  const { columns, rows } = spec;
  const layout = sheetLayout(spec);
  const { toNumber } = layout;
  const widths = [...layout.widths];
  const data: Array<Float64Array | Array<string | null>> = columns.map((c) => (c.kind === 'text' ? new Array<string | null>(rows.length) : new Float64Array(rows.length)));

  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as R;
    for (let ci = 0; ci < columns.length; ci++) {
      const col = columns[ci] as Column<R>;
      const raw = col.value(row);
      const empty = raw === null || raw === undefined || raw === '';
      const target = data[ci] as Float64Array | Array<string | null>;
      if (target instanceof Float64Array) {
        target[i] = empty ? Number.NaN : toNumber(col.kind, raw);
      } else {
        const v = empty ? null : String(raw);
        target[i] = v;
        if (v && !col.width && v.length + 2 > (widths[ci] ?? 0)) widths[ci] = Math.min(MAX_TEXT_WIDTH, v.length + 2);
      }
    }
    if (i % 5000 === 4999) await new Promise((resolve) => setImmediate(resolve));
  }

  const lastDataRow = rows.length + 1; // 1-based, header is row 1
  let totals: Cell[] | null = null;
  if (spec.totals !== false) {
    totals = columns.map((c, ci) => {
      if (c.fixedTotal !== undefined) return { t: 'n', v: toNumber(c.kind, c.fixedTotal), z: layout.totalFormat(c) };
      const values = data[ci];
      if (!layout.summed[ci] || !(values instanceof Float64Array)) return null;
      let sum = 0;
      for (const v of values) if (!Number.isNaN(v)) sum += v;
      const ref = `${colName(ci)}2:${colName(ci)}${lastDataRow}`;
      return { t: 'n', v: roundedTotal(c.kind, sum), z: layout.totalFormat(c), ...(rows.length ? { f: `SUM(${ref})` } : {}) };
    });
    if (!totals[0]) totals[0] = { t: 's', v: spec.totals ?? 'Total' };
  }

  const autofilter = `A1:${colName(columns.length - 1)}${lastDataRow}`;
  const transfer = data.filter((d): d is Float64Array => d instanceof Float64Array).map((d) => d.buffer as ArrayBuffer);
  return runWorker({
    sheetName: spec.sheetName.slice(0, 31),
    header: columns.map((c) => c.header),
    formats: layout.formats,
    columns: data,
    rowCount: rows.length,
    totals,
    cols: widths.map((wch) => ({ wch })),
    autofilter,
  }, transfer);
}

function runWorker(data: unknown, transferList: ArrayBuffer[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./excel-worker.mjs', import.meta.url), { workerData: data, transferList });
    worker.once('message', (ab: ArrayBuffer) => {
      resolve(Buffer.from(ab));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`excel worker exited with ${code}`));
    });
  });
}

/** `acme-ltd_2026-02-01_2026-02-28.xlsx` */
export function xlsxFileName(...parts: string[]): string {
  const slug = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${parts.map(slug).filter(Boolean).join('_') || 'export'}.xlsx`;
}

/** Sends a built workbook, or one being streamed (xlsx-stream.ts). */
export function sendXlsx(reply: FastifyReply, file: Buffer | Readable, fileName: string) {
  return reply
    .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('Content-Disposition', `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('Cache-Control', 'no-store')
    .send(file);
}
