// Issue 27: the organisation zip moves an organisation to another server. Exported from one fresh
// database and imported into another (empty) one, it serves the same month figures, the same
// approved snapshot, the same audit trail; no one is signed in, and each user's one-time link
// sets a password that signs in.
import { beforeAll, describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { as, createOrg, engineName, login, setupTestApp, TEST_PASSWORD, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { insertEntries } from '../diary/diary.fixtures.ts';
import { importOrganizationZip } from './organization-import.service.ts';

let source: TestContext;
let target: TestContext;
let org: OrgFixture;
let zip: Uint8Array;

beforeAll(async () => {
  source = await setupTestApp();
  target = await setupTestApp();
  org = await createOrg(source);
  source.clock.now = new Date('2026-12-02T10:00:00Z');
  target.clock.now = source.clock.now;
  await insertEntries(source.db.prisma, org, [
    { userId: org.users.alice.id, start: '2026-10-05T06:00:00Z', stop: '2026-10-05T15:30:00Z' },
    { userId: org.users.alice.id, start: '2026-10-25T00:30:00Z', stop: '2026-10-25T03:10:00Z' }, // the night the clocks go back
    { userId: org.users.bob.id, start: '2026-11-03T07:00:00Z', stop: '2026-11-03T12:00:00Z' },
  ]);
  const manager = as(source.app, org.users.manager.token);
  expect((await manager.post('/api/work-entries', {
    userId: org.users.bob.id, customerId: org.customers.globex, categoryId: org.categories.support,
    startedAt: '2026-11-04T08:00:00.000Z', stoppedAt: '2026-11-04T09:15:00.000Z', note: 'Audited, "quoted", with a comma',
  })).statusCode).toBe(201);
  expect((await manager.post('/api/months/2026-10/approve', { userIds: [org.users.alice.id] })).statusCode).toBe(200);
  const res = await as(source.app, org.users.admin.token).get('/api/exports/organization.zip');
  expect(res.statusCode).toBe(200);
  zip = new Uint8Array(res.rawPayload);
});

describe(`organisation import (the export read back) on ${engineName}`, () => {
  it('refuses what is not an export, and an export made by a newer Workdiary', async () => {
    await expect(importOrganizationZip({ db: target.db, zip: strToU8('not a zip'), origin: 'http://x', now: new Date() })).rejects.toThrow('not a zip');
    const files = unzipSync(zip);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, unknown>;
    const newer = zipSync({ ...files, 'manifest.json': strToU8(JSON.stringify({ ...manifest, schemaVersion: '99991231000000_future' })) });
    await expect(importOrganizationZip({ db: target.db, zip: newer, origin: 'http://x', now: new Date() })).rejects.toThrow('newer Workdiary');
    expect(await target.db.prisma.organization.count()).toBe(0);
  });

  it('loads every file into an empty database: same figures, same approved month, same audit trail, nobody signed in', async () => {
    const result = await importOrganizationZip({ db: target.db, zip, origin: 'https://wd.example', now: new Date() });
    expect(result.organization.id).toBe(org.orgId);
    expect(result.rows['entries.csv']).toBe(4);
    expect(result.links.map((l) => l.email).sort()).toEqual(Object.values(org.users).map((u) => u.email).sort());
    expect(await target.db.prisma.session.count()).toBe(0);

    // The manager sets a password with their link and signs in on the new server.
    const link = result.links.find((l) => l.email === org.users.manager.email);
    const token = new URL(link?.url as string).searchParams.get('token');
    expect(link?.url.startsWith('https://wd.example/set-password?token=')).toBe(true);
    expect((await target.app.inject({ method: 'POST', url: '/api/auth/set-password', payload: { token, password: 'a new password 123' } })).statusCode).toBeLessThan(300);
    const managerToken = await login(target.app, org.users.manager.email, 'a new password 123');
    // The old password does not work there: passwords were never exported.
    expect((await target.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: org.users.alice.email, password: TEST_PASSWORD } })).statusCode).toBe(401);

    for (const [month, userId] of [['2026-10', org.users.alice.id], ['2026-11', org.users.bob.id]] as const) {
      const before = await as(source.app, org.users.manager.token).get(`/api/diary/${userId}?month=${month}`);
      const after = await as(target.app, managerToken).get(`/api/diary/${userId}?month=${month}`);
      expect(after.statusCode).toBe(200);
      expect(after.json()).toEqual(before.json());
    }
    const overviewBefore = await as(source.app, org.users.manager.token).get('/api/diary?month=2026-10');
    const overviewAfter = await as(target.app, managerToken).get('/api/diary?month=2026-10');
    expect(overviewAfter.json()).toEqual(overviewBefore.json());
    const kept = async (ctx: TestContext) => (await ctx.db.prisma.monthClose.findFirstOrThrow({ where: { userId: org.users.alice.id, month: '2026-10' } }));
    expect((await kept(target)).status).toBe('APPROVED');
    expect((await kept(target)).figures).toEqual((await kept(source)).figures);
    const trail = async (ctx: TestContext) => (await ctx.db.prisma.auditEvent.findMany({ where: { organizationId: org.orgId }, orderBy: { id: 'asc' } }))
      .map(({ at, ...rest }) => ({ ...rest, at: at.toISOString() }));
    expect(await trail(target)).toEqual(await trail(source));
  });

  it('refuses a second import: the database is no longer empty', async () => {
    await expect(importOrganizationZip({ db: target.db, zip, origin: 'http://x', now: new Date() })).rejects.toThrow('already has an organisation');
    const again = await target.app.inject({ method: 'POST', url: '/api/setup/import', headers: { 'content-type': 'application/zip' }, payload: Buffer.from(zip) });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'SETUP_ALREADY_DONE' } });
  });

  it('the first-run page can do the same (POST /api/setup/import, public while the database is empty)', async () => {
    const fresh = await setupTestApp();
    const notZip = await fresh.app.inject({ method: 'POST', url: '/api/setup/import', headers: { 'content-type': 'application/zip' }, payload: Buffer.from('PK but not really') });
    expect(notZip.statusCode).toBe(400);
    expect(await fresh.db.prisma.organization.count()).toBe(0);
    const res = await fresh.app.inject({ method: 'POST', url: '/api/setup/import', headers: { 'content-type': 'application/x-zip-compressed', host: 'wd.example' }, payload: Buffer.from(zip) });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ organization: { id: string }; rows: Record<string, number>; links: Array<{ role: string; url: string }> }>();
    expect(body.organization.id).toBe(org.orgId);
    expect(body.rows['entries.csv']).toBe(4);
    expect(body.links[0]?.role).toBe('ADMIN');
    expect(body.links[0]?.url).toMatch(/^http:\/\/wd\.example\/set-password\?token=/);
    expect((await fresh.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: false });
  });
});
