/**
 * Issue #11's reproduced defects 2-5, each as it was reported: control characters and extreme
 * dates gave 500, an admin could learn about addresses of other organisations, and
 * cookie-authenticated state changes had no CSRF defence beyond SameSite=Lax.
 * (Defect 1, logout, is in modules/auth/sessions.test.ts; defect 6 in openapi.test.ts.)
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from './modules/auth/session.ts';
import { as, createOrg, engineName, setupTestApp, TEST_PASSWORD, type OrgFixture, type TestContext } from './test/helper.ts';

const NUL = '\u0000';

describe(`hardening (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
  });
  const admin = () => as(ctx.app, org.users.admin.token);
  const alice = () => as(ctx.app, org.users.alice.token);
  const rowCounts = async () => {
    const p = ctx.db.prisma;
    return [await p.user.count(), await p.customer.count(), await p.category.count(), await p.workEntry.count(), await p.auditEvent.count(), await p.organization.count()];
  };
  const expect400 = (res: { statusCode: number; json: () => { error: { code: string } } }) => {
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_ERROR');
  };

  describe('defect 2: a NUL byte (or another control character) in any text is a 400, never a 500', () => {
    it('login, profile, categories, customers, users, work entries, organisation, timer', async () => {
      const before = await rowCounts();
      expect400(await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: `a${NUL}b@example.com`, password: 'x' } }));
      expect400(await alice().patch('/api/me', { name: `Al${NUL}ice` }));
      expect400(await admin().post('/api/categories', { name: `Travel${NUL}` }));
      expect400(await admin().post('/api/customers', { name: `Initech${NUL}` }));
      expect400(await admin().post('/api/customers', { name: 'Initech', address: `Main St${NUL}1` }));
      expect400(await admin().patch(`/api/customers/${org.customers.acme}`, { phone: `12${NUL}3` }));
      expect400(await admin().post('/api/users', { name: `Eve${NUL}`, email: 'eve@test.example', role: 'MEMBER', pay: { type: 'HOURLY', hourlyRate: 100, overtimeFactor: 1.25 }, password: 'long enough' }));
      expect400(await alice().post('/api/work-entries', {
        customerId: org.customers.acme, categoryId: org.categories.regular,
        startedAt: '2026-01-05T08:00:00Z', stoppedAt: '2026-01-05T09:00:00Z', note: `fixed${NUL}it`,
      }));
      expect400(await admin().put('/api/organization', { name: `Org${NUL}`, timeZone: 'Europe/Berlin', currency: 'EUR' }));
      expect400(await alice().post('/api/timer/start', { customerId: `${org.customers.acme}${NUL}`, categoryId: org.categories.regular }));
      // Other C0 controls are refused as well (a bell in a name), tabs and line breaks in notes are fine.
      expect400(await admin().post('/api/categories', { name: 'Ring\u0007' }));
      expect400(await admin().post('/api/categories', { name: 'Del\u007f' }));
      expect(await rowCounts()).toEqual(before);
    });

    it('a running timer cannot be stopped with a NUL in the note; it keeps running', async () => {
      expect((await alice().post('/api/timer/start', { customerId: org.customers.acme, categoryId: org.categories.regular })).statusCode).toBe(201);
      expect400(await alice().post('/api/timer/stop', { note: `done${NUL}` }));
      expect((await alice().get('/api/timer')).json().running).not.toBeNull();
      const stopped = await alice().post('/api/timer/stop', { note: 'line one\n\tline two' });
      expect(stopped.statusCode).toBe(200);
      expect(stopped.json().note).toBe('line one\n\tline two');
    });

    it('query strings and path parameters', async () => {
      expect400(await admin().get('/api/customers?q=%00'));
      expect400(await admin().get('/api/customers/%00'));
      expect400(await admin().get('/api/users?q=a%00'));
      expect400(await admin().get(`/api/work-entries?customerId=%00`));
      expect400(await admin().get('/api/settings/work-rules/%00'));
      expect400(await admin().post('/api/at-work/%00/stop', { note: '' }));
      // Refused by the router before any route runs, still in the shared shape.
      expect400(await admin().get('/api/customers/%E0%A4%A'));
      expect400(await admin().get(`/api/diary/${org.users.alice.id}/${'x'.repeat(500)}`));
    });
  });

  describe('defect 3: dates outside 1970-01-01..2199-12-31 are a 400 everywhere', () => {
    it('diary months, days, history and all three exports', async () => {
      const u = org.users.alice.id;
      for (const month of ['0000-01', '0001-01', '1969-12', '2200-01', '9999-12']) {
        expect400(await admin().get(`/api/diary?month=${month}`));
        expect400(await admin().get(`/api/diary/${u}?month=${month}`));
        expect400(await admin().get(`/api/exports/diary.xlsx?month=${month}`));
        expect400(await admin().get(`/api/exports/diary/${u}.xlsx?month=${month}`));
      }
      for (const date of ['0001-01-01', '1969-12-31', '2200-01-01', '9999-12-31']) {
        expect400(await admin().get(`/api/diary/${u}/${date}`));
        expect400(await admin().get(`/api/diary/${u}/${date}/history`));
        expect400(await admin().get(`/api/exports/diary/${u}/${date}.xlsx`));
        expect400(await admin().get(`/api/exports/customers/${org.customers.acme}.xlsx?from=${date}`));
        expect400(await admin().get(`/api/work-entries?from=${date}`));
      }
      expect400(await admin().get(`/api/work-entries?to=0001-01-01T00:00:00Z`));
      // The edges of the range work.
      expect((await admin().get('/api/diary?month=1970-01')).statusCode).toBe(200);
      expect((await admin().get(`/api/diary/${u}?month=2199-12`)).statusCode).toBe(200);
      expect((await admin().get(`/api/diary/${u}/2199-12-31`)).statusCode).toBe(200);
    });

    it('work entries: no start before 1970 (nor a local date outside the range), no zero-length or sub-minute session', async () => {
      const before = await rowCounts();
      const entry = (times: Record<string, string>) => alice().post('/api/work-entries', { customerId: org.customers.acme, categoryId: org.categories.regular, ...times });
      expect400(await entry({ startedAt: '0001-01-01T00:00:00Z', stoppedAt: '0001-01-01T01:00:00Z' }));
      expect400(await entry({ startedAt: '1969-12-31T22:00:00Z', stoppedAt: '1969-12-31T23:00:00Z' }));
      expect400(await entry({ date: '0001-01-01', startTime: '08:00', stopTime: '09:00' }));
      const oneMs = await entry({ startedAt: '2026-01-05T08:00:00.000Z', stoppedAt: '2026-01-05T08:00:00.001Z' });
      expect(oneMs.statusCode).toBe(422);
      expect(oneMs.json().error.code).toBe('SESSION_TOO_SHORT');
      const halfMinute = await entry({ startedAt: '2026-01-05T08:00:00Z', stoppedAt: '2026-01-05T08:00:30Z' });
      expect(halfMinute.json().error.code).toBe('SESSION_TOO_SHORT');
      expect(await rowCounts()).toEqual(before);
      const oneMinute = await entry({ startedAt: '2026-01-05T08:00:00Z', stoppedAt: '2026-01-05T08:01:00Z' });
      expect(oneMinute.statusCode).toBe(201);
      // Moving it out of range by an edit is refused too.
      expect400(await alice().patch(`/api/work-entries/${oneMinute.json().id}`, { startedAt: '0001-01-01T00:00:00Z' }));
    });
  });

  describe('defect 4: email uniqueness answers say nothing about other organisations', () => {
    it('a taken address gives the same answer whether it is in this organisation or another one', async () => {
      const other = await createOrg(ctx);
      const body = (email: string) => ({ name: 'New Person', email, role: 'MEMBER', pay: { type: 'HOURLY', hourlyRate: 100, overtimeFactor: 1.25 }, password: 'long enough' });
      const elsewhere = await admin().post('/api/users', body(other.users.alice.email));
      const here = await admin().post('/api/users', body(org.users.bob.email));
      expect(elsewhere.statusCode).toBe(409);
      expect(elsewhere.json()).toEqual(here.json());
      expect(elsewhere.json().error.code).toBe('EMAIL_TAKEN');
      expect(elsewhere.body).not.toContain(other.users.alice.email);
      expect(elsewhere.body.toLowerCase()).not.toMatch(/organi[sz]ation/);
      // The same on an edit.
      const edit = await admin().patch(`/api/users/${org.users.bob.id}`, { email: other.users.alice.email });
      expect(edit.statusCode).toBe(409);
      expect(edit.json()).toEqual(here.json());
    });
  });

  describe('defect 5: CSRF defence for cookie-authenticated state changes', () => {
    const withCookie = (token: string, init: { method: 'POST' | 'PATCH' | 'DELETE'; url: string; payload?: object; headers?: Record<string, string> }) =>
      ctx.app.inject({ ...init, cookies: { [SESSION_COOKIE]: token } });

    it('refuses a body-less POST without the custom header, and accepts it with X-Requested-With', async () => {
      const other = await createOrg(ctx);
      const bare = await withCookie(other.users.admin.token, { method: 'POST', url: `/api/users/${other.users.bob.id}/set-password-link` });
      expect(bare.statusCode).toBe(403);
      expect(bare.json().error.code).toBe('CSRF_REJECTED');
      const logout = await withCookie(other.users.bob.token, { method: 'POST', url: '/api/auth/logout' });
      expect(logout.statusCode).toBe(403);
      expect((await as(ctx.app, other.users.bob.token).get('/api/me')).statusCode).toBe(200);
      const ok = await withCookie(other.users.admin.token, { method: 'POST', url: `/api/users/${other.users.bob.id}/set-password-link`, headers: { 'x-requested-with': 'fetch' } });
      expect(ok.statusCode).toBe(200);
    });

    it('refuses a form-encoded body with a cookie', async () => {
      const res = await ctx.app.inject({
        method: 'POST', url: '/api/categories', cookies: { [SESSION_COOKIE]: org.users.admin.token },
        headers: { 'content-type': 'text/plain' }, payload: '{"name":"Form"}',
      });
      expect(res.statusCode).toBe(403);
      expect(await ctx.db.prisma.category.count({ where: { name: 'Form' } })).toBe(0);
    });

    it('refuses a foreign Origin and Sec-Fetch-Site: cross-site, even with JSON', async () => {
      const before = await rowCounts();
      const evil = await withCookie(org.users.admin.token, { method: 'POST', url: '/api/categories', payload: { name: 'Evil' }, headers: { origin: 'http://evil.example' } });
      expect(evil.statusCode).toBe(403);
      expect(evil.json().error.code).toBe('CSRF_REJECTED');
      const cross = await withCookie(org.users.admin.token, { method: 'POST', url: '/api/categories', payload: { name: 'Cross' }, headers: { 'sec-fetch-site': 'cross-site' } });
      expect(cross.statusCode).toBe(403);
      const nullOrigin = await withCookie(org.users.admin.token, { method: 'POST', url: '/api/categories', payload: { name: 'Null' }, headers: { origin: 'null' } });
      expect(nullOrigin.statusCode).toBe(403);
      // Signing someone in from a foreign page (login CSRF) is refused too.
      const login = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', headers: { origin: 'http://evil.example' }, payload: { email: org.users.bob.email, password: TEST_PASSWORD } });
      expect(login.statusCode).toBe(403);
      expect(await rowCounts()).toEqual(before);
    });

    it('accepts the app\'s own Origin (also behind a TLS proxy that passes Host on) and leaves Bearer clients alone', async () => {
      const own = await withCookie(org.users.admin.token, { method: 'POST', url: '/api/categories', payload: { name: 'Own origin' }, headers: { origin: 'http://localhost:80', 'sec-fetch-site': 'same-origin' } });
      expect(own.statusCode).toBe(201);
      const proxied = await withCookie(org.users.admin.token, {
        method: 'POST', url: '/api/categories', payload: { name: 'Proxied' },
        headers: { host: 'diary.example.com', origin: 'https://diary.example.com', 'x-forwarded-proto': 'https' },
      });
      expect(proxied.statusCode).toBe(201);
      // An untrusted X-Forwarded-Host does not make a foreign origin look like ours.
      const spoofed = await withCookie(org.users.admin.token, {
        method: 'POST', url: '/api/categories', payload: { name: 'Spoofed' },
        headers: { origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' },
      });
      expect(spoofed.statusCode).toBe(403);
      const bearer = await ctx.app.inject({
        method: 'POST', url: `/api/users/${org.users.bob.id}/set-password-link`,
        headers: { authorization: `Bearer ${org.users.admin.token}`, origin: 'http://evil.example' },
      });
      expect(bearer.statusCode).toBe(200);
      // Safe methods are never refused.
      const get = await ctx.app.inject({ method: 'GET', url: '/api/me', cookies: { [SESSION_COOKIE]: org.users.admin.token }, headers: { origin: 'http://evil.example' } });
      expect(get.statusCode).toBe(200);
    });
  });
});
