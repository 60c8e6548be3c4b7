import { describe, expect, it } from 'vitest';
import { currentMonth, localDateOf, today } from './index.ts';

describe('localDateOf', () => {
  it.each([
    ['2026-01-15T12:00:00Z', 'UTC', '2026-01-15'],
    ['2026-03-28T22:59:59.999Z', 'Europe/Berlin', '2026-03-28'],
    ['2026-03-28T23:00:00Z', 'Europe/Berlin', '2026-03-29'],
    ['2026-10-24T21:59:59Z', 'Europe/Berlin', '2026-10-24'],
    ['2026-10-24T22:00:00Z', 'Europe/Berlin', '2026-10-25'],
    ['2026-10-25T22:59:59Z', 'Europe/Berlin', '2026-10-25'], // the 25th has 25 hours
    ['2026-10-25T23:00:00Z', 'Europe/Berlin', '2026-10-26'],
    ['2026-01-15T07:59:00Z', 'America/Los_Angeles', '2026-01-14'], // 23:59 PST
    ['2026-01-15T08:00:00Z', 'America/Los_Angeles', '2026-01-15'],
    ['2026-07-01T06:30:00Z', 'America/Los_Angeles', '2026-06-30'], // 23:30 PDT
    ['2026-07-01T07:00:00Z', 'America/Los_Angeles', '2026-07-01'],
    ['2026-01-15T18:29:59Z', 'Asia/Kolkata', '2026-01-15'], // 23:59:59 IST
    ['2026-01-15T18:30:00Z', 'Asia/Kolkata', '2026-01-16'], // 00:00 IST
    ['2026-01-15T19:00:00Z', 'Asia/Kolkata', '2026-01-16'],
    ['2026-01-15T10:00:00Z', 'Pacific/Kiritimati', '2026-01-16'], // +14
    ['2026-01-15T10:00:00Z', 'Pacific/Pago_Pago', '2026-01-14'], // -11
  ])('%s in %s → %s', (iso, tz, expected) => {
    expect(localDateOf(new Date(iso), tz)).toBe(expected);
  });

  it('throws on an unknown zone or an invalid date', () => {
    expect(() => localDateOf(new Date('2026-01-15T12:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
    expect(() => localDateOf(new Date('nope'), 'UTC')).toThrow(RangeError);
  });
});

describe('today / currentMonth', () => {
  it.each([
    ['2026-01-31T23:30:00Z', 'Europe/Berlin', '2026-02-01', '2026-02'],
    ['2026-01-31T22:30:00Z', 'Europe/Berlin', '2026-01-31', '2026-01'],
    ['2026-01-01T05:00:00Z', 'America/Los_Angeles', '2025-12-31', '2025-12'],
    ['2026-03-31T18:45:00Z', 'Asia/Kolkata', '2026-04-01', '2026-04'],
  ])('at %s in %s: %s, %s', (iso, tz, day, month) => {
    expect(today(tz, new Date(iso))).toBe(day);
    expect(currentMonth(tz, new Date(iso))).toBe(month);
  });

  it('defaults to the real now', () => {
    expect(today('UTC')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(currentMonth('UTC')).toMatch(/^\d{4}-\d{2}$/);
  });
});
