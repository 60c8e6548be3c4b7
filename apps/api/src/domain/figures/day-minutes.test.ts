// The kept whole minutes of each DayFigure cell (20261208130000_day_figure_minutes, issue 22) are
// the largest-remainder sharing the reports worked out with a window on every read before: after
// writes through every path (manual entries through the API, timer stops, bulk inserts in one
// statement, edits, deletes, a zone change that rebuilds every day), on generated sessions with
// odd seconds across both DST changes of Berlin and across midnights. Checked three ways: against
// the reports' former window query over the kept milliseconds, against each user-day's floored
// total worked out in JS from the sessions (the Work diary's day total), and the migration's
// backfill statement giving the same minutes again.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayBounds, localDateOf } from '@workdiary/shared';
import { MIGRATIONS_DIR } from '../../config/env.ts';
import { newId } from '../../db/ids.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { seededRandom } from '../../test/random.ts';

/** The reports' window before the minutes were kept (report.sql.ts up to 2026-12-07), over the kept milliseconds. */
const WINDOW_SQL = `
SELECT "userId" || '|' || day::text || '|' || "customerId" || '|' || "categoryId" AS key,
       (div(ms, 60000) + CASE WHEN row_number() OVER (PARTITION BY "userId", day ORDER BY ms - div(ms, 60000) * 60000 DESC, "customerId", "categoryId")
                                  <= div(sum(ms) OVER (PARTITION BY "userId", day), 60000) - sum(div(ms, 60000)) OVER (PARTITION BY "userId", day)
                             THEN 1 ELSE 0 END)::int AS minutes
FROM "DayFigure" WHERE "organizationId" = $1`;

type Row = { key: string; minutes: number | string; ms: number | string };

describe(`kept whole minutes per cell (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
    ctx.clock.now = new Date('2026-11-25T10:00:00Z');
  });
  const call = (who: keyof OrgFixture['users']) => as(ctx.app, org.users[who].token);
  const sorted = <T>(rows: Array<[string, T]>) => [...rows].sort(([a], [b]) => a.localeCompare(b));

  async function keptRows(): Promise<Row[]> {
    return ctx.db.unscoped.query<Row>(
      `SELECT "userId" || '|' || day::text || '|' || "customerId" || '|' || "categoryId" AS key, minutes, ms FROM "DayFigure" WHERE "organizationId" = $1`, [org.orgId]);
  }

  /** Each user-day's floored total from the finished sessions, in JS (the shared day bounds): the Work diary's day total. */
  async function dayTotals(tz: string): Promise<Array<[string, number]>> {
    const entries = await ctx.db.prisma.workEntry.findMany({ where: { organizationId: org.orgId, stoppedAt: { not: null } } });
    const ms = new Map<string, number>();
    for (const e of entries) {
      const stop = (e.stoppedAt as Date).getTime();
      for (let day = localDateOf(e.startedAt, tz); day <= localDateOf(new Date(stop - 1), tz); day = addDays(day, 1)) {
        const { start, end } = dayBounds(day, tz);
        const piece = Math.min(stop, end.getTime()) - Math.max(e.startedAt.getTime(), start.getTime());
        if (piece > 0) ms.set(`${e.userId}|${day}`, (ms.get(`${e.userId}|${day}`) ?? 0) + piece);
      }
    }
    return sorted([...ms.entries()].map(([k, v]) => [k, Math.floor(v / 60_000)]));
  }

  async function check(tz: string): Promise<number> {
    const rows = await keptRows();
    const kept = sorted(rows.map((r) => [r.key, Number(r.minutes)]));
    const window = sorted((await ctx.db.unscoped.query<Row>(WINDOW_SQL, [org.orgId])).map((r) => [r.key, Number(r.minutes)]));
    expect(kept).toEqual(window);
    // Each cell within one minute of its exact share; each user-day's cells sum to its floored total.
    for (const r of rows) {
      expect(Number(r.minutes)).toBeGreaterThanOrEqual(Math.floor(Number(r.ms) / 60_000));
      expect(Number(r.minutes)).toBeLessThanOrEqual(Math.floor(Number(r.ms) / 60_000) + 1);
    }
    const perDay = new Map<string, number>();
    for (const [key, minutes] of kept) {
      const [user, day] = key.split('|');
      perDay.set(`${user}|${day}`, (perDay.get(`${user}|${day}`) ?? 0) + minutes);
    }
    expect(sorted([...perDay.entries()])).toEqual(await dayTotals(tz));
    // Some cells got a leftover minute and some did not: the sharing was exercised.
    const rounded = rows.filter((r) => Number(r.minutes) > Math.floor(Number(r.ms) / 60_000)).length;
    expect(rounded).toBeGreaterThan(0);
    expect(rounded).toBeLessThan(rows.length);
    return rows.length;
  }

  it('equal the former window after writes through every path, across DST days and midnights, and after a zone change', async () => {
    const next = seededRandom(2212);
    const customers = [org.customers.acme, org.customers.globex];
    const categories = [org.categories.regular, org.categories.support];
    const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)] as T;
    const ids: string[] = [];
    // Manual entries through the API: several cells a day with odd seconds, around both DST nights
    // and across midnights (a session starting late in the evening runs into the next day).
    const days = ['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-10-23', '2026-10-24', '2026-10-25', '2026-10-26', '2026-11-10'];
    for (const who of ['alice', 'bob'] as const) {
      let at = Date.parse('2026-03-27T05:00:00Z');
      for (const day of days) {
        at = Math.max(at, Date.parse(`${day}T00:00:00Z`) - 2 * 3_600_000 + Math.floor(next() * 8 * 3_600_000));
        for (let i = 0; i < 4; i++) {
          const length = (5 + Math.floor(next() * 240)) * 60_000 + 1_000 + Math.floor(next() * 58_000);
          const res = await call('manager').post('/api/work-entries', {
            userId: org.users[who].id, customerId: pick(customers), categoryId: pick(categories),
            startedAt: new Date(at).toISOString(), stoppedAt: new Date(at + length).toISOString(), note: 'n',
          });
          expect(res.statusCode, res.body).toBe(201);
          ids.push(res.json<{ id: string }>().id);
          at += length + (5 + Math.floor(next() * 120)) * 60_000;
        }
      }
    }
    expect(await check('Europe/Berlin')).toBeGreaterThan(40);

    // Edits (moved by odd seconds, another customer) and deletes.
    for (const id of ids.filter((_, i) => i % 3 === 0)) {
      const entry = await ctx.db.prisma.workEntry.findUniqueOrThrow({ where: { id } });
      const res = await call('manager').patch(`/api/work-entries/${id}`, {
        startedAt: new Date(entry.startedAt.getTime() + 23_000 + Math.floor(next() * 3) * 60_000).toISOString(),
        stoppedAt: (entry.stoppedAt as Date).toISOString(), customerId: pick(customers),
      });
      expect([200, 409]).toContain(res.statusCode);
    }
    for (const id of ids.filter((_, i) => i % 7 === 2)) expect((await call('manager').delete(`/api/work-entries/${id}`)).statusCode).toBe(204);
    await check('Europe/Berlin');

    // Timer stops inside one day (the fast path's upsert), the third into the first one's cell,
    // and one across midnight (the refresh).
    const stints: Array<[string, number]> = [
      ['2026-11-11T03:00:07.000Z', 41.3], ['2026-11-11T05:20:00.500Z', 7.9], ['2026-11-11T16:20:31.000Z', 12.45], ['2026-11-11T22:45:13.000Z', 95.6],
    ];
    for (const [i, [start, minutes]] of stints.entries()) {
      ctx.clock.now = new Date(start);
      expect((await call('alice').post('/api/timer/start', { customerId: customers[i % 2], categoryId: categories[(i + 1) % 2] })).statusCode).toBe(201);
      ctx.clock.now = new Date(Date.parse(start) + minutes * 60_000);
      const stopped = await call('alice').post('/api/timer/stop', { note: 'n' });
      expect(stopped.statusCode, stopped.body).toBe(200);
      await check('Europe/Berlin');
    }
    ctx.clock.now = new Date('2026-11-25T10:00:00Z');

    // Bulk inserts in one statement (as an import writes): inside one day each, then with one across midnight.
    const entry = (userId: string, start: string, seconds: number) => ({
      id: newId(), organizationId: org.orgId, userId, customerId: pick(customers), categoryId: pick(categories),
      startedAt: new Date(start), stoppedAt: new Date(Date.parse(start) + seconds * 1000), source: 'MANUAL' as const, createdById: org.users.manager.id,
    });
    const bob = org.users.bob.id;
    await ctx.db.prisma.workEntry.createMany({ data: [
      entry(bob, '2026-11-12T07:00:00Z', 3_671), entry(bob, '2026-11-12T09:00:00Z', 1_859), entry(bob, '2026-11-12T10:00:00Z', 2_399),
      entry(bob, '2026-11-13T07:00:00Z', 4_001), entry(org.users.manager.id, '2026-11-12T08:00:00Z', 7_259),
    ] });
    await check('Europe/Berlin');
    await ctx.db.prisma.workEntry.createMany({ data: [entry(bob, '2026-11-13T12:00:00Z', 1_111), entry(bob, '2026-11-13T21:30:00Z', 9_001)] });
    await check('Europe/Berlin');

    // A new zone cuts every day at other instants: the rebuilt cells share their days again.
    const current = (await call('admin').get('/api/organization')).json<{ name: string; currency: string }>();
    const moved = await call('admin').put('/api/organization', { name: current.name, currency: current.currency, timeZone: 'America/Santiago' });
    expect(moved.statusCode, moved.body).toBe(200);
    await check('America/Santiago');

    // The migration's backfill gives the same minutes from nothing.
    const before = sorted((await keptRows()).map((r) => [r.key, Number(r.minutes)]));
    const migration = fs.readFileSync(path.join(MIGRATIONS_DIR, '20261208130000_day_figure_minutes', 'migration.sql'), 'utf8');
    const backfill = migration.slice(migration.indexOf('UPDATE "DayFigure"'), migration.indexOf(';', migration.indexOf('UPDATE "DayFigure"')));
    expect(backfill).toContain('row_number()');
    await ctx.db.unscoped.query('UPDATE "DayFigure" SET minutes = -1 WHERE "organizationId" = $1', [org.orgId]);
    await ctx.db.unscoped.query(backfill);
    expect(sorted((await keptRows()).map((r) => [r.key, Number(r.minutes)]))).toEqual(before);
  });
});
