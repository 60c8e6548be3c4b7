// The overtime account (issue 24) of every user at a month, in TWO statements whatever the number of
// months: each user's account start (`readAccounts`), then every user × month since the earliest
// start (`ACCOUNT_SQL`): worked minutes from the kept month and day totals (UserMonth, UserDay), required minutes
// and absence credit by the same definitions as the month overview (overview.sql.ts: the weekday's
// minutes of the user's rules, else the organisation's default row, else the product defaults; on
// a public holiday × share; an approved absence credits floor(required × credit / 100)), the
// corrections summed, and approved months' kept figures (MonthClose.figures). The running sum
// over the months is a few lines here.
//
// Rules (the same as before this file, when one overview query ran per month):
//  - a month's delta = worked − required + absence credit; only a user who is active or worked in
//    the month counts (the overview's rows); in the organisation's current month only the days up
//    to today are required; later months count nothing (their corrections do).
//  - the account starts at balanceStart.month with balanceStart.openingMinutes; without a
//    balanceStart at the first month with recorded minutes or a correction, opening 0. Earlier
//    months show 0 everywhere.
//  - closing = opening + delta + corrections; the next month opens with it.
//  - an APPROVED month reads what its approval kept: its `balance` (opening, delta, corrections,
//    closing; snapshot.ts) when the approval kept one, and the next month opens with that closing,
//    so later changes of rules, holidays, absences or balanceStart do not move an approved month.
//    A kept balance wins even at the start month or before it. Snapshots kept before balances were
//    (no `balance`; also months approved outside the account) give the delta of their kept totals,
//    with the opening worked out as for any month.
import { addDays, addMonths, DEFAULT_WORK_RULES, daysOfMonth, today, weekdayIndex, type BalanceOvertime } from '@workdiary/shared';
import type { SqlRunner } from '../../db/engine.ts';
import { scopedSql, type ScopedQuery } from '../../db/scoped-sql.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import type { OrgContext } from '../../lib/types.ts';
import { holidaySettingsOf } from '../calendar/day-calendar.ts';
import { holidaysBetween } from '../calendar/holidays.ts';
import { dayRequirementSql } from './overview.sql.ts';
import { readKeptBalance, type KeptBalanceRead } from './snapshot.ts';

export type Account = { userId: string; startMonth: string | null; openingMinutes: number };

export const emptyOvertime = (): BalanceOvertime => ({ openingMinutes: 0, deltaMinutes: 0, correctionMinutes: 0, closingMinutes: 0 });

/** Each user's account start: balanceStart, else the first month with recorded minutes or a correction. */
export async function readAccounts(sql: SqlRunner, org: OrgContext, userIds: string[] | null): Promise<Account[]> {
  const scope = scopedSql(org.id);
  const rows = await sql.query<{ id: string; start_month: string | null; opening: number | null; first_day: string | Date | null; first_correction: string | null }>(scope.query`
    SELECT u.id, u."balanceStartMonth" AS start_month, u."balanceOpeningMinutes" AS opening,
           (SELECT min(d.day) FROM "UserDay" d WHERE ${scope.where('d', Prisma.sql`d."userId" = u.id`)}) AS first_day,
           (SELECT min(c.month) FROM "BalanceCorrection" c WHERE ${scope.where('c', Prisma.sql`c."userId" = u.id`)}) AS first_correction
    FROM "User" u
    WHERE ${scope.where('u', userIds !== null && Prisma.sql`u.id = ANY(${userIds}::text[])`)}`);
  return rows.map((r) => {
    if (r.start_month !== null) return { userId: r.id, startMonth: r.start_month, openingMinutes: Number(r.opening ?? 0) };
    const firstDay = r.first_day === null ? null : (r.first_day instanceof Date ? r.first_day.toISOString() : String(r.first_day)).slice(0, 7);
    const candidates = [firstDay, r.first_correction].filter((m): m is string => m !== null).sort();
    return { userId: r.id, startMonth: candidates[0] ?? null, openingMinutes: 0 };
  });
}

/** Every user × month of the accounts since the earliest start (the rules at the top of this file). */
// eslint-disable-next-line max-lines-per-function -- one SQL statement: its text is the body, read best whole
function accountSql(p: {
  orgId: string; dates: string[]; weekdays: number[]; holidays: boolean[]; defaultRequired: readonly number[]; sharePercent: number;
  userIds: string[]; startMonths: string[]; month: string; keeping: string | null;
}): ScopedQuery {
  const scope = scopedSql(p.orgId);
  // No days counted (no account has started by then): a month before any day, so both parts read nothing.
  const lastMonth = (p.dates.at(-1) ?? '0001-01-01').slice(0, 7);
  return scope.query`
WITH days AS (
  SELECT d.day, d.weekday, d.holiday, to_char(d.day, 'YYYY-MM') AS month
  FROM unnest(${p.dates}::date[], ${p.weekdays}::int[], ${p.holidays}::boolean[]) AS d(day, weekday, holiday)
),
accounts AS (
  SELECT a.user_id, a.start_month FROM unnest(${p.userIds}::text[], ${p.startMonths}::text[]) AS a(user_id, start_month)
),
people AS (
  -- pickRulesRow: the user's own rules, else the organisation's default row, else the product defaults (defaultRequired).
  SELECT u.id, u.active, ac.start_month, to_date(ac.start_month || '-01', 'YYYY-MM-DD') AS start_date,
         coalesce(ur."requiredMinutes",
                  (SELECT od."requiredMinutes" FROM "WorkRules" od WHERE ${scope.where('od')} AND od."userId" IS NULL),
                  ${p.defaultRequired}::int[]) AS required
  FROM accounts ac
  JOIN "User" u ON u.id = ac.user_id AND ${scope.where('u')}
  LEFT JOIN "WorkRules" ur ON ur."userId" = u.id AND ${scope.where('ur')}
),
worked AS (
  -- Worked minutes per month from the account's start: the kept month totals (UserMonth) before the
  -- last month, and the last month's kept day totals (UserDay) up to its last counted day (today in
  -- the current month).
  SELECT m."userId" AS user_id, m.month, m.minutes
  FROM "UserMonth" m
  JOIN people pe ON pe.id = m."userId" AND m.month >= pe.start_month
  WHERE ${scope.where('m')} AND m.month >= ${p.dates[0]?.slice(0, 7) ?? ''} AND m.month < ${lastMonth}
  UNION ALL
  SELECT d."userId", to_char(d.day, 'YYYY-MM'), sum(d.minutes)
  FROM "UserDay" d
  JOIN people pe ON pe.id = d."userId" AND d.day >= pe.start_date
  WHERE ${scope.where('d')} AND d.day >= greatest((${p.dates}::date[])[1], ${`${lastMonth}-01`}::date)
    AND d.day <= (${p.dates}::date[])[array_upper(${p.dates}::date[], 1)]
  GROUP BY d."userId", to_char(d.day, 'YYYY-MM')
),
absent AS (
  SELECT a."userId" AS user_id, d.day, max(k."creditPercent") AS credit
  FROM "Absence" a
  JOIN "AbsenceKind" k ON k.id = a."kindId" AND ${scope.where('k')}
  JOIN days d ON d.day BETWEEN a."startDate" AND a."endDate"
  WHERE ${scope.where('a')} AND a.status = 'APPROVED' AND a."userId" = ANY(${p.userIds}::text[])
    AND a."startDate" <= (SELECT max(day) FROM days) AND a."endDate" >= (SELECT min(day) FROM days)
  GROUP BY a."userId", d.day
),
kinds AS (
  -- The days of each month by weekday and holiday flag (at most 14 kinds a month): what a month
  -- requires is Σ kinds × that kind's minutes, not a row per person and day.
  SELECT d.month, d.weekday, d.holiday, count(*) AS n FROM days d GROUP BY d.month, d.weekday, d.holiday
),
need_month AS (
  -- dayRequirement: the weekday's minutes, floor(× share / 100) on a public holiday; an absent
  -- day credits floor(that × credit / 100).
  -- Worked out once per distinct week of rules (most people share the organisation's), then given
  -- to each person from their account's start month.
  SELECT pe.id AS user_id, r.month, r.required, coalesce(ab.absence, 0) AS absence
  FROM (
    SELECT w.required AS week, k.month, sum(k.n * rq.required) AS required
    FROM (SELECT DISTINCT pe.required FROM people pe) w
    CROSS JOIN kinds k
    CROSS JOIN LATERAL (
      SELECT ${dayRequirementSql('w.required', 'k.weekday', 'k.holiday', p.sharePercent)} AS required
    ) rq
    GROUP BY w.required, k.month
  ) r
  JOIN people pe ON pe.required = r.week AND r.month >= pe.start_month
  LEFT JOIN (
    SELECT pe.id AS user_id, d.month, sum(div(rq.required * ab.credit, 100)) AS absence
    FROM absent ab
    JOIN people pe ON pe.id = ab.user_id
    JOIN days d ON d.day = ab.day AND d.month >= pe.start_month
    CROSS JOIN LATERAL (
      SELECT ${dayRequirementSql('pe.required', 'd.weekday', 'd.holiday', p.sharePercent)} AS required
    ) rq
    GROUP BY pe.id, d.month
  ) ab ON ab.user_id = pe.id AND ab.month = r.month
),
per_month AS (
  SELECT n.user_id, n.month,
         w.user_id IS NOT NULL AS worked,
         coalesce(w.minutes, 0) - n.required + n.absence AS delta
  FROM need_month n
  LEFT JOIN worked w ON w.user_id = n.user_id AND w.month = n.month
),
corr AS (
  SELECT c."userId" AS user_id, c.month, sum(c.minutes) AS minutes
  FROM "BalanceCorrection" c
  JOIN people pe ON pe.id = c."userId"
  WHERE ${scope.where('c')} AND c.month >= pe.start_month AND c.month <= ${p.month}
  GROUP BY c."userId", c.month
),
kept AS (
  -- Approved months: the kept totals and balance only (the days stay in the database).
  SELECT mc."userId" AS user_id, mc.month,
         CASE WHEN mc.figures IS NULL THEN NULL
              ELSE jsonb_strip_nulls(jsonb_build_object('version', mc.figures->'version', 'totals', mc.figures->'totals', 'balance', mc.figures->'balance')) END AS kept
  FROM "MonthClose" mc
  WHERE ${scope.where('mc')} AND mc."userId" = ANY(${p.userIds}::text[]) AND mc.status = 'APPROVED' AND mc.month <= ${p.month}
    AND mc.month IS DISTINCT FROM ${p.keeping}::text
),
keys AS (
  SELECT user_id, month FROM per_month UNION SELECT user_id, month FROM corr UNION SELECT user_id, month FROM kept
)
SELECT k.user_id, k.month, pe.active, pm.worked, pm.delta::int AS delta, coalesce(c.minutes, 0)::int AS corrections,
       kp.user_id IS NOT NULL AS approved, kp.kept
FROM keys k
JOIN people pe ON pe.id = k.user_id
LEFT JOIN per_month pm ON pm.user_id = k.user_id AND pm.month = k.month
LEFT JOIN corr c ON c.user_id = k.user_id AND c.month = k.month
LEFT JOIN kept kp ON kp.user_id = k.user_id AND kp.month = k.month
`;
}

const ACCOUNT_SETTINGS = { workMemMb: 64, jit: false } as const;

type AccountRow = {
  user_id: string; month: string; active: boolean; worked: boolean | null; delta: number | null; corrections: number;
  approved: boolean; kept: unknown;
};

type MonthRead = { delta: number; corrections: number; kept: KeptBalanceRead['balance'] | null };

/**
 * The overtime account of every user (or of `userIds`) at `month`: two statements (see the top).
 * `now` decides the organisation's current month (only the days up to today are required there).
 */
export async function overtimeAccounts({ sql, org, month, now, userIds = null }: {
  sql: SqlRunner; org: OrgContext; month: string; now: Date; userIds?: string[] | null;
}): Promise<Map<string, BalanceOvertime>> {
  return accountFigures({ sql, org, month, now, accounts: await readAccounts(sql, org, userIds) });
}

/**
 * What an approval keeps of the account (snapshot.ts `balance`), worked out in the approval's
 * transaction before the month is approved: its opening and corrections as they are, the delta of
 * the month's kept `totals`. Undefined when the month is outside the account (before its start).
 */
export async function balanceToKeep({ sql, org, userId, month, approvedAt, totals }: {
  sql: SqlRunner; org: OrgContext; userId: string; month: string; approvedAt: Date;
  totals: { totalMinutes: number; requiredMinutes: number; absenceMinutes: number };
}): Promise<BalanceOvertime | undefined> {
  const accounts = await readAccounts(sql, org, [userId]);
  const start = accounts[0]?.startMonth ?? null;
  if (start === null || start > month) return undefined;
  // The month itself counts as not approved (an approval being kept, or a start-up backfill of one
  // approved without figures).
  const at = (await accountFigures({ sql, org, month, now: approvedAt, accounts, keeping: true })).get(userId) ?? emptyOvertime();
  const deltaMinutes = totals.totalMinutes - totals.requiredMinutes + totals.absenceMinutes;
  return { openingMinutes: at.openingMinutes, deltaMinutes, correctionMinutes: at.correctionMinutes, closingMinutes: at.openingMinutes + deltaMinutes + at.correctionMinutes };
}

async function accountFigures({ sql, org, month, now, accounts, keeping = false }: {
  sql: SqlRunner; org: OrgContext; month: string; now: Date; accounts: Account[]; keeping?: boolean;
}): Promise<Map<string, BalanceOvertime>> {
  const out = new Map<string, BalanceOvertime>(accounts.map((a) => [a.userId, emptyOvertime()]));
  if (accounts.length === 0) return out;
  const todayDate = today(org.timeZone, now);
  const starts = accounts.map((a) => a.startMonth).filter((m): m is string => m !== null).sort();
  const lastDate = [daysOfMonth(month).at(-1) ?? `${month}-28`, todayDate].sort()[0] as string;
  const dates: string[] = [];
  if (starts[0] !== undefined) for (let d = `${starts[0]}-01`; d <= lastDate; d = addDays(d, 1)) dates.push(d);
  const settings = holidaySettingsOf(org);
  const holidays = dates.length === 0 ? {} : await holidaysBetween(settings, dates[0] as string, dates.at(-1) as string);
  // A year of every user's month totals (UserMonth) and the last month's days (UserDay); it summed
  // ~1.1M DayFigure cells before (760–1,000 ms, then 370–530 ms grouped in memory, bench/README.md).
  // In memory (64 MB instead of the default 4 MB sorted on disk), without JIT compiling.
  const rows = await sql.query<AccountRow>(accountSql({
    orgId: org.id, dates, weekdays: dates.map((d) => weekdayIndex(d)), holidays: dates.map((d) => holidays[d] !== undefined),
    defaultRequired: DEFAULT_WORK_RULES.requiredMinutes, sharePercent: settings.sharePercent,
    userIds: accounts.map((a) => a.userId), startMonths: accounts.map((a) => a.startMonth ?? '9999-12'), month, keeping: keeping ? month : null,
  }), { settings: ACCOUNT_SETTINGS });

  const byUser = new Map<string, Map<string, MonthRead>>();
  for (const r of rows) {
    // The overview's rule: a month counts for users who are active or worked in it; an approved
    // month's delta is its kept totals'.
    let delta = 0;
    let kept: MonthRead['kept'] = null;
    if (r.approved) {
      const read = readKeptBalance(r.kept, { userId: r.user_id, month: r.month });
      kept = read.balance;
      if (r.active || r.worked) delta = read.delta;
    } else if (r.delta !== null && (r.active || r.worked)) {
      delta = Number(r.delta);
    }
    let months = byUser.get(r.user_id);
    if (!months) byUser.set(r.user_id, (months = new Map()));
    months.set(r.month, { delta, corrections: Number(r.corrections), kept });
  }

  for (const a of accounts) {
    const months = byUser.get(a.userId);
    const keptAt = months?.get(month)?.kept;
    if (a.startMonth === null || a.startMonth > month) {
      if (keptAt) out.set(a.userId, keptAt);
      continue;
    }
    let opening = a.openingMinutes;
    for (let m = a.startMonth; ; m = addMonths(m, 1)) {
      const read = months?.get(m);
      const figures: BalanceOvertime = read?.kept ?? {
        openingMinutes: opening,
        deltaMinutes: read?.delta ?? 0,
        correctionMinutes: read?.corrections ?? 0,
        closingMinutes: opening + (read?.delta ?? 0) + (read?.corrections ?? 0),
      };
      if (m >= month) {
        out.set(a.userId, figures);
        break;
      }
      opening = figures.closingMinutes;
    }
  }
  return out;
}

