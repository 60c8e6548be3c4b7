import { AppError, localDateOf, localDateTimeLabel, localTimeOf, MIN_MANUAL_SESSION_MINUTES, type WorkRules } from '@workdiary/shared';
import { Prisma } from '../generated/prisma/client.ts';
import type { ScopedTx } from '../db/scoped.ts';

/**
 * The WorkRules of Step 1 and the overlap rule, enforced in ONE place for every path that writes
 * an entry: timer start and stop, manual create, edit (anyone's), a forced stop on deactivation,
 * and whatever comes later. `enforceRules` runs inside the write's transaction after
 * `lockUserEntries`, so two writes for one user cannot both pass. The timer's single-statement
 * writes use its two halves: `checkRules` (no database) before the statement, and the statement's
 * own clash lookup under the lock, whose answer `settleClash` turns into the same refusal.
 */
export type WritePath = 'timer-start' | 'timer-stop' | 'create' | 'edit';

/** 'refuse': a broken rule throws. 'flag': the entry is written anyway and flagged for a manager (a forced stop). */
export type RuleMode = 'refuse' | 'flag';

export type EntryCandidate = {
  userId: string;
  startedAt: Date;
  /** null: a session that is starting now and runs on. */
  stoppedAt: Date | null;
  note: string;
  /** The entry being edited or stopped, left out of the overlap check. */
  excludeEntryId?: string;
};

/** Another entry of the same user that the candidate would overlap. */
export type Clash = { id: string; startedAt: Date; stoppedAt: Date | null; customerName: string };

/**
 * The one order in which a transaction takes several users' locks (an approval for everyone, a
 * batch of timer writes): by the lock's key, `hashtext(userId)` (the key `lockUserEntries` and the
 * timer's SQL functions lock), then by id. Two transactions that both follow it cannot wait for
 * each other in a circle. (Ordered by id, as before, two users' keys could come in either order:
 * hashtext does not keep the ids' order.) As SQL over a text expression holding the user id, for
 * ORDER BY; PostgreSQL computes the hash, so the order is the database's own.
 */
export const lockOrderSql = (userId: string): string => `hashtext(${userId}), ${userId}`;

/** `users` in `lockOrderSql`'s order (one round trip): the order in which to call `lockUserEntries` on them. */
export async function lockOrder<U extends { id: string }>(tx: ScopedTx, users: readonly U[]): Promise<U[]> {
  if (users.length < 2) return [...users];
  const rows = await tx.$queryRaw<Array<{ i: number | bigint | string }>>`
    SELECT a.i FROM unnest(${users.map((u) => u.id)}::text[]) WITH ORDINALITY AS a(u, i) ORDER BY ${Prisma.raw(lockOrderSql('a.u'))}, a.i`;
  return rows.map((r) => users[Number(r.i) - 1] as U);
}

/** Serialises writes to one user's entries for the rest of the transaction. */
export async function lockUserEntries(tx: ScopedTx, userId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${userId}))`;
}

const CLOCK_SLACK_MS = 60_000;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * The rules that need no database, in the order a person should hear about them. Throws the first
 * one broken (in 'flag' mode: flags instead, except a stop before the start, which cannot be
 * written at all); returns whether the entry must be flagged for review.
 */
export function checkRules({ rules, entry, path, now, mode = 'refuse' }: {
  rules: WorkRules; entry: EntryCandidate; path: WritePath; now: Date; mode?: RuleMode;
}): { flagged: boolean } {
  if (entry.stoppedAt === null) return { flagged: false };
  const ms = entry.stoppedAt.getTime() - entry.startedAt.getTime();
  if (ms <= 0) throw new AppError('STOP_BEFORE_START', 'The stop time must be after the start time.');
  const broken: AppError[] = [];
  // The product's floor under the rules for hand-made entries, whatever the organisation set.
  if ((path === 'create' || path === 'edit') && ms < MIN_MANUAL_SESSION_MINUTES * 60_000) {
    broken.push(new AppError('SESSION_TOO_SHORT', `Sessions must last at least ${plural(MIN_MANUAL_SESSION_MINUTES, 'minute')}.`, { rule: 'product', minimum: MIN_MANUAL_SESSION_MINUTES, minutes: Math.floor(ms / 60_000) }));
  }
  if (path !== 'timer-stop' && entry.stoppedAt.getTime() > now.getTime() + CLOCK_SLACK_MS) {
    broken.push(new AppError('ENTRY_IN_FUTURE', 'The stop time is in the future. Use the timer for work that is still going on.'));
  }
  if (rules.noteRequired && entry.note.trim() === '') {
    broken.push(new AppError('NOTE_REQUIRED', 'A note is required: describe the work done in this session.', { rule: 'noteRequired' }));
  }
  const minutes = Math.floor(ms / 60_000);
  if (minutes < rules.minSessionMinutes) {
    broken.push(new AppError('SESSION_TOO_SHORT', `Sessions must last at least ${plural(rules.minSessionMinutes, 'minute')}; this one lasted ${plural(minutes, 'minute')}.`, { rule: 'minSessionMinutes', minimum: rules.minSessionMinutes, minutes }));
  }
  let flagged = false;
  if (ms > rules.maxSessionHours * 3_600_000) {
    // A forgotten timer still stops; a manager reviews it. Any other write must be split.
    if (path === 'timer-stop') flagged = true;
    else broken.push(new AppError('SESSION_TOO_LONG', `Sessions may last at most ${plural(rules.maxSessionHours, 'hour')}. Split longer work into several entries, or ask a manager.`, { rule: 'maxSessionHours', maximum: rules.maxSessionHours, minutes }));
  }
  const [first] = broken;
  if (first && mode === 'refuse') throw first;
  return { flagged: flagged || broken.length > 0 };
}

/** The one overlap refusal: names the other session in the organisation's wall time. */
export function overlapError(clash: Clash, tz: string): AppError {
  const start = localDateTimeLabel(clash.startedAt, tz);
  const stop = !clash.stoppedAt
    ? 'still running'
    : localDateOf(clash.stoppedAt, tz) === localDateOf(clash.startedAt, tz) ? localTimeOf(clash.stoppedAt, tz) : localDateTimeLabel(clash.stoppedAt, tz);
  return new AppError('ENTRY_OVERLAP', `This overlaps the session for ${clash.customerName} on ${start}–${stop}. Overlapping sessions are not allowed: change the times or that session first.`, {
    rule: 'allowOverlap',
    entryId: clash.id,
    startedAt: clash.startedAt.toISOString(),
    stoppedAt: clash.stoppedAt?.toISOString() ?? null,
    customer: clash.customerName,
  });
}

/** A clash refuses the write ('refuse') or flags the entry ('flag'); returns whether to flag. */
export function settleClash(clash: Clash | null, tz: string, mode: RuleMode = 'refuse'): boolean {
  if (clash && mode === 'refuse') throw overlapError(clash, tz);
  return clash !== null;
}

/**
 * The user's earliest other entry overlapping the candidate, by the database's `wd_first_clash`
 * (the one definition of an overlap; the timer's statements call it too). A running entry reaches
 * to infinity; a timer start leaves running entries to the partial unique index
 * (TIMER_ALREADY_RUNNING).
 */
export async function findClash(tx: ScopedTx, orgId: string, entry: EntryCandidate, path: WritePath): Promise<Clash | null> {
  const rows = await tx.$queryRaw<Array<{ id: string; started_at: Date; stopped_at: Date | null; customer: string }>>`
    SELECT id, started_at, stopped_at, customer
    FROM wd_first_clash(${orgId}, ${entry.userId}, ${entry.excludeEntryId ?? null}::text, ${entry.startedAt}::timestamptz,
                        ${entry.stoppedAt}::timestamptz, ${path !== 'timer-start'})`;
  const row = rows[0];
  return row ? { id: row.id, startedAt: new Date(row.started_at), stoppedAt: row.stopped_at ? new Date(row.stopped_at) : null, customerName: row.customer } : null;
}

/**
 * Every rule for one write: throws the first broken one ('refuse') or flags the entry ('flag');
 * returns whether it must be flagged for review. `tz` is the organisation's zone, for messages.
 */
export async function enforceRules({ tx, orgId, rules, entry, path, now, tz, mode = 'refuse' }: {
  tx: ScopedTx; orgId: string; rules: WorkRules; entry: EntryCandidate; path: WritePath; now: Date; tz: string; mode?: RuleMode;
}): Promise<{ flagged: boolean }> {
  const { flagged } = checkRules({ rules, entry, path, now, mode });
  if (rules.allowOverlap) return { flagged };
  const clash = await findClash(tx, orgId, entry, path);
  return { flagged: settleClash(clash, tz, mode) || flagged };
}

/**
 * A running session whose start is moved by hand (PATCH /api/timer: "I forgot to start"): the
 * rules a stop at `now` would judge that cannot wait for the stop. The start may not lie in the
 * future (422 ENTRY_IN_FUTURE); the session so far may not already be longer than the maximum
 * (422 SESSION_TOO_LONG: the stop only flags a FORGOTTEN timer, a start set by hand is refused as
 * any hand-made entry is); it may not overlap another session of the user (409 ENTRY_OVERLAP,
 * unless the rules allow overlaps). The note and the minimum length are the stop's to check.
 * Call it inside the write's transaction after `lockUserEntries`.
 */
export async function enforceRunningStart({ tx, orgId, rules, userId, entryId, startedAt, now, tz }: {
  tx: ScopedTx; orgId: string; rules: WorkRules; userId: string; entryId: string; startedAt: Date; now: Date; tz: string;
}): Promise<void> {
  if (startedAt.getTime() > now.getTime() + CLOCK_SLACK_MS) {
    throw new AppError('ENTRY_IN_FUTURE', 'The start time is in the future. Choose a time up to now.');
  }
  const minutes = Math.floor((now.getTime() - startedAt.getTime()) / 60_000);
  if (minutes > rules.maxSessionHours * 60) {
    throw new AppError('SESSION_TOO_LONG', `Sessions may last at most ${plural(rules.maxSessionHours, 'hour')}: a start this early would make this one ${plural(minutes, 'minute')} long. Add the earlier work as an entry of its own.`, { rule: 'maxSessionHours', maximum: rules.maxSessionHours, minutes });
  }
  if (rules.allowOverlap) return;
  const stop = new Date(Math.max(now.getTime(), startedAt.getTime() + 1));
  settleClash(await findClash(tx, orgId, { userId, startedAt, stoppedAt: stop, note: '', excludeEntryId: entryId }, 'timer-stop'), tz);
}
