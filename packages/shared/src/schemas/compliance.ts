import { z } from 'zod';
import { COMPLIANCE_RULES } from '../compliance.ts';
import { DateSchema, IdSchema, MonthSchema, text } from './common.ts';
import { WorkEntrySchema } from './entries.ts';

/** One of the working-time rules (DOMAIN.md "Working-time law"). */
export const ComplianceRuleSchema = z.enum(COMPLIANCE_RULES);

/** The organisation's choice (GET/PUT /api/organization `compliance`): the check on or off, and the rules judged. */
export const ComplianceSettingsSchema = z.object({
  enabled: z.boolean(),
  rules: z.array(ComplianceRuleSchema).max(COMPLIANCE_RULES.length).refine((r) => new Set(r).size === r.length, 'Each rule at most once'),
});
export type ComplianceSettings = z.infer<typeof ComplianceSettingsSchema>;

/** `GET /api/compliance?month=&userId=`: month left out = the current one; userId left out = everyone (managers). */
export const ComplianceQuerySchema = z.object({ month: MonthSchema.optional(), userId: IdSchema.optional() });
export type ComplianceQuery = z.infer<typeof ComplianceQuerySchema>;

export const ComplianceAcknowledgedSchema = z.object({
  by: z.object({ id: z.string(), name: z.string() }),
  at: z.string(),
  note: z.string(),
});
export type ComplianceAcknowledged = z.infer<typeof ComplianceAcknowledgedSchema>;

export const ComplianceItemSchema = z.object({
  userId: z.string(),
  date: z.string(),
  rule: ComplianceRuleSchema,
  /**
   * The figure the rule judged: BREAK_MISSING the break minutes taken (gaps of at least 15 min),
   * STRETCH_TOO_LONG the longest stretch without such a break, DAILY_MAX / SUNDAY_WORK /
   * HOLIDAY_WORK the day's net minutes worked, REST_SHORT the minutes of rest before the day.
   */
  minutes: z.number().int().optional(),
  /** A manager's acknowledgement of the day's findings; null: not acknowledged. */
  acknowledged: ComplianceAcknowledgedSchema.nullable(),
});
export type ComplianceItem = z.infer<typeof ComplianceItemSchema>;

export const ComplianceListSchema = z.object({
  month: z.string(),
  /** false when the organisation switched the check off (then `items` is empty). */
  enabled: z.boolean(),
  rules: z.array(ComplianceRuleSchema),
  items: z.array(ComplianceItemSchema),
});
export type ComplianceList = z.infer<typeof ComplianceListSchema>;

/** `POST /api/compliance/acknowledgements` (managers, admins). */
export const ComplianceAckBodySchema = z.object({
  userId: IdSchema,
  date: DateSchema,
  note: text().trim().min(1, 'A note is required').max(500),
});
export type ComplianceAckBody = z.input<typeof ComplianceAckBodySchema>;

export const ComplianceAckSchema = ComplianceAcknowledgedSchema.extend({ id: z.string(), userId: z.string(), date: z.string() });
export type ComplianceAck = z.infer<typeof ComplianceAckSchema>;

/** A finding a write created (timer stop, manual entry): a warning, never a refusal. */
export const ComplianceWarningSchema = z.object({ date: z.string(), rule: ComplianceRuleSchema });
export type ComplianceWarning = z.infer<typeof ComplianceWarningSchema>;

/** `GET /api/diary/:userId?month=`'s §3 figure: average minutes per workday over six months ending with the month. */
export const SixMonthAverageSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** Minutes per workday (Mon–Sat, public holidays not counted); null without a workday. At most 480 is lawful. */
  averageMinutes: z.number().int().nullable(),
});
export type SixMonthAverage = z.infer<typeof SixMonthAverageSchema>;

/** POST /api/timer/stop and POST /api/work-entries: the entry, with the working-time findings on the days it touches (additive). */
export const WorkEntryWithWarningsSchema = WorkEntrySchema.extend({ warnings: z.array(ComplianceWarningSchema).optional() });
export type WorkEntryWithWarnings = z.infer<typeof WorkEntryWithWarningsSchema>;
