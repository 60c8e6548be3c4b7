// The month overview is computed by the database; the day views and the web by the shared
// functions. This proves both give the same numbers, on the demo data and on the tricky cases.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WORK_RULES, addMonths, currentMonth, daysOfMonth, monthFigures, salary, type DiaryOverview, type DiaryUserMonth } from '@workdiary/shared';
import { newId } from '../../db/ids.ts';
import { forOrg } from '../../db/scoped.ts';
import { approvedAbsences, dateColumn } from '../../domain/calendar/day-calendar.ts';
import { holidaysOfMonth } from '../../domain/calendar/holidays.ts';
import { seedDemo } from '../setup/demo-seed.ts';
import { as, createOrg, engineName, login, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { insertEntries } from './diary.fixtures.ts';

type Expected = { userId: string; totalMinutes: number; extraMinutes: number; requiredMinutes: number; absenceMinutes: number; salary: number };

/**
 * The overview as the shared functions compute it from every entry of the organisation, with the
 * organisation's public holidays (date-holidays) and each user's approved absences as the calendar.
 */
async function sharedOverview(ctx: TestContext, orgId: string, month: string, now: Date): Promise<Expected[]> {
  const prisma = ctx.db.prisma;
  const org = await prisma.organization.findUniqueOrThrow({ where: { id: orgId } });
  const [users, rules, entries] = await Promise.all([
    prisma.user.findMany({ where: { organizationId: orgId } }),
    prisma.workRules.findMany({ where: { organizationId: orgId } }),
    prisma.workEntry.findMany({ where: { organizationId: orgId } }),
  ]);
  const orgDefault = rules.find((r) => r.userId === null)?.requiredMinutes ?? DEFAULT_WORK_RULES.requiredMinutes;
  const holidays = await holidaysOfMonth({ country: org.holidayCountry, region: org.holidayRegion }, month);
  const dates = daysOfMonth(month);
  const absences = await approvedAbsences(forOrg(prisma, orgId), users.map((u) => u.id), dates[0] ?? '', dates.at(-1) ?? '');
  const out: Expected[] = [];
  for (const user of users) {
    const own = entries.filter((e) => e.userId === user.id);
    const required = rules.find((r) => r.userId === user.id)?.requiredMinutes ?? orgDefault;
    const calendar = { holidays, holidaySharePercent: org.holidaySharePercent, absences: absences.get(user.id) ?? {} };
    const figures = monthFigures(own, month, org.timeZone, now, required, { calendar });
    const hasEntries = figures.days.some((d) => d.totalMinutes > 0);
    if (!user.active && !hasEntries) continue;
    out.push({
      userId: user.id,
      totalMinutes: figures.totalMinutes,
      extraMinutes: figures.extraMinutes,
      requiredMinutes: figures.requiredMinutes,
      absenceMinutes: figures.absenceMinutes,
      salary: salary({ type: user.payType, hourlyRate: user.hourlyRate, monthlyBase: user.monthlyBase, overtimeFactor: user.overtimeFactor }, figures),
    });
  }
  return out.sort((a, b) => a.userId.localeCompare(b.userId));
}

async function sqlOverview(ctx: TestContext, token: string, month: string): Promise<Expected[]> {
  const res = await as(ctx.app, token).get(`/api/diary?month=${month}`);
  expect(res.statusCode).toBe(200);
  const body = res.json<DiaryOverview>();
  expect(body.month).toBe(month);
  return body.items
    .map(({ userId, totalMinutes, extraMinutes, requiredMinutes, absenceMinutes, salary: s }) => ({ userId, totalMinutes, extraMinutes, requiredMinutes, absenceMinutes, salary: s }))
    .sort((a, b) => a.userId.localeCompare(b.userId));
}

async function expectAgreement(ctx: TestContext, orgId: string, token: string, months: string[], now: Date) {
  ctx.clock.now = now;
  for (const month of months) {
    const expected = await sharedOverview(ctx, orgId, month, now);
    expect(await sqlOverview(ctx, token, month), `month ${month}`).toEqual(expected);
    // The user's month (shared functions, in the API) pays the same salary as the overview.
    for (const row of expected) {
      const user = (await as(ctx.app, token).get(`/api/diary/${row.userId}?month=${month}`)).json<DiaryUserMonth>();
      expect(user.totals.salary, `${month} salary of ${row.userId}`).toBe(row.salary);
      expect(user.totals.requiredMinutes).toBe(row.requiredMinutes);
      expect(user.totals.absenceMinutes).toBe(row.absenceMinutes);
    }
  }
}

describe(`diary SQL overview agrees with the shared time math (${engineName})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await setupTestApp();
  });

  it('on the demo data', async () => {
    const now = new Date('2026-11-10T10:00:00Z'); // demo entries from 1 October (with the 25-hour day) to 9 November
    const seeded = await seedDemo(ctx.db.prisma, now);
    expect(seeded.entries).toBeGreaterThan(300);
    const token = await login(ctx.app, 'manager@example.com', 'workdiary');
    const month = currentMonth('Europe/Berlin', now);
    await expectAgreement(ctx, seeded.organizationId, token, [addMonths(month, -2), addMonths(month, -1), month], now);
    // And the demo as seeded today, whatever today is.
    const today = new Date();
    const again = await createDemoCopy(ctx, today);
    const thisMonth = currentMonth('Europe/Berlin', today);
    await expectAgreement(ctx, again.orgId, again.token, [addMonths(thisMonth, -1), thisMonth], today);
  });

  describe('on the tricky cases', () => {
    let org: OrgFixture;
    beforeAll(async () => {
      org = await createOrg(ctx);
      const { alice, bob, manager, admin } = org.users;
      const prisma = ctx.db.prisma;
      // Bob: monthly base 3000.00 EUR, factor 1.5. Manager: own rules with Saturday work. Admin: nothing required.
      await prisma.user.update({ where: { id: bob.id }, data: { payType: 'MONTHLY', monthlyBase: 300000, hourlyRate: null, overtimeFactor: 1.5 } });
      await prisma.user.update({ where: { id: admin.id }, data: { payType: 'MONTHLY', monthlyBase: 410000, hourlyRate: null } });
      await prisma.workRules.createMany({ data: [
        { id: newId(), organizationId: org.orgId, userId: manager.id, requiredMinutes: [420, 420, 420, 420, 300, 240, 0] },
        { id: newId(), organizationId: org.orgId, userId: admin.id, requiredMinutes: [0, 0, 0, 0, 0, 0, 0] },
      ] });
      await insertEntries(prisma, org, [
        // 23-hour day, Sun 2026-03-29: 00:00–05:00 local is 240 minutes, all extra (0 required).
        { userId: alice.id, start: '2026-03-28T23:00:00Z', stop: '2026-03-29T03:00:00Z' },
        // Sat 2026-03-28 (0 required, all extra) 09:00–12:30.
        { userId: alice.id, start: '2026-03-28T08:00:00Z', stop: '2026-03-28T11:30:00Z' },
        // 22:00–02:00 across the March/April month end (Tue → Wed).
        { userId: alice.id, start: '2026-03-31T20:00:00Z', stop: '2026-04-01T00:00:00Z' },
        // Seconds and milliseconds: summed per day before flooring (40.25 s + 40.25 s + 20.5 s → 1 minute).
        { userId: alice.id, start: '2026-03-10T08:00:00.500Z', stop: '2026-03-10T08:00:40.750Z' },
        { userId: alice.id, start: '2026-03-10T09:00:00.000Z', stop: '2026-03-10T09:00:40.250Z' },
        { userId: alice.id, start: '2026-03-10T10:00:00.000Z', stop: '2026-03-10T10:00:20.500Z' },
        // A week of long days for the overtime factor.
        ...['02', '03', '04', '05', '06'].map((d) => ({ userId: alice.id, start: `2026-03-${d}T07:00:00Z`, stop: `2026-03-${d}T17:15:00Z` })),
        // A forgotten timer: Wed 27 May 18:00 → Tue 2 June 09:00 (flagged), reaching into June from days before it.
        { userId: alice.id, start: '2026-05-27T16:00:00Z', stop: '2026-06-02T07:00:00Z', flagged: true },
        // Running since 26 October: counted nowhere in the overview.
        { userId: alice.id, start: '2026-10-26T07:00:00Z', stop: null },
        // 25-hour day, Sun 2026-10-25: the whole local day is 1500 minutes.
        { userId: bob.id, start: '2026-10-24T22:00:00Z', stop: '2026-10-25T23:00:00Z', flagged: true },
        { userId: bob.id, start: '2026-10-26T07:00:00Z', stop: '2026-10-26T16:30:00Z' },
        // 29 February 2024, 22:00 → 1 March 02:00.
        { userId: bob.id, start: '2024-02-29T21:00:00Z', stop: '2024-03-01T01:00:00Z' },
        { userId: bob.id, start: '2024-02-28T07:00:00Z', stop: '2024-02-28T16:00:00Z' },
        // Sat 23:00 → Mon 01:30 across the 23-hour Sunday: 60 + 1380 + 90.
        { userId: manager.id, start: '2026-03-28T22:00:00Z', stop: '2026-03-29T23:30:00Z', flagged: true },
        { userId: manager.id, start: '2026-10-31T08:00:00Z', stop: '2026-10-31T13:00:00Z' },
        { userId: admin.id, start: '2026-03-03T08:00:00Z', stop: '2026-03-03T10:00:00Z' },
      ]);
    });

    it('agrees month by month', async () => {
      await expectAgreement(ctx, org.orgId, org.users.manager.token, ['2024-02', '2024-03', '2026-03', '2026-04', '2026-05', '2026-06', '2026-10', '2026-11'], new Date('2026-10-26T12:00:00Z'));
    });

    it('matches the hand-computed figures', async () => {
      ctx.clock.now = new Date('2026-10-26T12:00:00Z');
      const { alice, bob, manager, admin } = org.users;
      const get = async (month: string) => new Map((await sqlOverview(ctx, org.users.admin.token, month)).map((r) => [r.userId, r]));
      const march = await get('2026-03');
      // Alice: 5 × 615 (135 extra each) + 1 + 210 (Sat) + 240 (Sun, 23 h day) + 120 (31st) = 3646 total, 675 + 210 + 240 extra.
      expect(march.get(alice.id)).toMatchObject({ totalMinutes: 3646, extraMinutes: 1125, requiredMinutes: 10560 });
      // (3646 − 1125)/60 × 2000 + 1125/60 × 2000 × 1.25 = 84033.33 + 46875 → 130908.
      expect(march.get(alice.id)?.salary).toBe(130908);
      // Manager: Sat 28th 60 (240 required), Sun 29th 1380 (0 required), Mon 30th 90 (420 required).
      expect(march.get(manager.id)).toMatchObject({ totalMinutes: 1530, extraMinutes: 1380 });
      expect(march.get(admin.id)).toMatchObject({ totalMinutes: 120, extraMinutes: 120, requiredMinutes: 0, salary: 410000 });
      expect((await get('2026-04')).get(alice.id)).toMatchObject({ totalMinutes: 120, extraMinutes: 0 });
      // The forgotten timer: Mon 1 June all 1440 minutes (960 extra), Tue 2 June 00:00–09:00 = 540 (60 extra).
      expect((await get('2026-06')).get(alice.id)).toMatchObject({ totalMinutes: 1980, extraMinutes: 1020 });
      // May: Wed 27th 18:00–24:00 = 360, Thu 28th and Fri 29th 1440 each (960 extra), Sat and Sun all extra.
      expect((await get('2026-05')).get(alice.id)).toMatchObject({ totalMinutes: 360 + 4 * 1440, extraMinutes: 2 * 960 + 2 * 1440 });

      const october = await get('2026-10');
      // Bob: 1500 on the 25-hour Sunday, all extra; 570 on Monday the 26th (90 extra). 22 weekdays.
      expect(october.get(bob.id)).toMatchObject({ totalMinutes: 2070, extraMinutes: 1590, requiredMinutes: 10560 });
      // 300000 + 1590/60 × (300000 / 176) × 1.5 = 300000 + 67755.68 → 367756.
      expect(october.get(bob.id)?.salary).toBe(367756);
      expect(october.get(alice.id)).toMatchObject({ totalMinutes: 0, salary: 0 });

      const leap = await get('2024-02');
      // 28th 540 (60 extra), 29th 22:00–24:00 = 120 (Thu, 0 extra); 21 weekdays.
      expect(leap.get(bob.id)).toMatchObject({ totalMinutes: 660, extraMinutes: 60, requiredMinutes: 10080 });
      // Friday 1 March 2024, 00:00–02:00: 120 of 480 required.
      expect((await get('2024-03')).get(bob.id)).toMatchObject({ totalMinutes: 120, extraMinutes: 0 });
    });
  });

  it('in a zone whose midnight falls into the DST gap (America/Santiago)', async () => {
    const org = await createOrg(ctx, { timeZone: 'America/Santiago' });
    const { alice, bob } = org.users;
    await insertEntries(ctx.db.prisma, org, [
      // Sat 5 Sep 2026 22:00 (-04) → Sun 6 Sep 03:00 (-03): Sunday starts at 01:00 local.
      { userId: alice.id, start: '2026-09-06T02:00:00Z', stop: '2026-09-06T06:00:00Z' },
      { userId: alice.id, start: '2026-09-30T23:00:00Z', stop: '2026-10-01T05:00:00Z' },
      { userId: bob.id, start: '2026-04-04T23:30:00Z', stop: '2026-04-05T06:00:00Z' },
    ]);
    await expectAgreement(ctx, org.orgId, org.users.manager.token, ['2026-04', '2026-09', '2026-10'], new Date('2026-11-01T00:00:00Z'));
  });
});

describe(`diary SQL and shared figures agree with holidays and absences (${engineName})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await setupTestApp();
  });

  /** An organisation in `region` of Germany with approved (and some not approved) absences. */
  async function orgIn(region: string, holidaySharePercent: number) {
    const org = await createOrg(ctx);
    const prisma = ctx.db.prisma;
    const { alice, bob, manager } = org.users;
    await prisma.organization.update({ where: { id: org.orgId }, data: { holidayCountry: 'DE', holidayRegion: region, holidaySharePercent } });
    await prisma.user.update({ where: { id: bob.id }, data: { payType: 'MONTHLY', monthlyBase: 300000, hourlyRate: null, overtimeFactor: 1.5 } });
    const vacation = newId();
    const half = newId();
    const unpaid = newId();
    await prisma.absenceKind.createMany({ data: [
      { id: vacation, organizationId: org.orgId, name: 'Vacation', creditPercent: 100 },
      { id: half, organizationId: org.orgId, name: 'Training', creditPercent: 33 },
      { id: unpaid, organizationId: org.orgId, name: 'Unpaid leave', creditPercent: 0 },
    ] });
    const absence = (userId: string, kindId: string, start: string, end: string, status: 'APPROVED' | 'REQUESTED' | 'REJECTED' = 'APPROVED') => ({
      id: newId(), organizationId: org.orgId, userId, kindId, startDate: dateColumn(start), endDate: dateColumn(end), status,
    });
    await prisma.absence.createMany({ data: [
      // Across the year end, over Christmas and New Year's Day (holidays inside an absence count once, as holidays).
      absence(alice.id, vacation, '2026-12-21', '2027-01-08'),
      absence(bob.id, half, '2026-12-01', '2026-12-02'),
      absence(bob.id, unpaid, '2026-12-03', '2026-12-03'),
      absence(bob.id, vacation, '2026-12-07', '2026-12-11', 'REQUESTED'),
      absence(manager.id, vacation, '2026-12-14', '2026-12-14', 'REJECTED'),
      // Two approved absences on one day: the larger credit counts.
      absence(manager.id, half, '2027-01-05', '2027-01-06'),
      absence(manager.id, vacation, '2027-01-06', '2027-01-06'),
    ] });
    await insertEntries(prisma, org, [
      // Christmas Day (Fri): 120 minutes, all extra when the holiday requires nothing.
      { userId: bob.id, start: '2026-12-25T08:00:00Z', stop: '2026-12-25T10:00:00Z' },
      // Tue 1 Dec, a 33 % training day: 158 credited, 322 left, 400 worked → 78 extra.
      { userId: bob.id, start: '2026-12-01T07:00:00Z', stop: '2026-12-01T13:40:00Z' },
      // Alice works an hour during her vacation: all extra.
      { userId: alice.id, start: '2026-12-22T09:00:00Z', stop: '2026-12-22T10:00:00Z' },
      // 6 January (a holiday in Bayern, not in Berlin).
      { userId: bob.id, start: '2027-01-06T08:00:00Z', stop: '2027-01-06T12:00:00Z' },
      { userId: manager.id, start: '2027-01-06T08:00:00Z', stop: '2027-01-06T09:00:00Z' },
    ]);
    return org;
  }

  it('in Bayern (6 January is a holiday), a holiday requiring nothing', async () => {
    const org = await orgIn('BY', 0);
    await expectAgreement(ctx, org.orgId, org.users.manager.token, ['2026-12', '2027-01'], new Date('2027-02-01T00:00:00Z'));
    const jan = (await as(ctx.app, org.users.manager.token).get(`/api/diary?month=2027-01`)).json<DiaryOverview>();
    const bob = jan.items.find((i) => i.userId === org.users.bob.id);
    // January 2027 in Bayern: 21 weekdays − 1 January (Fri) − 6 January (Wed) = 19 × 480; 240 worked on the 6th, all extra.
    expect(bob).toMatchObject({ requiredMinutes: 19 * 480, totalMinutes: 240, extraMinutes: 240, absenceMinutes: 0 });
    const dec = (await as(ctx.app, org.users.manager.token).get(`/api/diary?month=2026-12`)).json<DiaryOverview>();
    // December 2026: 23 weekdays − Christmas Day = 22 (Boxing Day is a Saturday). Bob: 2 × 158 training credit, nothing for unpaid or requested.
    expect(dec.items.find((i) => i.userId === org.users.bob.id)).toMatchObject({ requiredMinutes: 22 * 480, totalMinutes: 520, extraMinutes: 78 + 120, absenceMinutes: 316 });
    // Alice: vacation 21–31 Dec = 9 weekdays, minus Christmas Day = 8 × 480 credited; her hour on the 22nd is extra.
    expect(dec.items.find((i) => i.userId === org.users.alice.id)).toMatchObject({ absenceMinutes: 8 * 480, totalMinutes: 60, extraMinutes: 60 });
  });

  it('in Berlin (6 January is a working day), a holiday requiring half the day', async () => {
    const org = await orgIn('BE', 50);
    await expectAgreement(ctx, org.orgId, org.users.manager.token, ['2026-12', '2027-01'], new Date('2027-02-01T00:00:00Z'));
    const jan = (await as(ctx.app, org.users.manager.token).get(`/api/diary?month=2027-01`)).json<DiaryOverview>();
    // 20 weekdays × 480 + New Year's Day at 50 %; on the 6th Bob's 240 are short of 480: no extra.
    expect(jan.items.find((i) => i.userId === org.users.bob.id)).toMatchObject({ requiredMinutes: 20 * 480 + 240, totalMinutes: 240, extraMinutes: 0 });
    // The manager: training (33 %) and vacation (100 %) both on the 6th → the day counts 480 fulfilled, the hour worked is extra.
    expect(jan.items.find((i) => i.userId === org.users.manager.id)).toMatchObject({ totalMinutes: 60, extraMinutes: 60, absenceMinutes: 158 + 480 });
  });
});

/** A second demo company seeded at `now` (the seed's emails are global, so rename the first's). */
async function createDemoCopy(ctx: TestContext, now: Date): Promise<{ orgId: string; token: string }> {
  const prisma = ctx.db.prisma;
  const taken = await prisma.user.findMany({ where: { email: { endsWith: '@example.com' } } });
  for (const u of taken) await prisma.user.update({ where: { id: u.id }, data: { email: u.email.replace('@example.com', `+${u.id.slice(0, 6)}@example.org`) } });
  const seeded = await seedDemo(prisma, now);
  return { orgId: seeded.organizationId, token: await login(ctx.app, 'manager@example.com', 'workdiary') };
}
