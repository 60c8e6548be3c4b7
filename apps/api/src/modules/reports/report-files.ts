// The report as files (DOMAIN.md → Reports): `GET /api/reports.xlsx`, `.csv` and `.pdf` answer the
// same query as `GET /api/reports`, with the same figures (buildReport), the same access rule
// (members only their own) and the reader's language.
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';
import PDFDocument from 'pdfkit';
import {
  ReportQuerySchema,
  currencyFractionDigits,
  exportLabel,
  formatMinutes,
  formatMoney,
  type Report,
  type ReportGroup,
  type ReportGroupBy,
  type ReportQuery,
} from '@workdiary/shared';
import type { SqlRunner } from '../../db/engine.ts';
import type { ScopedDb } from '../../db/scoped.ts';
import { buildXlsx, sendXlsx, xlsxFileName, type Column } from '../../lib/excel.ts';
import type { Actor } from '../../lib/permissions.ts';
import { readerLocale } from '../../lib/reader-locale.ts';
import type { App, OrgContext } from '../../lib/types.ts';
import { assertFiltersExist, buildReport, filtersFor, type ReportFilters } from './reports.service.ts';

/** The English header of a grouping column (exportLabel gives the reader's word). */
export const GROUP_HEADER: Record<ReportGroupBy, string> = {
  customer: 'Customer', category: 'Category', user: 'User', month: 'Month', week: 'Week', day: 'Day',
};

/** One line of a file: a first-level group, or (two levels) one of its children under it. */
export type ReportFileRow = { first: ReportGroup; second: ReportGroup | null };

/** The figures of a row: the child's with two levels, else the group's. */
const leaf = (r: ReportFileRow): ReportGroup => r.second ?? r.first;

/** One row per group; with two levels one row per child, the first group repeated on each (so a filter or pivot works). */
export function reportRows(report: Pick<Report, 'groups' | 'groupBy'>): ReportFileRow[] {
  const rows: ReportFileRow[] = [];
  for (const g of report.groups) {
    if (report.groupBy.length === 2 && g.children && g.children.length > 0) for (const c of g.children) rows.push({ first: g, second: c });
    else rows.push({ first: g, second: null });
  }
  return rows;
}

export type FilterNames = { user: string | null; customer: string | null; category: string | null };

/** The names of the filters (files name people, customers and categories, never ids). */
async function filterNames(db: ScopedDb, f: ReportFilters): Promise<FilterNames> {
  const [user, customer, category] = await Promise.all([
    f.userId ? db.user.findFirst({ where: { id: f.userId }, select: { name: true } }) : null,
    f.customerId ? db.customer.findFirst({ where: { id: f.customerId }, select: { name: true } }) : null,
    f.categoryId ? db.category.findFirst({ where: { id: f.categoryId }, select: { name: true } }) : null,
  ]);
  return { user: user?.name ?? null, customer: customer?.name ?? null, category: category?.name ?? null };
}

export type ReportFileInput = { report: Report; names: FilterNames; locale: string; org: OrgContext; now: Date };

/** The report as `GET /api/reports` answers it, the filters' names and the reader's language. */
export async function loadReportFile({ db, sql, org, caller, query, now }: {
  db: ScopedDb; sql: SqlRunner; org: OrgContext; caller: Actor; query: ReportQuery; now: Date;
}): Promise<ReportFileInput> {
  const filters = filtersFor(caller, query);
  await assertFiltersExist(db, filters);
  const [report, names, locale] = await Promise.all([
    buildReport({ db, sql, org, caller, query }),
    filterNames(db, filters),
    readerLocale(db, org, caller),
  ]);
  return { report, names, locale, org, now };
}

/** `report_customer-user_globex-gmbh_2026-11-01_2026-11-30.<ext>`: what (grouping, filters) and when. */
export function reportFileName({ report, names }: Pick<ReportFileInput, 'report' | 'names'>, ext: 'xlsx' | 'csv' | 'pdf'): string {
  const filters = [names.user, names.customer, names.category].filter((n): n is string => n !== null);
  return xlsxFileName('report', report.groupBy.join('-'), ...filters, report.from, report.to).replace(/\.xlsx$/, `.${ext}`);
}

// ---------------------------------------------------------------- xlsx

/** A `day` level is a real date cell; every other level its label (names; month/week keys as they are). */
function groupColumn(by: ReportGroupBy, level: 'first' | 'second'): Column<ReportFileRow> {
  const pick = (r: ReportFileRow) => (level === 'first' ? r.first : r.second);
  return by === 'day'
    ? { header: GROUP_HEADER[by], kind: 'date', value: (r) => { const g = pick(r); return g ? new Date(`${g.key}T00:00:00Z`) : null; } }
    : { header: GROUP_HEADER[by], kind: 'text', value: (r) => pick(r)?.label ?? null };
}

export async function reportXlsx({ report, locale }: ReportFileInput): Promise<Buffer> {
  const [first, second] = report.groupBy as [ReportGroupBy, ReportGroupBy | undefined];
  const columns: Column<ReportFileRow>[] = [
    groupColumn(first, 'first'),
    ...(second ? [groupColumn(second, 'second')] : []),
    { header: 'Duration', kind: 'duration', value: (r) => leaf(r).minutes },
    { header: 'Hours', kind: 'hours', value: (r) => leaf(r).minutes },
    { header: 'Billable hours', kind: 'hours', value: (r) => leaf(r).billableMinutes },
    // Rounded once over the whole report, not the sum of the rows' rounded amounts.
    { header: 'Amount', kind: 'money', value: (r) => leaf(r).amount, fixedTotal: report.totalAmount },
  ];
  return buildXlsx({
    sheetName: exportLabel(locale, 'Report'),
    columns: columns.map((c) => ({ ...c, header: exportLabel(locale, c.header) })),
    totals: exportLabel(locale, 'Total'),
    rows: reportRows(report),
    // The only date cells are `day` keys (local dates already), written as UTC midnights.
    tz: 'UTC',
    currency: report.currency,
    locale,
  });
}

// ---------------------------------------------------------------- csv

/** Where the reader's locale writes a decimal comma (de-*, fr-*, …), Excel there expects `;` between fields. */
export function csvConventions(locale: string): { delimiter: ';' | ','; decimal: ',' | '.' } {
  let decimal = '.';
  try {
    decimal = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
  } catch {
    // An unknown locale: English conventions.
  }
  return decimal === ',' ? { delimiter: ';', decimal: ',' } : { delimiter: ',', decimal: '.' };
}

export async function reportCsv({ report, locale }: ReportFileInput): Promise<Buffer> {
  const { delimiter, decimal } = csvConventions(locale);
  const L = (s: string) => exportLabel(locale, s);
  const digits = currencyFractionDigits(report.currency);
  const num = (n: number, places: number) => n.toFixed(places).replace('.', decimal);
  const hours = (minutes: number) => num(minutes / 60, 2);
  const money = (minor: number) => num(minor / 10 ** digits, digits);
  const levels = report.groupBy.length;
  const figures = (minutes: number, billable: number, amount: number) => [formatMinutes(minutes), minutes, hours(minutes), hours(billable), money(amount)];

  const header = [
    ...report.groupBy.map((g) => L(GROUP_HEADER[g])),
    L('Duration'), L('Minutes'), L('Hours'), L('Billable hours'), `${L('Amount')} (${report.currency})`,
  ];
  const records: Array<Array<string | number>> = reportRows(report).map((r) => {
    const g = leaf(r);
    return [r.first.label, ...(levels === 2 ? [r.second?.label ?? ''] : []), ...figures(g.minutes, g.billableMinutes, g.amount)];
  });
  records.push([L('Total'), ...(levels === 2 ? [''] : []), ...figures(report.totalMinutes, report.totalBillableMinutes, report.totalAmount)]);

  const options = {
    delimiter,
    record_delimiter: 'windows' as const,
    // OWASP CSV injection: a text starting with = + - @ tab or CR gets a leading ' (numbers are
    // written by us and never start with one of these), and such a field is quoted.
    escape_formulas: true,
    quoted_match: /^[=+\-@\t\r]/,
  };
  const parts: string[] = [stringify([header], { ...options, bom: true })];
  // In slices so a report of tens of thousands of rows lets other requests in between.
  for (let i = 0; i < records.length; i += 2000) {
    parts.push(stringify(records.slice(i, i + 2000), options));
    if (i + 2000 < records.length) await new Promise((resolve) => setImmediate(resolve));
  }
  return Buffer.from(parts.join(''), 'utf8');
}

// ---------------------------------------------------------------- pdf

/** The characters of WinAnsiEncoding (what the PDF's built-in Helvetica can show) above ASCII. */
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const inWinAnsi = (ch: string) => {
  const c = ch.codePointAt(0) as number;
  return (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || WIN_ANSI_EXTRA.has(ch);
};

/**
 * Text the built-in Helvetica can show: German (ä ö ü ß), most Western European letters and € are
 * WinAnsi already; other letters lose their accents (č → c), narrow spaces become spaces, and
 * anything else (other scripts) becomes "?".
 */
export function pdfText(s: string): string {
  let out = '';
  for (const ch of s) {
    if (inWinAnsi(ch)) out += ch;
    else if (/\s/u.test(ch)) out += ' ';
    else {
      const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += [...base].every(inWinAnsi) && base !== '' ? base : '?';
    }
  }
  return out;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const LEFT = MARGIN;
const RIGHT = A4.width - MARGIN;
const BOTTOM = A4.height - MARGIN - 24; // room for the footer
const ROW = 16;

type Pdf = InstanceType<typeof PDFDocument>;
type PdfPrep = { doc: Pdf; L: (s: string) => string; groupNames: string[]; input: ReportFileInput };

/** The document (A4, pages buffered for the footers) and its bytes once it has ended. */
function openPdf(title: string, { report, locale, org, now }: ReportFileInput): { doc: Pdf; done: Promise<Buffer> } {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: pdfText(`${title} ${report.from} – ${report.to}`), Author: pdfText(org.name), Creator: 'Workdiary', CreationDate: now },
    lang: locale,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

/** Heading: title, organisation, period, grouping and filters (names, not ids). */
function drawHeading({ doc, L, groupNames, input: { report, names, locale, org } }: PdfPrep, title: string) {
  const dateFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const localDate = (d: string) => dateFmt.format(new Date(`${d}T00:00:00Z`));
  doc.font('Helvetica-Bold').fontSize(18).fillColor('#111').text(pdfText(title), LEFT, MARGIN);
  doc.moveDown(0.4);
  const meta: Array<[string, string]> = [
    [L('Organisation'), org.name],
    [L('Period'), `${localDate(report.from)} – ${localDate(report.to)}`],
    [L('Grouped by'), groupNames.join(' / ')],
    [L('User'), names.user ?? L('All')],
    [L('Customer'), names.customer ?? L('All')],
    [L('Category'), names.category ?? L('All')],
  ];
  doc.fontSize(10);
  for (const [k, v] of meta) {
    const y = doc.y;
    doc.font('Helvetica-Bold').fillColor('#444').text(pdfText(k), LEFT, y, { width: 110, lineBreak: false });
    doc.font('Helvetica').fillColor('#111').text(pdfText(v), LEFT + 115, y, { width: RIGHT - LEFT - 115 });
  }
  doc.moveDown(1);
}

type PdfRowOptions = { bold?: boolean; indent?: number; fill?: string };

/** The table: a name column and four figures, right-aligned; on a new page the header row again. */
function pdfTable({ doc, L, groupNames, input: { report, locale } }: PdfPrep) {
  const hoursFmt = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const figureCols = [
    { header: L('Duration'), width: 58 },
    { header: L('Hours'), width: 58 },
    { header: L('Billable hours'), width: 114 },
    { header: L('Amount'), width: 86 },
  ];
  const figuresWidth = figureCols.reduce((s, c) => s + c.width, 0);
  const nameWidth = RIGHT - LEFT - figuresWidth;
  const fit = (s: string, width: number) => {
    let t = pdfText(s);
    if (doc.widthOfString(t) <= width) return t;
    while (t.length > 1 && doc.widthOfString(`${t}…`) > width) t = t.slice(0, -1);
    return `${t}…`;
  };
  const figures = (g: { minutes: number; billableMinutes: number; amount: number }) => [
    formatMinutes(g.minutes), hoursFmt.format(g.minutes / 60), hoursFmt.format(g.billableMinutes / 60), formatMoney(g.amount, report.currency, locale),
  ];
  const drawRow = (name: string, values: string[], opts: PdfRowOptions = {}) => {
    const y = doc.y;
    if (opts.fill) doc.rect(LEFT, y - 3, RIGHT - LEFT, ROW).fill(opts.fill);
    doc.font(opts.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9).fillColor('#111');
    const indent = opts.indent ?? 0;
    doc.text(fit(name, nameWidth - indent - 6), LEFT + 4 + indent, y, { lineBreak: false });
    let x = LEFT + nameWidth;
    values.forEach((v, i) => {
      const w = (figureCols[i] as { width: number }).width;
      doc.text(fit(v, w - 6), x, y, { width: w - 4, align: 'right', lineBreak: false });
      x += w;
    });
    doc.x = LEFT;
    doc.y = y + ROW;
  };
  const drawHeader = () => {
    drawRow(groupNames.join(' / '), figureCols.map((c) => c.header), { bold: true, fill: '#e8ecf1' });
  };
  const ensureRoom = (rows = 1) => {
    if (doc.y + rows * ROW <= BOTTOM) return;
    doc.addPage();
    doc.y = MARGIN;
    drawHeader();
  };
  return { figures, drawRow, drawHeader, ensureRoom };
}

/** The table's rows (two levels: each group with its subtotal, its children indented below) and the totals. */
async function drawTable(prep: PdfPrep): Promise<void> {
  const { doc, L, input: { report } } = prep;
  const { figures, drawRow, drawHeader, ensureRoom } = pdfTable(prep);
  drawHeader();
  if (report.groups.length === 0) {
    doc.font('Helvetica-Oblique').fontSize(9).fillColor('#555').text(pdfText(L('No recorded time in this period.')), LEFT + 4, doc.y + 2);
    doc.moveDown(0.5);
  }
  let drawn = 0;
  for (const g of report.groups) {
    const children = report.groupBy.length === 2 ? (g.children ?? []) : [];
    ensureRoom(children.length > 0 ? 2 : 1);
    drawRow(g.label, figures(g), { bold: children.length > 0 });
    for (const c of children) {
      ensureRoom();
      drawRow(c.label, figures(c), { indent: 14 });
    }
    drawn += 1 + children.length;
    // pdfkit writes synchronously: a long report yields to other requests now and then.
    if (drawn >= 300) {
      drawn = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  ensureRoom(2);
  doc.moveTo(LEFT, doc.y - 2).lineTo(RIGHT, doc.y - 2).lineWidth(0.8).strokeColor('#333').stroke();
  drawRow(L('Total'), figures({ minutes: report.totalMinutes, billableMinutes: report.totalBillableMinutes, amount: report.totalAmount }), { bold: true });
}

/** Footer on every page: when it was made and the page number. */
function drawFooters({ doc, L, input: { org, now, locale } }: PdfPrep) {
  const stampFmt = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: org.timeZone });
  const range = doc.bufferedPageRange();
  const created = `${L('Created')} ${stampFmt.format(now)}`;
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.font('Helvetica').fontSize(8).fillColor('#666');
    const y = A4.height - MARGIN - 8;
    doc.text(pdfText(`${org.name} · ${created}`), LEFT, y, { width: RIGHT - LEFT - 80, lineBreak: false, height: 10 });
    doc.text(pdfText(`${L('Page')} ${i - range.start + 1} / ${range.count}`), RIGHT - 80, y, { width: 80, align: 'right', lineBreak: false, height: 10 });
  }
}

export async function reportPdf(input: ReportFileInput): Promise<Buffer> {
  const L = (s: string) => exportLabel(input.locale, s);
  const groupNames = input.report.groupBy.map((g) => L(GROUP_HEADER[g]));
  const title = `${L('Report')}: ${groupNames.join(' / ')}`;
  const { doc, done } = openPdf(title, input);
  const prep: PdfPrep = { doc, L, groupNames, input };
  drawHeading(prep, title);
  await drawTable(prep);
  drawFooters(prep);
  doc.end();
  return done;
}

// ---------------------------------------------------------------- routes

function sendFile(reply: FastifyReply, body: Buffer, fileName: string, contentType: string) {
  return reply
    .header('Content-Type', contentType)
    .header('Content-Disposition', `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('Cache-Control', 'no-store')
    .send(body);
}

const SAME = 'The same query, figures and access rule as `GET /api/reports` (members always get only their own time, whatever `userId` says; '
  + 'a filter naming something outside the organisation answers 404). Labels are in the reader\'s language (their own locale, else the '
  + 'organisation\'s: German for de-*, else English). The file name says what and when: `report_<groups>[_<filter names>]_<from>_<to>.<ext>`.';

type ReportFileRoute = {
  ext: 'xlsx' | 'csv' | 'pdf';
  summary: string;
  /** What this format adds to SAME. */
  description: string;
  render(input: ReportFileInput): Promise<Buffer>;
  send(reply: FastifyReply, body: Buffer, fileName: string): FastifyReply;
};

const FILE_ROUTES: ReportFileRoute[] = [
  {
    ext: 'xlsx',
    summary: 'The report as an Excel workbook (.xlsx)',
    description: 'One row per group; with two levels one row per sub-group, the first group repeated on each. Columns: the group(s) '
      + '(a `day` level as real date cells; month `YYYY-MM` and ISO week `YYYY-Www` keys as text), duration as a number formatted `[h]:mm`, '
      + 'decimal hours, billable hours, amount (currency format). A totals row (duration and hours are SUM formulas; the amount is '
      + '`totalAmount`, rounded once over the whole report, which may differ by rounding from the sum of the rows), a frozen header row and an autofilter.',
    render: reportXlsx,
    send: sendXlsx,
  },
  {
    ext: 'csv',
    summary: 'The report as CSV for spreadsheets',
    description: 'UTF-8 with a byte-order mark (so Excel reads umlauts), CRLF line ends, a header row, one row per group '
      + '(two levels: per sub-group, the first group repeated), then a totals row. Separators follow the reader\'s locale as Excel there expects: '
      + 'where it writes a decimal comma (de-*, fr-*, …) fields are separated by `;` and decimals use `,`; otherwise `,` and `.`. Numbers carry no '
      + 'thousands separator. Columns: the group(s), duration `h:mm`, minutes (integer), decimal hours (2 places), billable hours, amount in major units '
      + 'of the currency named in the header. A text starting with `=`, `+`, `-`, `@`, tab or CR is prefixed with `\'` and quoted (never a formula).',
    render: reportCsv,
    send: (reply, body, fileName) => sendFile(reply, body, fileName, 'text/csv; charset=utf-8; header=present'),
  },
  {
    ext: 'pdf',
    summary: 'The report as a printable PDF (A4)',
    description: 'A4 portrait: title, organisation, period, grouping and filters (by name), the table (two levels: each group with its '
      + 'subtotal, its sub-groups indented below), the totals, and on every page when it was made and the page number. Set in the PDF\'s '
      + 'built-in Helvetica (WinAnsi: German umlauts, ß and € print as they are; letters outside it lose their accents, other scripts show as "?").',
    render: reportPdf,
    send: (reply, body, fileName) => sendFile(reply, body, fileName, 'application/pdf'),
  },
];

/** Registered at the end of reports.routes.ts. */
export function reportFileRoutes(app: App) {
  const tags = ['reports'];
  const load = (request: { db: ScopedDb; org: OrgContext; auth: Actor; query: ReportQuery }) =>
    loadReportFile({ db: request.db, sql: app.database.sql, org: request.org, caller: request.auth, query: request.query, now: app.now() });

  for (const { ext, summary, description, render, send } of FILE_ROUTES) {
    app.get(`/reports.${ext}`, {
      schema: { tags, summary, description: `${SAME} ${description}`, querystring: ReportQuerySchema },
    }, async (request, reply) => {
      const input = await load(request);
      return send(reply, await render(input), reportFileName(input, ext));
    });
  }
}
