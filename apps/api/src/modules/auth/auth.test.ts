import { beforeAll, describe, expect, it } from 'vitest';
import { as, createOrg, engineName, login, setupTestApp, TEST_PASSWORD, type OrgFixture, type TestContext } from '../../test/helper.ts';

describe(`auth (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
  });

  it('logs in with email in any case, sets an httpOnly cookie and returns user and token', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: org.users.alice.email.toUpperCase(), password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user.email).toBe(org.users.alice.email);
    expect(body.user.role).toBe('MEMBER');
    expect(body.user.organization.timeZone).toBe('Europe/Berlin');
    expect(typeof body.token).toBe('string');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain('wd_session=');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
  });

  it('accepts the session cookie as well as a Bearer header', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/me', cookies: { wd_session: org.users.bob.token } });
    expect(res.statusCode).toBe(200);
    expect(res.json().id).toBe(org.users.bob.id);
    const viaBearer = await as(ctx.app, org.users.bob.token).get('/api/me');
    expect(viaBearer.json().email).toBe(org.users.bob.email);
  });

  it('refuses a wrong password and an unknown email with the same 401', async () => {
    const wrong = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: org.users.alice.email, password: 'nope-nope' } });
    const unknown = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'ghost@test.example', password: 'nope-nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: 'Email or password is wrong.' } });
    expect(unknown.json().error.code).toBe('INVALID_CREDENTIALS');
  });

  it('answers 401 without a token, with a forged token, and for a deactivated user', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    const forged = await as(ctx.app, `${org.users.alice.token.slice(0, -4)}abcd`).get('/api/me');
    expect(forged.statusCode).toBe(401);
    expect(forged.json().error.code).toBe('UNAUTHENTICATED');
    const other = await createOrg(ctx);
    await ctx.db.prisma.user.update({ where: { id: other.users.bob.id }, data: { active: false } });
    expect((await as(ctx.app, other.users.bob.token).get('/api/me')).statusCode).toBe(401);
    await expect(login(ctx.app, other.users.bob.email)).rejects.toThrow(/401/);
  });

  it('rejects a malformed body with the shared error shape', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: '' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_ERROR');
  });

  it('logout clears the cookie', async () => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout' });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/wd_session=;/);
  });

  it('serves health, OpenAPI and security headers', async () => {
    const health = await ctx.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', database: 'up', engine: engineName });
    expect(health.headers['content-security-policy']).toContain("default-src 'self'");
    expect(health.headers['x-server-time']).toMatch(/^\d+$/);
    const spec = await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(spec.statusCode).toBe(200);
    expect(Object.keys(spec.json().paths)).toContain('/api/auth/login');
    const docs = await ctx.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  it('authenticates a route also when its path is percent-encoded (no way around the auth hook)', async () => {
    // find-my-way decodes `%61` to `a`, so `/%61pi/users` reaches GET /api/users: it must still need a session and the role.
    for (const url of ['/%61pi/users', '/%61pi/customers', '/%61pi/me', '/%61pi/work-entries']) {
      const res = await ctx.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(401);
      expect(res.json().error.code, url).toBe('UNAUTHENTICATED');
    }
    const member = await ctx.app.inject({ method: 'GET', url: '/%61pi/users', headers: { authorization: `Bearer ${org.users.alice.token}` } });
    expect(member.statusCode).toBe(403);
    expect(member.json().error.code).toBe('FORBIDDEN');
    const admin = await ctx.app.inject({ method: 'GET', url: '/%61pi/users', headers: { authorization: `Bearer ${org.users.admin.token}` } });
    expect(admin.statusCode).toBe(200);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
