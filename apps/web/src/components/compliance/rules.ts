import type { ComplianceRule, ComplianceWarning } from '@workdiary/shared';
import { translate as t } from '../../lib/i18n/i18n';
import { toast } from '../toast';

/** A rule's short name (markers, columns), in the active language. */
export function ruleName(rule: ComplianceRule): string {
  switch (rule) {
    case 'BREAK_MISSING': return t('Break too short');
    case 'STRETCH_TOO_LONG': return t('Over 6 h without a break');
    case 'DAILY_MAX': return t('Over 10 h a day');
    case 'REST_SHORT': return t('Rest under 11 h');
    case 'SUNDAY_WORK': return t('Sunday work');
    case 'HOLIDAY_WORK': return t('Public holiday work');
  }
}

/** The rule in words (the day modal), in the active language. */
export function ruleText(rule: ComplianceRule): string {
  switch (rule) {
    case 'BREAK_MISSING': return t('More than 6 hours of work need at least 30 minutes of breaks, more than 9 hours at least 45 minutes; only breaks of 15 minutes or more count (§4 ArbZG).');
    case 'STRETCH_TOO_LONG': return t('Nobody may work more than 6 hours in a row without a break of at least 15 minutes (§4 ArbZG).');
    case 'DAILY_MAX': return t('A workday may not exceed 10 hours (§3 ArbZG).');
    case 'REST_SHORT': return t('At least 11 hours of rest are required between the end of one workday and the start of the next (§5 ArbZG).');
    case 'SUNDAY_WORK': return t('Work on Sundays is allowed only under the exceptions of §10 ArbZG (§9 ArbZG).');
    case 'HOLIDAY_WORK': return t('Work on public holidays is allowed only under the exceptions of §10 ArbZG (§9 ArbZG).');
  }
}

/** The figure the rule judged, in words ('0:20 of breaks'), or null. */
export function ruleFigure(rule: ComplianceRule, minutes: number | undefined, hours: (m: number) => string): string | null {
  if (minutes === undefined) return null;
  switch (rule) {
    case 'BREAK_MISSING': return t('{value} of breaks', { value: hours(minutes) });
    case 'STRETCH_TOO_LONG': return t('{value} without a break', { value: hours(minutes) });
    case 'REST_SHORT': return t('{value} of rest', { value: hours(minutes) });
    default: return t('{value} worked', { value: hours(minutes) });
  }
}

/** A notice (never a refusal) when a stop or a manual entry broke a working-time rule. */
export function notifyComplianceWarnings(warnings: readonly ComplianceWarning[] | undefined): void {
  if (!warnings || warnings.length === 0) return;
  const rules = [...new Set(warnings.map((w) => ruleName(w.rule)))].join(', ');
  toast.info(t('Saved. Working-time law: {rules}.', { rules }), { title: t('Working-time warning'), duration: 10_000 });
}
