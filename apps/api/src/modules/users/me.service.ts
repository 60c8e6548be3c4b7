import type { ScopedDb } from '../../db/scoped.ts';
import type { EventBus } from '../../lib/events.ts';
import type { Actor } from '../../lib/permissions.ts';

/** PATCH /api/me: the caller's own name, language and/or monthly reminder (a field left out is unchanged; locale null follows the organisation). */
export async function updateSelf({ db, events, actor, name, locale, monthReminder }: {
  db: ScopedDb; events: EventBus; actor: Pick<Actor, 'userId' | 'orgId'>; name?: string; locale?: string | null; monthReminder?: boolean;
}): Promise<void> {
  await db.user.updateMany({
    where: { id: actor.userId },
    data: {
      ...(name !== undefined ? { name } : {}),
      ...(locale !== undefined ? { locale } : {}),
      ...(monthReminder !== undefined ? { monthReminder } : {}),
    },
  });
  events.publish(actor.orgId, { type: 'user.changed', userId: actor.userId });
}
