import type { WorkEntry as WireEntry } from '@workdiary/shared';
import { Prisma } from '../generated/prisma/client.ts';

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

/**
 * The same wire entry from raw SQL: select `wireEntryColumns` FROM "WorkEntry" e joined as
 * `wireEntryJoins` (user u, customer c, category k, each within the entry's organisation).
 */
export const wireEntryColumns = Prisma.sql`e.id, e."userId" AS user_id, e."customerId" AS customer_id, e."categoryId" AS category_id,
  e."startedAt" AS started_at, e."stoppedAt" AS stopped_at, e.note, e.source, e.flagged,
  u.name AS user_name, c.name AS customer_name, k.name AS category_name, k.archived AS category_archived`;

export const wireEntryJoins = Prisma.sql`JOIN "User" u ON u."organizationId" = e."organizationId" AND u.id = e."userId"
  JOIN "Customer" c ON c."organizationId" = e."organizationId" AND c.id = e."customerId"
  JOIN "Category" k ON k."organizationId" = e."organizationId" AND k.id = e."categoryId"`;

export type WireEntryRow = {
  id: string; user_id: string; customer_id: string; category_id: string; started_at: Date | string; stopped_at: Date | string | null;
  note: string; source: 'TIMER' | 'MANUAL'; flagged: boolean; user_name: string; customer_name: string; category_name: string; category_archived: boolean;
};

export function wireEntryFromRow(r: WireEntryRow): WireEntry {
  return {
    id: r.id,
    userId: r.user_id,
    customerId: r.customer_id,
    categoryId: r.category_id,
    startedAt: new Date(r.started_at).toISOString(),
    stoppedAt: r.stopped_at === null ? null : new Date(r.stopped_at).toISOString(),
    note: r.note,
    source: r.source,
    flagged: r.flagged,
    user: { id: r.user_id, name: r.user_name },
    customer: { id: r.customer_id, name: r.customer_name },
    category: { id: r.category_id, name: r.category_name, archived: r.category_archived },
  };
}
