import { z } from 'zod';
import { IdSchema } from './common.ts';

/** Step 1 of the Customer Timer settings. requiredMinutes is Mon..Sun. */
export const WorkRulesSchema = z.object({
  requiredMinutes: z.array(z.number().int().min(0).max(1440)).length(7),
  noteRequired: z.boolean(),
  minSessionMinutes: z.number().int().min(0).max(1440),
  maxSessionHours: z.number().int().min(1).max(24 * 7),
  allowOverlap: z.boolean(),
});
export type WorkRules = z.infer<typeof WorkRulesSchema>;

/**
 * Rules some session can satisfy: the minimum session is shorter than the maximum. The API refuses
 * other rules (400); the settings form says so beside the field before sending them.
 */
export function sessionLimitsFit(rules: Pick<WorkRules, 'minSessionMinutes' | 'maxSessionHours'>): boolean {
  return rules.minSessionMinutes < rules.maxSessionHours * 60;
}

export const DEFAULT_WORK_RULES: WorkRules = {
  requiredMinutes: [480, 480, 480, 480, 480, 0, 0],
  noteRequired: false,
  minSessionMinutes: 0,
  maxSessionHours: 12,
  allowOverlap: false,
};

/**
 * The product's floor under the work rules: an entry made or edited by hand lasts at least this
 * long (a zero-length or sub-minute entry is a typing slip; the diary counts whole minutes). A
 * timer session is kept however short, because it records what happened; only a stop at or before
 * the start is refused.
 */
export const MIN_MANUAL_SESSION_MINUTES = 1;

export const ModulesSchema = z.object({ clientTimer: z.boolean() });
export type Modules = z.infer<typeof ModulesSchema>;

/**
 * `GET /api/settings/work-rules/:userId` (and `/default`): the rules in force plus where they come
 * from. `userId` is null for the organisation's defaults; `inherited` is true when the user has no
 * rules of their own and the organisation's defaults apply.
 */
export const WorkRulesViewSchema = WorkRulesSchema.extend({
  userId: z.string().nullable(),
  inherited: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type WorkRulesView = z.infer<typeof WorkRulesViewSchema>;
export const WorkRulesParamsSchema = z.object({ userId: IdSchema });
