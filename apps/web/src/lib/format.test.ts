import { describe, expect, it } from 'vitest';
import { formatNumber, localDateLabel, localTime, longDate, money, monthLabel } from './format';

// Intl inserts a narrow no-break space in some formats; compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('the one formatting helper', () => {
  it('writes amounts in the given locale', () => {
    expect(plain(money(1896529, 'EUR', 'de-DE'))).toBe('18.965,29 €');
    expect(money(1896529, 'EUR', 'en-GB')).toBe('€18,965.29');
    expect(plain(money(1896529, 'CHF', 'de-CH'))).toMatch(/^CHF 18['’]965.29$/);
    expect(formatNumber(1234.5, {}, 'de-DE')).toBe('1.234,5');
  });

  it('reads instants in the organisation’s zone, not the browser’s', () => {
    const iso = '2026-03-02T13:02:00.000Z';
    expect(localTime(iso, 'Europe/Berlin', 'de-DE')).toBe('14:02');
    expect(localTime(iso, 'America/New_York', 'en-GB')).toBe('08:02');
    expect(plain(localTime(iso, 'Europe/Berlin', 'en-US'))).toBe('02:02 PM');
    expect(localDateLabel(iso, 'Europe/Berlin', 'de-DE')).toBe('Mo., 02. März 2026');
  });

  it('names days and months in the language', () => {
    expect(monthLabel('2026-11', 'de-DE')).toBe('November 2026');
    expect(monthLabel('2026-03', 'de-DE')).toBe('März 2026');
    expect(longDate('2026-11-02', 'de-DE')).toBe('Montag, 2. November 2026');
    expect(longDate('2026-11-02', 'en-GB')).toBe('Monday, 2 November 2026');
  });
});
