import { describe, expect, it } from 'vitest';
import { formatMoneyInput, parseMoney } from './money-field';

describe('parseMoney', () => {
  it('reads amounts in English and German, with or without grouping', () => {
    expect(parseMoney('85.50', 'EUR', 'en-GB')).toEqual({ ok: true, minor: 8550 });
    expect(parseMoney('85,50', 'EUR', 'de-DE')).toEqual({ ok: true, minor: 8550 });
    expect(parseMoney('1,250.5', 'EUR', 'en-GB')).toEqual({ ok: true, minor: 125050 });
    expect(parseMoney('1.250,5', 'EUR', 'de-DE')).toEqual({ ok: true, minor: 125050 });
    expect(parseMoney('1.250', 'EUR', 'de-DE')).toEqual({ ok: true, minor: 125000 });
    expect(parseMoney('1’250.00', 'CHF', 'de-CH')).toEqual({ ok: true, minor: 125000 });
    expect(parseMoney(' 120 € ', 'EUR', 'de-DE')).toEqual({ ok: true, minor: 12000 });
  });

  it('takes the other decimal mark when it cannot be grouping', () => {
    expect(parseMoney('85.5', 'EUR', 'de-DE')).toEqual({ ok: true, minor: 8550 });
    expect(parseMoney('85,5', 'EUR', 'en-GB')).toEqual({ ok: true, minor: 8550 });
  });

  it('is empty (not billable) or says what is wrong', () => {
    expect(parseMoney('', 'EUR', 'en-GB')).toEqual({ ok: true, minor: null });
    expect(parseMoney('abc', 'EUR', 'en-GB')).toEqual({ ok: false, message: 'Enter an amount such as 85.50' });
    expect(parseMoney('-5', 'EUR', 'en-GB')).toEqual({ ok: false, message: 'Enter an amount such as 85.50' });
    expect(parseMoney('85.505', 'EUR', 'en-GB')).toEqual({ ok: false, message: 'Enter at most 2 decimal places' });
    expect(parseMoney('85.5', 'JPY', 'en-GB')).toEqual({ ok: false, message: 'Enter whole units only' });
  });

  it('shows minor units for editing in the locale, without grouping', () => {
    expect(formatMoneyInput(125050, 'EUR', 'de-DE')).toBe('1250,50');
    expect(formatMoneyInput(125050, 'EUR', 'en-GB')).toBe('1250.50');
    expect(formatMoneyInput(null, 'EUR', 'en-GB')).toBe('');
  });
});
