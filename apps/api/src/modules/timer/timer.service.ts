import { AppError, localTimeOf, type CustomerAtWorkItem, type TimerPatchBody, type WorkEntry as WireEntry } from '@workdiary/shared';
import type { Actor } from '../../lib/permissions.ts';
import type { OrgContext } from '../../lib/types.ts';
import { updateEntry } from '../work-entries/work-entries.service.ts';
import type { SqlRunner, UnscopedSql } from '../../db/engine.ts';
import { newId } from '../../db/ids.ts';
import type { ScopedDb, ScopedTx } from '../../db/scoped.ts';
import type { EventBus } from '../../lib/events.ts';
import type { CachedOrg, Named, OrgCache } from '../../lib/org-cache.ts';
import { monthLockedError, openStartForStop } from '../../domain/month-lock.ts';
import { recordAudit } from '../work-entries/audit.ts';
import { checkRules, lockUserEntries, settleClash, type Clash } from '../../domain/entry-rules.ts';
import { entryInclude, toWireEntry } from '../../domain/entry.mapper.ts';
import { readRunning, runStart, runStop, type StatementClash } from './timer-statements.ts';

/**
 * The live timer. The server stamps start and stop (`now` is the server clock); the database's
 * partial unique index on running entries is the referee for "one running timer per user".
 */

// Fifty people (or tabs) may discard at once: wait for a connection and the user's lock patiently.
const TX_OPTIONS = { maxWait: 20_000, timeout: 20_000 };

/** The caller's running entry, or null. */
export async function getRunning({ db, userId }: { db: ScopedDb | ScopedTx; userId: string }): Promise<WireEntry | null> {
  const row = await db.workEntry.findFirst({ where: { userId, stoppedAt: null }, include: entryInclude });
  return row ? toWireEntry(row) : null;
}

/** What the timer's writes run on: raw SQL (one statement each) and the organisation cache. */
/** `unscoped` runs the timer's batched functions, whose rows each carry and check their organisation. */
export type TimerDeps = { sql: SqlRunner; unscoped: UnscopedSql; orgs: OrgCache };

export async function orgOrThrow(orgs: OrgCache, orgId: string): Promise<CachedOrg> {
  const org = await orgs.get(orgId);
  if (!org) throw new AppError('NOT_FOUND', 'This organisation does not exist.');
  return org;
}

/**
 * A customer or category as the cache knows it. An id the cache does not know may be brand new
 * (created a moment ago on another instance, its event still on the way): read the organisation again once.
 */
async function lookup(deps: TimerDeps, org: CachedOrg, pick: (o: CachedOrg) => ReadonlyMap<string, Named>, id: string): Promise<{ org: CachedOrg; found: Named | undefined }> {
  const found = pick(org).get(id);
  if (found) return { org, found };
  deps.orgs.invalidate(org.id);
  const fresh = await orgOrThrow(deps.orgs, org.id);
  return { org: fresh, found: pick(fresh).get(id) };
}

/** The checks before a start that need no database: the module switch, customer, category. */
export async function usableForStart(deps: TimerDeps, first: CachedOrg, customerId: string, categoryId: string) {
  if (!first.clientTimer) throw new AppError('MODULE_DISABLED', 'The Client Timer module is switched off. An administrator can switch it on in Settings → Modules.');
  const c = await lookup(deps, first, (o) => o.customers, customerId);
  if (!c.found) throw new AppError('NOT_FOUND', 'This customer does not exist.');
  if (c.found.archived) throw new AppError('CUSTOMER_ARCHIVED', `${c.found.name} is archived: time cannot be tracked for it.`);
  const k = await lookup(deps, c.org, (o) => o.categories, categoryId);
  if (!k.found) throw new AppError('NOT_FOUND', 'This category does not exist.');
  if (k.found.archived) throw new AppError('CATEGORY_ARCHIVED', `The category "${k.found.name}" was deleted. Choose another one.`);
  return { org: k.org, customer: c.found, category: k.found };
}

export const clashOf = (c: StatementClash): Clash => ({
  id: c.id, startedAt: new Date(c.startedAt), stoppedAt: c.stoppedAt ? new Date(c.stoppedAt) : null, customerName: c.customer,
});

export type StartTimerOptions = {
  deps: TimerDeps;
  orgId: string;
  /** Who starts (their own timer): id and name, as the auth hook read them. */
  user: { id: string; name: string };
  customerId: string;
  categoryId: string;
  now: Date;
  /** When given, `timer.started` is published on it after the statement commits. */
  events?: EventBus;
};

/**
 * Starts the caller's timer at the server's `now`: the checks that need no database against the
 * organisation cache, then ONE statement (`wd_timer_start`) that locks, re-checks, looks for an
 * overlap, inserts and audits. The partial unique index on running entries is the referee for
 * "one running timer per user".
 */
export async function startTimer({ deps, orgId, user, customerId, categoryId, now, events }: StartTimerOptions): Promise<WireEntry> {
  let org = await orgOrThrow(deps.orgs, orgId);
  // Twice at most: a first "stale" answer means the cache missed a change, so it is read again.
  for (let attempt = 1; ; attempt++) {
    const usable = await usableForStart(deps, org, customerId, categoryId);
    org = usable.org;
    const rules = org.rulesFor(user.id);
    checkRules({ rules, entry: { userId: user.id, startedAt: now, stoppedAt: null, note: '' }, path: 'timer-start', now });
    // The payroll lock is the statement's first check under the user's lock (answer 'locked'),
    // before customer, category, overlap and running: no read of its own beforehand.
    const entry: WireEntry = {
      id: newId(), userId: user.id, customerId, categoryId, startedAt: now.toISOString(), stoppedAt: null, note: '', source: 'TIMER', flagged: false,
      user: { id: user.id, name: user.name },
      customer: { id: customerId, name: usable.customer.name },
      category: { id: categoryId, name: usable.category.name, archived: false },
    };
    const result = await runStart(deps.unscoped, {
      orgId, userId: user.id, entryId: entry.id, customerId, categoryId, now, checkOverlap: !rules.allowOverlap, auditId: newId(), after: entry,
    });
    switch (result.status) {
      case 'ok':
        events?.publish(orgId, { type: 'timer.started', userId: user.id, entryId: entry.id, customerId });
        return entry;
      case 'overlap':
        settleClash(clashOf(result), org.timeZone);
        throw new Error('unreachable: settleClash refuses a clash');
      case 'running': {
        const running = result.id ? await readRunning(deps.sql, orgId, user.id) : null;
        const since = result.startedAt ? localTimeOf(new Date(result.startedAt), org.timeZone) : null;
        throw new AppError('TIMER_ALREADY_RUNNING', since && result.customer
          ? `A timer is already running (${result.customer}, since ${since}). Stop it before starting another.`
          : 'A timer is already running. Stop it before starting another.', running ? { running } : undefined);
      }
      case 'locked':
        throw monthLockedError(result.month, user.id);
      case 'stale':
        deps.orgs.invalidate(orgId);
        if (attempt >= 2) throw new AppError('CUSTOMER_ARCHIVED', 'The customer or category was archived meanwhile. Choose another one.');
        org = await orgOrThrow(deps.orgs, orgId);
    }
  }
}

export type StopTimerOptions = {
  deps: TimerDeps;
  orgId: string;
  /** Whose timer is stopped. */
  userId: string;
  /** Who stops it: the user, or a manager stopping a forgotten timer (audited as the actor). */
  actorId: string;
  note: string;
  now: Date;
  /** A manager's reason for stopping someone else's timer; kept in the audit event. */
  reasonNote?: string;
  events?: EventBus;
};

/**
 * Stops the running session at the server's `now` under the user's WorkRules, in two round trips:
 * read the running entry and decide by the rules (`checkRules`, no database), then ONE statement
 * (`wd_timer_stop`) that locks, makes sure it still runs, checks the payroll lock, looks for an
 * overlap and writes the stop with its audit event. The maximum never blocks a stop: a forgotten
 * timer stops and the entry is flagged for a manager's review.
 *
 * A session reaching back into a month approved while it ran is stored from the open month on
 * (month-lock.ts openStartForStop): the statement moves the start itself, in the same UPDATE as
 * the stop and under the user's lock, and its STOP event keeps the original start in `before`.
 * When the start it would store is not the one the rules were checked with, it answers 'moved'
 * and writes nothing; the rules are checked again for that start and the stop is sent again. A
 * refusal anywhere therefore changes nothing. Only when the rules refuse the original start is
 * the payroll lock read beforehand, so that its 409 still comes before a rule's 422.
 */
export async function stopTimer(given: StopTimerOptions): Promise<WireEntry> {
  const { deps, orgId, userId, now } = given;
  const [org, running] = await Promise.all([orgOrThrow(deps.orgs, orgId), readRunning(deps.sql, orgId, userId)]);
  if (!running) throw new AppError('TIMER_NOT_RUNNING', 'No timer is running. It may have been stopped in another tab.');
  // The note written while working (PATCH /api/timer) is kept when the stop brings none.
  const options = { ...given, note: stopNote(given.note, running) };
  const original = new Date(running.startedAt);
  let startedAt = original;
  try {
    checkStop(options, org, running, startedAt);
  } catch (refusal) {
    // A refusal: the payroll lock is answered first, as it always was (a read; nothing written).
    startedAt = await openStartForStop({ db: { lockSql: deps.sql, orgId }, userId, tz: org.timeZone, startedAt: original, now });
    if (startedAt.getTime() === original.getTime()) throw refusal;
  }
  return writeStop(options, org, running, startedAt);
}

/** The note a stop stores: the one it sends, or (when it sends none) the running session's own. */
export function stopNote(note: string, running: Pick<WireEntry, 'note'>): string {
  return note.trim() || running.note;
}

/**
 * PATCH /api/timer: the caller edits their running session: its note, and its start (a timer
 * started late). The entries' edit (`updateEntry` with `timer`) does it, in a transaction under
 * the user's lock (the same advisory lock the timer's statements take): the payroll lock, the
 * rules for a moved start (`enforceRunningStart`), the audit event (UPDATE) and `entry.changed`.
 */
export async function editRunningTimer({ db, org, events, actor, body, now }: {
  db: ScopedDb; org: OrgContext; events: EventBus; actor: Actor; body: TimerPatchBody; now: Date;
}): Promise<WireEntry> {
  const running = await db.workEntry.findFirst({ where: { userId: actor.userId, stoppedAt: null }, select: { id: true } });
  if (!running) throw new AppError('TIMER_NOT_RUNNING', 'No timer is running. It may have been stopped in another tab.');
  return updateEntry({ db, org, events, actor, id: running.id, body: { note: body.note, startedAt: body.startedAt }, now, timer: true });
}

/** The work rules for stopping `running` with the start `startedAt` (throws their refusal); whether to flag it. */
function checkStop({ userId, note, now }: StopTimerOptions, org: CachedOrg, running: WireEntry, startedAt: Date): boolean {
  return checkRules({
    rules: org.rulesFor(userId), path: 'timer-stop', now,
    entry: { userId, startedAt, stoppedAt: now, note: note.trim(), excludeEntryId: running.id },
  }).flagged;
}

/**
 * `wd_timer_stop` with the start the rules are checked against, and its answers. On 'moved' the
 * rules are checked for the start the statement named and the stop is sent again (twice at most:
 * only an approval or reopening at that very moment can move it again).
 */
async function writeStop(options: StopTimerOptions, org: CachedOrg, running: WireEntry, firstStart: Date): Promise<WireEntry> {
  const { deps, orgId, userId, actorId, note, now, reasonNote, events } = options;
  const rules = org.rulesFor(userId);
  const reason = reasonNote?.trim();
  let startedAt = firstStart;
  for (let attempt = 1; ; attempt++) {
    const flagged = checkStop(options, org, running, startedAt);
    const after: WireEntry = { ...running, startedAt: startedAt.toISOString(), stoppedAt: now.toISOString(), note: note.trim(), flagged };
    const result = await runStop(deps.unscoped, {
      orgId, userId, entryId: running.id, startedAt, now, note: after.note, flagged, checkOverlap: !rules.allowOverlap, actorId, auditId: newId(),
      before: running, after: reason ? { ...after, reason } : after,
    });
    switch (result.status) {
      case 'ok':
        events?.publish(orgId, { type: 'timer.stopped', userId, entryId: running.id, customerId: running.customerId });
        return after;
      case 'not_running':
        throw new AppError('TIMER_NOT_RUNNING', 'No timer is running. It may have been stopped in another tab.');
      case 'overlap':
        settleClash(clashOf(result), org.timeZone);
        throw new Error('unreachable: settleClash refuses a clash');
      case 'locked':
        throw monthLockedError(result.month, userId);
      case 'moved':
        if (attempt >= 3) throw new AppError('CONFLICT', 'The payroll lock of this month changed while the timer was being stopped. Please try again.');
        startedAt = new Date(result.startedAt);
    }
  }
}

/** Throws the running session away (the UI's "discard" after a refused stop). Audited as DELETE. */
export async function discardTimer({ db, userId, actorId, events }: { db: ScopedDb; userId: string; actorId: string; events?: EventBus }): Promise<WireEntry> {
  const { entry, orgId } = await db.$transaction(async (tx) => {
    await lockUserEntries(tx, userId);
    const running = await tx.workEntry.findFirst({ where: { userId, stoppedAt: null }, include: entryInclude });
    if (!running) throw new AppError('TIMER_NOT_RUNNING', 'No timer is running. It may have been stopped in another tab.');
    await tx.workEntry.delete({ where: { id: running.id } });
    const before = toWireEntry(running);
    await recordAudit(tx, { actorId, action: 'DELETE', entityId: running.id, before, after: null });
    return { entry: before, orgId: running.organizationId };
  }, TX_OPTIONS);
  events?.publish(orgId, { type: 'timer.stopped', userId, entryId: entry.id, customerId: entry.customerId, discarded: true });
  return entry;
}

/** Who is working for this customer right now (oldest session first). */
export async function listCustomerAtWork({ db, customerId }: { db: ScopedDb; customerId: string }): Promise<CustomerAtWorkItem[]> {
  const customer = await db.customer.findFirst({ where: { id: customerId }, select: { id: true } });
  if (!customer) throw new AppError('NOT_FOUND', 'This customer does not exist.');
  const rows = await db.workEntry.findMany({
    where: { customerId, stoppedAt: null },
    select: { userId: true, startedAt: true, user: { select: { name: true } }, category: { select: { name: true } } },
    orderBy: { startedAt: 'asc' },
  });
  return rows.map((r) => ({ userId: r.userId, name: r.user.name, since: r.startedAt.toISOString(), categoryName: r.category.name }));
}
