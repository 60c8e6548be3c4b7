// THE figures module: every figure the product shows or pays from (the Work diary's overview,
// a user's month and day, the Excel exports, the payroll, what an approval keeps) comes from
// here, so each surface gives the same minutes and money for the same person and month.
//
// One rounding rule:
//  - minutes: a session is cut at the organisation's local midnights; per local day its pieces'
//    milliseconds are summed and floored to whole minutes ONCE (`dayMinutes`). Every other minute
//    figure (a month's total, extra, required, absence credit) is a sum of those whole day minutes.
//    The overview's SQL (overview.sql.ts) computes the same in the database; an agreement test
//    holds the two together (figures-agreement.test.ts).
//  - hours in files are minutes ÷ 60, stored unrounded (the cell shows two decimals), so a column's
//    sum equals the total's hours exactly and a month sheet agrees with the payroll sheet;
//  - money (salary) is worked out in floating point from the month's minute totals and rounded
//    once, at the end, to a minor unit (`salary`: Math.round, half up).
//  - a running session counts up to now in live views (a day's and a month's minutes); never in
//    the salary, the exports or what an approval keeps.
//
// An APPROVED month shows what its approval kept (snapshot.ts), written in the approval's own
// transaction; a kept month that cannot be read is an error, never replaced by live figures.
import {
  addDays,
  dayFigures,
  dayRequirement,
  daysOfMonth,
  dayBounds,
  localDateOf,
  monthBounds,
  monthFigures,
  salary,
  type Bounds,
  type DiaryDay,
} from '@workdiary/shared';
import type { SqlRunner } from '../../db/engine.ts';
import type { OrgContext } from '../../lib/types.ts';
import { queryMonthOverview, type OverviewSqlRow } from './overview.sql.ts';
import { readSessions, readUserContext, type SessionRow, type UserContext } from './reads.sql.ts';
import { readSnapshot, readSnapshotTotals, type MonthSnapshot, type SnapshotDay } from './snapshot.ts';
import { balanceToKeep } from './balance.sql.ts';

export { readSnapshot, SnapshotUnreadableError, type MonthSnapshot } from './snapshot.ts';
export { readLatestMonth, readUserContext, readWireSessions, readWorkedMinutes, type UserContext } from './reads.sql.ts';
export { monthDayParams, queryMonthOverview } from './overview.sql.ts';
export { emptyOvertime, overtimeAccounts, readAccounts, type Account } from './balance.sql.ts';

export type Pay = UserContext['pay'];

export type MonthTotalsWithSalary = {
  totalMinutes: number;
  extraMinutes: number;
  requiredMinutes: number;
  absenceMinutes: number;
  /** Finished sessions only. */
  salary: number;
};

/** A user's month as every surface shows it: its days, totals, the weekday rules and pay it was worked out with. */
export type UserMonthFigures = {
  days: DiaryDay[];
  totals: MonthTotalsWithSalary;
  requiredByWeekday: number[];
  pay: Pay;
  /** The approval's instant when these are an approved month's kept figures; null: worked out now. */
  approvedAt: string | null;
};

function lastDateOf(month: string): string {
  return daysOfMonth(month).at(-1) ?? `${month}-28`;
}

/**
 * Dates of `dates` (a month's) that a flagged session touches, i.e. whose [start, end) it overlaps
 * (a running one up to now): walked per flagged session over the days it spans, from the day
 * before its local start date while they begin before its stop, not every day × every session.
 */
function flaggedDates(sessions: SessionRow[], dates: string[], tz: string, now: Date): Set<string> {
  const marked = new Set<string>();
  const first = dates[0];
  const last = dates.at(-1);
  if (first === undefined || last === undefined) return marked;
  let shown: Set<string> | null = null;
  for (const s of sessions) {
    if (!s.flagged) continue;
    shown ??= new Set(dates);
    const start = s.startedAt.getTime();
    const stop = (s.stoppedAt ?? now).getTime();
    const from = addDays(localDateOf(s.startedAt, tz), -1);
    for (let date = from < first ? first : from; date <= last; date = addDays(date, 1)) {
      const bounds = dayBounds(date, tz);
      if (bounds.start.getTime() >= stop) break;
      if (start < bounds.end.getTime() && shown.has(date)) marked.add(date);
    }
  }
  return marked;
}

/**
 * The month from its sessions: days (and minute totals) count a running session up to now when
 * `includeRunning`; the salary counts finished sessions only.
 */
function liveMonth(context: UserContext, sessions: SessionRow[], month: string, tz: string, now: Date, includeRunning: boolean): UserMonthFigures {
  const required = context.rules.requiredMinutes;
  const calendar = context.calendar;
  const finished = monthFigures(sessions, month, tz, now, required, { calendar });
  const running = includeRunning && sessions.some((s) => s.stoppedAt === null);
  const shown = running ? monthFigures(sessions, month, tz, now, required, { includeRunning: true, calendar }) : finished;
  const counted = includeRunning ? sessions : sessions.filter((s) => s.stoppedAt !== null);
  const flagged = flaggedDates(counted, shown.days.map((d) => d.date), tz, now);
  return {
    days: shown.days.map((d) => ({
      date: d.date,
      entrance: d.entrance?.toISOString() ?? null,
      exit: d.exit?.toISOString() ?? null,
      totalMinutes: d.totalMinutes,
      extraMinutes: d.extraMinutes,
      requiredMinutes: d.requiredMinutes,
      absenceMinutes: d.absenceMinutes,
      holiday: d.holiday,
      absence: d.absence,
      flagged: flagged.has(d.date),
      running: d.running,
    })),
    totals: {
      totalMinutes: shown.totalMinutes,
      extraMinutes: shown.extraMinutes,
      requiredMinutes: shown.requiredMinutes,
      absenceMinutes: shown.absenceMinutes,
      salary: salary(context.pay, finished),
    },
    requiredByWeekday: required,
    pay: context.pay,
    approvedAt: null,
  };
}

function fromSnapshot(snapshot: MonthSnapshot): UserMonthFigures {
  return {
    days: snapshot.days.map((d: SnapshotDay) => ({ ...d, running: false })),
    totals: snapshot.totals,
    requiredByWeekday: snapshot.requiredByWeekday,
    pay: snapshot.pay,
    approvedAt: snapshot.approvedAt,
  };
}

/**
 * One user's month: an approved month's kept figures, else worked out from the sessions (a
 * running one counted up to now with `includeRunning`). Two reads side by side through `sql`
 * (a pool, or the approval's transaction). `latestBefore` also asks for the latest month with a
 * session of the user (the month view's "latest month"). Null when the user does not exist.
 */
export async function userMonthFigures({ sql, org, userId, month, now, includeRunning, latestBefore = null }: {
  sql: SqlRunner; org: OrgContext; userId: string; month: string; now: Date; includeRunning: boolean; latestBefore?: Date | null;
}): Promise<{ context: UserContext; figures: UserMonthFigures } | null> {
  const [context, sessions] = await Promise.all([
    readUserContext(sql, org, userId, `${month}-01`, lastDateOf(month), latestBefore),
    readSessions(sql, org.id, userId, monthBounds(month, org.timeZone)),
  ]);
  if (!context) return null;
  if (context.approved) return { context, figures: fromSnapshot(readSnapshot(context.approved.figures, { userId, month })) };
  return { context, figures: liveMonth(context, sessions, month, org.timeZone, now, includeRunning) };
}

/** A day's figures for the day modal: as kept when its month is approved, else from the sessions touching it. */
export function dayFiguresOf({ context, date, sessions, org, now }: {
  context: UserContext; date: string; sessions: Array<{ startedAt: Date; stoppedAt: Date | null }>; org: OrgContext; now: Date;
}): Omit<DiaryDay, 'date' | 'entrance' | 'exit' | 'flagged'> {
  if (context.approved) {
    const kept = readSnapshot(context.approved.figures, { userId: context.user.id, month: date.slice(0, 7) }).days.find((d) => d.date === date);
    if (kept) {
      const { totalMinutes, extraMinutes, requiredMinutes, absenceMinutes, holiday, absence } = kept;
      return { totalMinutes, extraMinutes, requiredMinutes, absenceMinutes, holiday, absence, running: false };
    }
  }
  const need = dayRequirement(date, context.rules.requiredMinutes, context.calendar);
  const figures = dayFigures(sessions, date, org.timeZone, now, need.requiredMinutes, need.absenceMinutes);
  return {
    totalMinutes: figures.totalMinutes,
    extraMinutes: figures.extraMinutes,
    requiredMinutes: figures.requiredMinutes,
    absenceMinutes: figures.absenceMinutes,
    holiday: need.holiday,
    absence: need.absence,
    running: figures.running,
  };
}

/**
 * What an approval keeps (MonthClose.figures): the month from its finished sessions, read
 * through `sql` (the approval's transaction, under the user's lock), in the versioned shape, with
 * the overtime account's figures of the month (`balance`, when the month is inside the account).
 */
export async function snapshotMonth({ sql, org, userId, month, approvedAt }: {
  sql: SqlRunner; org: OrgContext; userId: string; month: string; approvedAt: Date;
}): Promise<MonthSnapshot> {
  const [context, sessions] = await Promise.all([
    readUserContext(sql, org, userId, `${month}-01`, lastDateOf(month)),
    readSessions(sql, org.id, userId, monthBounds(month, org.timeZone)),
  ]);
  if (!context) throw new Error(`snapshotMonth: no user ${userId}`);
  const live = liveMonth(context, sessions, month, org.timeZone, approvedAt, false);
  const bounds: Bounds = monthBounds(month, org.timeZone);
  const balance = await balanceToKeep({ sql, org, userId, month, approvedAt, totals: live.totals });
  return {
    version: 1,
    approvedAt: approvedAt.toISOString(),
    timeZone: org.timeZone,
    monthStart: bounds.start.toISOString(),
    monthEnd: bounds.end.toISOString(),
    days: live.days.map(({ running: _running, ...day }) => day),
    totals: live.totals,
    requiredByWeekday: live.requiredByWeekday,
    pay: live.pay,
    ...(balance ? { balance } : {}),
  };
}

/** One row of the month's overview (and payroll): minutes, salary, the pay and the month's state. */
export type OverviewFigures = MonthTotalsWithSalary & {
  userId: string;
  name: string;
  active: boolean;
  monthStatus: 'OPEN' | 'SUBMITTED' | 'APPROVED' | 'REOPENED';
  pay: Pay;
  approvedAt: string | null;
};

/**
 * Users × month in one aggregate query (overview.sql.ts); each approved month's row is its kept
 * totals and pay instead.
 */
export async function overviewFigures({ sql, org, month, fallbackRequired, holidays, holidaySharePercent, lastDate }: {
  sql: SqlRunner; org: OrgContext; month: string; fallbackRequired: number[];
  holidays: Readonly<Record<string, string>>; holidaySharePercent: number;
  /** Only the days up to this date (the overtime account's current month); left out: the whole month. */
  lastDate?: string;
}): Promise<OverviewFigures[]> {
  const rows = await queryMonthOverview({ sql, orgId: org.id, month, tz: org.timeZone, fallbackRequired, holidays, holidaySharePercent, lastDate });
  return rows.map((r) => overviewRow(r, month));
}

function overviewRow(r: OverviewSqlRow, month: string): OverviewFigures {
  const base = { userId: r.id, name: r.name, active: r.active, monthStatus: r.month_status ?? 'OPEN' } as const;
  if (r.month_status === 'APPROVED') {
    const kept = readSnapshotTotals(r.frozen, { userId: r.id, month });
    return { ...base, ...kept.totals, pay: kept.pay, approvedAt: kept.approvedAt };
  }
  const pay: Pay = { type: r.pay_type, hourlyRate: r.hourly_rate, monthlyBase: r.monthly_base, overtimeFactor: r.overtime_factor };
  const totals = { totalMinutes: r.total_minutes, extraMinutes: r.extra_minutes, requiredMinutes: r.required_minutes, absenceMinutes: r.absence_minutes };
  return { ...base, ...totals, salary: salary(pay, totals), pay, approvedAt: null };
}
