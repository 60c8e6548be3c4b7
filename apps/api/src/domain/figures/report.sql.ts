import { addDays, type ReportGroupBy } from '@workdiary/shared';
import type { SqlRunner } from '../../db/engine.ts';
import { scopedSql, type ScopedQuery } from '../../db/scoped-sql.ts';
import { Prisma } from '../../generated/prisma/client.ts';

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
 * on which filter asked for them.
 *
 * One scan, one hash aggregate (GROUPING SETS of the finest level and of each day, for the series);
 * the first level and the whole are the finest level's sums, added up by the caller (reports.service.ts groupsOf),
 * each group's amount rounded once there. Where the customer is one of the levels, the rate is
 * joined to the aggregated rows (one customer each) instead of to every cell. Measured on the
 * bench's 1.13M cells, a year by customer × user (376,000 pairs), PostgreSQL, quiet machine:
 * 1.68 s → 0.90 s in the database (the GROUPING SETS with the first level and the whole sorted all
 * cells on disk; the rate join per cell took 0.24 s), 1.85 s → 1.1 s through the driver.
 */
const KEY_SQL: Record<ReportGroupBy, string> = {
  customer: 'f."customerId"',
  category: 'f."categoryId"',
  user: 'f."userId"',
  month: `to_char(f.day, 'YYYY-MM')`,
  week: `to_char(f.day, 'IYYY-"W"IW')`,
  day: `to_char(f.day, 'YYYY-MM-DD')`,
};

/** The report's one statement (exported for bench/reports.ts's reference: the same SQL, read in one piece). */
export function reportSql({ orgId, from, to, groupBy, userId, customerId, categoryId, order }: ReportFilter): ScopedQuery {
  const scope = scopedSql(orgId);
  // The keys are this file's constants, never input.
  const keys = groupBy.map((g) => KEY_SQL[g]);
  const k1 = Prisma.raw(keys[0] as string);
  const k2 = Prisma.raw(keys[1] ?? 'NULL::text');
  const finest = Prisma.raw(keys.join(', '));
  const cells = scope.where('f',
    Prisma.sql`f.day BETWEEN ${from}::date AND ${to}::date`,
    userId !== null && Prisma.sql`f."userId" = ${userId}`,
    customerId !== null && Prisma.sql`f."customerId" = ${customerId}`,
    categoryId !== null && Prisma.sql`f."categoryId" = ${categoryId}`);
  // A named level's key as its place in `order` (1-based), the key itself only where it is not there.
  const places = Prisma.sql`
  r1.n::int AS i1, CASE WHEN r1.n IS NULL THEN a.k1 END AS k1, r2.n::int AS i2, CASE WHEN r2.n IS NULL THEN a.k2 END AS k2`;
  const ordered = Prisma.sql`
LEFT JOIN unnest(${order[0] ?? []}::text[]) WITH ORDINALITY AS r1(id, n) ON r1.id = a.k1
LEFT JOIN unnest(${order[1] ?? []}::text[]) WITH ORDINALITY AS r2(id, n) ON r2.id = a.k2`;
  const byCustomer = groupBy.indexOf('customer');
  if (byCustomer !== -1) {
    // Each aggregated row belongs to one customer (its k1 or k2): its rate is joined after the sums.
    const customerKey = Prisma.raw(byCustomer === 0 ? 'a.k1' : 'a.k2');
    return scope.query`
SELECT a.gd, a.day, ${places}, a.minutes::float8 AS minutes,
       CASE WHEN cu."hourlyRate" IS NOT NULL THEN a.minutes ELSE 0 END::float8 AS billable_minutes,
       (a.minutes * coalesce(cu."hourlyRate", 0))::float8 AS amount_x60
FROM (
  SELECT GROUPING(f.day) AS gd, ${k1} AS k1, ${k2} AS k2, f.day::text AS day, sum(f.minutes) AS minutes
  FROM "DayFigure" f
  WHERE ${cells}
  GROUP BY GROUPING SETS ((${finest}), (f.day))
) a
LEFT JOIN "Customer" cu ON ${scope.where('cu', Prisma.sql`cu.id = ${customerKey}`)}${ordered}
`;
  }
  return scope.query`
SELECT a.gd, a.day, ${places}, a.minutes, a.billable_minutes, a.amount_x60
FROM (
  SELECT GROUPING(f.day) AS gd, ${k1} AS k1, ${k2} AS k2, f.day::text AS day, sum(f.minutes)::float8 AS minutes,
         sum(CASE WHEN cu."hourlyRate" IS NOT NULL THEN f.minutes ELSE 0 END)::float8 AS billable_minutes,
         sum(f.minutes::bigint * coalesce(cu."hourlyRate", 0))::float8 AS amount_x60
  FROM "DayFigure" f
  JOIN "Customer" cu ON ${scope.where('cu', Prisma.sql`cu.id = f."customerId"`)}
  WHERE ${cells}
  GROUP BY GROUPING SETS ((${finest}), (f.day))
) a${ordered}
`;
}

export type ReportFilter = {
  orgId: string; from: string; to: string; groupBy: ReportGroupBy[];
  userId: string | null; customerId: string | null; categoryId: string | null;
  /**
   * Per level, the ids of a named level (customers, categories, users) in the report's order:
   * rows name such a key by its place in this list (i1, i2), which is shorter to send and read
   * than the id and is already the order. Null or empty for months, weeks and days.
   */
  order: Array<string[] | null>;
};

// Sums come as float8, which the drivers answer as numbers (bigint would be text): whole numbers
// far below 2^53, so exact.
/**
 * A row of the finest level (gd 1) or of one day of the series (gd 0: day). A level's key is its
 * 1-based place in `order` (i1, i2), or the key itself (k1, k2) for months, weeks and days and for
 * an id missing from `order` (made after the list was read).
 */
export type ReportSqlRow = {
  gd: number;
  day: string | null;
  i1: number | null; k1: string | null;
  i2: number | null; k2: string | null;
  minutes: number;
  billable_minutes: number;
  /** Σ minutes × rate: the amount in minor units times 60, exact (an integer well below 2^53). */
  amount_x60: number;
};

/** The range's local days, in order. */
function rangeDays(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  return dates;
}

/**
 * Work_mem for the hash aggregate (a year by customer × user: ~78 MB of groups); no JIT compiling
 * (~100 ms it never won back); and no merge joins: the planner (expecting a third of the 376,000
 * rows) sorted the aggregate to merge it with the 2,000 customers' places, 0.4 s more.
 */
export const REPORT_SETTINGS = { workMemMb: 64, jit: false, mergeJoin: false } as const;

export async function queryReport({ sql, ...filter }: ReportFilter & { sql: SqlRunner }): Promise<{ rows: ReportSqlRow[]; dates: string[] }> {
  const rows = await sql.query<ReportSqlRow>(reportSql(filter), { settings: REPORT_SETTINGS, batchRows: 5_000 });
  return { dates: rangeDays(filter.from, filter.to), rows };
}
