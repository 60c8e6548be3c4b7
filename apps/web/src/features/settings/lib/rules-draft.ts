import { sessionLimitsFit, WorkRulesSchema, type WorkRules } from '@workdiary/shared';
import { hoursText, parseHours } from './hours';
import { translate as t } from '../../../lib/i18n/i18n';

/** Step 1 as the form holds it: hours as typed, numbers possibly empty. */
export type RulesDraft = {
  hours: string[];
  noteRequired: boolean;
  minSessionMinutes: number | null;
  maxSessionHours: number | null;
  allowOverlap: boolean;
};

export type RulesErrors = {
  hours: Array<string | null>;
  minSessionMinutes?: string;
  maxSessionHours?: string;
};

export function toDraft(rules: WorkRules): RulesDraft {
  return {
    hours: rules.requiredMinutes.map(hoursText),
    noteRequired: rules.noteRequired,
    minSessionMinutes: rules.minSessionMinutes,
    maxSessionHours: rules.maxSessionHours,
    allowOverlap: rules.allowOverlap,
  };
}

/** The rules the draft stands for, or the errors to show beside the fields. */
export function fromDraft(draft: RulesDraft): { rules: WorkRules } | { errors: RulesErrors } {
  const errors: RulesErrors = { hours: [] };
  let broken = false;
  const requiredMinutes = draft.hours.map((text, i) => {
    const parsed = parseHours(text);
    if ('error' in parsed) {
      errors.hours[i] = parsed.error;
      broken = true;
      return 0;
    }
    errors.hours[i] = null;
    return parsed.minutes;
  });
  const min = draft.minSessionMinutes;
  const max = draft.maxSessionHours;
  // The ranges are the shared schema's (the API validates with the same one).
  const { minSessionMinutes: minRule, maxSessionHours: maxRule } = WorkRulesSchema.shape;
  if (!minRule.safeParse(min).success) {
    errors.minSessionMinutes = t('Whole minutes from {min} to {max}', { min: String(minRule.minValue), max: String(minRule.maxValue) });
    broken = true;
  }
  if (!maxRule.safeParse(max).success) {
    errors.maxSessionHours = t('Whole hours from {min} to {max}', { min: String(maxRule.minValue), max: String(maxRule.maxValue) });
    broken = true;
  }
  if (!broken && min !== null && max !== null && !sessionLimitsFit({ minSessionMinutes: min, maxSessionHours: max })) {
    errors.minSessionMinutes = t('Must be shorter than the maximum session');
    broken = true;
  }
  if (broken) return { errors };
  const rules = WorkRulesSchema.parse({
    requiredMinutes,
    noteRequired: draft.noteRequired,
    minSessionMinutes: min,
    maxSessionHours: max,
    allowOverlap: draft.allowOverlap,
  });
  return { rules };
}

export function sameRules(a: WorkRules, b: WorkRules): boolean {
  return a.noteRequired === b.noteRequired
    && a.minSessionMinutes === b.minSessionMinutes
    && a.maxSessionHours === b.maxSessionHours
    && a.allowOverlap === b.allowOverlap
    && a.requiredMinutes.length === b.requiredMinutes.length
    && a.requiredMinutes.every((m, i) => m === b.requiredMinutes[i]);
}

/** Unsaved: anything that would save differently from what is stored (an invalid field counts). */
export function isDirty(draft: RulesDraft, saved: WorkRules): boolean {
  const result = fromDraft(draft);
  return 'errors' in result || !sameRules(result.rules, saved);
}

export const rulesOf = (v: WorkRules): WorkRules => ({
  requiredMinutes: v.requiredMinutes,
  noteRequired: v.noteRequired,
  minSessionMinutes: v.minSessionMinutes,
  maxSessionHours: v.maxSessionHours,
  allowOverlap: v.allowOverlap,
});
