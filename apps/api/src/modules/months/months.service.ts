// Month close for payroll: submit (the user), approve (managers and admins, for everyone at
// once or selected users, once the month has ended; locks the month), reject (managers and
// admins: a submitted month goes back to the person with a comment), reopen (admins, with a
// reason). Every change is a MonthEvent. No MonthClose row means OPEN.
import {
  AppError,
  currentMonth,
  addMonths,
  monthBounds,
  type MonthApproveBody,
  type MonthApproveResult,
  type MonthEvent,
  type MonthState,
  type MonthStates,
  type MonthStatus,
} from '@workdiary/shared';
import { newId } from '../../db/ids.ts';
import { visibleUserId, type Actor } from '../../lib/permissions.ts';
import type { ScopedDb, ScopedTx } from '../../db/scoped.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import type { OrgContext } from '../../lib/types.ts';
import { snapshotMonth, type MonthSnapshot } from '../../domain/figures/index.ts';
import { txSql } from '../../db/tx-sql.ts';
import type { MonthAction } from '../../generated/prisma/enums.ts';
import { lockOrder, lockUserEntries } from '../../domain/entry-rules.ts';
import { monthLabel } from '../../domain/month-lock.ts';


/** A month that has not begun in the organisation's zone cannot be closed yet. */
function assertStarted(month: string, tz: string, now: Date): void {
  if (month > currentMonth(tz, now)) {
    throw new AppError('VALIDATION_ERROR', `${monthLabel(month)} has not started yet.`, { month });
  }
}

/** Only a month that has ended in the organisation's zone can be approved (and so locked). */
function assertEnded(month: string, tz: string, now: Date): void {
  if (month >= currentMonth(tz, now)) {
    throw new AppError('VALIDATION_ERROR', `${monthLabel(month)} has not ended yet: it can be approved from 1 ${monthLabel(addMonths(month, 1))} on.`, { month });
  }
}

/**
 * The users a month concerns: everyone active, plus deactivated users who worked in it or have a
 * state for it (as the diary overview lists them), by name.
 */
async function monthUsers(db: ScopedDb | ScopedTx, month: string, tz: string) {
  const { start, end } = monthBounds(month, tz);
  return db.user.findMany({
    where: {
      OR: [
        { active: true },
        { monthCloses: { some: { month } } },
        { workEntries: { some: { startedAt: { lt: end }, stoppedAt: { gt: start } } } },
      ],
    },
    select: { id: true, name: true, active: true },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
  });
}

/**
 * The open findings to see before approving: a timer running since this month or before, and the
 * month's sessions flagged for review. Only those few sessions are read.
 */
async function findingsOf(db: ScopedDb | ScopedTx, month: string, tz: string, userIds: string[]) {
  const { start, end } = monthBounds(month, tz);
  const rows = await db.workEntry.findMany({
    where: {
      userId: { in: userIds },
      startedAt: { lt: end },
      OR: [{ stoppedAt: null }, { flagged: true, stoppedAt: { gt: start } }],
    },
    select: { userId: true, stoppedAt: true, flagged: true },
  });
  const byUser = new Map<string, { running: boolean; flaggedSessions: number }>();
  for (const r of rows) {
    const f = byUser.get(r.userId) ?? { running: false, flaggedSessions: 0 };
    if (r.stoppedAt === null) f.running = true;
    else f.flaggedSessions += 1;
    byUser.set(r.userId, f);
  }
  return byUser;
}

async function statesOf(db: ScopedDb | ScopedTx, month: string, tz: string, users: Array<{ id: string; name: string; active: boolean }>): Promise<MonthState[]> {
  const ids = users.map((u) => u.id);
  const [rows, findings] = await Promise.all([db.monthClose.findMany({ where: { month, userId: { in: ids } } }), findingsOf(db, month, tz, ids)]);
  const byUser = new Map(rows.map((r) => [r.userId, r]));
  return users.map((u) => {
    const row = byUser.get(u.id);
    const found = findings.get(u.id);
    return {
      userId: u.id, name: u.name, active: u.active, status: row?.status ?? 'OPEN', updatedAt: row?.updatedAt.toISOString() ?? null,
      running: found?.running ?? false, flaggedSessions: found?.flaggedSessions ?? 0,
    };
  });
}

async function eventsOf(db: ScopedDb | ScopedTx, month: string, userIds: string[]): Promise<MonthEvent[]> {
  const rows = await db.monthEvent.findMany({
    where: { month, userId: { in: userIds } },
    include: { actor: { select: { id: true, name: true } } },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: 1000,
  });
  return rows.map((e) => ({ id: e.id, userId: e.userId, month: e.month, action: e.action, actor: e.actor, at: e.at.toISOString(), reason: e.reason }));
}

/** States (and their audit events) of a month: managers see everyone, members themselves. */
export async function listMonthStates({ db, tz, caller, month, userId, now }: {
  db: ScopedDb; tz: string; caller: Actor; month?: string; userId?: string; now: Date;
}): Promise<MonthStates> {
  const m = month ?? currentMonth(tz, now);
  const wanted = visibleUserId(caller, userId, 'month');
  let users = await monthUsers(db, m, tz);
  if (wanted !== undefined) {
    users = users.filter((u) => u.id === wanted);
    if (users.length === 0) {
      const user = await db.user.findFirst({ where: { id: wanted }, select: { id: true, name: true, active: true } });
      if (!user) throw new AppError('NOT_FOUND', 'No such user.');
      users = [user];
    }
  }
  const items = await statesOf(db, m, tz, users);
  return { month: m, items, events: await eventsOf(db, m, users.map((u) => u.id)) };
}

/**
 * Moves one user's month to `status` and records the event; the caller holds the user's lock.
 * An approval writes the figures it keeps in the same statement (`figures`); any other move
 * forgets them. Returns the row's new `updatedAt`.
 */
async function transition(tx: ScopedTx, a: { userId: string; month: string; status: MonthStatus; action: MonthAction; actorId: string; reason?: string; figures?: MonthSnapshot }): Promise<Date> {
  const row = await tx.monthClose.findFirst({ where: { userId: a.userId, month: a.month } });
  const figures = a.figures ?? Prisma.DbNull;
  const saved = row
    ? await tx.monthClose.update({ where: { id: row.id }, data: { status: a.status, figures } })
    : await tx.monthClose.create({ data: { id: newId(), userId: a.userId, month: a.month, status: a.status, figures } as Prisma.MonthCloseUncheckedCreateInput });
  await tx.monthEvent.create({
    data: { id: newId(), userId: a.userId, month: a.month, action: a.action, actorId: a.actorId, reason: a.reason ?? null } as Prisma.MonthEventUncheckedCreateInput,
  });
  return saved.updatedAt;
}

/**
 * The organisation's zone, read under a share lock on its row for the rest of the transaction: a
 * change of the zone (organization.service.ts, which locks the row for update and refuses to
 * move approved months) waits for this approval, and this approval cuts the month in the zone
 * that is really stored, whatever the organisation cache holds.
 */
async function lockedZone(tx: ScopedTx, orgId: string): Promise<string> {
  const [row] = await tx.$queryRaw<Array<{ tz: string }>>`SELECT "timeZone" AS tz FROM "Organization" WHERE id = ${orgId} FOR SHARE`;
  if (!row) throw new AppError('NOT_FOUND', 'This organisation does not exist.');
  return row.tz;
}

async function statusOf(tx: ScopedTx, userId: string, month: string): Promise<MonthStatus> {
  const row = await tx.monthClose.findFirst({ where: { userId, month }, select: { status: true } });
  return row?.status ?? 'OPEN';
}

/** "My month is complete": the caller's own month, from OPEN or REOPENED. */
export async function submitMonth({ db, tz, caller, month, now }: { db: ScopedDb; tz: string; caller: Actor; month: string; now: Date }): Promise<MonthStates> {
  assertStarted(month, tz, now);
  await db.$transaction(async (tx) => {
    await lockUserEntries(tx, caller.userId);
    const status = await statusOf(tx, caller.userId, month);
    if (status === 'SUBMITTED') throw new AppError('MONTH_STATE_CONFLICT', `${monthLabel(month)} is already submitted.`, { month, status });
    if (status === 'APPROVED') throw new AppError('MONTH_STATE_CONFLICT', `${monthLabel(month)} is already approved.`, { month, status });
    await transition(tx, { userId: caller.userId, month, status: 'SUBMITTED', action: 'SUBMIT', actorId: caller.userId });
  });
  return listMonthStates({ db, tz, caller, month, userId: caller.userId, now });
}

/**
 * Approves (and so locks) the month for the selected users or for everyone it concerns, in one
 * transaction; users already approved are left as they are. A user need not have submitted.
 */
export async function approveMonths({ db, org, caller, month, body, now }: {
  db: ScopedDb; org: OrgContext; caller: Actor; month: string; body: MonthApproveBody; now: Date;
}): Promise<MonthApproveResult> {
  const tz = org.timeZone;
  assertEnded(month, tz, now);
  const everyone = await monthUsers(db, month, tz);
  let targets: Array<{ id: string; name: string; active: boolean }>;
  if ('all' in body) {
    targets = everyone;
  } else {
    const ids = [...new Set(body.userIds)];
    const found = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, active: true } });
    const missing = ids.filter((id) => !found.some((u) => u.id === id));
    if (missing.length > 0) throw new AppError('NOT_FOUND', 'Some of these users do not exist.', { userIds: missing });
    targets = found;
  }
  const approved: string[] = [];
  const alreadyApproved: string[] = [];
  await db.$transaction(async (tx) => {
    const zoned = { ...org, timeZone: await lockedZone(tx, org.id) };
    const sql = txSql(tx);
    // Sorted, so two approvals of overlapping groups take the per-user locks in the same order.
    for (const user of await lockOrder(tx, targets)) {
      await lockUserEntries(tx, user.id);
      if ((await statusOf(tx, user.id, month)) === 'APPROVED') {
        alreadyApproved.push(user.id);
        continue;
      }
      // What the approval keeps, from the sessions as they are under the user's lock, written
      // with the state itself: an APPROVED month always has its figures (a CHECK holds it).
      const figures = await snapshotMonth({ sql, org: zoned, userId: user.id, month, approvedAt: now });
      await transition(tx, { userId: user.id, month, status: 'APPROVED', action: 'APPROVE', actorId: caller.userId, figures });
      approved.push(user.id);
    }
  }, { maxWait: 20_000, timeout: 120_000 });
  const listed = new Map([...everyone, ...targets].map((u) => [u.id, u]));
  return { month, approved, alreadyApproved, items: await statesOf(db, month, tz, [...listed.values()].sort((a, b) => a.name.localeCompare(b.name))) };
}

/** A state change of one user's month: the user must exist; `change` runs under their lock with the month's status. */
async function inUserMonth(db: ScopedDb, userId: string, month: string, change: (tx: ScopedTx, status: MonthStatus) => Promise<void>): Promise<void> {
  const user = await db.user.findFirst({ where: { id: userId }, select: { id: true } });
  if (!user) throw new AppError('NOT_FOUND', 'No such user.');
  await db.$transaction(async (tx) => {
    await lockUserEntries(tx, userId);
    await change(tx, await statusOf(tx, userId, month));
  });
}

/**
 * A manager sends a submitted month back to the person with a comment (kept as the event's
 * reason, shown on their month): it is OPEN again, to be completed and submitted again.
 */
export async function rejectMonth({ db, tz, caller, month, userId, comment, now }: {
  db: ScopedDb; tz: string; caller: Actor; month: string; userId: string; comment: string; now: Date;
}): Promise<MonthStates> {
  await inUserMonth(db, userId, month, async (tx, status) => {
    if (status !== 'SUBMITTED') {
      const why = status === 'APPROVED' ? 'is approved: an admin can reopen it' : 'is not submitted, so there is nothing to send back';
      throw new AppError('MONTH_STATE_CONFLICT', `${monthLabel(month)} ${why}.`, { month, status });
    }
    await transition(tx, { userId, month, status: 'OPEN', action: 'REJECT', actorId: caller.userId, reason: comment.trim() });
  });
  return listMonthStates({ db, tz, caller, month, userId, now });
}

/** Admins reopen an approved (or submitted) month, with a reason kept in the audit. */
export async function reopenMonth({ db, tz, caller, month, userId, reason, now }: {
  db: ScopedDb; tz: string; caller: Actor; month: string; userId: string; reason: string; now: Date;
}): Promise<MonthStates> {
  await inUserMonth(db, userId, month, async (tx, status) => {
    if (status !== 'APPROVED' && status !== 'SUBMITTED') {
      throw new AppError('MONTH_STATE_CONFLICT', `${monthLabel(month)} is not submitted or approved, so there is nothing to reopen.`, { month, status });
    }
    await transition(tx, { userId, month, status: 'REOPENED', action: 'REOPEN', actorId: caller.userId, reason: reason.trim() });
  });
  return listMonthStates({ db, tz, caller, month, userId, now });
}
