import { parse as parseCsv } from 'csv-parse/sync';
import { extractText, getDocumentProxy } from 'unpdf';
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { formatMinutes, type Report } from '@workdiary/shared';
import { newId } from '../../db/ids.ts';
import { createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { insertEntries } from '../diary/diary.fixtures.ts';
import { csvConventions, pdfText } from './report-files.ts';

type Sheet = { ws: XLSX.WorkSheet; name: string; rows: unknown[][]; sheetXml: string };

function readXlsx(body: Buffer): Sheet {
  const wb = XLSX.read(body, { type: 'buffer', cellNF: true, cellDates: false });
  const name = wb.SheetNames[0] as string;
  const ws = wb.Sheets[name] as XLSX.WorkSheet;
  const range = XLSX.utils.decode_range(ws['!ref'] as string);
  const rows: unknown[][] = [];
  for (let r = range.s.r; r <= range.e.r; r++) {
    const row: unknown[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) row.push(ws[XLSX.utils.encode_cell({ r, c })]?.v);
    rows.push(row);
  }
  const zip = XLSX.CFB.read(body, { type: 'buffer' });
  const sheetXml = Buffer.from(XLSX.CFB.find(zip, '/xl/worksheets/sheet1.xml')?.content ?? []).toString('utf8');
  return { ws, name, rows, sheetXml };
}

const cell = (ws: XLSX.WorkSheet, ref: string) => ws[ref] as XLSX.CellObject | undefined;
const minutesOf = (v: unknown) => Math.round((v as number) * 1440);

async function pdfTextOf(body: Buffer): Promise<{ text: string; pages: number; size: [number, number] }> {
  const pdf = await getDocumentProxy(new Uint8Array(body));
  const { text, totalPages } = await extractText(pdf, { mergePages: true });
  const page = await pdf.getPage(1);
  const { width, height } = page.getViewport({ scale: 1 });
  // Intl's money formats use no-break spaces; compare words, not space kinds.
  return { text: text.replace(/\s+/g, ' '), pages: totalPages, size: [Math.round(width), Math.round(height)] };
}

describe(`report files (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  let other: OrgFixture;
  let mueller: string;
  let formulaCategory: string;

  const get = (token: string, url: string) => ctx.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const json = async (token: string, qs: string) => {
    const res = await get(token, `/api/reports?${qs}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Report;
  };
  const setLocale = (userId: string, locale: string | null) => ctx.db.prisma.user.update({ where: { id: userId }, data: { locale } });

  const NOV = 'from=2026-11-01&to=2026-11-30';

  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx, { name: 'Bäckerei Groß & Co' });
    other = await createOrg(ctx);
    const prisma = ctx.db.prisma;
    mueller = newId();
    formulaCategory = newId();
    await prisma.customer.create({ data: { id: mueller, organizationId: org.orgId, name: 'Müller & Söhne GmbH', hourlyRate: 9999 } });
    await prisma.customer.update({ where: { id: org.customers.acme }, data: { hourlyRate: 12000 } });
    await prisma.category.create({ data: { id: formulaCategory, organizationId: org.orgId, name: '=HYPERLINK("http://evil","x")' } });
    const { alice, bob } = org.users;
    // Berlin is UTC+1 in November.
    const ids = await insertEntries(prisma, org, [
      { userId: alice.id, start: '2026-11-02T07:00:00Z', stop: '2026-11-02T11:30:00Z' }, // 270 min, Müller
      { userId: alice.id, start: '2026-11-03T08:00:00Z', stop: '2026-11-03T09:20:00Z' }, // 80 min, Acme
      { userId: bob.id, start: '2026-11-04T12:00:00Z', stop: '2026-11-04T13:07:00Z' }, // 67 min, Müller, formula category
      { userId: bob.id, start: '2026-11-05T09:00:00Z', stop: '2026-11-05T10:00:00Z' }, // 60 min, Globex (no rate)
      { userId: alice.id, start: '2026-10-30T08:00:00Z', stop: '2026-10-30T09:00:00Z' }, // October: outside
      { userId: alice.id, start: '2026-11-06T08:00:00Z', stop: null }, // running: left out
    ]);
    await prisma.workEntry.updateMany({ where: { id: { in: [ids[0] as string, ids[2] as string] } }, data: { customerId: mueller } });
    await prisma.workEntry.update({ where: { id: ids[2] as string }, data: { categoryId: formulaCategory } });
    await prisma.workEntry.update({ where: { id: ids[3] as string }, data: { customerId: org.customers.globex } });
    // Bob, 80 days from 1 January: 30 minutes for Acme each (many rows for a PDF of several pages).
    await insertEntries(prisma, org, Array.from({ length: 80 }, (_, i) => {
      const start = new Date(Date.UTC(2026, 0, 1 + i, 9, 0));
      return { userId: bob.id, start: start.toISOString(), stop: new Date(start.getTime() + 30 * 60_000).toISOString() };
    }));
    ctx.clock.now = new Date('2026-12-01T09:00:00Z');
  });

  it('the fixture is what the tests assume (JSON report)', async () => {
    const report = await json(org.users.manager.token, `${NOV}&groupBy=customer,user`);
    expect(report.totalMinutes).toBe(477);
    expect(report.totalBillableMinutes).toBe(417);
    // (337 × 9999 + 80 × 12000) / 60 = 72161.05 → rounded once: 72161; the rows round to 44996 + 11166 + 16000 + 0 = 72162.
    expect(report.totalAmount).toBe(72161);
  });

  describe('.xlsx', () => {
    it('a de-DE reader gets German labels, numbers as numbers, a totals row equal to the JSON report and a frozen header', async () => {
      await setLocale(org.users.manager.id, 'de-DE');
      const report = await json(org.users.manager.token, `${NOV}&groupBy=customer,user`);
      const res = await get(org.users.manager.token, `/api/reports.xlsx?${NOV}&groupBy=customer,user`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="report_customer-user_2026-11-01_2026-11-30.xlsx"; filename*=UTF-8\'\'report_customer-user_2026-11-01_2026-11-30.xlsx',
      );
      const { ws, name, rows, sheetXml } = readXlsx(res.rawPayload);
      expect(name).toBe('Bericht');
      expect(rows[0]).toEqual(['Kunde', 'Benutzer', 'Dauer', 'Stunden', 'Abrechenbare Stunden', 'Betrag']);
      // One row per child: Acme/Alice, Globex/Bob, Müller/Alice, Müller/Bob, then the totals.
      const alice = report.groups.find((g) => g.key === org.customers.acme)?.children?.[0]?.label as string;
      expect(rows.slice(1, 5).map((r) => [r[0], r[1], minutesOf(r[2])])).toEqual([
        ['Acme Ltd', alice, 80],
        ['Globex GmbH', expect.stringMatching(/^Bob /), 60],
        ['Müller & Söhne GmbH', alice, 270],
        ['Müller & Söhne GmbH', expect.stringMatching(/^Bob /), 67],
      ]);
      expect(rows).toHaveLength(6);
      expect(cell(ws, 'C2')).toMatchObject({ t: 'n', z: '[h]:mm' });
      expect(cell(ws, 'D2')).toMatchObject({ t: 'n', z: '0.00' });
      expect(cell(ws, 'D2')?.v).toBeCloseTo(80 / 60, 9);
      expect(cell(ws, 'E3')?.v).toBe(0); // Globex has no rate: no billable hours
      expect(cell(ws, 'F4')).toMatchObject({ t: 'n', v: 449.96 });
      expect(String(cell(ws, 'F4')?.z)).toContain('EUR');
      // Totals row: duration and hours are SUMs equal to the report; the amount is totalAmount (rounded once), not the rows' 721.62.
      const total = rows[5] as unknown[];
      expect(total[0]).toBe('Summe');
      expect(minutesOf(total[2])).toBe(report.totalMinutes);
      expect(cell(ws, 'C6')?.f).toBe('SUM(C2:C5)');
      expect(total[3]).toBeCloseTo(report.totalMinutes / 60, 9);
      expect(total[4]).toBeCloseTo(report.totalBillableMinutes / 60, 9);
      expect(total[5]).toBe(report.totalAmount / 100);
      expect(total[5]).toBe(721.61);
      expect(cell(ws, 'F6')?.f).toBeUndefined();
      // Frozen header row and an autofilter.
      expect(sheetXml).toMatch(/<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
      expect(ws['!autofilter']).toEqual({ ref: 'A1:F5' });
    });

    it('an English reader grouping by day gets day keys as date cells; a formula-like name stays text', async () => {
      await setLocale(org.users.admin.id, 'en-GB');
      const res = await get(org.users.admin.token, `/api/reports.xlsx?${NOV}&groupBy=day,category`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-disposition']).toContain('filename="report_day-category_2026-11-01_2026-11-30.xlsx"');
      const { ws, rows } = readXlsx(res.rawPayload);
      expect(rows[0]).toEqual(['Day', 'Category', 'Duration', 'Hours', 'Billable hours', 'Amount']);
      expect(cell(ws, 'A2')).toMatchObject({ t: 'n', z: 'yyyy-mm-dd' });
      expect(rows.slice(1, 5).map((r) => XLSX.SSF.format('yyyy-mm-dd', r[0] as number))).toEqual(['2026-11-02', '2026-11-03', '2026-11-04', '2026-11-05']);
      const formula = cell(ws, 'B4');
      expect(formula).toMatchObject({ t: 's', v: '=HYPERLINK("http://evil","x")' });
      expect(formula?.f).toBeUndefined();
      expect(rows[5]?.[0]).toBe('Total');
      expect(minutesOf(rows[5]?.[2])).toBe(477);
    });

    it('a member gets only their own time, whatever userId says', async () => {
      const { alice, bob } = org.users;
      const res = await get(alice.token, `/api/reports.xlsx?${NOV}&groupBy=user&userId=${bob.id}`);
      expect(res.statusCode, res.body).toBe(200);
      const { rows } = readXlsx(res.rawPayload);
      expect(rows).toHaveLength(3);
      expect(rows[1]?.[0]).toMatch(/^Alice /);
      expect(minutesOf(rows[2]?.[1])).toBe(350);
      // The file name names the person the report is limited to.
      expect(res.headers['content-disposition']).toMatch(/filename="report_user_alice-[a-f0-9]{8}_2026-11-01_2026-11-30\.xlsx"/);
    });

    it('the query is checked like GET /api/reports: bad input 400, a filter outside the organisation 404, no login 401', async () => {
      const bad = await get(org.users.manager.token, `/api/reports.xlsx?${NOV}&groupBy=planet`);
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('Unknown group');
      const backwards = await get(org.users.manager.token, '/api/reports.csv?from=2026-11-30&to=2026-11-01');
      expect(backwards.statusCode).toBe(400);
      const foreign = await get(org.users.manager.token, `/api/reports.pdf?${NOV}&customerId=${other.customers.acme}`);
      expect(foreign.statusCode).toBe(404);
      const anonymous = await ctx.app.inject({ method: 'GET', url: `/api/reports.xlsx?${NOV}` });
      expect(anonymous.statusCode).toBe(401);
    });
  });

  describe('.csv', () => {
    it('German: BOM, ";" between fields, decimal comma, a totals row equal to the JSON report', async () => {
      await setLocale(org.users.manager.id, 'de-DE');
      const report = await json(org.users.manager.token, `${NOV}&groupBy=customer`);
      const res = await get(org.users.manager.token, `/api/reports.csv?${NOV}&groupBy=customer`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
      expect(res.headers['content-disposition']).toContain('filename="report_customer_2026-11-01_2026-11-30.csv"');
      const raw = res.rawPayload;
      expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = raw.toString('utf8');
      expect(text).toContain('\r\n');
      const records = parseCsv(text, { bom: true, delimiter: ';' }) as string[][];
      expect(records[0]).toEqual(['Kunde', 'Dauer', 'Minuten', 'Stunden', 'Abrechenbare Stunden', 'Betrag (EUR)']);
      expect(records.slice(1)).toEqual([
        ['Acme Ltd', '1:20', '80', '1,33', '1,33', '160,00'],
        ['Globex GmbH', '1:00', '60', '1,00', '0,00', '0,00'],
        ['Müller & Söhne GmbH', '5:37', '337', '5,62', '5,62', '561,61'],
        ['Summe', '7:57', String(report.totalMinutes), '7,95', '6,95', '721,61'],
      ]);
      expect(report.totalAmount).toBe(72161);
    });

    it('English: "," and "."; a formula-like text is neutralised with a leading apostrophe', async () => {
      await setLocale(org.users.admin.id, 'en-US');
      const res = await get(org.users.admin.token, `/api/reports.csv?${NOV}&groupBy=category,customer`);
      expect(res.statusCode, res.body).toBe(200);
      const text = res.rawPayload.toString('utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const records = parseCsv(text, { bom: true, delimiter: ',' }) as string[][];
      expect(records[0]).toEqual(['Category', 'Customer', 'Duration', 'Minutes', 'Hours', 'Billable hours', 'Amount (EUR)']);
      const formulaRow = records.find((r) => r[0]?.includes('HYPERLINK'));
      expect(formulaRow).toEqual(['\'=HYPERLINK("http://evil","x")', 'Müller & Söhne GmbH', '1:07', '67', '1.12', '1.12', '111.66']);
      expect(records.at(-1)).toEqual(['Total', '', '7:57', '477', '7.95', '6.95', '721.61']);
    });

    it('picks separators from the locale\'s decimal sign', () => {
      expect(csvConventions('de-DE')).toEqual({ delimiter: ';', decimal: ',' });
      expect(csvConventions('de-CH')).toEqual({ delimiter: ',', decimal: '.' }); // Swiss German writes 1.5
      expect(csvConventions('fr-FR')).toEqual({ delimiter: ';', decimal: ',' });
      expect(csvConventions('en-GB')).toEqual({ delimiter: ',', decimal: '.' });
      expect(csvConventions('not a locale!')).toEqual({ delimiter: ',', decimal: '.' });
    });
  });

  describe('.pdf', () => {
    it('A4 with title, organisation, range, filter names, the table and the totals; umlauts survive', async () => {
      await setLocale(org.users.manager.id, 'de-DE');
      const report = await json(org.users.manager.token, `${NOV}&groupBy=customer,user&customerId=${mueller}`);
      expect(report.totalMinutes).toBe(337);
      const res = await get(org.users.manager.token, `/api/reports.pdf?${NOV}&groupBy=customer,user&customerId=${mueller}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain('filename="report_customer-user_muller-sohne-gmbh_2026-11-01_2026-11-30.pdf"');
      expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const { text, pages, size } = await pdfTextOf(res.rawPayload);
      expect(size).toEqual([595, 842]); // A4 in points
      expect(pages).toBe(1);
      for (const words of [
        'Bericht: Kunde / Benutzer',
        'Bäckerei Groß & Co',
        '1. November 2026 – 30. November 2026',
        'Kunde Müller & Söhne GmbH', // the filter, by name
        'Kategorie Alle',
        'Summe 5:37 5,62 5,62 561,61 €',
        'Seite 1 / 1',
      ]) expect(text).toContain(words);
      expect(text).not.toContain(mueller);
    });

    it('English reader, several pages: each page has the table header, the last the totals equal to the JSON report', async () => {
      await setLocale(org.users.admin.id, 'en-GB');
      // 2026 by day then user: Bob's 80 January–March days add a group (and a child) each.
      const q = 'from=2026-01-01&to=2026-12-31&groupBy=day,user';
      const report = await json(org.users.admin.token, q);
      const res = await get(org.users.admin.token, `/api/reports.pdf?${q}`);
      expect(res.statusCode, res.body).toBe(200);
      const { text, pages } = await pdfTextOf(res.rawPayload);
      expect(pages).toBeGreaterThanOrEqual(3);
      expect(text).toContain('Report: Day / User');
      expect(text).toContain('Customer All');
      expect(text.match(/Day \/ User Duration Hours Billable hours Amount/g)).toHaveLength(pages);
      expect(text).toContain('2026-03-21'); // the last of Bob's days
      const hours = (m: number) => (m / 60).toFixed(2);
      const euros = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(report.totalAmount / 100);
      expect(text).toContain(`Total ${formatMinutes(report.totalMinutes)} ${hours(report.totalMinutes)} ${hours(report.totalBillableMinutes)} ${euros}`);
      expect(text).toContain(`Page ${pages} / ${pages}`);
    });

    it('text outside the built-in font loses accents or becomes "?", never garbage', () => {
      expect(pdfText('Müller & Söhne – 12 € ß')).toBe('Müller & Söhne – 12 € ß');
      expect(pdfText('Łódź Dvořák\u202f1')).toBe('?ódz Dvorák 1'); // ó, á are WinAnsi; ź, ř are not
      expect(pdfText('東京')).toBe('??');
    });
  });
});
