// The payroll lock, in ONE place for every write path (manual create, edit, delete, timer start
// and stop, a manager's stop, the stop on deactivation, absences): an entry whose local day lies
// in a month APPROVED for its user is refused with 409 MONTH_LOCKED naming the month.
//
// Call it inside the write's transaction after `lockUserEntries`: approving a month takes the
// same per-user lock, so a write and an approval of the same user cannot interleave.
import { AppError, addMonths, localDateOf, monthBounds, monthOf } from '@workdiary/shared';
import { Prisma } from '../generated/prisma/client.ts';
import type { SqlRunner } from '../db/engine.ts';
import type { ScopedDb, ScopedTx } from '../db/scoped.ts';
import { scopedSql } from '../db/scoped-sql.ts';

/** Raw SQL for the paths that write by one statement (the timer), scoped to the organisation. */
export type SqlLockSource = { readonly lockSql: SqlRunner; readonly orgId: string };
type Db = ScopedDb | ScopedTx | SqlLockSource;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "November 2026" for "2026-11". */
export function monthLabel(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`;
}

/** Every month ('YYYY-MM', in `tz`) whose local days the span [start, stop) touches; a running span only its start's. */
export function monthsOfSpan(start: Date, stop: Date | null, tz: string): string[] {
  const first = monthOf(localDateOf(start, tz));
  const lastInstant = stop && stop.getTime() > start.getTime() ? new Date(stop.getTime() - 1) : start;
  const last = monthOf(localDateOf(lastInstant, tz));
  const months: string[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) months.push(m);
  return months;
}

/** Which of `months` are approved (locked) for `userId`, in order. */
export async function lockedMonths(db: Db, userId: string, months: string[]): Promise<string[]> {
  if (months.length === 0) return [];
  if ('lockSql' in db) {
    const scope = scopedSql(db.orgId);
    const rows = await db.lockSql.query<{ month: string }>(scope.query`
      SELECT m.month FROM "MonthClose" m
      WHERE ${scope.where('m', Prisma.sql`m."userId" = ${userId}`, Prisma.sql`m.status = 'APPROVED'`, Prisma.sql`m.month = ANY(${[...new Set(months)]}::text[])`)}
      ORDER BY m.month`);
    return rows.map((r) => r.month);
  }
  const rows = await db.monthClose.findMany({
    where: { userId, status: 'APPROVED', month: { in: [...new Set(months)] } },
    select: { month: true },
  });
  return rows.map((r) => r.month).sort();
}

export function monthLockedError(month: string, userId: string): AppError {
  return new AppError(
    'MONTH_LOCKED',
    `${monthLabel(month)} is approved and locked for payroll: its entries cannot be added, changed or deleted. An admin can reopen the month.`,
    { month, userId },
  );
}

/** Throws 409 MONTH_LOCKED (naming the first locked month) when any of `months` is approved for `userId`. */
export async function assertMonthsOpen({ db, userId, months }: { db: Db; userId: string; months: string[] }): Promise<void> {
  const [locked] = await lockedMonths(db, userId, months);
  if (locked) throw monthLockedError(locked, userId);
}

/** The same for entries: each span's local days, in the organisation's zone. */
export async function assertSpansOpen({ db, userId, tz, spans }: {
  db: Db; userId: string; tz: string; spans: Array<{ startedAt: Date; stoppedAt: Date | null }>;
}): Promise<void> {
  await assertMonthsOpen({ db, userId, months: spans.flatMap((s) => monthsOfSpan(s.startedAt, s.stoppedAt, tz)) });
}

/**
 * The rule for a timer running across the lock boundary (its start lies in a month that was
 * approved while it ran): the stop is stored into the open month only, i.e. the entry starts at
 * the first instant (local midnight) of the month after the latest locked one. If `now` itself
 * lies in a locked month there is nothing open to store it in: 409 MONTH_LOCKED.
 * Returns the start to store (the original one when nothing is locked). A read: the timer's stop
 * statement (`wd_timer_stop`, migration 20261207100000_timer_atomic_moves) applies the same rule
 * in SQL under the user's lock and moves the start in its own UPDATE; the stop on deactivation
 * (users/force-stop.ts) stores it in its transaction, under the lock.
 */
export async function openStartForStop({ db, userId, tz, startedAt, now }: {
  db: Db; userId: string; tz: string; startedAt: Date; now: Date;
}): Promise<Date> {
  const months = monthsOfSpan(startedAt, now, tz);
  const locked = await lockedMonths(db, userId, months);
  const latest = locked.at(-1);
  if (!latest) return startedAt;
  const nowMonth = monthOf(localDateOf(now, tz));
  if (latest >= nowMonth) throw monthLockedError(latest, userId);
  const openFrom = monthBounds(addMonths(latest, 1), tz).start;
  if (openFrom.getTime() >= now.getTime()) throw monthLockedError(latest, userId);
  return openFrom.getTime() > startedAt.getTime() ? openFrom : startedAt;
}
