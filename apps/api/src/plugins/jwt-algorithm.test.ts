import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { as, createOrg, setupTestApp, type OrgFixture, type TestContext } from '../test/helper.ts';

// The secret setupTestApp signs with (test/helper.ts).
const SECRET = 'test-secret-test-secret-test-secret';

let ctx: TestContext;
let org: OrgFixture;
beforeAll(async () => {
  ctx = await setupTestApp();
  org = await createOrg(ctx);
});

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const partsOf = (token: string) => {
  const [header = '', payload = ''] = token.split('.');
  return { header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Record<string, unknown>, payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown> };
};
/** The same claims, signed with HMAC `hash` and the server's own secret. */
function resign(token: string, alg: 'HS256' | 'HS384' | 'HS512') {
  const { payload } = partsOf(token);
  const input = `${b64url({ alg, typ: 'JWT' })}.${b64url(payload)}`;
  const hash = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg];
  return `${input}.${createHmac(hash, SECRET).update(input).digest('base64url')}`;
}

describe('session tokens are HS256 only', () => {
  it('signs with HS256, and the same claims re-signed with HS256 are accepted (the test signs like the server)', async () => {
    const token = org.users.alice.token;
    expect(partsOf(token).header.alg).toBe('HS256');
    expect((await as(ctx.app, resign(token, 'HS256')).get('/api/me')).statusCode).toBe(200);
  });

  it('refuses the same claims signed with HS512 or HS384 and the same secret (401)', async () => {
    for (const alg of ['HS512', 'HS384'] as const) {
      const res = await as(ctx.app, resign(org.users.alice.token, alg)).get('/api/me');
      expect(res.statusCode, alg).toBe(401);
    }
  });

  it('refuses an unsigned token (alg "none"), with or without a signature part (401)', async () => {
    const { payload } = partsOf(org.users.alice.token);
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}`;
    for (const token of [`${unsigned}.`, unsigned]) {
      const res = await as(ctx.app, token).get('/api/me');
      expect(res.statusCode, token).toBe(401);
    }
  });
});
