import { beforeAll, describe, expect, it } from 'vitest';
import { createOrg, engineName, setupTestApp, TEST_PASSWORD, type OrgFixture, type TestContext } from '../../test/helper.ts';

describe(`login rate limit (${engineName})`, () => {
  let ctx: TestContext;
  let org: OrgFixture;
  beforeAll(async () => {
    ctx = await setupTestApp({ env: { LOGIN_RATE_LIMIT: 3 } });
    org = await createOrg(ctx);
  });

  const attempt = (email: string, password: string) =>
    ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });

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
});
