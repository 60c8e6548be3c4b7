import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids.ts';
import { createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';

/**
 * wd_first_clash (the one overlap rule; 20261207140000_timer_costs makes it bounded index
 * lookups: the sessions still going at the candidate's start found by their stops within 24 h,
 * the long ones and the running one by their own indexes, else the first one starting inside)
 * answers exactly what the rule says, checked against the rule written out over every entry:
 * the user's earliest entry (by start, then id) other than the excluded one with start < stop of
 * the candidate (none: it runs on) and stop > start of the candidate, a running entry reaching to
 * infinity and counting only "with running". Histories are written straight to the table, so
 * they hold overlaps (allowed when they were written), sessions longer than a day, sessions of
 * exactly 24 h, one running entry and other users' sessions.
 */
let ctx: TestContext;
let org: OrgFixture;

beforeAll(async () => {
  ctx = await setupTestApp();
  org = await createOrg(ctx);
});

type Row = { id: string; userId: string; customerId: string; startedAt: number; stoppedAt: number | null };
type Clash = { id: string; startedAt: number; stoppedAt: number | null; customer: string } | null;

const H = 3_600_000;
const T0 = Date.parse('2026-03-10T00:00:00.000Z');

function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function write(rows: Row[]) {
  await ctx.db.prisma.workEntry.createMany({
    data: rows.map((r) => ({
      id: r.id, organizationId: org.orgId, userId: r.userId, customerId: r.customerId, categoryId: org.categories.regular,
      startedAt: new Date(r.startedAt), stoppedAt: r.stoppedAt === null ? null : new Date(r.stoppedAt), source: 'MANUAL' as const, createdById: r.userId,
    })),
  });
}

async function firstClash(userId: string, exclude: string | null, start: number, stop: number | null, withRunning: boolean): Promise<Clash> {
  const rows = await ctx.db.unscoped.query<{ id: string; started_at: Date | string; stopped_at: Date | string | null; customer: string }>(
    'SELECT id, started_at, stopped_at, customer FROM wd_first_clash($1, $2, $3::text, $4::timestamptz, $5::timestamptz, $6)',
    [org.orgId, userId, exclude, new Date(start).toISOString(), stop === null ? null : new Date(stop).toISOString(), withRunning]);
  const r = rows[0];
  return r ? { id: r.id, startedAt: new Date(r.started_at).getTime(), stoppedAt: r.stopped_at === null ? null : new Date(r.stopped_at).getTime(), customer: r.customer } : null;
}

/** The rule written out over every entry. */
function expectedClash(rows: Row[], names: Map<string, string>, userId: string, exclude: string | null, start: number, stop: number | null, withRunning: boolean): Clash {
  const hits = rows
    .filter((r) => r.userId === userId && r.id !== exclude)
    .filter((r) => (stop === null || r.startedAt < stop) && (r.stoppedAt === null ? withRunning : r.stoppedAt > start))
    .sort((a, b) => a.startedAt - b.startedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const r = hits[0];
  return r ? { id: r.id, startedAt: r.startedAt, stoppedAt: r.stoppedAt, customer: names.get(r.customerId) as string } : null;
}

describe(`wd_first_clash (${engineName})`, () => {
  let names: Map<string, string>;
  beforeEach(async () => {
    await ctx.db.prisma.workEntry.deleteMany({});
    names = new Map((await ctx.db.prisma.customer.findMany({ where: { organizationId: org.orgId } })).map((c) => [c.id, c.name]));
  });
  const alice = () => org.users.alice.id;
  const row = (startedAt: number, stoppedAt: number | null, customerId = org.customers.acme, userId = alice()): Row => ({ id: newId(), userId, customerId, startedAt, stoppedAt });

  it('finds the sessions still going at a start, however long, and never one that only touches it', async () => {
    const long = row(T0 - 50 * H, T0 + 2 * H, org.customers.globex); // started two days before, still going
    const day = row(T0 - 24 * H, T0 + 1); // exactly 24 h + 1 ms: a "long" one
    const exact = row(T0 + 5 * H - 24 * H, T0 + 5 * H); // exactly 24 h, stops at 05:00
    const touching = row(T0 + 10 * H, T0 + 11 * H); // stops exactly where a candidate starts
    const later = row(T0 + 12 * H, T0 + 13 * H);
    const threeDays = row(T0 - 72 * H, T0, org.customers.acme, org.users.bob.id); // stops 48 h after the candidate below starts
    await write([long, day, exact, touching, later, threeDays]);
    const clash = (start: number, stop: number | null, exclude: string | null = null, withRunning = true) => firstClash(alice(), exclude, start, stop, withRunning);

    // A candidate starting inside the two-day session: that one (the earliest), with its customer's name.
    expect(await clash(T0 + H, T0 + 90 * 60_000)).toEqual({ id: long.id, startedAt: long.startedAt, stoppedAt: long.stoppedAt, customer: 'Globex GmbH' });
    // A session that started days before and stops days after the candidate.
    expect((await firstClash(org.users.bob.id, null, T0 - 48 * H, T0 - 47 * H, false))?.id).toBe(threeDays.id);
    // Without it: the 24 h + 1 ms one, then the exactly-24-h one.
    expect((await clash(T0, T0 + 60_000, long.id))?.id).toBe(day.id);
    expect((await clash(T0 + 4 * H, T0 + 4 * H + 1, long.id))?.id).toBe(exact.id);
    // [11:00, 12:00) touches the session before it and the one after it: no clash.
    expect(await clash(T0 + 11 * H, T0 + 12 * H)).toBeNull();
    // A session starting exactly at another's stop is no clash; one starting a millisecond earlier is.
    expect(await clash(T0 + 11 * H, null)).toEqual(expect.objectContaining({ id: later.id }));
    expect((await clash(T0 + 11 * H - 1, T0 + 12 * H))?.id).toBe(touching.id);
    // A candidate ending exactly at a start does not reach it.
    expect(await clash(T0 + 11 * H + 1, T0 + 12 * H)).toBeNull();
    // Around a session: the earliest one inside the candidate.
    expect((await clash(T0 + 9 * H, T0 + 14 * H))?.id).toBe(touching.id);
    // The excluded one itself is no clash (an edit of it).
    expect(await clash(T0 + 10 * H, T0 + 11 * H, touching.id)).toBeNull();
  });

  it('counts the running session only with running ones, from its start on', async () => {
    const done = row(T0 + 6 * H, T0 + 7 * H);
    const running = row(T0 + 8 * H, null);
    await write([done, running]);
    expect((await firstClash(alice(), null, T0 + 9 * H, T0 + 10 * H, true))?.id).toBe(running.id);
    expect(await firstClash(alice(), null, T0 + 9 * H, T0 + 10 * H, false)).toBeNull();
    expect((await firstClash(alice(), null, T0 + 7 * H + 1, null, true))?.id).toBe(running.id);
    expect(await firstClash(alice(), null, T0 + 7 * H, null, false)).toBeNull();
    // The stop of the running session itself (excluded): nothing.
    expect(await firstClash(alice(), running.id, T0 + 8 * H, T0 + 10 * H, true)).toBeNull();
    // Another user's sessions are never a clash.
    expect(await firstClash(org.users.bob.id, null, T0, null, true)).toBeNull();
  });

  it('answers what the rule says for random histories with overlaps, long sessions and a running one', async () => {
    const next = random(23);
    const rows: Row[] = [];
    const customers = [org.customers.acme, org.customers.globex];
    for (const userId of [alice(), org.users.bob.id]) {
      for (let i = 0; i < 60; i++) {
        const start = T0 + Math.floor(next() * 10 * 24) * 15 * 60_000 + (next() < 0.2 ? Math.floor(next() * 1000) : 0);
        const kind = next();
        const length = kind < 0.1 ? 24 * H + (next() < 0.5 ? 0 : Math.floor(next() * 48 * H)) : kind < 0.15 ? 24 * H - 1 : (1 + Math.floor(next() * 40)) * 15 * 60_000;
        rows.push(row(start, start + length, customers[Math.floor(next() * 2)], userId));
      }
      const last = Math.max(...rows.filter((r) => r.userId === userId).map((r) => r.startedAt));
      rows.push(row(last + 30 * 60_000, null, org.customers.acme, userId));
    }
    await write(rows);
    const instants = rows.flatMap((r) => (r.stoppedAt === null ? [r.startedAt] : [r.startedAt, r.stoppedAt]));
    let clashes = 0;
    for (let q = 0; q < 300; q++) {
      const pick = next();
      const start = pick < 0.5 ? (instants[Math.floor(next() * instants.length)] as number) + (next() < 0.3 ? (next() < 0.5 ? -1 : 1) : 0)
        : T0 - 2 * 24 * H + Math.floor(next() * 14 * 24 * H);
      const stop = next() < 0.2 ? null : start + 1 + Math.floor(next() * (next() < 0.8 ? 3 * H : 60 * H));
      const userId = next() < 0.8 ? alice() : org.users.bob.id;
      const mine = rows.filter((r) => r.userId === userId);
      const exclude = next() < 0.3 ? (mine[Math.floor(next() * mine.length)] as Row).id : null;
      const withRunning = next() < 0.6;
      const want = expectedClash(rows, names, userId, exclude, start, stop, withRunning);
      if (want) clashes++;
      expect(await firstClash(userId, exclude, start, stop, withRunning), JSON.stringify({ start: new Date(start), stop: stop && new Date(stop), userId, exclude, withRunning })).toEqual(want);
    }
    expect(clashes).toBeGreaterThan(100);
    expect(clashes).toBeLessThan(290);
  });
});
