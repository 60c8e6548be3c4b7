import { describe, expect, it } from 'vitest';
import { currencyFractionDigits, formatDuration, formatMinutes, formatMoney, minutesBetween } from './index.ts';

describe('formatMinutes', () => {
  it.each([
    [605, '10:05'],
    [0, '0:00'],
    [59, '0:59'],
    [60, '1:00'],
    [6000, '100:00'],
    [-5, '-0:05'],
    [-65, '-1:05'],
  ])('%i → %s', (min, expected) => {
    expect(formatMinutes(min)).toBe(expected);
  });
});

describe('formatDuration', () => {
  it.each([
    [3_723_000, '01:02:03'],
    [0, '00:00:00'],
    [999, '00:00:00'],
    [59_999, '00:00:59'],
    [360_000_000, '100:00:00'],
    [362_439_000, '100:40:39'],
    [-5000, '00:00:00'],
  ])('%i ms → %s', (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe('minutesBetween', () => {
  it.each([
    ['2026-01-15T08:00:00Z', '2026-01-15T08:59:59.999Z', 59],
    ['2026-01-15T08:00:00Z', '2026-01-15T10:30:00Z', 150],
    ['2026-01-15T08:00:30Z', '2026-01-15T08:00:00Z', -1],
    // Wall clocks jump on 2026-03-29 in Berlin; elapsed time does not.
    ['2026-03-28T23:00:00Z', '2026-03-29T03:00:00Z', 240],
  ])('%s → %s = %i', (a, b, expected) => {
    expect(minutesBetween(new Date(a), new Date(b))).toBe(expected);
  });
});

describe('formatMoney', () => {
  it.each([
    [123456, 'EUR', 'de-DE', '1.234,56\u00a0€'],
    [123456, 'USD', 'en-US', '$1,234.56'],
    [1234, 'JPY', 'en-US', '¥1,234'],
    [1234, 'KWD', 'en-US', 'KWD\u00a01.234'],
    [0, 'EUR', 'en-US', '€0.00'],
    [5, 'EUR', 'en-US', '€0.05'],
    [-250, 'USD', 'en-US', '-$2.50'],
  ])('%i %s in %s → %s', (minor, currency, locale, expected) => {
    expect(formatMoney(minor, currency, locale)).toBe(expected);
  });

  it.each([
    ['EUR', 2],
    ['eur', 2],
    ['JPY', 0],
    ['KWD', 3],
  ])('%s has %i fraction digits', (currency, digits) => {
    expect(currencyFractionDigits(currency)).toBe(digits);
  });
});
