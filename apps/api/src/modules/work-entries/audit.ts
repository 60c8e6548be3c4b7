import type { Prisma } from '../../generated/prisma/client.ts';
import type { AuditAction } from '../../generated/prisma/enums.ts';
import { newId } from '../../db/ids.ts';
import type { ScopedTx } from '../../db/scoped.ts';

type Snapshot = Record<string, unknown> | null;

/** Every create, edit, start, stop and delete of a WorkEntry leaves one of these, in the same transaction. */
export async function recordAudit(tx: ScopedTx, a: { actorId: string; action: AuditAction; entityId: string; before: Snapshot; after: Snapshot }) {
  await tx.auditEvent.create({
    data: {
      id: newId(),
      entityType: 'WorkEntry',
      entityId: a.entityId,
      action: a.action,
      actorId: a.actorId,
      before: (a.before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: (a.after ?? undefined) as Prisma.InputJsonValue | undefined,
    } as Prisma.AuditEventUncheckedCreateInput,
  });
}
