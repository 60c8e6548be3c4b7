// Excel exports of the Work diary: one day's sessions, one user's month, the month's payroll.
// Finished sessions only: a running timer is left out of every export (and of the salary).
import { AppError, dayFigures, daysOfMonth, exportLabel, localizeColumns, monthBounds, monthFigures, weekdayIndex, type MonthStatus } from '@workdiary/shared';
import { loadCalendar } from '../calendar/day-calendar.ts';
import type { SqlRunner } from '../../db/engine.ts';
import type { ScopedDb } from '../../db/scoped.ts';
import { buildXlsx, xlsxFileName, type Column } from '../../lib/excel.ts';
import { entryInclude } from '../work-entries/entry.mapper.ts';
import { loadRules } from '../settings/rules-lookup.ts';
import type { OrgContext } from '../../lib/types.ts';
import type { OrgCache } from '../../lib/org-cache.ts';
import { assertMayReadDiaryOf, type Actor } from '../../lib/permissions.ts';
import { dayBoundsOrThrow, frozenMonthOf, monthOverview, resolveMonth } from './diary.service.ts';

export type XlsxFile = { buffer: Buffer; fileName: string; rows: number };

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

type SessionRow = {
  startedAt: Date;
  stoppedAt: Date;
  /** Minutes of the session inside the exported day (a session across midnight counts by its part). */
  minutes: number;
  fullMinutes: number;
  userName: string;
  customerName: string;
  categoryName: string;
  note: string;
};

export const DAY_COLUMNS: Column<SessionRow>[] = [
  { header: 'User', kind: 'text', value: (r) => r.userName },
  { header: 'Customer', kind: 'text', value: (r) => r.customerName },
  { header: 'Category', kind: 'text', value: (r) => r.categoryName },
  { header: 'Entrance', kind: 'datetime', value: (r) => r.startedAt },
  { header: 'Exit', kind: 'datetime', value: (r) => r.stoppedAt },
  { header: 'Total', kind: 'duration', value: (r) => r.minutes },
  { header: 'Hours', kind: 'hours', value: (r) => r.minutes },
  { header: 'Session length', kind: 'duration', total: false, value: (r) => r.fullMinutes },
  { header: 'Note', kind: 'text', width: 40, value: (r) => r.note },
];

/** The finished sessions touching one local day of one user. */
export async function exportDay({ db, org, caller, userId, date, now, locale }: {
  db: ScopedDb; org: OrgContext; caller: Actor; userId: string; date: string; now: Date; locale?: string;
}): Promise<XlsxFile> {
  assertMayReadDiaryOf(caller, userId);
  const { start, end } = dayBoundsOrThrow(date, org.timeZone);
  const user = await db.user.findFirst({ where: { id: userId }, select: { name: true } });
  if (!user) throw notFound();
  const entries = await db.workEntry.findMany({
    where: { userId, stoppedAt: { not: null, gt: start }, startedAt: { lt: end } },
    orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
    include: entryInclude,
  });
  const rows: SessionRow[] = entries.map((e) => {
    const stoppedAt = e.stoppedAt as Date;
    return {
      startedAt: e.startedAt,
      stoppedAt,
      minutes: dayFigures([{ startedAt: e.startedAt, stoppedAt }], date, org.timeZone, now, 0).totalMinutes,
      fullMinutes: Math.floor((stoppedAt.getTime() - e.startedAt.getTime()) / 60_000),
      userName: e.user.name,
      customerName: e.customer.name,
      categoryName: e.category.name,
      note: e.note,
    };
  });
  const buffer = await buildXlsx({ sheetName: date, columns: localizeColumns(DAY_COLUMNS, locale), totals: exportLabel(locale, 'Total'), rows, tz: org.timeZone, currency: org.currency });
  return { buffer, fileName: xlsxFileName(user.name, date), rows: rows.length };
}

type DayRow = {
  date: Date;
  weekday: string;
  entrance: Date | null;
  exit: Date | null;
  required: number;
  total: number;
  extra: number;
  /** Public holiday name, or the approved absence's kind. */
  dayOff: string;
  absence: number;
  flagged: string;
};

export const MONTH_COLUMNS: Column<DayRow>[] = [
  { header: 'Date', kind: 'date', value: (r) => r.date },
  { header: 'Weekday', kind: 'text', width: 11, value: (r) => r.weekday },
  { header: 'Entrance', kind: 'time', width: 9, value: (r) => r.entrance },
  { header: 'Exit', kind: 'time', width: 9, value: (r) => r.exit },
  { header: 'Required', kind: 'duration', value: (r) => r.required },
  { header: 'Total', kind: 'duration', value: (r) => r.total },
  { header: 'Total hours', kind: 'hours', value: (r) => r.total },
  { header: 'Extra', kind: 'duration', value: (r) => r.extra },
  { header: 'Extra hours', kind: 'hours', value: (r) => r.extra },
  { header: 'Flagged', kind: 'text', width: 9, value: (r) => r.flagged },
  { header: 'Holiday / absence', kind: 'text', width: 18, value: (r) => r.dayOff },
  { header: 'Absence credit', kind: 'duration', value: (r) => r.absence },
];

/**
 * One user's month, a row per day with its figures (finished sessions), and a totals row. An
 * approved month's rows are the figures it was approved with (MonthClose.figures).
 */
export async function exportUserMonth({ db, org, caller, userId, month, now, locale }: {
  db: ScopedDb; org: OrgContext; caller: Actor; userId: string; month?: string; now: Date; locale?: string;
}): Promise<XlsxFile> {
  assertMayReadDiaryOf(caller, userId);
  const m = resolveMonth(month, org.timeZone, now);
  const [user, kept] = await Promise.all([
    db.user.findFirst({ where: { id: userId }, select: { name: true } }),
    db.monthClose.findFirst({ where: { userId, month: m, status: 'APPROVED' }, select: { figures: true } }),
  ]);
  if (!user) throw notFound();
  const days = frozenMonthOf(kept?.figures)?.items.map((d) => ({
    ...d, entrance: d.entrance === null ? null : new Date(d.entrance), exit: d.exit === null ? null : new Date(d.exit),
  })) ?? await liveDays({ db, org, userId, month: m, now });
  const rows: DayRow[] = days.map((d) => ({
    date: dayBoundsOrThrow(d.date, org.timeZone).start,
    weekday: exportLabel(locale, WEEKDAYS[weekdayIndex(d.date)] ?? ''),
    entrance: d.entrance,
    exit: d.exit,
    required: d.requiredMinutes,
    total: d.totalMinutes,
    extra: d.extraMinutes,
    dayOff: [d.holiday, d.absence?.kind].filter(Boolean).join(' · '),
    absence: d.absenceMinutes,
    flagged: d.flagged ? exportLabel(locale, 'yes') : '',
  }));
  const buffer = await buildXlsx({ sheetName: m, columns: localizeColumns(MONTH_COLUMNS, locale), totals: exportLabel(locale, 'Total'), rows, tz: org.timeZone, currency: org.currency });
  return { buffer, fileName: xlsxFileName(user.name, m), rows: rows.length };
}

/** The month's days from its finished sessions, each with whether a flagged session touches it. */
async function liveDays({ db, org, userId, month, now }: { db: ScopedDb; org: OrgContext; userId: string; month: string; now: Date }) {
  const { start, end } = monthBounds(month, org.timeZone);
  const dates = daysOfMonth(month);
  const [entries, rules, calendar] = await Promise.all([
    db.workEntry.findMany({
      where: { userId, stoppedAt: { not: null, gt: start }, startedAt: { lt: end } },
      select: { startedAt: true, stoppedAt: true, flagged: true },
    }),
    loadRules(db, userId),
    loadCalendar({ db, org, userId, from: dates[0] ?? `${month}-01`, to: dates.at(-1) ?? `${month}-28` }),
  ]);
  const figures = monthFigures(entries, month, org.timeZone, now, rules.requiredMinutes, { calendar });
  const flagged = entries.filter((e) => e.flagged);
  return figures.days.map((d) => {
    const { start: dayStart, end: dayEnd } = dayBoundsOrThrow(d.date, org.timeZone);
    return { ...d, flagged: flagged.some((e) => e.startedAt < dayEnd && (e.stoppedAt as Date) > dayStart) };
  });
}

const MONTH_STATE_LABEL: Record<MonthStatus, string> = { OPEN: 'Open', SUBMITTED: 'Submitted', APPROVED: 'Approved', REOPENED: 'Reopened' };

type PayrollRow = {
  name: string;
  status: string;
  monthState: string;
  payType: string;
  rate: number | null;
  factor: number;
  required: number;
  total: number;
  extra: number;
  absence: number;
  salary: number;
};

export const PAYROLL_COLUMNS: Column<PayrollRow>[] = [
  { header: 'User', kind: 'text', width: 24, value: (r) => r.name },
  { header: 'Status', kind: 'text', width: 10, value: (r) => r.status },
  { header: 'Pay type', kind: 'text', width: 10, value: (r) => r.payType },
  { header: 'Rate / base', kind: 'money', total: false, value: (r) => r.rate },
  { header: 'Overtime factor', kind: 'text', width: 9, value: (r) => String(r.factor) },
  { header: 'Required', kind: 'duration', value: (r) => r.required },
  { header: 'Total', kind: 'duration', value: (r) => r.total },
  { header: 'Total hours', kind: 'hours', value: (r) => r.total },
  { header: 'Extra', kind: 'duration', value: (r) => r.extra },
  { header: 'Extra hours', kind: 'hours', value: (r) => r.extra },
  { header: 'Salary', kind: 'money', value: (r) => r.salary },
  { header: 'Absence credit', kind: 'duration', value: (r) => r.absence },
  { header: 'Month state', kind: 'text', width: 11, value: (r) => r.monthState },
];

/**
 * The month's payroll: a row per user of the overview (same one aggregate query), with each
 * user's month state, plus totals. `approvedOnly` keeps the users whose month is APPROVED.
 */
export async function exportPayroll({ db, orgs, sql, org, month, now, approvedOnly = false, locale }: {
  db: ScopedDb; orgs: OrgCache; sql: SqlRunner; org: OrgContext; month?: string; now: Date; approvedOnly?: boolean; locale?: string;
}): Promise<XlsxFile> {
  const overview = await monthOverview({ orgs, sql, org, month, now });
  const closes = await db.monthClose.findMany({ where: { month: overview.month }, select: { userId: true, status: true, figures: true } });
  const states = new Map(closes.map((s) => [s.userId, s.status]));
  const stateOf = (userId: string): MonthStatus => states.get(userId) ?? 'OPEN';
  // An approved month's salary was worked out with the pay of then: show that pay beside it.
  const keptPay = new Map(closes.flatMap((s) => {
    const kept = s.status === 'APPROVED' ? frozenMonthOf(s.figures) : null;
    return kept ? [[s.userId, kept.pay] as const] : [];
  }));
  const listed = approvedOnly ? overview.items.filter((i) => stateOf(i.userId) === 'APPROVED') : overview.items;
  const pay = new Map((await db.user.findMany({
    where: { id: { in: overview.items.map((i) => i.userId) } },
    select: { id: true, payType: true, hourlyRate: true, monthlyBase: true, overtimeFactor: true },
  })).map((u) => [u.id, u]));
  const rows: PayrollRow[] = listed.map((i) => {
    const kept = i.frozenAt === null ? undefined : keptPay.get(i.userId);
    const current = pay.get(i.userId);
    const p = kept ? { payType: kept.type, hourlyRate: kept.hourlyRate, monthlyBase: kept.monthlyBase, overtimeFactor: kept.overtimeFactor } : current;
    return {
      name: i.name,
      status: exportLabel(locale, i.active ? 'Active' : 'Inactive'),
      monthState: exportLabel(locale, MONTH_STATE_LABEL[stateOf(i.userId)]),
      payType: exportLabel(locale, p?.payType === 'MONTHLY' ? 'Monthly' : 'Hourly'),
      rate: p ? (p.payType === 'MONTHLY' ? p.monthlyBase : p.hourlyRate) : null,
      factor: p?.overtimeFactor ?? 1,
      required: i.requiredMinutes,
      total: i.totalMinutes,
      extra: i.extraMinutes,
      absence: i.absenceMinutes,
      salary: i.salary,
    };
  });
  const buffer = await buildXlsx({ sheetName: `${exportLabel(locale, 'Payroll')} ${overview.month}`, columns: localizeColumns(PAYROLL_COLUMNS, locale), totals: exportLabel(locale, 'Total'), rows, tz: org.timeZone, currency: overview.currency });
  return { buffer, fileName: xlsxFileName(approvedOnly ? 'payroll-approved' : 'payroll', overview.month), rows: rows.length };
}

function notFound() {
  return new AppError('NOT_FOUND', 'No such user.');
}
