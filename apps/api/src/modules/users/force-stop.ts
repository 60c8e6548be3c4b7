import type { WorkEntry } from '@workdiary/shared';
import type { ScopedTx } from '../../db/scoped.ts';
import type { OrgContext } from '../../lib/types.ts';
import { recordAudit } from '../work-entries/audit.ts';
import { entryInclude, toWireEntry } from '../../domain/entry.mapper.ts';
import { enforceRules, lockUserEntries } from '../../domain/entry-rules.ts';
import { loadRules } from '../../domain/rules-lookup.ts';
import { openStartForStop } from '../../domain/month-lock.ts';

/**
 * Stops a user's running timer whatever the work rules say: used when the user is deactivated,
 * where a refusal (minimum session, note required) must not keep a timer running for someone who
 * can no longer sign in. The stop is audited as the actor's; a session the rules would not accept
 * is flagged for a manager to review instead (`enforceRules` in 'flag' mode). Returns the stopped
 * entry, or null if none ran.
 */
export async function forceStopRunningEntry({ tx, org, userId, actorId, note, now }: {
  tx: ScopedTx; org: Pick<OrgContext, 'id' | 'timeZone'>; userId: string; actorId: string; note: string; now: Date;
}): Promise<WorkEntry | null> {
  await lockUserEntries(tx, userId);
  const running = await tx.workEntry.findFirst({ where: { userId, stoppedAt: null }, include: entryInclude });
  if (!running) return null;
  const rules = await loadRules(tx, userId);
  // The database demands stoppedAt > startedAt; a timer started "now" gets the smallest valid length.
  const stoppedAt = now.getTime() > running.startedAt.getTime() ? now : new Date(running.startedAt.getTime() + 1000);
  const fullNote = running.note.trim() ? `${running.note.trim()}\n${note}` : note;
  // Same payroll-lock rule as every stop: stored from the open month on; refused if the current month is locked.
  const startedAt = await openStartForStop({ db: tx, userId, tz: org.timeZone, startedAt: running.startedAt, now: stoppedAt });
  const { flagged } = await enforceRules({
    tx, orgId: org.id, rules, now, path: 'timer-stop', mode: 'flag', tz: org.timeZone,
    entry: { userId, startedAt, stoppedAt, note: fullNote, excludeEntryId: running.id },
  });
  await tx.workEntry.updateMany({
    where: { id: running.id, stoppedAt: null },
    data: { startedAt, stoppedAt, note: fullNote, stoppedById: actorId, updatedById: actorId, flagged: running.flagged || flagged },
  });
  const stopped = await tx.workEntry.findFirst({ where: { id: running.id }, include: entryInclude });
  if (!stopped) return null;
  const after = toWireEntry(stopped);
  await recordAudit(tx, { actorId, action: 'STOP', entityId: running.id, before: toWireEntry(running), after });
  return after;
}
