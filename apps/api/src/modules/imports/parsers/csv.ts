import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { yieldToLoop } from '../../../lib/loop-slices.ts';

/**
 * One data record of a file: its cells in the header's order, its line (header = 1), and the
 * sheet's column index (header's normalised name → position; the last of equal names wins), one
 * Map for the whole sheet. An array a record instead of a Map a record: a 100,000-row file's
 * records took about five times the memory as Maps, and collecting them held the event loop.
 */
export type SheetRecord = { line: number; values: string[]; columns: ReadonlyMap<string, number> };
export type Sheet = { headers: string[]; records: AsyncIterable<SheetRecord> | Iterable<SheetRecord> };

/** The cell of `record` under the normalised header `column` ('' when the file has no such column or the row is short). */
export const cellOf = (record: SheetRecord, column: string): string => {
  const at = record.columns.get(column);
  return at === undefined ? '' : record.values[at] ?? '';
};

/** The column index of a header row, as SheetRecord describes it. */
export const columnsOf = (headers: readonly string[]): ReadonlyMap<string, number> => new Map(headers.map((h, i) => [h, i]));
/** "Start Date" → "start date"; BOMs, quotes' spaces and case do not matter. */
export const normaliseHeader = (h: string) => h.replace(/^\ufeff/, '').trim().toLowerCase().replace(/\s+/g, ' ');

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * The field delimiter: whichever of comma, semicolon and tab splits the header line (read by the
 * CSV parser itself) into the most columns. Exports put no line breaks in their headers.
 */
function delimiterOf(text: string): string {
  const end = text.search(/\r?\n|\r/);
  const header = (end === -1 ? text : text.slice(0, end)).replace(/^\ufeff/, '');
  let best: string = ',';
  let most = 0;
  for (const delimiter of DELIMITERS) {
    try {
      const [cells] = parseSync(header, { delimiter, relax_quotes: true, relax_column_count: true }) as string[][];
      if (cells && cells.length > most) {
        most = cells.length;
        best = delimiter;
      }
    } catch {
      // Not this one.
    }
  }
  return best;
}

const countLineBreaks = (s: string) => (s.match(/\r\n|\r|\n/g) ?? []).length;
const countCrLf = (s: string) => (s.match(/\r\n/g) ?? []).length;

/**
 * A CSV export read by csv-parse as a stream (comma, semicolon or tab; with or without a BOM;
 * quoted or not; Windows or Unix line ends). Each record's `line` is the line its first field is
 * on, counted the way an editor shows the file (csv-parse counts a CRLF inside quotes twice, which
 * is corrected here).
 */
export async function readCsv(buffer: Buffer): Promise<Sheet> {
  const head = buffer.subarray(0, 64 * 1024).toString('utf8');
  const delimiter = delimiterOf(head);
  const parser = Readable.from(chunks(buffer), { highWaterMark: 1 }).pipe(parse({
    bom: true, delimiter, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, skip_records_with_empty_values: true,
  }));
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  const first = await iterator.next();
  if (first.done) return { headers: [], records: [] };
  const headers = first.value.record.map(normaliseHeader);
  const columns = columnsOf(headers);
  let doubled = 0;
  async function* records(): AsyncGenerator<SheetRecord> {
    let count = 0;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      // The parser hands records on through promises only (no I/O between them): without a turn
      // of the loop now and then, a big file would be read in one block.
      if (++count % 500 === 0) await yieldToLoop();
      const { record, info } = next.value;
      let breaks = 0;
      for (const field of record) {
        if (field.length > 1 && (field.includes('\n') || field.includes('\r'))) {
          breaks += countLineBreaks(field);
          doubled += countCrLf(field);
        }
      }
      const values = new Array<string>(headers.length);
      for (let i = 0; i < headers.length; i++) values[i] = (record[i] ?? '').trim();
      yield { line: info.lines - doubled - breaks, values, columns };
    }
  }
  return { headers, records: records() };
}

/**
 * The upload in slices of 16 KiB (~100 rows): the parser reads a whole slice in one go, so a
 * small slice keeps that stretch short. One slice at a time (highWaterMark 1), as it is consumed.
 */
function* chunks(buffer: Buffer): Generator<Buffer> {
  for (let i = 0; i < buffer.length; i += 16_384) yield buffer.subarray(i, i + 16_384);
}

/** Which of `aliases` (normalised) the header has, first match wins. */
export function pickColumn(headers: string[], aliases: readonly string[]): string | null {
  for (const alias of aliases) if (headers.includes(alias)) return alias;
  return null;
}
