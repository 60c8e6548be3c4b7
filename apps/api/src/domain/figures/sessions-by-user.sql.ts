// The working-time check's read (modules/compliance): every user's finished sessions of a period
// in one query, as epoch milliseconds like `readSessions` (reads.sql.ts).
import type { Bounds } from '@workdiary/shared';
import { Prisma } from '../../generated/prisma/client.ts';
import type { SqlRunner } from '../../db/engine.ts';
import { scopedSql } from '../../db/scoped-sql.ts';

/**
 * Finished sessions touching [start, end) per user (one user, or everyone of the organisation when
 * `userId` is null): the working-time check's read (modules/compliance). Epoch milliseconds as in
 * `readSessions`; a running session is left out (its day is judged when it stops).
 */
export async function readFinishedSessionsByUser(sql: SqlRunner, orgId: string, userId: string | null, { start, end }: Bounds): Promise<Map<string, Array<{ startedAt: Date; stoppedAt: Date }>>> {
  const scope = scopedSql(orgId);
  const [from, to] = [start.toISOString(), end.toISOString()];
  const person = userId !== null && Prisma.sql`e."userId" = ${userId}`;
  // Two disjoint parts, so neither scans the organisation's history before the period: sessions
  // that started at most a day before it (WorkEntry_organizationId_startedAt_idx), and the few
  // longer than a day that started earlier and reach into it (WorkEntry_long_sessions_idx).
  const rows = await sql.query<{ user_id: string; started_ms: number | string; stopped_ms: number | string }>(scope.query`
    SELECT e."userId" AS user_id, (extract(epoch FROM e."startedAt") * 1000)::float8 AS started_ms, (extract(epoch FROM e."stoppedAt") * 1000)::float8 AS stopped_ms
    FROM "WorkEntry" e
    WHERE ${scope.where('e', person, Prisma.sql`e."stoppedAt" IS NOT NULL`,
      Prisma.sql`e."startedAt" >= ${from}::timestamptz - interval '1 day'`, Prisma.sql`e."startedAt" < ${to}::timestamptz`, Prisma.sql`e."stoppedAt" > ${from}::timestamptz`)}
    UNION ALL
    SELECT e."userId", (extract(epoch FROM e."startedAt") * 1000)::float8, (extract(epoch FROM e."stoppedAt") * 1000)::float8
    FROM "WorkEntry" e
    WHERE ${scope.where('e', person, Prisma.sql`(e."stoppedAt" - e."startedAt") > interval '1 day'`,
      Prisma.sql`e."startedAt" < ${from}::timestamptz - interval '1 day'`, Prisma.sql`e."stoppedAt" > ${from}::timestamptz`)}`);
  const byUser = new Map<string, Array<{ startedAt: Date; stoppedAt: Date }>>();
  for (const r of rows) {
    const list = byUser.get(r.user_id) ?? [];
    list.push({ startedAt: new Date(Number(r.started_ms)), stoppedAt: new Date(Number(r.stopped_ms)) });
    byUser.set(r.user_id, list);
  }
  return byUser;
}
