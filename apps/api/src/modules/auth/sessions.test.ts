import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { as, createOrg, engineName, login, setupTestApp, TEST_PASSWORD, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { SESSION_COOKIE } from './session.ts';
import { deviceSummary } from './device.ts';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

describe(`server-side sessions (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
  });

  const signIn = async (email: string, userAgent = FIREFOX) => {
    const res = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'user-agent': userAgent }, payload: { email, password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    return (res.json() as { token: string }).token;
  };

  it('issue #11 defect 1: after logout the same Bearer token and the old cookie answer 401', async () => {
    const token = await signIn(org.users.alice.email);
    expect((await as(ctx.app, token).get('/api/me')).statusCode).toBe(200);
    const out = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${token}` } });
    expect(out.statusCode).toBe(200);
    const bearer = await as(ctx.app, token).get('/api/me');
    expect(bearer.statusCode).toBe(401);
    expect(bearer.json().error.code).toBe('UNAUTHENTICATED');
    const cookie = await ctx.app.inject({ method: 'GET', url: '/api/me', cookies: { [SESSION_COOKIE]: token } });
    expect(cookie.statusCode).toBe(401);
  });

  it('logging out by cookie ends that session only; other devices stay signed in', async () => {
    const phone = await signIn(org.users.bob.email, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1');
    const laptop = await signIn(org.users.bob.email);
    const out = await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', cookies: { [SESSION_COOKIE]: phone }, headers: { 'x-requested-with': 'fetch' } });
    expect(out.statusCode).toBe(200);
    expect((await as(ctx.app, phone).get('/api/me')).statusCode).toBe(401);
    expect((await as(ctx.app, laptop).get('/api/me')).statusCode).toBe(200);
  });

  it('requests arriving together (their sessions read in one statement) are each answered by their own session', async () => {
    const alice = await signIn(org.users.alice.email);
    const manager = await signIn(org.users.manager.email);
    const ended = await signIn(org.users.bob.email);
    expect((await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${ended}` } })).statusCode).toBe(200);
    // Signed with the right key, but naming Bob on Alice's session: the session is not his.
    const { sid } = ctx.app.jwt.decode<{ sid: string }>(alice) ?? { sid: '' };
    const borrowed = ctx.app.jwt.sign({ sub: org.users.bob.id, org: org.orgId, sid });
    const tokens = [alice, ended, manager, borrowed, alice, manager];
    const answers = await Promise.all(tokens.map((t) => as(ctx.app, t).get('/api/me')));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 401, 200, 401, 200, 200]);
    expect([0, 2, 4, 5].map((i) => answers[i]?.json<{ email: string }>().email))
      .toEqual([org.users.alice.email, org.users.manager.email, org.users.alice.email, org.users.manager.email]);
  });

  it('ends the session on every instance at once (a second app on the same database)', async () => {
    const second = await buildApp({ database: ctx.db, env: ctx.app.env, jwtSecret: 'test-secret-test-secret-test-secret' });
    await second.ready();
    try {
      const token = await signIn(org.users.alice.email);
      expect((await as(second, token).get('/api/me')).statusCode).toBe(200);
      await ctx.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: `Bearer ${token}` } });
      expect((await as(second, token).get('/api/me')).statusCode).toBe(401);
    } finally {
      await second.close();
    }
  });

  it('lists the caller\'s active sessions with device, last seen and the current one, and ends one', async () => {
    const other = await createOrg(ctx);
    const first = await signIn(other.users.manager.email);
    const second = await signIn(other.users.manager.email, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36');
    const list = await as(ctx.app, second).get('/api/me/sessions');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as Array<{ id: string; device: string; current: boolean; lastSeenAt: string }>;
    // createOrg signed in once too (no user agent).
    expect(items).toHaveLength(3);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    expect(items.find((s) => s.current)?.device).toBe('Chrome on Windows');
    const firefox = items.find((s) => s.device === 'Firefox on Linux');
    expect(firefox).toBeDefined();

    // Someone else cannot end it (not found), the owner can.
    const foreign = await as(ctx.app, org.users.alice.token).delete(`/api/me/sessions/${firefox?.id}`);
    expect(foreign.statusCode).toBe(404);
    expect((await as(ctx.app, first).get('/api/me')).statusCode).toBe(200);
    const ended = await as(ctx.app, second).delete(`/api/me/sessions/${firefox?.id}`);
    expect(ended.statusCode).toBe(204);
    expect(ended.body).toBe('');
    expect((await as(ctx.app, first).get('/api/me')).statusCode).toBe(401);
    expect((await as(ctx.app, second).get('/api/me/sessions')).json().items).toHaveLength(2);

    // Ending the current one signs this device out.
    const current = items.find((s) => s.current);
    const self = await as(ctx.app, second).delete(`/api/me/sessions/${current?.id}`);
    expect(self.statusCode).toBe(204);
    expect(String(self.headers['set-cookie'])).toMatch(new RegExp(`${SESSION_COOKIE}=;`));
    expect((await as(ctx.app, second).get('/api/me')).statusCode).toBe(401);
  });

  it('issue 25: "sign out all other devices" ends every other session of the caller and keeps this one; other people stay signed in', async () => {
    const here = await signIn(org.users.manager.email);
    const phone = await signIn(org.users.manager.email, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Safari/604.1');
    const tablet = await signIn(org.users.manager.email);
    const someoneElse = await signIn(org.users.alice.email);
    const res = await as(ctx.app, here).delete('/api/me/sessions');
    expect(res.statusCode).toBe(204);
    expect((await as(ctx.app, phone).get('/api/me')).statusCode).toBe(401);
    expect((await as(ctx.app, tablet).get('/api/me')).statusCode).toBe(401);
    expect((await as(ctx.app, here).get('/api/me')).statusCode).toBe(200);
    expect((await as(ctx.app, someoneElse).get('/api/me')).statusCode).toBe(200);
    const left = (await as(ctx.app, here).get('/api/me/sessions')).json().items;
    expect(left).toHaveLength(1);
    expect(left[0].current).toBe(true);
  });

  it('a password change ends every other session and keeps the caller signed in with a fresh token', async () => {
    const other = await createOrg(ctx);
    const elsewhere = await signIn(other.users.alice.email);
    const res = await as(ctx.app, other.users.alice.token).post('/api/me/password', { currentPassword: TEST_PASSWORD, newPassword: 'a brand new secret' });
    expect(res.statusCode).toBe(200);
    const fresh = res.json().token as string;
    expect((await as(ctx.app, elsewhere).get('/api/me')).statusCode).toBe(401);
    expect((await as(ctx.app, other.users.alice.token).get('/api/me')).statusCode).toBe(401);
    expect((await as(ctx.app, fresh).get('/api/me')).statusCode).toBe(200);
    expect((await as(ctx.app, fresh).get('/api/me/sessions')).json().items).toHaveLength(1);
  });

  it('deactivation ends the user\'s sessions at once', async () => {
    const other = await createOrg(ctx);
    const res = await as(ctx.app, other.users.admin.token).patch(`/api/users/${other.users.bob.id}`, { active: false });
    expect(res.statusCode).toBe(200);
    expect((await as(ctx.app, other.users.bob.token).get('/api/me')).statusCode).toBe(401);
    expect(await ctx.db.prisma.session.count({ where: { userId: other.users.bob.id } })).toBe(0);
  });

  it('an admin signs a user out everywhere; managers and members may not; other organisations\' users are not found', async () => {
    const other = await createOrg(ctx);
    const second = await signIn(other.users.alice.email);
    const byMember = await as(ctx.app, other.users.bob.token).post(`/api/users/${other.users.alice.id}/sessions/revoke`);
    expect(byMember.statusCode).toBe(403);
    const byManager = await as(ctx.app, other.users.manager.token).post(`/api/users/${other.users.alice.id}/sessions/revoke`);
    expect(byManager.statusCode).toBe(403);
    const foreign = await as(ctx.app, org.users.admin.token).post(`/api/users/${other.users.alice.id}/sessions/revoke`);
    expect(foreign.statusCode).toBe(404);
    expect((await as(ctx.app, second).get('/api/me')).statusCode).toBe(200);

    const res = await as(ctx.app, other.users.admin.token).post(`/api/users/${other.users.alice.id}/sessions/revoke`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: 2 });
    expect((await as(ctx.app, second).get('/api/me')).statusCode).toBe(401);
    expect((await as(ctx.app, other.users.alice.token).get('/api/me')).statusCode).toBe(401);
    // The password still works.
    expect(await login(ctx.app, other.users.alice.email)).toEqual(expect.any(String));
  });

  it('writes last seen at most once a minute, not on every request', async () => {
    const token = await signIn(org.users.manager.email);
    const sid = (await as(ctx.app, token).get('/api/me/sessions')).json().items.find((s: { current: boolean }) => s.current).id as string;
    const seen = async () => (await ctx.db.prisma.session.findUniqueOrThrow({ where: { id: sid } })).lastSeenAt.getTime();
    const start = await seen();
    try {
      ctx.clock.now = new Date(start + 30_000);
      await as(ctx.app, token).get('/api/me');
      expect(await seen()).toBe(start);
      ctx.clock.now = new Date(start + 61_000);
      await as(ctx.app, token).get('/api/me');
      expect(await seen()).toBe(start + 61_000);
    } finally {
      ctx.clock.now = null;
    }
  });

  it('refuses a validly signed token whose session row does not exist (or that names no session)', async () => {
    const noSid = ctx.app.jwt.sign({ sub: org.users.alice.id, org: org.orgId } as never);
    expect((await as(ctx.app, noSid).get('/api/me')).statusCode).toBe(401);
    const unknown = ctx.app.jwt.sign({ sub: org.users.alice.id, org: org.orgId, sid: 'no-such-session' });
    expect((await as(ctx.app, unknown).get('/api/me')).statusCode).toBe(401);
  });
});

describe('deviceSummary', () => {
  it('names browser and system, and falls back for unknown agents', () => {
    expect(deviceSummary(FIREFOX)).toBe('Firefox on Linux');
    expect(deviceSummary('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15')).toBe('Safari on macOS');
    expect(deviceSummary('curl/8.5.0')).toBe('curl');
    expect(deviceSummary(undefined)).toBe('Unknown device');
    expect(deviceSummary('???')).toBe('Unknown device');
  });
});
