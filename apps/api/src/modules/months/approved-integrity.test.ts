// Issue 21: an approved month stays what was approved. Its figures are kept in the approval's own
// transaction as a versioned snapshot (an APPROVED month without them is refused by the database),
// a snapshot that cannot be read is an error and never live figures, and a change of the
// organisation's zone cannot move the instants of an approved month (it is refused and audited).
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DiaryUserMonth } from '@workdiary/shared';
import { MIGRATIONS_DIR } from '../../config/env.ts';
import { keepMissingSnapshots } from '../../domain/figures/backfill.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { insertEntries } from '../diary/diary.fixtures.ts';

describe(`approved months stay approved (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
    ctx.clock.now = new Date('2026-12-02T10:00:00Z');
  });
  const call = (who: keyof OrgFixture['users']) => as(ctx.app, org.users[who].token);
  const figuresOf = async (userId: string, month: string) =>
    (await ctx.db.prisma.monthClose.findFirstOrThrow({ where: { organizationId: org.orgId, userId, month } })).figures as Record<string, unknown> | null;

  it('a zone change that would move an approved month is refused; the entry stays locked; a change is audited', async () => {
    // The reproduction: 2025-03-31 23:30–23:50 Berlin, March approved, zone → Pacific/Kiritimati.
    const [entry] = await insertEntries(ctx.db.prisma, org, [{ userId: org.users.alice.id, start: '2025-03-31T21:30:00Z', stop: '2025-03-31T21:50:00Z' }]);
    expect((await call('manager').post('/api/months/2025-03/approve', { userIds: [org.users.alice.id] })).statusCode).toBe(200);
    const before = await call('admin').get('/api/organization');
    const body: Record<string, unknown> = { ...before.json<Record<string, unknown>>(), timeZone: 'Pacific/Kiritimati' };
    delete body.id;
    delete body.clientTimer;

    const refused = await call('admin').put('/api/organization', body);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: { code: 'MONTH_LOCKED', details: { month: '2025-03', months: ['2025-03'], timeZone: 'Pacific/Kiritimati' } } });
    expect((await call('admin').get('/api/organization')).json()).toMatchObject({ timeZone: 'Europe/Berlin' });
    // Still locked on every path.
    expect((await call('manager').patch(`/api/work-entries/${entry}`, { note: 'moved?' })).statusCode).toBe(409);
    expect((await call('manager').delete(`/api/work-entries/${entry}`)).statusCode).toBe(409);
    expect(await ctx.db.prisma.auditEvent.count({ where: { organizationId: org.orgId, entityType: 'Organization' } })).toBe(0);

    // A zone with the same instants for every approved month is fine (Paris cuts March 2025 as Berlin does), and audited.
    const same = await call('admin').put('/api/organization', { ...body, timeZone: 'Europe/Paris' });
    expect(same.statusCode).toBe(200);
    const audit = await ctx.db.prisma.auditEvent.findMany({ where: { organizationId: org.orgId, entityType: 'Organization' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'UPDATE', actorId: org.users.admin.id, before: { timeZone: 'Europe/Berlin' }, after: { timeZone: 'Europe/Paris' } });

    // After a reopen nothing approved moves: the change goes through.
    expect((await call('admin').post('/api/months/2025-03/reopen', { userId: org.users.alice.id, reason: 'zone change' })).statusCode).toBe(200);
    expect((await call('admin').put('/api/organization', { ...body, timeZone: 'Pacific/Kiritimati' })).statusCode).toBe(200);
    expect((await call('admin').put('/api/organization', { ...body, timeZone: 'Europe/Berlin' })).statusCode).toBe(200);
  });

  it('an approval writes its versioned snapshot with the state; the database refuses an APPROVED month without one', async () => {
    await insertEntries(ctx.db.prisma, org, [{ userId: org.users.bob.id, start: '2026-09-07T06:00:00Z', stop: '2026-09-07T15:00:00Z' }]);
    expect((await call('manager').post('/api/months/2026-09/approve', { userIds: [org.users.bob.id] })).statusCode).toBe(200);
    const kept = await figuresOf(org.users.bob.id, '2026-09');
    expect(kept).toMatchObject({
      version: 1, timeZone: 'Europe/Berlin', monthStart: '2026-08-31T22:00:00.000Z', monthEnd: '2026-09-30T22:00:00.000Z',
      totals: { totalMinutes: 540, extraMinutes: 60 },
    });
    await expect(ctx.db.unscoped.query(
      `INSERT INTO "MonthClose" (id, "organizationId", "userId", month, status, "updatedAt") VALUES ('mc-no-figures', $1, $2, '2026-08', 'APPROVED', now())`,
      [org.orgId, org.users.bob.id],
    )).rejects.toMatchObject({ code: '23514' });
  });

  it('a kept snapshot that cannot be read answers 500 everywhere, never live figures', async () => {
    const month = '2026-09';
    const good = await figuresOf(org.users.bob.id, month);
    const broken = async (figures: unknown) => ctx.db.unscoped.query(
      `UPDATE "MonthClose" SET figures = $3::jsonb WHERE "organizationId" = $1 AND "userId" = $2 AND month = '${month}'`,
      [org.orgId, org.users.bob.id, JSON.stringify(figures)],
    );
    try {
      for (const figures of [{ ...good, version: 2 }, { ...good, totals: { totalMinutes: '540' } }, { approvedAt: good?.approvedAt }]) {
        await broken(figures);
        for (const url of [`/api/diary/${org.users.bob.id}?month=${month}`, `/api/diary/${org.users.bob.id}/${month}-07`, `/api/diary?month=${month}`,
          `/api/exports/diary.xlsx?month=${month}`, `/api/exports/diary/${org.users.bob.id}.xlsx?month=${month}`]) {
          const res = await call('admin').get(url);
          expect({ url, status: res.statusCode }).toEqual({ url, status: 500 });
        }
      }
    } finally {
      await broken(good);
    }
    expect((await call('admin').get(`/api/diary/${org.users.bob.id}?month=${month}`)).json<DiaryUserMonth>().totals.totalMinutes).toBe(540);
  });

  it('figures kept by the previous release become version 1 (the migration); months approved without any are kept at start-up', async () => {
    const month = '2026-09';
    const v1 = (await figuresOf(org.users.bob.id, month)) as Record<string, unknown> & { days: Array<Record<string, unknown>> };
    const shownBefore = (await call('admin').get(`/api/diary/${org.users.bob.id}?month=${month}`)).json<DiaryUserMonth>();
    // The previous release's shape: the wire's FrozenMonth (items with `running`, no version, zone or bounds).
    const legacy = { approvedAt: v1.approvedAt, items: v1.days.map((d) => ({ ...d, running: false })), totals: v1.totals, requiredByWeekday: v1.requiredByWeekday, pay: v1.pay };
    await ctx.db.unscoped.query(`UPDATE "MonthClose" SET figures = $2::jsonb WHERE "userId" = $1 AND month = '${month}'`, [org.users.bob.id, JSON.stringify(legacy)]);
    const migration = fs.readFileSync(path.join(MIGRATIONS_DIR, '20261207110000_month_snapshots/migration.sql'), 'utf8');
    const conversion = migration.slice(migration.indexOf('UPDATE "MonthClose"'), migration.indexOf('-- 2.'));
    await ctx.db.unscoped.query(conversion);
    // The previous release kept no overtime account: version 1 without `balance` (optional; the
    // account works such a month out from its kept totals, domain/figures/balance.sql.ts).
    const { balance: keptBalance, ...v1WithoutBalance } = v1;
    expect(keptBalance).toMatchObject({ closingMinutes: expect.any(Number) });
    expect(await figuresOf(org.users.bob.id, month)).toEqual(v1WithoutBalance);

    // A month approved before figures were kept at all (the CHECK is NOT VALID for those rows).
    await ctx.db.unscoped.query('ALTER TABLE "MonthClose" DROP CONSTRAINT "MonthClose_approved_figures_check"');
    try {
      await ctx.db.unscoped.query(`UPDATE "MonthClose" SET figures = NULL WHERE "userId" = $1 AND month = '${month}'`, [org.users.bob.id]);
      const approvedAt = (await ctx.db.prisma.monthClose.findFirstOrThrow({ where: { userId: org.users.bob.id, month } })).updatedAt;
      expect(await keepMissingSnapshots(ctx.db)).toBe(1);
      expect(await keepMissingSnapshots(ctx.db)).toBe(0);
      expect(await figuresOf(org.users.bob.id, month)).toEqual({ ...v1, approvedAt: approvedAt.toISOString() });
    } finally {
      await ctx.db.unscoped.query(`ALTER TABLE "MonthClose" ADD CONSTRAINT "MonthClose_approved_figures_check" CHECK (status <> 'APPROVED' OR figures IS NOT NULL) NOT VALID`);
    }
    const shownAfter = (await call('admin').get(`/api/diary/${org.users.bob.id}?month=${month}`)).json<DiaryUserMonth>();
    expect(shownAfter.items).toEqual(shownBefore.items);
    expect(shownAfter.totals).toEqual(shownBefore.totals);
  });
});
