// Display strings for minutes, live durations and money.

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Minutes as 'h:mm' (605 → '10:05', 0 → '0:00', -5 → '-0:05'); fractions of a minute are dropped. */
export function formatMinutes(min: number): string {
  const whole = Math.trunc(min);
  const abs = Math.abs(whole);
  return `${whole < 0 ? '-' : ''}${Math.floor(abs / 60)}:${pad2(abs % 60)}`;
}

/** Milliseconds as 'hh:mm:ss' for the live counter (3723000 → '01:02:03'); hours may exceed 99. */
export function formatDuration(ms: number): string {
  // A client clock a little behind the server's start time would go negative; show zero instead.
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(seconds / 3600);
  return `${pad2(hours)}:${pad2(Math.floor(seconds / 60) % 60)}:${pad2(seconds % 60)}`;
}

/** Whole minutes from `a` to `b`, floored (negative when `b` is before `a`). */
export function minutesBetween(a: Date, b: Date): number {
  return Math.floor((b.getTime() - a.getTime()) / 60_000);
}

const fractionDigits = new Map<string, number>();

/** How many minor units digits `currency` has as Intl knows it (EUR → 2, JPY → 0). */
export function currencyFractionDigits(currency: string): number {
  const key = currency.toUpperCase();
  let digits = fractionDigits.get(key);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency: key }).resolvedOptions()
      .maximumFractionDigits ?? 2;
    fractionDigits.set(key, digits);
  }
  return digits;
}

/** Integer minor units as a currency string, e.g. 123456 EUR in 'de-DE' → '1.234,56 €'. */
export function formatMoney(minor: number, currency: string, locale?: string): string {
  const digits = currencyFractionDigits(currency);
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(minor / 10 ** digits);
}
