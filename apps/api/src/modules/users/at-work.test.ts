import { beforeAll, describe, expect, it } from 'vitest';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';

describe(`who is at work now (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  let other: OrgFixture;
  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
    other = await createOrg(ctx);
  });

  it('lists running timers of the organisation only, oldest first, for managers and admins', async () => {
    ctx.clock.now = new Date('2026-04-01T07:00:00Z');
    expect((await as(ctx.app, org.users.bob.token).post('/api/timer/start', { customerId: org.customers.globex, categoryId: org.categories.support })).statusCode).toBe(201);
    ctx.clock.now = new Date('2026-04-01T08:00:00Z');
    const alice = await as(ctx.app, org.users.alice.token).post('/api/timer/start', { customerId: org.customers.acme, categoryId: org.categories.regular });
    expect(alice.statusCode).toBe(201);
    expect((await as(ctx.app, other.users.alice.token).post('/api/timer/start', { customerId: other.customers.acme, categoryId: other.categories.regular })).statusCode).toBe(201);

    const res = await as(ctx.app, org.users.manager.token).get('/api/at-work');
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { userId: string }) => i.userId)).toEqual([org.users.bob.id, org.users.alice.id]);
    expect(items[1]).toEqual({
      entryId: alice.json().id,
      userId: org.users.alice.id,
      userName: alice.json().user.name,
      customerId: org.customers.acme,
      customerName: 'Acme Ltd',
      categoryName: 'Regular Hours',
      startedAt: '2026-04-01T08:00:00.000Z',
    });
    expect((await as(ctx.app, org.users.admin.token).get('/api/at-work')).json().items).toHaveLength(2);
    const member = await as(ctx.app, org.users.alice.token).get('/api/at-work');
    expect(member.statusCode).toBe(403);
  });

  it('a manager stops a user\'s timer with a note: stoppedBy and the audit name the manager, timer.stopped is published', async () => {
    ctx.clock.now = new Date('2026-04-01T17:30:00Z');
    const events: Array<{ type: string; userId?: string }> = [];
    const unsubscribe = ctx.app.events.subscribe(org.orgId, (e) => events.push(e));
    const res = await as(ctx.app, org.users.manager.token).post(`/api/at-work/${org.users.alice.id}/stop`, { note: 'Forgot to stop; stopped by manager' });
    unsubscribe();
    expect(res.statusCode).toBe(200);
    const entry = res.json();
    expect(entry).toMatchObject({
      userId: org.users.alice.id,
      stoppedAt: '2026-04-01T17:30:00.000Z',
      note: 'Forgot to stop; stopped by manager',
      stoppedBy: { id: org.users.manager.id },
    });
    const row = await ctx.db.prisma.workEntry.findUnique({ where: { id: entry.id } });
    expect(row?.stoppedById).toBe(org.users.manager.id);
    const audit = await ctx.db.prisma.auditEvent.findFirst({ where: { entityId: entry.id, action: 'STOP' } });
    expect(audit?.actorId).toBe(org.users.manager.id);
    expect(events).toContainEqual(expect.objectContaining({ type: 'timer.stopped', userId: org.users.alice.id }));
    expect((await as(ctx.app, org.users.alice.token).get('/api/timer')).json().running).toBeNull();
    const left = (await as(ctx.app, org.users.manager.token).get('/api/at-work')).json().items;
    expect(left.map((i: { userId: string }) => i.userId)).toEqual([org.users.bob.id]);
  });

  it('answers 409 when nothing runs, 403 to members, 404 for another organisation\'s user, 422 when the rules refuse', async () => {
    const none = await as(ctx.app, org.users.admin.token).post(`/api/at-work/${org.users.alice.id}/stop`, { note: 'x' });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.code).toBe('TIMER_NOT_RUNNING');
    expect((await as(ctx.app, org.users.alice.token).post(`/api/at-work/${org.users.bob.id}/stop`, { note: 'x' })).statusCode).toBe(403);
    const foreign = await as(ctx.app, org.users.admin.token).post(`/api/at-work/${other.users.alice.id}/stop`, { note: 'x' });
    expect(foreign.statusCode).toBe(404);
    expect((await as(ctx.app, other.users.alice.token).get('/api/timer')).json().running).not.toBeNull();

    await ctx.db.prisma.workRules.updateMany({ where: { organizationId: org.orgId, userId: null }, data: { noteRequired: true } });
    // Straight to the database publishes no change event: tell the timer's organisation cache.
    ctx.app.events.publish(org.orgId, { type: 'settings.changed', what: 'rules' });
    const noNote = await as(ctx.app, org.users.manager.token).post(`/api/at-work/${org.users.bob.id}/stop`, { note: '  ' });
    expect(noNote.statusCode).toBe(422);
    expect(noNote.json().error.code).toBe('NOTE_REQUIRED');
    const ok = await as(ctx.app, org.users.manager.token).post(`/api/at-work/${org.users.bob.id}/stop`, { note: 'Left at five' });
    expect(ok.statusCode).toBe(200);
    ctx.clock.now = null;
  });
});
