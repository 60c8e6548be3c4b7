import { beforeAll, describe, expect, it } from 'vitest';
import type { Category, CategoryDeleteResult, CategoryList } from '@workdiary/shared';
import { newId } from '../../db/ids.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';

let ctx: TestContext;
let org: OrgFixture;
let other: OrgFixture;

beforeAll(async () => {
  ctx = await setupTestApp();
  org = await createOrg(ctx);
  other = await createOrg(ctx);
});

const names = (list: CategoryList) => list.items.map((c) => c.name);

async function addEntry(f: OrgFixture, categoryId: string) {
  const startedAt = new Date('2026-01-05T08:00:00Z');
  await ctx.db.prisma.workEntry.create({
    data: {
      id: newId(), organizationId: f.orgId, userId: f.users.alice.id, customerId: f.customers.acme, categoryId,
      startedAt, stoppedAt: new Date(startedAt.getTime() + 3_600_000), source: 'MANUAL', createdById: f.users.alice.id,
    },
  });
}

describe(`categories (${engineName})`, () => {
  it('lists the organisation’s active categories by name, to every role', async () => {
    for (const who of ['admin', 'manager', 'alice'] as const) {
      const res = await as(ctx.app, org.users[who].token).get('/api/categories');
      expect(res.statusCode).toBe(200);
      expect(names(res.json())).toEqual(['Regular Hours', 'Support']);
    }
  });

  it('lets any role add one, trimmed', async () => {
    const res = await as(ctx.app, org.users.alice.token).post('/api/categories', { name: '  Travel  ' });
    expect(res.statusCode).toBe(201);
    const created = res.json<Category>();
    expect(created).toMatchObject({ name: 'Travel', archived: false });
    const list = await as(ctx.app, org.users.bob.token).get('/api/categories');
    expect(names(list.json())).toContain('Travel');
  });

  it.each([
    ['other case', 'SUPPORT'],
    ['surrounding spaces', '  Support '],
    ['other case and spaces', ' regular hours'],
  ])('refuses a duplicate name in %s with 409 naming the existing one', async (_label, name) => {
    const res = await as(ctx.app, org.users.manager.token).post('/api/categories', { name });
    expect(res.statusCode).toBe(409);
    const { error } = res.json<{ error: { code: string; message: string; details: { name: string } } }>();
    expect(error.code).toBe('CATEGORY_NAME_TAKEN');
    const existing = name.trim().toLowerCase() === 'support' ? 'Support' : 'Regular Hours';
    expect(error.message).toContain(`"${existing}"`);
    expect(error.details.name).toBe(existing);
    const rows = await ctx.db.prisma.category.count({ where: { organizationId: org.orgId } });
    expect(rows).toBe(3); // Regular Hours, Support, Travel
  });

  it('allows the same name in another organisation', async () => {
    const res = await as(ctx.app, other.users.alice.token).post('/api/categories', { name: 'Travel' });
    expect(res.statusCode).toBe(201);
  });

  it.each([
    ['empty', ''],
    ['only spaces', '    '],
    ['61 characters', 'x'.repeat(61)],
  ])('refuses a name that is %s with 400', async (_label, name) => {
    const res = await as(ctx.app, org.users.admin.token).post('/api/categories', { name });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('VALIDATION_ERROR');
  });

  it('accepts exactly 60 characters', async () => {
    const res = await as(ctx.app, org.users.admin.token).post('/api/categories', { name: 'y'.repeat(60) });
    expect(res.statusCode).toBe(201);
    await as(ctx.app, org.users.admin.token).delete(`/api/categories/${res.json<Category>().id}`);
  });

  it('deletes an unused category for good', async () => {
    const created = (await as(ctx.app, org.users.admin.token).post('/api/categories', { name: 'Unused' })).json<Category>();
    const res = await as(ctx.app, org.users.admin.token).delete(`/api/categories/${created.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<CategoryDeleteResult>()).toEqual({ id: created.id, archived: false, deleted: true });
    expect(await ctx.db.prisma.category.findUnique({ where: { id: created.id } })).toBeNull();
    // the name is free again
    expect((await as(ctx.app, org.users.admin.token).post('/api/categories', { name: 'unused' })).statusCode).toBe(201);
  });

  it('archives a used category: gone from the list, kept on entries, restorable', async () => {
    const created = (await as(ctx.app, org.users.admin.token).post('/api/categories', { name: 'Used Once' })).json<Category>();
    await addEntry(org, created.id);
    const res = await as(ctx.app, org.users.admin.token).delete(`/api/categories/${created.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<CategoryDeleteResult>()).toEqual({ id: created.id, archived: true, deleted: false });

    const active = await as(ctx.app, org.users.alice.token).get('/api/categories');
    expect(names(active.json())).not.toContain('Used Once');
    const all = await as(ctx.app, org.users.admin.token).get('/api/categories?includeArchived=true');
    expect(all.json<CategoryList>().items).toContainEqual({ id: created.id, name: 'Used Once', archived: true });
    expect(all.json<CategoryList>().items.at(-1)?.archived).toBe(true); // archived ones after the active ones
    const entry = await ctx.db.prisma.workEntry.findFirst({ where: { categoryId: created.id }, include: { category: true } });
    expect(entry?.category.name).toBe('Used Once');

    // deleting again keeps it archived; re-adding the name says it is archived
    expect((await as(ctx.app, org.users.admin.token).delete(`/api/categories/${created.id}`)).json<CategoryDeleteResult>().archived).toBe(true);
    const dup = await as(ctx.app, org.users.alice.token).post('/api/categories', { name: 'used once' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json<{ error: { message: string } }>().error.message).toMatch(/"Used Once".*archived/);

    const restored = await as(ctx.app, org.users.admin.token).post(`/api/categories/${created.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json<Category>()).toEqual({ id: created.id, name: 'Used Once', archived: false });
    expect(names((await as(ctx.app, org.users.alice.token).get('/api/categories')).json())).toContain('Used Once');
  });

  it('lets only admins delete and restore', async () => {
    for (const who of ['manager', 'alice'] as const) {
      const del = await as(ctx.app, org.users[who].token).delete(`/api/categories/${org.categories.support}`);
      expect(del.statusCode).toBe(403);
      expect(del.json<{ error: { code: string } }>().error.code).toBe('FORBIDDEN');
      const restore = await as(ctx.app, org.users[who].token).post(`/api/categories/${org.categories.support}/restore`);
      expect(restore.statusCode).toBe(403);
    }
    expect(await ctx.db.prisma.category.findUnique({ where: { id: org.categories.support } })).not.toBeNull();
  });

  it('answers 404 for another organisation’s category and changes nothing there', async () => {
    const del = await as(ctx.app, org.users.admin.token).delete(`/api/categories/${other.categories.support}`);
    expect(del.statusCode).toBe(404);
    const restore = await as(ctx.app, org.users.admin.token).post(`/api/categories/${other.categories.support}/restore`);
    expect(restore.statusCode).toBe(404);
    const theirs = await ctx.db.prisma.category.findUnique({ where: { id: other.categories.support } });
    expect(theirs).toMatchObject({ name: 'Support', archived: false });
    const list = await as(ctx.app, org.users.admin.token).get('/api/categories?includeArchived=true');
    expect(list.json<CategoryList>().items.map((c) => c.id)).not.toContain(other.categories.support);
  });

  it('requires a session', async () => {
    const res = await ctx.app.inject({ method: 'GET', url: '/api/categories' });
    expect(res.statusCode).toBe(401);
  });
});
