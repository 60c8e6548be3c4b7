import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { LightMyRequestResponse } from 'fastify';
import { newId } from '../../db/ids.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';

let ctx: TestContext;
let org: OrgFixture;
let other: OrgFixture;

const serialDate = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d) / 86_400_000 + 25569;
const dayFraction = (h: number, min: number) => (h * 60 + min) / 1440;

beforeAll(async () => {
  ctx = await setupTestApp();
  org = await createOrg(ctx);
  other = await createOrg(ctx);
  ctx.clock.now = new Date('2026-10-28T12:00:00Z');
  const row = (userId: string, start: string, stop: string | null, note: string, extra: { customerId?: string; categoryId?: string } = {}) => ({
    id: newId(), organizationId: org.orgId, userId, customerId: extra.customerId ?? org.customers.acme, categoryId: extra.categoryId ?? org.categories.regular,
    startedAt: new Date(start), stoppedAt: stop ? new Date(stop) : null, note, source: 'MANUAL' as const, createdById: userId,
  });
  await ctx.db.prisma.workEntry.createMany({ data: [
    // Berlin is UTC+2 until 25 October, UTC+1 after.
    row(org.users.alice.id, '2026-10-05T07:00:00Z', '2026-10-05T09:30:00Z', 'Design review'),
    row(org.users.bob.id, '2026-10-06T20:00:00Z', '2026-10-06T23:15:00Z', '=1+1', { categoryId: org.categories.support }),
    row(org.users.alice.id, '2026-10-27T12:00:00Z', '2026-10-27T12:45:30Z', '-minus and @at'),
    row(org.users.manager.id, '2026-10-28T10:00:00Z', null, 'running: left out'),
    row(org.users.alice.id, '2026-11-01T08:00:00Z', '2026-11-01T09:00:00Z', 'next month'),
    row(org.users.alice.id, '2026-09-30T22:30:00Z', '2026-09-30T23:00:00Z', 'Berlin 1 October 00:30: in range'),
    row(org.users.bob.id, '2026-10-07T08:00:00Z', '2026-10-07T09:00:00Z', 'other customer', { customerId: org.customers.globex }),
  ] });
});

function readSheet(res: LightMyRequestResponse) {
  expect(res.statusCode).toBe(200);
  const wb = XLSX.read(res.rawPayload, { type: 'buffer', cellNF: true, cellFormula: true, cellStyles: true });
  expect(wb.SheetNames).toEqual(['Labor sheet']);
  const ws = wb.Sheets['Labor sheet'] as XLSX.WorkSheet;
  const cell = (ref: string) => ws[ref] as XLSX.CellObject | undefined;
  const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
  return { ws, cell, rows };
}

describe(`customer labor sheet export on ${engineName}`, () => {
  it('writes every cell with the right type, value and format, and a totals row', async () => {
    const res = await as(ctx.app, org.users.manager.token).get(`/api/exports/customers/${org.customers.acme}.xlsx?from=2026-10-01&to=2026-10-31`);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain('filename="acme-ltd_2026-10-01_2026-10-31.xlsx"');
    const { ws, cell, rows } = readSheet(res);
    expect(rows[0]).toEqual(['Date', 'User', 'Customer', 'Category', 'Start', 'Stop', 'Duration (h:mm)', 'Hours (decimal)', 'Note']);
    expect(rows).toHaveLength(1 + 4 + 1);
    expect(ws['!ref']).toBe('A1:I6');
    expect(ws['!autofilter']).toEqual({ ref: 'A1:I5' });
    expect((ws['!cols'] ?? []).length).toBe(9);
    expect((ws['!cols'] ?? []).every((c) => (c.wch ?? c.width ?? 0) >= 8)).toBe(true);

    const aliceName = (await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: org.users.alice.id } })).name;
    const bobName = (await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: org.users.bob.id } })).name;
    // [date, user, category, start h:m, stop h:m, minutes, note]
    const expected: Array<[[number, number, number], string, string, [number, number], [number, number], number, string]> = [
      [[2026, 10, 1], aliceName, 'Regular Hours', [0, 30], [1, 0], 30, 'Berlin 1 October 00:30: in range'],
      [[2026, 10, 5], aliceName, 'Regular Hours', [9, 0], [11, 30], 150, 'Design review'],
      [[2026, 10, 6], bobName, 'Support', [22, 0], [1, 15], 195, '=1+1'],
      [[2026, 10, 27], aliceName, 'Regular Hours', [13, 0], [13, 45.5], 45, '-minus and @at'],
    ];
    expected.forEach(([date, user, category, start, stop, minutes, note], i) => {
      const r = i + 2;
      expect(cell(`A${r}`)).toMatchObject({ t: 'n', v: serialDate(...date), z: 'yyyy-mm-dd' });
      expect(cell(`B${r}`)).toMatchObject({ t: 's', v: user });
      expect(cell(`C${r}`)).toMatchObject({ t: 's', v: 'Acme Ltd' });
      expect(cell(`D${r}`)).toMatchObject({ t: 's', v: category });
      expect(cell(`E${r}`)).toMatchObject({ t: 'n', z: 'hh:mm' });
      expect(cell(`E${r}`)?.v as number).toBeCloseTo(dayFraction(...start), 9);
      expect(cell(`F${r}`)).toMatchObject({ t: 'n', z: 'hh:mm' });
      expect(cell(`F${r}`)?.v as number).toBeCloseTo(dayFraction(...stop), 9);
      expect(cell(`G${r}`)).toMatchObject({ t: 'n', z: '[h]:mm' });
      expect(cell(`G${r}`)?.v as number).toBeCloseTo(minutes / 1440, 12);
      expect(cell(`H${r}`)).toMatchObject({ t: 'n', v: Math.round((minutes / 60) * 100) / 100, z: '0.00' });
      expect(cell(`I${r}`)).toMatchObject({ t: 's', v: note });
      for (const col of 'ABCDEFGHI') expect(cell(`${col}${r}`)?.f).toBeUndefined();
    });
    // A note that looks like a formula stays text.
    expect(cell('I4')).toEqual(expect.objectContaining({ t: 's', v: '=1+1' }));
    expect(cell('I4')?.f).toBeUndefined();

    expect(cell('A6')).toMatchObject({ t: 's', v: 'Total' });
    expect(cell('G6')).toMatchObject({ t: 'n', f: 'SUM(G2:G5)', z: '[h]:mm' });
    expect(cell('G6')?.v as number).toBeCloseTo(420 / 1440, 12);
    expect(cell('H6')).toMatchObject({ t: 'n', v: 7, f: 'SUM(H2:H5)' });
    for (const col of 'BCDEFI') expect(cell(`${col}6`)).toBeUndefined();
  });

  it('defaults to this month in the organisation zone; members get only their own rows', async () => {
    const all = await as(ctx.app, org.users.admin.token).get(`/api/exports/customers/${org.customers.acme}.xlsx`);
    expect(all.headers['content-disposition']).toContain('acme-ltd_2026-10-01_2026-10-31.xlsx');
    expect(readSheet(all).rows).toHaveLength(6);

    const mine = readSheet(await as(ctx.app, org.users.alice.token).get(`/api/exports/customers/${org.customers.acme}.xlsx?from=2026-10-01&to=2026-10-31`));
    expect(mine.rows).toHaveLength(1 + 3 + 1);
    expect(mine.rows.slice(1, -1).map((r) => r[8])).toEqual(['Berlin 1 October 00:30: in range', 'Design review', '-minus and @at']);
    expect(mine.cell('H5')).toMatchObject({ v: 3.75 });

    const bobOnly = readSheet(await as(ctx.app, org.users.manager.token).get(`/api/exports/customers/${org.customers.acme}.xlsx?from=2026-10-01&to=2026-10-31&userId=${org.users.bob.id}`));
    expect(bobOnly.rows).toHaveLength(3);
    const forbidden = await as(ctx.app, org.users.alice.token).get(`/api/exports/customers/${org.customers.acme}.xlsx?userId=${org.users.bob.id}`);
    expect(forbidden.statusCode).toBe(403);
  });

  it('an empty range still gives a header and a zero totals row', async () => {
    const { rows, cell } = readSheet(await as(ctx.app, org.users.manager.token).get(`/api/exports/customers/${org.customers.acme}.xlsx?from=2026-01-01&to=2026-01-31`));
    expect(rows).toHaveLength(2);
    expect(cell('A2')).toMatchObject({ t: 's', v: 'Total' });
    expect(cell('G2')).toMatchObject({ t: 'n', v: 0 });
  });

  it('streams a sheet of many pages that an independent reader (SheetJS) reads back row for row', async () => {
    const customerId = newId();
    await ctx.db.prisma.customer.create({ data: { id: customerId, organizationId: org.orgId, name: 'Streamco' } });
    const people = [org.users.alice.id, org.users.bob.id, org.users.manager.id];
    const count = 4_500; // several pages of the export's queries
    const first = Date.parse('2026-10-02T06:00:00Z');
    await ctx.db.prisma.workEntry.createMany({ data: Array.from({ length: count }, (_, i) => {
      const userId = people[i % 3] as string;
      const start = first + i * 9 * 60_000;
      return {
        id: newId(), organizationId: org.orgId, userId, customerId, categoryId: org.categories.regular,
        startedAt: new Date(start), stoppedAt: new Date(start + (5 + (i % 4)) * 60_000), note: i % 1000 === 0 ? `=SUM(A${i})` : `task ${i}`, source: 'MANUAL' as const, createdById: userId,
      };
    }) });

    const res = await as(ctx.app, org.users.manager.token).get(`/api/exports/customers/${customerId}.xlsx?from=2026-10-01&to=2026-10-31`);
    expect(res.headers['content-length']).toBeUndefined(); // sent as it is written, not buffered first
    const { ws, cell, rows } = readSheet(res);
    expect(rows).toHaveLength(1 + count + 1);
    expect(ws['!autofilter']).toEqual({ ref: `A1:I${count + 1}` });
    expect(rows.slice(1, -1).map((r) => r[8])).toEqual(Array.from({ length: count }, (_, i) => (i % 1000 === 0 ? `=SUM(A${i})` : `task ${i}`)));
    expect(cell('I1002')).toMatchObject({ t: 's', v: '=SUM(A1000)' });
    expect(cell('I1002')?.f).toBeUndefined();
    // Berlin is UTC+2 until 25 October: the first session starts 08:00, the last on 30 October 09:51 (UTC+1).
    expect(cell('A2')).toMatchObject({ v: serialDate(2026, 10, 2) });
    expect(cell('E2')?.v as number).toBeCloseTo(dayFraction(8, 0), 9);
    expect(cell(`A${count + 1}`)).toMatchObject({ v: serialDate(2026, 10, 30) });
    expect(cell(`E${count + 1}`)?.v as number).toBeCloseTo(dayFraction(9, 51), 9);
    const minutes = Array.from({ length: count }, (_, i) => 5 + (i % 4)).reduce((a, b) => a + b, 0);
    expect(cell(`G${count + 2}`)).toMatchObject({ t: 'n', f: `SUM(G2:G${count + 1})` });
    expect(cell(`G${count + 2}`)?.v as number).toBeCloseTo(minutes / 1440, 9);
  });

  it('404 for another organisation’s customer; 400 for a bad range', async () => {
    expect((await as(ctx.app, other.users.admin.token).get(`/api/exports/customers/${org.customers.acme}.xlsx`)).statusCode).toBe(404);
    expect((await as(ctx.app, org.users.manager.token).get(`/api/exports/customers/${newId()}.xlsx`)).statusCode).toBe(404);
    const backwards = await as(ctx.app, org.users.manager.token).get(`/api/exports/customers/${org.customers.acme}.xlsx?from=2026-10-10&to=2026-10-01`);
    expect(backwards.statusCode).toBe(400);
    expect((await as(ctx.app, org.users.manager.token).get(`/api/exports/customers/${org.customers.acme}.xlsx?from=soon`)).statusCode).toBe(400);
  });
});
