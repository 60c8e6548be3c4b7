/**
 * Tenancy in one place: the client from `forOrg(prisma, orgId)` (request.db) must never read,
 * count, change or delete another organisation's rows, and must stamp its own organisation on
 * everything it creates — inside transactions too. Two organisations with the same shape of data;
 * every test checks organisation B's rows afterwards with the UNSCOPED client.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../config/env.ts';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { freshDatabase } from '../test/database.ts';
import type { Database } from './engine.ts';
import { newId } from './ids.ts';
import { forOrg, type ScopedDb } from './scoped.ts';

const env = readEnv({ NODE_ENV: 'test' });
const engine = env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

type Org = { orgId: string; name: string; users: string[]; customers: string[]; categories: string[]; entries: string[] };

async function makeOrg(prisma: PrismaClient, name: string): Promise<Org> {
  const orgId = newId();
  const short = orgId.slice(0, 8);
  await prisma.organization.create({ data: { id: orgId, name, timeZone: 'Europe/Berlin', currency: 'EUR' } });
  const users = [newId(), newId()];
  await prisma.user.createMany({ data: users.map((id, i) => ({ id, organizationId: orgId, email: `u${i}-${short}@test.example`, name: `User ${i} ${name}`, hourlyRate: 1000 * (i + 1) })) });
  const customers = [newId(), newId(), newId()];
  await prisma.customer.createMany({ data: customers.map((id, i) => ({ id, organizationId: orgId, name: `Customer ${i} ${name}` })) });
  const categories = [newId(), newId()];
  await prisma.category.createMany({ data: categories.map((id, i) => ({ id, organizationId: orgId, name: `Category ${i}` })) });
  const entries = [newId(), newId(), newId(), newId()];
  const day = Date.parse('2026-03-02T08:00:00Z');
  await prisma.workEntry.createMany({ data: entries.map((id, i) => ({
    id, organizationId: orgId, userId: users[i % 2] as string, customerId: customers[i % 3] as string, categoryId: categories[0] as string,
    startedAt: new Date(day + i * 86_400_000), stoppedAt: new Date(day + i * 86_400_000 + 3_600_000 * (i + 1)),
    source: 'MANUAL', createdById: users[0] as string, note: `note ${i}`,
  })) });
  return { orgId, name, users, customers, categories, entries };
}

const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id).sort();
const errorCode = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (err) {
    return (err as { code?: string }).code ?? (err as Error).message;
  }
  throw new Error('expected the call to fail, but it succeeded');
};

describe(`scoped client: one organisation's data only (${engine})`, () => {
  let db: Database;
  let prisma: PrismaClient;
  let a: Org;
  let b: Org;
  let scopedA: ScopedDb;
  /** Organisation B's rows as the unscoped client sees them: must never change through A's client. */
  let snapshotB: () => Promise<unknown>;
  let before: unknown;

  beforeAll(async () => {
    db = await freshDatabase(env.TEST_DATABASE_URL);
    prisma = db.prisma;
    a = await makeOrg(prisma, 'Alpha');
    b = await makeOrg(prisma, 'Beta');
    scopedA = forOrg(prisma, a.orgId);
    snapshotB = async () => ({
      org: await prisma.organization.findUnique({ where: { id: b.orgId } }),
      users: await prisma.user.findMany({ where: { organizationId: b.orgId }, orderBy: { id: 'asc' } }),
      customers: await prisma.customer.findMany({ where: { organizationId: b.orgId }, orderBy: { id: 'asc' } }),
      categories: await prisma.category.findMany({ where: { organizationId: b.orgId }, orderBy: { id: 'asc' } }),
      entries: await prisma.workEntry.findMany({ where: { organizationId: b.orgId }, orderBy: { id: 'asc' } }),
      audit: await prisma.auditEvent.findMany({ where: { organizationId: b.orgId }, orderBy: { id: 'asc' } }),
      rules: await prisma.workRules.findMany({ where: { organizationId: b.orgId }, orderBy: { id: 'asc' } }),
    });
    before = await snapshotB();
  });
  afterAll(async () => {
    // Whatever A's client did in this file, organisation B is exactly as it was.
    if (snapshotB) expect(await snapshotB()).toEqual(before);
    await db?.close();
  });

  describe('reads', () => {
    it('findMany returns only its own rows, even when asked for the other organisation', async () => {
      expect(ids(await scopedA.customer.findMany())).toEqual([...a.customers].sort());
      expect(ids(await scopedA.workEntry.findMany())).toEqual([...a.entries].sort());
      expect(ids(await scopedA.user.findMany())).toEqual([...a.users].sort());
      expect(await scopedA.customer.findMany({ where: { organizationId: b.orgId } })).toSatisfy((rows: Array<{ organizationId: string }>) => rows.every((r) => r.organizationId === a.orgId));
      expect(await scopedA.customer.findMany({ where: { id: { in: b.customers } } })).toEqual([]);
      expect(await scopedA.workEntry.findMany({ where: { OR: [{ userId: b.users[0] }, { customerId: b.customers[0] }] } })).toEqual([]);
      expect(ids(await scopedA.organization.findMany())).toEqual([a.orgId]);
    });

    it("findUnique / findFirst / …OrThrow by another organisation's id find nothing", async () => {
      expect(await scopedA.customer.findUnique({ where: { id: b.customers[0] as string } })).toBeNull();
      expect(await scopedA.workEntry.findUnique({ where: { id: b.entries[0] as string } })).toBeNull();
      expect(await scopedA.user.findUnique({ where: { id: b.users[0] as string } })).toBeNull();
      // Organization is scoped by its id: asked for B, it never answers B (see the known bug below).
      expect((await scopedA.organization.findUnique({ where: { id: b.orgId } }))?.id).not.toBe(b.orgId);
      expect(await scopedA.category.findFirst({ where: { id: b.categories[0] as string } })).toBeNull();
      expect(await errorCode(scopedA.customer.findUniqueOrThrow({ where: { id: b.customers[0] as string } }))).toBe('P2025');
      expect(await errorCode(scopedA.customer.findFirstOrThrow({ where: { id: b.customers[0] as string } }))).toBe('P2025');
      // …while its own ids are found.
      expect((await scopedA.customer.findUnique({ where: { id: a.customers[0] as string } }))?.id).toBe(a.customers[0]);
      expect((await scopedA.organization.findFirst())?.id).toBe(a.orgId);
    });

    it('a unique key of another organisation (email) is not found either', async () => {
      const bUser = await prisma.user.findUniqueOrThrow({ where: { id: b.users[0] as string } });
      expect(await scopedA.user.findUnique({ where: { email: bUser.email } })).toBeNull();
    });

    it('count, aggregate and groupBy see only its own rows', async () => {
      expect(await scopedA.workEntry.count()).toBe(a.entries.length);
      expect(await scopedA.customer.count({ where: { id: { in: [...a.customers, ...b.customers] } } })).toBe(a.customers.length);
      const agg = await scopedA.user.aggregate({ _count: { _all: true }, _sum: { hourlyRate: true }, _max: { hourlyRate: true } });
      expect(agg._count._all).toBe(2);
      expect(agg._sum.hourlyRate).toBe(3000);
      const groups = await scopedA.workEntry.groupBy({ by: ['customerId'], _count: { _all: true }, orderBy: { customerId: 'asc' } });
      expect(groups.map((g) => g.customerId).every((id) => a.customers.includes(id))).toBe(true);
      expect(groups.reduce((n, g) => n + g._count._all, 0)).toBe(a.entries.length);
    });
  });

  describe('writes', () => {
    it("update / delete of another organisation's id fail as not found (P2025) and change nothing", async () => {
      expect(await errorCode(scopedA.customer.update({ where: { id: b.customers[0] as string }, data: { name: 'hijacked' } }))).toBe('P2025');
      expect(await errorCode(scopedA.workEntry.update({ where: { id: b.entries[0] as string }, data: { note: 'hijacked' } }))).toBe('P2025');
      expect(await errorCode(scopedA.user.update({ where: { id: b.users[0] as string }, data: { role: 'ADMIN' } }))).toBe('P2025');
      expect(await errorCode(scopedA.workEntry.delete({ where: { id: b.entries[0] as string } }))).toBe('P2025');
      expect(await errorCode(scopedA.customer.delete({ where: { id: b.customers[2] as string } }))).toBe('P2025');
      expect(await snapshotB()).toEqual(before);
    });

    it('updateMany / deleteMany with no filter touch only its own rows', async () => {
      const updated = await scopedA.workEntry.updateMany({ data: { flagged: true } });
      expect(updated.count).toBe(a.entries.length);
      const updatedCustomers = await scopedA.customer.updateMany({ where: { id: { in: [...a.customers, ...b.customers] } }, data: { phone: '+49 30 1234' } });
      expect(updatedCustomers.count).toBe(a.customers.length);
      await scopedA.auditEvent.create({ data: { id: newId(), entityType: 'WorkEntry', entityId: a.entries[0] as string, action: 'UPDATE', actorId: a.users[0] as string } as Prisma.AuditEventUncheckedCreateInput });
      await prisma.auditEvent.create({ data: { id: newId(), organizationId: b.orgId, entityType: 'WorkEntry', entityId: b.entries[0] as string, action: 'UPDATE', actorId: b.users[0] as string } });
      before = await snapshotB(); // B now has an audit row of its own, created unscoped
      const deleted = await scopedA.auditEvent.deleteMany();
      expect(deleted.count).toBe(1);
      expect(await prisma.auditEvent.count({ where: { organizationId: b.orgId } })).toBe(1);
      expect(await snapshotB()).toEqual(before);
    });

    it("upsert with another organisation's id neither updates its row nor creates one", async () => {
      const id = b.customers[1] as string;
      const outcome = await scopedA.customer
        .upsert({ where: { id }, create: { id, name: 'hijack' } as Prisma.CustomerUncheckedCreateInput, update: { name: 'hijacked' } })
        .then((row) => row, (err: { code?: string }) => err.code);
      // Prisma runs this as INSERT … ON CONFLICT ("id") DO UPDATE … WHERE "organizationId" = A: the id is
      // taken and the WHERE is false, so nothing happens and it returns null (P2002 if not run natively).
      expect([null, 'P2002']).toContain(outcome);
      expect(await prisma.customer.count({ where: { id, organizationId: a.orgId } })).toBe(0);
      expect(await snapshotB()).toEqual(before);
    });

    it('create, createMany and createManyAndReturn stamp its own organisation, overriding one passed in', async () => {
      const made = await scopedA.customer.create({ data: { id: newId(), name: 'New Alpha customer', organizationId: b.orgId } as Prisma.CustomerUncheckedCreateInput });
      expect(made.organizationId).toBe(a.orgId);
      const plain = await scopedA.category.create({ data: { id: newId(), name: 'Travel' } as Prisma.CategoryUncheckedCreateInput });
      expect(plain.organizationId).toBe(a.orgId);
      const many = [newId(), newId()];
      await scopedA.customer.createMany({ data: many.map((id) => ({ id, name: `Bulk ${id.slice(0, 4)}`, organizationId: b.orgId })) });
      expect((await prisma.customer.findMany({ where: { id: { in: many } } })).map((c) => c.organizationId)).toEqual([a.orgId, a.orgId]);
      const returned = await scopedA.category.createManyAndReturn({ data: [{ id: newId(), name: 'Returned' }] as Prisma.CategoryCreateManyInput[] });
      expect(returned.map((c) => c.organizationId)).toEqual([a.orgId]);
      await expect(scopedA.organization.create({ data: { id: newId(), name: 'x', timeZone: 'UTC', currency: 'EUR' } })).rejects.toThrow(/not created through a scoped client/);
      expect(await snapshotB()).toEqual(before);
    });
  });

  describe('transactions stay scoped', () => {
    it('an interactive transaction reads, counts and writes only its own organisation', async () => {
      const result = await scopedA.$transaction(async (tx) => {
        const customers = await tx.customer.findMany();
        const foreign = await tx.workEntry.findUnique({ where: { id: b.entries[1] as string } });
        const counted = await tx.user.count();
        const bulk = await tx.workEntry.updateMany({ data: { note: 'in a transaction' } });
        const created = await tx.category.create({ data: { id: newId(), name: 'Made in tx' } as Prisma.CategoryUncheckedCreateInput });
        return { customers, foreign, counted, bulk, created };
      });
      expect(result.customers.every((c) => c.organizationId === a.orgId)).toBe(true);
      expect(result.foreign).toBeNull();
      expect(result.counted).toBe(2);
      expect(result.bulk.count).toBe(a.entries.length);
      expect(result.created.organizationId).toBe(a.orgId);
      expect(await snapshotB()).toEqual(before);
    });

    it("a write to another organisation's row inside a transaction fails and rolls the transaction back", async () => {
      const name = `Rolled back ${newId().slice(0, 6)}`;
      const code = await errorCode(scopedA.$transaction(async (tx) => {
        await tx.category.create({ data: { id: newId(), name } as Prisma.CategoryUncheckedCreateInput });
        await tx.customer.update({ where: { id: b.customers[0] as string }, data: { name: 'hijacked' } });
      }));
      expect(code).toBe('P2025');
      expect(await prisma.category.count({ where: { name } })).toBe(0);
      expect(await snapshotB()).toEqual(before);
    });

    it('a batch ($transaction([...])) is scoped too', async () => {
      const [count, foreign, mine] = await scopedA.$transaction([
        scopedA.customer.count(),
        scopedA.customer.findUnique({ where: { id: b.customers[0] as string } }),
        scopedA.customer.findUnique({ where: { id: a.customers[0] as string } }),
      ]);
      expect(count).toBeGreaterThanOrEqual(a.customers.length);
      expect(foreign).toBeNull();
      expect(mine?.organizationId).toBe(a.orgId);
    });
  });

  it("organisation B's own scoped client sees B, not A (the scope is per client)", async () => {
    const scopedB = forOrg(prisma, b.orgId);
    expect(ids(await scopedB.customer.findMany())).toEqual([...b.customers].sort());
    expect(await scopedB.customer.findUnique({ where: { id: a.customers[0] as string } })).toBeNull();
    expect(ids(await scopedA.customer.findMany({ where: { id: { in: a.customers } } }))).toEqual([...a.customers].sort());
  });

  /**
   * Gaps found in review and closed since: the organisation filter is ANDed (never overwrites the
   * caller's), nested relation writes are refused, and composite foreign keys keep an entry inside
   * its organisation. They run on a separate pair of organisations (C, D), as a regression would write.
   */
  describe('closed gaps', () => {
    let c: Org;
    let d: Org;
    let scopedC: ScopedDb;
    beforeAll(async () => {
      c = await makeOrg(prisma, 'Gamma');
      d = await makeOrg(prisma, 'Delta');
      scopedC = forOrg(prisma, c.orgId);
    });

    // scopeArgs OVERWRITES `where.id` with the caller's org id for Organization (and
    // `where.organizationId` elsewhere): asked for D, it answers C and would update C.
    it("Organization — another organisation's id is not found", async () => {
      expect(await scopedC.organization.findUnique({ where: { id: d.orgId } })).toBeNull();
      expect(await errorCode(scopedC.organization.update({ where: { id: d.orgId }, data: { name: 'renamed' } }))).toBe('P2025');
    });

    // Nested relation writes are not scoped: a connect moves D's entry onto C's customer.
    it("a nested connect cannot move another organisation's row", async () => {
      const entry = d.entries[0] as string;
      await scopedC.customer.update({ where: { id: c.customers[0] as string }, data: { workEntries: { connect: { id: entry } } } }).catch(() => undefined);
      expect((await prisma.workEntry.findUniqueOrThrow({ where: { id: entry } })).customerId).not.toBe(c.customers[0]);
    });

    // …and a nested create may carry another organisation's id.
    it('a nested create cannot write into another organisation', async () => {
      const id = newId();
      const hour = Date.parse('2026-05-04T08:00:00Z');
      await scopedC.customer.update({
        where: { id: c.customers[0] as string },
        data: { workEntries: { create: {
          id, organizationId: d.orgId, userId: d.users[0] as string, categoryId: d.categories[0] as string,
          startedAt: new Date(hour), stoppedAt: new Date(hour + 3_600_000), source: 'MANUAL', createdById: d.users[0] as string,
        } } } as Prisma.CustomerUncheckedUpdateInput,
      }).catch(() => undefined);
      expect(await prisma.workEntry.count({ where: { id, organizationId: d.orgId } })).toBe(0);
    });

    // Foreign keys are single-column, so nothing but service code keeps an entry of C from
    // pointing at D's customer — whose name `include: { customer: true }` then shows to C.
    it("a foreign key cannot point at another organisation's row", async () => {
      const hour = Date.parse('2026-05-05T08:00:00Z');
      const made = await scopedC.workEntry.create({ data: {
        id: newId(), userId: c.users[0] as string, customerId: d.customers[0] as string, categoryId: c.categories[0] as string,
        startedAt: new Date(hour), stoppedAt: new Date(hour + 3_600_000), source: 'MANUAL', createdById: c.users[0] as string,
      } as Prisma.WorkEntryUncheckedCreateInput }).catch(() => null);
      expect(made).toBeNull();
    });
  });
});
