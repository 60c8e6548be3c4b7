import { beforeAll, describe, expect, it } from 'vitest';
import type { Customer, CustomerList } from '@workdiary/shared';
import { newId } from '../../db/ids.ts';
import { as, createOrg, engineName, setupTestApp, type OrgFixture, type TestContext } from '../../test/helper.ts';

let ctx: TestContext;
let org: OrgFixture;
let other: OrgFixture;

beforeAll(async () => {
  ctx = await setupTestApp();
  org = await createOrg(ctx);
  other = await createOrg(ctx);
  // 120 more customers, so search and pages have something to cut.
  await ctx.db.prisma.customer.createMany({ data: Array.from({ length: 120 }, (_, i) => ({
    id: newId(), organizationId: org.orgId, name: `Client ${String(i).padStart(3, '0')}`,
    email: i === 7 ? 'Boss@Seven.example' : null, phone: i === 8 ? '+49 30 999 888' : null,
  })) });
  await ctx.db.prisma.customer.createMany({ data: [
    { id: newId(), organizationId: org.orgId, name: 'aardvark & co' },
    { id: newId(), organizationId: org.orgId, name: '100% Pure_Water' },
    { id: newId(), organizationId: org.orgId, name: 'Zeta (archived)', archived: true },
  ] });
});

const get = async (token: string, url: string) => {
  const res = await as(ctx.app, token).get(url);
  expect(res.statusCode).toBe(200);
  return res.json() as CustomerList;
};

describe(`customers on ${engineName}`, () => {
  it('lists by name, case-insensitively, a page at a time with the total', async () => {
    const page = await get(org.users.alice.token, '/api/customers?limit=3');
    expect(page).toMatchObject({ total: 124, limit: 3, offset: 0 });
    expect(page.items.map((c) => c.name)).toEqual(['100% Pure_Water', 'aardvark & co', 'Acme Ltd']);
    const last = await get(org.users.alice.token, '/api/customers?limit=50&offset=100');
    expect(last.items).toHaveLength(24);
    expect(last.items.at(-1)?.name).toBe('Globex GmbH');
    expect((await get(org.users.alice.token, '/api/customers')).limit).toBe(50);
  });

  it('searches name, email and phone, case-insensitive; % and _ are literal', async () => {
    expect((await get(org.users.alice.token, '/api/customers?q=ACME')).items.map((c) => c.name)).toEqual(['Acme Ltd']);
    expect((await get(org.users.alice.token, '/api/customers?q=boss@seven')).items.map((c) => c.name)).toEqual(['Client 007']);
    expect((await get(org.users.alice.token, '/api/customers?q=999 888')).items.map((c) => c.name)).toEqual(['Client 008']);
    const clients = await get(org.users.alice.token, '/api/customers?q=client 01&limit=5');
    expect(clients.total).toBe(10);
    expect(clients.items).toHaveLength(5);
    expect((await get(org.users.alice.token, '/api/customers?q=%25')).items.map((c) => c.name)).toEqual(['100% Pure_Water']);
    expect((await get(org.users.alice.token, '/api/customers?q=e_w')).items.map((c) => c.name)).toEqual(['100% Pure_Water']);
    expect((await get(org.users.alice.token, '/api/customers?q=nothing-like-this')).total).toBe(0);
  });

  it('archived customers only on request', async () => {
    expect((await get(org.users.alice.token, '/api/customers?q=zeta')).total).toBe(0);
    const res = await get(org.users.alice.token, '/api/customers?q=zeta&includeArchived=true');
    expect(res.items).toMatchObject([{ name: 'Zeta (archived)', archived: true }]);
  });

  it('managers create, edit and archive; members may not', async () => {
    const forbidden = await as(ctx.app, org.users.alice.token).post('/api/customers', { name: 'Nope' });
    expect(forbidden.statusCode).toBe(403);
    const created = await as(ctx.app, org.users.manager.token).post('/api/customers', { name: '  Initech AG ', email: '', phone: '+49 40 1', address: 'Hamburg' });
    expect(created.statusCode).toBe(201);
    const c = created.json() as Customer;
    expect(c).toMatchObject({ name: 'Initech AG', email: null, phone: '+49 40 1', address: 'Hamburg', archived: false });

    const bad = await as(ctx.app, org.users.manager.token).post('/api/customers', { name: '', email: 'not-an-email' });
    expect(bad.statusCode).toBe(400);

    const edited = await as(ctx.app, org.users.admin.token).patch(`/api/customers/${c.id}`, { email: 'it@initech.example', address: '' });
    expect(edited.json()).toMatchObject({ name: 'Initech AG', email: 'it@initech.example', phone: '+49 40 1', address: null });
    expect((await as(ctx.app, org.users.bob.token).patch(`/api/customers/${c.id}`, { archived: true })).statusCode).toBe(403);

    const archived = await as(ctx.app, org.users.manager.token).patch(`/api/customers/${c.id}`, { archived: true });
    expect(archived.json()).toMatchObject({ archived: true });
    expect((await get(org.users.alice.token, '/api/customers?q=initech')).total).toBe(0);
    // Still readable by id (history links to it).
    expect((await as(ctx.app, org.users.alice.token).get(`/api/customers/${c.id}`)).json()).toMatchObject({ name: 'Initech AG', archived: true });
    const restored = await as(ctx.app, org.users.manager.token).patch(`/api/customers/${c.id}`, { archived: false });
    expect(restored.json()).toMatchObject({ archived: false });
  });

  it('another organisation’s customer is 404 everywhere and never listed', async () => {
    const stranger = as(ctx.app, other.users.admin.token);
    expect((await stranger.get(`/api/customers/${org.customers.acme}`)).statusCode).toBe(404);
    expect((await stranger.patch(`/api/customers/${org.customers.acme}`, { name: 'Hijacked' })).statusCode).toBe(404);
    expect((await get(other.users.admin.token, '/api/customers?limit=200')).total).toBe(2);
    const mine = await as(ctx.app, org.users.alice.token).get(`/api/customers/${org.customers.acme}`);
    expect(mine.json()).toMatchObject({ id: org.customers.acme, name: 'Acme Ltd', email: 'office@acme.example' });
    expect((await as(ctx.app, org.users.alice.token).get(`/api/customers/${newId()}`)).statusCode).toBe(404);
  });

  it('rejects a bad page size', async () => {
    expect((await as(ctx.app, org.users.alice.token).get('/api/customers?limit=0')).statusCode).toBe(400);
    expect((await as(ctx.app, org.users.alice.token).get('/api/customers?limit=1000')).statusCode).toBe(400);
  });
});
