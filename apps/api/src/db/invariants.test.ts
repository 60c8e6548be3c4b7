/**
 * The invariants the DATABASE holds by itself (prisma/migrations/…/migration.sql), checked with
 * raw SQL and through Prisma, without any application code in between.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from '../config/env.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { freshDatabase } from '../test/database.ts';
import type { Database } from './engine.ts';
import { newId } from './ids.ts';

const env = readEnv({ NODE_ENV: 'test' });
const engine = env.TEST_DATABASE_URL ? 'postgres' : 'pglite';

type Org = { orgId: string; alice: string; bob: string; customer: string; category: string };

async function makeOrg(prisma: PrismaClient, tag: string): Promise<Org> {
  const orgId = newId();
  const short = orgId.slice(0, 8);
  await prisma.organization.create({ data: { id: orgId, name: `Org ${tag}`, timeZone: 'Europe/Berlin', currency: 'EUR' } });
  const alice = newId();
  const bob = newId();
  await prisma.user.createMany({ data: [
    { id: alice, organizationId: orgId, email: `alice-${short}@test.example`, name: 'Alice' },
    { id: bob, organizationId: orgId, email: `bob-${short}@test.example`, name: 'Bob' },
  ] });
  const customer = newId();
  await prisma.customer.create({ data: { id: customer, organizationId: orgId, name: 'Acme Ltd' } });
  const category = newId();
  await prisma.category.create({ data: { id: category, organizationId: orgId, name: 'Regular Hours' } });
  return { orgId, alice, bob, customer, category };
}

/** What a rejected raw query or Prisma call says about the violated constraint. */
function violation(reason: unknown): { prismaCode?: string; sqlState?: string; message: string } {
  const err = reason as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } } } };
  const cause = err.meta?.driverAdapterError?.cause;
  if (typeof err.code === 'string' && err.code.startsWith('P')) {
    return { prismaCode: err.code, sqlState: cause?.originalCode, message: cause?.originalMessage ?? String(err.message) };
  }
  return { sqlState: typeof err.code === 'string' ? err.code : undefined, message: String(err.message) };
}

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (err) {
    return violation(err);
  }
  throw new Error('expected the database to refuse, but it accepted');
}

describe(`database invariants (${engine})`, () => {
  let db: Database;
  let prisma: PrismaClient;
  let a: Org;
  let b: Org;

  beforeAll(async () => {
    db = await freshDatabase(env.TEST_DATABASE_URL);
    prisma = db.prisma;
    a = await makeOrg(prisma, 'A');
    b = await makeOrg(prisma, 'B');
  });
  afterAll(async () => {
    await db?.close();
  });

  const entry = (org: Org, userId: string, startedAt: Date, stoppedAt: Date | null = null) => ({
    id: newId(), organizationId: org.orgId, userId, customerId: org.customer, categoryId: org.category,
    startedAt, stoppedAt, source: 'TIMER' as const, createdById: userId,
  });
  const insertRunningRaw = (org: Org, userId: string) =>
    db.unscoped.query(
      `INSERT INTO "WorkEntry" ("id", "organizationId", "userId", "customerId", "categoryId", "startedAt", "source", "createdById", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, now(), 'TIMER', $3, now())`,
      [newId(), org.orgId, userId, org.customer, org.category],
    );
  const running = (userId: string) => prisma.workEntry.count({ where: { userId, stoppedAt: null } });
  const stopAll = (userId: string) => db.unscoped.query(`UPDATE "WorkEntry" SET "stoppedAt" = "startedAt" + interval '1 second' WHERE "userId" = $1 AND "stoppedAt" IS NULL`, [userId]);

  describe('at most one running entry per user (partial unique index)', () => {
    it('50 parallel raw INSERTs: exactly one succeeds, 49 get a unique violation on WorkEntry_userId_running_key', async () => {
      const results = await Promise.allSettled(Array.from({ length: 50 }, () => insertRunningRaw(a, a.alice)));
      const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => violation(r.reason));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(failures).toHaveLength(49);
      for (const f of failures) {
        expect(f.sqlState).toBe('23505');
        expect(f.message).toContain('WorkEntry_userId_running_key');
      }
      expect(await running(a.alice)).toBe(1);
      await stopAll(a.alice);
    });

    it('50 parallel Prisma creates: exactly one succeeds, 49 are P2002', async () => {
      const results = await Promise.allSettled(Array.from({ length: 50 }, () => prisma.workEntry.create({ data: entry(a, a.alice, new Date()) })));
      const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => violation(r.reason));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(failures).toHaveLength(49);
      for (const f of failures) {
        expect(f.prismaCode).toBe('P2002');
        expect(f.message).toContain('WorkEntry_userId_running_key');
      }
      expect(await running(a.alice)).toBe(1);
    });

    it('is per user: others may run at the same time, stopped entries do not count, and re-opening a stopped entry is refused while one runs', async () => {
      expect(await running(a.alice)).toBe(1);
      await prisma.workEntry.create({ data: entry(a, a.bob, new Date()) });
      await prisma.workEntry.create({ data: entry(b, b.alice, new Date()) });
      const start = new Date(Date.now() - 3_600_000);
      const stopped = await prisma.workEntry.create({ data: entry(a, a.alice, start, new Date(start.getTime() + 60_000)) });
      await prisma.workEntry.create({ data: entry(a, a.alice, new Date(start.getTime() + 120_000), new Date(start.getTime() + 180_000)) });
      const reopen = await rejection(prisma.workEntry.update({ where: { id: stopped.id }, data: { stoppedAt: null } }));
      expect(reopen.prismaCode).toBe('P2002');
      expect(await running(a.alice)).toBe(1);
      await stopAll(a.alice);
      await prisma.workEntry.update({ where: { id: stopped.id }, data: { stoppedAt: null } });
      expect(await running(a.alice)).toBe(1);
      await stopAll(a.alice);
      await stopAll(a.bob);
      await stopAll(b.alice);
    });
  });

  describe('stoppedAt > startedAt (CHECK WorkEntry_stop_after_start_check)', () => {
    const t = new Date('2026-03-02T08:00:00.000Z');

    it('refuses stoppedAt equal to or before startedAt, raw and through Prisma, on insert and update', async () => {
      for (const stoppedAt of [t, new Date(t.getTime() - 1)]) {
        const viaPrisma = await rejection(prisma.workEntry.create({ data: entry(a, a.bob, t, stoppedAt) }));
        expect(viaPrisma.sqlState).toBe('23514');
        expect(viaPrisma.message).toContain('WorkEntry_stop_after_start_check');
      }
      const raw = await rejection(db.unscoped.query(
        `INSERT INTO "WorkEntry" ("id", "organizationId", "userId", "customerId", "categoryId", "startedAt", "stoppedAt", "source", "createdById", "updatedAt")
         VALUES ($1, $2, $3, $4, $5, $6, $6, 'MANUAL', $3, now())`,
        [newId(), a.orgId, a.bob, a.customer, a.category, t.toISOString()],
      ));
      expect(raw.sqlState).toBe('23514');
      expect(raw.message).toContain('WorkEntry_stop_after_start_check');

      const ok = await prisma.workEntry.create({ data: entry(a, a.bob, t, new Date(t.getTime() + 1)) });
      const update = await rejection(prisma.workEntry.update({ where: { id: ok.id }, data: { startedAt: new Date(t.getTime() + 5) } }));
      expect(update.sqlState).toBe('23514');
      const rawUpdate = await rejection(db.unscoped.query(`UPDATE "WorkEntry" SET "stoppedAt" = "startedAt" - interval '1 minute' WHERE "id" = $1`, [ok.id]));
      expect(rawUpdate.sqlState).toBe('23514');
      const row = await prisma.workEntry.findUniqueOrThrow({ where: { id: ok.id } });
      expect(row.stoppedAt?.getTime()).toBe(t.getTime() + 1);
    });
  });

  describe('category names: unique per organisation ignoring case, trimmed, 1–60 characters', () => {
    it('refuses the same name in another case in the same organisation (P2002), raw and through Prisma', async () => {
      for (const name of ['Regular Hours', 'regular hours', 'REGULAR HOURS']) {
        const r = await rejection(prisma.category.create({ data: { id: newId(), organizationId: a.orgId, name } }));
        expect(r.prismaCode).toBe('P2002');
        expect(r.message).toContain('Category_organizationId_lower_name_key');
      }
      const raw = await rejection(db.unscoped.query(`INSERT INTO "Category" ("id", "organizationId", "name") VALUES ($1, $2, 'rEgUlAr hOuRs')`, [newId(), a.orgId]));
      expect(raw.sqlState).toBe('23505');
      expect(await prisma.category.count({ where: { organizationId: a.orgId } })).toBe(1);
    });

    it('refuses renaming onto another name in other case, but allows the name in another organisation and a case change of itself', async () => {
      const support = await prisma.category.create({ data: { id: newId(), organizationId: a.orgId, name: 'Support' } });
      const rename = await rejection(prisma.category.update({ where: { id: support.id }, data: { name: 'regular HOURS' } }));
      expect(rename.prismaCode).toBe('P2002');
      await prisma.category.update({ where: { id: support.id }, data: { name: 'SUPPORT' } });
      await prisma.category.create({ data: { id: newId(), organizationId: b.orgId, name: 'support' } });
      // Archived categories still hold their name: the index covers every row.
      await prisma.category.update({ where: { id: support.id }, data: { archived: true } });
      expect((await rejection(prisma.category.create({ data: { id: newId(), organizationId: a.orgId, name: 'Support' } }))).prismaCode).toBe('P2002');
    });

    it('refuses untrimmed, empty and over-long names (CHECK Category_name_check)', async () => {
      for (const name of [' Padded', 'Padded ', '', '   ', 'x'.repeat(61)]) {
        const r = await rejection(prisma.category.create({ data: { id: newId(), organizationId: b.orgId, name } }));
        expect(r.sqlState, JSON.stringify(name)).toBe('23514');
        expect(r.message).toContain('Category_name_check');
      }
      await prisma.category.create({ data: { id: newId(), organizationId: b.orgId, name: 'y'.repeat(60) } });
      await prisma.category.create({ data: { id: newId(), organizationId: b.orgId, name: 'Ü' } });
    });
  });

  describe('emails are stored lower-case (CHECK User_email_lower_check) and unique', () => {
    it('refuses a mixed-case email on insert and update, raw and through Prisma', async () => {
      const insert = await rejection(prisma.user.create({ data: { id: newId(), organizationId: a.orgId, email: 'Carol@Test.example', name: 'Carol' } }));
      expect(insert.sqlState).toBe('23514');
      expect(insert.message).toContain('User_email_lower_check');
      const update = await rejection(prisma.user.update({ where: { id: a.bob }, data: { email: 'BOB@test.example' } }));
      expect(update.sqlState).toBe('23514');
      const raw = await rejection(db.unscoped.query(`UPDATE "User" SET "email" = upper("email") WHERE "id" = $1`, [a.alice]));
      expect(raw.sqlState).toBe('23514');
      expect(raw.message).toContain('User_email_lower_check');
      await prisma.user.create({ data: { id: newId(), organizationId: a.orgId, email: 'carol@test.example', name: 'Carol' } });
    });

    it('so the unique email is unique ignoring case, across organisations too', async () => {
      const again = await rejection(prisma.user.create({ data: { id: newId(), organizationId: b.orgId, email: 'carol@test.example', name: 'Carol B' } }));
      expect(again.prismaCode).toBe('P2002');
      expect(again.message).toContain('User_email_key');
    });
  });

  describe('work rules: one organisation-default row per organisation, seven weekdays', () => {
    const week = [480, 480, 480, 480, 480, 0, 0];

    it('refuses a second default row (userId null) for the same organisation, raw and through Prisma', async () => {
      await prisma.workRules.create({ data: { id: newId(), organizationId: a.orgId, requiredMinutes: week } });
      const second = await rejection(prisma.workRules.create({ data: { id: newId(), organizationId: a.orgId, requiredMinutes: week } }));
      expect(second.prismaCode).toBe('P2002');
      expect(second.message).toContain('WorkRules_organizationId_default_key');
      const raw = await rejection(db.unscoped.query(`INSERT INTO "WorkRules" ("id", "organizationId", "requiredMinutes", "updatedAt") VALUES ($1, $2, '{0,0,0,0,0,0,0}', now())`, [newId(), a.orgId]));
      expect(raw.sqlState).toBe('23505');
      expect(await prisma.workRules.count({ where: { organizationId: a.orgId, userId: null } })).toBe(1);
    });

    it('allows per-user rows beside it (one per user) and a default row in another organisation', async () => {
      await prisma.workRules.create({ data: { id: newId(), organizationId: a.orgId, userId: a.alice, requiredMinutes: week } });
      await prisma.workRules.create({ data: { id: newId(), organizationId: a.orgId, userId: a.bob, requiredMinutes: week } });
      await prisma.workRules.create({ data: { id: newId(), organizationId: b.orgId, requiredMinutes: week } });
      const twice = await rejection(prisma.workRules.create({ data: { id: newId(), organizationId: a.orgId, userId: a.alice, requiredMinutes: week } }));
      expect(twice.prismaCode).toBe('P2002');
      expect(twice.message).toContain('WorkRules_userId_key');
    });

    it('refuses required minutes that are not seven weekdays (CHECK WorkRules_requiredMinutes_check)', async () => {
      for (const requiredMinutes of [[480, 480, 480, 480, 480, 0], [...week, 0], [0]]) {
        const r = await rejection(prisma.workRules.updateMany({ where: { organizationId: a.orgId, userId: null }, data: { requiredMinutes } }));
        expect(r.sqlState, JSON.stringify(requiredMinutes)).toBe('23514');
        expect(r.message).toContain('WorkRules_requiredMinutes_check');
      }
      const row = await prisma.workRules.findFirstOrThrow({ where: { organizationId: a.orgId, userId: null } });
      expect(row.requiredMinutes).toEqual(week);
    });

    // The first CHECK used array_length(), NULL for '{}' and NULL arrays (and a NULL CHECK passes);
    // migration 20261126000100 replaced it with one on cardinality() and non-null elements.
    it('refuses an empty requiredMinutes array', async () => {
      const c = await makeOrg(prisma, 'C');
      const r = await rejection(prisma.workRules.create({ data: { id: newId(), organizationId: c.orgId, requiredMinutes: [] } }));
      expect(r.sqlState).toBe('23514');
    });

    it('refuses a NULL requiredMinutes', async () => {
      const d = await makeOrg(prisma, 'D');
      const r = await rejection(db.unscoped.query(`INSERT INTO "WorkRules" ("id", "organizationId", "requiredMinutes", "updatedAt") VALUES ($1, $2, NULL, now())`, [newId(), d.orgId]));
      expect(r.sqlState).toBe('23514');
    });
  });
});
