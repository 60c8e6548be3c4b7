/**
 * Raw SQL built with `scopedSql` reads only the caller's organisation, whatever the other
 * conditions say, and a query without its organisation filter cannot even be built.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../generated/prisma/client.ts';
import { createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../test/helper.ts';
import { scopedSql } from './scoped-sql.ts';
import { setLocalSql } from './engine.ts';

let ctx: TestContext;
let a: OrgFixture;
let b: OrgFixture;

beforeAll(async () => {
  ctx = await setupTestApp();
  a = await createOrg(ctx, { name: 'Alpha' });
  b = await createOrg(ctx, { name: 'Beta' });
});
afterAll(async () => {
  await ctx.app.close();
});

describe(`scopedSql on ${engineName}`, () => {
  it('filters by the organisation first, and the other conditions only narrow it', async () => {
    const scope = scopedSql(a.orgId);
    const everything = await ctx.db.sql.query<{ id: string; organizationId: string }>(
      scope.query`SELECT c."id", c."organizationId" FROM "Customer" c WHERE ${scope.where('c')} ORDER BY c."id"`,
    );
    expect(everything.map((r) => r.id).sort()).toEqual([a.customers.acme, a.customers.globex].sort());
    expect(everything.every((r) => r.organizationId === a.orgId)).toBe(true);

    // Asking for the other organisation's customer by id finds nothing rather than leaking it.
    const foreign = await ctx.db.sql.query(
      scope.query`SELECT c."id" FROM "Customer" c WHERE ${scope.where('c', Prisma.sql`c."id" = ${b.customers.acme}`)}`,
    );
    expect(foreign).toEqual([]);
    // An OR in a condition stays inside its own parentheses, under the organisation filter.
    const widened = await ctx.db.sql.query<{ id: string }>(
      scope.query`SELECT c."id" FROM "Customer" c WHERE ${scope.where('c', Prisma.sql`(c."id" = ${b.customers.acme} OR TRUE)`)}`,
    );
    expect(widened.map((r) => r.id).sort()).toEqual([a.customers.acme, a.customers.globex].sort());
  });

  it('passes every value as a parameter, the organisation first', () => {
    const scope = scopedSql(a.orgId);
    const q = scope.query`SELECT 1 FROM "WorkEntry" e WHERE ${scope.where('e', Prisma.sql`e."note" = ${"x' OR '1'='1"}`, false, undefined)}`;
    expect(q.text).toBe('SELECT 1 FROM "WorkEntry" e WHERE "e"."organizationId" = $1 AND e."note" = $2');
    expect(q.values).toEqual([a.orgId, "x' OR '1'='1"]);
  });

  it('refuses a query without its organisation filter, or with another scope’s', () => {
    const scope = scopedSql(a.orgId);
    const other = scopedSql(b.orgId);
    expect(() => scope.query`SELECT 1 FROM "Customer" c WHERE ${Prisma.sql`c."organizationId" = ${a.orgId}`}`).toThrow(/no organisation filter/);
    expect(() => scope.query`SELECT 1 FROM "Customer" c WHERE ${other.where('c')}`).toThrow(/no organisation filter/);
    expect(() => scope.where('c"; DROP TABLE "User"; --')).toThrow(/not a table alias/);
    expect(() => scopedSql('')).toThrow();
  });

  it('filters the Organization table by its own id (scope.organization), and counts as the filter', async () => {
    const scope = scopedSql(a.orgId);
    const rows = await ctx.db.sql.query<{ id: string }>(scope.query`SELECT o.id FROM "Organization" o WHERE ${scope.organization('o')}`);
    expect(rows).toEqual([{ id: a.orgId }]);
    expect(() => scope.query`SELECT o.id FROM "Organization" o WHERE ${scopedSql(b.orgId).organization('o')}`).toThrow(/no organisation filter/);
  });

  it('the tenant runner takes only a scoped query: text goes to the named unscoped runner', async () => {
    // Checked by the type checker (npm test runs it): each line below must fail to compile.
    const refused = () => [
      // @ts-expect-error a plain string has no organisation filter
      ctx.db.sql.query('SELECT id FROM "Customer"'),
      // @ts-expect-error nor does an ordinary Prisma.sql template
      ctx.db.sql.query(Prisma.sql`SELECT id FROM "Customer"`),
    ];
    expect(typeof refused).toBe('function');
    const [{ n }] = await ctx.db.unscoped.query<{ n: number }>('SELECT count(*)::int AS n FROM "Organization" WHERE id = ANY($1::text[])', [[a.orgId, b.orgId]]) as [{ n: number }];
    expect(n).toBe(2);
  });

  it('applies planner settings to one statement only (SET LOCAL in its own transaction)', async () => {
    const scope = scopedSql(a.orgId);
    const read = () => scope.query`SELECT current_setting('work_mem') AS work_mem FROM "Organization" o WHERE ${scope.organization('o')}`;
    const [inside] = await ctx.db.sql.query<{ work_mem: string }>(read(), { settings: { workMemMb: 64, jit: false } });
    expect(inside?.work_mem).toBe('64MB');
    const [after] = await ctx.db.sql.query<{ work_mem: string }>(read());
    expect(after?.work_mem).not.toBe('64MB');
    expect(() => setLocalSql({ workMemMb: 0.5 })).toThrow(/workMemMb/);
    expect(setLocalSql({ workMemMb: 8, jit: false })).toBe("SET LOCAL work_mem = '8MB';\nSET LOCAL jit = off;");
    expect(setLocalSql({ mergeJoin: false })).toBe('SET LOCAL enable_mergejoin = off;');
  });

  it('reads an answer in parts (batchRows): the same rows in order, the settings applied, nothing left open', async () => {
    const scope = scopedSql(a.orgId);
    const read = () => scope.query`
      SELECT g.n, current_setting('work_mem') AS work_mem FROM "Organization" o, generate_series(1, 12) AS g(n)
      WHERE ${scope.organization('o')} ORDER BY g.n`;
    for (const batchRows of [1, 5, 12, 13]) {
      const rows = await ctx.db.sql.query<{ n: number; work_mem: string }>(read(), { batchRows, settings: { workMemMb: 16 } });
      expect({ batchRows, n: rows.map((r) => r.n), mem: [...new Set(rows.map((r) => r.work_mem))] })
        .toEqual({ batchRows, n: Array.from({ length: 12 }, (_, i) => i + 1), mem: ['16MB'] });
    }
    const [after] = await ctx.db.sql.query<{ work_mem: string }>(read());
    expect(after?.work_mem).not.toBe('16MB');
    // An error inside a read in parts ends its transaction; the connection serves the next query.
    const bad = scope.query`SELECT 1 / (g.n - 3) AS x FROM "Organization" o, generate_series(1, 12) AS g(n) WHERE ${scope.organization('o')}`;
    await expect(ctx.db.sql.query(bad, { batchRows: 2 })).rejects.toThrow(/division by zero/);
    expect((await ctx.db.sql.query<{ n: number }>(read(), { batchRows: 4 })).length).toBe(12);
  });
});
