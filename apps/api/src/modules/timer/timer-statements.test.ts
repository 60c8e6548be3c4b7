import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WorkEntry } from '@workdiary/shared';
import { newId } from '../../db/ids.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import type { UnscopedSql } from '../../db/engine.ts';
import { runStart, runStop, type StartArgs } from './timer-statements.ts';

/**
 * The timer's single statements (wd_timer_start, wd_timer_stop) and the organisation cache in
 * front of them: races that must leave exactly one winner, the database refusing what a stale
 * cache let through, and the change events that keep the cache right.
 */
let ctx: TestContext;
let org: OrgFixture;

beforeAll(async () => {
  ctx = await setupTestApp();
  org = await createOrg(ctx);
});

const T0 = new Date('2026-03-02T08:00:00.000Z');
const MIN = 60_000;
const at = (ms: number) => new Date(T0.getTime() + ms);

const api = (who: keyof OrgFixture['users']) => as(ctx.app, org.users[who].token);
const startBody = (customerId = org.customers.acme, categoryId = org.categories.regular) => ({ customerId, categoryId });

beforeEach(async () => {
  await ctx.db.prisma.workEntry.deleteMany({});
  await ctx.db.prisma.customer.updateMany({ where: { organizationId: org.orgId }, data: { archived: false } });
  await ctx.db.prisma.category.updateMany({ where: { organizationId: org.orgId }, data: { archived: false } });
  ctx.app.orgCache.invalidate(org.orgId);
  ctx.clock.now = T0;
});

/** One start and stop, so the organisation is in the cache. */
async function warmCache() {
  ctx.clock.now = at(-10 * MIN);
  expect((await api('alice').post('/api/timer/start', startBody())).statusCode).toBe(201);
  ctx.clock.now = T0;
  expect((await api('alice').post('/api/timer/stop', { note: 'warm-up' })).statusCode).toBe(200);
}

describe(`timer statements on ${engineName}`, () => {
  it('race: 20 parallel stops of one running timer give exactly one 200, the rest 409 TIMER_NOT_RUNNING, one STOP event', async () => {
    const started = (await api('alice').post('/api/timer/start', startBody())).json<WorkEntry>();
    ctx.clock.now = at(30 * MIN);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => api('alice').post('/api/timer/stop', { note: `stop ${i}` })));
    const ok = results.filter((r) => r.statusCode === 200);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.statusCode !== 200)) {
      expect(r.statusCode).toBe(409);
      expect(r.json().error.code).toBe('TIMER_NOT_RUNNING');
    }
    const row = await ctx.db.prisma.workEntry.findUniqueOrThrow({ where: { id: started.id } });
    expect(row.note).toBe(ok[0]?.json<WorkEntry>().note);
    expect(row.stoppedAt?.toISOString()).toBe(at(30 * MIN).toISOString());
    expect(await ctx.db.prisma.auditEvent.count({ where: { entityId: started.id, action: 'STOP' } })).toBe(1);
  });

  it('race: start and stop cycles of one user interleaved from several tabs never leave two running entries or a lost audit event', async () => {
    const results = [];
    for (let round = 0; round < 5; round++) {
      ctx.clock.now = at(round * 10 * MIN);
      results.push(...await Promise.all(Array.from({ length: 6 }, () => api('bob').post('/api/timer/start', startBody()))));
      ctx.clock.now = at(round * 10 * MIN + 5 * MIN);
      results.push(...await Promise.all(Array.from({ length: 6 }, () => api('bob').post('/api/timer/stop', { note: 'done' }))));
    }
    const entries = await ctx.db.prisma.workEntry.findMany({ where: { userId: org.users.bob.id } });
    expect(entries).toHaveLength(5);
    expect(entries.every((e) => e.stoppedAt !== null)).toBe(true);
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(5);
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(5);
    const audit = await ctx.db.prisma.auditEvent.groupBy({ by: ['action'], where: { entityId: { in: entries.map((e) => e.id) } }, _count: true });
    expect(Object.fromEntries(audit.map((a) => [a.action, a._count]))).toEqual({ START: 5, STOP: 5 });
  });

  it('the database refuses a start on a customer archived behind the cache’s back; the cache is then read again', async () => {
    await warmCache();
    // Straight to the database: no change event, so the cache still thinks Globex is usable.
    await ctx.db.prisma.customer.update({ where: { id: org.customers.globex }, data: { archived: true } });
    const refused = await api('alice').post('/api/timer/start', startBody(org.customers.globex));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('CUSTOMER_ARCHIVED');
    expect(await ctx.db.prisma.workEntry.count({ where: { stoppedAt: null } })).toBe(0);
  });

  it('a category archived behind the cache’s back is refused by the database too', async () => {
    await warmCache();
    await ctx.db.prisma.category.update({ where: { id: org.categories.support }, data: { archived: true } });
    const refused = await api('alice').post('/api/timer/start', startBody(org.customers.acme, org.categories.support));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('CATEGORY_ARCHIVED');
  });

  it('archiving through the API reaches the cache by its change event', async () => {
    await warmCache();
    expect((await api('manager').patch(`/api/customers/${org.customers.globex}`, { archived: true })).statusCode).toBe(200);
    const refused = await api('bob').post('/api/timer/start', startBody(org.customers.globex));
    expect(refused.json().error).toMatchObject({ code: 'CUSTOMER_ARCHIVED', message: expect.stringContaining('Globex GmbH') });
  });

  it('a customer created through the API can be timed at once; an unknown one is 404', async () => {
    await warmCache();
    const created = await api('manager').post('/api/customers', { name: 'Initech' });
    expect(created.statusCode).toBe(201);
    const started = await api('bob').post('/api/timer/start', startBody(created.json<{ id: string }>().id));
    expect(started.statusCode).toBe(201);
    expect(started.json<WorkEntry>().customer.name).toBe('Initech');
    const unknown = await api('alice').post('/api/timer/start', startBody(newId()));
    expect(unknown.statusCode).toBe(404);
  });

  it('rules changed through the settings API apply to the next stop', async () => {
    expect((await api('alice').post('/api/timer/start', startBody())).statusCode).toBe(201);
    const rules = (await api('admin').get(`/api/settings/work-rules/${org.users.alice.id}`)).json<Record<string, unknown>>();
    const { userId: _u, inherited: _i, updatedAt: _a, ...plain } = rules;
    expect((await api('admin').put(`/api/settings/work-rules/${org.users.alice.id}`, { ...plain, noteRequired: true })).statusCode).toBe(200);
    ctx.clock.now = at(10 * MIN);
    const refused = await api('alice').post('/api/timer/stop', { note: '' });
    expect(refused.json().error.code).toBe('NOTE_REQUIRED');
    expect((await api('alice').post('/api/timer/stop', { note: 'Done' })).statusCode).toBe(200);
    await api('admin').delete(`/api/settings/work-rules/${org.users.alice.id}`);
  });

  it('a session longer than a day before the start is still an overlap (the long-session branch of wd_first_clash)', async () => {
    await ctx.db.prisma.workEntry.create({ data: {
      id: newId(), organizationId: org.orgId, userId: org.users.bob.id, customerId: org.customers.globex, categoryId: org.categories.support,
      startedAt: at(-3 * 24 * 60 * MIN), stoppedAt: at(60 * MIN), source: 'MANUAL', createdById: org.users.manager.id,
    } });
    const refused = await api('bob').post('/api/timer/start', startBody());
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'ENTRY_OVERLAP', details: { customer: 'Globex GmbH' } });
    ctx.clock.now = at(60 * MIN);
    expect((await api('bob').post('/api/timer/start', startBody())).statusCode).toBe(201);
  });

  it('a running timer older than a day is an overlap for a manual entry inside it (the running branch)', async () => {
    ctx.clock.now = at(-2 * 24 * 60 * MIN);
    expect((await api('bob').post('/api/timer/start', startBody())).statusCode).toBe(201);
    ctx.clock.now = at(2 * 60 * MIN);
    const res = await api('bob').post('/api/work-entries', {
      ...startBody(org.customers.globex), startedAt: at(0).toISOString(), stoppedAt: at(30 * MIN).toISOString(), note: 'x',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'ENTRY_OVERLAP', message: expect.stringContaining('still running') });
  });

  describe('the writes of one event-loop turn share one statement', () => {
    /** The same database, with every statement's text written down (its batchers are its own). */
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
    const startArgs = (who: 'alice' | 'bob' | 'manager', entryId = newId()): StartArgs => {
      const after = { id: entryId } as WorkEntry;
      return {
        orgId: org.orgId, userId: org.users[who].id, entryId, customerId: org.customers.acme, categoryId: org.categories.regular,
        now: T0, checkOverlap: true, auditId: newId(), after,
      };
    };

    it('three starts in one turn: one statement, each user answered on their own (one already running), each entry with its START event', async () => {
      expect((await api('alice').post('/api/timer/start', startBody())).statusCode).toBe(201);
      const { sql, texts } = recording();
      const bob = startArgs('bob');
      const manager = startArgs('manager');
      const answers = await Promise.all([runStart(sql, startArgs('alice')), runStart(sql, bob), runStart(sql, manager)]);
      expect(answers.map((a) => a.status)).toEqual(['running', 'ok', 'ok']);
      expect(texts).toHaveLength(1);
      expect(texts[0]).toContain('unnest(');
      const running = await ctx.db.prisma.workEntry.findMany({ where: { stoppedAt: null }, select: { id: true, userId: true } });
      expect(new Set(running.map((r) => r.userId))).toEqual(new Set([org.users.alice.id, org.users.bob.id, org.users.manager.id]));
      expect(await ctx.db.prisma.auditEvent.count({ where: { entityId: { in: [bob.entryId, manager.entryId] }, action: 'START' } })).toBe(2);

      // Their stops in one turn: one statement again.
      texts.length = 0;
      const stop = (a: StartArgs, note: string) => runStop(sql, {
        orgId: org.orgId, userId: a.userId, entryId: a.entryId, startedAt: T0, now: at(20 * MIN), note, flagged: false, checkOverlap: true,
        actorId: a.userId, auditId: newId(), before: a.after, after: { ...a.after, note },
      });
      expect((await Promise.all([stop(manager, 'm'), stop(bob, 'b')])).map((a) => a.status)).toEqual(['ok', 'ok']);
      expect(texts).toHaveLength(1);
      const stopped = await ctx.db.prisma.workEntry.findMany({ where: { id: { in: [bob.entryId, manager.entryId] } }, orderBy: { note: 'asc' } });
      expect(stopped.map((e) => [e.note, e.stoppedAt?.toISOString()])).toEqual([['b', at(20 * MIN).toISOString()], ['m', at(20 * MIN).toISOString()]]);
    });

    it('a write the database refuses fails alone: the batch is rolled back and each write runs again on its own', async () => {
      const taken = (await api('bob').post('/api/timer/start', startBody())).json<WorkEntry>().id;
      const { sql, texts } = recording();
      const manager = startArgs('manager');
      // Alice's new entry reuses the id of Bob's: a primary-key violation raised inside the batch.
      const [alice, managers] = await Promise.allSettled([runStart(sql, startArgs('alice', taken)), runStart(sql, manager)]);
      expect(alice.status).toBe('rejected');
      expect((alice as PromiseRejectedResult).reason).toMatchObject({ code: '23505' });
      expect(managers).toEqual({ status: 'fulfilled', value: { status: 'ok' } });
      expect(texts).toHaveLength(3);
      expect(await ctx.db.prisma.workEntry.count({ where: { userId: org.users.alice.id } })).toBe(0);
      expect(await ctx.db.prisma.auditEvent.count({ where: { entityId: manager.entryId, action: 'START' } })).toBe(1);
    });

    it('through the API: 100 parallel starts of four users give exactly one 201 each and one running entry each', async () => {
      const who = ['alice', 'bob', 'manager', 'admin'] as const;
      const results = await Promise.all(Array.from({ length: 100 }, (_, i) => api(who[i % 4] as keyof OrgFixture['users']).post('/api/timer/start', startBody())));
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(4);
      expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'TIMER_ALREADY_RUNNING')).toBe(true);
      expect(results.filter((r) => r.statusCode === 409)).toHaveLength(96);
      const running = await ctx.db.prisma.workEntry.groupBy({ by: ['userId'], where: { stoppedAt: null }, _count: true });
      expect(running.map((r) => r._count)).toEqual([1, 1, 1, 1]);
    });
  });

  describe('the payroll lock inside the statements (an approval landing after the API checked it)', () => {
    // Straight to the database, as an approval landing at that moment (its kept figures are not read here).
    const approve = (month: string) => ctx.db.prisma.monthClose.create({
      data: { id: newId(), organizationId: org.orgId, userId: org.users.alice.id, month, status: 'APPROVED', figures: {} },
    });
    const unapprove = () => ctx.db.prisma.monthClose.deleteMany({ where: { organizationId: org.orgId } });

    it('wd_timer_start answers locked, naming the month, and writes nothing', async () => {
      await approve('2026-03');
      try {
        const entry = { id: newId() } as WorkEntry;
        const result = await runStart(ctx.db.unscoped, {
          orgId: org.orgId, userId: org.users.alice.id, entryId: entry.id, customerId: org.customers.acme, categoryId: org.categories.regular,
          now: T0, checkOverlap: true, auditId: newId(), after: entry,
        });
        expect(result).toEqual({ status: 'locked', month: '2026-03' });
        expect(await ctx.db.prisma.workEntry.count({ where: { userId: org.users.alice.id } })).toBe(0);
      } finally {
        await unapprove();
      }
    });

    it('wd_timer_stop answers moved (with the open month\'s first instant) for a session reaching back into an approved month (February, Berlin), writing nothing; locked when now\'s month is approved', async () => {
      // 28 February 23:00 in Berlin: the session starts in February and is stopped on 2 March.
      ctx.clock.now = new Date('2026-02-28T22:00:00.000Z');
      const started = (await api('alice').post('/api/timer/start', startBody())).json<WorkEntry>();
      await approve('2026-02');
      try {
        const stop = (startedAt: Date, now = T0) => runStop(ctx.db.unscoped, {
          orgId: org.orgId, userId: org.users.alice.id, entryId: started.id, startedAt, now, note: 'late', flagged: false, checkOverlap: true,
          actorId: org.users.alice.id, auditId: newId(), before: started, after: { ...started, stoppedAt: now.toISOString() },
        });
        const result = await stop(new Date(started.startedAt));
        expect(result).toMatchObject({ status: 'moved', month: '2026-02' });
        expect(new Date((result as { startedAt: string }).startedAt).toISOString()).toBe('2026-02-28T23:00:00.000Z');
        // Still inside February (23:59 Berlin): nothing open to store it in.
        expect(await stop(new Date('2026-02-28T23:00:00.000Z'), new Date('2026-02-28T22:59:00.000Z'))).toEqual({ status: 'locked', month: '2026-02' });
        const row = await ctx.db.prisma.workEntry.findUniqueOrThrow({ where: { id: started.id } });
        expect(row.stoppedAt).toBeNull();
        expect(row.startedAt.toISOString()).toBe(started.startedAt);
        expect(await ctx.db.prisma.auditEvent.count({ where: { entityId: started.id, action: 'STOP' } })).toBe(0);
        // Through the API the stop is stored from the open month on (month-lock.ts openStartForStop).
        ctx.clock.now = T0;
        const stopped = await api('alice').post('/api/timer/stop', { note: 'late' });
        expect(stopped.statusCode).toBe(200);
        expect(stopped.json<WorkEntry>().startedAt).toBe('2026-02-28T23:00:00.000Z');
      } finally {
        await unapprove();
      }
    });
  });
});
