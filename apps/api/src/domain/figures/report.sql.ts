import { addDays, dayBounds, type ReportGroupBy } from '@workdiary/shared';
import type { SqlRunner } from '../../db/engine.ts';

/**
 * Reports' minutes, in ONE aggregate query, by the figures module's rule (index.ts): finished
 * sessions are cut at the organisation's local midnights, and a user's day has exactly the Work
 * diary's day total, floor(Σ ms / 60000). That day's minutes are shared among its cells (customer ×
 * category) by the largest remainder: each cell gets its whole minutes, and the minutes the floors
 * left over go to the cells with the largest leftover seconds (ties by customer id, category id).
 * So a person's month in a report is the overview's to the minute, whatever the grouping, and
 * every cell's minutes are within one of its exact share.
 *
 * The days and their UTC bounds come from the shared `dayBounds` (DST days are 23 or 25 hours),
 * as in the overview's query, and sessions are placed in their day by the same 24-hour bin.
 * Filters by customer and category apply after the sharing, so a customer's minutes do not depend
 * on which filter asked for them. Grouped in the database by GROUPING SETS: the first level, the
 * two levels, the whole, and each day (the series).
 */
const KEY_SQL: Record<ReportGroupBy, string> = {
  customer: 'f.customer_id',
  category: 'f.category_id',
  user: 'f.user_id',
  month: `to_char(f.day, 'YYYY-MM')`,
  week: `to_char(f.day, 'IYYY-"W"IW')`,
  day: `to_char(f.day, 'YYYY-MM-DD')`,
};

function reportSql(groupBy: ReportGroupBy[]): string {
  const k1 = KEY_SQL[groupBy[0] as ReportGroupBy];
  const k2 = groupBy[1] ? KEY_SQL[groupBy[1]] : null;
  // One level: no second key to group by (PostgreSQL groups by no constant).
  const second = k2 === null
    ? { select: 'NULL::text AS k2, 1 AS g2', sets: `(${k1}), (), (f.day)` }
    : { select: `${k2} AS k2, GROUPING(${k2}) AS g2`, sets: `(${k1}, ${k2}), (${k1}), (), (f.day)` };
  return /* sql */ `
WITH days AS (
  SELECT d.day, d.day_start, d.day_end, $5::timestamptz + (d.ord - 1) * interval '24 hours' AS bin
  FROM unnest($2::date[], $3::timestamptz[], $4::timestamptz[]) WITH ORDINALITY AS d(day, day_start, day_end, ord)
),
sessions AS (
  SELECT e."userId" AS user_id, e."customerId" AS customer_id, e."categoryId" AS category_id, e."startedAt" AS started_at, e."stoppedAt" AS stopped_at
  FROM "WorkEntry" e
  WHERE e."organizationId" = $1 AND e."stoppedAt" IS NOT NULL
    AND e."startedAt" >= $5::timestamptz - interval '1 day' AND e."startedAt" < $6::timestamptz
    AND e."stoppedAt" > $5::timestamptz
    AND ($7::text IS NULL OR e."userId" = $7)
  UNION ALL
  SELECT e."userId", e."customerId", e."categoryId", e."startedAt", e."stoppedAt"
  FROM "WorkEntry" e
  WHERE e."organizationId" = $1 AND (e."stoppedAt" - e."startedAt") > interval '1 day'
    AND e."startedAt" < $5::timestamptz - interval '1 day'
    AND e."stoppedAt" > $5::timestamptz
    AND ($7::text IS NULL OR e."userId" = $7)
),
placed AS (
  SELECT s.*, d.day AS within
  FROM sessions s
  LEFT JOIN days d ON d.bin = date_bin('24 hours', s.started_at, $5::timestamptz)
    AND s.started_at >= d.day_start AND s.stopped_at <= d.day_end
),
crossing AS MATERIALIZED (
  SELECT p.user_id, p.customer_id, p.category_id, p.started_at, p.stopped_at FROM placed p WHERE p.within IS NULL
),
pieces AS (
  SELECT p.user_id, p.customer_id, p.category_id, p.within AS day, p.stopped_at - p.started_at AS span
  FROM placed p WHERE p.within IS NOT NULL
  UNION ALL
  SELECT c.user_id, c.customer_id, c.category_id, d.day, least(c.stopped_at, d.day_end) - greatest(c.started_at, d.day_start)
  FROM crossing c
  JOIN days d ON c.started_at < d.day_end AND c.stopped_at > d.day_start
),
cells AS (
  SELECT p.user_id, p.day, p.customer_id, p.category_id, extract(epoch FROM sum(p.span)) * 1000 AS ms
  FROM pieces p
  GROUP BY p.user_id, p.day, p.customer_id, p.category_id
),
ranked AS (
  SELECT c.*, div(c.ms, 60000) AS base,
         div(sum(c.ms) OVER (PARTITION BY c.user_id, c.day), 60000) - sum(div(c.ms, 60000)) OVER (PARTITION BY c.user_id, c.day) AS left_over,
         row_number() OVER (PARTITION BY c.user_id, c.day ORDER BY c.ms - div(c.ms, 60000) * 60000 DESC, c.customer_id, c.category_id) AS rank
  FROM cells c
),
f AS (
  SELECT r.user_id, r.day, r.customer_id, r.category_id,
         (r.base + CASE WHEN r.rank <= r.left_over THEN 1 ELSE 0 END)::bigint AS minutes
  FROM ranked r
  WHERE ($8::text IS NULL OR r.customer_id = $8) AND ($9::text IS NULL OR r.category_id = $9)
),
priced AS (
  SELECT f.*, cu."hourlyRate" AS rate
  FROM f
  JOIN "Customer" cu ON cu."organizationId" = $1 AND cu.id = f.customer_id
)
SELECT GROUPING(${k1}) AS g1, GROUPING(f.day) AS gd, ${k1} AS k1, ${second.select}, to_char(f.day, 'YYYY-MM-DD') AS day,
       sum(f.minutes)::bigint AS minutes,
       sum(CASE WHEN f.rate IS NOT NULL THEN f.minutes ELSE 0 END)::bigint AS billable_minutes,
       sum(f.minutes * coalesce(f.rate, 0))::bigint AS amount_x60
FROM priced f
GROUP BY GROUPING SETS (${second.sets})
`;
}

export type ReportSqlRow = {
  /** 1 where that column is aggregated away in this row (GROUPING()). */
  g1: number; g2: number; gd: number;
  k1: string | null; k2: string | null; day: string | null;
  minutes: number;
  billable_minutes: number;
  /** Σ minutes × rate: the amount in minor units times 60, exact. */
  amount_x60: number;
};

/** The range's local days with their UTC bounds, as the query's array parameters. */
function rangeDays(from: string, to: string, tz: string) {
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  const bounds = dates.map((d) => dayBounds(d, tz));
  return {
    dates,
    starts: bounds.map((b) => b.start.toISOString()),
    ends: bounds.map((b) => b.end.toISOString()),
    rangeStart: (bounds[0]?.start ?? new Date(NaN)).toISOString(),
    rangeEnd: (bounds.at(-1)?.end ?? new Date(NaN)).toISOString(),
  };
}

export async function queryReport({ sql, orgId, tz, from, to, groupBy, userId, customerId, categoryId }: {
  sql: SqlRunner; orgId: string; tz: string; from: string; to: string; groupBy: ReportGroupBy[];
  userId: string | null; customerId: string | null; categoryId: string | null;
}): Promise<{ rows: ReportSqlRow[]; dates: string[] }> {
  const p = rangeDays(from, to, tz);
  const rows = await sql.query<ReportSqlRow>(reportSql(groupBy), [
    orgId, p.dates, p.starts, p.ends, p.rangeStart, p.rangeEnd, userId, customerId, categoryId,
  ]);
  return {
    dates: p.dates,
    rows: rows.map((r) => ({
      ...r,
      g1: Number(r.g1), g2: Number(r.g2), gd: Number(r.gd),
      minutes: Number(r.minutes), billable_minutes: Number(r.billable_minutes), amount_x60: Number(r.amount_x60),
    })),
  };
}
