// Balances (issue 24): the overtime account and vacation days of a user.
//
// Overtime account, per user and month (all figures from the one figures module, overtimeAccounts):
//  - a month's delta = worked − (required − absence credit) = totalMinutes − requiredMinutes +
//    absenceMinutes (the credit never exceeds the requirement). It may be negative. An approved
//    month's delta comes from the figures its approval kept, so later changes of rules, holidays or
//    absences do not move it. In the organisation's current month only the days up to today are
//    required; months after the current one count nothing yet.
//  - corrections and payouts (BalanceCorrection, minutes may be negative) count in their month.
//  - opening = balanceStart.openingMinutes + Σ (delta + corrections) of the months from
//    balanceStart.month up to the month before; closing = opening + delta + corrections.
//  - the account starts at the user's balanceStart.month; earlier months are not counted. Without a
//    balanceStart it starts at the user's first month with any recorded minute or correction,
//    opening 0. Before the start (or without any data) every figure is 0.
//  - an approved month reads the balance its approval kept (opening, delta, corrections, closing) and
//    the next month opens with its closing; approvals kept before balances were: as above.
//  - all users' balances of a month come from two statements, whatever the number of months
//    (domain/figures/balance.sql.ts, where the rules are written out in full).
//
// Vacation, per user and calendar year (of the asked month):
//  - entitlement = vacationDaysPerYear (null: 0). Pro rata in the year the account starts
//    (balanceStart.month, else the first month with data): × (months from that month to December) / 12,
//    rounded to the nearest half day, halves up (e.g. 30 × 5/12 = 12.5; 25 × 5/12 = 10.42 → 10.5).
//    We round to half days rather than BUrlG §5's "≥ ½ to a whole day" because the entitlement
//    itself may be given in half days. Leaving during the year is not prorated (no leaving date).
//  - a vacation day is a local date of an approved absence of a vacation kind (isVacationKind) that
//    required work: the weekday's required minutes (the user's rules as they are now) are > 0, and it
//    is not a public holiday whose share is 0. Absences are whole days.
//  - taken = such days from 1 January up to the month's end; planned = those after it in the same year;
//    remaining = entitlement + carried over − taken − planned (may be negative: over-booked).
//  - carried over = last year's remainder (never negative), worked out the same way year by year from
//    the account's start year. With the organisation's `vacationCarryOverUntil` (MM-DD) the carried
//    days are used first and expire after that day as far as they were not taken by then: once the
//    asked month ends after that day, only min(carry, vacation days up to that day) remain carried.
import { AppError, addDays, currentMonth, daysOfMonth, weekdayIndex, type Balance, type BalanceCorrection, type BalanceOvertime, type BalanceVacation } from '@workdiary/shared';
import type { SqlRunner } from '../../db/engine.ts';
import { newId } from '../../db/ids.ts';
import type { ScopedDb } from '../../db/scoped.ts';
import { Prisma } from '../../generated/prisma/client.ts';
import { scopedSql } from '../../db/scoped-sql.ts';
import type { OrgCache } from '../../lib/org-cache.ts';
import { assertMayReadDiaryOf, type Actor } from '../../lib/permissions.ts';
import type { OrgContext } from '../../lib/types.ts';
import { emptyOvertime, overtimeAccounts, readAccounts } from '../../domain/figures/index.ts';
import { holidaySettingsOf } from '../../domain/calendar/day-calendar.ts';
import { holidaysBetween } from '../../domain/calendar/holidays.ts';
import { assertMonthsOpen } from '../../domain/month-lock.ts';
import { lockUserEntries } from '../../domain/entry-rules.ts';

/** Whether an absence kind counts against the vacation entitlement: its payroll type is VACATION (the wire's `vacation: true`). */
export function isVacationKind(kind: { payrollType: string | null }): boolean {
  return kind.payrollType === 'VACATION';
}

/**
 * The overtime account of every user (or of `userIds`) at `month`: the figures module's two
 * statements (domain/figures/balance.sql.ts), whatever the number of months since the start.
 */
export async function overtimeBalances({ sql, org, month, now, userIds = null }: {
  sql: SqlRunner; orgs?: OrgCache; org: OrgContext; month: string; now: Date; userIds?: string[] | null;
}): Promise<Map<string, BalanceOvertime>> {
  return overtimeAccounts({ sql, org, month, now, userIds });
}

/** Nearest half day, halves up. */
export const roundHalfDay = (days: number): number => Math.floor(days * 2 + 0.5 + 1e-9) / 2;

/** The year's entitlement: pro rata from the start month in the start year, nothing before it. */
export function entitlementOf(daysPerYear: number | null, startMonth: string | null, year: number): number {
  if (!daysPerYear) return 0;
  if (startMonth === null) return daysPerYear;
  const startYear = Number(startMonth.slice(0, 4));
  if (year < startYear) return 0;
  if (year > startYear) return daysPerYear;
  const months = 12 - Number(startMonth.slice(5, 7)) + 1;
  return roundHalfDay((daysPerYear * months) / 12);
}

type VacationInput = {
  daysPerYear: number | null;
  startMonth: string | null;
  carryOverUntil: string | null;
  /** Sorted local dates of vacation days (days that required work). */
  vacationDays: string[];
};

const countBetween = (days: string[], from: string, to: string) => days.filter((d) => d >= from && d <= to).length;

/** The vacation figures of `month`'s year (a pure function: see the rules at the top). */
export function vacationOf(input: VacationInput, month: string): BalanceVacation {
  const year = Number(month.slice(0, 4));
  const monthEnd = daysOfMonth(month).at(-1) ?? `${month}-28`;
  const firstYear = Math.min(year, input.startMonth ? Number(input.startMonth.slice(0, 4)) : year, ...input.vacationDays.slice(0, 1).map((d) => Number(d.slice(0, 4))));
  const carriedAt = (y: number, carry: number, asOf: string): number => {
    if (carry <= 0 || input.carryOverUntil === null) return Math.max(0, carry);
    const expiry = `${y}-${input.carryOverUntil}`;
    if (asOf <= expiry) return carry;
    return Math.min(carry, countBetween(input.vacationDays, `${y}-01-01`, expiry));
  };
  let carry = 0;
  for (let y = firstYear; y < year; y += 1) {
    const carried = carriedAt(y, carry, `${y}-12-31`);
    const remainder = entitlementOf(input.daysPerYear, input.startMonth, y) + carried - countBetween(input.vacationDays, `${y}-01-01`, `${y}-12-31`);
    carry = Math.max(0, remainder);
  }
  const entitlementDays = entitlementOf(input.daysPerYear, input.startMonth, year);
  const carriedOverDays = carriedAt(year, carry, monthEnd);
  const takenDays = countBetween(input.vacationDays, `${year}-01-01`, monthEnd);
  const plannedDays = input.vacationDays.filter((d) => d > monthEnd && d <= `${year}-12-31`).length;
  return { year, entitlementDays, carriedOverDays, takenDays, plannedDays, remainingDays: entitlementDays + carriedOverDays - takenDays - plannedDays };
}

/**
 * The user's vacation days up to the end of `toYear`: dates of approved absences of vacation kinds
 * that required work (weekday rule > 0; not a public holiday whose share is 0).
 */
export async function vacationDaysOf({ sql, orgs, org, userId, toYear }: {
  sql: SqlRunner; orgs: OrgCache; org: OrgContext; userId: string; toYear: number;
}): Promise<string[]> {
  const scope = scopedSql(org.id);
  const rows = await sql.query<{ start_date: string | Date; end_date: string | Date; payroll_type: string | null }>(scope.query`
    SELECT a."startDate" AS start_date, a."endDate" AS end_date, k."payrollType"::text AS payroll_type
    FROM "Absence" a JOIN "AbsenceKind" k ON ${scope.where('k', Prisma.sql`k.id = a."kindId"`)}
    WHERE ${scope.where('a', Prisma.sql`a."userId" = ${userId} AND a.status = 'APPROVED' AND a."startDate" <= ${`${toYear}-12-31`}::date`)}
    ORDER BY a."startDate"`);
  const spans = rows
    .filter((r) => isVacationKind({ payrollType: r.payroll_type }))
    .map((r) => ({ from: dateText(r.start_date), to: dateText(r.end_date) > `${toYear}-12-31` ? `${toYear}-12-31` : dateText(r.end_date) }));
  if (spans.length === 0) return [];
  const cached = await orgs.get(org.id);
  if (!cached) throw new AppError('NOT_FOUND', 'This organisation does not exist.');
  const required = cached.rulesFor(userId).requiredMinutes;
  const settings = holidaySettingsOf(org);
  const from = spans.map((s) => s.from).sort()[0] ?? `${toYear}-01-01`;
  const holidays = await holidaysBetween(settings, from, `${toYear}-12-31`);
  const days = new Set<string>();
  for (const span of spans) {
    for (let d = span.from; d <= span.to; d = addDays(d, 1)) {
      if ((required[weekdayIndex(d)] ?? 0) <= 0) continue;
      if (holidays[d] !== undefined && settings.sharePercent === 0) continue;
      days.add(d);
    }
  }
  return [...days].sort();
}

function dateText(d: string | Date): string {
  return (d instanceof Date ? d.toISOString() : String(d)).slice(0, 10);
}

/** GET /api/balances/:userId?month= (members: their own). */
export async function userBalance({ sql, orgs, org, caller, userId, month, now }: {
  sql: SqlRunner; orgs: OrgCache; org: OrgContext; caller: Actor; userId: string; month?: string; now: Date;
}): Promise<Balance> {
  assertMayReadDiaryOf(caller, userId);
  const m = month ?? currentMonth(org.timeZone, now);
  const scope = scopedSql(org.id);
  const [user] = await sql.query<{ id: string; start_month: string | null; days: number | null; carry_until: string | null }>(scope.query`
    SELECT u.id, u."balanceStartMonth" AS start_month, u."vacationDaysPerYear" AS days, o."vacationCarryOverUntil" AS carry_until
    FROM "User" u JOIN "Organization" o ON ${scope.organization('o')}
    WHERE ${scope.where('u', Prisma.sql`u.id = ${userId}`)}`);
  if (!user) throw new AppError('NOT_FOUND', 'No such user.');
  const year = Number(m.slice(0, 4));
  const [overtime, vacationDays, [account]] = await Promise.all([
    overtimeBalances({ sql, orgs, org, month: m, now, userIds: [userId] }),
    vacationDaysOf({ sql, orgs, org, userId, toYear: year }),
    readAccounts(sql, org, [userId]),
  ]);
  return {
    month: m,
    overtime: overtime.get(userId) ?? emptyOvertime(),
    vacation: vacationOf({
      daysPerYear: user.days === null ? null : Number(user.days),
      startMonth: account?.startMonth ?? null,
      carryOverUntil: user.carry_until,
      vacationDays,
    }, m),
  };
}

/**
 * POST /api/balances/:userId/corrections (managers, admins): under the user's lock, refused with
 * 409 MONTH_LOCKED when the month is approved; audited (BalanceCorrection, CREATE).
 */
export async function createCorrection({ db, actorId, userId, body }: {
  db: ScopedDb; actorId: string; userId: string; body: { month: string; minutes: number; note: string };
}): Promise<BalanceCorrection> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findFirst({ where: { id: userId }, select: { id: true } });
    if (!user) throw new AppError('NOT_FOUND', 'No such user.');
    await lockUserEntries(tx, userId);
    await assertMonthsOpen({ db: tx, userId, months: [body.month] });
    const row = await tx.balanceCorrection.create({
      data: { id: newId(), userId, month: body.month, minutes: body.minutes, note: body.note.trim(), createdById: actorId } as Prisma.BalanceCorrectionUncheckedCreateInput,
    });
    const wire: BalanceCorrection = {
      id: row.id, userId: row.userId, month: row.month, minutes: row.minutes, note: row.note, createdById: row.createdById, createdAt: row.createdAt.toISOString(),
    };
    await tx.auditEvent.create({
      data: { id: newId(), entityType: 'BalanceCorrection', entityId: row.id, action: 'CREATE', actorId, before: undefined, after: wire } as unknown as Prisma.AuditEventUncheckedCreateInput,
    });
    return wire;
  });
}
