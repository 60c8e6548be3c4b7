import { describe, expect, it } from 'vitest';
import { addDays, weekdayIndex } from './time/calendar.ts';
import { averageWorkdayMinutes, workdaysBetween, complianceFindings, COMPLIANCE_RULES, type ComplianceFinding, type ComplianceRule } from './compliance.ts';
import { localToInstant } from './time/local-time.ts';
import type { Session } from './time/sessions.ts';

const TZ = 'Europe/Berlin';

/** The instant of a local wall time in Berlin ('2026-03-02 08:00'). */
function at(local: string): Date {
  const [date, time] = local.split(' ') as [string, string];
  const r = localToInstant(date, time, TZ);
  if (!r.ok) throw new Error(`${local} is ${r.reason}`);
  return r.instant;
}
const s = (start: string, stop: string): Session => ({ startedAt: at(start), stoppedAt: at(stop) });

// 2026-03-02 is a Monday; 2026-03-28/29 is the spring-forward weekend (02:00 → 03:00 on the 29th);
// 2026-01-06 (Epiphany) is a public holiday in Bavaria (BY) but not in Berlin (BE).
const BY_HOLIDAYS_JAN = ['2026-01-01', '2026-01-06'];
const BE_HOLIDAYS_JAN = ['2026-01-01'];

type Case = [name: string, sessions: Session[], expected: Array<[string, ComplianceRule, number]>, holidays?: string[]];

const cases: Case[] = [
  ['exactly 6:00 without a break: nothing', [s('2026-03-02 08:00', '2026-03-02 14:00')], []],
  ['6:01 without a break: break missing and stretch too long', [s('2026-03-02 08:00', '2026-03-02 14:01')], [
    ['2026-03-02', 'BREAK_MISSING', 0], ['2026-03-02', 'STRETCH_TOO_LONG', 361],
  ]],
  ['6:01 with 29 min of breaks: break missing, stretches fine', [
    s('2026-03-02 08:00', '2026-03-02 11:00'), s('2026-03-02 11:29', '2026-03-02 14:30'),
  ], [['2026-03-02', 'BREAK_MISSING', 29]]],
  ['6:01 with 30 min of breaks: nothing', [
    s('2026-03-02 08:00', '2026-03-02 11:00'), s('2026-03-02 11:30', '2026-03-02 14:31'),
  ], []],
  ['6:01 with two 15-min breaks: 30 min counted, nothing', [
    s('2026-03-02 08:00', '2026-03-02 10:00'), s('2026-03-02 10:15', '2026-03-02 12:15'), s('2026-03-02 12:30', '2026-03-02 14:31'),
  ], []],
  ['a 14-min gap is not a break: 7:00 worked counts as one stretch', [
    s('2026-03-02 08:00', '2026-03-02 11:30'), s('2026-03-02 11:44', '2026-03-02 15:14'),
  ], [['2026-03-02', 'BREAK_MISSING', 0], ['2026-03-02', 'STRETCH_TOO_LONG', 420]]],
  ['a 14-min gap and a 16-min gap: only 16 min of breaks', [
    s('2026-03-02 08:00', '2026-03-02 10:00'), s('2026-03-02 10:14', '2026-03-02 12:00'), s('2026-03-02 12:16', '2026-03-02 15:00'),
  ], [['2026-03-02', 'BREAK_MISSING', 16]]],
  ['9:00 with 30 min: nothing', [
    s('2026-03-02 07:00', '2026-03-02 11:30'), s('2026-03-02 12:00', '2026-03-02 16:30'),
  ], []],
  ['9:01 with 30 min: 45 min needed', [
    s('2026-03-02 07:00', '2026-03-02 11:30'), s('2026-03-02 12:00', '2026-03-02 16:31'),
  ], [['2026-03-02', 'BREAK_MISSING', 30]]],
  ['9:01 with 45 min: nothing', [
    s('2026-03-02 07:00', '2026-03-02 11:30'), s('2026-03-02 12:15', '2026-03-02 16:46'),
  ], []],
  ['10:00 with 45 min of breaks: nothing', [
    s('2026-03-02 06:00', '2026-03-02 11:00'), s('2026-03-02 11:45', '2026-03-02 16:45'),
  ], []],
  ['10:01 with 45 min of breaks: daily maximum', [
    s('2026-03-02 06:00', '2026-03-02 11:00'), s('2026-03-02 11:45', '2026-03-02 16:46'),
  ], [['2026-03-02', 'DAILY_MAX', 601]]],
  ['rest 10:59 across the spring-forward night (wall clock says 11:59): too short, on the later day', [
    s('2026-03-28 15:00', '2026-03-28 21:00'), s('2026-03-29 08:59', '2026-03-29 10:00'),
  ], [['2026-03-29', 'REST_SHORT', 659], ['2026-03-29', 'SUNDAY_WORK', 61]]],
  ['rest 11:00 across the spring-forward night: enough', [
    s('2026-03-28 15:00', '2026-03-28 21:00'), s('2026-03-29 09:00', '2026-03-29 10:00'),
  ], [['2026-03-29', 'SUNDAY_WORK', 60]]],
  ['rest 10:59 on an ordinary night', [
    s('2026-03-02 14:00', '2026-03-02 20:00'), s('2026-03-03 06:59', '2026-03-03 08:00'),
  ], [['2026-03-03', 'REST_SHORT', 659]]],
  ['a gap inside one day is a break, not a rest', [
    s('2026-03-02 00:30', '2026-03-02 02:00'), s('2026-03-02 08:00', '2026-03-02 10:00'),
  ], []],
  ['a session over midnight belongs to both days by its parts (7:00 + 1:00), no rest judged inside it', [
    s('2026-03-02 17:00', '2026-03-03 01:00'),
  ], [['2026-03-02', 'BREAK_MISSING', 0], ['2026-03-02', 'STRETCH_TOO_LONG', 420]]],
  ['a night shift, then work 10 h after its stop on the same day: a break, no rest judged', [
    s('2026-03-02 22:00', '2026-03-03 06:00'), s('2026-03-03 16:00', '2026-03-03 18:00'),
  ], []],
  ['a stop at midnight belongs to the earlier day: 8 h rest before 08:00', [
    s('2026-03-02 18:00', '2026-03-03 00:00'), s('2026-03-03 08:00', '2026-03-03 09:00'),
  ], [['2026-03-03', 'REST_SHORT', 480]]],
  ['Sunday work', [s('2026-03-08 10:00', '2026-03-08 12:00')], [['2026-03-08', 'SUNDAY_WORK', 120]]],
  ['Epiphany in Bavaria is a holiday', [s('2026-01-06 09:00', '2026-01-06 12:00')], [['2026-01-06', 'HOLIDAY_WORK', 180]], BY_HOLIDAYS_JAN],
  ['Epiphany in Berlin is a workday', [s('2026-01-06 09:00', '2026-01-06 12:00')], [], BE_HOLIDAYS_JAN],
  ['overlapping sessions count once', [
    s('2026-03-02 08:00', '2026-03-02 12:00'), s('2026-03-02 11:00', '2026-03-02 14:00'),
  ], []],
];

describe('complianceFindings', () => {
  it.each(cases)('%s', (_name, sessions, expected, holidays = []) => {
    const found = complianceFindings({ sessions, tz: TZ, holidays });
    expect(found).toEqual(expected.map(([date, rule, minutes]): ComplianceFinding => ({ date, rule, minutes })));
  });

  it('judges only the rules switched on', () => {
    const sessions = [s('2026-03-08 06:00', '2026-03-08 17:00')];
    expect(complianceFindings({ sessions, tz: TZ, holidays: [] }).map((f) => f.rule)).toEqual(['BREAK_MISSING', 'STRETCH_TOO_LONG', 'DAILY_MAX', 'SUNDAY_WORK']);
    expect(complianceFindings({ sessions, tz: TZ, holidays: [], rules: ['DAILY_MAX'] }).map((f) => f.rule)).toEqual(['DAILY_MAX']);
    expect(complianceFindings({ sessions, tz: TZ, holidays: [], rules: [] })).toEqual([]);
  });

  it('reports only dates within [from, to], but judges the rest before the first day from earlier sessions', () => {
    const sessions = [s('2026-02-28 14:00', '2026-02-28 23:00'), s('2026-03-01 06:00', '2026-03-01 07:00'), s('2026-03-02 08:00', '2026-03-02 14:30')];
    const found = complianceFindings({ sessions, tz: TZ, holidays: [], from: '2026-03-01', to: '2026-03-01' });
    expect(found).toEqual([
      { date: '2026-03-01', rule: 'REST_SHORT', minutes: 420 },
      { date: '2026-03-01', rule: 'SUNDAY_WORK', minutes: 60 },
    ]);
  });

  it('ignores a running session', () => {
    const found = complianceFindings({ sessions: [{ startedAt: at('2026-03-08 06:00'), stoppedAt: null }], tz: TZ, holidays: [] });
    expect(found).toEqual([]);
  });

  it('knows every rule code of the contract', () => {
    expect(COMPLIANCE_RULES).toEqual(['BREAK_MISSING', 'STRETCH_TOO_LONG', 'DAILY_MAX', 'REST_SHORT', 'SUNDAY_WORK', 'HOLIDAY_WORK']);
  });
});

describe('averageWorkdayMinutes (§3: six months at 8 h a workday)', () => {
  it('divides by Mon–Sat without holidays', () => {
    // 2026-03-02 (Mon) .. 2026-03-08 (Sun): 6 workdays; with a holiday on Tuesday 5.
    expect(averageWorkdayMinutes(2880, '2026-03-02', '2026-03-08', new Set())).toBe(480);
    expect(averageWorkdayMinutes(2880, '2026-03-02', '2026-03-08', new Set(['2026-03-03']))).toBe(576);
    expect(averageWorkdayMinutes(100, '2026-03-08', '2026-03-08', new Set())).toBeNull();
  });

  it('counts the workdays of any range as walking it day by day does (holidays on Sundays and outside it)', () => {
    const walk = (from: string, to: string, holidays: ReadonlySet<string>) => {
      let n = 0;
      for (let d = from; d <= to; d = addDays(d, 1)) if (weekdayIndex(d) !== 6 && !holidays.has(d)) n += 1;
      return n;
    };
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const cases: Array<[string, string, number]> = [];
    for (let i = 0; i < 400; i++) {
      const from = addDays('2024-01-01', Math.floor(next() * 1200));
      const to = addDays(from, Math.floor(next() * 400) - 5);
      const holidays = new Set(Array.from({ length: Math.floor(next() * 12) }, () => addDays(from, Math.floor(next() * 420) - 10)));
      cases.push([from, to, walk(from, to, holidays) - workdaysBetween(from, to, holidays)]);
    }
    expect(cases.filter(([, , diff]) => diff !== 0)).toEqual([]);
    expect(workdaysBetween('2026-03-02', '2026-03-15', new Set(['2026-03-08', '2026-03-09', '2026-03-20']))).toBe(11);
    expect(workdaysBetween('2026-03-09', '2026-03-08', new Set())).toBe(0);
  });
});
