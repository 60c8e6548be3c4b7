import { AppError, type WorkEntry as WireEntry } from '@workdiary/shared';
import type { Prisma } from '../../generated/prisma/client.ts';
import { newId } from '../../db/ids.ts';
import type { ScopedDb } from '../../db/scoped.ts';
import type { EventBus } from '../../lib/events.ts';
import { isPrismaError } from '../../lib/prisma-errors.ts';
import { recordAudit } from '../work-entries/audit.ts';
import { enforceRules, loadRules, lockUserEntries } from '../work-entries/entry-rules.ts';
import { entryInclude, toWireEntry } from '../work-entries/entry.mapper.ts';
import { alreadyRunning, assertNoFinishedEntryCovers, TX_OPTIONS } from './timer.service.ts';

export type SwitchTimerOptions = {
  db: ScopedDb;
  orgId: string;
  userId: string;
  note: string;
  customerId: string;
  categoryId: string;
  now: Date;
  events?: EventBus;
};

/**
 * "Switch to this customer": stops the running session with its note and starts the next one at
 * the same server instant, in ONE transaction, so there is never a gap, a second running timer,
 * or a stopped session without its successor. The checks and errors are those of stop and start
 * (TIMER_NOT_RUNNING, the work rules' 422s, ENTRY_OVERLAP, MODULE_DISABLED, CUSTOMER_ARCHIVED,
 * CATEGORY_ARCHIVED, NOT_FOUND); when any refuses, nothing changes.
 */
export async function switchTimer({ db, orgId, userId, note, customerId, categoryId, now, events }: SwitchTimerOptions): Promise<{ stopped: WireEntry; running: WireEntry }> {
  const org = await db.organization.findFirst({ where: { id: orgId }, select: { clientTimer: true, timeZone: true } });
  if (!org) throw new AppError('NOT_FOUND', 'This organisation does not exist.');
  if (!org.clientTimer) throw new AppError('MODULE_DISABLED', 'The Client Timer module is switched off. An administrator can switch it on in Settings → Modules.');
  const customer = await db.customer.findFirst({ where: { id: customerId }, select: { name: true, archived: true } });
  if (!customer) throw new AppError('NOT_FOUND', 'This customer does not exist.');
  if (customer.archived) throw new AppError('CUSTOMER_ARCHIVED', `${customer.name} is archived: time cannot be tracked for it.`);
  const category = await db.category.findFirst({ where: { id: categoryId }, select: { name: true, archived: true } });
  if (!category) throw new AppError('NOT_FOUND', 'This category does not exist.');
  if (category.archived) throw new AppError('CATEGORY_ARCHIVED', `The category "${category.name}" was deleted. Choose another one.`);

  const trimmed = note.trim();
  let result: { stopped: WireEntry; running: WireEntry };
  try {
    result = await db.$transaction(async (tx) => {
      await lockUserEntries(tx, userId);
      const current = await tx.workEntry.findFirst({ where: { userId, stoppedAt: null }, include: entryInclude });
      if (!current) throw new AppError('TIMER_NOT_RUNNING', 'No timer is running. It may have been stopped in another tab.');
      const rules = await loadRules(tx, userId);
      const { flagged } = await enforceRules({
        tx,
        rules,
        entry: { userId, startedAt: current.startedAt, stoppedAt: now, note: trimmed, excludeEntryId: current.id },
        path: 'timer-stop',
        now,
      });
      const stoppedRow = await tx.workEntry.update({
        where: { id: current.id },
        data: { stoppedAt: now, note: trimmed, flagged, stoppedById: userId, updatedById: userId },
        include: entryInclude,
      });
      const stopped = toWireEntry(stoppedRow);
      await recordAudit(tx, { actorId: userId, action: 'STOP', entityId: current.id, before: toWireEntry(current), after: stopped });

      if (!rules.allowOverlap) await assertNoFinishedEntryCovers(tx, userId, now, org.timeZone);
      const startedRow = await tx.workEntry.create({
        data: {
          id: newId(), userId, customerId, categoryId, startedAt: now, stoppedAt: null, note: '', source: 'TIMER', createdById: userId,
        } as Prisma.WorkEntryUncheckedCreateInput,
        include: entryInclude,
      });
      const running = toWireEntry(startedRow);
      await recordAudit(tx, { actorId: userId, action: 'START', entityId: startedRow.id, before: null, after: running });
      return { stopped, running };
    }, TX_OPTIONS);
  } catch (err) {
    // Another tab started a timer between our stop and start: the partial unique index refused it.
    if (!isPrismaError(err, 'P2002')) throw err;
    throw await alreadyRunning(db, userId, org.timeZone);
  }
  events?.publish(orgId, { type: 'timer.stopped', userId, entryId: result.stopped.id, customerId: result.stopped.customerId });
  events?.publish(orgId, { type: 'timer.started', userId, entryId: result.running.id, customerId });
  return result;
}
