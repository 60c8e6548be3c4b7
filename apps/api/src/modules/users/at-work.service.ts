import { AppError, type AtWorkItem, type AtWorkStopResponse } from '@workdiary/shared';
import type { ScopedDb } from '../../db/scoped.ts';
import type { EventBus } from '../../lib/events.ts';
import { stopTimer, type TimerDeps } from '../timer/timer.service.ts';

/** Everyone in the organisation whose timer runs right now, longest-running first. */
export async function listOrgAtWork({ db }: { db: ScopedDb }): Promise<AtWorkItem[]> {
  const running = await db.workEntry.findMany({
    where: { stoppedAt: null },
    orderBy: { startedAt: 'asc' },
    select: {
      id: true, userId: true, customerId: true, startedAt: true,
      user: { select: { name: true } },
      customer: { select: { name: true } },
      category: { select: { name: true } },
    },
  });
  return running.map((r) => ({
    entryId: r.id,
    userId: r.userId,
    userName: r.user.name,
    customerId: r.customerId,
    customerName: r.customer.name,
    categoryName: r.category.name,
    startedAt: r.startedAt.toISOString(),
  }));
}

/**
 * A manager stops someone's forgotten timer: the same stop as the user's own (rules included),
 * recorded with the manager as the actor and as `stoppedBy`. `timer.stopped` is published by stopTimer.
 */
export async function stopUserTimer({ db, deps, orgId, userId, actorId, note, now, events }: {
  db: ScopedDb; deps: TimerDeps; orgId: string; userId: string; actorId: string; note: string; now: Date; events: EventBus;
}): Promise<AtWorkStopResponse> {
  const user = await db.user.findFirst({ where: { id: userId }, select: { id: true } });
  if (!user) throw new AppError('NOT_FOUND', 'This user does not exist.');
  // The note becomes the entry's note (running entries have none) and, as the reason, stays in the audit.
  const entry = await stopTimer({ deps, orgId, userId, actorId, note, reasonNote: note, now, events });
  const row = await db.workEntry.findFirst({ where: { id: entry.id }, select: { stoppedBy: { select: { id: true, name: true } } } });
  return { ...entry, stoppedBy: row?.stoppedBy ?? null };
}
