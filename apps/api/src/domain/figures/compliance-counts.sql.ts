// Working-time findings (issue 26) from the kept day shapes (UserDay: worked, breaks, longest
// stretch, first start, last end; kept with every write by wd_refresh_user_days, the same
// definitions as the shared dayShape), by the rules of the shared `complianceFindings`
// (packages/shared compliance.ts), in one statement:
//  - `countFindings`, the Work diary overview's column: each user's number in a period, over a month
//    of user-days (~6,000 rows for 200 people). Before, every session of the organisation's month
//    was read into the server and judged there (~90,000 at the bench's million entries: 280–420 ms).
//  - `keptFindings`: the findings themselves, everyone's or one person's (GET /api/compliance, the
//    month view's days, an acknowledgement's check); the month view read its sessions a second time
//    and judged them in the server.
//  - `keptFindingsOf`: several people's dates at once (the warnings of the stops of one turn; a
//    stop read every session of its days, more with each stop of the day).
// compliance-counts.test.ts checks that they agree with the shared function over the sessions,
// finding by finding, on random histories (DST nights, midnights, sessions over a day, touching
// and overlapping sessions, short rests, Sundays, holidays), for every rule and each alone.
//
//  - BREAK_MISSING worked > 540 min and breaks < 45, or worked > 360 and breaks < 30;
//    STRETCH_TOO_LONG stretch > 360; DAILY_MAX worked > 600 (each figure floored to minutes);
//    SUNDAY_WORK / HOLIDAY_WORK any work that day;
//  - REST_SHORT: less than 11 h from the last end of the previous day with work to the day's first
//    start, when that start is later than that end. It is not where work runs on over midnight
//    (the day before ends at midnight, where this day's first piece starts) or where a stop and a
//    start meet at midnight (one span for the shared rules, which merge touching sessions).
import { addDays, COMPLIANCE_RULES, type ComplianceFinding, type ComplianceRule } from '@workdiary/shared';
import type { SqlRunner } from '../../db/engine.ts';
import { scopedSql, type ScopedQuery } from '../../db/scoped-sql.ts';
import { Prisma } from '../../generated/prisma/client.ts';

type Rules = { rules: readonly ComplianceRule[]; holidays: ReadonlySet<string> };
type Period = Rules & { from: string; to: string };
/** One person's local dates [from, to]. */
export type FindingWindow = { userId: string; from: string; to: string };

const ruleColumns = COMPLIANCE_RULES.map((rule) => `j."${rule}"`).join(', ');

/**
 * `j`: each user-day with work in the dates asked for, and for each rule the finding's minutes where
 * the day breaks it (else null): columns `k` (the person, or the window's place in `windows`),
 * `user_id`, `day` (text) and one per rule, named by the rule. Everyone's days of one period, or
 * each window's person and dates. The rules' bounds are the shared complianceFindings'
 * (packages/shared compliance.ts). `select` reads `j`.
 */
function judgedDaysSql(orgId: string, days: Period | (Rules & { windows: FindingWindow[] }), select: string): ScopedQuery {
  const scope = scopedSql(orgId);
  const on = (rule: ComplianceRule) => days.rules.includes(rule);
  // Each window from the day before its first: that day's last end is the rest before it.
  const windowed = 'windows' in days;
  const from = windowed
    ? Prisma.sql`w.i::text AS k, w.from_day, u.*
  FROM unnest(${days.windows.map((w) => w.userId)}::text[], ${days.windows.map((w) => w.from)}::date[], ${days.windows.map((w) => w.to)}::date[])
       WITH ORDINALITY AS w(user_id, from_day, to_day, i)
  JOIN "UserDay" u ON u."userId" = w.user_id AND u.day BETWEEN w.from_day - 1 AND w.to_day`
    : Prisma.sql`u."userId" AS k, ${days.from}::date AS from_day, u.*
  FROM "UserDay" u`;
  const dates = windowed ? null : Prisma.sql`u.day BETWEEN ${addDays(days.from, -1)}::date AND ${days.to}::date`;
  return scope.query`
WITH s AS (
  SELECT ${from}
  WHERE ${scope.where('u', dates)}
),
d AS (
  SELECT s.k, s.from_day, s."userId" AS user_id, s.day, s."workedMs" AS worked_ms, s."firstStart" AS first_start,
         div(s."workedMs", 60000) AS worked, div(s."breakMs", 60000) AS breaks, div(s."stretchMs", 60000) AS stretch,
         lag(s."lastEnd") OVER (PARTITION BY s.k ORDER BY s.day) AS previous_end
  FROM s
), j AS (
SELECT d.k, d.user_id, d.day::text AS day,
       CASE WHEN ${on('BREAK_MISSING')} AND ((d.worked > 540 AND d.breaks < 45) OR (d.worked > 360 AND d.breaks < 30)) THEN d.breaks END::int AS "BREAK_MISSING",
       CASE WHEN ${on('STRETCH_TOO_LONG')} AND d.stretch > 360 THEN d.stretch END::int AS "STRETCH_TOO_LONG",
       CASE WHEN ${on('DAILY_MAX')} AND d.worked > 600 THEN d.worked END::int AS "DAILY_MAX",
       CASE WHEN ${on('REST_SHORT')} AND d.previous_end < d.first_start AND d.first_start - d.previous_end < interval '11 hours'
            THEN floor(extract(epoch FROM d.first_start - d.previous_end) / 60) END::int AS "REST_SHORT",
       CASE WHEN ${on('SUNDAY_WORK')} AND d.worked_ms > 0 AND extract(isodow FROM d.day) = 7 THEN d.worked END::int AS "SUNDAY_WORK",
       CASE WHEN ${on('HOLIDAY_WORK')} AND d.worked_ms > 0 AND d.day = ANY(${[...days.holidays]}::date[]) THEN d.worked END::int AS "HOLIDAY_WORK"
FROM d
WHERE d.day >= d.from_day
)
${Prisma.raw(select)}`;
}

/** Findings per user on local dates [from, to] (only users with at least one). */
export async function countFindings({ sql, orgId, ...period }: Period & { sql: SqlRunner; orgId: string }): Promise<Map<string, number>> {
  if (period.rules.length === 0) return new Map();
  const rows = await sql.query<{ user_id: string; n: number }>(judgedDaysSql(orgId, period,
    `SELECT j.user_id, count(*)::int AS n FROM j, unnest(ARRAY[${ruleColumns}]) AS f(minutes) WHERE f.minutes IS NOT NULL GROUP BY j.user_id`));
  return new Map(rows.map((r) => [r.user_id, Number(r.n)]));
}

type JudgedDay = { k: string; user_id: string; day: string } & Record<ComplianceRule, number | null>;

/** The rows' findings by `k`: by date, then in COMPLIANCE_RULES' order (the rows come by k and day). */
function findingsByKey(rows: JudgedDay[]): Map<string, ComplianceFinding[]> {
  const out = new Map<string, ComplianceFinding[]>();
  for (const row of rows) {
    const found = out.get(row.k) ?? [];
    for (const rule of COMPLIANCE_RULES) {
      const minutes = row[rule];
      if (minutes !== null) found.push({ date: row.day, rule, minutes: Number(minutes) });
    }
    out.set(row.k, found);
  }
  return out;
}

// Prepared (two fixed texts: everyone, or windows): every timer stop reads its warnings here.
const FINDINGS_SELECT = `SELECT j.* FROM j WHERE num_nonnulls(${ruleColumns}) > 0 ORDER BY j.k, j.day`;

/**
 * The findings of [from, to] per user (one user's when `userId` is set), as the shared
 * complianceFindings gives them from the sessions: by date, then in COMPLIANCE_RULES' order.
 */
export async function keptFindings({ sql, orgId, userId, ...period }: Period & { sql: SqlRunner; orgId: string; userId: string | null }): Promise<Map<string, ComplianceFinding[]>> {
  if (period.rules.length === 0) return new Map();
  if (userId !== null) {
    const [found = []] = await keptFindingsOf({ sql, orgId, rules: period.rules, holidays: period.holidays, windows: [{ userId, from: period.from, to: period.to }] });
    return found.length > 0 ? new Map([[userId, found]]) : new Map();
  }
  return findingsByKey(await sql.query<JudgedDay>(judgedDaysSql(orgId, period, FINDINGS_SELECT), { prepare: true }));
}

/**
 * Each window's findings (its person on its dates), in the windows' order, in one statement: the
 * warnings of the timer stops of one turn (`holidays` covers every window's dates).
 */
export async function keptFindingsOf({ sql, orgId, windows, ...rules }: Rules & { sql: SqlRunner; orgId: string; windows: FindingWindow[] }): Promise<ComplianceFinding[][]> {
  if (rules.rules.length === 0 || windows.length === 0) return windows.map(() => []);
  const byKey = findingsByKey(await sql.query<JudgedDay>(judgedDaysSql(orgId, { ...rules, windows }, FINDINGS_SELECT), { prepare: true }));
  return windows.map((_, i) => byKey.get(String(i + 1)) ?? []);
}
