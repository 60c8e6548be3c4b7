import type { WorkEntry as WireEntry } from '@workdiary/shared';
import type { Prisma } from '../../generated/prisma/client.ts';

/** What every entry query includes so it can be sent on the wire. */
export const entryInclude = {
  user: { select: { id: true, name: true } },
  customer: { select: { id: true, name: true } },
  category: { select: { id: true, name: true, archived: true } },
} satisfies Prisma.WorkEntryInclude;

export type EntryWithRelations = Prisma.WorkEntryGetPayload<{ include: typeof entryInclude }>;

export function toWireEntry(e: EntryWithRelations): WireEntry {
  return {
    id: e.id,
    userId: e.userId,
    customerId: e.customerId,
    categoryId: e.categoryId,
    startedAt: e.startedAt.toISOString(),
    stoppedAt: e.stoppedAt ? e.stoppedAt.toISOString() : null,
    note: e.note,
    source: e.source,
    flagged: e.flagged,
    user: e.user,
    customer: e.customer,
    category: e.category,
  };
}
