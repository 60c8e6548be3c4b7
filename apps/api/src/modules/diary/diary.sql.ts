import { daysOfMonth, dayBounds, weekdayIndex } from '@workdiary/shared';
import type { SqlRunner } from '../../db/engine.ts';

/**
 * The Work diary's month overview in ONE aggregate query: every user of the organisation with
 * the month's total, extra and required minutes, and their pay. The month's days arrive as
 * arrays (date, UTC start, UTC end, weekday) whose bounds come from the shared `dayBounds`, so
 * DST days are 23 or 25 hours exactly as in the shared functions.
 *
 * Same definitions as `minutesByDay`/`dayFigures`/`monthFigures` in @workdiary/shared:
 *  - a session is cut at local midnights; per day, the pieces' durations are summed and floored
 *    to whole minutes once: floor(Σ ms / 60000);
 *  - extra per day = max(0, day total − required minutes of that weekday), from the user's own
 *    rules row, else `fallbackRequired` ($8): what `loadRules(db, null)` (settings/rules-lookup.ts,
 *    the one lookup) gives, i.e. the organisation's default row, else the product defaults;
 *  - the month's figures are the sums of its days;
 *  - running sessions are left out (payroll and the overview count finished work only).
 *
 * How it stays fast (200 users × a year of entries: see bench/diary-overview.ts):
 *  - `sessions` reads the month's entries by the (organizationId, startedAt) index, from one day
 *    before the month; sessions that started earlier and still reach into the month are longer
 *    than a day, and those few come from the partial index WorkEntry_long_sessions_idx;
 *  - `placed` puts each session in its day by a hash join on a 24-hour bin counted from the
 *    month's first midnight (cheap integer arithmetic, no zone lookups in SQL). The bin only
 *    picks a candidate day: the session counts there whole only if it lies inside that day's
 *    exact bounds. The rare rest (across midnight, or in the hour a DST change shifts between
 *    bin and day) is `crossing` and is cut against every day of the month.
 */
const OVERVIEW_SQL = /* sql */ `
WITH days AS (
  SELECT d.day, d.day_start, d.day_end, d.weekday,
         $6::timestamptz + (d.ord - 1) * interval '24 hours' AS bin
  FROM unnest($2::date[], $3::timestamptz[], $4::timestamptz[], $5::int[]) WITH ORDINALITY AS d(day, day_start, day_end, weekday, ord)
),
people AS (
  SELECT u.id, u.name, u.active, u."payType" AS pay_type, u."hourlyRate" AS hourly_rate,
         u."monthlyBase" AS monthly_base, u."overtimeFactor" AS overtime_factor,
         coalesce(ur."requiredMinutes", $8::int[]) AS required
  FROM "User" u
  LEFT JOIN "WorkRules" ur ON ur."userId" = u.id AND ur."organizationId" = $1
  WHERE u."organizationId" = $1
),
sessions AS (
  SELECT e."userId" AS user_id, e."startedAt" AS started_at, e."stoppedAt" AS stopped_at
  FROM "WorkEntry" e
  WHERE e."organizationId" = $1 AND e."stoppedAt" IS NOT NULL
    AND e."startedAt" >= $6::timestamptz - interval '1 day' AND e."startedAt" < $7::timestamptz
    AND e."stoppedAt" > $6::timestamptz
  UNION ALL
  SELECT e."userId", e."startedAt", e."stoppedAt"
  FROM "WorkEntry" e
  WHERE e."organizationId" = $1 AND (e."stoppedAt" - e."startedAt") > interval '1 day'
    AND e."startedAt" < $6::timestamptz - interval '1 day'
    AND e."stoppedAt" > $6::timestamptz
),
placed AS (
  SELECT s.user_id, s.started_at, s.stopped_at, d.day AS within
  FROM sessions s
  LEFT JOIN days d ON d.bin = date_bin('24 hours', s.started_at, $6::timestamptz)
    AND s.started_at >= d.day_start AND s.stopped_at <= d.day_end
),
crossing AS MATERIALIZED (
  SELECT p.user_id, p.started_at, p.stopped_at FROM placed p WHERE p.within IS NULL
),
pieces AS (
  SELECT p.user_id, p.within AS day, sum(p.stopped_at - p.started_at) AS span
  FROM placed p
  WHERE p.within IS NOT NULL
  GROUP BY p.user_id, p.within
  UNION ALL
  SELECT c.user_id, d.day, least(c.stopped_at, d.day_end) - greatest(c.started_at, d.day_start)
  FROM crossing c
  JOIN days d ON c.started_at < d.day_end AND c.stopped_at > d.day_start
),
per_day AS (
  -- An interval sum keeps whole microseconds; epoch counts its days as 86400 s, which is what
  -- timestamptz subtraction put there. Floored once per day.
  SELECT p.user_id, d.weekday, div(extract(epoch FROM sum(p.span)) * 1000, 60000) AS minutes
  FROM pieces p
  JOIN days d ON d.day = p.day
  GROUP BY p.user_id, d.day, d.weekday
),
per_user AS (
  SELECT p.user_id,
         sum(p.minutes) AS total_minutes,
         sum(greatest(0, p.minutes - coalesce(pe.required[p.weekday + 1], 0))) AS extra_minutes
  FROM per_day p
  JOIN people pe ON pe.id = p.user_id
  GROUP BY p.user_id
)
SELECT pe.id, pe.name, pe.active, pe.pay_type, pe.hourly_rate, pe.monthly_base, pe.overtime_factor,
       coalesce(pu.total_minutes, 0)::int AS total_minutes,
       coalesce(pu.extra_minutes, 0)::int AS extra_minutes,
       (SELECT coalesce(sum(coalesce(pe.required[d.weekday + 1], 0)), 0) FROM days d)::int AS required_minutes
FROM people pe
LEFT JOIN per_user pu ON pu.user_id = pe.id
WHERE pe.active OR pu.user_id IS NOT NULL
ORDER BY lower(pe.name), pe.id
`;

export type OverviewSqlRow = {
  id: string;
  name: string;
  active: boolean;
  pay_type: 'HOURLY' | 'MONTHLY';
  hourly_rate: number | null;
  monthly_base: number | null;
  overtime_factor: number;
  total_minutes: number;
  extra_minutes: number;
  required_minutes: number;
};

/** The month's days with their UTC bounds in `tz`, as the query's array parameters. */
export function monthDayParams(month: string, tz: string) {
  const dates = daysOfMonth(month);
  const bounds = dates.map((date) => dayBounds(date, tz));
  return {
    dates,
    starts: bounds.map((b) => b.start.toISOString()),
    ends: bounds.map((b) => b.end.toISOString()),
    weekdays: dates.map((date) => weekdayIndex(date)),
    monthStart: (bounds[0]?.start ?? new Date(NaN)).toISOString(),
    monthEnd: (bounds.at(-1)?.end ?? new Date(NaN)).toISOString(),
  };
}

export async function queryMonthOverview({ sql, orgId, month, tz, fallbackRequired }: {
  sql: SqlRunner; orgId: string; month: string; tz: string;
  /** Required minutes Mon..Sun of people without rules of their own: `(await loadRules(db, null)).requiredMinutes`. */
  fallbackRequired: number[];
}): Promise<OverviewSqlRow[]> {
  const p = monthDayParams(month, tz);
  const rows = await sql.query<OverviewSqlRow>(OVERVIEW_SQL, [
    orgId, p.dates, p.starts, p.ends, p.weekdays, p.monthStart, p.monthEnd, fallbackRequired,
  ]);
  // Both drivers return int4 as numbers and float8 as numbers; normalise defensively anyway.
  return rows.map((r) => ({
    ...r,
    hourly_rate: r.hourly_rate === null ? null : Number(r.hourly_rate),
    monthly_base: r.monthly_base === null ? null : Number(r.monthly_base),
    overtime_factor: Number(r.overtime_factor),
    total_minutes: Number(r.total_minutes),
    extra_minutes: Number(r.extra_minutes),
    required_minutes: Number(r.required_minutes),
  }));
}
