import { z } from 'zod';

/** Step 1 of the Customer Timer settings. requiredMinutes is Mon..Sun. */
export const WorkRulesSchema = z.object({
  requiredMinutes: z.array(z.number().int().min(0).max(1440)).length(7),
  noteRequired: z.boolean(),
  minSessionMinutes: z.number().int().min(0).max(1440),
  maxSessionHours: z.number().int().min(1).max(24 * 7),
  allowOverlap: z.boolean(),
});
export type WorkRules = z.infer<typeof WorkRulesSchema>;

export const DEFAULT_WORK_RULES: WorkRules = {
  requiredMinutes: [480, 480, 480, 480, 480, 0, 0],
  noteRequired: false,
  minSessionMinutes: 0,
  maxSessionHours: 12,
  allowOverlap: false,
};

export const ModulesSchema = z.object({ clientTimer: z.boolean() });
export type Modules = z.infer<typeof ModulesSchema>;
