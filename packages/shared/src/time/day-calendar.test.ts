import { describe, expect, it } from 'vitest';
import { dayRequirement, monthFigures, salary, type DayCalendar, type Session } from './index.ts';

const WEEK = [480, 480, 480, 480, 480, 0, 0];
const BERLIN = 'Europe/Berlin';
const NOW = new Date('2027-01-10T00:00:00Z');
const s = (start: string, stop: string): Session => ({ startedAt: new Date(start), stoppedAt: new Date(stop) });

// December 2026: 23 weekdays; Christmas Day (Fri 25th) and Boxing Day (Sat 26th) are holidays.
const CHRISTMAS: DayCalendar = { holidays: { '2026-12-25': 'Christmas Day', '2026-12-26': 'Boxing Day' } };

describe('dayRequirement', () => {
  it.each<[string, string, DayCalendar, { requiredMinutes: number; absenceMinutes: number }]>([
    ['a plain weekday', '2026-12-24', CHRISTMAS, { requiredMinutes: 480, absenceMinutes: 0 }],
    ['a holiday on a weekday requires nothing by default', '2026-12-25', CHRISTMAS, { requiredMinutes: 0, absenceMinutes: 0 }],
    ['a holiday with a 50 % share', '2026-12-25', { ...CHRISTMAS, holidaySharePercent: 50 }, { requiredMinutes: 240, absenceMinutes: 0 }],
    ['a holiday on a Saturday stays 0', '2026-12-26', { ...CHRISTMAS, holidaySharePercent: 50 }, { requiredMinutes: 0, absenceMinutes: 0 }],
    ['a full vacation day', '2026-12-23', { absences: { '2026-12-23': { kind: 'Vacation', creditPercent: 100 } } }, { requiredMinutes: 480, absenceMinutes: 480 }],
    ['an unpaid absence credits nothing', '2026-12-23', { absences: { '2026-12-23': { kind: 'Unpaid', creditPercent: 0 } } }, { requiredMinutes: 480, absenceMinutes: 0 }],
    ['a 1/3 credit is floored to whole minutes', '2026-12-23', { absences: { '2026-12-23': { kind: 'Training', creditPercent: 33 } } }, { requiredMinutes: 480, absenceMinutes: 158 }],
    ['an absence on a holiday credits the holiday share only', '2026-12-25', { ...CHRISTMAS, holidaySharePercent: 50, absences: { '2026-12-25': { kind: 'Vacation', creditPercent: 100 } } }, { requiredMinutes: 240, absenceMinutes: 240 }],
    ['an absence on a weekend credits nothing', '2026-12-27', { absences: { '2026-12-27': { kind: 'Sick leave', creditPercent: 100 } } }, { requiredMinutes: 0, absenceMinutes: 0 }],
  ])('%s', (_name, date, calendar, expected) => {
    expect(dayRequirement(date, WEEK, calendar)).toMatchObject(expected);
  });
});

describe('monthFigures with holidays and absences', () => {
  it('December 2026: Christmas Day lowers the required minutes and is named on its day', () => {
    const plain = monthFigures([], '2026-12', BERLIN, NOW, WEEK);
    const withHolidays = monthFigures([], '2026-12', BERLIN, NOW, WEEK, { calendar: CHRISTMAS });
    expect(plain.requiredMinutes).toBe(23 * 480);
    expect(withHolidays.requiredMinutes).toBe(22 * 480);
    expect(withHolidays.days[24]).toMatchObject({ date: '2026-12-25', holiday: 'Christmas Day', requiredMinutes: 0 });
  });

  it('work on a holiday is all extra; work on a vacation day beyond what is left is extra, the credit never is', () => {
    const sessions = [
      s('2026-12-25T08:00:00Z', '2026-12-25T10:00:00Z'), // Christmas Day: 120, all extra
      s('2026-12-22T08:00:00Z', '2026-12-22T10:00:00Z'), // half a vacation day (50 %): 240 left, 120 worked → 0 extra
      s('2026-12-23T08:00:00Z', '2026-12-23T09:00:00Z'), // full vacation day: 60 worked, all extra
    ];
    const calendar: DayCalendar = {
      ...CHRISTMAS,
      absences: { '2026-12-22': { kind: 'Half day', creditPercent: 50 }, '2026-12-23': { kind: 'Vacation', creditPercent: 100 } },
    };
    const m = monthFigures(sessions, '2026-12', BERLIN, NOW, WEEK, { calendar });
    expect(m.days[21]).toMatchObject({ totalMinutes: 120, extraMinutes: 0, absenceMinutes: 240, absence: { kind: 'Half day', creditPercent: 50 } });
    expect(m.days[22]).toMatchObject({ totalMinutes: 60, extraMinutes: 60, absenceMinutes: 480 });
    expect(m.days[24]).toMatchObject({ totalMinutes: 120, extraMinutes: 120 });
    expect({ total: m.totalMinutes, extra: m.extraMinutes, required: m.requiredMinutes, absence: m.absenceMinutes })
      .toEqual({ total: 300, extra: 180, required: 22 * 480, absence: 720 });
  });

  it('salary: HOURLY pays the absence credit at the plain rate; MONTHLY keeps its base', () => {
    const totals = { totalMinutes: 300, extraMinutes: 180, requiredMinutes: 10560, absenceMinutes: 720 };
    // (300 − 180 + 720)/60 × 2000 + 180/60 × 2000 × 1.25 = 28000 + 7500.
    expect(salary({ type: 'HOURLY', hourlyRate: 2000, overtimeFactor: 1.25 }, totals)).toBe(35500);
    expect(salary({ type: 'HOURLY', hourlyRate: 2000, overtimeFactor: 1.25 }, { ...totals, absenceMinutes: 0 })).toBe(11500);
    // 300000 + 3 × (300000 / 176) × 1.5.
    expect(salary({ type: 'MONTHLY', monthlyBase: 300000, overtimeFactor: 1.5 }, totals)).toBe(307670);
  });
});
