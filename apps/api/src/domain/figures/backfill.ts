import type { Database } from '../../db/engine.ts';
import { forOrg } from '../../db/scoped.ts';
import { txSql } from '../../db/tx-sql.ts';
import { orgContextOf } from '../../lib/mappers.ts';
import { lockUserEntries } from '../entry-rules.ts';
import { snapshotMonth } from './index.ts';

type Missing = { id: string; organizationId: string; userId: string; month: string; updatedAt: Date | string };

/**
 * Months approved before approvals kept their figures (or whose keeping was interrupted, as the
 * previous release allowed) have none; they were worked out live. At start-up (after the
 * migrations, under the start-up lock) each gets its figures as they are worked out now, with the
 * approval's instant, so from then on every APPROVED month reads only what was kept. Returns how
 * many were kept; the caller logs it.
 */
export async function keepMissingSnapshots(database: Database): Promise<number> {
  const missing = await database.unscoped.query<Missing>(`
    SELECT id, "organizationId", "userId", month, "updatedAt" FROM "MonthClose"
    WHERE status = 'APPROVED' AND figures IS NULL ORDER BY "organizationId", month, "userId"`);
  let kept = 0;
  for (const m of missing) {
    const o = await database.prisma.organization.findUnique({ where: { id: m.organizationId } });
    if (!o) continue;
    const org = orgContextOf(o);
    await forOrg(database.prisma, o.id).$transaction(async (tx) => {
      await lockUserEntries(tx, m.userId);
      const figures = await snapshotMonth({ sql: txSql(tx), org, userId: m.userId, month: m.month, approvedAt: new Date(m.updatedAt) });
      // Raw, so updatedAt stays the approval's instant (figures is null only while still approved).
      kept += await tx.$executeRaw`UPDATE "MonthClose" SET figures = ${JSON.stringify(figures)}::jsonb
        WHERE id = ${m.id} AND status = 'APPROVED' AND figures IS NULL`;
    });
  }
  return kept;
}
