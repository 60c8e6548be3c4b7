// Reports read the same per-day figures as the Work diary (issue 22): for generated data across a
// DST change, the report's minutes per person and month equal the diary overview's; per customer
// they equal the customer's Working Time totals; amounts are the minutes × rate ÷ 60, rounded once
// per group.
import { beforeAll, describe, expect, it } from 'vitest';
import { daysOfMonth, type DiaryOverview, type Report, type WorkEntryList } from '@workdiary/shared';
import { newId } from '../../db/ids.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { roundAmount } from './reports.service.ts';
import { seededRandom } from '../../test/random.ts';

describe(`reports agree with the Work diary and Working Time (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  const MONTHS = ['2026-10', '2026-11'];
  const RATES: Record<'acme' | 'globex', number | null> = { acme: 8550, globex: null };

  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
    ctx.clock.now = new Date('2026-12-02T10:00:00Z');
    const prisma = ctx.db.prisma;
    await prisma.customer.update({ where: { id: org.customers.acme }, data: { hourlyRate: RATES.acme } });
    const next = seededRandom(2026);
    type Row = { id: string; organizationId: string; userId: string; customerId: string; categoryId: string; startedAt: Date; stoppedAt: Date; note: string; source: 'MANUAL'; createdById: string };
    const rows: Row[] = [];
    // Whole-minute sessions (as the Working Time list counts each session by its whole minutes),
    // inside the two months, through the 25-hour day of 25 October and across midnights.
    for (const user of [org.users.alice, org.users.bob, org.users.manager]) {
      for (const month of MONTHS) {
        for (const date of daysOfMonth(month)) {
          if (next() < 0.2) continue;
          let at = Date.parse(`${date}T05:00:00Z`) + Math.floor(next() * 180) * 60_000;
          for (let i = 0, n = 1 + Math.floor(next() * 4); i < n; i++) {
            const minutes = 15 + Math.floor(next() * 200);
            // Every session ends on its own local day (the Working Time list counts a session by its start).
            if (at + minutes * 60_000 > Date.parse(`${date}T20:00:00Z`)) break;
            const customer = next() < 0.6 ? org.customers.acme : org.customers.globex;
            const category = next() < 0.5 ? org.categories.regular : org.categories.support;
            rows.push({ id: newId(), organizationId: org.orgId, userId: user.id, customerId: customer, categoryId: category,
              startedAt: new Date(at), stoppedAt: new Date(at + minutes * 60_000), note: '', source: 'MANUAL', createdById: user.id });
            at += (minutes + 5 + Math.floor(next() * 90)) * 60_000;
          }
        }
        // Across midnight (local 23:10 → 01:35) on the 10th, and through the DST night of 25 October.
        const late = Date.parse(`${month}-10T21:10:00Z`);
        rows.push({ id: newId(), organizationId: org.orgId, userId: user.id, customerId: org.customers.globex, categoryId: org.categories.regular,
          startedAt: new Date(late), stoppedAt: new Date(late + 145 * 60_000), note: '', source: 'MANUAL', createdById: user.id });
      }
      // 1 November 00:30–01:30 local is 31 October 23:30–00:30 UTC: a month edge that UTC days would get wrong.
      rows.push({ id: newId(), organizationId: org.orgId, userId: user.id, customerId: org.customers.acme, categoryId: org.categories.regular,
        startedAt: new Date('2026-10-31T23:30:00Z'), stoppedAt: new Date('2026-11-01T00:30:00Z'), note: '', source: 'MANUAL', createdById: user.id });
      rows.push({ id: newId(), organizationId: org.orgId, userId: user.id, customerId: org.customers.acme, categoryId: org.categories.support,
        startedAt: new Date('2026-10-24T23:20:00Z'), stoppedAt: new Date('2026-10-25T02:50:00Z'), note: '', source: 'MANUAL', createdById: user.id });
    }
    // Drop sessions that overlap an earlier one of the same user (the generator does not plan around the extras).
    const kept: Row[] = [];
    for (const r of rows.sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())) {
      if (!kept.some((k) => k.userId === r.userId && k.startedAt < r.stoppedAt && k.stoppedAt > r.startedAt)) kept.push(r);
    }
    await prisma.workEntry.createMany({ data: kept });
  });
  const call = () => as(ctx.app, org.users.admin.token);

  it('per person and month: the diary overview; per customer: Working Time; amounts rounded once per group', async () => {
    for (const month of MONTHS) {
      const days = daysOfMonth(month);
      const from = days[0] as string;
      const to = days.at(-1) as string;
      const overview = (await call().get(`/api/diary?month=${month}`)).json<DiaryOverview>();
      const byUser = (await call().get(`/api/reports?from=${from}&to=${to}&groupBy=user,customer`)).json<Report>();
      for (const row of overview.items.filter((i) => i.totalMinutes > 0)) {
        expect({ month, user: row.userId, minutes: byUser.groups.find((g) => g.key === row.userId)?.minutes }).toEqual({ month, user: row.userId, minutes: row.totalMinutes });
      }
      expect(byUser.totalMinutes).toBe(overview.totals.totalMinutes);

      const byCustomer = (await call().get(`/api/reports?from=${from}&to=${to}&groupBy=customer,category`)).json<Report>();
      for (const key of ['acme', 'globex'] as const) {
        const id = org.customers[key];
        const workingTime = (await call().get(`/api/work-entries?customerId=${id}&from=${from}&to=${to}&limit=1`)).json<WorkEntryList>();
        const group = byCustomer.groups.find((g) => g.key === id);
        expect({ month, key, minutes: group?.minutes }).toEqual({ month, key, minutes: workingTime.totalMinutes });
        const rate = RATES[key];
        expect(group?.amount).toBe(rate === null ? 0 : roundAmount((group?.minutes ?? 0) * rate));
        expect(group?.billableMinutes).toBe(rate === null ? 0 : group?.minutes);
        for (const child of group?.children ?? []) expect(child.amount).toBe(rate === null ? 0 : roundAmount(child.minutes * rate));
      }
      // The total is rounded once: not the sum of the groups' rounded amounts.
      expect(byCustomer.totalAmount).toBe(roundAmount(byCustomer.groups.reduce((s, g) => s + g.billableMinutes * (RATES.acme as number), 0)));
    }
  });
});
