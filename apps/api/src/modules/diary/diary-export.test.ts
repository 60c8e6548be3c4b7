import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { newId } from '../../db/ids.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { insertEntries } from './diary.fixtures.ts';

type Sheet = { ws: XLSX.WorkSheet; name: string; rows: unknown[][] };

function readXlsx(body: Buffer): Sheet {
  const wb = XLSX.read(body, { type: 'buffer', cellNF: true, cellDates: false });
  const name = wb.SheetNames[0] as string;
  const ws = wb.Sheets[name] as XLSX.WorkSheet;
  // The raw cell values (sheet_to_json would turn [h]:mm durations into Dates).
  const range = XLSX.utils.decode_range(ws['!ref'] as string);
  const rows: unknown[][] = [];
  for (let r = range.s.r; r <= range.e.r; r++) {
    const row: unknown[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) row.push(ws[XLSX.utils.encode_cell({ r, c })]?.v);
    rows.push(row);
  }
  return { ws, name, rows };
}

const fmt = (format: string, v: unknown) => XLSX.SSF.format(format, v as number);
const minutesOf = (cell: unknown) => Math.round((cell as number) * 1440);

describe(`diary exports (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  let other: OrgFixture;

  const get = (token: string, url: string) => ctx.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
    other = await createOrg(ctx);
    const { alice, bob } = org.users;
    await ctx.db.prisma.user.update({ where: { id: bob.id }, data: { payType: 'MONTHLY', monthlyBase: 300000, hourlyRate: null, overtimeFactor: 1.5 } });
    await insertEntries(ctx.db.prisma, org, [
      // Sat 31 Jan 22:00 → Sun 1 Feb 02:00 Berlin.
      { userId: alice.id, start: '2026-01-31T21:00:00Z', stop: '2026-02-01T01:00:00Z', note: '=HYPERLINK("http://evil")' },
      // Mon 2 Feb 08:00–12:00 and 13:00–18:30 (flagged): 570, 90 extra.
      { userId: alice.id, start: '2026-02-02T07:00:00Z', stop: '2026-02-02T11:00:00Z', note: 'Sprint work' },
      { userId: alice.id, start: '2026-02-02T12:00:00Z', stop: '2026-02-02T17:30:00Z', note: '+49 call', flagged: true },
      // Running on Mon 2 Feb evening: left out of every export.
      { userId: alice.id, start: '2026-02-02T18:00:00Z', stop: null },
      // Bob: Tue 3 Feb 08:00–18:00: 600, 120 extra.
      { userId: bob.id, start: '2026-02-03T07:00:00Z', stop: '2026-02-03T17:00:00Z' },
    ]);
    ctx.clock.now = new Date('2026-02-02T20:00:00Z');
  });

  it("exports a day's finished sessions with a totals row equal to the day total", async () => {
    const res = await get(org.users.manager.token, `/api/exports/diary/${org.users.alice.id}/2026-02-02.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="alice-[a-f0-9]{8}_2026-02-02\.xlsx"/);
    const { ws, name, rows } = readXlsx(res.rawPayload);
    expect(name).toBe('2026-02-02');
    expect(rows[0]).toEqual(['User', 'Customer', 'Category', 'Entrance', 'Exit', 'Total (h:mm)', 'Hours (decimal)', 'Session length (h:mm)', 'Note']);
    expect(rows).toHaveLength(4); // header, two finished sessions, totals
    expect(rows[1]?.slice(0, 3)).toEqual([expect.stringMatching(/^Alice/), 'Acme Ltd', 'Regular Hours']);
    expect(fmt('yyyy-mm-dd hh:mm', rows[1]?.[3])).toBe('2026-02-02 08:00');
    expect(fmt('yyyy-mm-dd hh:mm', rows[2]?.[4])).toBe('2026-02-02 18:30');
    expect(minutesOf(rows[1]?.[5])).toBe(240);
    expect(rows[2]?.[6]).toBe(5.5);
    expect(ws.F2?.z).toBe('[h]:mm');
    // A note that looks like a formula stays text.
    expect(ws.I3).toMatchObject({ t: 's', v: '+49 call' });
    expect(rows[3]?.[0]).toBe('Total');
    expect(minutesOf(rows[3]?.[5])).toBe(570);
    expect(ws.F4?.f).toBe('SUM(F2:F3)');
    expect(rows[3]?.[6]).toBe(9.5);
    expect(ws['!autofilter']?.ref).toBe('A1:I3');
  });

  it('counts a session across midnight by its part inside the day', async () => {
    const res = await get(org.users.alice.token, `/api/exports/diary/${org.users.alice.id}/2026-02-01.xlsx`);
    expect(res.statusCode).toBe(200);
    const { ws, rows } = readXlsx(res.rawPayload);
    expect(fmt('yyyy-mm-dd hh:mm', rows[1]?.[3])).toBe('2026-01-31 22:00');
    expect(minutesOf(rows[1]?.[5])).toBe(120);
    expect(minutesOf(rows[1]?.[7])).toBe(240);
    expect(ws.I2).toMatchObject({ t: 's', v: '=HYPERLINK("http://evil")' });
    expect(ws.I2?.f).toBeUndefined();
  });

  it("exports a user's month, a row per day, with totals", async () => {
    const res = await get(org.users.manager.token, `/api/exports/diary/${org.users.alice.id}.xlsx?month=2026-02`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/filename="alice-[a-f0-9]{8}_2026-02\.xlsx"/);
    const { ws, name, rows } = readXlsx(res.rawPayload);
    expect(name).toBe('February 2026');
    expect(rows[0]).toEqual(['Date', 'Weekday', 'Entrance', 'Exit', 'Required (h:mm)', 'Total (h:mm)', 'Total hours (decimal)', 'Extra (h:mm)', 'Extra hours (decimal)', 'Flagged', 'Holiday / absence', 'Absence credit (h:mm)']);
    expect(rows).toHaveLength(1 + 28 + 1);
    expect(fmt('yyyy-mm-dd', rows[1]?.[0])).toBe('2026-02-01');
    expect(rows[1]?.[1]).toBe('Sunday');
    expect(fmt('hh:mm', rows[1]?.[2])).toBe('00:00');
    expect(fmt('hh:mm', rows[1]?.[3])).toBe('02:00');
    expect(minutesOf(rows[1]?.[4])).toBe(0);
    expect(minutesOf(rows[1]?.[5])).toBe(120);
    expect(minutesOf(rows[1]?.[7])).toBe(120);
    // Monday the 2nd: the running session is not in the export.
    expect(rows[2]?.slice(1, 2)).toEqual(['Monday']);
    expect(fmt('hh:mm', rows[2]?.[3])).toBe('18:30');
    expect(minutesOf(rows[2]?.[5])).toBe(570);
    expect(rows[2]?.[6]).toBe(9.5);
    expect(minutesOf(rows[2]?.[7])).toBe(90);
    expect(rows[2]?.[9]).toBe('yes');
    expect(rows[3]?.[2]).toBeUndefined(); // an empty day has no entrance
    const totals = rows[29] as unknown[];
    expect(totals[0]).toBe('Total');
    expect(minutesOf(totals[4])).toBe(9600);
    expect(minutesOf(totals[5])).toBe(690);
    expect(minutesOf(totals[7])).toBe(210);
    expect(ws.F30?.f).toBe('SUM(F2:F29)');
  });

  it('exports the payroll of the month: one row per user with total, extra and salary, and totals', async () => {
    const res = await get(org.users.admin.token, '/api/exports/diary.xlsx?month=2026-02');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('filename="payroll_2026-02.xlsx"');
    const { ws, name, rows } = readXlsx(res.rawPayload);
    expect(name).toBe('Payroll February 2026');
    expect(rows[0]).toEqual(['User', 'Status', 'Pay type', 'Rate / base', 'Overtime factor', 'Required (h:mm)', 'Total (h:mm)', 'Total hours (decimal)', 'Extra (h:mm)', 'Extra hours (decimal)', 'Salary', 'Absence credit (h:mm)', 'Balance hours', 'Month state']);
    expect(rows).toHaveLength(1 + 4 + 1);
    const byName = new Map(rows.slice(1, 5).map((r) => [String(r[0]).split(' ')[0], r]));
    // Alice: Feb 1 120 (all extra) + Feb 2 570 (90 extra) = 690, 210 extra; 480/60 × 20 + 210/60 × 20 × 1.25 = 160 + 87.50.
    const alice = byName.get('Alice') as unknown[];
    expect(alice.slice(1, 5)).toEqual(['Active', 'Hourly', 20, 1.25]);
    expect(ws.E2).toMatchObject({ t: 'n', v: 1.25, z: '0.00' });
    expect(minutesOf(alice[6])).toBe(690);
    expect(minutesOf(alice[8])).toBe(210);
    expect(alice[10]).toBe(247.5);
    // Bob: monthly 3000 + 120/60 × (3000 / 160) × 1.5 = 3056.25.
    const bob = byName.get('Bob') as unknown[];
    expect(bob.slice(1, 5)).toEqual(['Active', 'Monthly', 3000, 1.5]);
    expect(bob[10]).toBe(3056.25);
    expect(ws.K2?.z).toBe('#,##0.00 "EUR"');
    const totals = rows[5] as unknown[];
    expect(totals[0]).toBe('Total');
    expect(totals[3]).toBeUndefined(); // rates are not summed
    expect(totals[4]).toBeUndefined(); // nor overtime factors
    expect(minutesOf(totals[6])).toBe(1290);
    expect(totals[10]).toBe(3303.75);
    expect(ws.K6?.f).toBe('SUM(K2:K5)');
    expect(alice[13]).toBe('Open');
  });

  it('states each user\'s month state and can be limited to approved months', async () => {
    ctx.clock.now = new Date('2026-03-02T10:00:00Z');
    const { admin, alice, manager } = org.users;
    expect((await as(ctx.app, alice.token).post('/api/months/2026-02/submit')).statusCode).toBe(200);
    expect((await as(ctx.app, manager.token).post('/api/months/2026-02/approve', { userIds: [alice.id] })).statusCode).toBe(200);
    const all = readXlsx((await get(admin.token, '/api/exports/diary.xlsx?month=2026-02')).rawPayload);
    const states = new Map(all.rows.slice(1, 5).map((r) => [String(r[0]).split(' ')[0], r[13]]));
    expect(Object.fromEntries(states)).toEqual({ Admin: 'Open', Alice: 'Approved', Bob: 'Open', Manager: 'Open' });
    const res = await get(admin.token, '/api/exports/diary.xlsx?month=2026-02&approved=true');
    expect(res.headers['content-disposition']).toContain('filename="payroll-approved_2026-02.xlsx"');
    const approved = readXlsx(res.rawPayload);
    expect(approved.rows).toHaveLength(1 + 1 + 1);
    expect(String(approved.rows[1]?.[0])).toMatch(/^Alice/);
    expect(approved.rows[2]?.[10]).toBe(247.5);
    expect((await as(ctx.app, admin.token).post('/api/months/2026-02/reopen', { userId: alice.id, reason: 'test cleanup' })).statusCode).toBe(200);
  });

  it('keeps roles and organisations apart', async () => {
    const { alice, bob, manager } = org.users;
    expect((await get(alice.token, '/api/exports/diary.xlsx?month=2026-02')).statusCode).toBe(403);
    expect((await get(bob.token, `/api/exports/diary/${alice.id}.xlsx?month=2026-02`)).statusCode).toBe(403);
    expect((await get(bob.token, `/api/exports/diary/${alice.id}/2026-02-02.xlsx`)).statusCode).toBe(403);
    expect((await get(alice.token, `/api/exports/diary/${alice.id}.xlsx?month=2026-02`)).statusCode).toBe(200);
    expect((await get(manager.token, `/api/exports/diary/${other.users.alice.id}.xlsx?month=2026-02`)).statusCode).toBe(404);
    expect((await get(manager.token, `/api/exports/diary/${other.users.alice.id}/2026-02-02.xlsx`)).statusCode).toBe(404);
    expect((await get(manager.token, `/api/exports/diary/${newId()}/2026-02-02.xlsx`)).statusCode).toBe(404);
    expect((await get(manager.token, `/api/exports/diary/${alice.id}/2026-02-31.xlsx`)).statusCode).toBe(400);
    // The other organisation's payroll lists its own people only.
    const theirs = readXlsx((await get(other.users.manager.token, '/api/exports/diary.xlsx?month=2026-02')).rawPayload);
    expect(theirs.rows.slice(1, -1).map((r) => String(r[0]).split(' ')[1])).toEqual(Array(4).fill(other.orgId.slice(0, 8)));
  });

  it('reads as a German payroll clerk expects: date cells dd.mm.yyyy, the factor a number, h:mm and decimal columns told apart, German names, header frozen', async () => {
    const { alice, manager } = org.users;
    await ctx.db.prisma.user.update({ where: { id: manager.id }, data: { locale: 'de-DE' } });
    await ctx.db.prisma.user.update({ where: { id: alice.id }, data: { locale: 'de-DE' } });
    expect((await as(ctx.app, org.users.admin.token).put('/api/settings/holidays', { country: 'DE', region: 'BE' })).statusCode).toBe(200);
    const frozen = (body: Buffer) => {
      const zip = XLSX.CFB.read(body, { type: 'buffer' });
      const sheet = XLSX.CFB.find(zip, '/xl/worksheets/sheet1.xml');
      return Buffer.from(sheet?.content as Uint8Array).toString('utf8').includes('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    };
    try {
      // The payroll: German file and sheet names; every figure a number cell with its format.
      const res = await get(manager.token, '/api/exports/diary.xlsx?month=2026-02');
      expect(res.headers['content-disposition']).toContain('filename="Lohn_2026-02.xlsx"');
      const payroll = readXlsx(res.rawPayload);
      expect(payroll.name).toBe('Lohnabrechnung Februar 2026');
      expect(payroll.rows[0]).toEqual([
        'Benutzer', 'Status', 'Vergütungsart', 'Satz / Grundgehalt', 'Überstundenfaktor', 'Soll (Std:Min)', 'Summe (Std:Min)', 'Stunden gesamt (dezimal)',
        'Mehrarbeit (Std:Min)', 'Mehrstunden (dezimal)', 'Gehalt', 'Abwesenheitsgutschrift (Std:Min)', 'Saldo (Stunden dezimal)', 'Monatsstatus',
      ]);
      const aliceRow = payroll.rows.findIndex((r) => String(r[0]).startsWith('Alice')) + 1; // 1-based sheet row
      const cell = (col: string) => payroll.ws[`${col}${aliceRow}`] as XLSX.CellObject;
      expect(cell('E')).toMatchObject({ t: 'n', v: 1.25, z: '0.00' });
      expect(XLSX.SSF.format('0.00', cell('E').v as number)).toBe('1.25'); // Excel shows 1,25 to a German reader: a number, not text
      expect(cell('G')).toMatchObject({ t: 'n', z: '[h]:mm' });
      expect(cell('H')).toMatchObject({ t: 'n', v: 11.5, z: '0.00' });
      expect(Math.round((cell('G').v as number) * 1440)).toBe(690);
      expect(cell('K')).toMatchObject({ t: 'n', v: 247.5, z: '#,##0.00 "EUR"' });
      expect(cell('M')).toMatchObject({ t: 'n', z: '0.00' });
      expect(cell('N')).toMatchObject({ t: 's', v: 'Wieder geöffnet' }); // reopened by the test above
      expect(frozen(res.rawPayload)).toBe(true);
      const approved = await get(manager.token, '/api/exports/diary.xlsx?month=2026-02&approved=true');
      expect(approved.headers['content-disposition']).toContain('filename="Lohn_freigegeben_2026-02.xlsx"');

      // A month: dates as date cells in dd.mm.yyyy; public holidays by their German name.
      const december = await get(alice.token, `/api/exports/diary/${alice.id}.xlsx?month=2025-12`);
      expect(december.statusCode).toBe(200);
      const month = readXlsx(december.rawPayload);
      expect(month.name).toBe('Dezember 2025');
      expect(month.rows[0]).toEqual(['Datum', 'Wochentag', 'Beginn', 'Ende', 'Soll (Std:Min)', 'Summe (Std:Min)', 'Stunden gesamt (dezimal)', 'Mehrarbeit (Std:Min)', 'Mehrstunden (dezimal)', 'Markiert', 'Feiertag / Abwesenheit', 'Abwesenheitsgutschrift (Std:Min)']);
      expect(month.ws.A2).toMatchObject({ t: 'n', z: 'dd\\.mm\\.yyyy' });
      expect(XLSX.SSF.format(month.ws.A2?.z as string, month.ws.A2?.v as number)).toBe('01.12.2025');
      expect(XLSX.SSF.format('dd\\.mm\\.yyyy', month.ws.A26?.v as number)).toBe('25.12.2025');
      expect(month.ws.K26).toMatchObject({ t: 's', v: '1. Weihnachtstag' });
      expect(month.ws.K27).toMatchObject({ t: 's', v: '2. Weihnachtstag' });
      expect(month.ws.B26).toMatchObject({ t: 's', v: 'Donnerstag' });
      expect(month.rows.at(-1)?.[0]).toBe('Summe');
      expect(frozen(december.rawPayload)).toBe(true);
      // Read with cellDates, the date cells come back as dates.
      const dated = XLSX.read(december.rawPayload, { type: 'buffer', cellDates: true, cellNF: true });
      expect((dated.Sheets[dated.SheetNames[0] as string] as XLSX.WorkSheet).A2).toMatchObject({ t: 'd' });

      // A day: the sheet named by the date as a German reader writes it; date-time cells dd.mm.yyyy hh:mm.
      const day = readXlsx((await get(manager.token, `/api/exports/diary/${alice.id}/2026-02-02.xlsx`)).rawPayload);
      expect(day.name).toBe('02.02.2026');
      expect(day.rows[0]?.slice(3, 8)).toEqual(['Beginn', 'Ende', 'Summe (Std:Min)', 'Stunden (dezimal)', 'Sitzungsdauer (Std:Min)']);
      expect(day.ws.D2).toMatchObject({ t: 'n', z: 'dd\\.mm\\.yyyy hh:mm' });
      expect(XLSX.SSF.format('dd\\.mm\\.yyyy hh:mm', day.ws.D2?.v as number)).toBe('02.02.2026 08:00');

      // The customer's labor sheet (streamed): the same conventions.
      const labor = await get(manager.token, `/api/exports/customers/${org.customers.acme}.xlsx?from=2026-02-01&to=2026-02-28`);
      expect(labor.statusCode).toBe(200);
      const sheet = readXlsx(labor.rawPayload);
      expect(sheet.name).toBe('Arbeitsnachweis');
      expect(sheet.rows[0]).toEqual(['Datum', 'Benutzer', 'Kunde', 'Kategorie', 'Beginn', 'Ende', 'Dauer (Std:Min)', 'Stunden (dezimal)', 'Notiz']);
      expect(sheet.ws.A2).toMatchObject({ t: 'n', z: 'dd\\.mm\\.yyyy' });
      expect(XLSX.SSF.format('dd\\.mm\\.yyyy', sheet.ws.A2?.v as number)).toBe('02.02.2026'); // the session from 31 January counts by its start
      expect(frozen(labor.rawPayload)).toBe(true);

      // An English reader keeps the English names and ISO dates.
      await ctx.db.prisma.user.update({ where: { id: alice.id }, data: { locale: 'en-GB' } });
      const english = readXlsx((await get(alice.token, `/api/exports/diary/${alice.id}.xlsx?month=2025-12`)).rawPayload);
      expect(english.ws.A2).toMatchObject({ t: 'n', z: 'yyyy-mm-dd' });
      expect(english.ws.K26).toMatchObject({ t: 's', v: 'Christmas Day' });
    } finally {
      expect((await as(ctx.app, org.users.admin.token).put('/api/settings/holidays', { country: null })).statusCode).toBe(200);
      await ctx.db.prisma.user.update({ where: { id: manager.id }, data: { locale: null } });
      await ctx.db.prisma.user.update({ where: { id: alice.id }, data: { locale: null } });
    }
  });

  it('writes the labels in the reader’s language: the organisation’s locale, or their own override', async () => {
    const { alice, manager } = org.users;
    await ctx.db.prisma.organization.update({ where: { id: org.orgId }, data: { locale: 'de-DE' } });
    try {
      const month = readXlsx((await get(alice.token, `/api/exports/diary/${alice.id}.xlsx?month=2026-02`)).rawPayload);
      expect(month.rows[0]?.slice(0, 3)).toEqual(['Datum', 'Wochentag', 'Beginn']);
      expect(month.rows[2]?.[1]).toBe('Montag');
      expect(month.rows.at(-1)?.[0]).toBe('Summe');
      const payroll = readXlsx((await get(manager.token, '/api/exports/diary.xlsx?month=2026-02')).rawPayload);
      expect(payroll.name).toBe('Lohnabrechnung Februar 2026');
      await ctx.db.prisma.user.update({ where: { id: manager.id }, data: { locale: 'en-GB' } });
      expect(readXlsx((await get(manager.token, '/api/exports/diary.xlsx?month=2026-02')).rawPayload).rows[0]?.[0]).toBe('User');
    } finally {
      await ctx.db.prisma.organization.update({ where: { id: org.orgId }, data: { locale: 'en-GB' } });
      await ctx.db.prisma.user.update({ where: { id: manager.id }, data: { locale: null } });
    }
  });
});
