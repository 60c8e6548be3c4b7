import { z } from 'zod';
import { IdSchema, MonthSchema } from './common.ts';

/**
 * A user's month for payroll: OPEN (nothing done yet) → SUBMITTED (the user: "my month is
 * complete") → APPROVED (a manager or admin; locks the month) → REOPENED (an admin, with a reason;
 * editable again, and can be submitted and approved again).
 */
export const MonthStatusSchema = z.enum(['OPEN', 'SUBMITTED', 'APPROVED', 'REOPENED']);
export type MonthStatus = z.infer<typeof MonthStatusSchema>;
/** REJECT: a manager sent a submitted month back to the person (the event's `reason` is the comment). */
export const MonthActionSchema = z.enum(['SUBMIT', 'APPROVE', 'REOPEN', 'REJECT']);
export type MonthAction = z.infer<typeof MonthActionSchema>;

/** One state change: who, when, and for a reopen why (for a reject the comment). */
export const MonthEventSchema = z.object({
  id: z.string(),
  userId: z.string(),
  month: z.string(),
  action: MonthActionSchema,
  actor: z.object({ id: z.string(), name: z.string() }),
  at: z.string(),
  reason: z.string().nullable(),
});
export type MonthEvent = z.infer<typeof MonthEventSchema>;

export const MonthStateSchema = z.object({
  userId: z.string(),
  name: z.string(),
  active: z.boolean(),
  status: MonthStatusSchema,
  /** When the state last changed; null while OPEN. */
  updatedAt: z.string().nullable(),
  /** Open findings a manager should see before approving: a timer still running from this month or before, */
  running: z.boolean(),
  /** and sessions of the month flagged for review (stopped by a manager or on deactivation beyond the rules). */
  flaggedSessions: z.number().int(),
});
export type MonthState = z.infer<typeof MonthStateSchema>;

/** `GET /api/months?month=&userId=`: managers get everyone (active, or with a state), members themselves. */
export const MonthStatesQuerySchema = z.object({ month: MonthSchema.optional(), userId: IdSchema.optional() });
export const MonthStatesSchema = z.object({
  month: z.string(),
  items: z.array(MonthStateSchema),
  /** Every state change of the listed users in this month, newest first. */
  events: z.array(MonthEventSchema),
});
export type MonthStates = z.infer<typeof MonthStatesSchema>;

export const MonthParamsSchema = z.object({ month: MonthSchema });

/** `POST /api/months/:month/approve`: selected users, or everyone listed for the month. */
export const MonthApproveBodySchema = z.union([
  z.object({ userIds: z.array(IdSchema).min(1).max(1000) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
]);
export type MonthApproveBody = z.infer<typeof MonthApproveBodySchema>;

export const MonthApproveResultSchema = z.object({
  month: z.string(),
  /** Users whose month this call approved. */
  approved: z.array(z.string()),
  /** Users whose month was approved already (left as it was). */
  alreadyApproved: z.array(z.string()),
  items: z.array(MonthStateSchema),
});
export type MonthApproveResult = z.infer<typeof MonthApproveResultSchema>;

/** `GET /api/exports/diary.xlsx?month=&approved=true`: `approved=true` keeps only users whose month is APPROVED. */
export const PayrollExportQuerySchema = z.object({
  month: MonthSchema.optional(),
  approved: z.enum(['true', 'false']).optional().transform((v) => v === 'true'),
});

/** `POST /api/months/:month/reopen` (admins): whose month, and why (kept in the audit). */
export const MonthReopenBodySchema = z.object({
  userId: IdSchema,
  reason: z.string().trim().min(3, 'Give a reason (at least 3 characters)').max(500),
});
export type MonthReopenBody = z.input<typeof MonthReopenBodySchema>;

/** `POST /api/months/:month/reject` (managers, admins): send a submitted month back to the person with a comment. */
export const MonthRejectBodySchema = z.object({
  userId: IdSchema,
  comment: z.string().trim().min(3, 'Give a comment (at least 3 characters)').max(500),
});
export type MonthRejectBody = z.input<typeof MonthRejectBodySchema>;
