// The Work diary overview's working-time column (issue 26): each user's number of findings in a
// period, from the kept day shapes (UserDay: worked, breaks, longest stretch, first start, last end;
// kept with every write by wd_refresh_user_days, the same definitions as the
// shared dayShape), by the rules of the shared `complianceFindings` (packages/shared compliance.ts),
// in one statement over a month of user-days (~6,000 rows for 200 people). Before, every session of
// the organisation's month was read into the server and judged there (~90,000 at the bench's
// million entries: 280–420 ms of the overview). The lists (GET /api/compliance, the month view's
// days) still judge the sessions with the shared function; compliance-counts.test.ts checks the
// two agree on random histories (DST nights, midnights, sessions over a day, touching and
// overlapping sessions, short rests, Sundays, holidays), for every rule and each alone.
//
//  - BREAK_MISSING worked > 540 min and breaks < 45, or worked > 360 and breaks < 30;
//    STRETCH_TOO_LONG stretch > 360; DAILY_MAX worked > 600 (each figure floored to minutes);
//    SUNDAY_WORK / HOLIDAY_WORK any work that day;
//  - REST_SHORT: less than 11 h from the last end of the previous day with work to the day's first
//    start, when that start is later than that end. It is not where work runs on over midnight
//    (the day before ends at midnight, where this day's first piece starts) or where a stop and a
//    start meet at midnight (one span for the shared rules, which merge touching sessions).
import { addDays, type ComplianceRule } from '@workdiary/shared';
import type { SqlRunner } from '../../db/engine.ts';
import { scopedSql } from '../../db/scoped-sql.ts';
import { Prisma } from '../../generated/prisma/client.ts';

/** Findings per user on local dates [from, to] (only users with at least one). */
export async function countFindings({ sql, orgId, rules, holidays, from, to }: {
  sql: SqlRunner; orgId: string; rules: readonly ComplianceRule[]; holidays: ReadonlySet<string>; from: string; to: string;
}): Promise<Map<string, number>> {
  if (rules.length === 0) return new Map();
  const scope = scopedSql(orgId);
  const on = (rule: ComplianceRule) => rules.includes(rule);
  // From the day before the period: its last end is the rest before the period's first day.
  const rows = await sql.query<{ user_id: string; n: number }>(scope.query`
WITH d AS (
  SELECT u."userId" AS user_id, u.day, u."workedMs" AS worked_ms, u."firstStart" AS first_start,
         div(u."workedMs", 60000) AS worked, div(u."breakMs", 60000) AS breaks, div(u."stretchMs", 60000) AS stretch,
         lag(u."lastEnd") OVER (PARTITION BY u."userId" ORDER BY u.day) AS previous_end
  FROM "UserDay" u
  WHERE ${scope.where('u', Prisma.sql`u.day BETWEEN ${addDays(from, -1)}::date AND ${to}::date`)}
)
SELECT c.user_id, c.n
FROM (
  SELECT d.user_id, sum(
           (CASE WHEN ${on('BREAK_MISSING')} AND ((d.worked > 540 AND d.breaks < 45) OR (d.worked > 360 AND d.breaks < 30)) THEN 1 ELSE 0 END)
         + (CASE WHEN ${on('STRETCH_TOO_LONG')} AND d.stretch > 360 THEN 1 ELSE 0 END)
         + (CASE WHEN ${on('DAILY_MAX')} AND d.worked > 600 THEN 1 ELSE 0 END)
         + (CASE WHEN ${on('SUNDAY_WORK')} AND d.worked_ms > 0 AND extract(isodow FROM d.day) = 7 THEN 1 ELSE 0 END)
         + (CASE WHEN ${on('HOLIDAY_WORK')} AND d.worked_ms > 0 AND d.day = ANY(${[...holidays]}::date[]) THEN 1 ELSE 0 END)
         + (CASE WHEN ${on('REST_SHORT')} AND d.previous_end < d.first_start AND d.first_start - d.previous_end < interval '11 hours' THEN 1 ELSE 0 END)
         )::int AS n
  FROM d
  WHERE d.day >= ${from}::date
  GROUP BY d.user_id
) c
WHERE c.n > 0
`);
  return new Map(rows.map((r) => [r.user_id, Number(r.n)]));
}
