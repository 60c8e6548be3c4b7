// An approved month keeps the figures it was approved with (MonthClose.figures): the month view,
// the day modal, the overview and the payroll export show them whatever pay and rules become
// afterwards; a reopen goes back to figures worked out live, and a new approval keeps new ones.
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { DiaryDaySessions, DiaryOverview, DiaryUserMonth, DiaryUserRow } from '@workdiary/shared';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { insertEntries } from '../diary/diary.fixtures.ts';

describe(`approved months keep their figures (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  const MONTH = '2026-10';
  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
    ctx.clock.now = new Date('2026-12-02T10:00:00Z');
    // Monday 5 and Tuesday 6 October (Berlin, UTC+2): 9 hours each, so 1 hour extra a day.
    await insertEntries(ctx.db.prisma, org, [
      { userId: org.users.alice.id, start: '2026-10-05T06:00:00Z', stop: '2026-10-05T15:00:00Z' },
      { userId: org.users.alice.id, start: '2026-10-06T06:00:00Z', stop: '2026-10-06T15:00:00Z' },
      { userId: org.users.bob.id, start: '2026-10-05T06:00:00Z', stop: '2026-10-05T15:00:00Z' },
    ]);
  });

  const call = (who: keyof OrgFixture['users']) => as(ctx.app, org.users[who].token);
  const overview = async () => (await call('manager').get(`/api/diary?month=${MONTH}`)).json<DiaryOverview>();
  const rowOf = (o: DiaryOverview, userId: string) => o.items.find((i) => i.userId === userId) as DiaryUserRow;
  const monthOf = async (userId: string) => (await call('manager').get(`/api/diary/${userId}?month=${MONTH}`)).json<DiaryUserMonth>();
  const dayOf = async (userId: string) => (await call('manager').get(`/api/diary/${userId}/2026-10-05`)).json<DiaryDaySessions>();
  const payrollRow = async (name: string) => {
    const res = await call('admin').get(`/api/exports/diary.xlsx?month=${MONTH}`);
    expect(res.statusCode).toBe(200);
    const wb = XLSX.read(res.rawPayload, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0] as string] as XLSX.WorkSheet, { header: 1, raw: true });
    return rows.find((r) => r[0] === name);
  };
  const monthSheet = async (userId: string) => {
    const res = await call('manager').get(`/api/exports/diary/${userId}.xlsx?month=${MONTH}`);
    expect(res.statusCode).toBe(200);
    const wb = XLSX.read(res.rawPayload, { type: 'buffer' });
    return XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0] as string] as XLSX.WorkSheet, { header: 1, raw: true });
  };
  /** A raise for both, and other required hours for everyone, through the API: what must not move a paid month. */
  const changePayAndRules = async (hourlyRate: number, monday: number) => {
    for (const who of ['alice', 'bob'] as const) {
      expect((await call('admin').patch(`/api/users/${org.users[who].id}`, { pay: { hourlyRate } })).statusCode).toBe(200);
    }
    const rules = (await call('admin').get('/api/settings/work-rules/default')).json<Record<string, unknown>>();
    const { userId: _u, inherited: _i, updatedAt: _a, ...plain } = rules;
    const put = await call('admin').put('/api/settings/work-rules/default', { ...plain, requiredMinutes: [monday, 240, 240, 240, 240, 0, 0] });
    expect(put.statusCode).toBe(200);
  };

  it('approving keeps the figures shown at that moment; later pay and rule changes move only the months not approved', async () => {
    const live = await overview();
    const aliceLive = rowOf(live, org.users.alice.id);
    const bobLive = rowOf(live, org.users.bob.id);
    expect(aliceLive).toMatchObject({ totalMinutes: 1080, extraMinutes: 120, frozenAt: null });
    const aliceMonthLive = await monthOf(org.users.alice.id);

    const approved = await call('manager').post(`/api/months/${MONTH}/approve`, { userIds: [org.users.alice.id] });
    expect(approved.statusCode).toBe(200);

    // The same figures as just before (the kept ones come from the shared functions, the live
    // overview from its SQL), now marked with the approval's instant.
    const kept = rowOf(await overview(), org.users.alice.id);
    expect(kept).toEqual({ ...aliceLive, frozenAt: '2026-12-02T10:00:00.000Z' });
    const keptMonth = await monthOf(org.users.alice.id);
    expect(keptMonth).toEqual({ ...aliceMonthLive, frozenAt: '2026-12-02T10:00:00.000Z' });
    expect(keptMonth.totals).toMatchObject({ totalMinutes: kept.totalMinutes, extraMinutes: kept.extraMinutes, salary: kept.salary });
    const alicePayroll = await payrollRow(aliceLive.name);
    const bobPayroll = await payrollRow(bobLive.name);
    expect(alicePayroll).toBeDefined();
    const aliceSheet = await monthSheet(org.users.alice.id);
    const bobSheet = await monthSheet(org.users.bob.id);

    ctx.clock.now = new Date('2026-12-03T10:00:00Z');
    await changePayAndRules(9900, 240);

    const after = await overview();
    expect(rowOf(after, org.users.alice.id)).toEqual(kept);
    const bobAfter = rowOf(after, org.users.bob.id);
    expect(bobAfter.frozenAt).toBeNull();
    expect(bobAfter.salary).not.toBe(bobLive.salary);
    expect(bobAfter.requiredMinutes).not.toBe(bobLive.requiredMinutes);
    expect(bobAfter.extraMinutes).toBeGreaterThan(bobLive.extraMinutes);
    expect(after.totals.salary).toBe(after.items.reduce((sum, i) => sum + i.salary, 0));

    expect(await monthOf(org.users.alice.id)).toEqual(keptMonth);
    // The day modal: Alice's Monday still asks 8 hours as approved; Bob's asks the new 4.
    expect(await dayOf(org.users.alice.id)).toMatchObject({ requiredMinutes: 480, extraMinutes: 60, totalMinutes: 540 });
    expect(await dayOf(org.users.bob.id)).toMatchObject({ requiredMinutes: 240, extraMinutes: 300, totalMinutes: 540 });

    // The payroll export: Alice's row (rate, required, extra, salary) as approved; Bob's moved.
    expect(await payrollRow(aliceLive.name)).toEqual(alicePayroll);
    expect(await payrollRow(bobLive.name)).not.toEqual(bobPayroll);
    // The month export: Alice's days as approved; Bob's Monday now asks 4 hours.
    expect(await monthSheet(org.users.alice.id)).toEqual(aliceSheet);
    expect(await monthSheet(org.users.bob.id)).not.toEqual(bobSheet);
  });

  it('an approval for everyone keeps every approved user\'s figures', async () => {
    const approved = await call('manager').post('/api/months/2026-09/approve', { all: true });
    expect(approved.statusCode).toBe(200);
    const rows = (await call('manager').get('/api/diary?month=2026-09')).json<DiaryOverview>().items;
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.every((r) => r.frozenAt === ctx.clock.now?.toISOString())).toBe(true);
  });

  it('a reopened month is worked out live again; approving it again keeps the figures of then', async () => {
    const reopened = await call('admin').post(`/api/months/${MONTH}/reopen`, { userId: org.users.alice.id, reason: 'New rate applies' });
    expect(reopened.statusCode).toBe(200);
    const live = rowOf(await overview(), org.users.alice.id);
    expect(live.frozenAt).toBeNull();
    expect(live.requiredMinutes).toBe(rowOf(await overview(), org.users.bob.id).requiredMinutes);
    expect(live.extraMinutes).toBe(600); // 2 × (540 − 240)
    expect((await monthOf(org.users.alice.id)).frozenAt).toBeNull();

    ctx.clock.now = new Date('2026-12-04T10:00:00Z');
    expect((await call('admin').post(`/api/months/${MONTH}/approve`, { userIds: [org.users.alice.id] })).statusCode).toBe(200);
    await changePayAndRules(1000, 480);
    expect(rowOf(await overview(), org.users.alice.id)).toEqual({ ...live, frozenAt: '2026-12-04T10:00:00.000Z' });
  });
});
