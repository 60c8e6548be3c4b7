// Every surface gives the same minutes and money for the same person and month (issue 21): the
// Work diary's overview, the user's month, the day modal, the user-month export and the payroll
// export, live and after the approval kept the figures; on generated sessions across both DST
// changes of Berlin (March and October 2026), for an hourly and a monthly paid person.
import { beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { daysOfMonth, type DiaryDaySessions, type DiaryOverview, type DiaryUserMonth } from '@workdiary/shared';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { insertEntries, type EntrySpec } from '../../modules/diary/diary.fixtures.ts';
import { seededRandom } from '../../test/random.ts';

/**
 * One to three sessions a day with odd seconds (so each day's floor matters), a session across
 * midnight now and then, sessions through the DST nights, one flagged session a month.
 */
function generate(userId: string, month: string, seed: number): EntrySpec[] {
  const next = seededRandom(seed);
  const specs: EntrySpec[] = [];
  for (const date of daysOfMonth(month)) {
    if (next() < 0.15) continue;
    // 06:00 UTC is 07:00 or 08:00 in Berlin: never near a DST change.
    let at = Date.parse(`${date}T06:00:00Z`) + Math.floor(next() * 3_600_000);
    const sessions = 1 + Math.floor(next() * 3);
    for (let i = 0; i < sessions; i++) {
      const length = 20 * 60_000 + Math.floor(next() * 4 * 3_600_000) + Math.floor(next() * 59_999);
      specs.push({ userId, start: new Date(at).toISOString(), stop: new Date(at + length).toISOString(), flagged: specs.length === 3 });
      at += length + 5 * 60_000 + Math.floor(next() * 3_600_000);
    }
    if (next() < 0.1) {
      // Across midnight: 22:10 UTC to 02:37:13 UTC the next day.
      const start = Date.parse(`${date}T22:10:00Z`);
      specs.push({ userId, start: new Date(start).toISOString(), stop: new Date(start + 4 * 3_600_000 + 27 * 60_000 + 13_000).toISOString() });
    }
  }
  return specs;
}

type Figures = { total: number; extra: number; salary: number; hours: number };

describe(`one figures module: every surface agrees (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  const MONTHS = ['2026-03', '2026-10'];
  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
    ctx.clock.now = new Date('2026-12-02T10:00:00Z');
    await ctx.db.prisma.user.update({ where: { id: org.users.bob.id }, data: { payType: 'MONTHLY', monthlyBase: 312_345, hourlyRate: null, overtimeFactor: 1.5 } });
    const specs = MONTHS.flatMap((month, m) => [
      ...generate(org.users.alice.id, month, 21 + m),
      ...generate(org.users.bob.id, month, 77 + m),
    ]);
    // Through both DST nights: 29 March 00:30–04:10 local (one hour less), 25 October 00:30–04:10 (one more).
    specs.push({ userId: org.users.alice.id, start: '2026-03-28T23:30:00Z', stop: '2026-03-29T02:10:00Z' });
    specs.push({ userId: org.users.alice.id, start: '2026-10-24T22:30:00Z', stop: '2026-10-25T03:10:00Z' });
    // No overlaps by construction except these two nights, which fall on days the generator may fill: keep
    // each user's entries apart by dropping any session that overlaps an earlier one.
    const kept: EntrySpec[] = [];
    for (const s of specs.sort((a, b) => a.start.localeCompare(b.start))) {
      const overlaps = kept.some((k) => k.userId === s.userId && k.start < (s.stop as string) && (k.stop as string) > s.start);
      if (!overlaps) kept.push(s);
    }
    await insertEntries(ctx.db.prisma, org, kept);
  });

  const call = (who: keyof OrgFixture['users']) => as(ctx.app, org.users[who].token);

  const sheet = async (url: string) => {
    const res = await call('admin').get(url);
    expect(res.statusCode, url).toBe(200);
    const wb = XLSX.read(res.rawPayload, { type: 'buffer' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[0] as string] as XLSX.WorkSheet, { header: 1, raw: true });
    const header = rows[0] as string[];
    const col = (name: string) => {
      const i = header.indexOf(name);
      expect(i, `${name} in ${header.join(', ')}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    return { rows, col };
  };
  const minutesOf = (excelDays: unknown) => Math.round(Number(excelDays) * 1440);

  /** Each surface's figures for one person and month; every surface must give the same. */
  async function surfaces(userId: string, name: string, month: string): Promise<Record<string, Figures>> {
    const overview = (await call('manager').get(`/api/diary?month=${month}`)).json<DiaryOverview>();
    const row = overview.items.find((i) => i.userId === userId);
    expect(row).toBeDefined();
    const userMonth = (await call('manager').get(`/api/diary/${userId}?month=${month}`)).json<DiaryUserMonth>();
    expect(userMonth.items.reduce((s, d) => s + d.totalMinutes, 0)).toBe(userMonth.totals.totalMinutes);
    expect(userMonth.items.reduce((s, d) => s + d.extraMinutes, 0)).toBe(userMonth.totals.extraMinutes);

    // The day modal, every day: the same day figures as the month view.
    let dayTotal = 0;
    let dayExtra = 0;
    for (const d of userMonth.items) {
      const day = (await call('manager').get(`/api/diary/${userId}/${d.date}`)).json<DiaryDaySessions>();
      expect({ date: d.date, total: day.totalMinutes, extra: day.extraMinutes }).toEqual({ date: d.date, total: d.totalMinutes, extra: d.extraMinutes });
      dayTotal += day.totalMinutes;
      dayExtra += day.extraMinutes;
    }

    const monthSheet = await sheet(`/api/exports/diary/${userId}.xlsx?month=${month}`);
    const days = monthSheet.rows.slice(1, -1);
    const totals = monthSheet.rows.at(-1) as unknown[];
    expect(days).toHaveLength(daysOfMonth(month).length);
    // What Excel shows for SUM over the rows' decimal hours, to the two places the cells show.
    const hoursColumn = days.reduce<number>((s, r) => s + Number(r[monthSheet.col('Total hours (decimal)')]), 0);

    const payroll = await sheet(`/api/exports/diary.xlsx?month=${month}`);
    const payRow = payroll.rows.find((r) => r[0] === name) as unknown[];
    expect(payRow).toBeDefined();

    const round2 = (h: number) => Math.round(h * 100) / 100;
    return {
      overview: { total: row?.totalMinutes ?? -1, extra: row?.extraMinutes ?? -1, salary: row?.salary ?? -1, hours: round2((row?.totalMinutes ?? 0) / 60) },
      month: { total: userMonth.totals.totalMinutes, extra: userMonth.totals.extraMinutes, salary: userMonth.totals.salary, hours: round2(userMonth.totals.totalMinutes / 60) },
      dayModals: { total: dayTotal, extra: dayExtra, salary: userMonth.totals.salary, hours: round2(dayTotal / 60) },
      monthSheet: {
        total: minutesOf(totals[monthSheet.col('Total (h:mm)')]),
        extra: minutesOf(totals[monthSheet.col('Extra (h:mm)')]),
        salary: userMonth.totals.salary,
        hours: round2(hoursColumn),
      },
      payroll: {
        total: minutesOf(payRow[payroll.col('Total (h:mm)')]),
        extra: minutesOf(payRow[payroll.col('Extra (h:mm)')]),
        salary: Math.round(Number(payRow[payroll.col('Salary')]) * 100),
        hours: round2(Number(payRow[payroll.col('Total hours (decimal)')])),
      },
    };
  }

  function expectAgreement(all: Record<string, Figures>) {
    const reference = all.overview as Figures;
    expect(reference.total).toBeGreaterThan(0);
    for (const [surface, figures] of Object.entries(all)) expect({ surface, ...figures }).toEqual({ surface, ...reference });
  }

  it('live and after the approval kept them: the same minutes, hours and money everywhere, DST months included', async () => {
    for (const month of MONTHS) {
      for (const who of ['alice', 'bob'] as const) {
        const { id } = org.users[who];
        const name = (await ctx.db.prisma.user.findUniqueOrThrow({ where: { id } })).name;
        const live = await surfaces(id, name, month);
        expectAgreement(live);
        const approve = await call('manager').post(`/api/months/${month}/approve`, { userIds: [id] });
        expect(approve.statusCode).toBe(200);
        const kept = await surfaces(id, name, month);
        expectAgreement(kept);
        expect(kept.overview).toEqual(live.overview);
      }
    }
  });
});
