import { AppError, DEFAULT_WORK_RULES, localDateOf, MIN_MANUAL_SESSION_MINUTES, type WorkRules } from '@workdiary/shared';
import type { ScopedDb, ScopedTx } from '../../db/scoped.ts';
import { localDateTimeLabel, localTimeOf } from './entry-times.ts';

/**
 * The WorkRules of Step 1, enforced in ONE place for every path that writes an entry:
 * timer stop, manual create, edit (anyone's), and whatever comes later. Call it inside the
 * write's transaction after `lockUserEntries`, so two writes for one user cannot both pass.
 */
export type WritePath = 'timer-stop' | 'create' | 'edit';

export type EntryCandidate = {
  userId: string;
  startedAt: Date;
  stoppedAt: Date;
  note: string;
  /** The entry being edited or stopped, left out of the overlap check. */
  excludeEntryId?: string;
};

/** The user's own rules, else the organisation's defaults, else the product defaults. */
export async function loadRules(db: ScopedDb | ScopedTx, userId: string): Promise<WorkRules> {
  const rows = await db.workRules.findMany({ where: { OR: [{ userId }, { userId: null }] } });
  const row = rows.find((r) => r.userId === userId) ?? rows.find((r) => r.userId === null);
  if (!row) return DEFAULT_WORK_RULES;
  return {
    requiredMinutes: row.requiredMinutes,
    noteRequired: row.noteRequired,
    minSessionMinutes: row.minSessionMinutes,
    maxSessionHours: row.maxSessionHours,
    allowOverlap: row.allowOverlap,
  };
}

/** Serialises writes to one user's entries for the rest of the transaction. */
export async function lockUserEntries(tx: ScopedTx, userId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${userId}))`;
}

const CLOCK_SLACK_MS = 60_000;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** Throws the first rule the entry breaks; returns whether it must be flagged for review. */
export async function enforceRules({ tx, rules, entry, path, now, timeZone }: {
  tx: ScopedTx; rules: WorkRules; entry: EntryCandidate; path: WritePath; now: Date;
  /** The organisation's zone (request.org.timeZone): the overlap message names times in it. */
  timeZone: string;
}): Promise<{ flagged: boolean }> {
  const ms = entry.stoppedAt.getTime() - entry.startedAt.getTime();
  if (ms <= 0) throw new AppError('STOP_BEFORE_START', 'The stop time must be after the start time.');
  assertProductMinimum(ms, path);
  if (path !== 'timer-stop' && entry.stoppedAt.getTime() > now.getTime() + CLOCK_SLACK_MS) {
    throw new AppError('ENTRY_IN_FUTURE', 'The stop time is in the future. Use the timer for work that is still going on.');
  }
  if (rules.noteRequired && entry.note.trim() === '') {
    throw new AppError('NOTE_REQUIRED', 'A note is required: describe the work done in this session.', { rule: 'noteRequired' });
  }
  const minutes = Math.floor(ms / 60_000);
  if (minutes < rules.minSessionMinutes) {
    throw new AppError('SESSION_TOO_SHORT', `Sessions must last at least ${plural(rules.minSessionMinutes, 'minute')}; this one lasted ${plural(minutes, 'minute')}.`, { rule: 'minSessionMinutes', minimum: rules.minSessionMinutes, minutes });
  }
  let flagged = false;
  if (ms > rules.maxSessionHours * 3_600_000) {
    // A forgotten timer still stops; a manager reviews it. Any other write must be split.
    if (path === 'timer-stop') flagged = true;
    else throw new AppError('SESSION_TOO_LONG', `Sessions may last at most ${plural(rules.maxSessionHours, 'hour')}. Split longer work into several entries, or ask a manager.`, { rule: 'maxSessionHours', maximum: rules.maxSessionHours, minutes });
  }
  if (!rules.allowOverlap) await assertNoOverlap(tx, entry, timeZone);
  return { flagged };
}

/** The floor under the rules for hand-made entries (MIN_MANUAL_SESSION_MINUTES), whatever the organisation set. */
function assertProductMinimum(ms: number, path: WritePath): void {
  if (path === 'timer-stop') return;
  if (ms < MIN_MANUAL_SESSION_MINUTES * 60_000) {
    throw new AppError('SESSION_TOO_SHORT', `Sessions must last at least ${plural(MIN_MANUAL_SESSION_MINUTES, 'minute')}.`, { rule: 'product', minimum: MIN_MANUAL_SESSION_MINUTES, minutes: Math.floor(ms / 60_000) });
  }
}

export async function assertNoOverlap(tx: ScopedTx, entry: EntryCandidate, tz: string): Promise<void> {
  const clash = await tx.workEntry.findFirst({
    where: {
      userId: entry.userId,
      ...(entry.excludeEntryId ? { id: { not: entry.excludeEntryId } } : {}),
      startedAt: { lt: entry.stoppedAt },
      OR: [{ stoppedAt: null }, { stoppedAt: { gt: entry.startedAt } }],
    },
    include: { customer: { select: { name: true } } },
    orderBy: { startedAt: 'asc' },
  });
  if (clash) {
    const start = localDateTimeLabel(clash.startedAt, tz);
    const stop = !clash.stoppedAt
      ? 'still running'
      : localDateOf(clash.stoppedAt, tz) === localDateOf(clash.startedAt, tz) ? localTimeOf(clash.stoppedAt, tz) : localDateTimeLabel(clash.stoppedAt, tz);
    throw new AppError('ENTRY_OVERLAP', `This overlaps the session for ${clash.customer.name} on ${start}–${stop}. Overlapping sessions are not allowed: change the times or that session first.`, {
      rule: 'allowOverlap',
      entryId: clash.id,
      startedAt: clash.startedAt.toISOString(),
      stoppedAt: clash.stoppedAt?.toISOString() ?? null,
      customer: clash.customer.name,
    });
  }
}
