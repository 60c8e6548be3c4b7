import { Worker } from 'node:worker_threads';
import type { FastifyReply } from 'fastify';
import { currencyFractionDigits } from '@workdiary/shared';

/**
 * Excel exports (SheetJS), one way for every sheet: a header row, real dates, durations as
 * numbers formatted [h]:mm plus decimal hours so SUM works, a totals row with SUM formulas,
 * column widths, an autofilter and a frozen header. Text is always a string cell, so a note
 * like "=1+1" stays text. The workbook is zipped in a worker thread, off the event loop.
 *
 * Value conventions by kind:
 *   text     string            date/datetime/time  Date (an instant, shown in `tz`)
 *   duration MINUTES → [h]:mm  hours               MINUTES → decimal hours (2 places)
 *   integer  number            money               integer MINOR units → major, currency format
 */
export type ColumnKind = 'text' | 'date' | 'datetime' | 'time' | 'duration' | 'hours' | 'integer' | 'money';

export type Column<R> = {
  header: string;
  kind: ColumnKind;
  width?: number;
  value: (row: R) => string | number | Date | null;
  /** Sum this column in the totals row (default: true for duration, hours, money). */
  total?: boolean;
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
};

type Cell = { t: 's' | 'n'; v: string | number; z?: string; f?: string } | null;

const FORMATS: Partial<Record<ColumnKind, string>> = {
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
  time: 'hh:mm',
  duration: '[h]:mm',
  hours: '0.00',
  integer: '0',
};
const DEFAULT_WIDTH: Record<ColumnKind, number> = { text: 18, date: 12, datetime: 17, time: 8, duration: 10, hours: 9, integer: 9, money: 14 };
const SUMMED: ColumnKind[] = ['duration', 'hours', 'money'];

/** Wall-clock offset of `tz` at an instant, cached per 15 minutes (zone changes fall on those). */
function offsetFinder(tz: string) {
  const fmt = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const cache = new Map<number, number>();
  return (ms: number): number => {
    const bucket = Math.floor(ms / 900_000);
    const hit = cache.get(bucket);
    if (hit !== undefined) return hit;
    const p = Object.fromEntries(fmt.formatToParts(new Date(bucket * 900_000)).map((x) => [x.type, x.value]));
    const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
    const offset = wall - bucket * 900_000;
    cache.set(bucket, offset);
    return offset;
  };
}

const EXCEL_EPOCH_DAYS = 25569; // 1970-01-01 as an Excel serial date

export function moneyFormat(currency: string): string {
  const digits = currencyFractionDigits(currency);
  return `#,##0${digits > 0 ? `.${'0'.repeat(digits)}` : ''} "${currency}"`;
}

function colName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Prepares every cell (fast, chunked so huge sheets yield to other requests), then zips in a worker. */
export async function buildXlsx<R>(spec: XlsxSpec<R>): Promise<Buffer> {
  const { columns, rows, tz } = spec;
  const offsetAt = offsetFinder(tz);
  const money = moneyFormat(spec.currency ?? 'EUR');
  const moneyDigits = currencyFractionDigits(spec.currency ?? 'EUR');
  const out: Cell[][] = [columns.map((c) => ({ t: 's', v: c.header }))];
  const widths = columns.map((c) => Math.max(c.width ?? DEFAULT_WIDTH[c.kind], c.header.length + 2));

  const toCell = (col: Column<R>, raw: string | number | Date | null, ci: number): Cell => {
    if (raw === null || raw === undefined || raw === '') return null;
    switch (col.kind) {
      case 'text': {
        const v = String(raw);
        if (!col.width && v.length + 2 > (widths[ci] ?? 0)) widths[ci] = Math.min(60, v.length + 2);
        return { t: 's', v };
      }
      case 'date':
      case 'datetime':
      case 'time': {
        const ms = raw instanceof Date ? raw.getTime() : new Date(raw).getTime();
        const serial = (ms + offsetAt(ms)) / 86_400_000 + EXCEL_EPOCH_DAYS;
        const v = col.kind === 'date' ? Math.floor(serial) : col.kind === 'time' ? serial - Math.floor(serial) : serial;
        return { t: 'n', v, z: FORMATS[col.kind] as string };
      }
      case 'duration':
        return { t: 'n', v: Number(raw) / 1440, z: FORMATS.duration as string };
      case 'hours':
        return { t: 'n', v: Math.round((Number(raw) / 60) * 100) / 100, z: FORMATS.hours as string };
      case 'money':
        return { t: 'n', v: Number(raw) / 10 ** moneyDigits, z: money };
      case 'integer':
        return { t: 'n', v: Number(raw), z: FORMATS.integer as string };
    }
  };

  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as R;
    out.push(columns.map((c, ci) => toCell(c, c.value(row), ci)));
    if (i % 5000 === 4999) await new Promise((resolve) => setImmediate(resolve));
  }

  const lastDataRow = rows.length + 1; // 1-based, header is row 1
  if (spec.totals !== false) {
    const totals: Cell[] = columns.map((c, ci) => {
      if (!(c.total ?? SUMMED.includes(c.kind))) return null;
      let sum = 0;
      for (let r = 1; r < out.length; r++) sum += Number(out[r]?.[ci]?.v ?? 0);
      if (c.kind === 'hours') sum = Math.round(sum * 100) / 100;
      const ref = `${colName(ci)}2:${colName(ci)}${lastDataRow}`;
      return { t: 'n', v: sum, z: c.kind === 'money' ? money : (FORMATS[c.kind] ?? '0'), ...(rows.length ? { f: `SUM(${ref})` } : {}) };
    });
    if (!totals[0]) totals[0] = { t: 's', v: spec.totals ?? 'Total' };
    out.push(totals);
  }

  const autofilter = `A1:${colName(columns.length - 1)}${lastDataRow}`;
  return runWorker({ sheetName: spec.sheetName.slice(0, 31), rows: out, cols: widths.map((wch) => ({ wch })), autofilter });
}

function runWorker(data: unknown): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./excel-worker.mjs', import.meta.url), { workerData: data });
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

export function sendXlsx(reply: FastifyReply, buffer: Buffer, fileName: string) {
  return reply
    .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('Content-Disposition', `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('Cache-Control', 'no-store')
    .send(buffer);
}
