import { z } from 'zod';
import { IdSchema, MonthSchema, text } from './common.ts';

/**
 * A user's overtime account start (`PATCH /api/users/:id`): the first month counted and its
 * opening balance in minutes (may be negative). Null: the account starts at the user's first
 * month with an entry, opening at 0.
 */
export const BalanceStartSchema = z.object({
  month: MonthSchema,
  openingMinutes: z.number().int().min(-1_000_000).max(1_000_000),
});
export type BalanceStart = z.infer<typeof BalanceStartSchema>;

/** Vacation days per year; whole or half days. */
export const VacationDaysSchema = z.number().min(0).max(366).refine((n) => Number.isInteger(n * 2), 'Use whole or half days');

/** "MM-DD": last year's remaining vacation expires after this day of the year (e.g. "03-31"). */
export const CarryOverUntilSchema = text().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'Expected MM-DD, e.g. 03-31');

export const BalanceOvertimeSchema = z.object({
  openingMinutes: z.number().int(),
  deltaMinutes: z.number().int(),
  correctionMinutes: z.number().int(),
  closingMinutes: z.number().int(),
});
export type BalanceOvertime = z.infer<typeof BalanceOvertimeSchema>;

export const BalanceVacationSchema = z.object({
  year: z.number().int(),
  entitlementDays: z.number(),
  carriedOverDays: z.number(),
  takenDays: z.number(),
  plannedDays: z.number(),
  remainingDays: z.number(),
});
export type BalanceVacation = z.infer<typeof BalanceVacationSchema>;

/** `GET /api/balances/:userId?month=`. */
export const BalanceSchema = z.object({
  month: z.string(),
  overtime: BalanceOvertimeSchema,
  vacation: BalanceVacationSchema,
});
export type Balance = z.infer<typeof BalanceSchema>;

export const BalanceParamsSchema = z.object({ userId: IdSchema });
export const BalanceQuerySchema = z.object({ month: MonthSchema.optional() });

/** `POST /api/balances/:userId/corrections` (managers, admins): minutes may be negative (a payout). */
export const BalanceCorrectionBodySchema = z.object({
  month: MonthSchema,
  minutes: z.number().int().min(-1_000_000).max(1_000_000).refine((n) => n !== 0, 'Enter a non-zero number of minutes'),
  note: text().trim().min(1, 'A note is required').max(500),
});
export type BalanceCorrectionBody = z.input<typeof BalanceCorrectionBodySchema>;

export const BalanceCorrectionSchema = z.object({
  id: z.string(),
  userId: z.string(),
  month: z.string(),
  minutes: z.number().int(),
  note: z.string(),
  createdById: z.string(),
  createdAt: z.string(),
});
export type BalanceCorrection = z.infer<typeof BalanceCorrectionSchema>;
