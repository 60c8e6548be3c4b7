import { currentMonth, type Bounds, type DayCalendar, type WorkEntry as WireEntry, type WorkRules } from '@workdiary/shared';
import { Prisma } from '../../generated/prisma/client.ts';
import type { SqlRunner } from '../../db/engine.ts';
import { scopedSql } from '../../db/scoped-sql.ts';
import type { OrgContext } from '../../lib/types.ts';
import { absenceDays, calendarOf, holidaySettingsOf } from '../calendar/day-calendar.ts';
import { pickRulesRow, rulesOf } from '../rules-lookup.ts';
import { wireEntryColumns, wireEntryFromRow, wireEntryJoins, type WireEntryRow } from '../entry.mapper.ts';

/**
 * The reads behind a user's month view and day modal, two queries that run side by side: the
 * user with their work-rules rows and approved absences (`readUserContext`; the organisation's
 * zone, currency and holiday settings come with the request), and the sessions of the period
 * (`readSessions`). The sessions are read for the period's exact instants in the organisation's
 * zone (the shared, memoized dayBounds / monthBounds), so a day modal reads one day's sessions, not
 * four days' around it; the shared time functions cut them at those same bounds.
 */
export type UserContext = {
  user: { id: string; name: string; active: boolean };
  pay: { type: 'HOURLY' | 'MONTHLY'; hourlyRate: number | null; monthlyBase: number | null; overtimeFactor: number };
  rules: WorkRules;
  /** Public holidays and the user's approved absences over the dates read. */
  calendar: DayCalendar;
  /** The month of the first date read is APPROVED for the user: `{ figures }` as kept (MonthClose.figures, raw); null when it is not approved. */
  approved: { figures: unknown } | null;
  /** With `latestBefore`: the latest local month in which a session of this user started before it; else null. */
  latestMonth: string | null;
};

type ContextRow = {
  id: string; name: string; active: boolean; pay_type: 'HOURLY' | 'MONTHLY'; hourly_rate: number | null; monthly_base: number | null;
  overtime_factor: number | string; rules: unknown; absences: unknown; approved: unknown; latest: Date | string | null;
};

type AbsenceJson = { startDate: string; endDate: string; kind: string; creditPercent: number };

type RulesJson = WorkRules & { userId: string | null };

const parsed = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

/**
 * The user, the rules in force for them, the calendar of local dates [from, to] (the
 * organisation's holidays and the user's approved absences), the approved figures of the month
 * `from` is in and, given `latestBefore`, the latest local month with a session of theirs started
 * before it (where their month view opens when the current month is empty); null if no such user
 * in the organisation. One statement.
 */
export async function readUserContext(sql: SqlRunner, org: OrgContext, userId: string, from: string, to: string, latestBefore: Date | null = null): Promise<UserContext | null> {
  const scope = scopedSql(org.id);
  const [r] = await sql.query<ContextRow>(scope.query`
    SELECT u.id, u.name, u.active, u."payType" AS pay_type, u."hourlyRate" AS hourly_rate, u."monthlyBase" AS monthly_base,
           u."overtimeFactor" AS overtime_factor,
           (SELECT coalesce(json_agg(json_build_object('startDate', a."startDate", 'endDate', a."endDate", 'kind', k.name, 'creditPercent', k."creditPercent")
                                     ORDER BY a."startDate"), '[]'::json)
              FROM "Absence" a
              JOIN "AbsenceKind" k ON k."organizationId" = a."organizationId" AND k.id = a."kindId"
             WHERE a."organizationId" = u."organizationId" AND a."userId" = u.id AND a.status = 'APPROVED'
               AND a."startDate" <= ${to}::date AND a."endDate" >= ${from}::date) AS absences,
           (SELECT coalesce(json_agg(json_build_object(
                     'userId', r."userId", 'requiredMinutes', r."requiredMinutes", 'noteRequired', r."noteRequired",
                     'minSessionMinutes', r."minSessionMinutes", 'maxSessionHours', r."maxSessionHours", 'allowOverlap', r."allowOverlap")), '[]'::json)
              FROM "WorkRules" r
             WHERE r."organizationId" = u."organizationId" AND (r."userId" = u.id OR r."userId" IS NULL)) AS rules,
           (SELECT json_build_object('figures', mc.figures) FROM "MonthClose" mc
             WHERE mc."organizationId" = u."organizationId" AND mc."userId" = u.id AND mc.month = ${from.slice(0, 7)}
               AND mc.status = 'APPROVED') AS approved,
           ${latestBefore === null ? Prisma.sql`NULL::timestamptz` : Prisma.sql`(SELECT max(e."startedAt") FROM "WorkEntry" e
             WHERE e."organizationId" = u."organizationId" AND e."userId" = u.id AND e."startedAt" < ${latestBefore})`} AS latest
    FROM "User" u
    WHERE ${scope.where('u', Prisma.sql`u.id = ${userId}`)}`);
  if (!r) return null;
  const rows = (parsed(r.rules) ?? []) as RulesJson[];
  return {
    user: { id: r.id, name: r.name, active: r.active },
    pay: { type: r.pay_type, hourlyRate: r.hourly_rate === null ? null : Number(r.hourly_rate), monthlyBase: r.monthly_base === null ? null : Number(r.monthly_base), overtimeFactor: Number(r.overtime_factor) },
    rules: rulesOf(pickRulesRow(rows, userId).row),
    calendar: await calendarOf(
      holidaySettingsOf(org),
      absenceDays(((parsed(r.absences) ?? []) as AbsenceJson[]).map((a) => ({ ...a, userId })), from, to).get(userId),
      from, to,
    ),
    approved: (parsed(r.approved) ?? null) as { figures: unknown } | null,
    latestMonth: monthOfLatest(r.latest, org.timeZone),
  };
}

export type SessionRow = { startedAt: Date; stoppedAt: Date | null; flagged: boolean };

/**
 * The user's sessions touching [start, end) of monthBounds (running ones included), for the month
 * figures. The instants come as epoch milliseconds (float8, exact for millisecond timestamps): one
 * Date per value, no timestamp text to parse (a month is about a thousand sessions).
 */
export async function readSessions(sql: SqlRunner, orgId: string, userId: string, { start, end }: Bounds): Promise<SessionRow[]> {
  const from = start.toISOString();
  const to = end.toISOString();
  const scope = scopedSql(orgId);
  const rows = await sql.query<{ started_ms: number | string; stopped_ms: number | string | null; flagged: boolean }>(scope.query`
    SELECT (extract(epoch FROM e."startedAt") * 1000)::float8 AS started_ms, (extract(epoch FROM e."stoppedAt") * 1000)::float8 AS stopped_ms, e.flagged
    FROM "WorkEntry" e
    WHERE ${scope.where('e', Prisma.sql`e."userId" = ${userId}`, Prisma.sql`e."startedAt" < ${to}::timestamptz`,
      Prisma.sql`(e."stoppedAt" IS NULL OR e."stoppedAt" > ${from}::timestamptz)`)}`);
  const sessions: SessionRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as (typeof rows)[number];
    sessions[i] = { startedAt: new Date(Number(r.started_ms)), stoppedAt: r.stopped_ms === null ? null : new Date(Number(r.stopped_ms)), flagged: r.flagged };
  }
  return sessions;
}

/** The user's sessions touching [start, end) of dayBounds, as sent on the wire (oldest first). */
export async function readWireSessions(sql: SqlRunner, orgId: string, userId: string, { start, end }: Bounds): Promise<WireEntry[]> {
  const from = start.toISOString();
  const to = end.toISOString();
  const scope = scopedSql(orgId);
  const rows = await sql.query<WireEntryRow>(scope.query`
    SELECT ${wireEntryColumns}
    FROM "WorkEntry" e
    ${wireEntryJoins}
    WHERE ${scope.where('e', Prisma.sql`e."userId" = ${userId}`, Prisma.sql`e."startedAt" < ${to}::timestamptz`,
      Prisma.sql`(e."stoppedAt" IS NULL OR e."stoppedAt" > ${from}::timestamptz)`)}
    ORDER BY e."startedAt", e.id`);
  return rows.map(wireEntryFromRow);
}

/**
 * The latest local month, up to the one `before` lies in, in which a session of anyone in the
 * organisation started: where the diary overview opens when the current month has nothing yet.
 * One backward step on the (organizationId, startedAt) index. (A user's own comes with
 * `readUserContext`.)
 */
export async function readLatestMonth(sql: SqlRunner, org: OrgContext, before: Date): Promise<string | null> {
  const scope = scopedSql(org.id);
  const [row] = await sql.query<{ latest: Date | string | null }>(scope.query`
    SELECT max(e."startedAt") AS latest FROM "WorkEntry" e
    WHERE ${scope.where('e', Prisma.sql`e."startedAt" < ${before}`)}`);
  return monthOfLatest(row?.latest ?? null, org.timeZone);
}

/** The organisation's local month of the latest session start found (null: none). */
function monthOfLatest(latest: Date | string | null, tz: string): string | null {
  return latest ? currentMonth(tz, new Date(latest)) : null;
}

/**
 * A user's minutes worked on the local days from `from` to `to` (inclusive): the kept day totals
 * (UserDay: each day's finished sessions cut at its midnights, the Work diary's day total, kept with
 * every write; figures-agreement.test.ts compares them with the shared minutesByDay), summed in the
 * database instead of the period's sessions read and cut into days here.
 */
export async function readWorkedMinutes(sql: SqlRunner, orgId: string, userId: string, from: string, to: string): Promise<number> {
  const scope = scopedSql(orgId);
  const [row] = await sql.query<{ minutes: number }>(scope.query`
SELECT coalesce(sum(d.minutes), 0)::float8 AS minutes FROM "UserDay" d
WHERE ${scope.where('d', Prisma.sql`d."userId" = ${userId}`, Prisma.sql`d.day BETWEEN ${from}::date AND ${to}::date`)}`);
  return row?.minutes ?? 0;
}
