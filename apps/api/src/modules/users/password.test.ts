import { beforeAll, describe, expect, it } from 'vitest';
import { as, createOrg, engineName, login, setupTestApp, TEST_PASSWORD, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { hashSetPasswordToken } from './set-password-token.ts';

describe(`own password and set-password links (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
  });

  it('refuses a wrong current password with 422 WRONG_PASSWORD and changes nothing', async () => {
    const res = await as(ctx.app, org.users.alice.token).post('/api/me/password', { currentPassword: 'not-it', newPassword: 'brand-new-password' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('WRONG_PASSWORD');
    expect((await as(ctx.app, org.users.alice.token).get('/api/me')).statusCode).toBe(200);
    await expect(login(ctx.app, org.users.alice.email, 'brand-new-password')).rejects.toThrow(/401/);
  });

  it('rejects a too short new password', async () => {
    const res = await as(ctx.app, org.users.alice.token).post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(res.statusCode).toBe(400);
  });

  it('changing the password ends every other session and answers a fresh token and cookie for this one', async () => {
    const otherDevice = await login(ctx.app, org.users.alice.email);
    const res = await as(ctx.app, org.users.alice.token).post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'brand-new-password' });
    expect(res.statusCode).toBe(200);
    const { token, user } = res.json();
    expect(user.id).toBe(org.users.alice.id);
    expect(String(res.headers['set-cookie'])).toContain(`wd_session=${token}`);
    expect((await as(ctx.app, org.users.alice.token).get('/api/me')).statusCode).toBe(401);
    expect((await as(ctx.app, otherDevice).get('/api/me')).statusCode).toBe(401);
    expect((await as(ctx.app, token).get('/api/me')).statusCode).toBe(200);
    await expect(login(ctx.app, org.users.alice.email)).rejects.toThrow(/401/);
    expect(typeof (await login(ctx.app, org.users.alice.email, 'brand-new-password'))).toBe('string');
  });

  it('lets anyone change their own name', async () => {
    const res = await as(ctx.app, org.users.bob.token).patch('/api/me', { name: '  Bobby  ' });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe('Bobby');
    expect((await as(ctx.app, org.users.bob.token).patch('/api/me', { name: '' })).statusCode).toBe(400);
  });

  it('PATCH /api/me sets and clears the own language override without touching the name', async () => {
    const bob = as(ctx.app, org.users.bob.token);
    const before = (await bob.get('/api/me')).json();
    expect(before.locale).toBeNull();
    const set = await bob.patch('/api/me', { locale: 'de-DE' });
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ locale: 'de-DE', name: before.name, organization: { locale: 'en-GB' } });
    expect((await bob.patch('/api/me', { locale: 'fr-FR' })).statusCode).toBe(400);
    expect((await bob.get('/api/me')).json().locale).toBe('de-DE');
    expect((await bob.patch('/api/me', { locale: null })).json().locale).toBeNull();
  });

  it('an invited user sets a password with the one-time link, once; only its digest is stored', async () => {
    const res = await as(ctx.app, org.users.admin.token).post('/api/users', {
      name: 'Ivy Invite', email: 'ivy@test.example', role: 'MEMBER', pay: { type: 'MONTHLY', monthlyBase: 300000, overtimeFactor: 1.25 }, sendInvite: true,
    });
    expect(res.statusCode).toBe(201);
    const { user, setPasswordUrl, expiresAt } = res.json();
    expect(user.email).toBe('ivy@test.example');
    expect(setPasswordUrl).toMatch(/^http:\/\/[^/]+\/set-password\?token=/);
    expect(new Date(expiresAt).getTime()).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const token = new URL(setPasswordUrl).searchParams.get('token') ?? '';
    const row = await ctx.db.prisma.user.findUnique({ where: { id: user.id } });
    expect(row?.passwordHash).toBeNull();
    expect(row?.setPasswordToken).toBe(hashSetPasswordToken(token));
    expect(row?.setPasswordToken).not.toContain(token);
    // No password yet: nothing to sign in with.
    const cannot = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'ivy@test.example', password: 'anything-at-all' } });
    expect(cannot.statusCode).toBe(401);

    const set = await ctx.app.inject({ method: 'POST', url: '/api/auth/set-password', payload: { token, password: 'ivy-password-1' } });
    expect(set.statusCode).toBe(200);
    expect(set.json().user.id).toBe(user.id);
    expect(String(set.headers['set-cookie'])).toContain('wd_session=');
    expect((await as(ctx.app, set.json().token).get('/api/me')).statusCode).toBe(200);
    expect(typeof (await login(ctx.app, 'ivy@test.example', 'ivy-password-1'))).toBe('string');

    const again = await ctx.app.inject({ method: 'POST', url: '/api/auth/set-password', payload: { token, password: 'ivy-password-2' } });
    expect(again.statusCode).toBe(404);
    expect((await ctx.db.prisma.user.findUnique({ where: { id: user.id } }))?.setPasswordToken).toBeNull();
  });

  it('an expired or unknown link is refused; an admin can issue a fresh one', async () => {
    const created = await as(ctx.app, org.users.admin.token).post('/api/users', {
      name: 'Late Larry', email: 'larry@test.example', pay: { type: 'HOURLY', hourlyRate: 1500, overtimeFactor: 1 }, sendInvite: true,
    });
    const token = new URL(created.json().setPasswordUrl).searchParams.get('token') ?? '';
    ctx.clock.now = new Date(Date.now() + 8 * 86_400_000);
    const expired = await ctx.app.inject({ method: 'POST', url: '/api/auth/set-password', payload: { token, password: 'larry-password-1' } });
    ctx.clock.now = null;
    expect(expired.statusCode).toBe(404);
    expect(expired.json().error.message).toMatch(/expired/);
    const unknown = await ctx.app.inject({ method: 'POST', url: '/api/auth/set-password', payload: { token: 'x'.repeat(43), password: 'larry-password-1' } });
    expect(unknown.statusCode).toBe(404);

    const fresh = await as(ctx.app, org.users.admin.token).post(`/api/users/${created.json().user.id}/set-password-link`);
    expect(fresh.statusCode).toBe(200);
    const freshToken = new URL(fresh.json().setPasswordUrl).searchParams.get('token') ?? '';
    expect(freshToken).not.toBe(token);
    const ok = await ctx.app.inject({ method: 'POST', url: '/api/auth/set-password', payload: { token: freshToken, password: 'larry-password-1' } });
    expect(ok.statusCode).toBe(200);
    expect((await as(ctx.app, org.users.manager.token).post(`/api/users/${created.json().user.id}/set-password-link`)).statusCode).toBe(403);
  });

  it('a deactivated user cannot redeem a link', async () => {
    const created = await as(ctx.app, org.users.admin.token).post('/api/users', {
      name: 'Gone Gina', email: 'gina@test.example', pay: { type: 'HOURLY', hourlyRate: 1500, overtimeFactor: 1 }, sendInvite: true,
    });
    const token = new URL(created.json().setPasswordUrl).searchParams.get('token') ?? '';
    expect((await as(ctx.app, org.users.admin.token).patch(`/api/users/${created.json().user.id}`, { active: false })).statusCode).toBe(200);
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/set-password', payload: { token, password: 'gina-password-1' } });
    expect(res.statusCode).toBe(404);
    const link = await as(ctx.app, org.users.admin.token).post(`/api/users/${created.json().user.id}/set-password-link`);
    expect(link.statusCode).toBe(422);
    expect(link.json().error.code).toBe('USER_INACTIVE');
  });
});
