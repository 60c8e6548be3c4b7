import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WorkRules } from '@workdiary/shared';
import type { LiveEvent } from '../../lib/events.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';

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

const alice = () => as(ctx.app, org.users.alice.token);
const startAcme = () => alice().post('/api/timer/start', { customerId: org.customers.acme, categoryId: org.categories.regular });
const switchTo = (body: object) => alice().post('/api/timer/switch', body);
const toGlobex = (note = 'Acme work done') => ({ note, customerId: org.customers.globex, categoryId: org.categories.support });

/** The organisation cache drops its copy on this event, as after a change through the API. */
function changed() {
  ctx.app.events.publish(org.orgId, { type: 'settings.changed', what: 'rules' });
}

async function setRules(rules: Partial<WorkRules>) {
  await ctx.db.prisma.workRules.updateMany({ where: { organizationId: org.orgId, userId: null }, data: rules });
  changed();
}

beforeEach(async () => {
  ctx.clock.now = null;
  await ctx.db.prisma.workEntry.deleteMany({});
  await setRules({ noteRequired: false, minSessionMinutes: 0, maxSessionHours: 12, allowOverlap: false });
  await ctx.db.prisma.organization.update({ where: { id: org.orgId }, data: { clientTimer: true } });
  changed();
});

describe(`POST /api/timer/switch on ${engineName}`, () => {
  it('stops the running session with its note and starts the next one at the same server instant', async () => {
    ctx.clock.now = T0;
    const first = (await startAcme()).json();
    ctx.clock.now = at(42 * MIN);
    const events: LiveEvent[] = [];
    const unsubscribe = ctx.app.events.subscribe(org.orgId, (e) => events.push(e));
    const res = await switchTo(toGlobex('  Acme work done  '));
    unsubscribe();
    expect(res.statusCode).toBe(201);
    const { stopped, running } = res.json();
    expect(stopped).toMatchObject({ id: first.id, note: 'Acme work done', stoppedAt: at(42 * MIN).toISOString(), customerId: org.customers.acme });
    expect(running).toMatchObject({ customerId: org.customers.globex, categoryId: org.categories.support, startedAt: at(42 * MIN).toISOString(), stoppedAt: null });
    expect((await alice().get('/api/timer')).json().running.id).toBe(running.id);
    expect(events.map((e) => e.type)).toEqual(['timer.stopped', 'timer.started']);
    const audit = await ctx.db.prisma.auditEvent.findMany({ where: { entityId: { in: [first.id, running.id] } }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action).sort()).toEqual(['START', 'START', 'STOP']);
  });

  it('answers 409 TIMER_NOT_RUNNING and starts nothing when no timer runs', async () => {
    const res = await switchTo(toGlobex());
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('TIMER_NOT_RUNNING');
    expect(await ctx.db.prisma.workEntry.count()).toBe(0);
  });

  it('refuses with the stop rules (422 NOTE_REQUIRED) and changes nothing', async () => {
    await setRules({ noteRequired: true });
    ctx.clock.now = T0;
    const first = (await startAcme()).json();
    ctx.clock.now = at(10 * MIN);
    const res = await switchTo(toGlobex('   '));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('NOTE_REQUIRED');
    expect((await alice().get('/api/timer')).json().running).toMatchObject({ id: first.id, stoppedAt: null });
    expect(await ctx.db.prisma.workEntry.count()).toBe(1);
  });

  it('refuses with the start rules (archived customer, unknown category, module off) and keeps the running one', async () => {
    ctx.clock.now = T0;
    const first = (await startAcme()).json();
    ctx.clock.now = at(10 * MIN);
    await ctx.db.prisma.customer.update({ where: { id: org.customers.globex }, data: { archived: true } });
    changed();
    try {
      const archived = await switchTo(toGlobex());
      expect(archived.statusCode).toBe(422);
      expect(archived.json().error.code).toBe('CUSTOMER_ARCHIVED');
    } finally {
      await ctx.db.prisma.customer.update({ where: { id: org.customers.globex }, data: { archived: false } });
      changed();
    }
    const unknown = await switchTo({ ...toGlobex(), categoryId: other.categories.regular });
    expect(unknown.statusCode).toBe(404);
    await ctx.db.prisma.organization.update({ where: { id: org.orgId }, data: { clientTimer: false } });
    changed();
    expect((await switchTo(toGlobex())).json().error.code).toBe('MODULE_DISABLED');
    expect((await alice().get('/api/timer')).json().running).toMatchObject({ id: first.id, stoppedAt: null });
    expect(await ctx.db.prisma.workEntry.count()).toBe(1);
  });

  it('when the start is refused inside the statement, the stop is undone too (all or nothing)', async () => {
    ctx.clock.now = T0;
    const first = (await startAcme()).json();
    // A category archived after the cache was read: the statement's own check refuses the start.
    await ctx.db.prisma.category.update({ where: { id: org.categories.support }, data: { archived: true } });
    try {
      ctx.clock.now = at(10 * MIN);
      const res = await switchTo(toGlobex());
      expect(res.statusCode).toBe(422);
      expect((await alice().get('/api/timer')).json().running).toMatchObject({ id: first.id, stoppedAt: null, note: '' });
      expect(await ctx.db.prisma.workEntry.count()).toBe(1);
      expect(await ctx.db.prisma.auditEvent.count({ where: { entityId: first.id, action: 'STOP' } })).toBe(0);
    } finally {
      await ctx.db.prisma.category.update({ where: { id: org.categories.support }, data: { archived: false } });
      changed();
    }
  });

  it('validates the body (400) and needs a session (401)', async () => {
    const bad = await switchTo({ note: 'x', customerId: org.customers.globex });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('VALIDATION_ERROR');
    expect((await ctx.app.inject({ method: 'POST', url: '/api/timer/switch', payload: toGlobex() })).statusCode).toBe(401);
  });
});
