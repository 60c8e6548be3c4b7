import { describe, expect, it } from 'vitest';
import { salary } from './index.ts';
import type { PayInput } from './index.ts';

const hourly = (hourlyRate: number | null, overtimeFactor: number): PayInput => ({ type: 'HOURLY', hourlyRate, overtimeFactor });
const monthly = (monthlyBase: number | null, overtimeFactor: number): PayInput => ({
  type: 'MONTHLY',
  monthlyBase,
  overtimeFactor,
});

describe('salary', () => {
  it.each<[string, PayInput, number, number, number, number]>([
    // name, pay, total, extra, required, expected minor units
    ['HOURLY 8 h + 2 h × 1.25 at 20.00/h', hourly(2000, 1.25), 600, 120, 9600, 21000],
    ['HOURLY without extra', hourly(2000, 1.25), 480, 0, 9600, 16000],
    ['HOURLY 61 min at 19.99/h = 2032.32 → 2032', hourly(1999, 1.5), 61, 0, 0, 2032],
    ['HOURLY rounds once: 0.4 + 0.4 → 1 (not 0 + 0)', hourly(24, 1), 2, 1, 0, 1],
    ['HOURLY 1.5 h at 10.01 with 0.5 h × 1.5 = 1751.75 → 1752', hourly(1001, 1.5), 90, 30, 0, 1752],
    ['HOURLY missing rate counts as 0', hourly(null, 1.25), 600, 120, 9600, 0],
    ['HOURLY rate left out entirely', { type: 'HOURLY', overtimeFactor: 1.25 }, 600, 120, 9600, 0],
    ['MONTHLY 3000.00 over 160 h + 1 h × 1.5 = 302812.5 → 302813', monthly(300000, 1.5), 9660, 60, 9600, 302813],
    ['MONTHLY without extra is the base', monthly(300000, 1.5), 9000, 0, 9600, 300000],
    ['MONTHLY 4.5 h extra × 1875 × 1.5 = 312656.25 → 312656', monthly(300000, 1.5), 930, 270, 9600, 312656],
    ['MONTHLY 168 h, 61 min × 1.25 = 100756.45 → 100756', monthly(100000, 1.25), 10141, 61, 10080, 100756],
    ['MONTHLY with 0 required minutes is just the base', monthly(300000, 1.5), 120, 120, 0, 300000],
    ['MONTHLY missing base counts as 0', monthly(null, 1.5), 9660, 60, 9600, 0],
  ])('%s', (_name, pay, totalMinutes, extraMinutes, requiredMinutes, expected) => {
    expect(salary(pay, { totalMinutes, extraMinutes, requiredMinutes })).toBe(expected);
  });
});
