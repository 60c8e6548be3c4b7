import {
  AppError,
  type ImportDryRun,
  type ImportFormat,
  type ImportList,
  type ImportResult,
  type ImportUserMap,
} from '@workdiary/shared';
import type { Prisma } from '../../generated/prisma/client.ts';

/** A row for the scoped client, which adds the organisation itself. */
type Scoped<T> = Omit<T, 'organizationId'>;
const audits = (rows: Array<Scoped<Prisma.AuditEventCreateManyInput>>) => rows as Prisma.AuditEventCreateManyInput[];
const audit = (row: Scoped<Prisma.AuditEventUncheckedCreateInput>) => row as Prisma.AuditEventUncheckedCreateInput;
import { newId } from '../../db/ids.ts';
import type { ScopedDb, ScopedTx } from '../../db/scoped.ts';
import { lockOrder, lockUserEntries } from '../../domain/entry-rules.ts';
import { entryInclude, toWireEntry } from '../../domain/entry.mapper.ts';
import { lockedMonths, monthLockedError, monthsOfSpan } from '../../domain/month-lock.ts';
import type { EventBus } from '../../lib/events.ts';
import type { Actor } from '../../lib/permissions.ts';
import type { OrgContext } from '../../lib/types.ts';
import { dryRunOf, planImport, prepareImport, type Plan } from './plan.ts';

/** Rows per INSERT statement: one multi-row statement per chunk (entries, then their audit events). */
const CHUNK = 2_000;
/** An import of 100,000 rows takes a while; the default 5 s of an interactive transaction would cut it off. */
const TX_OPTIONS = { timeout: 10 * 60_000, maxWait: 30_000 };

export type ImportRequest = {
  db: ScopedDb;
  org: OrgContext;
  actor: Actor;
  events: EventBus;
  format: ImportFormat;
  buffer: Buffer;
  fileName: string;
  timeZone?: string;
  userMap: ImportUserMap;
  dryRun: boolean;
  now: Date;
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
  for (const c of newCustomerRows) customers.set(c.name.trim().toLowerCase(), c.id);
  for (const c of newCategoryRows) categories.set(c.name.trim().toLowerCase(), c.id);
  const toCreate = plan.entries.filter((e) => !e.duplicate);
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
  for (let i = 0; i < toCreate.length; i += CHUNK) {
    const chunk = toCreate.slice(i, i + CHUNK).map((e) => ({
      id: newId(), userId: e.userId,
      customerId: customers.get(e.customerName.trim().toLowerCase()) as string, categoryId: categories.get(e.categoryName.trim().toLowerCase()) as string,
      startedAt: e.startedAt, stoppedAt: e.stoppedAt, note: e.note, source: 'MANUAL' as const, flagged: false,
      createdById: actor, updatedById: actor, importId,
      customerName: e.customerName, categoryName: e.categoryName,
    }));
    await tx.workEntry.createMany({
      data: chunk.map(({ customerName: _c, categoryName: _g, ...row }) => row) as Prisma.WorkEntryCreateManyInput[],
    });
    await tx.auditEvent.createMany({
      data: audits(chunk.map((e) => ({
        id: newId(), entityType: 'WorkEntry', entityId: e.id, action: 'IMPORT' as const, actorId: actor,
        after: {
          id: e.id, userId: e.userId, customerId: e.customerId, categoryId: e.categoryId,
          startedAt: e.startedAt.toISOString(), stoppedAt: e.stoppedAt.toISOString(), note: e.note, source: e.source, flagged: false,
          user: { id: e.userId, name: plan.userNames.get(e.userId) ?? '' },
          customer: { id: e.customerId, name: e.customerName },
          category: { id: e.categoryId, name: e.categoryName, archived: false },
          importId,
        },
      }))),
    });
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
 */
export async function undoImport({ db, org, actor, events, id, now }: { db: ScopedDb; org: OrgContext; actor: Actor; events: EventBus; id: string; now: Date }): Promise<void> {
  const record = await db.import.findFirst({ where: { id } });
  if (!record) throw new AppError('NOT_FOUND', 'This import does not exist.');
  if (record.undoneAt) throw new AppError('CONFLICT', 'This import was already undone.');
  await db.$transaction(async (tx) => {
    const users = await tx.workEntry.findMany({ where: { importId: id }, select: { userId: true }, distinct: ['userId'] });
    for (const u of await lockOrder(tx, users.map((x) => ({ id: x.userId })))) await lockUserEntries(tx, u.id);
    const current = await tx.import.findFirst({ where: { id } });
    if (!current || current.undoneAt) throw new AppError('CONFLICT', 'This import was already undone.');
    const entries = await tx.workEntry.findMany({ where: { importId: id }, include: entryInclude });
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
    await tx.workEntry.deleteMany({ where: { importId: id } });
    for (let i = 0; i < entries.length; i += CHUNK) {
      await tx.auditEvent.createMany({
        data: audits(entries.slice(i, i + CHUNK).map((e) => ({
          id: newId(), entityType: 'WorkEntry', entityId: e.id, action: 'DELETE' as const, actorId: actor.userId,
          before: { ...toWireEntry(e), importId: id } as Prisma.InputJsonObject,
        }))),
      });
    }
    await tx.import.updateMany({ where: { id }, data: { undoneAt: now, undoneById: actor.userId } });
    await tx.auditEvent.create({
      data: audit({ id: newId(), entityType: 'Import', entityId: id, action: 'DELETE', actorId: actor.userId, before: { importId: id, entries: entries.length } }),
    });
  }, TX_OPTIONS);
  events.publish(actor.orgId, { type: 'resync' });
}
