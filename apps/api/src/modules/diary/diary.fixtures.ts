// Test data for the diary tests: entries written straight to the database (the diary only reads).
import type { PrismaClient } from '../../generated/prisma/client.ts';
import { newId } from '../../db/ids.ts';
import type { OrgFixture } from '../../test/helper.ts';

export type EntrySpec = {
  userId: string;
  start: string;
  stop: string | null;
  flagged?: boolean;
  note?: string;
};

/** Inserts entries (ISO instants) for `org`; returns their ids in order. */
export async function insertEntries(prisma: PrismaClient, org: OrgFixture, specs: EntrySpec[]): Promise<string[]> {
  const ids = specs.map(() => newId());
  await prisma.workEntry.createMany({
    data: specs.map((s, i) => ({
      id: ids[i] as string,
      organizationId: org.orgId,
      userId: s.userId,
      customerId: org.customers.acme,
      categoryId: org.categories.regular,
      startedAt: new Date(s.start),
      stoppedAt: s.stop === null ? null : new Date(s.stop),
      note: s.note ?? '',
      source: 'MANUAL' as const,
      flagged: s.flagged ?? false,
      createdById: s.userId,
    })),
  });
  return ids;
}
