import { addDays, type ReportGroupBy } from '@workdiary/shared';
import type { SqlRunner } from '../../db/engine.ts';
import { scopedSql, type ScopedQuery } from '../../db/scoped-sql.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { forEachSliced } from '../../lib/loop-slices.ts';

/**
 * Reports' minutes, in ONE aggregate query over the kept per-day figures (DayFigure, kept by the
 * database with every write of an entry), by the figures module's rule (index.ts): finished
 * sessions are cut at the organisation's local midnights, and a user's day has exactly the Work
 * diary's day total, floor(Σ ms / 60000). That day's minutes are shared among its cells (customer ×
 * category) by the largest remainder: each cell gets its whole minutes, and the minutes the floors
 * left over go to the cells with the largest leftover seconds (ties by customer id, category id).
 * The sharing is kept with the cells ("minutes", worked out by wd_refresh_day_figures and
 * wd_share_day_minutes whenever a user-day changes; 20261208130000_day_figure_minutes), so a read
 * only sums it: no window over every cell. So a person's month in a report is the overview's to
 * the minute, whatever the grouping, and every cell's minutes are within one of its exact share.
 *
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

function reportSql({ orgId, from, to, groupBy, userId, customerId, categoryId }: ReportFilter): ScopedQuery {
  const scope = scopedSql(orgId);
  const k1 = KEY_SQL[groupBy[0] as ReportGroupBy];
  const k2 = groupBy[1] ? KEY_SQL[groupBy[1]] : null;
  // One level: no second key to group by (PostgreSQL groups by no constant). The keys are this
  // file's constants, never input.
  const second = k2 === null
    ? { select: 'NULL::text AS k2, 1 AS g2', sets: `(${k1}), (), (f.day)` }
    : { select: `${k2} AS k2, GROUPING(${k2}) AS g2`, sets: `(${k1}, ${k2}), (${k1}), (), (f.day)` };
  return scope.query`
WITH f AS (
  -- The kept per-day figures (DayFigure): each cell's shared-out whole minutes, and its customer's rate.
  SELECT f."userId" AS user_id, f.day, f."customerId" AS customer_id, f."categoryId" AS category_id, f.minutes, cu."hourlyRate" AS rate
  FROM "DayFigure" f
  JOIN "Customer" cu ON ${scope.where('cu', Prisma.sql`cu.id = f."customerId"`)}
  WHERE ${scope.where('f',
    Prisma.sql`f.day BETWEEN ${from}::date AND ${to}::date`,
    userId !== null && Prisma.sql`f."userId" = ${userId}`,
    customerId !== null && Prisma.sql`f."customerId" = ${customerId}`,
    categoryId !== null && Prisma.sql`f."categoryId" = ${categoryId}`)}
)
SELECT GROUPING(${Prisma.raw(k1)}) AS g1, GROUPING(f.day) AS gd, ${Prisma.raw(k1)} AS k1, ${Prisma.raw(second.select)}, f.day::text AS day,
       sum(f.minutes)::bigint AS minutes,
       sum(CASE WHEN f.rate IS NOT NULL THEN f.minutes ELSE 0 END)::bigint AS billable_minutes,
       sum(f.minutes::bigint * coalesce(f.rate, 0))::bigint AS amount_x60
FROM f
GROUP BY GROUPING SETS (${Prisma.raw(second.sets)})
`;
}

type ReportFilter = {
  orgId: string; from: string; to: string; groupBy: ReportGroupBy[];
  userId: string | null; customerId: string | null; categoryId: string | null;
};

export type ReportSqlRow = {
  /** 1 where that column is aggregated away in this row (GROUPING()). */
  g1: number; g2: number; gd: number;
  k1: string | null; k2: string | null; day: string | null;
  minutes: number;
  billable_minutes: number;
  /** Σ minutes × rate: the amount in minor units times 60, exact. */
  amount_x60: number;
};

/** The range's local days, in order. */
function rangeDays(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  return dates;
}

export async function queryReport({ sql, ...filter }: ReportFilter & { sql: SqlRunner }): Promise<{ rows: ReportSqlRow[]; dates: string[] }> {
  const { from, to } = filter;
  const rows = await sql.query<ReportSqlRow>(reportSql(filter));
  // In place and in slices: a year by customer × user is ~380,000 rows.
  await forEachSliced(rows, (r) => {
    r.g1 = Number(r.g1); r.g2 = Number(r.g2); r.gd = Number(r.gd);
    r.minutes = Number(r.minutes); r.billable_minutes = Number(r.billable_minutes); r.amount_x60 = Number(r.amount_x60);
  });
  return { dates: rangeDays(from, to), rows };
}
