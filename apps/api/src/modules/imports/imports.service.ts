import {
  AppError,
  type ImportDryRun,
  type ImportFormat,
  type ImportList,
  type ImportResult,
  type ImportUserMap,
} from '@workdiary/shared';
import { Prisma } from '../../generated/prisma/client.ts';
import { scopedSql } from '../../db/scoped-sql.ts';

/** A row for the scoped client, which adds the organisation itself. */
type Scoped<T> = Omit<T, 'organizationId'>;
const audit = (row: Scoped<Prisma.AuditEventUncheckedCreateInput>) => row as Prisma.AuditEventUncheckedCreateInput;
import { newId } from '../../db/ids.ts';
import type { ScopedDb, ScopedTx } from '../../db/scoped.ts';
import { lockOrder, lockUserEntries } from '../../domain/entry-rules.ts';
import { lockedMonths, monthLockedError, monthsOfSpan } from '../../domain/month-lock.ts';
import type { EventBus } from '../../lib/events.ts';
import type { Actor } from '../../lib/permissions.ts';
import { yieldToLoop } from '../../lib/loop-slices.ts';
import type { OrgContext } from '../../lib/types.ts';
import { dryRunOf, planImport, prepareImport, type Plan } from './plan.ts';
import type { FileBytes } from './parsers/csv.ts';

/**
 * Rows per INSERT statement (the DayFigure triggers run once per statement), with a turn of the
 * loop between statements. PostgreSQL: Prisma hands a statement's parameters on in one synchronous
 * stretch (~4 ms per 1,000 rows even as array text), so 5,000 rows keep it short. PGlite runs the
 * statement itself on this thread, entries, their audit events and the day figures together
 * (~0.2 ms a row): 250 rows keep a statement, and so a block of the loop, to ~50 ms (median of
 * 400, bench imports; the longest ~0.2–0.3 s, which 100 rows did not shorten).
 */
const CHUNK = { postgres: 5_000, pglite: 250 } as const;
/** Rows turned into array text between two turns of the event loop. */
const ROWS_PER_TURN = 500;

/** A PostgreSQL array literal's element: always quoted, backslashes and quotes escaped. */
const element = (v: string) => `"${v.replace(/[\\"]/g, '\\$&')}"`;

/**
 * The columns of `rows` as PostgreSQL array literals ('{"a","b"}'), built in slices with a turn
 * of the loop between them. Passed as one text parameter each, the driver sends them as they are:
 * JS arrays as parameters were serialised element by element (Prisma, then pg) in one synchronous
 * stretch of ~200 ms per 20,000 rows (bench/imports.ts measures the longest stretch).
 */
async function arrayLiterals<T>(rows: readonly T[], columns: Array<(row: T) => string>): Promise<string[]> {
  const parts = columns.map(() => [] as string[]);
  for (let i = 0; i < rows.length; i += ROWS_PER_TURN) {
    if (i > 0) await yieldToLoop();
    const slice = rows.slice(i, i + ROWS_PER_TURN);
    columns.forEach((column, c) => parts[c]?.push(slice.map((row) => element(column(row))).join(',')));
  }
  return parts.map((p) => `{${p.join(',')}}`);
}

const key = (name: string) => name.trim().toLowerCase();

/**
 * The rows person by person, each person's in the file's order. The day figures are refreshed once
 * per person and statement, over that person's days in it: a statement of one or two people's
 * consecutive rows refreshes a few days of theirs, where one of every person's (a file in date
 * order) refreshed some days of each of fifty people, 20,000 refreshes for 100,000 rows on PGlite.
 */
async function byPerson<T extends { userId: string }>(rows: readonly T[]): Promise<T[]> {
  const groups = new Map<string, T[]>();
  for (let i = 0; i < rows.length; i++) {
    if (i > 0 && i % (ROWS_PER_TURN * 10) === 0) await yieldToLoop();
    const row = rows[i] as T;
    const group = groups.get(row.userId);
    if (group) group.push(row);
    else groups.set(row.userId, [row]);
  }
  return [...groups.values()].flat();
}

/** An entry's audit snapshot (the wire entry, as toWireEntry gives it) plus its import's id, built by the database. */
const iso = (column: string) => Prisma.raw(`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);
const snapshotSql = Prisma.sql`jsonb_build_object(
  'id', e.id, 'userId', e."userId", 'customerId', e."customerId", 'categoryId', e."categoryId",
  'startedAt', ${iso('e."startedAt"')}, 'stoppedAt', ${iso('e."stoppedAt"')}, 'note', e.note, 'source', e.source, 'flagged', e.flagged,
  'user', jsonb_build_object('id', u.id, 'name', u.name), 'customer', jsonb_build_object('id', c.id, 'name', c.name),
  'category', jsonb_build_object('id', k.id, 'name', k.name, 'archived', k.archived), 'importId', e."importId")`;
const snapshotJoins = Prisma.sql`JOIN "User" u ON u.id = e."userId" JOIN "Customer" c ON c.id = e."customerId" JOIN "Category" k ON k.id = e."categoryId"`;
/** An import of 100,000 rows takes a while; the default 5 s of an interactive transaction would cut it off. */
const TX_OPTIONS = { timeout: 10 * 60_000, maxWait: 30_000 };

export type ImportRequest = {
  db: ScopedDb;
  org: OrgContext;
  actor: Actor;
  events: EventBus;
  format: ImportFormat;
  /** The file: its chunks as they arrived, or one buffer. */
  buffer: FileBytes;
  fileName: string;
  timeZone?: string;
  userMap: ImportUserMap;
  dryRun: boolean;
  now: Date;
  /** The database engine, for the size of the write statements (CHUNK). */
  engine: keyof typeof CHUNK;
};

function invalid(plan: Plan): AppError {
  const n = plan.errors.length;
  return new AppError('IMPORT_INVALID', `${n} row${n === 1 ? '' : 's'} of the file cannot be imported: nothing was imported. Correct ${n === 1 ? 'it' : 'them'} (or map the unknown people) and try again.`, { errors: plan.errors });
}

/** POST /api/imports: the dry run (nothing written) or the import (all or nothing). */
export async function importFile(req: ImportRequest): Promise<{ dryRun: ImportDryRun } | { result: ImportResult }> {
  const tz = req.timeZone || req.org.timeZone;
  const prepared = await prepareImport({ db: req.db, format: req.format, buffer: req.buffer, tz, userMap: req.userMap, now: req.now });
  if (req.dryRun) return { dryRun: dryRunOf(await planImport({ db: req.db, prepared, tz })) };
  // Refused before any lock: the same full list of error rows as the dry run's.
  if (prepared.errors.length > 0) throw invalid(await planImport({ db: req.db, prepared, tz }));

  const { result, plan } = await req.db.$transaction(async (tx) => {
    const people = await lockOrder(tx, [...new Set(prepared.candidates.map((c) => c.userId))].map((id) => ({ id })));
    for (const p of people) await lockUserEntries(tx, p.id);
    const planned = await planImport({ db: tx, prepared, tz });
    if (planned.errors.length > 0) throw invalid(planned);
    return { result: await writePlan(tx, planned, { ...req, tz }), plan: planned };
  }, TX_OPTIONS);
  if (plan.newCategories.length > 0) req.events.publish(req.actor.orgId, { type: 'settings.changed', what: 'categories' });
  if (result.created.entries > 0 || plan.newCustomers.length > 0) req.events.publish(req.actor.orgId, { type: 'resync' });
  return { result };
}

async function writePlan(tx: ScopedTx, plan: Plan, req: ImportRequest & { tz: string }): Promise<ImportResult> {
  const importId = newId();
  const customers = new Map(plan.existingCustomers);
  const categories = new Map(plan.existingCategories);
  const newCustomerRows = plan.newCustomers.map((name) => ({ id: newId(), name }));
  const newCategoryRows = plan.newCategories.map((name) => ({ id: newId(), name }));
  for (const c of newCustomerRows) customers.set(key(c.name), c.id);
  for (const c of newCategoryRows) categories.set(key(c.name), c.id);
  const toCreate = await byPerson(plan.entries.filter((e) => !e.duplicate));
  const duplicates = plan.entries.length - toCreate.length;

  await tx.import.create({
    data: {
      id: importId, createdById: req.actor.userId, format: req.format, fileName: req.fileName, timeZone: req.tz, rows: plan.total,
      entriesCreated: toCreate.length, customersCreated: newCustomerRows.length, categoriesCreated: newCategoryRows.length, duplicatesSkipped: duplicates,
    } as Prisma.ImportUncheckedCreateInput,
  });
  if (newCustomerRows.length > 0) await tx.customer.createMany({ data: newCustomerRows as Prisma.CustomerCreateManyInput[] });
  if (newCategoryRows.length > 0) await tx.category.createMany({ data: newCategoryRows as Prisma.CategoryCreateManyInput[] });

  const actor = req.actor.userId;
  const scope = scopedSql(req.actor.orgId);
  // One statement per chunk (the DayFigure triggers run once per statement): the entries, joined to
  // the organisation's users so a row can only land on a person of this organisation, and each
  // one's IMPORT audit event, its snapshot holding the import's id.
  const chunk = CHUNK[req.engine];
  for (let i = 0; i < toCreate.length; i += chunk) {
    if (i > 0) await yieldToLoop();
    const [u, c, k, s, e, n] = await arrayLiterals(toCreate.slice(i, i + chunk), [
      (r) => r.userId,
      (r) => customers.get(key(r.customerName)) as string,
      (r) => categories.get(key(r.categoryName)) as string,
      (r) => r.startedAt.toISOString(),
      (r) => r.stoppedAt.toISOString(),
      (r) => r.note,
    ]);
    await tx.$executeRaw(scope.query`
      WITH e AS (
        INSERT INTO "WorkEntry" ("id", "organizationId", "userId", "customerId", "categoryId", "startedAt", "stoppedAt", "note", "source", "flagged", "createdById", "updatedById", "importId", "updatedAt")
        SELECT gen_random_uuid()::text, u."organizationId", t.u, t.c, t.k, t.s, t.e, t.n, 'MANUAL', false, ${actor}, ${actor}, ${importId}, now()
          FROM unnest(${u}::text[], ${c}::text[], ${k}::text[], ${s}::timestamptz[], ${e}::timestamptz[], ${n}::text[]) AS t(u, c, k, s, e, n)
          JOIN "User" u ON u.id = t.u
         WHERE ${scope.where('u')}
        RETURNING *
      )
      INSERT INTO "AuditEvent" ("id", "organizationId", "entityType", "entityId", "action", "actorId", "after")
      SELECT gen_random_uuid()::text, e."organizationId", 'WorkEntry', e.id, 'IMPORT', ${actor}, ${snapshotSql}
        FROM e ${snapshotJoins}`);
  }
  await tx.auditEvent.create({
    data: audit({
      id: newId(), entityType: 'Import', entityId: importId, action: 'CREATE', actorId: actor,
      after: { importId, format: req.format, fileName: req.fileName, entries: toCreate.length, customers: newCustomerRows.length, categories: newCategoryRows.length, duplicates },
    }),
  });
  return {
    id: importId,
    created: { entries: toCreate.length, customers: newCustomerRows.length, categories: newCategoryRows.length },
    skipped: { duplicates },
  };
}

/** GET /api/imports: the organisation's imports, newest first (the latest 200). */
export async function listImports({ db }: { db: ScopedDb }): Promise<ImportList> {
  const rows = await db.import.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 200 });
  const ids = [...new Set(rows.flatMap((r) => [r.createdById, ...(r.undoneById ? [r.undoneById] : [])]))];
  const people = new Map((await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [u.id, u]));
  const ref = (id: string) => people.get(id) ?? { id, name: '' };
  return {
    items: rows.map((r) => ({
      id: r.id,
      format: r.format as ImportFormat,
      fileName: r.fileName,
      timeZone: r.timeZone,
      createdAt: r.createdAt.toISOString(),
      createdBy: ref(r.createdById),
      rows: r.rows,
      created: { entries: r.entriesCreated, customers: r.customersCreated, categories: r.categoriesCreated },
      skipped: { duplicates: r.duplicatesSkipped },
      undoneAt: r.undoneAt?.toISOString() ?? null,
      undoneBy: r.undoneById ? ref(r.undoneById) : null,
    })),
  };
}

/**
 * DELETE /api/imports/:id: deletes the entries the import created (those still carrying its id,
 * edited or not) in one statement, each audited, while every month they touch is open for its
 * person (else 409 MONTH_LOCKED naming the month). Customers and categories it created stay.
 * Returns how many entries it deleted.
 */
export async function undoImport({ db, org, actor, events, id, now }: { db: ScopedDb; org: OrgContext; actor: Actor; events: EventBus; id: string; now: Date }): Promise<number> {
  const record = await db.import.findFirst({ where: { id } });
  if (!record) throw new AppError('NOT_FOUND', 'This import does not exist.');
  if (record.undoneAt) throw new AppError('CONFLICT', 'This import was already undone.');
  const deleted = await db.$transaction(async (tx) => {
    const users = await tx.workEntry.findMany({ where: { importId: id }, select: { userId: true }, distinct: ['userId'] });
    for (const u of await lockOrder(tx, users.map((x) => ({ id: x.userId })))) await lockUserEntries(tx, u.id);
    const current = await tx.import.findFirst({ where: { id } });
    if (!current || current.undoneAt) throw new AppError('CONFLICT', 'This import was already undone.');
    const entries = await tx.workEntry.findMany({ where: { importId: id }, select: { userId: true, startedAt: true, stoppedAt: true } });
    const monthsByUser = new Map<string, Set<string>>();
    for (const e of entries) {
      const set = monthsByUser.get(e.userId) ?? new Set<string>();
      for (const m of monthsOfSpan(e.startedAt, e.stoppedAt, org.timeZone)) set.add(m);
      monthsByUser.set(e.userId, set);
    }
    for (const [userId, months] of monthsByUser) {
      const [locked] = await lockedMonths(tx, userId, [...months]);
      if (locked) throw monthLockedError(locked, userId);
    }
    // Each deleted entry audited with its last state (and the import's id), then one DELETE.
    const scope = scopedSql(actor.orgId);
    await tx.$executeRaw(scope.query`
      INSERT INTO "AuditEvent" ("id", "organizationId", "entityType", "entityId", "action", "actorId", "before")
      SELECT gen_random_uuid()::text, e."organizationId", 'WorkEntry', e.id, 'DELETE', ${actor.userId}, ${snapshotSql}
        FROM "WorkEntry" e ${snapshotJoins}
       WHERE ${scope.where('e', Prisma.sql`e."importId" = ${id}`)}`);
    await tx.workEntry.deleteMany({ where: { importId: id } });
    await tx.import.updateMany({ where: { id }, data: { undoneAt: now, undoneById: actor.userId } });
    await tx.auditEvent.create({
      data: audit({ id: newId(), entityType: 'Import', entityId: id, action: 'DELETE', actorId: actor.userId, before: { importId: id, entries: entries.length } }),
    });
    return entries.length;
  }, TX_OPTIONS);
  events.publish(actor.orgId, { type: 'resync' });
  return deleted;
}
