import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WorkEntry, WorkRules } from '@workdiary/shared';
import { newId } from '../../db/ids.ts';
import type { LiveEvent } from '../../lib/events.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { stopTimer } from './timer.service.ts';

let ctx: TestContext;
let org: OrgFixture;
let other: OrgFixture;

beforeAll(async () => {
  ctx = await setupTestApp();
  org = await createOrg(ctx);
  other = await createOrg(ctx);
});

const T0 = new Date('2026-03-02T08:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;
const HOUR = 60 * MIN;

type Who = keyof OrgFixture['users'];
const client = (who: Who, o: OrgFixture = org) => as(ctx.app, o.users[who].token);
const start = (who: Who, body?: object, o: OrgFixture = org) =>
  client(who, o).post('/api/timer/start', body ?? { customerId: o.customers.acme, categoryId: o.categories.regular });
const stop = (who: Who, note = '', o: OrgFixture = org) => client(who, o).post('/api/timer/stop', { note });

async function setRules(o: OrgFixture, rules: Partial<WorkRules>) {
  await ctx.db.prisma.workRules.updateMany({ where: { organizationId: o.orgId, userId: null }, data: rules });
  changed(o);
}

/** A write straight to the database publishes no change event: tell the organisation cache as the API would. */
function changed(o: OrgFixture) {
  ctx.app.events.publish(o.orgId, { type: 'settings.changed', what: 'rules' });
}

async function auditFor(entryId: string) {
  return ctx.db.prisma.auditEvent.findMany({ where: { entityId: entryId }, orderBy: { at: 'asc' } });
}

/** Every test starts with no entries (T0 is reused), the module on and the default rules. */
beforeEach(async () => {
  ctx.clock.now = null;
  await ctx.db.prisma.workEntry.deleteMany({});
  for (const o of [org, other]) {
    await setRules(o, { noteRequired: false, minSessionMinutes: 0, maxSessionHours: 12, allowOverlap: false });
    await ctx.db.prisma.organization.update({ where: { id: o.orgId }, data: { clientTimer: true } });
    changed(o);
  }
});

describe(`timer on ${engineName}`, () => {
  it('has no running timer at first, needs a session, and validates the body', async () => {
    expect((await client('alice').get('/api/timer')).json()).toEqual({ running: null });
    expect((await ctx.app.inject({ method: 'GET', url: '/api/timer' })).statusCode).toBe(401);
    const bad = await client('alice').post('/api/timer/start', { customerId: org.customers.acme });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_ERROR');
  });

  it('starts at the server clock, whatever instant the client sends, and writes a START audit event', async () => {
    ctx.clock.now = T0;
    const res = await start('alice', { customerId: org.customers.acme, categoryId: org.categories.regular, startedAt: '2020-01-01T00:00:00.000Z' });
    expect(res.statusCode).toBe(201);
    const entry = res.json<WorkEntry>();
    expect(entry).toMatchObject({
      userId: org.users.alice.id,
      customerId: org.customers.acme,
      categoryId: org.categories.regular,
      startedAt: T0.toISOString(),
      stoppedAt: null,
      note: '',
      source: 'TIMER',
      flagged: false,
      customer: { id: org.customers.acme, name: 'Acme Ltd' },
      category: { id: org.categories.regular, name: 'Regular Hours', archived: false },
    });
    expect((await client('alice').get('/api/timer')).json()).toEqual({ running: entry });
    // Another user of the same organisation has their own (empty) timer.
    expect((await client('bob').get('/api/timer')).json()).toEqual({ running: null });

    const audit = await auditFor(entry.id);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([['START', org.users.alice.id]]);
    expect(audit[0]?.before).toBeNull();
    expect(audit[0]?.after).toMatchObject({ id: entry.id, startedAt: T0.toISOString(), stoppedAt: null });
  });

  it('refuses a second start with 409 TIMER_ALREADY_RUNNING and names the running session', async () => {
    ctx.clock.now = T0;
    expect((await start('alice')).statusCode).toBe(201);
    const second = await start('alice', { customerId: org.customers.globex, categoryId: org.categories.support });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('TIMER_ALREADY_RUNNING');
    // T0 is 08:00 UTC = 09:00 in Berlin, the organisation's zone.
    expect(second.json().error.message).toBe('A timer is already running (Acme Ltd, since 09:00). Stop it before starting another.');
    expect(second.json().error.details.running).toMatchObject({ customerId: org.customers.acme, startedAt: T0.toISOString() });
    expect(await ctx.db.prisma.workEntry.count({ where: { userId: org.users.alice.id, stoppedAt: null } })).toBe(1);
  });

  it('stops at the server clock with the trimmed note and writes a STOP audit event with before and after', async () => {
    ctx.clock.now = T0;
    const started = (await start('alice')).json<WorkEntry>();
    ctx.clock.now = at(95 * MIN);
    const res = await stop('alice', '  Fixed the printer  ');
    expect(res.statusCode).toBe(200);
    const entry = res.json<WorkEntry>();
    expect(entry).toMatchObject({ id: started.id, startedAt: T0.toISOString(), stoppedAt: at(95 * MIN).toISOString(), note: 'Fixed the printer', flagged: false });
    expect((await client('alice').get('/api/timer')).json()).toEqual({ running: null });

    const row = await ctx.db.prisma.workEntry.findUniqueOrThrow({ where: { id: started.id } });
    expect(row.stoppedById).toBe(org.users.alice.id);
    const audit = await auditFor(started.id);
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([['START', org.users.alice.id], ['STOP', org.users.alice.id]]);
    expect(audit[1]?.before).toMatchObject({ stoppedAt: null, note: '' });
    expect(audit[1]?.after).toMatchObject({ stoppedAt: at(95 * MIN).toISOString(), note: 'Fixed the printer' });
  });

  it('answers 409 TIMER_NOT_RUNNING when nothing runs', async () => {
    const res = await stop('alice', 'x');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('TIMER_NOT_RUNNING');
  });

  describe('work rules on stop', () => {
    it('NOTE_REQUIRED: 422 with a message, the timer keeps running, a note then stops it', async () => {
      await setRules(org, { noteRequired: true });
      ctx.clock.now = T0;
      const started = (await start('alice')).json<WorkEntry>();
      ctx.clock.now = at(30 * MIN);
      for (const note of ['', '   ']) {
        const refused = await stop('alice', note);
        expect(refused.statusCode).toBe(422);
        expect(refused.json().error).toMatchObject({ code: 'NOTE_REQUIRED', message: expect.stringMatching(/note is required/i) });
      }
      expect((await client('alice').get('/api/timer')).json().running.id).toBe(started.id);
      expect((await auditFor(started.id)).map((a) => a.action)).toEqual(['START']);
      const ok = await stop('alice', 'Wrote the report');
      expect(ok.statusCode).toBe(200);
      expect(ok.json().note).toBe('Wrote the report');
    });

    it('SESSION_TOO_SHORT: 422 under the minimum, stops once the minimum has passed', async () => {
      await setRules(org, { minSessionMinutes: 15 });
      ctx.clock.now = T0;
      await start('alice');
      ctx.clock.now = at(14 * MIN + 59_000);
      const refused = await stop('alice');
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error).toMatchObject({ code: 'SESSION_TOO_SHORT', details: { minimum: 15, minutes: 14 } });
      expect(refused.json().error.message).toMatch(/at least 15 minutes/);
      ctx.clock.now = at(15 * MIN);
      expect((await stop('alice')).statusCode).toBe(200);
    });

    it('a forgotten timer past the maximum still stops, flagged for review', async () => {
      await setRules(org, { maxSessionHours: 8 });
      ctx.clock.now = T0;
      const started = (await start('alice')).json<WorkEntry>();
      ctx.clock.now = at(8 * HOUR + MIN);
      const res = await stop('alice', 'Forgot to stop');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: started.id, flagged: true, stoppedAt: at(8 * HOUR + MIN).toISOString() });
      expect((await ctx.db.prisma.workEntry.findUniqueOrThrow({ where: { id: started.id } })).flagged).toBe(true);
    });

    it('exactly the maximum is not flagged', async () => {
      await setRules(org, { maxSessionHours: 8 });
      ctx.clock.now = T0;
      await start('alice');
      ctx.clock.now = at(8 * HOUR);
      expect((await stop('alice')).json().flagged).toBe(false);
    });

    it('ENTRY_OVERLAP: a manual entry written meanwhile inside the session blocks the stop unless overlap is allowed', async () => {
      ctx.clock.now = T0;
      const started = (await start('bob')).json<WorkEntry>();
      const manual = newId();
      await ctx.db.prisma.workEntry.create({ data: {
        id: manual, organizationId: org.orgId, userId: org.users.bob.id, customerId: org.customers.globex, categoryId: org.categories.support,
        startedAt: at(30 * MIN), stoppedAt: at(60 * MIN), source: 'MANUAL', createdById: org.users.manager.id,
      } });
      try {
        ctx.clock.now = at(2 * HOUR);
        const refused = await stop('bob', 'done');
        expect(refused.statusCode).toBe(409);
        expect(refused.json().error).toMatchObject({ code: 'ENTRY_OVERLAP', details: { entryId: manual, customer: 'Globex GmbH' } });
        await setRules(org, { allowOverlap: true });
        const ok = await stop('bob', 'done');
        expect(ok.statusCode).toBe(200);
        expect(ok.json().id).toBe(started.id);
      } finally {
        await ctx.db.prisma.workEntry.deleteMany({ where: { id: { in: [manual, started.id] } } });
      }
    });

    it('STOP_BEFORE_START: a server clock that went backwards cannot stop before the start', async () => {
      ctx.clock.now = T0;
      await start('alice');
      ctx.clock.now = at(-MIN);
      const res = await stop('alice');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('STOP_BEFORE_START');
    });
  });

  it('refuses to start inside a finished session that is still going on (no overlap)', async () => {
    const manual = newId();
    await ctx.db.prisma.workEntry.create({ data: {
      id: manual, organizationId: org.orgId, userId: org.users.bob.id, customerId: org.customers.globex, categoryId: org.categories.support,
      startedAt: at(-HOUR), stoppedAt: at(HOUR), source: 'MANUAL', createdById: org.users.manager.id,
    } });
    try {
      ctx.clock.now = T0;
      const refused = await start('bob');
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error).toMatchObject({ code: 'ENTRY_OVERLAP', message: expect.stringContaining('Globex GmbH on 2026-03-02 08:00–10:00') });
      ctx.clock.now = at(HOUR);
      expect((await start('bob')).statusCode).toBe(201);
    } finally {
      await ctx.db.prisma.workEntry.deleteMany({ where: { userId: org.users.bob.id } });
    }
  });

  it('race: 100 parallel starts by one user give exactly one 201 and 99 × 409, one row and one audit event', async () => {
    const o = await createOrg(ctx);
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) =>
      start('alice', { customerId: i % 2 ? o.customers.acme : o.customers.globex, categoryId: o.categories.regular }, o)));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(99);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error.code).toBe('TIMER_ALREADY_RUNNING');
    const rows = await ctx.db.prisma.workEntry.findMany({ where: { userId: o.users.alice.id } });
    expect(rows).toHaveLength(1);
    const winner = results.find((r) => r.statusCode === 201)?.json<WorkEntry>();
    expect(rows[0]?.id).toBe(winner?.id);
    expect(await ctx.db.prisma.auditEvent.count({ where: { organizationId: o.orgId, action: 'START' } })).toBe(1);
  });

  it('the database itself refuses a second running entry (the partial unique index)', async () => {
    ctx.clock.now = T0;
    await start('alice');
    await expect(ctx.db.prisma.workEntry.create({ data: {
      id: newId(), organizationId: org.orgId, userId: org.users.alice.id, customerId: org.customers.globex, categoryId: org.categories.regular,
      startedAt: at(MIN), source: 'TIMER', createdById: org.users.alice.id,
    } })).rejects.toMatchObject({ code: 'P2002' });
  });

  describe('module switch', () => {
    it('with clientTimer off, start answers 403 MODULE_DISABLED; a running timer can still be stopped', async () => {
      ctx.clock.now = T0;
      const started = (await start('alice')).json<WorkEntry>();
      await ctx.db.prisma.organization.update({ where: { id: org.orgId }, data: { clientTimer: false } });
      changed(org);
      const refused = await start('bob');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('MODULE_DISABLED');
      expect((await client('alice').get('/api/timer')).json().running.id).toBe(started.id);
      ctx.clock.now = at(HOUR);
      const stopped = await stop('alice', 'done');
      expect(stopped.statusCode).toBe(200);
      expect(stopped.json().stoppedAt).toBe(at(HOUR).toISOString());
      // The other organisation's switch is its own.
      expect((await start('alice', undefined, other)).statusCode).toBe(201);
    });
  });

  describe('archived and foreign customers and categories', () => {
    it('422 CUSTOMER_ARCHIVED / CATEGORY_ARCHIVED', async () => {
      const customerId = newId();
      const categoryId = newId();
      await ctx.db.prisma.customer.create({ data: { id: customerId, organizationId: org.orgId, name: 'Old Customer', archived: true } });
      await ctx.db.prisma.category.create({ data: { id: categoryId, organizationId: org.orgId, name: 'Old Category', archived: true } });
      const c = await start('alice', { customerId, categoryId: org.categories.regular });
      expect(c.statusCode).toBe(422);
      expect(c.json().error).toMatchObject({ code: 'CUSTOMER_ARCHIVED', message: expect.stringContaining('Old Customer') });
      const k = await start('alice', { customerId: org.customers.acme, categoryId });
      expect(k.statusCode).toBe(422);
      expect(k.json().error.code).toBe('CATEGORY_ARCHIVED');
      expect(await ctx.db.prisma.workEntry.count({ where: { userId: org.users.alice.id, stoppedAt: null } })).toBe(0);
    });

    it("404 for another organisation's customer or category, and for ids that do not exist", async () => {
      for (const body of [
        { customerId: other.customers.acme, categoryId: org.categories.regular },
        { customerId: org.customers.acme, categoryId: other.categories.regular },
        { customerId: newId(), categoryId: org.categories.regular },
      ]) {
        const res = await start('alice', body);
        expect(res.statusCode).toBe(404);
        expect(res.json().error.code).toBe('NOT_FOUND');
      }
      expect(await ctx.db.prisma.workEntry.count({ where: { userId: org.users.alice.id, stoppedAt: null } })).toBe(0);
    });
  });

  describe('discard (DELETE /api/timer)', () => {
    it('throws the running session away, audited as DELETE; nothing to discard → 409', async () => {
      ctx.clock.now = T0;
      const started = (await start('alice')).json<WorkEntry>();
      const res = await client('alice').delete('/api/timer');
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect(await ctx.db.prisma.workEntry.findUnique({ where: { id: started.id } })).toBeNull();
      const audit = await auditFor(started.id);
      expect(audit.map((a) => [a.action, a.actorId])).toEqual([['START', org.users.alice.id], ['DELETE', org.users.alice.id]]);
      expect(audit[1]?.before).toMatchObject({ id: started.id, stoppedAt: null });
      expect(audit[1]?.after).toBeNull();
      const again = await client('alice').delete('/api/timer');
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('TIMER_NOT_RUNNING');
    });
  });

  describe('a manager stops a forgotten timer (stopTimer called by the users module)', () => {
    it('audits the manager as the actor, records stoppedById and the reason, and flags it', async () => {
      ctx.clock.now = T0;
      const started = (await start('alice')).json<WorkEntry>();
      const entry = await stopTimer({
        deps: { sql: ctx.db.sql, unscoped: ctx.db.unscoped, orgs: ctx.app.orgCache },
        orgId: org.orgId,
        userId: org.users.alice.id,
        actorId: org.users.manager.id,
        note: 'Stopped by manager',
        now: at(20 * HOUR),
        reasonNote: 'Alice forgot her timer',
      });
      expect(entry).toMatchObject({ id: started.id, userId: org.users.alice.id, flagged: true, stoppedAt: at(20 * HOUR).toISOString() });
      const row = await ctx.db.prisma.workEntry.findUniqueOrThrow({ where: { id: started.id } });
      expect(row.stoppedById).toBe(org.users.manager.id);
      expect(row.updatedById).toBe(org.users.manager.id);
      const audit = await auditFor(started.id);
      expect(audit.map((a) => [a.action, a.actorId])).toEqual([['START', org.users.alice.id], ['STOP', org.users.manager.id]]);
      expect(audit[1]?.after).toMatchObject({ flagged: true, reason: 'Alice forgot her timer' });
    });

    it("cannot stop another organisation's user: their timer is not found", async () => {
      await start('alice', undefined, other);
      await expect(stopTimer({ deps: { sql: ctx.db.sql, unscoped: ctx.db.unscoped, orgs: ctx.app.orgCache }, orgId: org.orgId, userId: other.users.alice.id, actorId: org.users.manager.id, note: '', now: new Date() }))
        .rejects.toMatchObject({ code: 'TIMER_NOT_RUNNING' });
      expect((await client('alice', other).get('/api/timer')).json().running).not.toBeNull();
    });
  });

  describe('GET /api/customers/:id/at-work', () => {
    it('lists who is working for the customer now, and 404s for another organisation', async () => {
      ctx.clock.now = T0;
      await start('alice');
      ctx.clock.now = at(5 * MIN);
      await start('bob', { customerId: org.customers.acme, categoryId: org.categories.support });
      await start('manager', { customerId: org.customers.globex, categoryId: org.categories.regular });
      await start('alice', undefined, other);

      const res = await client('bob').get(`/api/customers/${org.customers.acme}/at-work`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ items: [
        { userId: org.users.alice.id, name: expect.stringMatching(/^Alice/), since: T0.toISOString(), categoryName: 'Regular Hours' },
        { userId: org.users.bob.id, name: expect.stringMatching(/^Bob/), since: at(5 * MIN).toISOString(), categoryName: 'Support' },
      ] });
      ctx.clock.now = at(HOUR);
      await stop('alice');
      expect((await client('bob').get(`/api/customers/${org.customers.acme}/at-work`)).json().items.map((i: { userId: string }) => i.userId))
        .toEqual([org.users.bob.id]);
      const foreign = await client('alice').get(`/api/customers/${other.customers.acme}/at-work`);
      expect(foreign.statusCode).toBe(404);
    });
  });

  describe('live events', () => {
    it('publishes timer.started / timer.stopped (and discarded) to the organisation, after commit, and nothing for a refused start', async () => {
      const seen: LiveEvent[] = [];
      const foreign: LiveEvent[] = [];
      const off1 = ctx.app.events.subscribe(org.orgId, (e) => seen.push(e));
      const off2 = ctx.app.events.subscribe(other.orgId, (e) => foreign.push(e));
      try {
        ctx.clock.now = T0;
        const a = (await start('alice')).json<WorkEntry>();
        // When the event arrives the entry is already visible to a refetch.
        expect(seen).toEqual([{ type: 'timer.started', userId: org.users.alice.id, entryId: a.id, customerId: org.customers.acme }]);
        expect((await start('alice')).statusCode).toBe(409);
        ctx.clock.now = at(MIN);
        await stop('alice', 'x');
        const b = (await start('bob', { customerId: org.customers.globex, categoryId: org.categories.regular })).json<WorkEntry>();
        await client('bob').delete('/api/timer');
        expect(seen.map((e) => e.type)).toEqual(['timer.started', 'timer.stopped', 'timer.started', 'timer.stopped']);
        expect(seen[1]).toEqual({ type: 'timer.stopped', userId: org.users.alice.id, entryId: a.id, customerId: org.customers.acme });
        expect(seen[3]).toEqual({ type: 'timer.stopped', userId: org.users.bob.id, entryId: b.id, customerId: org.customers.globex, discarded: true });
        expect(foreign).toEqual([]);
      } finally {
        off1();
        off2();
      }
    });
  });
});
