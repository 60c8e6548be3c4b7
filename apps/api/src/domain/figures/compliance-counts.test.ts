// The overview's working-time count and the lists' findings, from the kept day shapes (UserDay,
// compliance-counts.sql.ts), equal the shared rules' findings (packages/shared complianceFindings,
// through findingsBetween) for every user, finding by finding (date, rule, minutes), on random histories: both DST changes of Berlin and Santiago (whose clocks change at
// midnight), sessions across midnight and longer than a day, gaps just under, at and over 15 min,
// rests just under, at and over 11 h, touching and overlapping sessions, Sundays and holidays, and
// for each rule alone.
import { beforeAll, describe, expect, it } from 'vitest';
import { COMPLIANCE_RULES, addDays, dayBounds, type ComplianceRule } from '@workdiary/shared';
import { newId } from '../../db/ids.ts';
import { orgContextOf } from '../../lib/mappers.ts';
import type { OrgContext } from '../../lib/types.ts';
import { findingsBetween, violationCounts } from '../../modules/compliance/compliance.service.ts';
import { createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { seededRandom } from '../../test/random.ts';
import { holidaySettingsOf } from '../calendar/day-calendar.ts';
import { holidaysBetween } from '../calendar/holidays.ts';
import { countFindings, keptFindings, keptFindingsOf } from './compliance-counts.sql.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe(`the overview's working-time count (${engineName})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await setupTestApp();
  });

  /** A person's random month: sessions one after another from three days before it to a day after. */
  function history(org: OrgFixture, userId: string, month: string, tz: string, next: () => number) {
    const gaps = [0, 2 * MIN, 14 * MIN + 59_000, 15 * MIN, 15 * MIN + 1000, 45 * MIN, 3 * HOUR, 8 * HOUR, 11 * HOUR - 1000, 11 * HOUR, 11 * HOUR + 1000, 14 * HOUR, 30 * HOUR];
    const lengths = [5 * MIN, 50 * MIN, 2 * HOUR + 17_000, 4 * HOUR, 6 * HOUR, 6 * HOUR + MIN, 9 * HOUR + 30 * MIN, 10 * HOUR + 2 * MIN, 27 * HOUR];
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
    const end = dayBounds(addDays(`${month}-01`, 33), tz).start.getTime();
    let at = dayBounds(addDays(`${month}-01`, -3), tz).start.getTime() + Math.floor(next() * 12) * HOUR;
    const rows = [];
    while (at < end) {
      const length = pick(lengths);
      // Now and then a session that overlaps the one before (an import can bring those).
      const start = next() < 0.05 ? at - 20 * MIN : at;
      rows.push({
        id: newId(), organizationId: org.orgId, userId, customerId: org.customers.acme, categoryId: org.categories.regular,
        startedAt: new Date(start), stoppedAt: new Date(start + length), source: 'MANUAL' as const, createdById: userId,
      });
      at = start + length + pick(gaps);
    }
    return rows;
  }

  it('equals the shared rules\' findings per person, for every rule and each alone, across DST changes', async () => {
    const next = seededRandom(26);
    const cases: Array<{ tz: string; months: string[] }> = [
      { tz: 'Europe/Berlin', months: ['2026-03', '2026-10'] },
      { tz: 'America/Santiago', months: ['2026-04', '2026-09'] },
    ];
    let judged = 0;
    for (const { tz, months } of cases) {
      const fixture = await createOrg(ctx, { timeZone: tz });
      // German public holidays (Berlin's region) so HOLIDAY_WORK has days to find.
      const row = await ctx.db.prisma.organization.update({ where: { id: fixture.orgId }, data: { holidayCountry: 'DE', holidayRegion: 'BE' } });
      const org: OrgContext = orgContextOf(row);
      const people = [fixture.users.alice.id, fixture.users.bob.id, fixture.users.manager.id];
      for (const month of months) {
        for (const userId of people) await ctx.db.prisma.workEntry.createMany({ data: history(fixture, userId, month, tz, next) });
        // The admin's days around midnights: a stop at midnight is the earlier day's (a rest of 8 h
        // follows), a start at midnight begins its day (a rest of 4 h before it), and work that runs
        // over midnight (or stops at midnight where the next session starts) leaves no rest before
        // the next session.
        const local = (day: number, hours: number) => dayBounds(`${month}-${String(day).padStart(2, '0')}`, tz).start.getTime() + hours * HOUR;
        const spans: Array<[number, number]> = [
          [local(10, 16), local(11, 0)], [local(11, 8), local(11, 12)], [local(11, 14), local(11, 20)], [local(12, 0), local(12, 2)],
          [local(13, 22), local(14, 1)], [local(14, 6), local(14, 9)],
          // A stop at midnight touching a start at midnight: one span, no rest on the 21st.
          [local(20, 18), local(21, 0)], [local(21, 0), local(21, 3)],
        ];
        await ctx.db.prisma.workEntry.createMany({ data: spans.map(([start, stop]) => ({
          id: newId(), organizationId: fixture.orgId, userId: fixture.users.admin.id, customerId: fixture.customers.acme, categoryId: fixture.categories.regular,
          startedAt: new Date(start), stoppedAt: new Date(stop), source: 'MANUAL' as const, createdById: fixture.users.admin.id,
        })) });
      }
      const agree = async (month: string) => {
        const from = `${month}-01`;
        const to = addDays(addDays(`${month}-01`, 32).slice(0, 7) + '-01', -1);
        const shared = await findingsBetween({ sql: ctx.db.sql, org, rules: COMPLIANCE_RULES, userId: null, from, to });
        expect({ tz, month, counts: Object.fromEntries(await violationCounts({ sql: ctx.db.sql, org, month })) })
          .toEqual({ tz, month, counts: Object.fromEntries([...shared].map(([user, found]) => [user, found.length])) });
        const holidays = new Set(Object.keys(await holidaysBetween(holidaySettingsOf(org), from, to)));
        const kept = await keptFindings({ sql: ctx.db.sql, orgId: org.id, userId: null, rules: COMPLIANCE_RULES, holidays, from, to });
        expect({ tz, month, findings: Object.fromEntries(kept) }).toEqual({ tz, month, findings: Object.fromEntries(shared) });
        // One person's, as the month view reads them.
        const alice = await keptFindings({ sql: ctx.db.sql, orgId: org.id, userId: fixture.users.alice.id, rules: COMPLIANCE_RULES, holidays, from, to });
        expect({ tz, month, findings: Object.fromEntries(alice) })
          .toEqual({ tz, month, findings: shared.has(fixture.users.alice.id) ? { [fixture.users.alice.id]: shared.get(fixture.users.alice.id) } : {} });
        // Several people's windows in one statement, as the stops of one turn read their warnings:
        // the same person twice, windows of a day, of days across a DST change and of the month.
        const windows = [...people, fixture.users.admin.id].flatMap((userId, i) => [
          { userId, from, to },
          { userId, from: addDays(from, 7 + i), to: addDays(from, 7 + i) },
          { userId, from: addDays(from, 24), to: addDays(from, 30) },
          { userId, from: addDays(from, 10), to: addDays(from, 12) },
        ]);
        // The holidays of every window's dates (the last window reaches past the month's end).
        const batchHolidays = new Set(Object.keys(await holidaysBetween(holidaySettingsOf(org), from, addDays(from, 30))));
        const batched = await keptFindingsOf({ sql: ctx.db.sql, orgId: org.id, rules: COMPLIANCE_RULES, holidays: batchHolidays, windows });
        const one = async (w: (typeof windows)[number]) =>
          (await findingsBetween({ sql: ctx.db.sql, org, rules: COMPLIANCE_RULES, userId: w.userId, from: w.from, to: w.to })).get(w.userId) ?? [];
        expect({ tz, month, batched }).toEqual({ tz, month, batched: await Promise.all(windows.map(one)) });
        expect(batched.flat().length).toBeGreaterThan(0);
      };
      for (const month of months) {
        const from = `${month}-01`;
        const to = addDays(addDays(`${month}-01`, 32).slice(0, 7) + '-01', -1);
        const shared = await findingsBetween({ sql: ctx.db.sql, org, rules: COMPLIANCE_RULES, userId: null, from, to });
        expect(shared.get(fixture.users.admin.id)?.filter((f) => f.rule === 'REST_SHORT').map((f) => [f.date.slice(8), f.minutes]))
          .toEqual([['11', 480], ['12', 240]]);
        await agree(month);
        judged += [...shared.values()].flat().length;
        // Each rule alone.
        const holidays = new Set(Object.keys(await holidaysBetween(holidaySettingsOf(org), from, to)));
        for (const rule of COMPLIANCE_RULES) {
          const rules: ComplianceRule[] = [rule];
          const alone = await findingsBetween({ sql: ctx.db.sql, org, rules, userId: null, from, to });
          const counted = await countFindings({ sql: ctx.db.sql, orgId: org.id, rules, holidays, from, to });
          expect({ tz, month, rule, counts: Object.fromEntries(counted) })
            .toEqual({ tz, month, rule, counts: Object.fromEntries([...alone].map(([user, found]) => [user, found.length])) });
          const kept = await keptFindings({ sql: ctx.db.sql, orgId: org.id, userId: null, rules, holidays, from, to });
          expect({ tz, month, rule, findings: Object.fromEntries(kept) }).toEqual({ tz, month, rule, findings: Object.fromEntries(alone) });
          expect({ rule, found: [...alone.values()].flat().length > 0 || rule === 'HOLIDAY_WORK' }).toEqual({ rule, found: true });
        }
      }
      // Edits (moved by some minutes, which changes breaks and rests but rarely a day's total) and
      // deletes keep the kept day shapes right.
      const entries = await ctx.db.prisma.workEntry.findMany({ where: { organizationId: fixture.orgId }, select: { id: true, startedAt: true, stoppedAt: true } });
      for (const [i, e] of entries.entries()) {
        if (i % 9 === 0) {
          const shift = (Math.floor(next() * 40) - 20) * MIN;
          await ctx.db.prisma.workEntry.update({ where: { id: e.id }, data: { startedAt: new Date(e.startedAt.getTime() + shift), stoppedAt: new Date((e.stoppedAt as Date).getTime() + shift) } });
        } else if (i % 11 === 0) {
          await ctx.db.prisma.workEntry.delete({ where: { id: e.id } });
        }
      }
      for (const month of months) await agree(month);
    }
    // The histories do break the rules (a count of zero everywhere would agree with anything).
    expect(judged).toBeGreaterThan(100);
  });

  it('adds sessions one at a time (the timer\'s fast path) exactly as working the days out again does', async () => {
    const next = seededRandom(23);
    const fixture = await createOrg(ctx, { timeZone: 'Europe/Berlin' });
    const { alice, bob } = fixture.users;
    // One statement per session, as stops and manual entries come: mostly in order (each after the
    // day's last end: gaps under, at and over 15 min; touching), now and then an earlier one.
    const gaps = [0, 5 * MIN, 15 * MIN - 1000, 15 * MIN, 40 * MIN, 3 * HOUR];
    for (const userId of [alice.id, bob.id]) {
      let at = dayBounds('2026-03-27', 'Europe/Berlin').start.getTime() + 7 * HOUR;
      for (let i = 0; i < 60; i++) {
        const length = (10 + Math.floor(next() * 200)) * MIN + Math.floor(next() * 60) * 1000;
        const back = next() < 0.1;
        const start = back ? at - 5 * HOUR : at;
        await ctx.db.prisma.workEntry.create({ data: {
          id: newId(), organizationId: fixture.orgId, userId, customerId: fixture.customers.acme, categoryId: fixture.categories.regular,
          startedAt: new Date(start), stoppedAt: new Date(start + Math.min(length, back ? 20 * MIN : length)), source: 'MANUAL', createdById: userId,
        } });
        if (!back) at = start + length + (gaps[Math.floor(next() * gaps.length)] as number);
        if (next() < 0.08) at = dayBounds(addDays(new Date(at).toISOString().slice(0, 10), 1), 'Europe/Berlin').start.getTime() + 6 * HOUR;
      }
    }
    const read = () => ctx.db.unscoped.query<Record<string, unknown>>(
      `SELECT "userId", day::text AS day, ms::text, minutes, "workedMs"::text, "breakMs"::text, "stretchMs"::text, "lastStretchMs"::text, "firstStart", "lastEnd"
       FROM "UserDay" WHERE "organizationId" = $1 ORDER BY "userId", day`, [fixture.orgId]);
    const kept = await read();
    expect(kept.length).toBeGreaterThan(10);
    await ctx.db.unscoped.query(
      `SELECT wd_refresh_user_days(array_agg("organizationId"), array_agg("userId"), array_agg(day)) FROM "UserDay" WHERE "organizationId" = $1`, [fixture.orgId]);
    expect(kept).toEqual(await read());
    const org = orgContextOf(await ctx.db.prisma.organization.findUniqueOrThrow({ where: { id: fixture.orgId } }));
    const shared = await findingsBetween({ sql: ctx.db.sql, org, rules: COMPLIANCE_RULES, userId: null, from: '2026-03-01', to: '2026-03-31' });
    expect(Object.fromEntries(await violationCounts({ sql: ctx.db.sql, org, month: '2026-03' })))
      .toEqual(Object.fromEntries([...shared].map(([user, found]) => [user, found.length])));
    const findings = await keptFindings({ sql: ctx.db.sql, orgId: org.id, userId: null, rules: COMPLIANCE_RULES,
      holidays: new Set(Object.keys(await holidaysBetween(holidaySettingsOf(org), '2026-03-01', '2026-03-31'))), from: '2026-03-01', to: '2026-03-31' });
    expect(Object.fromEntries(findings)).toEqual(Object.fromEntries(shared));
    expect([...shared.values()].flat().length).toBeGreaterThan(0);
  });
});
