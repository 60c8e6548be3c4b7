import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import type { App } from '../../lib/types.ts';
import { createOrg, engineName, setupTestApp, TEST_PASSWORD, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { ADDRESS_FACTOR } from './auth.routes.ts';
import { FREE_FAILURES, MAX_DELAY_S, delayAfter } from './login-throttle.ts';

describe(`login rate limit (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  beforeAll(async () => {
    ctx = await setupTestApp({ env: { LOGIN_RATE_LIMIT: 3 } });
    org = await createOrg(ctx);
  });

  const attempt = (email: string, password: string, remoteAddress = '127.0.0.1', app: App = ctx.app) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });

  it('answers 429 RATE_LIMITED after the allowed attempts for one email, in the shared error shape', async () => {
    const email = 'Guesser@Test.example';
    for (let i = 0; i < 3; i++) expect((await attempt(email, 'wrong-password')).statusCode).toBe(401);
    const limited = await attempt(email.toLowerCase(), TEST_PASSWORD);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    expect(limited.json().error.message).toMatch(/too many/i);
  });

  it('counts per email: another user can still sign in from the same address', async () => {
    expect((await attempt(org.users.alice.email, TEST_PASSWORD)).statusCode).toBe(200);
  });

  it('limits one address over all emails too (spraying one password over many accounts)', async () => {
    const address = '198.51.100.7';
    const allowed = 3 * ADDRESS_FACTOR;
    for (let i = 0; i < allowed; i++) expect((await attempt(`spray-${i}@test.example`, 'Summer2026!', address)).statusCode).toBe(401);
    expect((await attempt('spray-last@test.example', 'Summer2026!', address)).statusCode).toBe(429);
    // Other addresses are not affected.
    expect((await attempt('spray-last@test.example', 'Summer2026!', '198.51.100.8')).statusCode).toBe(401);
  });

  it('counts in the database: a second instance on the same database shares the limit', async () => {
    const other = await buildApp({ database: ctx.db, env: ctx.app.env, jwtSecret: 'test-secret-test-secret-test-secret' });
    try {
      const email = 'shared@test.example';
      expect((await attempt(email, 'nope-nope', '203.0.113.5')).statusCode).toBe(401);
      expect((await attempt(email, 'nope-nope', '203.0.113.5', other)).statusCode).toBe(401);
      expect((await attempt(email, 'nope-nope', '203.0.113.5')).statusCode).toBe(401);
      expect((await attempt(email, 'nope-nope', '203.0.113.5', other)).statusCode).toBe(429);
    } finally {
      await other.close();
    }
  });
});

describe(`login slow-down per account (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  beforeAll(async () => {
    ctx = await setupTestApp();
    org = await createOrg(ctx);
  });

  const attempt = (email: string, password: string, remoteAddress: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password }, remoteAddress });
  /** Lets the current wait pass, as time would. */
  const waitOver = (email: string) => ctx.db.unscoped.query(`UPDATE "LoginFailure" SET "retryAt" = now() - interval '1 second' WHERE "email" = $1`, [email]);

  it('the delay doubles after the free failures and is capped: a slow-down, never a lock', () => {
    expect(Array.from({ length: FREE_FAILURES }, (_, i) => delayAfter(i + 1)).slice(0, FREE_FAILURES - 1)).toEqual([0, 0, 0, 0]);
    expect([delayAfter(FREE_FAILURES), delayAfter(FREE_FAILURES + 1), delayAfter(FREE_FAILURES + 3)]).toEqual([1, 2, 8]);
    expect(delayAfter(1000)).toBe(MAX_DELAY_S);
  });

  it('after repeated failures from many addresses the account must wait, the right password included; a known address is exempt', async () => {
    const email = org.users.bob.email;
    // Bob signed in from his office before (createOrg logs everyone in from 127.0.0.1).
    for (let i = 0; i < FREE_FAILURES; i++) expect((await attempt(email, 'guess-guess', `192.0.2.${i + 1}`)).statusCode).toBe(401);

    const fromElsewhere = await attempt(email, TEST_PASSWORD, '192.0.2.99');
    expect(fromElsewhere.statusCode).toBe(429);
    expect(fromElsewhere.json().error).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 1 } });
    expect(Number(fromElsewhere.headers['retry-after'])).toBeGreaterThanOrEqual(1);

    // Bob at his usual address is not kept out, and his success clears the count.
    expect((await attempt(email, TEST_PASSWORD, '127.0.0.1')).statusCode).toBe(200);
    expect(await ctx.db.unscoped.query(`SELECT 1 FROM "LoginFailure" WHERE "email" = $1`, [email])).toEqual([]);
    expect((await attempt(email, TEST_PASSWORD, '192.0.2.99')).statusCode).toBe(200);
  });

  it('once the wait is over one attempt goes through; another failure doubles the wait; unknown emails are treated alike', async () => {
    for (const email of [org.users.alice.email, 'nobody@test.example']) {
      for (let i = 0; i < FREE_FAILURES; i++) expect((await attempt(email, 'guess-guess', '192.0.2.10')).statusCode).toBe(401);
      expect((await attempt(email, 'guess-guess', '192.0.2.11')).statusCode).toBe(429);
      await waitOver(email);
      expect((await attempt(email, 'guess-guess', '192.0.2.12')).statusCode).toBe(401);
      const next = await attempt(email, 'guess-guess', '192.0.2.13');
      expect(next.statusCode).toBe(429);
      expect(next.json().error.details.retryAfterSeconds).toBe(2);
    }
    // The owner from a new address: after the wait, the right password works and clears the count.
    await waitOver(org.users.alice.email);
    expect((await attempt(org.users.alice.email, TEST_PASSWORD, '192.0.2.50')).statusCode).toBe(200);
    expect(await ctx.db.unscoped.query(`SELECT 1 FROM "LoginFailure" WHERE "email" = $1`, [org.users.alice.email])).toEqual([]);
  });

  it('however many failures, the wait never exceeds the cap', async () => {
    const email = org.users.manager.email;
    await ctx.db.unscoped.query(
      `INSERT INTO "LoginFailure" ("email", "failures", "lastFailureAt", "retryAt") VALUES ($1, 999, now(), now() - interval '1 second')`,
      [email],
    );
    expect((await attempt(email, 'guess-guess', '192.0.2.20')).statusCode).toBe(401);
    const res = await attempt(email, 'guess-guess', '192.0.2.21');
    expect(res.statusCode).toBe(429);
    expect(res.json().error.details.retryAfterSeconds).toBeLessThanOrEqual(MAX_DELAY_S);
    expect(res.json().error.details.retryAfterSeconds).toBeGreaterThan(MAX_DELAY_S - 5);
  });
});
