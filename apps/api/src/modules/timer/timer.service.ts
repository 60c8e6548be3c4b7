import { AppError, type CustomerAtWorkItem, type WorkEntry as WireEntry } from '@workdiary/shared';
import type { Prisma } from '../../generated/prisma/client.ts';
import { newId } from '../../db/ids.ts';
import { isPrismaError } from '../../lib/prisma-errors.ts';
import type { ScopedDb, ScopedTx } from '../../db/scoped.ts';
import type { OrgContext } from '../../lib/types.ts';
import type { EventBus } from '../../lib/events.ts';
import { recordAudit } from '../work-entries/audit.ts';
import { enforceRules, loadRules, lockUserEntries } from '../work-entries/entry-rules.ts';
import { entryInclude, toWireEntry } from '../work-entries/entry.mapper.ts';

/**
 * The live timer. The server stamps start and stop (`now` is the server clock); the database's
 * partial unique index on running entries is the referee for "one running timer per user".
 */

// Fifty people (or tabs) may start at once: wait for a connection and the user's lock patiently.
const TX_OPTIONS = { maxWait: 20_000, timeout: 20_000 };


/** 'HH:mm' in the organisation's zone, for messages people read. */
const timeOfDay = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);

/** The caller's running entry, or null. */
export async function getRunning({ db, userId }: { db: ScopedDb | ScopedTx; userId: string }): Promise<WireEntry | null> {
  const row = await db.workEntry.findFirst({ where: { userId, stoppedAt: null }, include: entryInclude });
  return row ? toWireEntry(row) : null;
}

export type StartTimerOptions = {
  db: ScopedDb;
  /** The caller's organisation (request.org): the module switch and the zone for messages. */
  org: OrgContext;
  userId: string;
  customerId: string;
  categoryId: string;
  now: Date;
  /** When given, `timer.started` is published on it after the transaction commits. */
  events?: EventBus;
};

export async function startTimer({ db, org, userId, customerId, categoryId, now, events }: StartTimerOptions): Promise<WireEntry> {
  if (!org.clientTimer) throw new AppError('MODULE_DISABLED', 'The Client Timer module is switched off. An administrator can switch it on in Settings → Modules.');

  const customer = await db.customer.findFirst({ where: { id: customerId }, select: { name: true, archived: true } });
  if (!customer) throw new AppError('NOT_FOUND', 'This customer does not exist.');
  if (customer.archived) throw new AppError('CUSTOMER_ARCHIVED', `${customer.name} is archived: time cannot be tracked for it.`);
  const category = await db.category.findFirst({ where: { id: categoryId }, select: { name: true, archived: true } });
  if (!category) throw new AppError('NOT_FOUND', 'This category does not exist.');
  if (category.archived) throw new AppError('CATEGORY_ARCHIVED', `The category "${category.name}" was deleted. Choose another one.`);

  let entry: WireEntry;
  try {
    entry = await db.$transaction(async (tx) => {
      await lockUserEntries(tx, userId);
      const rules = await loadRules(tx, userId);
      if (!rules.allowOverlap) await assertNoFinishedEntryCovers(tx, userId, now, org.timeZone);
      // No "is one running?" read first: the partial unique index refuses a second running row.
      const row = await tx.workEntry.create({
        data: {
          id: newId(),
          userId,
          customerId,
          categoryId,
          startedAt: now,
          stoppedAt: null,
          note: '',
          source: 'TIMER',
          createdById: userId,
        } as Prisma.WorkEntryUncheckedCreateInput,
        include: entryInclude,
      });
      const wire = toWireEntry(row);
      await recordAudit(tx, { actorId: userId, action: 'START', entityId: row.id, before: null, after: wire });
      return wire;
    }, TX_OPTIONS);
  } catch (err) {
    if (!isPrismaError(err, 'P2002')) throw err;
    throw await alreadyRunning(db, userId, org.timeZone);
  }
  events?.publish(org.id, { type: 'timer.started', userId, entryId: entry.id, customerId });
  return entry;
}

async function alreadyRunning(db: ScopedDb, userId: string, timeZone: string): Promise<AppError> {
  const running = await getRunning({ db, userId });
  const message = running
    ? `A timer is already running (${running.customer.name}, since ${timeOfDay(new Date(running.startedAt), timeZone)}). Stop it before starting another.`
    : 'A timer is already running. Stop it before starting another.';
  return new AppError('TIMER_ALREADY_RUNNING', message, running ? { running } : undefined);
}

/** A manual entry that is still going on at `now` (it ends later) would overlap the new session. */
async function assertNoFinishedEntryCovers(tx: ScopedTx, userId: string, now: Date, timeZone: string): Promise<void> {
  const clash = await tx.workEntry.findFirst({
    where: { userId, startedAt: { lte: now }, stoppedAt: { gt: now } },
    include: { customer: { select: { name: true } } },
  });
  if (clash) {
    throw new AppError('ENTRY_OVERLAP', `You already have a session until ${timeOfDay(clash.stoppedAt ?? now, timeZone)} (${clash.customer.name}). Start the timer after it ends.`, {
      entryId: clash.id,
      startedAt: clash.startedAt.toISOString(),
      stoppedAt: clash.stoppedAt?.toISOString() ?? null,
      customer: clash.customer.name,
    });
  }
}

export type StopTimerOptions = {
  db: ScopedDb;
  /** Whose timer is stopped. */
  userId: string;
  /** Who stops it: the user, or a manager stopping a forgotten timer (audited as the actor). */
  actorId: string;
  note: string;
  now: Date;
  /** The organisation's zone (request.org.timeZone), for the times named in rule messages. */
  timeZone: string;
  /** A manager's reason for stopping someone else's timer; kept in the audit event. */
  reasonNote?: string;
  events?: EventBus;
};

/**
 * Stops the running session at the server's `now` under the user's WorkRules. The maximum never
 * blocks a stop: a forgotten timer stops and the entry is flagged for a manager's review.
 */
export async function stopTimer({ db, userId, actorId, note, now, timeZone, reasonNote, events }: StopTimerOptions): Promise<WireEntry> {
  const trimmed = note.trim();
  const { entry, orgId } = await db.$transaction(async (tx) => {
    await lockUserEntries(tx, userId);
    const running = await tx.workEntry.findFirst({ where: { userId, stoppedAt: null }, include: entryInclude });
    if (!running) throw new AppError('TIMER_NOT_RUNNING', 'No timer is running. It may have been stopped in another tab.');
    const rules = await loadRules(tx, userId);
    const { flagged } = await enforceRules({
      tx,
      rules,
      entry: { userId, startedAt: running.startedAt, stoppedAt: now, note: trimmed, excludeEntryId: running.id },
      path: 'timer-stop',
      now,
      timeZone,
    });
    const row = await tx.workEntry.update({
      where: { id: running.id },
      data: { stoppedAt: now, note: trimmed, flagged, stoppedById: actorId, updatedById: actorId },
      include: entryInclude,
    });
    const after = toWireEntry(row);
    const reason = reasonNote?.trim();
    await recordAudit(tx, {
      actorId,
      action: 'STOP',
      entityId: row.id,
      before: toWireEntry(running),
      after: reason ? { ...after, reason } : after,
    });
    return { entry: after, orgId: row.organizationId };
  }, TX_OPTIONS);
  events?.publish(orgId, { type: 'timer.stopped', userId, entryId: entry.id, customerId: entry.customerId });
  return entry;
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
export async function listAtWork({ db, customerId }: { db: ScopedDb; customerId: string }): Promise<CustomerAtWorkItem[]> {
  const customer = await db.customer.findFirst({ where: { id: customerId }, select: { id: true } });
  if (!customer) throw new AppError('NOT_FOUND', 'This customer does not exist.');
  const rows = await db.workEntry.findMany({
    where: { customerId, stoppedAt: null },
    select: { userId: true, startedAt: true, user: { select: { name: true } }, category: { select: { name: true } } },
    orderBy: { startedAt: 'asc' },
  });
  return rows.map((r) => ({ userId: r.userId, name: r.user.name, since: r.startedAt.toISOString(), categoryName: r.category.name }));
}
