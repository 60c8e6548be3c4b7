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
/**
 * A sheet's header and its records, read afresh on each call of `records` (a parser takes two
 * passes: the file's date and clock style from all its rows, then the rows in that style), so no
 * parser holds every record of a big file at once.
 */
export type Sheet = { headers: string[]; records: () => AsyncIterable<SheetRecord> | Iterable<SheetRecord> };

/**
 * An uploaded file: one buffer, or the chunks as they arrived (imports.routes.ts keeps a body that
 * way instead of copying up to 50 MB into one buffer in one stretch of the event loop).
 */
export type FileBytes = Buffer | readonly Buffer[];
const chunksOf = (bytes: FileBytes): readonly Buffer[] => (Buffer.isBuffer(bytes) ? [bytes] : bytes);
/** The file's first `n` bytes (or all of a smaller file). */
export function headOf(bytes: FileBytes, n: number): Buffer {
  const parts: Buffer[] = [];
  let length = 0;
  for (const chunk of chunksOf(bytes)) {
    if (length >= n) break;
    parts.push(chunk.subarray(0, n - length));
    length += parts.at(-1)?.length ?? 0;
  }
  return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
}
/** The whole file as one buffer (for a workbook, which SheetJS reads whole). */
export const wholeOf = (bytes: FileBytes): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.concat(bytes));

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
export async function readCsv(bytes: FileBytes): Promise<Sheet> {
  const delimiter = delimiterOf(headOf(bytes, 64 * 1024).toString('utf8'));
  const open = () => {
    const parser = Readable.from(slices(bytes), { highWaterMark: 1 }).pipe(parse({
      bom: true, delimiter, info: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, skip_records_with_empty_values: true,
    }));
    return parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: { lines: number } }>;
  };
  const headerReader = open();
  const first = await headerReader.next();
  await headerReader.return?.();
  if (first.done) return { headers: [], records: () => [] };
  const headers = first.value.record.map(normaliseHeader);
  const columns = columnsOf(headers);
  async function* records(): AsyncGenerator<SheetRecord> {
    const iterator = open();
    await iterator.next(); // the header
    let doubled = 0;
    let count = 0;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      // The parser hands records on through promises only (no I/O between them): without a turn
      // of the loop now and then, a big file would be read in one block (100 records of a
      // parser's own work and the reader's are a few ms).
      if (++count % 100 === 0) await yieldToLoop();
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
  return { headers, records };
}

/**
 * The upload in slices of 16 KiB (~100 rows): the parser reads a whole slice in one go, so a
 * small slice keeps that stretch short. One slice at a time (highWaterMark 1), as it is consumed.
 */
function* slices(bytes: FileBytes): Generator<Buffer> {
  for (const chunk of chunksOf(bytes)) {
    for (let i = 0; i < chunk.length; i += 16_384) yield chunk.subarray(i, i + 16_384);
  }
}

/** Which of `aliases` (normalised) the header has, first match wins. */
export function pickColumn(headers: string[], aliases: readonly string[]): string | null {
  for (const alias of aliases) if (headers.includes(alias)) return alias;
  return null;
}
