import type { ApiToken, ApiTokenCreated } from '@workdiary/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashApiToken } from '../auth/api-token-auth.ts';
import { SESSION_COOKIE } from '../auth/session.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';

describe(`personal API tokens (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
  });
  const call = (who: keyof OrgFixture['users']) => as(ctx.app, org.users[who].token);
  const create = async (who: keyof OrgFixture['users'], body: object): Promise<ApiTokenCreated> => {
    const res = await call(who).post('/api/me/tokens', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<ApiTokenCreated>();
  };

  it('creates a token shown once (stored only as its hash) that acts as its owner with the owner\'s role; revoking it answers 401', async () => {
    const created = await create('alice', { name: '  CI script ' });
    expect(created).toMatchObject({ name: 'CI script', expiresAt: null });
    expect(created.token).toMatch(/^wdp_[A-Za-z0-9_-]{43}$/);
    const row = await ctx.db.prisma.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(hashApiToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);

    const me = await as(ctx.app, created.token).get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.json<{ email: string; role: string }>()).toMatchObject({ email: org.users.alice.email, role: 'MEMBER' });
    // The owner's role: a member's token cannot do what members cannot.
    expect((await as(ctx.app, created.token).get('/api/users')).statusCode).toBe(403);
    expect((await as(ctx.app, created.token).get(`/api/diary/${org.users.bob.id}?month=2026-11`)).statusCode).toBe(403);

    const list = await call('alice').get('/api/me/tokens');
    expect(list.statusCode).toBe(200);
    const items = list.json<{ items: ApiToken[] }>().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: created.id, name: 'CI script', expiresAt: null });
    expect(items[0]?.lastUsedAt).not.toBeNull();
    expect(list.body).not.toContain(created.token);
    expect(list.body).not.toContain('tokenHash');

    const audit = await ctx.db.prisma.auditEvent.findMany({ where: { entityType: 'ApiToken', entityId: created.id }, orderBy: { at: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['CREATE']);

    expect((await call('alice').delete(`/api/me/tokens/${created.id}`)).statusCode).toBe(204);
    const after = await as(ctx.app, created.token).get('/api/me');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.code).toBe('UNAUTHENTICATED');
    expect((await call('alice').delete(`/api/me/tokens/${created.id}`)).statusCode).toBe(404);
    const audited = await ctx.db.prisma.auditEvent.findMany({ where: { entityType: 'ApiToken', entityId: created.id } });
    expect(audited.map((a) => a.action).sort()).toEqual(['CREATE', 'DELETE']);
  });

  it('a manager\'s token has the manager\'s rights', async () => {
    const { token } = await create('manager', { name: 'reports' });
    expect((await as(ctx.app, token).get(`/api/diary/${org.users.bob.id}?month=2026-11`)).statusCode).toBe(200);
  });

  it('updates lastUsedAt at most once a minute, not on every request', async () => {
    const { id, token } = await create('bob', { name: 'poller' });
    const lastUsed = async () => (await ctx.db.prisma.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt?.toISOString() ?? null;
    try {
      ctx.clock.now = new Date('2026-12-01T10:00:00.000Z');
      expect(await lastUsed()).toBeNull();
      expect((await as(ctx.app, token).get('/api/me')).statusCode).toBe(200);
      expect(await lastUsed()).toBe('2026-12-01T10:00:00.000Z');
      ctx.clock.now = new Date('2026-12-01T10:00:59.000Z');
      expect((await as(ctx.app, token).get('/api/me')).statusCode).toBe(200);
      expect(await lastUsed()).toBe('2026-12-01T10:00:00.000Z');
      ctx.clock.now = new Date('2026-12-01T10:01:00.000Z');
      expect((await as(ctx.app, token).get('/api/me')).statusCode).toBe(200);
      expect(await lastUsed()).toBe('2026-12-01T10:01:00.000Z');
    } finally {
      ctx.clock.now = null;
    }
  });

  it('ends at its expiry; an expiry in the past is refused', async () => {
    try {
      ctx.clock.now = new Date('2026-12-01T10:00:00.000Z');
      const past = await call('alice').post('/api/me/tokens', { name: 'old', expiresAt: '2026-12-01T09:00:00.000Z' });
      expect(past.statusCode).toBe(400);
      expect(past.json().error.code).toBe('VALIDATION_ERROR');
      const { token, expiresAt } = await create('alice', { name: 'short', expiresAt: '2026-12-01T11:00:00.000Z' });
      expect(expiresAt).toBe('2026-12-01T11:00:00.000Z');
      expect((await as(ctx.app, token).get('/api/me')).statusCode).toBe(200);
      ctx.clock.now = new Date('2026-12-01T11:00:00.000Z');
      const expired = await as(ctx.app, token).get('/api/me');
      expect(expired.statusCode).toBe(401);
      expect(expired.json().error.code).toBe('UNAUTHENTICATED');
    } finally {
      ctx.clock.now = null;
    }
  });

  it('is never accepted in a query string or a cookie', async () => {
    const { token } = await create('alice', { name: 'query' });
    for (const name of ['token', 'access_token', 'api_token', 'apiKey']) {
      expect((await ctx.app.inject({ method: 'GET', url: `/api/me?${name}=${token}` })).statusCode).toBe(401);
    }
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', cookies: { [SESSION_COOKIE]: token } })).statusCode).toBe(401);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Token ${token}` } })).statusCode).toBe(401);
    expect((await as(ctx.app, `${token}x`).get('/api/me')).statusCode).toBe(401);
  });

  it('a bearer request is not subject to the CSRF rules (no cookie); a cookie request from another site still is', async () => {
    const { token } = await create('alice', { name: 'csrf' });
    const crossSite = { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' };
    const bearer = await ctx.app.inject({ method: 'PATCH', url: '/api/me', headers: { ...crossSite, authorization: `Bearer ${token}` }, payload: JSON.stringify({ name: 'Alice by script' }) });
    // Past the CSRF hook: the answer is the route's own (415 for a text body), not CSRF_REJECTED.
    expect(bearer.json().error?.code).not.toBe('CSRF_REJECTED');
    const json = await ctx.app.inject({ method: 'PATCH', url: '/api/me', headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', authorization: `Bearer ${token}` }, payload: { name: 'Alice by script' } });
    expect(json.statusCode).toBe(200);
    expect(json.json<{ name: string }>().name).toBe('Alice by script');
    const cookie = await ctx.app.inject({ method: 'PATCH', url: '/api/me', headers: { origin: 'https://evil.example' }, cookies: { [SESSION_COOKIE]: org.users.alice.token }, payload: { name: 'Mallory' } });
    expect(cookie.statusCode).toBe(403);
    expect(cookie.json().error.code).toBe('CSRF_REJECTED');
  });

  it('a token cannot mint further tokens or a calendar feed URL', async () => {
    const { token } = await create('alice', { name: 'no minting' });
    const minted = await as(ctx.app, token).post('/api/me/tokens', { name: 'child' });
    expect(minted.statusCode).toBe(403);
    expect(minted.json().error.code).toBe('FORBIDDEN');
    expect((await as(ctx.app, token).post('/api/me/calendar-feed')).statusCode).toBe(403);
    // Listing and revoking with a token are fine.
    expect((await as(ctx.app, token).get('/api/me/tokens')).statusCode).toBe(200);
  });

  it('ends when its owner is deactivated, and stays ended on reactivation', async () => {
    const fresh = await createOrg(ctx);
    const own = async (body: object) => (await as(ctx.app, fresh.users.bob.token).post('/api/me/tokens', body)).json<ApiTokenCreated>();
    const { token } = await own({ name: 'bob script' });
    expect((await as(ctx.app, token).get('/api/me')).statusCode).toBe(200);
    expect((await as(ctx.app, fresh.users.admin.token).patch(`/api/users/${fresh.users.bob.id}`, { active: false })).statusCode).toBe(200);
    expect((await as(ctx.app, token).get('/api/me')).statusCode).toBe(401);
    expect((await as(ctx.app, fresh.users.admin.token).patch(`/api/users/${fresh.users.bob.id}`, { active: true })).statusCode).toBe(200);
    expect((await as(ctx.app, token).get('/api/me')).statusCode).toBe(401);
  });

  it('admins list and revoke any user\'s tokens; members and managers cannot; other organisations\' are not found', async () => {
    const { id, token } = await create('bob', { name: 'bob laptop' });
    expect((await call('alice').get(`/api/users/${org.users.bob.id}/tokens`)).statusCode).toBe(403);
    expect((await call('manager').get(`/api/users/${org.users.bob.id}/tokens`)).statusCode).toBe(403);
    expect((await call('alice').delete(`/api/users/${org.users.bob.id}/tokens/${id}`)).statusCode).toBe(403);
    // A member cannot revoke someone else's token through their own list either.
    expect((await call('alice').delete(`/api/me/tokens/${id}`)).statusCode).toBe(404);
    expect((await as(ctx.app, token).get('/api/me')).statusCode).toBe(200);

    const listed = await call('admin').get(`/api/users/${org.users.bob.id}/tokens`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ items: ApiToken[] }>().items.map((t) => t.id)).toContain(id);
    expect(listed.body).not.toContain(token);

    const other = await createOrg(ctx);
    expect((await as(ctx.app, other.users.admin.token).get(`/api/users/${org.users.bob.id}/tokens`)).statusCode).toBe(404);
    expect((await as(ctx.app, other.users.admin.token).delete(`/api/users/${org.users.bob.id}/tokens/${id}`)).statusCode).toBe(404);
    expect((await call('admin').delete(`/api/users/${org.users.alice.id}/tokens/${id}`)).statusCode).toBe(404);

    expect((await call('admin').delete(`/api/users/${org.users.bob.id}/tokens/${id}`)).statusCode).toBe(204);
    expect((await as(ctx.app, token).get('/api/me')).statusCode).toBe(401);
    const audit = await ctx.db.prisma.auditEvent.findFirstOrThrow({ where: { entityType: 'ApiToken', entityId: id, action: 'DELETE' } });
    expect(audit.actorId).toBe(org.users.admin.id);
  });

  it('requests arriving together with tokens and sessions are each answered by their own caller', async () => {
    const a = await create('alice', { name: 'batch a' });
    const m = await create('manager', { name: 'batch m' });
    const revoked = await create('bob', { name: 'batch gone' });
    expect((await call('bob').delete(`/api/me/tokens/${revoked.id}`)).statusCode).toBe(204);
    const tokens = [a.token, org.users.bob.token, revoked.token, m.token, a.token];
    const answers = await Promise.all(tokens.map((t) => as(ctx.app, t).get('/api/me')));
    expect(answers.map((r) => r.statusCode)).toEqual([200, 200, 401, 200, 200]);
    expect([0, 1, 3, 4].map((i) => answers[i]?.json<{ email: string }>().email))
      .toEqual([org.users.alice.email, org.users.bob.email, org.users.manager.email, org.users.alice.email]);
  });
});
