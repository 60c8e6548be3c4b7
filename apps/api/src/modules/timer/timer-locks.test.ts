/**
 * Issue #21, items 3 and 7: the timer's writes are one statement under the user's lock, and a
 * batch of them never waits for another user's lock.
 *
 * 3. A session reaching back into a month approved while it ran is stored from the open month on
 *    by the stop statement itself (in its UPDATE, audited by its STOP event). Before, the API moved
 *    the start by an UPDATE of its own first, so a switch refused afterwards (422
 *    CUSTOMER_ARCHIVED) had already moved it, without an audit event.
 * 7. In a turn batch each write only tries its user's lock and a busy one runs alone afterwards;
 *    the statements wait at most their lock_timeout (then 503); several users' locks are taken in
 *    the order of the lock key, hashtext(id), everywhere.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { WorkEntry } from '@workdiary/shared';
import { readEnv } from '../../config/env.ts';
import type { UnscopedSql } from '../../db/engine.ts';
import { newId } from '../../db/ids.ts';
import { forOrg } from '../../db/scoped.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { lockOrder } from '../../domain/entry-rules.ts';
import { runStart, runStop, type StartArgs } from './timer-statements.ts';

let ctx: TestContext;
let org: OrgFixture;

beforeAll(async () => {
  ctx = await setupTestApp();
  org = await createOrg(ctx);
});

const api = (who: keyof OrgFixture['users']) => as(ctx.app, org.users[who].token);
const sleep = (ms: number) => new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms));

afterEach(async () => {
  await ctx.db.prisma.workEntry.deleteMany({ where: { organizationId: org.orgId } });
  await ctx.db.prisma.monthClose.deleteMany({ where: { organizationId: org.orgId } });
  await ctx.db.prisma.customer.updateMany({ where: { organizationId: org.orgId }, data: { archived: false } });
  ctx.app.orgCache.invalidate(org.orgId);
});

describe(`a running start moved out of an approved month: by the stop statement, audited; a refusal changes nothing (${engineName})`, () => {
  const START = '2026-10-30T08:00:00.000Z';
  const OPEN = '2026-10-31T23:00:00.000Z'; // 1 November 00:00 in Berlin

  /** Alice's timer runs from 30 October 08:00 UTC; October is approved for her once it has ended, while the timer still runs. */
  async function runningAcrossApprovedOctober(): Promise<WorkEntry> {
    ctx.clock.now = new Date(START);
    const started = await api('alice').post('/api/timer/start', { customerId: org.customers.acme, categoryId: org.categories.regular });
    expect(started.statusCode).toBe(201);
    ctx.clock.now = new Date('2026-11-01T08:00:00.000Z');
    expect((await api('manager').post('/api/months/2026-10/approve', { userIds: [org.users.alice.id] })).statusCode).toBe(200);
    ctx.clock.now = new Date('2026-11-02T09:00:00.000Z');
    return started.json<WorkEntry>();
  }
  const row = (id: string) => ctx.db.prisma.workEntry.findUniqueOrThrow({ where: { id } });
  const audit = (id: string) => ctx.db.prisma.auditEvent.findMany({ where: { entityId: id }, orderBy: { at: 'asc' } });

  it('the issue\'s case: a switch to a customer archived behind the cache\'s back → 422, startedAt unchanged, no event; then a stop stores the moved start and audits both', async () => {
    const started = await runningAcrossApprovedOctober();
    const before = await row(started.id);
    // Straight to the database: the organisation cache still offers Globex, the statement refuses it.
    await ctx.db.prisma.customer.update({ where: { id: org.customers.globex }, data: { archived: true } });
    const refused = await api('alice').post('/api/timer/switch', { note: 'Acme done', customerId: org.customers.globex, categoryId: org.categories.regular });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('CUSTOMER_ARCHIVED');
    expect(await row(started.id)).toEqual(before);
    expect((await row(started.id)).startedAt.toISOString()).toBe(START);
    expect((await audit(started.id)).map((a) => a.action)).toEqual(['START']);

    const stopped = await api('alice').post('/api/timer/stop', { note: 'Acme done' });
    expect(stopped.statusCode).toBe(200);
    expect(stopped.json<WorkEntry>()).toMatchObject({ startedAt: OPEN, stoppedAt: '2026-11-02T09:00:00.000Z', note: 'Acme done' });
    expect((await row(started.id)).startedAt.toISOString()).toBe(OPEN);
    const events = await audit(started.id);
    expect(events.map((a) => a.action)).toEqual(['START', 'STOP']);
    const stop = events[1];
    expect((stop?.before as { startedAt: string } | null)?.startedAt).toBe(START);
    expect((stop?.after as { startedAt: string } | null)?.startedAt).toBe(OPEN);
  });

  it('a switch that succeeds moves the start in the same statement, with the STOP event\'s before/after', async () => {
    const started = await runningAcrossApprovedOctober();
    const res = await api('alice').post('/api/timer/switch', { note: 'Acme done', customerId: org.customers.globex, categoryId: org.categories.regular });
    expect(res.statusCode).toBe(201);
    expect(res.json<{ stopped: WorkEntry }>().stopped.startedAt).toBe(OPEN);
    expect((await row(started.id)).startedAt.toISOString()).toBe(OPEN);
    const stop = (await audit(started.id)).find((a) => a.action === 'STOP');
    expect([(stop?.before as { startedAt: string }).startedAt, (stop?.after as { startedAt: string }).startedAt]).toEqual([START, OPEN]);
  });

  it('a stop refused by the rules for the moved start (minimum session) changes nothing; the manager\'s stop then works', async () => {
    ctx.clock.now = new Date('2026-10-31T20:00:00.000Z');
    const started = await api('alice').post('/api/timer/start', { customerId: org.customers.acme, categoryId: org.categories.regular });
    expect(started.statusCode).toBe(201);
    const id = started.json<WorkEntry>().id;
    ctx.clock.now = new Date('2026-10-31T23:00:30.000Z'); // October has just ended in Berlin: it can be approved
    expect((await api('manager').post('/api/months/2026-10/approve', { userIds: [org.users.alice.id] })).statusCode).toBe(200);
    await ctx.db.prisma.workRules.updateMany({ where: { organizationId: org.orgId, userId: null }, data: { minSessionMinutes: 5 } });
    ctx.app.events.publish(org.orgId, { type: 'settings.changed', what: 'rules' });
    try {
      ctx.clock.now = new Date('2026-10-31T23:02:00.000Z'); // 3 hours since the start, 2 minutes since the open month's
      const before = await row(id);
      const refused = await api('alice').post('/api/timer/stop', { note: '' });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.code).toBe('SESSION_TOO_SHORT');
      expect(await row(id)).toEqual(before);
      expect((await audit(id)).map((a) => a.action)).toEqual(['START']);
      ctx.clock.now = new Date('2026-10-31T23:10:00.000Z');
      const res = await api('manager').post(`/api/at-work/${org.users.alice.id}/stop`, { note: 'forgotten' });
      expect(res.statusCode).toBe(200);
      expect(res.json<WorkEntry>().startedAt).toBe(OPEN);
      const stop = (await audit(id)).find((a) => a.action === 'STOP');
      expect([(stop?.before as { startedAt: string }).startedAt, (stop?.after as { startedAt: string }).startedAt]).toEqual(['2026-10-31T20:00:00.000Z', OPEN]);
    } finally {
      await ctx.db.prisma.workRules.updateMany({ where: { organizationId: org.orgId, userId: null }, data: { minSessionMinutes: 0 } });
      ctx.app.events.publish(org.orgId, { type: 'settings.changed', what: 'rules' });
    }
  });
});

describe(`the statement's open-month start where local midnight happens twice (${engineName})`, () => {
  it('America/Havana, clocks back from 01:00 to 00:00 on 1 November 2026: stored from the first 00:00 (04:00 UTC), as openStartForStop says', async () => {
    const havana = await createOrg(ctx, { timeZone: 'America/Havana' });
    ctx.clock.now = new Date('2026-10-31T12:00:00.000Z');
    const started = await as(ctx.app, havana.users.alice.token).post('/api/timer/start', { customerId: havana.customers.acme, categoryId: havana.categories.regular });
    expect(started.statusCode).toBe(201);
    ctx.clock.now = new Date('2026-11-01T04:30:00.000Z'); // October has ended in Havana (00:30 on 1 November, before the clocks go back)
    expect((await as(ctx.app, havana.users.manager.token).post('/api/months/2026-10/approve', { userIds: [havana.users.alice.id] })).statusCode).toBe(200);
    ctx.clock.now = new Date('2026-11-01T08:00:00.000Z');
    const res = await as(ctx.app, havana.users.alice.token).post('/api/timer/stop', { note: '' });
    expect(res.statusCode).toBe(200);
    expect(res.json<WorkEntry>().startedAt).toBe('2026-11-01T04:00:00.000Z');
  });
});

describe(`several users' locks are taken in the lock key's order (${engineName})`, () => {
  it('lockOrder sorts users by hashtext(id) (the key lockUserEntries locks), then id', async () => {
    const users = Array.from({ length: 12 }, () => ({ id: newId() }));
    const keys = await ctx.db.unscoped.query<{ id: string; k: number }>('SELECT u AS id, hashtext(u) AS k FROM unnest($1::text[]) AS u', [users.map((u) => u.id)]);
    const key = new Map(keys.map((r) => [r.id, Number(r.k)]));
    const expected = [...users].sort((a, b) => (key.get(a.id) ?? 0) - (key.get(b.id) ?? 0) || (a.id < b.id ? -1 : 1));
    const ordered = await forOrg(ctx.db.prisma, org.orgId).$transaction((tx) => lockOrder(tx, users));
    expect(ordered.map((u) => u.id)).toEqual(expected.map((u) => u.id));
    // Ids in their own order are not the keys' order (else this test would prove nothing).
    expect(expected.map((u) => u.id)).not.toEqual([...users].map((u) => u.id).sort());
  });
});

describe.skipIf(engineName !== 'postgres')('a batch never waits for another user\'s lock (PostgreSQL: real concurrency)', () => {
  /** A second connection to the test database, outside the app's pool. */
  async function otherConnection(): Promise<pg.Client> {
    const url = new URL(readEnv({ NODE_ENV: 'test' }).TEST_DATABASE_URL ?? '');
    const [{ db }] = await ctx.db.unscoped.query<{ db: string }>('SELECT current_database() AS db') as [{ db: string }];
    url.pathname = `/${db}`;
    const client = new pg.Client({ connectionString: url.toString() });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }
  /** The same database with every statement's text written down (its batchers are its own). */
  const recording = () => {
    const texts: string[] = [];
    const sql: UnscopedSql = {
      query: (text, params, options) => {
        texts.push(text);
        return ctx.db.unscoped.query(text, params, options);
      },
      execInTransaction: (statements) => ctx.db.unscoped.execInTransaction(statements),
    };
    return { sql, texts };
  };
  const startArgs = (who: 'alice' | 'bob'): StartArgs => {
    const entryId = newId();
    return {
      orgId: org.orgId, userId: org.users[who].id, entryId, customerId: org.customers.acme, categoryId: org.categories.regular,
      now: new Date('2026-03-02T08:00:00.000Z'), checkOverlap: true, auditId: newId(), after: { id: entryId } as WorkEntry,
    };
  };
  const running = (who: 'alice' | 'bob') => ctx.db.prisma.workEntry.count({ where: { userId: org.users[who].id, stoppedAt: null } });

  it('Alice\'s start, batched with Bob\'s whose lock another connection holds, answers at once; Bob\'s completes when the lock is released', async () => {
    const holder = await otherConnection();
    try {
      await holder.query('SELECT pg_advisory_lock(hashtext($1))', [org.users.bob.id]);
      const { sql, texts } = recording();
      const t0 = performance.now();
      const bob = runStart(sql, startArgs('bob'));
      const alice = runStart(sql, startArgs('alice'));
      let bobAnswered = false;
      void bob.then(() => { bobAnswered = true; }, () => { bobAnswered = true; });
      const first = await Promise.race([alice, sleep(2_000)]);
      const aliceMs = performance.now() - t0;
      expect(first).toEqual({ status: 'ok' });
      expect(aliceMs).toBeLessThan(1_000);
      expect(texts[0]).toContain('unnest(');
      expect(texts[0]).toContain('true) AS r');
      // Alice's start is committed; Bob's waits (alone, with the blocking lock) for the other connection.
      expect(await running('alice')).toBe(1);
      await sleep(300);
      expect(bobAnswered).toBe(false);
      expect(await running('bob')).toBe(0);
      await holder.query('SELECT pg_advisory_unlock(hashtext($1))', [org.users.bob.id]);
      expect(await Promise.race([bob, sleep(3_000)])).toEqual({ status: 'ok' });
      expect(await running('bob')).toBe(1);
      expect(texts).toHaveLength(2);
      expect(texts[1]).not.toContain('unnest(');
    } finally {
      await holder.end();
    }
  });

  it('stops too: Alice\'s stop in a batch with Bob\'s busy one is answered at once', async () => {
    const a = startArgs('alice');
    const b = startArgs('bob');
    expect(await runStart(ctx.db.unscoped, a)).toEqual({ status: 'ok' });
    expect(await runStart(ctx.db.unscoped, b)).toEqual({ status: 'ok' });
    const holder = await otherConnection();
    try {
      await holder.query('SELECT pg_advisory_lock(hashtext($1))', [org.users.bob.id]);
      const { sql } = recording();
      const stop = (s: StartArgs) => runStop(sql, {
        orgId: org.orgId, userId: s.userId, entryId: s.entryId, startedAt: s.now, now: new Date(s.now.getTime() + 3_600_000), note: 'done',
        flagged: false, checkOverlap: true, actorId: s.userId, auditId: newId(), before: s.after, after: s.after,
      });
      const bobStop = stop(b);
      const t0 = performance.now();
      expect(await Promise.race([stop(a), sleep(2_000)])).toEqual({ status: 'ok' });
      expect(performance.now() - t0).toBeLessThan(1_000);
      expect(await running('alice')).toBe(0);
      expect(await running('bob')).toBe(1);
      await holder.query('SELECT pg_advisory_unlock(hashtext($1))', [org.users.bob.id]);
      expect(await Promise.race([bobStop, sleep(3_000)])).toEqual({ status: 'ok' });
      expect(await running('bob')).toBe(0);
    } finally {
      await holder.end();
    }
  });

  it('a lock held past the statements\' lock_timeout answers 503 SERVICE_UNAVAILABLE (not 500), and nothing is written', async () => {
    ctx.clock.now = new Date('2026-03-02T08:00:00.000Z');
    const holder = await otherConnection();
    try {
      await holder.query('SELECT pg_advisory_lock(hashtext($1))', [org.users.bob.id]);
      const t0 = performance.now();
      const res = await Promise.race([api('bob').post('/api/timer/start', { customerId: org.customers.acme, categoryId: org.categories.regular }), sleep(9_000)]);
      expect(res).not.toBe('timeout');
      if (res === 'timeout') return;
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('SERVICE_UNAVAILABLE');
      expect(res.headers['retry-after']).toBe('1');
      expect(performance.now() - t0).toBeGreaterThan(4_000);
      expect(await running('bob')).toBe(0);
    } finally {
      await holder.end();
    }
  }, 30_000);
});
