import { beforeAll, describe, expect, it } from 'vitest';
import { as, engineName, login, setupTestApp, type TestContext } from '../../test/helper.ts';

// A fresh database WITHOUT createOrg: setup is only possible while no organisation exists.
describe(`first-run setup (${engineName})`, () => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await setupTestApp();
  });

  const body = (email: string) => ({
    organization: { name: 'Acme Ltd', timeZone: 'America/New_York', currency: 'usd', locale: 'en-US' },
    admin: { name: 'Jane Admin', email, password: 'jane-password-1' },
  });
  const post = (payload: unknown) => ctx.app.inject({ method: 'POST', url: '/api/setup', payload: payload as object });

  it('says setup is needed on an empty database (publicly)', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/setup' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ needed: true });
  });

  it('validates the time zone, the currency and the admin', async () => {
    const zone = await post({ ...body('a@x.example'), organization: { name: 'A', timeZone: 'Mars/Olympus', currency: 'EUR' } });
    expect(zone.statusCode).toBe(400);
    expect(zone.json().error.message).toMatch(/time zone/i);
    const currency = await post({ ...body('a@x.example'), organization: { name: 'A', timeZone: 'UTC', currency: 'EURO' } });
    expect(currency.statusCode).toBe(400);
    const unknownCurrency = await post({ ...body('a@x.example'), organization: { name: 'A', timeZone: 'UTC', currency: 'QQQ' } });
    expect(unknownCurrency.statusCode).toBe(400);
    const locale = await post({ ...body('a@x.example'), organization: { name: 'A', timeZone: 'UTC', currency: 'EUR', locale: 'klingon' } });
    expect(locale.statusCode).toBe(400);
    const password = await post({ ...body('a@x.example'), admin: { name: 'A', email: 'a@x.example', password: 'short' } });
    expect(password.statusCode).toBe(400);
    expect(await ctx.db.prisma.organization.count()).toBe(0);
  });

  it('creates the organisation, its default rules and the first admin exactly once, even when five race', async () => {
    const all = await Promise.all(['Jane@Acme.Example', 'john@acme.example', 'jim@acme.example', 'joe@acme.example', 'jay@acme.example']
      .map((email) => post(body(email))));
    const won = all.filter((r) => r.statusCode === 201);
    const lost = all.filter((r) => r.statusCode !== 201);
    expect(won).toHaveLength(1);
    expect(lost.map((r) => r.json().error.code)).toEqual(Array(4).fill('SETUP_ALREADY_DONE'));
    const me = won[0]!.json().user;
    expect(me).toMatchObject({ role: 'ADMIN', active: true, organization: { name: 'Acme Ltd', timeZone: 'America/New_York', currency: 'USD', clientTimer: true, locale: 'en-US' }, locale: null });
    expect(String(won[0]!.headers['set-cookie'])).toContain('wd_session=');
    expect((await as(ctx.app, won[0]!.json().token).get('/api/me')).json().id).toBe(me.id);
    expect(await ctx.db.prisma.organization.count()).toBe(1);
    expect(await ctx.db.prisma.user.count()).toBe(1);
    const rules = await ctx.db.prisma.workRules.findMany({ where: { organizationId: me.organization.id } });
    expect(rules.map((r) => r.userId).sort()).toEqual([me.id, null].sort());
    expect(typeof (await login(ctx.app, me.email, 'jane-password-1'))).toBe('string');
  });

  it('never again: GET says not needed and POST answers 409 SETUP_ALREADY_DONE', async () => {
    expect((await ctx.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: false });
    const res = await post(body('mallory@evil.example'));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('SETUP_ALREADY_DONE');
    expect(await ctx.db.prisma.user.count({ where: { email: 'mallory@evil.example' } })).toBe(0);
  });

  // Two separate connections are needed to watch one wait for the other: PostgreSQL only (PGlite has one session).
  it.runIf(engineName === 'postgres')('takes the setup lock before it checks, so a concurrent setup waits for the first to commit', async () => {
    let answered = false;
    let pending: Promise<unknown> | null = null;
    await ctx.db.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('workdiary:first-run-setup'))`;
      pending = post(body('waiting@acme.example')).then((res) => {
        answered = true;
        return res;
      });
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(answered).toBe(false);
    });
    const res = (await pending) as unknown as { statusCode: number };
    expect(res.statusCode).toBe(409);
  });
});
