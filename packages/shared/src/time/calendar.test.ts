import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysOfMonth, isWeekend, monthOf, weekdayIndex } from './index.ts';

describe('daysOfMonth', () => {
  it.each([
    ['2024-02', 29, '2024-02-01', '2024-02-29'],
    ['2026-02', 28, '2026-02-01', '2026-02-28'],
    ['2000-02', 29, '2000-02-01', '2000-02-29'],
    ['2100-02', 28, '2100-02-01', '2100-02-28'],
    ['2026-04', 30, '2026-04-01', '2026-04-30'],
    ['2026-12', 31, '2026-12-01', '2026-12-31'],
  ])('%s has %i days from %s to %s', (month, count, first, last) => {
    const days = daysOfMonth(month);
    expect(days).toHaveLength(count);
    expect(days[0]).toBe(first);
    expect(days.at(-1)).toBe(last);
  });

  it('lists every date in order', () => {
    expect(daysOfMonth('2024-02').slice(26)).toEqual(['2024-02-27', '2024-02-28', '2024-02-29']);
  });

  it.each(['2026-13', '2026-00', '2026-1', 'x'])('rejects %s', (month) => {
    expect(() => daysOfMonth(month)).toThrow(RangeError);
  });
});

describe('weekdayIndex / isWeekend', () => {
  it.each([
    ['2026-01-05', 0, false], // Monday
    ['2026-01-01', 3, false], // Thursday
    ['2026-01-30', 4, false], // Friday
    ['2026-01-31', 5, true], // Saturday
    ['2026-02-01', 6, true], // Sunday
    ['2026-03-29', 6, true], // Sunday, Europe's spring-forward day
    ['2026-10-25', 6, true], // Sunday, Europe's fall-back day
    ['2024-02-29', 3, false], // Thursday
  ])('%s → %i (weekend %s)', (date, index, weekend) => {
    expect(weekdayIndex(date)).toBe(index);
    expect(isWeekend(date)).toBe(weekend);
  });

  it.each(['2026-02-29', '2026-04-31', '2026-1-05', '2026-01-00'])('rejects %s', (date) => {
    expect(() => weekdayIndex(date)).toThrow(RangeError);
  });
});

describe('addMonths / monthOf / addDays', () => {
  it.each([
    ['2026-05', 0, '2026-05'],
    ['2026-12', 1, '2027-01'],
    ['2026-01', -1, '2025-12'],
    ['2026-03', -3, '2025-12'],
    ['2026-01', -13, '2024-12'],
    ['2026-01', 24, '2028-01'],
  ])('addMonths(%s, %i) → %s', (month, n, expected) => {
    expect(addMonths(month, n)).toBe(expected);
  });

  it.each([
    ['2026-02-28', '2026-02'],
    ['2024-02-29', '2024-02'],
    ['2026-12-31', '2026-12'],
  ])('monthOf(%s) → %s', (date, expected) => {
    expect(monthOf(date)).toBe(expected);
  });

  it.each([
    ['2026-02-28', 1, '2026-03-01'],
    ['2024-02-28', 1, '2024-02-29'],
    ['2026-01-01', -1, '2025-12-31'],
    ['2026-03-28', 1, '2026-03-29'],
    ['2026-03-29', 1, '2026-03-30'],
    ['2026-12-31', 1, '2027-01-01'],
  ])('addDays(%s, %i) → %s', (date, n, expected) => {
    expect(addDays(date, n)).toBe(expected);
  });
});
