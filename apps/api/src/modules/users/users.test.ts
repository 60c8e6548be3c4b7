import { beforeAll, describe, expect, it } from 'vitest';
import { as, createOrg, engineName, login, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';

const hourly = { type: 'HOURLY', hourlyRate: 2400, overtimeFactor: 1.5 } as const;

describe(`users administration (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  let other: OrgFixture;
  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
    other = await createOrg(ctx);
  });

  const admin = () => as(ctx.app, org.users.admin.token);

  it('lists the organisation\'s users by name with who is at work; managers may list, members may not', async () => {
    const start = await as(ctx.app, org.users.alice.token).post('/api/timer/start', { customerId: org.customers.acme, categoryId: org.categories.regular });
    expect(start.statusCode).toBe(201);
    try {
      const res = await admin().get('/api/users');
      expect(res.statusCode).toBe(200);
      const items = res.json().items as Array<{ id: string; name: string; atWork: { customerName: string; since: string } | null; pay: { hourlyRate: number } }>;
      expect(items.map((u) => u.id).sort()).toEqual(Object.values(org.users).map((u) => u.id).sort());
      expect(items.map((u) => u.name)).toEqual([...items.map((u) => u.name)].sort());
      const alice = items.find((u) => u.id === org.users.alice.id);
      expect(alice?.atWork?.customerName).toBe('Acme Ltd');
      expect(alice?.atWork?.since).toBe(start.json().startedAt);
      expect(items.find((u) => u.id === org.users.bob.id)?.atWork).toBeNull();
      expect(alice?.pay.hourlyRate).toBe(2000);

      const search = await admin().get('/api/users?q=ALICE');
      expect(search.json().items.map((u: { id: string }) => u.id)).toEqual([org.users.alice.id]);
      expect((await as(ctx.app, org.users.manager.token).get('/api/users')).statusCode).toBe(200);
      const member = await as(ctx.app, org.users.bob.token).get('/api/users');
      expect(member.statusCode).toBe(403);
      expect(member.json().error.code).toBe('FORBIDDEN');
    } finally {
      await as(ctx.app, org.users.alice.token).post('/api/timer/stop', { note: 'done' });
    }
  });

  it('creates a user with a password: email lower-cased, own copy of the default rules, can sign in', async () => {
    // Change the defaults first, so the copy is visibly a copy of them (not of the product defaults).
    await ctx.db.prisma.workRules.updateMany({ where: { organizationId: org.orgId, userId: null }, data: { minSessionMinutes: 5, requiredMinutes: [420, 420, 420, 420, 300, 0, 0] } });
    const res = await admin().post('/api/users', { name: '  Carol New ', email: 'Carol.New@Test.Example', role: 'MEMBER', pay: hourly, password: 'carol-password-1' });
    expect(res.statusCode).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({ name: 'Carol New', email: 'carol.new@test.example', role: 'MEMBER', active: true, pay: { type: 'HOURLY', hourlyRate: 2400, monthlyBase: null, overtimeFactor: 1.5 } });
    const rules = await ctx.db.prisma.workRules.findUnique({ where: { userId: user.id } });
    expect(rules).toMatchObject({ organizationId: org.orgId, minSessionMinutes: 5, requiredMinutes: [420, 420, 420, 420, 300, 0, 0] });
    const token = await login(ctx.app, 'CAROL.NEW@test.example', 'carol-password-1');
    const me = await as(ctx.app, token).get('/api/me');
    expect(me.json().organization.id).toBe(org.orgId);
  });

  it('refuses a duplicate email in another case, also one used in another organisation (409 EMAIL_TAKEN)', async () => {
    const dup = await admin().post('/api/users', { name: 'Alice Again', email: org.users.alice.email.toUpperCase(), pay: hourly, password: 'long-enough-1' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('EMAIL_TAKEN');
    const elsewhere = await admin().post('/api/users', { name: 'Other Bob', email: other.users.bob.email, pay: hourly, password: 'long-enough-1' });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().error.code).toBe('EMAIL_TAKEN');
    const patch = await admin().patch(`/api/users/${org.users.bob.id}`, { email: org.users.alice.email.toUpperCase() });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().error.code).toBe('EMAIL_TAKEN');
  });

  it('validates pay and the password/invite choice', async () => {
    const noRate = await admin().post('/api/users', { name: 'X', email: 'x1@test.example', pay: { type: 'HOURLY', overtimeFactor: 1.25 }, password: 'long-enough-1' });
    expect(noRate.statusCode).toBe(400);
    expect(noRate.json().error.message).toMatch(/hourly rate/i);
    const noBase = await admin().post('/api/users', { name: 'X', email: 'x2@test.example', pay: { type: 'MONTHLY', hourlyRate: 10, overtimeFactor: 1.25 }, password: 'long-enough-1' });
    expect(noBase.statusCode).toBe(400);
    const lowFactor = await admin().post('/api/users', { name: 'X', email: 'x3@test.example', pay: { ...hourly, overtimeFactor: 0.9 }, password: 'long-enough-1' });
    expect(lowFactor.statusCode).toBe(400);
    const fraction = await admin().post('/api/users', { name: 'X', email: 'x4@test.example', pay: { ...hourly, hourlyRate: 12.5 }, password: 'long-enough-1' });
    expect(fraction.statusCode).toBe(400);
    const neither = await admin().post('/api/users', { name: 'X', email: 'x5@test.example', pay: hourly });
    expect(neither.statusCode).toBe(400);
    const both = await admin().post('/api/users', { name: 'X', email: 'x6@test.example', pay: hourly, password: 'long-enough-1', sendInvite: true });
    expect(both.statusCode).toBe(400);
    expect(await ctx.db.prisma.user.count({ where: { email: { startsWith: 'x' } } })).toBe(0);
  });

  it('only admins create and edit users', async () => {
    const body = { name: 'Y', email: 'y@test.example', pay: hourly, password: 'long-enough-1' };
    expect((await as(ctx.app, org.users.manager.token).post('/api/users', body)).statusCode).toBe(403);
    expect((await as(ctx.app, org.users.alice.token).post('/api/users', body)).statusCode).toBe(403);
    expect((await as(ctx.app, org.users.manager.token).patch(`/api/users/${org.users.bob.id}`, { role: 'ADMIN' })).statusCode).toBe(403);
    expect((await as(ctx.app, org.users.bob.token).patch(`/api/users/${org.users.bob.id}`, { role: 'ADMIN' })).statusCode).toBe(403);
    expect((await ctx.db.prisma.user.findUnique({ where: { id: org.users.bob.id } }))?.role).toBe('MEMBER');
  });

  it('edits name, role and pay; pay is merged and switching type keeps only the matching amount', async () => {
    const res = await admin().patch(`/api/users/${org.users.bob.id}`, { name: 'Robert', role: 'MANAGER', pay: { hourlyRate: 3100 } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Robert', role: 'MANAGER', pay: { type: 'HOURLY', hourlyRate: 3100, overtimeFactor: 1.25 } });
    const missingBase = await admin().patch(`/api/users/${org.users.bob.id}`, { pay: { type: 'MONTHLY' } });
    expect(missingBase.statusCode).toBe(400);
    expect(missingBase.json().error.message).toMatch(/monthly base/i);
    const monthly = await admin().patch(`/api/users/${org.users.bob.id}`, { pay: { type: 'MONTHLY', monthlyBase: 400000, overtimeFactor: 1.3 } });
    expect(monthly.json().pay).toEqual({ type: 'MONTHLY', hourlyRate: null, monthlyBase: 400000, overtimeFactor: 1.3 });
    // The role change is in force at once (the auth hook re-reads the user).
    expect((await as(ctx.app, org.users.bob.token).get('/api/at-work')).statusCode).toBe(200);
    const back = await admin().patch(`/api/users/${org.users.bob.id}`, { name: `Bob ${org.orgId.slice(0, 8)}`, role: 'MEMBER', pay: { type: 'HOURLY', hourlyRate: 2000, overtimeFactor: 1.25 } });
    expect(back.statusCode).toBe(200);
  });

  it('deactivating refuses login, ends sessions, stops the running timer with a note despite the rules, keeps history', async () => {
    const bob = as(ctx.app, org.users.bob.token);
    // A finished entry from earlier: history that must stay.
    ctx.clock.now = new Date('2026-03-02T08:00:00Z');
    expect((await bob.post('/api/timer/start', { customerId: org.customers.globex, categoryId: org.categories.regular })).statusCode).toBe(201);
    ctx.clock.now = new Date('2026-03-02T10:00:00Z');
    expect((await bob.post('/api/timer/stop', { note: 'morning' })).statusCode).toBe(200);
    ctx.clock.now = new Date('2026-03-02T10:30:00Z');
    const running = await bob.post('/api/timer/start', { customerId: org.customers.acme, categoryId: org.categories.support });
    expect(running.statusCode).toBe(201);
    // Rules that would refuse a normal stop two minutes in.
    await ctx.db.prisma.workRules.upsert({
      where: { userId: org.users.bob.id },
      create: { id: `r-${org.users.bob.id}`, organizationId: org.orgId, userId: org.users.bob.id, requiredMinutes: [480, 480, 480, 480, 480, 0, 0], noteRequired: true, minSessionMinutes: 30 },
      update: { noteRequired: true, minSessionMinutes: 30 },
    });
    ctx.clock.now = new Date('2026-03-02T10:32:00Z');
    const events: unknown[] = [];
    const unsubscribe = ctx.app.events.subscribe(org.orgId, (e) => events.push(e));
    const res = await admin().patch(`/api/users/${org.users.bob.id}`, { active: false });
    unsubscribe();
    ctx.clock.now = null;
    expect(res.statusCode).toBe(200);
    expect(res.json().active).toBe(false);

    const entry = await ctx.db.prisma.workEntry.findUnique({ where: { id: running.json().id } });
    expect(entry?.stoppedAt?.toISOString()).toBe('2026-03-02T10:32:00.000Z');
    expect(entry?.stoppedById).toBe(org.users.admin.id);
    expect(entry?.note).toMatch(/deactivated/);
    expect(entry?.flagged).toBe(true);
    const audit = await ctx.db.prisma.auditEvent.findFirst({ where: { entityId: running.json().id, action: 'STOP' } });
    expect(audit?.actorId).toBe(org.users.admin.id);
    expect(events).toContainEqual(expect.objectContaining({ type: 'timer.stopped', entryId: running.json().id }));

    expect((await bob.get('/api/me')).statusCode).toBe(401);
    await expect(login(ctx.app, org.users.bob.email)).rejects.toThrow(/401/);
    expect(await ctx.db.prisma.workEntry.count({ where: { userId: org.users.bob.id } })).toBe(2);
    const listed = (await admin().get('/api/users')).json().items.find((u: { id: string }) => u.id === org.users.bob.id);
    expect(listed).toMatchObject({ active: false, atWork: null });
    const inactiveOnly = (await admin().get('/api/users?active=false')).json().items.map((u: { id: string }) => u.id);
    expect(inactiveOnly).toEqual([org.users.bob.id]);

    // Reactivated: a new login works; the old token stays dead.
    const again = await admin().patch(`/api/users/${org.users.bob.id}`, { active: true });
    expect(again.json().active).toBe(true);
    const token = await login(ctx.app, org.users.bob.email);
    expect((await as(ctx.app, token).get('/api/me')).statusCode).toBe(200);
    expect((await bob.get('/api/me')).statusCode).toBe(401);
    org.users.bob.token = token;
  });

  it('protects the last active admin from demotion and deactivation (422 LAST_ADMIN)', async () => {
    const demote = await admin().patch(`/api/users/${org.users.admin.id}`, { role: 'MANAGER' });
    expect(demote.statusCode).toBe(422);
    expect(demote.json().error.code).toBe('LAST_ADMIN');
    const deactivate = await admin().patch(`/api/users/${org.users.admin.id}`, { active: false });
    expect(deactivate.json().error.code).toBe('LAST_ADMIN');
    // An inactive admin does not count.
    const second = await admin().post('/api/users', { name: 'Second Admin', email: 'second-admin@test.example', role: 'ADMIN', pay: hourly, password: 'long-enough-1' });
    expect(second.statusCode).toBe(201);
    expect((await admin().patch(`/api/users/${second.json().id}`, { active: false })).statusCode).toBe(200);
    expect((await admin().patch(`/api/users/${org.users.admin.id}`, { role: 'MEMBER' })).json().error.code).toBe('LAST_ADMIN');
    // With a second active admin the first may step down; then the second is the last one.
    expect((await admin().patch(`/api/users/${second.json().id}`, { active: true })).statusCode).toBe(200);
    const secondToken = await login(ctx.app, 'second-admin@test.example', 'long-enough-1');
    expect((await as(ctx.app, secondToken).patch(`/api/users/${org.users.admin.id}`, { role: 'MANAGER' })).statusCode).toBe(200);
    expect((await as(ctx.app, secondToken).patch(`/api/users/${second.json().id}`, { role: 'MEMBER' })).json().error.code).toBe('LAST_ADMIN');
    expect((await as(ctx.app, secondToken).patch(`/api/users/${org.users.admin.id}`, { role: 'ADMIN' })).statusCode).toBe(200);
    // Two admins demoting each other at the same moment: one of them must stay admin.
    const [a, b] = await Promise.all([
      admin().patch(`/api/users/${second.json().id}`, { role: 'MEMBER' }),
      as(ctx.app, secondToken).patch(`/api/users/${org.users.admin.id}`, { role: 'MEMBER' }),
    ]);
    const statuses = [a.statusCode, b.statusCode].sort();
    expect(statuses).toContain(200);
    expect(await ctx.db.prisma.user.count({ where: { organizationId: org.orgId, role: 'ADMIN', active: true } })).toBeGreaterThanOrEqual(1);
    // Put things back: the fixture admin is an admin again, the second admin is gone from the admins.
    await ctx.db.prisma.user.update({ where: { id: org.users.admin.id }, data: { role: 'ADMIN' } });
    await ctx.db.prisma.user.update({ where: { id: second.json().id }, data: { role: 'MEMBER', active: false } });
  });

  it('never shows or touches another organisation\'s users (404)', async () => {
    const patch = await admin().patch(`/api/users/${other.users.alice.id}`, { name: 'Hijacked' });
    expect(patch.statusCode).toBe(404);
    expect(patch.json().error.code).toBe('NOT_FOUND');
    expect((await admin().post(`/api/users/${other.users.alice.id}/set-password-link`)).statusCode).toBe(404);
    expect((await admin().post(`/api/at-work/${other.users.alice.id}/stop`, { note: 'x' })).statusCode).toBe(404);
    const ids = (await admin().get('/api/users')).json().items.map((u: { id: string }) => u.id);
    expect(ids).not.toContain(other.users.alice.id);
    expect((await ctx.db.prisma.user.findUnique({ where: { id: other.users.alice.id } }))?.name).not.toBe('Hijacked');
  });
});
