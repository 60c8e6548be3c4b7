import { describe, expect, it } from 'vitest';
import { currentMonth, localDateOf, localDateTimeLabel, localTimeOf, today, utcOffsetOf } from './index.ts';

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

describe('localTimeOf / utcOffsetOf / localDateTimeLabel', () => {
  it.each([
    ['2026-03-29T00:59:59Z', 'Europe/Berlin', '01:59', '+01:00'],
    ['2026-03-29T01:00:00Z', 'Europe/Berlin', '03:00', '+02:00'],
    ['2026-10-25T00:30:00Z', 'Europe/Berlin', '02:30', '+02:00'],
    ['2026-10-25T01:30:00Z', 'Europe/Berlin', '02:30', '+01:00'],
    ['2026-01-15T18:30:00Z', 'Asia/Kolkata', '00:00', '+05:30'],
    ['2026-07-01T06:30:00Z', 'America/Los_Angeles', '23:30', '-07:00'],
    ['2026-01-15T12:00:00Z', 'UTC', '12:00', '+00:00'],
    ['2026-01-15T10:00:00Z', 'Pacific/Kiritimati', '00:00', '+14:00'],
  ])('%s in %s reads %s at UTC%s', (iso, tz, time, offset) => {
    expect(localTimeOf(new Date(iso), tz)).toBe(time);
    expect(utcOffsetOf(new Date(iso), tz)).toBe(offset);
    expect(localDateTimeLabel(new Date(iso), tz)).toBe(`${localDateOf(new Date(iso), tz)} ${time}`);
  });

  it('agrees with Intl over a year with DST, in several zones (the offset cache)', () => {
    const zones = ['Europe/Berlin', 'America/Los_Angeles', 'Australia/Lord_Howe', 'America/Sao_Paulo', 'Asia/Kolkata'];
    const start = Date.parse('2018-01-01T00:00:00Z');
    const mismatches: string[] = [];
    for (const tz of zones) {
      const intl = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });
      // Every 97 minutes and 7 seconds: the samples drift through every minute of the hour.
      for (let ms = start; ms < start + 366 * 86_400_000; ms += 97 * 60_000 + 7_000) {
        const ours = localTimeOf(new Date(ms), tz);
        if (ours !== intl.format(ms)) mismatches.push(`${new Date(ms).toISOString()} ${tz}: ${ours} vs ${intl.format(ms)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('finds a transition to the second inside a cached bucket', () => {
    // Lord Howe moves by 30 minutes at 02:00 local standard time (15:30 UTC on 2026-10-03).
    expect(localTimeOf(new Date('2026-10-03T15:29:59Z'), 'Australia/Lord_Howe')).toBe('01:59');
    expect(localTimeOf(new Date('2026-10-03T15:30:00Z'), 'Australia/Lord_Howe')).toBe('02:30');
    expect(() => localTimeOf(new Date('2026-10-03T15:00:00Z'), 'Mars/Olympus')).toThrow(RangeError);
  });
});
