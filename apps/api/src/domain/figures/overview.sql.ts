import { daysOfMonth, dayBounds, weekdayIndex } from '@workdiary/shared';
import type { SqlRunner } from '../../db/engine.ts';
import { scopedSql, type ScopedQuery } from '../../db/scoped-sql.ts';
import { Prisma } from '../../generated/prisma/client.ts';

/**
 * dayRequirement in SQL, the one copy the overview and the overtime account use: the weekday's
 * minutes of a week of rules (`week`: an int[] Mon..Sun), floor(× share / 100) on a public holiday.
 * `week`, `weekday` and `holiday` are column references of the calling statement, never input.
 */
export function dayRequirementSql(week: string, weekday: string, holiday: string, sharePercent: number): Prisma.Sql {
  const minutes = Prisma.raw(`coalesce(${week}[${weekday} + 1], 0)`);
  return Prisma.sql`CASE WHEN ${Prisma.raw(holiday)} THEN div(${minutes} * ${sharePercent}::int, 100) ELSE ${minutes} END`;
}

/**
 * The Work diary's month overview in ONE aggregate query: every user of the organisation with
 * the month's total, extra and required minutes, and their pay. It reads the kept day totals
 * (UserDay: each user's local day, floor(Σ ms / 60000) of its DayFigure cells, kept by the database
 * in the same transaction as every write of an entry; migrations 20261207130000_day_figures and
 * 20261210100000_user_day), not the sessions: a month of 200 people is ~6,000 kept rows instead of
 * tens of thousands of sessions or ~90,000 cells.
 *
 * Same definitions as `minutesByDay`/`dayFigures`/`monthFigures` in @workdiary/shared:
 *  - a session is cut at local midnights (the kept rows are per local day); per day, the
 *    milliseconds are summed and floored to whole minutes once: floor(Σ ms / 60000);
 *  - required per day = the weekday's minutes from the user's own rules row, else
 *    `fallbackRequired` ($4): what `loadRules(db, null)` (settings/rules-lookup.ts, the one lookup)
 *    gives, i.e. the organisation's default row, else the product defaults; on a public holiday
 *    (flag array $5 from the server) floor(× share $6 / 100); an approved absence credits
 *    floor(required × credit / 100);
 *  - extra per day = max(0, day total − max(0, required − absence credit));
 *  - the month's figures are the sums of its days;
 *  - running sessions are left out (payroll and the overview count finished work only; they are
 *    in no kept figure);
 *  - the month's state comes along, and an approved month's kept totals and pay (`frozen`,
 *    MonthClose.figures): the caller shows those instead (domain/figures overviewFigures).
 */
function overviewSql(p: {
  orgId: string; dates: string[]; weekdays: number[]; fallbackRequired: number[]; holidays: boolean[]; holidaySharePercent: number; month: string;
}): ScopedQuery {
  const scope = scopedSql(p.orgId);
  return scope.query`
WITH days AS (
  SELECT d.day, d.weekday, d.holiday
  FROM unnest(${p.dates}::date[], ${p.weekdays}::int[], ${p.holidays}::boolean[]) AS d(day, weekday, holiday)
),
people AS (
  SELECT u.id, u.name, u.active, u."payType" AS pay_type, u."hourlyRate" AS hourly_rate,
         u."monthlyBase" AS monthly_base, u."overtimeFactor" AS overtime_factor,
         coalesce(ur."requiredMinutes", ${p.fallbackRequired}::int[]) AS required
  FROM "User" u
  LEFT JOIN "WorkRules" ur ON ur."userId" = u.id AND ${scope.where('ur')}
  WHERE ${scope.where('u')}
),
per_day AS (
  -- The kept day totals (UserDay: floor(Σ ms / 60000) of the user-day's cells).
  SELECT d."userId" AS user_id, d.day, d.minutes
  FROM "UserDay" d
  WHERE ${scope.where('d')} AND d.day >= (${p.dates}::date[])[1] AND d.day <= (${p.dates}::date[])[array_upper(${p.dates}::date[], 1)]
),
absent AS (
  -- Approved absences credit a share of the day's requirement (the largest one if two overlap).
  SELECT a."userId" AS user_id, d.day, max(k."creditPercent") AS credit
  FROM "Absence" a
  JOIN "AbsenceKind" k ON k.id = a."kindId" AND ${scope.where('k')}
  JOIN days d ON d.day BETWEEN a."startDate" AND a."endDate"
  WHERE ${scope.where('a')} AND a.status = 'APPROVED'
    AND a."startDate" <= (SELECT max(day) FROM days) AND a."endDate" >= (SELECT min(day) FROM days)
  GROUP BY a."userId", d.day
),
need AS (
  -- dayRequirement: the weekday's minutes, floor(× share / 100) on a public holiday; the
  -- absence credit is floor(required × credit / 100).
  SELECT pe.id AS user_id, d.day, r.required, div(r.required * coalesce(ab.credit, 0), 100) AS absence
  FROM people pe
  CROSS JOIN days d
  CROSS JOIN LATERAL (
    SELECT ${dayRequirementSql('pe.required', 'd.weekday', 'd.holiday', p.holidaySharePercent)} AS required
  ) r
  LEFT JOIN absent ab ON ab.user_id = pe.id AND ab.day = d.day
),
per_user AS (
  SELECT n.user_id,
         bool_or(p.user_id IS NOT NULL) AS worked,
         sum(coalesce(p.minutes, 0)) AS total_minutes,
         sum(greatest(0, coalesce(p.minutes, 0) - greatest(0, n.required - n.absence))) AS extra_minutes,
         sum(n.required) AS required_minutes,
         sum(n.absence) AS absence_minutes
  FROM need n
  LEFT JOIN per_day p ON p.user_id = n.user_id AND p.day = n.day
  GROUP BY n.user_id
)
SELECT pe.id, pe.name, pe.active, pe.pay_type, pe.hourly_rate, pe.monthly_base, pe.overtime_factor,
       pu.total_minutes::int AS total_minutes,
       pu.extra_minutes::int AS extra_minutes,
       pu.required_minutes::int AS required_minutes,
       pu.absence_minutes::int AS absence_minutes,
       -- The month's state, and an approved month's kept figures (MonthClose.figures, the
       -- versioned snapshot: its totals and pay only), which replace the ones worked out here.
       mc.status AS month_status,
       CASE WHEN mc.status = 'APPROVED' THEN
         jsonb_build_object('version', mc.figures->'version', 'approvedAt', mc.figures->'approvedAt',
                            'totals', mc.figures->'totals', 'pay', mc.figures->'pay')
       END AS frozen
FROM people pe
JOIN per_user pu ON pu.user_id = pe.id
LEFT JOIN "MonthClose" mc ON ${scope.where('mc')} AND mc."userId" = pe.id AND mc.month = ${p.month}
WHERE pe.active OR pu.worked
ORDER BY lower(pe.name), pe.id
`;
}

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
  absence_minutes: number;
  month_status: 'OPEN' | 'SUBMITTED' | 'APPROVED' | 'REOPENED' | null;
  /** Approved months: `{ version, approvedAt, totals, pay }` of the kept snapshot (snapshot.ts), else null. */
  frozen: unknown;
};

/** The month's days with their UTC bounds in `tz` and holiday flags, as the query's array parameters. */
export function monthDayParams(month: string, tz: string, holidays: Readonly<Record<string, string>> = {}) {
  const dates = daysOfMonth(month);
  const bounds = dates.map((date) => dayBounds(date, tz));
  return {
    dates,
    starts: bounds.map((b) => b.start.toISOString()),
    ends: bounds.map((b) => b.end.toISOString()),
    weekdays: dates.map((date) => weekdayIndex(date)),
    holidays: dates.map((date) => holidays[date] !== undefined),
    monthStart: (bounds[0]?.start ?? new Date(NaN)).toISOString(),
    monthEnd: (bounds.at(-1)?.end ?? new Date(NaN)).toISOString(),
  };
}

/**
 * `holidays` are the organisation's public holidays of the month (computed on the server with
 * date-holidays) and `holidaySharePercent` the share of a weekday's minutes they still require;
 * approved absences come from the Absence table.
 */
export async function queryMonthOverview({ sql, orgId, month, tz, fallbackRequired, holidays = {}, holidaySharePercent = 0, lastDate }: {
  sql: SqlRunner; orgId: string; month: string; tz: string;
  /**
   * Count only the month's days up to this date ('YYYY-MM-DD', inclusive): the overtime account's
   * current month, where only the days up to today are required. Left out: the whole month.
   */
  lastDate?: string;
  /** Required minutes Mon..Sun of people without rules of their own: `(await loadRules(db, null)).requiredMinutes`. */
  fallbackRequired: number[];
  holidays?: Readonly<Record<string, string>>;
  holidaySharePercent?: number;
}): Promise<OverviewSqlRow[]> {
  const p = monthDayParams(month, tz, holidays);
  // At least the month's first day, so every user keeps a row (with nothing required yet).
  const count = lastDate === undefined ? p.dates.length : Math.max(1, p.dates.filter((d) => d <= lastDate).length);
  const rows = await sql.query<OverviewSqlRow>(overviewSql({
    orgId, dates: p.dates.slice(0, count), weekdays: p.weekdays.slice(0, count), fallbackRequired, holidays: p.holidays.slice(0, count), holidaySharePercent, month,
  }));
  // Both drivers return int4 as numbers and float8 as numbers; normalise defensively anyway.
  return rows.map((r) => ({
    ...r,
    hourly_rate: r.hourly_rate === null ? null : Number(r.hourly_rate),
    monthly_base: r.monthly_base === null ? null : Number(r.monthly_base),
    overtime_factor: Number(r.overtime_factor),
    total_minutes: Number(r.total_minutes),
    extra_minutes: Number(r.extra_minutes),
    required_minutes: Number(r.required_minutes),
    absence_minutes: Number(r.absence_minutes),
  }));
}
