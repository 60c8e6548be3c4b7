// A month's pay from its minute totals. Money is integer minor units (cents), rounded once.
import type { MonthTotals } from './figures.ts';

export type PayInput = {
  type: 'HOURLY' | 'MONTHLY';
  /** Minor units per hour. */
  hourlyRate?: number | null;
  /** Minor units per month. */
  monthlyBase?: number | null;
  overtimeFactor: number;
};

/**
 * HOURLY: (total − extra + absence)/60 × rate + extra/60 × rate × factor (an approved absence's
 * credited minutes are paid like worked ones, at the plain rate).
 * MONTHLY: base + extra/60 × (base ÷ (required/60)) × factor, or just base when nothing is required
 * (absences are already in the base; holidays lower `required`).
 * Worked out in floating point and rounded with Math.round only at the end; a missing rate or
 * base counts as 0.
 */
export function salary(pay: PayInput, totals: MonthTotals): number {
  const { totalMinutes, extraMinutes, requiredMinutes } = totals;
  const absenceMinutes = totals.absenceMinutes ?? 0;
  const factor = pay.overtimeFactor;
  if (pay.type === 'HOURLY') {
    const rate = pay.hourlyRate ?? 0;
    return Math.round(((totalMinutes - extraMinutes + absenceMinutes) / 60) * rate + (extraMinutes / 60) * rate * factor);
  }
  const base = pay.monthlyBase ?? 0;
  if (requiredMinutes === 0) return Math.round(base);
  const hourly = base / (requiredMinutes / 60);
  return Math.round(base + (extraMinutes / 60) * hourly * factor);
}
