// The kept per-day figures (DayFigure, issue 23) always equal the figures computed from the
// sessions: after random histories through every write path (manual create, edit, delete, the
// timer's statements, a bulk insert as an import does), across DST days and midnights, and after
// a change of the organisation's zone, which rebuilds them.
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayBounds, localDateOf } from '@workdiary/shared';
import { newId } from '../../db/ids.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { seededRandom } from '../../test/random.ts';

type Cell = string; // user|day|customer|category

describe(`kept per-day figures (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
    ctx.clock.now = new Date('2026-11-20T10:00:00Z');
  });
  const call = (who: keyof OrgFixture['users']) => as(ctx.app, org.users[who].token);

  /** Every cell's exact milliseconds, worked out in JS from the finished sessions (the shared day bounds). */
  async function expected(tz: string): Promise<Map<Cell, number>> {
    const entries = await ctx.db.prisma.workEntry.findMany({ where: { organizationId: org.orgId, stoppedAt: { not: null } } });
    const cells = new Map<Cell, number>();
    for (const e of entries) {
      const stop = e.stoppedAt as Date;
      const last = localDateOf(new Date(stop.getTime() - 1), tz);
      for (let day = localDateOf(e.startedAt, tz); day <= last; day = addDays(day, 1)) {
        const { start, end } = dayBounds(day, tz);
        const ms = Math.min(stop.getTime(), end.getTime()) - Math.max(e.startedAt.getTime(), start.getTime());
        if (ms <= 0) continue;
        const key = `${e.userId}|${day}|${e.customerId}|${e.categoryId}`;
        cells.set(key, (cells.get(key) ?? 0) + ms);
      }
    }
    return cells;
  }

  /**
   * The kept cells; and, checked at every call, the kept day totals (UserDay, 20261210100000_user_day):
   * one row per user-day with cells, Σ ms and floor(Σ ms / 60000) of them; and the months (UserMonth).
   */
  async function kept(orgId = org.orgId): Promise<Map<Cell, number>> {
    const rows = await ctx.db.unscoped.query<{ key: string; ms: string | number }>(
      `SELECT "userId" || '|' || day::text || '|' || "customerId" || '|' || "categoryId" AS key, ms FROM "DayFigure" WHERE "organizationId" = $1`, [orgId]);
    const cells = new Map(rows.map((r) => [r.key, Number(r.ms)]));
    const days = new Map<string, number>();
    for (const [key, ms] of cells) {
      const day = key.split('|').slice(0, 2).join('|');
      days.set(day, (days.get(day) ?? 0) + ms);
    }
    const totals = await ctx.db.unscoped.query<{ key: string; ms: string | number; minutes: number }>(
      `SELECT "userId" || '|' || day::text AS key, ms, minutes FROM "UserDay" WHERE "organizationId" = $1`, [orgId]);
    expect(totals.map((t) => [t.key, Number(t.ms), t.minutes]).sort(([a], [b]) => String(a).localeCompare(String(b))))
      .toEqual([...days].map(([key, ms]) => [key, ms, Math.floor(ms / 60_000)]).sort(([a], [b]) => String(a).localeCompare(String(b))));
    // And the kept months (UserMonth): Σ of their days' totals.
    const months = new Map<string, number>();
    for (const [key, ms] of days) months.set(key.slice(0, -3), (months.get(key.slice(0, -3)) ?? 0) + Math.floor(ms / 60_000));
    const kept = await ctx.db.unscoped.query<{ key: string; minutes: string | number }>(
      `SELECT "userId" || '|' || month AS key, minutes FROM "UserMonth" WHERE "organizationId" = $1`, [orgId]);
    expect(kept.map((m) => [m.key, Number(m.minutes)]).sort(([a], [b]) => String(a).localeCompare(String(b))))
      .toEqual([...months].sort(([a], [b]) => a.localeCompare(b)));
    return cells;
  }

  const sorted = (m: Map<Cell, number>) => [...m.entries()].sort(([a], [b]) => a.localeCompare(b));

  it('equal the sessions after random writes through every path, and after a zone change', async () => {
    const next = seededRandom(7);
    const customers = [org.customers.acme, org.customers.globex];
    const categories = [org.categories.regular, org.categories.support];
    const ids: string[] = [];
    // Manual entries around both DST changes and across midnight, by two users, through the API.
    const days = ['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26', '2026-11-02'];
    for (const who of ['alice', 'bob'] as const) {
      let at = Date.parse('2026-03-27T18:00:00Z');
      for (const day of days) {
        at = Math.max(at, Date.parse(`${day}T00:00:00Z`) - 3 * 3_600_000);
        for (let i = 0; i < 3; i++) {
          const length = (30 + Math.floor(next() * 300)) * 60_000 + Math.floor(next() * 59) * 1000;
          const res = await call('manager').post('/api/work-entries', {
            userId: org.users[who].id, customerId: customers[Math.floor(next() * 2)], categoryId: categories[Math.floor(next() * 2)],
            startedAt: new Date(at).toISOString(), stoppedAt: new Date(at + length).toISOString(), note: 'n',
          });
          expect(res.statusCode, res.body).toBe(201);
          ids.push(res.json<{ id: string }>().id);
          at += length + (10 + Math.floor(next() * 200)) * 60_000;
        }
      }
    }
    expect(sorted(await kept())).toEqual(sorted(await expected('Europe/Berlin')));

    // Edits (moved, another customer, another day) and deletes.
    for (const id of ids.filter((_, i) => i % 4 === 0)) {
      const entry = await ctx.db.prisma.workEntry.findUniqueOrThrow({ where: { id } });
      const shift = -Math.floor(next() * 5) * 60_000 - 17_000;
      const res = await call('manager').patch(`/api/work-entries/${id}`, {
        startedAt: new Date(entry.startedAt.getTime() + shift).toISOString(), stoppedAt: (entry.stoppedAt as Date).toISOString(), customerId: customers[1],
      });
      expect([200, 409]).toContain(res.statusCode);
    }
    for (const id of ids.filter((_, i) => i % 5 === 1)) expect((await call('manager').delete(`/api/work-entries/${id}`)).statusCode).toBe(204);
    expect(sorted(await kept())).toEqual(sorted(await expected('Europe/Berlin')));

    // The timer's statements: a start, and a stop a little over two hours later across midnight.
    ctx.clock.now = new Date('2026-11-19T22:30:12Z');
    expect((await call('alice').post('/api/timer/start', { customerId: org.customers.acme, categoryId: org.categories.support })).statusCode).toBe(201);
    expect(sorted(await kept())).toEqual(sorted(await expected('Europe/Berlin')));
    ctx.clock.now = new Date('2026-11-20T00:41:55Z');
    expect((await call('alice').post('/api/timer/stop', { note: 'late' })).statusCode).toBe(200);
    ctx.clock.now = new Date('2026-11-20T10:00:00Z');

    // A bulk insert in one statement (as an import writes), one of them longer than a day.
    await ctx.db.prisma.workEntry.createMany({ data: [0, 1, 2].map((i) => ({
      id: newId(), organizationId: org.orgId, userId: org.users.manager.id, customerId: customers[i % 2] as string, categoryId: categories[0] as string,
      startedAt: new Date(Date.parse('2026-11-05T20:00:00Z') + i * 3 * 86_400_000), stoppedAt: new Date(Date.parse('2026-11-05T20:00:00Z') + i * 3 * 86_400_000 + (i === 2 ? 50 : 3) * 3_600_000),
      source: 'MANUAL' as const, createdById: org.users.manager.id,
    })) });
    const berlin = await expected('Europe/Berlin');
    expect(sorted(await kept())).toEqual(sorted(berlin));
    expect(berlin.size).toBeGreaterThan(30);

    // A new zone cuts every day at other instants: the kept figures are rebuilt in it.
    const current = (await call('admin').get('/api/organization')).json<{ name: string; currency: string }>();
    const moved = await call('admin').put('/api/organization', { name: current.name, currency: current.currency, timeZone: 'America/Santiago' });
    expect(moved.statusCode, moved.body).toBe(200);
    const santiago = await expected('America/Santiago');
    expect(sorted(santiago)).not.toEqual(sorted(berlin));
    expect(sorted(await kept())).toEqual(sorted(santiago));
  });

  // The fast path (20261207140000_timer_costs): a statement that only adds finished sessions
  // inside one local day each (a stop, a manual entry, most of an import) adds each one's
  // milliseconds to its cell by an upsert instead of working the day out again; entrance and exit
  // are widened. Checked cell by cell with entrance and exit, around statements of the other kind.
  it('equal the sessions, entrance and exit included, after stops and inserts that only add sessions inside one day', async () => {
    const other = await createOrg(ctx);
    const tz = 'Europe/Berlin';
    const who = (name: keyof OrgFixture['users']) => as(ctx.app, other.users[name].token);
    const full = async (): Promise<Array<[Cell, string]>> => {
      const entries = await ctx.db.prisma.workEntry.findMany({ where: { organizationId: other.orgId, stoppedAt: { not: null } } });
      const cells = new Map<Cell, { ms: number; entrance: number; exit: number }>();
      for (const e of entries) {
        const stop = (e.stoppedAt as Date).getTime();
        const last = localDateOf(new Date(stop - 1), tz);
        for (let day = localDateOf(e.startedAt, tz); day <= last; day = addDays(day, 1)) {
          const { start, end } = dayBounds(day, tz);
          const from = Math.max(e.startedAt.getTime(), start.getTime());
          const to = Math.min(stop, end.getTime());
          if (to <= from) continue;
          const key = `${e.userId}|${day}|${e.customerId}|${e.categoryId}`;
          const cell = cells.get(key);
          cells.set(key, cell ? { ms: cell.ms + to - from, entrance: Math.min(cell.entrance, from), exit: Math.max(cell.exit, to) } : { ms: to - from, entrance: from, exit: to });
        }
      }
      return [...cells.entries()].map(([k, c]) => [k, `${c.ms} ${new Date(c.entrance).toISOString()} ${new Date(c.exit).toISOString()}`] as [Cell, string]).sort(([a], [b]) => a.localeCompare(b));
    };
    const keptFull = async (): Promise<Array<[Cell, string]>> => {
      await kept(other.orgId); // its day totals (UserDay) checked against these cells
      const rows = await ctx.db.unscoped.query<{ key: string; ms: string | number; entrance: Date | string; exit: Date | string }>(
        `SELECT "userId" || '|' || day::text || '|' || "customerId" || '|' || "categoryId" AS key, ms, entrance, exit FROM "DayFigure" WHERE "organizationId" = $1`, [other.orgId]);
      return rows.map((r) => [r.key, `${Number(r.ms)} ${new Date(r.entrance).toISOString()} ${new Date(r.exit).toISOString()}`] as [Cell, string]).sort(([a], [b]) => a.localeCompare(b));
    };

    // Timer stops inside one day, several into the same cell.
    const stints = [[8, 0, 25], [9, 2, 40], [10, 0, 7], [11, 0, 50], [12, 0, 3]] as const;
    for (const [i, [hour, minute, length]] of stints.entries()) {
      const start = Date.parse(`2026-11-18T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`) + i * 1013;
      ctx.clock.now = new Date(start);
      const body = { customerId: i % 2 ? other.customers.globex : other.customers.acme, categoryId: other.categories.regular };
      expect((await who('alice').post('/api/timer/start', body)).statusCode).toBe(201);
      ctx.clock.now = new Date(start + length * 60_000 + 13_457);
      const stopped = await who('alice').post('/api/timer/stop', { note: 'n' });
      expect(stopped.statusCode, stopped.body).toBe(200);
      expect(await keptFull()).toEqual(await full());
    }
    expect((await keptFull()).length).toBe(2);
    ctx.clock.now = new Date('2026-11-20T10:00:00Z');

    // One statement of sessions inside one day each, two of them into the same cell, one into a
    // cell of the timer's (after its entrance).
    const entry = (userId: string, customerId: string, start: string, hours: number, categoryId = other.categories.support) => ({
      id: newId(), organizationId: other.orgId, userId, customerId, categoryId,
      startedAt: new Date(start), stoppedAt: new Date(Date.parse(start) + hours * 3_600_000), source: 'MANUAL' as const, createdById: other.users.manager.id,
    });
    const bob = other.users.bob.id;
    await ctx.db.prisma.workEntry.createMany({ data: [
      entry(bob, other.customers.acme, '2026-11-16T07:00:00.250Z', 2), entry(bob, other.customers.acme, '2026-11-16T12:00:00Z', 1.5),
      entry(bob, other.customers.globex, '2026-11-16T15:00:00Z', 1), entry(other.users.alice.id, other.customers.acme, '2026-11-18T14:00:00Z', 0.5, other.categories.regular),
    ] });
    expect(await keptFull()).toEqual(await full());
    // The same with one session across midnight: the days are worked out again.
    await ctx.db.prisma.workEntry.createMany({ data: [
      entry(bob, other.customers.acme, '2026-11-16T18:00:00Z', 1), entry(bob, other.customers.acme, '2026-11-16T22:30:00Z', 3),
    ] });
    expect(await keptFull()).toEqual(await full());
    // A manual entry through the API (before its cell's entrance), an edit and a delete of a finished one.
    const made = await who('manager').post('/api/work-entries', {
      userId: bob, customerId: other.customers.globex, categoryId: other.categories.support, startedAt: '2026-11-16T05:00:00.000Z', stoppedAt: '2026-11-16T06:30:00.000Z', note: 'n',
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(await keptFull()).toEqual(await full());
    const edited = await who('manager').patch(`/api/work-entries/${made.json<{ id: string }>().id}`, { startedAt: '2026-11-16T05:30:00.000Z', stoppedAt: '2026-11-16T06:30:00.000Z' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(await keptFull()).toEqual(await full());
    expect((await who('manager').delete(`/api/work-entries/${made.json<{ id: string }>().id}`)).statusCode).toBe(204);
    expect(await keptFull()).toEqual(await full());
  });
});
