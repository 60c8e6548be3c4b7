// Excel exports of the Work diary: one day's sessions, one user's month, the month's payroll.
// Finished sessions only: a running timer is left out of every export (and of the salary).
import { AppError, dayFigures, exportLabel, localizeColumns, minutesBetween, weekdayIndex, type MonthStatus } from '@workdiary/shared';
import type { SqlRunner } from '../../db/engine.ts';
import type { ScopedDb } from '../../db/scoped.ts';
import { buildXlsx, xlsxFileName, type Column } from '../../lib/excel.ts';
import { entryInclude } from '../../domain/entry.mapper.ts';
import type { OrgContext } from '../../lib/types.ts';
import type { OrgCache } from '../../lib/org-cache.ts';
import { assertMayReadDiaryOf, type Actor } from '../../lib/permissions.ts';
import { userMonthFigures } from '../../domain/figures/index.ts';
import { dayBoundsOrThrow, monthOverview, resolveMonth } from './diary.service.ts';
import { holidayNamesFor, isGerman, readerDate, readerMonth } from './export-words.ts';

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
  // The same time twice, as h:mm and as decimal hours; the headers say which is which.
  { header: 'Total (h:mm)', kind: 'duration', value: (r) => r.minutes },
  { header: 'Hours (decimal)', kind: 'hours', value: (r) => r.minutes },
  { header: 'Session length (h:mm)', kind: 'duration', total: false, value: (r) => r.fullMinutes },
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
      fullMinutes: minutesBetween(e.startedAt, stoppedAt),
      userName: e.user.name,
      customerName: e.customer.name,
      categoryName: e.category.name,
      note: e.note,
    };
  });
  const buffer = await buildXlsx({ sheetName: readerDate(date, locale), columns: localizeColumns(DAY_COLUMNS, locale), totals: exportLabel(locale, 'Total'), rows, tz: org.timeZone, currency: org.currency, locale });
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
  { header: 'Required (h:mm)', kind: 'duration', value: (r) => r.required },
  { header: 'Total (h:mm)', kind: 'duration', value: (r) => r.total },
  { header: 'Total hours (decimal)', kind: 'hours', value: (r) => r.total },
  { header: 'Extra (h:mm)', kind: 'duration', value: (r) => r.extra },
  { header: 'Extra hours (decimal)', kind: 'hours', value: (r) => r.extra },
  { header: 'Flagged', kind: 'text', width: 9, value: (r) => r.flagged },
  { header: 'Holiday / absence', kind: 'text', width: 18, value: (r) => r.dayOff },
  { header: 'Absence credit (h:mm)', kind: 'duration', value: (r) => r.absence },
];

/**
 * One user's month, a row per day with its figures (finished sessions), and a totals row: the
 * figures module's month (an approved month's rows are what its approval kept).
 */
export async function exportUserMonth({ sql, org, caller, userId, month, now, locale }: {
  sql: SqlRunner; org: OrgContext; caller: Actor; userId: string; month?: string; now: Date; locale?: string;
}): Promise<XlsxFile> {
  assertMayReadDiaryOf(caller, userId);
  const m = resolveMonth(month, org.timeZone, now);
  const read = await userMonthFigures({ sql, org, userId, month: m, now, includeRunning: false });
  if (!read) throw notFound();
  // Public holidays by their name in the reader's language (date-holidays knows them in German).
  const holidayName = await holidayNamesFor(org, m, locale);
  const rows: DayRow[] = read.figures.days.map((d) => ({
    date: dayBoundsOrThrow(d.date, org.timeZone).start,
    weekday: exportLabel(locale, WEEKDAYS[weekdayIndex(d.date)] ?? ''),
    entrance: d.entrance === null ? null : new Date(d.entrance),
    exit: d.exit === null ? null : new Date(d.exit),
    required: d.requiredMinutes,
    total: d.totalMinutes,
    extra: d.extraMinutes,
    dayOff: [d.holiday === null ? null : holidayName(d.date, d.holiday), d.absence?.kind].filter(Boolean).join(' · '),
    absence: d.absenceMinutes,
    flagged: d.flagged ? exportLabel(locale, 'yes') : '',
  }));
  const buffer = await buildXlsx({ sheetName: readerMonth(m, locale), columns: localizeColumns(MONTH_COLUMNS, locale), totals: exportLabel(locale, 'Total'), rows, tz: org.timeZone, currency: org.currency, locale });
  return { buffer, fileName: xlsxFileName(read.context.user.name, m), rows: rows.length };
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
  /** The overtime account's closing balance at the month's end (minutes; may be negative). */
  balance: number;
};

export const PAYROLL_COLUMNS: Column<PayrollRow>[] = [
  { header: 'User', kind: 'text', width: 24, value: (r) => r.name },
  { header: 'Status', kind: 'text', width: 10, value: (r) => r.status },
  { header: 'Pay type', kind: 'text', width: 10, value: (r) => r.payType },
  { header: 'Rate / base', kind: 'money', total: false, value: (r) => r.rate },
  // A number (1.25), so a German Excel shows 1,25 and a formula can multiply by it.
  { header: 'Overtime factor', kind: 'decimal', total: false, width: 9, value: (r) => r.factor },
  { header: 'Required (h:mm)', kind: 'duration', value: (r) => r.required },
  { header: 'Total (h:mm)', kind: 'duration', value: (r) => r.total },
  { header: 'Total hours (decimal)', kind: 'hours', value: (r) => r.total },
  { header: 'Extra (h:mm)', kind: 'duration', value: (r) => r.extra },
  { header: 'Extra hours (decimal)', kind: 'hours', value: (r) => r.extra },
  { header: 'Salary', kind: 'money', value: (r) => r.salary },
  { header: 'Absence credit (h:mm)', kind: 'duration', value: (r) => r.absence },
  // Decimal hours: the balance may be negative, which a duration cell cannot show.
  { header: 'Balance hours', kind: 'hours', value: (r) => r.balance },
  { header: 'Month state', kind: 'text', width: 11, value: (r) => r.monthState },
];

/**
 * The month's payroll: a row per user of the overview (the figures module's overview: an
 * approved month's row is what its approval kept, with the pay it was worked out with), each
 * user's month state, plus totals. `approvedOnly` keeps the users whose month is APPROVED.
 */
export async function exportPayroll({ orgs, sql, org, month, now, approvedOnly = false, locale }: {
  orgs: OrgCache; sql: SqlRunner; org: OrgContext; month?: string; now: Date; approvedOnly?: boolean; locale?: string;
}): Promise<XlsxFile> {
  const overview = await monthOverview({ orgs, sql, org, month, now });
  const listed = approvedOnly ? overview.rows.filter((r) => r.monthStatus === 'APPROVED') : overview.rows;
  const rows: PayrollRow[] = listed.map((r) => ({
    name: r.name,
    status: exportLabel(locale, r.active ? 'Active' : 'Inactive'),
    monthState: exportLabel(locale, MONTH_STATE_LABEL[r.monthStatus]),
    payType: exportLabel(locale, r.pay.type === 'MONTHLY' ? 'Monthly' : 'Hourly'),
    rate: r.pay.type === 'MONTHLY' ? r.pay.monthlyBase : r.pay.hourlyRate,
    factor: r.pay.overtimeFactor,
    required: r.requiredMinutes,
    total: r.totalMinutes,
    extra: r.extraMinutes,
    absence: r.absenceMinutes,
    salary: r.salary,
    balance: overview.balances.get(r.userId)?.closingMinutes ?? 0,
  }));
  const buffer = await buildXlsx({
    sheetName: `${exportLabel(locale, 'Payroll')} ${readerMonth(overview.month, locale)}`, columns: localizeColumns(PAYROLL_COLUMNS, locale), totals: exportLabel(locale, 'Total'), rows, tz: org.timeZone, currency: overview.currency, locale,
  });
  // German readers: Lohn_2026-11.xlsx (Lohn_freigegeben_2026-11.xlsx); English: payroll_2026-11.xlsx.
  const fileName = isGerman(locale) ? `Lohn_${approvedOnly ? 'freigegeben_' : ''}${overview.month}.xlsx` : xlsxFileName(approvedOnly ? 'payroll-approved' : 'payroll', overview.month);
  return { buffer, fileName, rows: rows.length };
}

function notFound() {
  return new AppError('NOT_FOUND', 'No such user.');
}
