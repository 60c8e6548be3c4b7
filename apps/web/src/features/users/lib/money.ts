import { currencyFractionDigits } from '@workdiary/shared';

/** Minor units (integer, e.g. cents) → the amount a person types (24.5 for 2450 EUR). */
export function toMajor(minor: number | null | undefined, currency: string): number | null {
  if (minor === null || minor === undefined) return null;
  return minor / 10 ** currencyFractionDigits(currency);
}

/** What a person typed → integer minor units, or null when empty or not a number. */
export function toMinor(major: number | null, currency: string): number | null {
  if (major === null || !Number.isFinite(major)) return null;
  return Math.round(major * 10 ** currencyFractionDigits(currency));
}
