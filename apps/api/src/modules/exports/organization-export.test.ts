import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { unzipSync, strFromU8 } from 'fflate';
import { newId } from '../../db/ids.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';
import { ORGANIZATION_FILES } from './organization-export.service.ts';

let ctx: TestContext;
let org: OrgFixture;
let other: OrgFixture;
/** More entries than one page holds on either engine (500 on PGlite, 2,000 on PostgreSQL). */
const BULK = 2_150;
const TRICKY_NOTE = 'Line one, "quoted"\nline two; Grüße – 東京 =1+1';

beforeAll(async () => {
  ctx = await setupTestApp();
  org = await createOrg(ctx, { name: 'Acme & Söhne GmbH' });
  other = await createOrg(ctx);
  // One entry through the API, so it has its audit event; then many written directly.
  const created = await as(ctx.app, org.users.manager.token).post('/api/work-entries', {
    userId: org.users.alice.id, customerId: org.customers.acme, categoryId: org.categories.regular,
    startedAt: '2026-10-05T07:00:00.000Z', stoppedAt: '2026-10-05T09:30:00.000Z', note: TRICKY_NOTE,
  });
  expect(created.statusCode).toBe(201);
  const base = Date.parse('2025-01-01T08:00:00Z');
  await ctx.db.prisma.workEntry.createMany({ data: Array.from({ length: BULK }, (_, i) => ({
    id: newId(), organizationId: org.orgId, userId: org.users.bob.id, customerId: org.customers.globex, categoryId: org.categories.support,
    startedAt: new Date(base + i * 3_600_000 * 3), stoppedAt: new Date(base + i * 3_600_000 * 3 + 3_600_000), note: `bulk ${i}`, source: 'MANUAL' as const, createdById: org.users.bob.id,
  })) });
  // The other organisation's entry must not appear.
  await as(ctx.app, other.users.manager.token).post('/api/work-entries', {
    userId: other.users.alice.id, customerId: other.customers.acme, categoryId: other.categories.regular,
    startedAt: '2026-10-05T07:00:00.000Z', stoppedAt: '2026-10-05T08:00:00.000Z', note: 'other organisation',
  });
});

async function download(token: string) {
  const res = await as(ctx.app, token).get('/api/exports/organization.zip');
  return res;
}

type Manifest = { format: string; formatVersion: number; schemaVersion: string; exportedAt: string; organization: { id: string; name: string };
  files: Array<{ file: string; table: string; columns: Array<{ name: string; type: string }>; rows: number }> };

function readZip(body: Buffer) {
  const files = unzipSync(new Uint8Array(body));
  const manifest = JSON.parse(strFromU8(files['manifest.json'] as Uint8Array)) as Manifest;
  const csv = (name: string) => {
    const bytes = files[name] as Uint8Array;
    // UTF-8 with a byte-order mark (TextDecoder would drop it, so look at the bytes).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    return parse(strFromU8(bytes), { bom: true, columns: true }) as Array<Record<string, string>>;
  };
  return { names: Object.keys(files), manifest, csv, raw: (name: string) => strFromU8(files[name] as Uint8Array) };
}

describe(`organisation export on ${engineName}`, () => {
  it('is a zip of one CSV per table and a manifest that counts them, for this organisation only', async () => {
    const res = await download(org.users.admin.token);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/filename="workdiary_Acme_Sohne_GmbH_\d{4}-\d{2}-\d{2}\.zip"/);
    const { names, manifest, csv } = readZip(res.rawPayload);
    expect(names).toEqual([...ORGANIZATION_FILES.map((f) => f.file), 'manifest.json']);
    expect(manifest.format).toBe('workdiary-organization-export');
    expect(manifest.organization).toEqual({ id: org.orgId, name: 'Acme & Söhne GmbH' });
    const [latest] = await ctx.db.unscoped.query<{ migration_name: string }>(`SELECT max("migration_name") AS "migration_name" FROM "_prisma_migrations"`);
    expect(manifest.schemaVersion).toBe(latest?.migration_name);

    for (const file of manifest.files) {
      const rows = csv(file.file);
      expect(rows.length, file.file).toBe(file.rows);
      if (rows.length > 0) expect(Object.keys(rows[0] as object), file.file).toEqual(file.columns.map((c) => c.name));
      // Every row is this organisation's.
      const orgColumn = file.table === 'Organization' ? 'id' : 'organizationId';
      expect(rows.every((r) => r[orgColumn] === org.orgId), file.file).toBe(true);
    }
    const count = (file: string) => manifest.files.find((f) => f.file === file)?.rows;
    expect(count('entries.csv')).toBe(BULK + 1);
    expect(count('users.csv')).toBe(4);
    expect(count('customers.csv')).toBe(2);
    expect(count('organization.csv')).toBe(1);
    expect(count('audit-events.csv')).toBeGreaterThanOrEqual(1);
  });

  it('keeps every value exact: text with commas, quotes, new lines and any script; instants in UTC; ids in order across pages', async () => {
    const { csv } = readZip((await download(org.users.admin.token)).rawPayload);
    const entries = csv('entries.csv');
    const tricky = entries.find((e) => e['note'] === TRICKY_NOTE);
    expect(tricky).toMatchObject({ userId: org.users.alice.id, startedAt: '2026-10-05T07:00:00.000Z', stoppedAt: '2026-10-05T09:30:00.000Z' });
    const ids = entries.map((e) => e['id'] as string);
    expect(new Set(ids).size).toBe(ids.length);
    const stored = await ctx.db.prisma.workEntry.findMany({ where: { organizationId: org.orgId }, select: { id: true } });
    expect([...ids].sort()).toEqual(stored.map((s) => s.id).sort());
    const audit = csv('audit-events.csv').find((a) => a['entityId'] === tricky?.['id']);
    expect(audit).toMatchObject({ entityType: expect.any(String), action: 'CREATE', actorId: org.users.manager.id });
    expect(JSON.parse(audit?.['after'] as string)).toMatchObject({ note: TRICKY_NOTE });
    const users = csv('users.csv');
    expect(users.map((u) => u['active'])).toEqual(['true', 'true', 'true', 'true']);
    const rules = csv('work-rules.csv');
    expect(rules[0]?.['allowOverlap']).toBe('false');
    expect(JSON.parse(rules[0]?.['requiredMinutes'] as string)).toHaveLength(7);
  });

  it('leaves out password hashes and every secret', async () => {
    const { manifest, raw } = readZip((await download(org.users.admin.token)).rawPayload);
    const columns = manifest.files.flatMap((f) => f.columns.map((c) => c.name));
    expect(columns).toContain('email');
    expect(columns.filter((c) => /hash|token|secret|password/i.test(c))).toEqual([]);
    const stored = await ctx.db.prisma.user.findUniqueOrThrow({ where: { id: org.users.admin.id }, select: { passwordHash: true } });
    expect(stored.passwordHash).toBeTruthy();
    for (const f of manifest.files) expect(raw(f.file)).not.toContain(stored.passwordHash as string);
  });

  it('is for admins only', async () => {
    expect((await download(org.users.manager.token)).statusCode).toBe(403);
    expect((await download(org.users.alice.token)).statusCode).toBe(403);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/exports/organization.zip' })).statusCode).toBe(401);
  });
});
