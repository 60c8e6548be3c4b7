// After a bulk write the planner's statistics of the hours' tables are taken again (db/statistics.ts):
// PGlite runs no autovacuum, and PostgreSQL's would come later.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { newId } from './ids.ts';
import { analyzeStale, refreshStatistics } from './statistics.ts';
import { createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../test/helper.ts';

describe(`planner statistics after a bulk write (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
  });

  const estimate = async (table: string) =>
    Number((await ctx.db.unscoped.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = $1::regclass`, [`"${table}"`]))[0]?.n);

  it('ANALYZE of the hours and their kept figures: the estimates match the rows written, and a failure only warns', async () => {
    const base = Date.UTC(2026, 1, 2, 8);
    const rows = Array.from({ length: 700 }, (_, i) => ({
      id: newId(), organizationId: org.orgId, userId: org.users.alice.id, customerId: org.customers.acme, categoryId: org.categories.regular, source: 'MANUAL' as const,
      startedAt: new Date(base + i * 3 * 3_600_000), stoppedAt: new Date(base + i * 3 * 3_600_000 + 45 * 60_000), createdById: org.users.alice.id,
    }));
    await ctx.db.prisma.workEntry.createMany({ data: rows });
    const total = await ctx.db.prisma.workEntry.count();
    const days = await ctx.db.prisma.userDay.count();
    expect(days).toBeGreaterThan(50);
    // PGlite never analyses by itself; PostgreSQL's autovacuum might just have (not asserted there).
    if (engineName === 'pglite') expect(await estimate('WorkEntry')).not.toBe(total);

    const warnings: string[] = [];
    await refreshStatistics(ctx.db, { warn: (_obj, msg) => warnings.push(msg) });
    expect(warnings).toEqual([]);
    expect(await estimate('WorkEntry')).toBe(total);
    expect(await estimate('UserDay')).toBe(days);

    // A database that refuses (closed here by a stand-in) leaves a warning, not an error.
    await refreshStatistics({ unscoped: { query: () => Promise.reject(new Error('gone')) } as never }, { warn: (_obj, msg) => warnings.push(msg) });
    expect(warnings).toEqual(['could not refresh the planner statistics after a bulk write']);
  });
});

// PGlite only: the server runs it there alone, and on PostgreSQL autovacuum could analyse first.
describe.skipIf(engineName !== 'pglite')(`analyzeStale, PGlite's stand-in for autovacuum's analyse (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
  });

  it('analyses the tables changed by more than 500 rows + 10 %, then nothing until they change again', async () => {
    await analyzeStale(ctx.db); // whatever the fixture left
    const base = Date.UTC(2025, 5, 2, 8);
    await ctx.db.prisma.workEntry.createMany({
      data: Array.from({ length: 800 }, (_, i) => ({
        id: newId(), organizationId: org.orgId, userId: org.users.bob.id, customerId: org.customers.globex, categoryId: org.categories.support, source: 'MANUAL' as const,
        startedAt: new Date(base + i * 4 * 3_600_000), stoppedAt: new Date(base + i * 4 * 3_600_000 + 30 * 60_000), createdById: org.users.bob.id,
      })),
    });
    // A backend hands its counts to the statistics system when it goes idle, at most once a second
    // unless asked to (pg_stat_force_next_flush): ask, then wait for the value itself.
    await ctx.db.unscoped.query('SELECT pg_stat_force_next_flush()');
    const analysed: string[] = [];
    await vi.waitFor(async () => {
      analysed.push(...(await analyzeStale(ctx.db)));
      expect(analysed).toContain('WorkEntry');
    }, { timeout: 30_000, interval: 250 });
    expect(analysed).not.toContain('UserMonth');
    expect(await analyzeStale(ctx.db)).not.toContain('WorkEntry');
  });
});
