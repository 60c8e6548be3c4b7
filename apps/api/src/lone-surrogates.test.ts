/**
 * Issue #21, item 6: a lone UTF-16 surrogate in a text (`{"note":"\ud800"}`, as JSON escapes it)
 * gave 500 on timer stop, switch and the manager's stop (PostgreSQL 22P02 on the audit's jsonb),
 * and manual entries silently stored U+FFFD instead. The shared `text()` refuses it: 400
 * VALIDATION_ERROR everywhere text is accepted, and nothing is stored.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WorkEntry } from '@workdiary/shared';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from './test/helper.ts';

let ctx: TestContext;
let org: OrgFixture;

beforeAll(async () => {
  ctx = await setupTestApp();
  org = await createOrg(ctx);
});

const T0 = new Date('2026-03-02T08:00:00.000Z');
const MIN = 60_000;

/** The body exactly as a client sends it: JSON text with the escape, not an object serialised for us. */
const raw = (who: keyof OrgFixture['users'], method: 'POST' | 'PATCH', url: string, json: string) =>
  ctx.app.inject({ method, url, headers: { authorization: `Bearer ${org.users[who].token}`, 'content-type': 'application/json' }, payload: json });
const api = (who: keyof OrgFixture['users']) => as(ctx.app, org.users[who].token);

const expect400 = (res: { statusCode: number; json: () => { error: { code: string; message: string } } }) => {
  expect(res.statusCode).toBe(400);
  expect(res.json().error.code).toBe('VALIDATION_ERROR');
  expect(res.json().error.message).toContain('lone UTF-16 surrogate');
};

const snapshot = async () => ({
  entries: await ctx.db.prisma.workEntry.findMany({ where: { organizationId: org.orgId }, orderBy: { id: 'asc' } }),
  audit: await ctx.db.prisma.auditEvent.count({ where: { organizationId: org.orgId } }),
});

beforeEach(async () => {
  await ctx.db.prisma.workEntry.deleteMany({ where: { organizationId: org.orgId } });
  ctx.clock.now = T0;
});

describe(`lone UTF-16 surrogates are refused with 400, nothing stored (${engineName})`, () => {
  it('timer stop, switch and the manager\'s stop: 400 and the timer keeps running unchanged', async () => {
    const started = await api('alice').post('/api/timer/start', { customerId: org.customers.acme, categoryId: org.categories.regular });
    expect(started.statusCode).toBe(201);
    ctx.clock.now = new Date(T0.getTime() + 30 * MIN);
    const before = await snapshot();
    expect400(await raw('alice', 'POST', '/api/timer/stop', '{"note":"\\ud800"}'));
    expect400(await raw('alice', 'POST', '/api/timer/stop', '{"note":"done \\udc00"}'));
    expect400(await raw('alice', 'POST', '/api/timer/switch',
      `{"note":"a\\ud800b","customerId":"${org.customers.globex}","categoryId":"${org.categories.regular}"}`));
    expect400(await raw('manager', 'POST', `/api/at-work/${org.users.alice.id}/stop`, '{"note":"forgotten \\udbff"}'));
    expect(await snapshot()).toEqual(before);
    // A surrogate pair is text like any other.
    const stopped = await raw('alice', 'POST', '/api/timer/stop', '{"note":"done \\ud83d\\ude00"}');
    expect(stopped.statusCode).toBe(200);
    expect(stopped.json<WorkEntry>().note).toBe('done \u{1F600}');
  });

  it('manual entries: create and edit are refused instead of storing U+FFFD', async () => {
    const body = (note: string) => `{"customerId":"${org.customers.acme}","categoryId":"${org.categories.regular}",`
      + `"startedAt":"2026-03-02T06:00:00Z","stoppedAt":"2026-03-02T07:00:00Z","note":"${note}"}`;
    const before = await snapshot();
    expect400(await raw('alice', 'POST', '/api/work-entries', body('fixed \\ud800 it')));
    expect400(await raw('manager', 'POST', '/api/work-entries', body('\\udc00').replace('{', `{"userId":"${org.users.alice.id}",`)));
    expect(await snapshot()).toEqual(before);
    const created = await raw('alice', 'POST', '/api/work-entries', body('fine'));
    expect(created.statusCode).toBe(201);
    const id = created.json<WorkEntry>().id;
    const afterCreate = await snapshot();
    expect400(await raw('alice', 'PATCH', `/api/work-entries/${id}`, '{"note":"edited \\ud800"}'));
    expect400(await raw('manager', 'PATCH', `/api/work-entries/${id}`, '{"note":"\\udfff"}'));
    expect(await snapshot()).toEqual(afterCreate);
    expect((await ctx.db.prisma.workEntry.findUniqueOrThrow({ where: { id } })).note).toBe('fine');
  });

  it('names and other texts are refused too (customers, categories, profile)', async () => {
    const before = await ctx.db.prisma.customer.count();
    expect400(await raw('admin', 'POST', '/api/customers', '{"name":"Initech \\ud800"}'));
    expect400(await raw('admin', 'POST', '/api/categories', '{"name":"Travel \\udc00"}'));
    expect400(await raw('alice', 'PATCH', '/api/me', '{"name":"Al\\ud800ice"}'));
    expect(await ctx.db.prisma.customer.count()).toBe(before);
  });

  it('query strings and path parameters cannot carry one (their bytes are UTF-8): never a 500', async () => {
    // A lone surrogate has no UTF-8 form (encodeURIComponent refuses it); its CESU-8 bytes
    // (ED A0 80) are invalid UTF-8 and do not decode to one. Search with them finds nothing or
    // everything; an id with them is not found or refused.
    expect(() => encodeURIComponent('\ud800')).toThrow(URIError);
    for (const url of ['/api/customers?q=%ED%A0%80', '/api/customers/%ED%A0%80', `/api/work-entries?customerId=%ED%A0%80`, '/api/users?q=a%ED%B0%80', `/api/at-work/%ED%A0%80/stop`]) {
      const res = url.endsWith('/stop') ? await api('admin').post(url, { note: '' }) : await api('admin').get(url);
      expect([200, 400, 404], `${url} → ${res.statusCode}`).toContain(res.statusCode);
    }
  });
});
