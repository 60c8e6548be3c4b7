import { z } from 'zod';
import { DateSchema, IdSchema, MonthSchema } from './common.ts';
import { AuditEventSchema, WorkEntrySchema } from './entries.ts';
import { ComplianceRuleSchema, SixMonthAverageSchema } from './compliance.ts';

/**
 * One user's month in the Work diary overview. Finished sessions only: a running timer is left
 * out of these figures and of the salary until it stops.
 */
export const DiaryUserRowSchema = z.object({
  userId: z.string(),
  name: z.string(),
  /** false for a deactivated user who still has entries in the month (kept so history adds up). */
  active: z.boolean(),
  totalMinutes: z.number().int(),
  extraMinutes: z.number().int(),
  /** Required minutes of the month by the user's weekday rules, public holidays taken off. */
  requiredMinutes: z.number().int(),
  /** Required minutes fulfilled by approved absences (paid like work, never extra). */
  absenceMinutes: z.number().int(),
  /** Integer minor units of the organisation's currency. */
  salary: z.number().int(),
  /**
   * When the month was approved, if these are the figures it was approved with (kept since, so a
   * later change of pay, rules, holidays or absence kinds does not move them); null: worked out now.
   */
  frozenAt: z.string().nullable(),
  /** Working-time findings of the month (GET /api/compliance), acknowledged ones included. */
  violations: z.number().int().optional(),
  /** The overtime account's closing balance at the month's end (GET /api/balances' closingMinutes); may be negative. */
  balanceMinutes: z.number().int().optional(),
});
export type DiaryUserRow = z.infer<typeof DiaryUserRowSchema>;

/** An approved absence on a day: its kind's name and the share of the day it counts as fulfilled. */
export const AbsenceOfDaySchema = z.object({ kind: z.string(), creditPercent: z.number().int() });

/** What a day asks: required minutes (holidays taken off), absence credit, and why. */
const DayRequirementFields = {
  requiredMinutes: z.number().int(),
  absenceMinutes: z.number().int(),
  /** Public holiday name in the organisation's country/region ("Christmas Day"), or null. */
  holiday: z.string().nullable(),
  absence: AbsenceOfDaySchema.nullable(),
};

export const DiaryDaySchema = z.object({
  date: z.string(),
  entrance: z.string().nullable(),
  exit: z.string().nullable(),
  totalMinutes: z.number().int(),
  extraMinutes: z.number().int(),
  ...DayRequirementFields,
  flagged: z.boolean(),
  running: z.boolean(),
  /** The working-time rules the day broke (GET /api/compliance); on GET /api/diary/:userId, [] when none or the check is off. */
  violations: z.array(ComplianceRuleSchema).optional(),
});
export type DiaryDay = z.infer<typeof DiaryDaySchema>;

/** `?month=YYYY-MM`; the current month in the organisation's zone when left out. */
export const DiaryMonthQuerySchema = z.object({ month: MonthSchema.optional() });
export type DiaryMonthQuery = z.infer<typeof DiaryMonthQuerySchema>;
export const DiaryUserParamsSchema = z.object({ userId: IdSchema });
export const DiaryDayParamsSchema = z.object({ userId: IdSchema, date: DateSchema });

export const DiaryOverviewTotalsSchema = z.object({
  totalMinutes: z.number().int(),
  extraMinutes: z.number().int(),
  salary: z.number().int(),
});

/** `GET /api/diary?month=`: every active user (and inactive ones with entries) × the month. */
export const DiaryOverviewSchema = z.object({
  items: z.array(DiaryUserRowSchema),
  totals: DiaryOverviewTotalsSchema,
  month: z.string(),
  /** The latest month up to the current one in which anyone's session started; null if none yet. */
  latestMonth: z.string().nullable(),
  currency: z.string(),
});
export type DiaryOverview = z.infer<typeof DiaryOverviewSchema>;

export const DiaryUserRefSchema = z.object({ id: z.string(), name: z.string(), active: z.boolean() });

/**
 * `GET /api/diary/:userId?month=`: every day of the month. Day figures and the minute totals
 * count a running session up to now; `salary` leaves it out (as the payroll export does).
 */
export const DiaryUserMonthTotalsSchema = z.object({
  totalMinutes: z.number().int(),
  extraMinutes: z.number().int(),
  requiredMinutes: z.number().int(),
  absenceMinutes: z.number().int(),
  salary: z.number().int(),
});

/**
 * An approved month's figures as they were when it was approved (finished sessions; kept with the
 * month's state): what the month view, the overview and the payroll export show from then on.
 */
export const FrozenMonthSchema = z.object({
  approvedAt: z.string(),
  items: z.array(DiaryDaySchema),
  totals: DiaryUserMonthTotalsSchema,
  requiredByWeekday: z.array(z.number().int()).length(7),
  /** The pay the salary was worked out with (the payroll export shows it beside the salary). */
  pay: z.object({
    type: z.enum(['HOURLY', 'MONTHLY']),
    hourlyRate: z.number().int().nullable(),
    monthlyBase: z.number().int().nullable(),
    overtimeFactor: z.number(),
  }),
});
export type FrozenMonth = z.infer<typeof FrozenMonthSchema>;

export const DiaryUserMonthSchema = z.object({
  items: z.array(DiaryDaySchema),
  totals: DiaryUserMonthTotalsSchema,
  /** As in the overview: the approval's instant when these are the month's approved figures, else null. */
  frozenAt: z.string().nullable(),
  user: DiaryUserRefSchema,
  month: z.string(),
  /** The latest month up to the current one in which this user's session started; null if none yet. */
  latestMonth: z.string().nullable(),
  /** Monday..Sunday, from the user's rules (else the organisation's defaults). */
  requiredByWeekday: z.array(z.number().int()).length(7),
  currency: z.string(),
  /** §3 ArbZG: the average per workday over the six months ending with this one (absent when the check is off). */
  sixMonthAverage: SixMonthAverageSchema.optional(),
});
export type DiaryUserMonth = z.infer<typeof DiaryUserMonthSchema>;

/** `GET /api/diary/:userId/:date`: the sessions touching that local day, by start. */
export const DiaryDaySessionsSchema = z.object({
  items: z.array(WorkEntrySchema),
  date: z.string(),
  user: DiaryUserRefSchema,
  totalMinutes: z.number().int(),
  extraMinutes: z.number().int(),
  ...DayRequirementFields,
  running: z.boolean(),
});
export type DiaryDaySessions = z.infer<typeof DiaryDaySessionsSchema>;

/**
 * `GET /api/diary/:userId/:date/history`: every audit event of every session that touches (or
 * touched, before an edit or delete) that day, newest first.
 */
export const DiaryDayHistorySchema = z.object({ items: z.array(AuditEventSchema), date: z.string() });
export type DiaryDayHistory = z.infer<typeof DiaryDayHistorySchema>;
