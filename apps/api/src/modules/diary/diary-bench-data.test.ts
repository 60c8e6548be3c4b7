// The benchmark's generated data is realistic enough to be another agreement check: the SQL month
// overview equals the shared time math on it (sessions across midnight, part-timers' own rules,
// deactivated people, monthly and hourly pay). Small here; bench/diary-overview.ts seeds 200 × 12.
import { beforeAll, describe, expect, it } from 'vitest';
import { addMonths, currentMonth, monthFigures, salary } from '@workdiary/shared';
import { engineName, setupTestApp, type TestContext } from '../../test/helper.ts';
import { pickRulesRow, rulesOf } from '../../domain/rules-lookup.ts';
import { queryMonthOverview } from '../../domain/figures/overview.sql.ts';
import { seedYear, type SeedYearResult } from '../../../../../bench/lib/seed-year.ts';

describe(`bench seed data: SQL overview = shared time math (${engineName})`, () => {
  let ctx: TestContext;
  let seeded: SeedYearResult;
  const now = new Date('2026-04-15T10:00:00Z');
  const tz = 'Europe/Berlin';

  beforeAll(async () => {
    ctx = await setupTestApp();
    seeded = await seedYear(ctx.db, { users: 60, months: 3, now, tz, seed: 7 });
  });

  it('generates a realistic organisation', () => {
    expect(seeded.userIds).toHaveLength(60);
    expect(seeded.entries).toBeGreaterThan(60 * 50);
  });

  it.each([0, -1, -2, -3])('month %i agrees', async (offset) => {
    const month = addMonths(currentMonth(tz, now), offset);
    const prisma = ctx.db.prisma;
    const [users, rules, entries] = await Promise.all([
      prisma.user.findMany({ where: { organizationId: seeded.orgId } }),
      prisma.workRules.findMany({ where: { organizationId: seeded.orgId } }),
      prisma.workEntry.findMany({ where: { organizationId: seeded.orgId }, select: { userId: true, startedAt: true, stoppedAt: true } }),
    ]);
    const fallbackRequired = rulesOf(pickRulesRow(rules, null).row).requiredMinutes;
    const expected = users.flatMap((u) => {
      const required = rulesOf(pickRulesRow(rules, u.id).row).requiredMinutes;
      const figures = monthFigures(entries.filter((e) => e.userId === u.id), month, tz, now, required);
      if (!u.active && figures.totalMinutes === 0) return [];
      const pay = { type: u.payType, hourlyRate: u.hourlyRate, monthlyBase: u.monthlyBase, overtimeFactor: u.overtimeFactor };
      return [{ id: u.id, total: figures.totalMinutes, extra: figures.extraMinutes, required: figures.requiredMinutes, salary: salary(pay, figures) }];
    });
    const rows = await queryMonthOverview({ sql: ctx.db.sql, orgId: seeded.orgId, month, tz, fallbackRequired });
    const actual = rows.map((r) => ({
      id: r.id, total: r.total_minutes, extra: r.extra_minutes, required: r.required_minutes,
      salary: salary({ type: r.pay_type, hourlyRate: r.hourly_rate, monthlyBase: r.monthly_base, overtimeFactor: r.overtime_factor },
        { totalMinutes: r.total_minutes, extraMinutes: r.extra_minutes, requiredMinutes: r.required_minutes }),
    }));
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(actual.sort(byId)).toEqual(expected.sort(byId));
    if (offset === -1) expect(actual.reduce((s, r) => s + r.total, 0)).toBeGreaterThan(0);
  });
});
