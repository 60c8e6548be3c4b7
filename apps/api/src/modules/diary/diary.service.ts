import {
  addMonths,
  AppError,
  currentMonth,
  dayBounds,
  type AuditEvent,
  type BalanceOvertime,
  type DiaryDaySessions,
  type DiaryOverview,
  type DiaryUserMonth,
} from '@workdiary/shared';
import type { SqlRunner } from '../../db/engine.ts';
import type { ScopedDb } from '../../db/scoped.ts';
import { scopedSql, type ScopedQuery } from '../../db/scoped-sql.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import type { OrgContext } from '../../lib/types.ts';
import type { OrgCache } from '../../lib/org-cache.ts';
import { assertMayReadDiaryOf, type Actor } from '../../lib/permissions.ts';
import { holidaySettingsOf } from '../../domain/calendar/day-calendar.ts';
import { holidaysOfMonth } from '../../domain/calendar/holidays.ts';
import { holidayNamesFor } from './export-words.ts';
import { overtimeBalances } from '../balances/balances.service.ts';
import { monthCompliance, violationCounts } from '../compliance/compliance.service.ts';
import { dayFiguresOf, overviewFigures, readLatestMonth, readUserContext, readWireSessions, userMonthFigures, type OverviewFigures, type UserContext } from '../../domain/figures/index.ts';

/** The first instant after the organisation's current month: `latestMonth` looks no further. */
function endOfCurrentMonth(tz: string, now: Date): Date {
  return dayBounds(`${addMonths(currentMonth(tz, now), 1)}-01`, tz).start;
}

/** The requested month, or the current one in the organisation's zone. */
export function resolveMonth(month: string | undefined, tz: string, now: Date): string {
  return month ?? currentMonth(tz, now);
}

async function loadUser(db: ScopedDb, userId: string) {
  const user = await db.user.findFirst({
    where: { id: userId },
    select: { id: true, name: true, active: true, payType: true, hourlyRate: true, monthlyBase: true, overtimeFactor: true },
  });
  if (!user) throw new AppError('NOT_FOUND', 'No such user.');
  return user;
}

/**
 * Users × month: the figures module's overview (one aggregate query; an approved month's row is
 * what its approval kept). The organisation's default rules come from the organisation cache
 * (kept right by the change events). `rows` are the figures with pay and month state (payroll).
 */
export async function monthOverview({ orgs, sql, org, month, now }: {
  orgs: OrgCache; sql: SqlRunner; org: OrgContext; month?: string; now: Date;
}): Promise<DiaryOverview & { rows: OverviewFigures[]; balances: Map<string, BalanceOvertime> }> {
  const cached = await orgs.get(org.id);
  if (!cached) throw new AppError('NOT_FOUND', 'This organisation does not exist.');
  const orgDefaults = cached.rulesFor(null);
  const m = resolveMonth(month, org.timeZone, now);
  const holidaySettings = holidaySettingsOf(org);
  const [rows, latestMonth, balances, violations] = await Promise.all([
    overviewFigures({
      sql, org, month: m, fallbackRequired: orgDefaults.requiredMinutes,
      holidays: await holidaysOfMonth(holidaySettings, m), holidaySharePercent: holidaySettings.sharePercent,
    }),
    readLatestMonth(sql, org, endOfCurrentMonth(org.timeZone, now)),
    overtimeBalances({ sql, orgs, org, month: m, now }),
    violationCounts({ sql, org, month: m }),
  ]);
  const items = rows.map((r) => ({
    userId: r.userId,
    name: r.name,
    active: r.active,
    totalMinutes: r.totalMinutes,
    extraMinutes: r.extraMinutes,
    requiredMinutes: r.requiredMinutes,
    absenceMinutes: r.absenceMinutes,
    salary: r.salary,
    frozenAt: r.approvedAt,
    balanceMinutes: balances.get(r.userId)?.closingMinutes ?? 0,
    violations: violations.get(r.userId) ?? 0,
  }));
  const totals = items.reduce(
    (t, i) => ({ totalMinutes: t.totalMinutes + i.totalMinutes, extraMinutes: t.extraMinutes + i.extraMinutes, salary: t.salary + i.salary }),
    { totalMinutes: 0, extraMinutes: 0, salary: 0 },
  );
  return { items, totals, month: m, latestMonth, currency: org.currency, rows, balances };
}

/** The user with rules and calendar (404 if not in the caller's organisation). */
async function contextOrThrow(sql: SqlRunner, org: OrgContext, userId: string, from: string, to: string, latestBefore: Date | null = null): Promise<UserContext> {
  const context = await readUserContext(sql, org, userId, from, to, latestBefore);
  if (!context) throw new AppError('NOT_FOUND', 'No such user.');
  return context;
}

/**
 * A user's month, every day of it; days count a running session up to now. Two queries side by
 * side (the user with rules, calendar, the month's approved figures and the latest month with
 * data; the month's sessions), figures by the shared functions. An approved month shows the
 * figures it was approved with (`frozenAt` says when).
 */
export async function userMonth({ sql, orgs, org, caller, userId, month, now, locale }: {
  sql: SqlRunner; orgs?: OrgCache; org: OrgContext; caller: Actor; userId: string; month?: string; now: Date;
  /** The reader's locale: public holidays by their name in it (German from date-holidays). */
  locale?: string;
}): Promise<DiaryUserMonth> {
  assertMayReadDiaryOf(caller, userId);
  const tz = org.timeZone;
  const m = resolveMonth(month, tz, now);
  const [read, { violations, sixMonthAverage: average }] = await Promise.all([
    userMonthFigures({ sql, org, userId, month: m, now, includeRunning: true, latestBefore: endOfCurrentMonth(tz, now) }),
    monthCompliance({ sql, orgs, org, userId, month: m }),
  ]);
  if (!read) throw new AppError('NOT_FOUND', 'No such user.');
  const { context, figures } = read;
  const holidayName = await holidayNamesFor(org, m, locale);
  return {
    items: figures.days.map((d) => ({ ...d, holiday: d.holiday === null ? null : holidayName(d.date, d.holiday), violations: violations.get(d.date) ?? [] })),
    totals: figures.totals,
    frozenAt: figures.approvedAt,
    user: context.user,
    month: m,
    latestMonth: context.latestMonth,
    requiredByWeekday: figures.requiredByWeekday,
    currency: org.currency,
    ...(average ? { sixMonthAverage: average } : {}),
  };
}

/** The sessions touching one local day, with the day's figures (running counted to now): two queries side by side. */
export async function userDay({ sql, org, caller, userId, date, now, locale }: {
  sql: SqlRunner; org: OrgContext; caller: Actor; userId: string; date: string; now: Date; locale?: string;
}): Promise<DiaryDaySessions> {
  assertMayReadDiaryOf(caller, userId);
  // A date that does not exist (2026-02-30) is a 400 before any read.
  const bounds = dayBoundsOrThrow(date, org.timeZone);
  const [context, items] = await Promise.all([
    contextOrThrow(sql, org, userId, date, date),
    readWireSessions(sql, org.id, userId, bounds),
  ]);
  const sessions = items.map((e) => ({ startedAt: new Date(e.startedAt), stoppedAt: e.stoppedAt === null ? null : new Date(e.stoppedAt) }));
  const figures = dayFiguresOf({ context, date, sessions, org, now });
  const holidayName = await holidayNamesFor(org, date.slice(0, 7), locale);
  return { items, date, user: context.user, ...figures, holiday: figures.holiday === null ? null : holidayName(date, figures.holiday) };
}

export function dayBoundsOrThrow(date: string, tz: string) {
  try {
    return dayBounds(date, tz);
  } catch {
    throw new AppError('VALIDATION_ERROR', `No such date "${date}".`);
  }
}

type AuditRow = {
  id: string;
  entity_id: string;
  action: AuditEvent['action'];
  actor_id: string;
  actor_name: string;
  at: Date | string;
  before: unknown;
  after: unknown;
};

/**
 * Every audit event of every session of `userId` that touches the day now, or touched it in an
 * earlier version (moved away by an edit, or deleted), newest first. Snapshots are wire entries.
 */
/** Every audit event of the entries that touch [start, end) of one user's day, now or before an edit. */
function dayHistorySql(orgId: string, userId: string, start: Date, end: Date): ScopedQuery {
  const scope = scopedSql(orgId);
  const [from, to] = [start.toISOString(), end.toISOString()];
  return scope.query`
WITH touched AS (
  SELECT e.id AS entity_id
  FROM "WorkEntry" e
  WHERE ${scope.where('e', Prisma.sql`e."userId" = ${userId}`)}
    AND e."startedAt" < ${to}::timestamptz AND coalesce(e."stoppedAt", 'infinity'::timestamptz) > ${from}::timestamptz
  UNION
  SELECT a."entityId"
  FROM "AuditEvent" a
  CROSS JOIN LATERAL (VALUES (a."before"), (a."after")) AS snap(s)
  WHERE ${scope.where('a')} AND a."entityType" = 'WorkEntry'
    AND snap.s IS NOT NULL
    AND snap.s->>'userId' = ${userId}
    AND (snap.s->>'startedAt')::timestamptz < ${to}::timestamptz
    AND coalesce((snap.s->>'stoppedAt')::timestamptz, 'infinity'::timestamptz) > ${from}::timestamptz
)
SELECT a.id, a."entityId" AS entity_id, a.action, a."actorId" AS actor_id, u.name AS actor_name, a.at, a."before", a."after"
FROM "AuditEvent" a
JOIN touched t ON t.entity_id = a."entityId"
JOIN "User" u ON u.id = a."actorId"
WHERE ${scope.where('a')} AND a."entityType" = 'WorkEntry'
ORDER BY a.at DESC, a.id DESC
LIMIT 500
`;
}

export async function dayHistory({ db, sql, org, caller, userId, date }: {
  db: ScopedDb; sql: SqlRunner; org: OrgContext; caller: Actor; userId: string; date: string;
}): Promise<{ items: AuditEvent[]; date: string }> {
  assertMayReadDiaryOf(caller, userId);
  await loadUser(db, userId);
  const { start, end } = dayBoundsOrThrow(date, org.timeZone);
  const rows = await sql.query<AuditRow>(dayHistorySql(caller.orgId, userId, start, end));
  return {
    date,
    items: rows.map((r) => ({
      id: r.id,
      entityId: r.entity_id,
      action: r.action,
      actor: { id: r.actor_id, name: r.actor_name },
      at: new Date(r.at).toISOString(),
      before: parseJson(r.before),
      after: parseJson(r.after),
    })),
  };
}

function parseJson(v: unknown): unknown {
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as unknown;
    } catch {
      return v;
    }
  }
  return v ?? null;
}
