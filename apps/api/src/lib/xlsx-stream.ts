import { Readable, type PassThrough } from 'node:stream';
import yazl from 'yazl';
import { colName, MAX_TEXT_WIDTH, roundedTotal, sheetLayout, type Column } from './excel.ts';

/**
 * A one-sheet .xlsx written while its rows are still being read: the sheet XML is produced page by
 * page and deflated on the way out (yazl: zlib on the thread pool, entries with data descriptors),
 * so memory stays flat however many rows there are and no step holds the event loop for long.
 * The cells follow the same conventions as `buildXlsx` (excel.ts): real dates and times in `tz`,
 * numeric durations and hours with their formats, a totals row with SUM formulas and cached values,
 * text always an inline string (a note "=1+1" stays text), an autofilter over header and rows.
 *
 * Widths come first in the file, before any row is known: a text column is sized from
 * `widestRow` (a row of the longest values the caller expects), not from the rows themselves.
 */
export type XlsxStreamSpec<R> = {
  sheetName: string;
  columns: Column<R>[];
  tz: string;
  currency?: string;
  /** Label of the totals row (first column); false for none. Default 'Total'. */
  totals?: string | false;
  /** A row made of the longest values expected, to size the text columns by. */
  widestRow?: R;
  /** The reader's locale: the style of the date formats (default ISO), as in buildXlsx. */
  locale?: string;
};

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

const CONTENT_TYPES = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">`
  + '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
  + '<Default Extension="xml" ContentType="application/xml"/>'
  + '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
  + '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
  + '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
  + '</Types>';
const ROOT_RELS = `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">`
  + `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK_RELS = `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">`
  + `<Relationship Id="rId1" Type="${NS_REL}/worksheet" Target="worksheets/sheet1.xml"/>`
  + `<Relationship Id="rId2" Type="${NS_REL}/styles" Target="styles.xml"/></Relationships>`;

/** Rows per chunk of sheet XML handed to the zip (a chunk is built in one go, ~0.5 MB). */
const ROWS_PER_CHUNK = 1000;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// Characters XML 1.0 cannot carry; OOXML writes them as _xHHHH_ (and a literal "_xHHHH_" as _x005F_xHHHH_).
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function xmlText(s: string): string {
  let out = s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
  if (UNSAFE.test(out)) {
    out = out
      .replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_')
      .replace(CONTROL, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`);
  }
  return out;
}

function inlineString(ref: string, value: string): string {
  const space = /^\s|\s$|[\t\n\r]|\s\s/.test(value) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}" t="inlineStr"><is><t${space}>${xmlText(value)}</t></is></c>`;
}

/** SheetJS's conversion of a width in characters to Excel's column width (so both writers agree). */
const excelWidth = (wch: number) => Math.round(((wch * 6 + 5) / 6) * 256) / 256;

/** Built-in number formats Excel knows by id; every other one is declared in styles.xml. */
const BUILTIN_FORMATS: Record<string, number> = { '0': 1, '0.00': 2 };

function stylesFor(formats: string[]) {
  const ids = new Map<string, number>(); // format → cellXfs index (0 is the default style)
  const numFmts: string[] = [];
  const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  for (const f of formats) {
    if (ids.has(f)) continue;
    let id = BUILTIN_FORMATS[f];
    if (id === undefined) {
      id = 164 + numFmts.length;
      numFmts.push(`<numFmt numFmtId="${id}" formatCode="${xmlText(f)}"/>`);
    }
    ids.set(f, xfs.length);
    xfs.push(`<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`);
  }
  const xml = `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">`
    + (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join('')}</numFmts>` : '')
    + '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    + '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    + '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    + '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    + `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>`
    + '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    + '</styleSheet>';
  return { xml, styleOf: (format: string | null) => (format === null ? 0 : (ids.get(format) ?? 0)) };
}

function workbookXml(sheetName: string, filterRef: string): string {
  const quoted = `'${sheetName.replace(/'/g, "''")}'`;
  const absolute = filterRef.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');
  return `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`
    + `<sheets><sheet name="${xmlText(sheetName)}" sheetId="1" r:id="rId1"/></sheets>`
    + `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${xmlText(`${quoted}!${absolute}`)}</definedName></definedNames>`
    + '</workbook>';
}

/** What writing a row's cells needs: the columns, their letters, number conversions and cell styles. */
type SheetCells<R> = {
  columns: Column<R>[];
  refs: string[];
  layout: ReturnType<typeof sheetLayout<R>>;
  /** Per column: the style index of its data cells (0: none). */
  cellStyles: number[];
  /** Per column: the style index of its totals cell. */
  totalStyles: number[];
};

/** Row `r`'s XML, empty cells left out; its numbers are added to `sums` (per column). */
function rowXml<R>({ columns, refs, layout, cellStyles }: SheetCells<R>, row: R, r: number, sums: Float64Array): string {
  let xml = `<row r="${r}">`; // one string per row: fewer short-lived pieces for the GC
  for (let ci = 0; ci < columns.length; ci++) {
    const col = columns[ci] as Column<R>;
    const raw = col.value(row);
    if (raw === null || raw === undefined || raw === '') continue;
    if (col.kind === 'text') {
      xml += inlineString(`${refs[ci]}${r}`, String(raw));
    } else {
      const v = layout.toNumber(col.kind, raw);
      if (Number.isNaN(v)) continue;
      sums[ci] = (sums[ci] ?? 0) + v;
      const s = cellStyles[ci] ? ` s="${cellStyles[ci]}"` : '';
      xml += `<c r="${refs[ci]}${r}"${s}><v>${v}</v></c>`;
    }
  }
  return `${xml}</row>`;
}

/** The totals row `r`: the label in the first column, SUM formulas (with cached values) in the summed ones. */
function totalsRowXml<R>({ columns, refs, layout, totalStyles }: SheetCells<R>, label: string, r: number, lastDataRow: number, sums: Float64Array): string {
  const cells: string[] = [];
  columns.forEach((c, ci) => {
    const ref = `${refs[ci]}${r}`;
    if (layout.summed[ci] && c.kind !== 'text') {
      const formula = lastDataRow > 1 ? `<f>SUM(${refs[ci]}2:${refs[ci]}${lastDataRow})</f>` : '';
      cells.push(`<c r="${ref}" s="${totalStyles[ci]}">${formula}<v>${roundedTotal(c.kind, sums[ci] as number)}</v></c>`);
    } else if (ci === 0) {
      cells.push(inlineString(ref, label));
    }
  });
  return `<row r="${r}">${cells.join('')}</row>`;
}

/**
 * The .xlsx as a stream. `pages` is read only as fast as the client takes the file; when the last
 * page is written, the totals row, the autofilter and the workbook part (which names the
 * filtered range) follow. A failing page read destroys the stream with that error.
 */
export function streamXlsx<R>(spec: XlsxStreamSpec<R>, pages: AsyncIterable<readonly R[]>): Readable {
  const { columns } = spec;
  const sheetName = spec.sheetName.slice(0, 31);
  const layout = sheetLayout(spec);
  const refs = columns.map((_, ci) => colName(ci));
  const totalFormats = columns.map((c) => layout.totalFormat(c));
  const styles = stylesFor([...layout.formats.filter((f): f is string => f !== null), ...totalFormats]);
  const cellStyles = layout.formats.map((f) => styles.styleOf(f));
  const totalStyles = totalFormats.map((f) => styles.styleOf(f));
  const sheet: SheetCells<R> = { columns, refs, layout, cellStyles, totalStyles };
  const { widestRow } = spec;
  const widths = columns.map((c, ci) => {
    const base = layout.widths[ci] as number;
    const widest = c.kind === 'text' && !c.width && widestRow !== undefined ? String(c.value(widestRow) ?? '').length : 0;
    return widest ? Math.max(base, Math.min(MAX_TEXT_WIDTH, widest + 2)) : base;
  });
  const lastCol = refs[columns.length - 1] as string;
  const totalsLabel = spec.totals === false ? null : (spec.totals ?? 'Total');

  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(CONTENT_TYPES), '[Content_Types].xml');
  zip.addBuffer(Buffer.from(ROOT_RELS), '_rels/.rels');
  zip.addBuffer(Buffer.from(WORKBOOK_RELS), 'xl/_rels/workbook.xml.rels');
  zip.addBuffer(Buffer.from(styles.xml), 'xl/styles.xml');

  /** The header row stays in view when scrolling, as in buildXlsx's sheets (excel-worker.mjs). */
  const FROZEN_HEADER = '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>';

  async function* sheetXml(): AsyncGenerator<Buffer> {
    const cols = widths.map((w, ci) => `<col min="${ci + 1}" max="${ci + 1}" width="${excelWidth(w)}" customWidth="1"/>`).join('');
    const header = columns.map((c, ci) => inlineString(`${refs[ci]}1`, c.header)).join('');
    yield Buffer.from(`${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheetViews><sheetView workbookViewId="0">${FROZEN_HEADER}</sheetView></sheetViews>`
      + `<cols>${cols}</cols><sheetData><row r="1">${header}</row>`);

    const sums = new Float64Array(columns.length);
    let r = 1; // the last row written (1-based; the header is row 1)
    let parts: string[] = [];
    for await (const page of pages) {
      for (const row of page) {
        r++;
        parts.push(rowXml(sheet, row, r, sums));
        if (r % ROWS_PER_CHUNK === 0) {
          yield Buffer.from(parts.join(''));
          parts = [];
        }
      }
    }

    const lastDataRow = r;
    if (totalsLabel !== null) {
      r++;
      parts.push(totalsRowXml(sheet, totalsLabel, r, lastDataRow, sums));
    }
    const filterRef = `A1:${lastCol}${lastDataRow}`;
    parts.push(`</sheetData><autoFilter ref="${filterRef}"/></worksheet>`);
    yield Buffer.from(parts.join(''));
    // The workbook names the filtered range, known only now; the zip's entry order does not matter.
    zip.addBuffer(Buffer.from(workbookXml(sheetName, filterRef)), 'xl/workbook.xml');
    zip.end();
  }

  const sheetStream = Readable.from(sheetXml(), { objectMode: false });
  // yazl's types say NodeJS.ReadableStream; it is a PassThrough (index.js), which fastify sends as a stream.
  const out = zip.outputStream as PassThrough;
  sheetStream.once('error', (err) => out.destroy(err));
  // A client that goes away stops the reading of further pages.
  out.once('close', () => sheetStream.destroy());
  zip.addReadStream(sheetStream, 'xl/worksheets/sheet1.xml');
  return out;
}
