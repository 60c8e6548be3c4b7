import { describe, expect, it } from 'vitest';
import { dayBounds, localToInstant, monthBounds } from './index.ts';

const HOUR = 3_600_000;

describe('dayBounds', () => {
  it.each([
    ['2026-01-15', 'Europe/Berlin', '2026-01-14T23:00:00.000Z', '2026-01-15T23:00:00.000Z', 24],
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z', 23],
    ['2026-10-25', 'Europe/Berlin', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', 25],
    ['2026-03-08', 'America/Los_Angeles', '2026-03-08T08:00:00.000Z', '2026-03-09T07:00:00.000Z', 23],
    ['2026-01-15', 'Asia/Kolkata', '2026-01-14T18:30:00.000Z', '2026-01-15T18:30:00.000Z', 24],
    // Brazil sprang forward at midnight: the day starts at 01:00 local.
    ['2018-11-04', 'America/Sao_Paulo', '2018-11-04T03:00:00.000Z', '2018-11-05T02:00:00.000Z', 23],
    // ...and fell back at midnight into the 16th, which got a second 23:00 hour.
    ['2019-02-16', 'America/Sao_Paulo', '2019-02-16T02:00:00.000Z', '2019-02-17T03:00:00.000Z', 25],
    // Samoa skipped 30 December 2011 altogether.
    ['2011-12-29', 'Pacific/Apia', '2011-12-29T10:00:00.000Z', '2011-12-30T10:00:00.000Z', 24],
    ['2011-12-30', 'Pacific/Apia', '2011-12-30T10:00:00.000Z', '2011-12-30T10:00:00.000Z', 0],
  ])('%s in %s is [%s, %s), %i hours', (date, tz, start, end, hours) => {
    const b = dayBounds(date, tz);
    expect(b.start.toISOString()).toBe(start);
    expect(b.end.toISOString()).toBe(end);
    expect(b.end.getTime() - b.start.getTime()).toBe(hours * HOUR);
  });
});

describe('monthBounds', () => {
  it.each([
    ['2026-01', 'Europe/Berlin', '2025-12-31T23:00:00.000Z', '2026-01-31T23:00:00.000Z'],
    ['2026-03', 'Europe/Berlin', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z'],
    ['2026-10', 'Europe/Berlin', '2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z'],
    ['2026-12', 'Europe/Berlin', '2026-11-30T23:00:00.000Z', '2026-12-31T23:00:00.000Z'],
    ['2026-02', 'America/Los_Angeles', '2026-02-01T08:00:00.000Z', '2026-03-01T08:00:00.000Z'],
    ['2024-02', 'UTC', '2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
  ])('%s in %s is [%s, %s)', (month, tz, start, end) => {
    const b = monthBounds(month, tz);
    expect(b.start.toISOString()).toBe(start);
    expect(b.end.toISOString()).toBe(end);
  });
});

describe('localToInstant', () => {
  it.each([
    ['2026-07-01', '09:15', 'Europe/Berlin', '2026-07-01T07:15:00.000Z'],
    ['2026-01-15', '00:00', 'Europe/Berlin', '2026-01-14T23:00:00.000Z'],
    ['2026-03-29', '01:59', 'Europe/Berlin', '2026-03-29T00:59:00.000Z'],
    ['2026-03-29', '03:00', 'Europe/Berlin', '2026-03-29T01:00:00.000Z'],
    ['2026-10-25', '01:59', 'Europe/Berlin', '2026-10-24T23:59:00.000Z'],
    ['2026-10-25', '03:00', 'Europe/Berlin', '2026-10-25T02:00:00.000Z'],
    ['2026-05-10', '09:00', 'Asia/Kolkata', '2026-05-10T03:30:00.000Z'],
    ['2026-01-15', '23:59', 'America/Los_Angeles', '2026-01-16T07:59:00.000Z'],
  ])('%s %s in %s → %s', (date, time, tz, iso) => {
    const r = localToInstant(date, time, tz);
    expect(r).toEqual({ ok: true, instant: new Date(iso) });
  });

  it.each([
    ['2026-03-29', '02:30', 'Europe/Berlin'],
    ['2026-03-29', '02:00', 'Europe/Berlin'],
    ['2026-03-08', '02:30', 'America/Los_Angeles'],
    ['2018-11-04', '00:30', 'America/Sao_Paulo'],
    ['2011-12-30', '12:00', 'Pacific/Apia'],
  ])('%s %s in %s is in a gap: NONEXISTENT', (date, time, tz) => {
    expect(localToInstant(date, time, tz)).toEqual({ ok: false, reason: 'NONEXISTENT', candidates: [] });
  });

  it.each([
    ['2026-10-25', '02:30', 'Europe/Berlin', '2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z'],
    ['2026-10-25', '02:00', 'Europe/Berlin', '2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z'],
    ['2026-11-01', '01:30', 'America/Los_Angeles', '2026-11-01T08:30:00.000Z', '2026-11-01T09:30:00.000Z'],
    ['2019-02-16', '23:30', 'America/Sao_Paulo', '2019-02-17T01:30:00.000Z', '2019-02-17T02:30:00.000Z'],
  ])('%s %s in %s is repeated: AMBIGUOUS [%s, %s]', (date, time, tz, first, second) => {
    expect(localToInstant(date, time, tz)).toEqual({
      ok: false,
      reason: 'AMBIGUOUS',
      candidates: [new Date(first), new Date(second)],
    });
  });

  it.each([
    ['2026-01-15', '24:00'],
    ['2026-01-15', '9:00'],
    ['2026-01-15', '09:60'],
    ['2026-02-30', '09:00'],
  ])('rejects %s %s', (date, time) => {
    expect(() => localToInstant(date, time, 'Europe/Berlin')).toThrow(RangeError);
  });
});
