import {
  AppError,
  type AuditEvent,
  type WorkEntry as WireEntry,
  type WorkEntryList,
} from '@workdiary/shared';
import { Prisma } from '../../generated/prisma/client.ts';
import type { SqlRunner } from '../../db/engine.ts';
import { newId } from '../../db/ids.ts';
import type { ScopedDb, ScopedTx } from '../../db/scoped.ts';
import { scopedSql, type ScopedSql } from '../../db/scoped-sql.ts';
import type { EventBus } from '../../lib/events.ts';
import { assertSpansOpen } from '../../domain/month-lock.ts';
import { assertMayActFor, visibleUserId, type Actor } from '../../lib/permissions.ts';
import { recordAudit } from './audit.ts';
import { loadRules } from '../../domain/rules-lookup.ts';
import { enforceRules, enforceRunningStart, lockUserEntries } from '../../domain/entry-rules.ts';
import { entryInclude, toWireEntry } from '../../domain/entry.mapper.ts';
import { rangeBound, resolveCreateTimes, resolvePatchTimes, touchesTimes, type TimeFields } from './entry-times.ts';

import type { OrgContext } from '../../lib/types.ts';

// ---------------------------------------------------------------------------------------------
// List + totals

export type EntryFilter = { customerId?: string; userId?: string; from?: string; to?: string };

type ResolvedFilter = { customerId?: string; userId?: string; from?: Date; to?: Date };

export function resolveFilter(filter: EntryFilter, actor: Actor, tz: string): ResolvedFilter {
  const from = rangeBound(filter.from, 'from', tz);
  const to = rangeBound(filter.to, 'to', tz);
  return { customerId: filter.customerId, userId: visibleUserId(actor, filter.userId, 'entries'), from, to };
}

/** The same filter as the WHERE of a scoped raw query over "WorkEntry" (alias `e`). */
export function filterSql(scope: ScopedSql, f: ResolvedFilter): Prisma.Sql {
  return scope.where('e',
    f.customerId !== undefined && Prisma.sql`e."customerId" = ${f.customerId}`,
    f.userId !== undefined && Prisma.sql`e."userId" = ${f.userId}`,
    f.from && Prisma.sql`e."startedAt" >= ${f.from.toISOString()}::timestamptz`,
    f.to && Prisma.sql`e."startedAt" < ${f.to.toISOString()}::timestamptz`);
}

/**
 * Entries whose start falls in [from, to), newest first, one page of them, plus the count and the
 * minutes of the WHOLE filtered range computed by the database in one aggregate (a running entry
 * counts up to `now`). Each row counts its whole minutes, so the footer equals the sum of the rows.
 */
export async function listEntries({ db, sql, org, actor, filter, limit, offset, now }: {
  db: ScopedDb; sql: SqlRunner; org: OrgContext; actor: Actor; filter: EntryFilter; limit: number; offset: number; now: Date;
}): Promise<WorkEntryList> {
  const f = resolveFilter(filter, actor, org.timeZone);
  const where: Prisma.WorkEntryWhereInput = {
    ...(f.customerId !== undefined ? { customerId: f.customerId } : {}),
    ...(f.userId !== undefined ? { userId: f.userId } : {}),
    ...(f.from || f.to ? { startedAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
  };
  const scope = scopedSql(actor.orgId);
  const [rows, agg] = await Promise.all([
    db.workEntry.findMany({ where, include: entryInclude, orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], skip: offset, take: limit }),
    sql.query<{ total: number | string; minutes: number | string }>(scope.query`
      SELECT count(*)::int AS total,
             COALESCE(SUM(GREATEST(0, FLOOR(EXTRACT(EPOCH FROM (COALESCE(e."stoppedAt", ${now.toISOString()}::timestamptz) - e."startedAt")) / 60))), 0)::bigint AS minutes
        FROM "WorkEntry" e WHERE ${filterSql(scope, f)}`),
  ]);
  const a = agg[0];
  return {
    items: rows.map(toWireEntry),
    total: Number(a?.total ?? 0),
    totalMinutes: Number(a?.minutes ?? 0),
    limit,
    offset,
  };
}

// ---------------------------------------------------------------------------------------------
// Writes

async function assertCustomerUsable(db: ScopedDb | ScopedTx, customerId: string) {
  const customer = await db.customer.findFirst({ where: { id: customerId }, select: { id: true, name: true, archived: true } });
  if (!customer) throw new AppError('NOT_FOUND', 'Customer not found.', { field: 'customerId' });
  if (customer.archived) throw new AppError('CUSTOMER_ARCHIVED', `The customer "${customer.name}" is archived: no new work can be booked on it.`, { field: 'customerId' });
}

async function assertCategoryUsable(db: ScopedDb | ScopedTx, categoryId: string) {
  const category = await db.category.findFirst({ where: { id: categoryId }, select: { id: true, name: true, archived: true } });
  if (!category) throw new AppError('NOT_FOUND', 'Category not found.', { field: 'categoryId' });
  if (category.archived) throw new AppError('CATEGORY_ARCHIVED', `The category "${category.name}" was deleted: choose another one.`, { field: 'categoryId' });
}

function publishChange(events: EventBus, orgId: string, entry: Pick<WireEntry, 'id' | 'userId' | 'customerId'>, action: 'created' | 'updated' | 'deleted') {
  events.publish(orgId, { type: 'entry.changed', userId: entry.userId, entryId: entry.id, customerId: entry.customerId, action });
}

export type CreateEntryInput = TimeFields & { userId?: string; customerId: string; categoryId: string; note: string };

export async function createEntry({ db, org, events, actor, body, now }: {
  db: ScopedDb; org: OrgContext; events: EventBus; actor: Actor; body: CreateEntryInput; now: Date;
}): Promise<WireEntry> {
  const userId = body.userId ?? actor.userId;
  assertMayActFor(actor, userId, 'Members can only add entries for themselves.');
  const user = await db.user.findFirst({ where: { id: userId }, select: { id: true, active: true, name: true } });
  if (!user) throw new AppError('NOT_FOUND', 'User not found.', { field: 'userId' });
  if (!user.active) throw new AppError('USER_INACTIVE', `${user.name} is deactivated: no new entries can be added for them.`, { field: 'userId' });
  await assertCustomerUsable(db, body.customerId);
  await assertCategoryUsable(db, body.categoryId);
  const tz = org.timeZone;
  const { startedAt, stoppedAt } = resolveCreateTimes(body, tz);
  const note = body.note.trim();

  const wire = await db.$transaction(async (tx) => {
    await lockUserEntries(tx, userId);
    await assertSpansOpen({ db: tx, userId, tz, spans: [{ startedAt, stoppedAt }] });
    const rules = await loadRules(tx, userId);
    const { flagged } = await enforceRules({ tx, orgId: actor.orgId, rules, entry: { userId, startedAt, stoppedAt, note }, path: 'create', now, tz });
    const created = await tx.workEntry.create({
      data: {
        id: newId(), userId, customerId: body.customerId, categoryId: body.categoryId, startedAt, stoppedAt, note,
        source: 'MANUAL', flagged, createdById: actor.userId, updatedById: actor.userId,
      } as Prisma.WorkEntryUncheckedCreateInput,
      include: entryInclude,
    });
    const after = toWireEntry(created);
    await recordAudit(tx, { actorId: actor.userId, action: 'CREATE', entityId: created.id, before: null, after });
    return after;
  });
  publishChange(events, actor.orgId, wire, 'created');
  return wire;
}

export type PatchEntryInput = TimeFields & { customerId?: string; categoryId?: string; note?: string };

async function loadWritable(db: ScopedDb | ScopedTx, actor: Actor, id: string) {
  const entry = await db.workEntry.findFirst({ where: { id }, include: entryInclude });
  if (!entry) throw new AppError('NOT_FOUND', 'Entry not found.');
  assertMayActFor(actor, entry.userId, 'Members can only change their own entries.');
  return entry;
}

/** Only `startedAt` among the times: what the timer's edit of a running session may change. */
const onlyStartInstant = (b: TimeFields) => b.startedAt !== undefined && !touchesTimes({ ...b, startedAt: undefined });

/**
 * Edit times, customer, category, note. A running session keeps its times (only the timer stops
 * it: 409 ENTRY_RUNNING) but its customer, category and note may change. Rules are checked when
 * the times or the note change; customer/category are checked for archive only when changed.
 *
 * `timer`: the caller's edit of their own running session (PATCH /api/timer). It may also move
 * the start (`startedAt`), judged by `enforceRunningStart` and the payroll lock over the span up
 * to now; when the session stopped meanwhile it answers 409 TIMER_NOT_RUNNING and changes nothing.
 */
export async function updateEntry({ db, org, events, actor, id, body, now, timer = false }: {
  db: ScopedDb; org: OrgContext; events: EventBus; actor: Actor; id: string; body: PatchEntryInput; now: Date; timer?: boolean;
}): Promise<WireEntry> {
  const first = await loadWritable(db, actor, id);
  const movesRunningStart = timer && onlyStartInstant(body);
  const changesTimes = touchesTimes(body) && !movesRunningStart;
  if (first.stoppedAt === null && changesTimes) {
    throw new AppError('ENTRY_RUNNING', 'This session is still running: its times change when the timer is stopped. Stop it first, then edit it.');
  }
  if (body.customerId !== undefined && body.customerId !== first.customerId) await assertCustomerUsable(db, body.customerId);
  if (body.categoryId !== undefined && body.categoryId !== first.categoryId) await assertCategoryUsable(db, body.categoryId);
  const tz = org.timeZone;

  const result = await db.$transaction(async (tx) => {
    await lockUserEntries(tx, first.userId);
    // Re-read under the lock: the timer may have stopped it or someone deleted it meanwhile.
    const current = await loadWritable(tx, actor, id);
    if (timer && current.stoppedAt !== null) throw new AppError('TIMER_NOT_RUNNING', 'No timer is running. It may have been stopped in another tab.');
    if (current.stoppedAt === null && changesTimes) throw new AppError('ENTRY_RUNNING', 'This session is still running: stop it first, then edit it.');
    const before = toWireEntry(current);
    const times = current.stoppedAt === null
      ? { startedAt: movesRunningStart && body.startedAt ? new Date(body.startedAt) : current.startedAt, stoppedAt: null }
      : resolvePatchTimes(body, { startedAt: current.startedAt, stoppedAt: current.stoppedAt }, tz);
    const startMoved = current.stoppedAt === null && times.startedAt.getTime() !== current.startedAt.getTime();
    // Neither the month it is in nor the month it would move to may be locked (a note counts too);
    // a running session moved to an earlier start: every month from it up to now.
    const spans = startMoved ? [current, { startedAt: times.startedAt, stoppedAt: new Date(Math.max(now.getTime(), times.startedAt.getTime())) }] : [current, times];
    await assertSpansOpen({ db: tx, userId: current.userId, tz, spans });
    if (startMoved) {
      const rules = await loadRules(tx, current.userId);
      await enforceRunningStart({ tx, orgId: actor.orgId, rules, userId: current.userId, entryId: current.id, startedAt: times.startedAt, now, tz });
    }
    const note = body.note !== undefined ? body.note.trim() : current.note;
    const next = {
      customerId: body.customerId ?? current.customerId,
      categoryId: body.categoryId ?? current.categoryId,
      startedAt: times.startedAt,
      stoppedAt: times.stoppedAt,
      note,
    };
    const timesChanged = next.startedAt.getTime() !== current.startedAt.getTime() || (next.stoppedAt?.getTime() ?? null) !== (current.stoppedAt?.getTime() ?? null);
    const changed = timesChanged || next.note !== current.note || next.customerId !== current.customerId || next.categoryId !== current.categoryId;
    if (!changed) return { wire: before, changed: false };

    let flagged = current.flagged;
    if (next.stoppedAt !== null && (timesChanged || next.note !== current.note)) {
      const rules = await loadRules(tx, current.userId);
      const res = await enforceRules({
        tx, orgId: actor.orgId, rules, path: 'edit', now, tz,
        entry: { userId: current.userId, startedAt: next.startedAt, stoppedAt: next.stoppedAt as Date, note: next.note, excludeEntryId: current.id },
      });
      // New times that pass the rules clear a forgotten-timer flag; a note edit leaves it.
      if (timesChanged) flagged = res.flagged;
    }
    const updated = await tx.workEntry.update({
      where: { id: current.id },
      data: { ...next, flagged, updatedById: actor.userId },
      include: entryInclude,
    });
    const after = toWireEntry(updated);
    await recordAudit(tx, { actorId: actor.userId, action: 'UPDATE', entityId: current.id, before, after });
    return { wire: after, changed: true };
  });
  if (result.changed) publishChange(events, actor.orgId, result.wire, 'updated');
  return result.wire;
}

/** Deletes a finished entry (a running one is stopped with the timer first: 409 ENTRY_RUNNING). */
export async function deleteEntry({ db, org, events, actor, id }: { db: ScopedDb; org: OrgContext; events: EventBus; actor: Actor; id: string }): Promise<void> {
  const first = await loadWritable(db, actor, id);
  const wire = await db.$transaction(async (tx) => {
    await lockUserEntries(tx, first.userId);
    const current = await loadWritable(tx, actor, id);
    if (current.stoppedAt === null) throw new AppError('ENTRY_RUNNING', 'This session is still running: stop the timer first, then delete it.');
    await assertSpansOpen({ db: tx, userId: current.userId, tz: org.timeZone, spans: [current] });
    const before = toWireEntry(current);
    await tx.workEntry.delete({ where: { id: current.id } });
    await recordAudit(tx, { actorId: actor.userId, action: 'DELETE', entityId: current.id, before, after: null });
    return before;
  });
  publishChange(events, actor.orgId, wire, 'deleted');
}

// ---------------------------------------------------------------------------------------------
// History

const ownerOf = (snapshot: unknown): string | undefined =>
  snapshot && typeof snapshot === 'object' && 'userId' in snapshot && typeof snapshot.userId === 'string' ? snapshot.userId : undefined;

/** Every AuditEvent of one entry, oldest first; also for an entry that has since been deleted. */
export async function entryHistory({ db, actor, id }: { db: ScopedDb; actor: Actor; id: string }): Promise<AuditEvent[]> {
  const events = await db.auditEvent.findMany({
    where: { entityType: 'WorkEntry', entityId: id },
    include: { actor: { select: { id: true, name: true } } },
    orderBy: [{ at: 'asc' }],
  });
  const entry = await db.workEntry.findFirst({ where: { id }, select: { userId: true } });
  const owner = entry?.userId ?? events.map((e) => ownerOf(e.before) ?? ownerOf(e.after)).find(Boolean);
  if (!entry && events.length === 0) throw new AppError('NOT_FOUND', 'Entry not found.');
  assertMayActFor(actor, owner, 'Members can only see the history of their own entries.');
  return events.map((e) => ({
    id: e.id,
    entityId: e.entityId,
    action: e.action,
    actor: e.actor,
    at: e.at.toISOString(),
    before: e.before ?? null,
    after: e.after ?? null,
  }));
}
