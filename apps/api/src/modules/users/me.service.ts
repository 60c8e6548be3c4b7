import type { ScopedDb } from '../../db/scoped.ts';
import type { EventBus } from '../../lib/events.ts';
import type { Actor } from '../../lib/permissions.ts';

/** PATCH /api/me: the caller renames themself; lists elsewhere show the new name at once (user.changed). */
export async function renameSelf({ db, events, actor, name }: {
  db: ScopedDb; events: EventBus; actor: Pick<Actor, 'userId' | 'orgId'>; name: string;
}): Promise<void> {
  await db.user.updateMany({ where: { id: actor.userId }, data: { name } });
  events.publish(actor.orgId, { type: 'user.changed', userId: actor.userId });
}
