import { describe, expect, it } from 'vitest';
import { daysOfMonth, dayFigures, monthFigures } from './index.ts';
import type { DayFigures, Session } from './index.ts';

const at = (iso: string): Date => new Date(iso);
const s = (start: string, stop: string | null): Session => ({
  startedAt: at(start),
  stoppedAt: stop === null ? null : at(stop),
});
const BERLIN = 'Europe/Berlin';
const NOW = at('2026-06-01T00:00:00Z');

// 2026-01-14 22:00 → 2026-01-15 02:00 local, then 09:00–17:00 local on the 15th.
const acrossMidnight = [s('2026-01-14T21:00:00Z', '2026-01-15T01:00:00Z'), s('2026-01-15T08:00:00Z', '2026-01-15T16:00:00Z')];

describe('dayFigures', () => {
  it.each<[string, Session[], string, Date, number, Omit<DayFigures, 'date' | 'requiredMinutes' | 'absenceMinutes'>]>([
    [
      'the evening part: exit is clipped to the day end (local midnight)',
      acrossMidnight,
      '2026-01-14',
      NOW,
      480,
      { entrance: at('2026-01-14T21:00:00Z'), exit: at('2026-01-14T23:00:00Z'), totalMinutes: 120, extraMinutes: 0, running: false },
    ],
    [
      'the morning part: entrance is clipped to local 00:00',
      acrossMidnight,
      '2026-01-15',
      NOW,
      480,
      { entrance: at('2026-01-14T23:00:00Z'), exit: at('2026-01-15T16:00:00Z'), totalMinutes: 600, extraMinutes: 120, running: false },
    ],
    [
      'a day without sessions',
      acrossMidnight,
      '2026-01-16',
      NOW,
      480,
      { entrance: null, exit: null, totalMinutes: 0, extraMinutes: 0, running: false },
    ],
    [
      'a weekend day with 0 required minutes is all extra',
      [s('2026-01-31T09:00:00Z', '2026-01-31T12:30:00Z')],
      '2026-01-31',
      NOW,
      0,
      { entrance: at('2026-01-31T09:00:00Z'), exit: at('2026-01-31T12:30:00Z'), totalMinutes: 210, extraMinutes: 210, running: false },
    ],
    [
      '23-hour day: 00:00–05:00 local is 240 minutes',
      [s('2026-03-28T23:00:00Z', '2026-03-29T03:00:00Z')],
      '2026-03-29',
      NOW,
      0,
      { entrance: at('2026-03-28T23:00:00Z'), exit: at('2026-03-29T03:00:00Z'), totalMinutes: 240, extraMinutes: 240, running: false },
    ],
    [
      '25-hour day: 00:00–05:00 local is 360 minutes',
      [s('2026-10-24T22:00:00Z', '2026-10-25T04:00:00Z')],
      '2026-10-25',
      NOW,
      300,
      { entrance: at('2026-10-24T22:00:00Z'), exit: at('2026-10-25T04:00:00Z'), totalMinutes: 360, extraMinutes: 60, running: false },
    ],
    [
      'a running session counts to now; exit stays empty',
      [s('2026-01-15T08:00:00Z', '2026-01-15T11:00:00Z'), s('2026-01-15T12:00:00Z', null)],
      '2026-01-15',
      at('2026-01-15T14:15:30Z'),
      480,
      { entrance: at('2026-01-15T08:00:00Z'), exit: null, totalMinutes: 315, extraMinutes: 0, running: true },
    ],
    [
      'running since last night, seen on the past day: filled up to midnight',
      [s('2026-01-14T22:00:00Z', null)],
      '2026-01-14',
      at('2026-01-15T01:00:00Z'),
      480,
      { entrance: at('2026-01-14T22:00:00Z'), exit: at('2026-01-14T23:00:00Z'), totalMinutes: 60, extraMinutes: 0, running: false },
    ],
    [
      'running since last night, seen today: entrance 00:00, still running',
      [s('2026-01-14T22:00:00Z', null)],
      '2026-01-15',
      at('2026-01-15T01:00:00Z'),
      480,
      { entrance: at('2026-01-14T23:00:00Z'), exit: null, totalMinutes: 120, extraMinutes: 0, running: true },
    ],
    [
      'seconds are summed before flooring, like minutesByDay',
      [s('2026-01-15T08:00:00Z', '2026-01-15T08:00:40Z'), s('2026-01-15T09:00:00Z', '2026-01-15T09:00:40Z')],
      '2026-01-15',
      NOW,
      0,
      { entrance: at('2026-01-15T08:00:00Z'), exit: at('2026-01-15T09:00:40Z'), totalMinutes: 1, extraMinutes: 1, running: false },
    ],
  ])('%s', (_name, sessions, date, now, required, expected) => {
    expect(dayFigures(sessions, date, BERLIN, now, required)).toEqual({ date, requiredMinutes: required, absenceMinutes: 0, ...expected });
  });
});

const WEEK = [480, 480, 480, 480, 480, 0, 0];

// February 2026 starts on a Sunday: 20 weekdays × 480 = 9600 required minutes (160 h).
const february = [
  s('2026-01-31T21:00:00Z', '2026-02-01T01:00:00Z'), // Sat 22:00 → Sun 02:00: 120 on Sun the 1st, all extra
  s('2026-02-02T07:00:00Z', '2026-02-02T17:30:00Z'), // Mon 08:00–18:30: 630, 150 extra
  s('2026-02-03T08:00:00Z', '2026-02-03T11:00:00Z'), // Tue 09:00–12:00: 180
  s('2026-02-20T07:00:00Z', null), // Fri, running since 08:00 local: 180 at now
  s('2026-03-01T08:00:00Z', '2026-03-01T09:00:00Z'), // next month
];
const FEB_NOW = at('2026-02-20T10:00:00Z');

describe('monthFigures', () => {
  it('leaves running sessions out by default (exports, salary)', () => {
    const m = monthFigures(february, '2026-02', BERLIN, FEB_NOW, WEEK);
    expect(m.days).toHaveLength(28);
    expect({ total: m.totalMinutes, extra: m.extraMinutes, required: m.requiredMinutes }).toEqual({
      total: 930,
      extra: 270,
      required: 9600,
    });
    expect(m.days[0]).toEqual({
      date: '2026-02-01',
      entrance: at('2026-01-31T23:00:00Z'),
      exit: at('2026-02-01T01:00:00Z'),
      totalMinutes: 120,
      extraMinutes: 120,
      requiredMinutes: 0,
      absenceMinutes: 0,
      running: false,
      holiday: null,
      absence: null,
    });
    expect(m.days[1]).toMatchObject({ date: '2026-02-02', totalMinutes: 630, extraMinutes: 150, requiredMinutes: 480 });
    expect(m.days[19]).toEqual({
      date: '2026-02-20',
      entrance: null,
      exit: null,
      totalMinutes: 0,
      extraMinutes: 0,
      requiredMinutes: 480,
      absenceMinutes: 0,
      running: false,
      holiday: null,
      absence: null,
    });
    expect(m.days[27]).toMatchObject({ date: '2026-02-28', totalMinutes: 0, requiredMinutes: 0 });
  });

  it('counts running sessions up to now with includeRunning', () => {
    const m = monthFigures(february, '2026-02', BERLIN, FEB_NOW, WEEK, { includeRunning: true });
    expect({ total: m.totalMinutes, extra: m.extraMinutes, required: m.requiredMinutes }).toEqual({
      total: 1110,
      extra: 270,
      required: 9600,
    });
    expect(m.days[19]).toEqual({
      date: '2026-02-20',
      entrance: at('2026-02-20T07:00:00Z'),
      exit: null,
      totalMinutes: 180,
      extraMinutes: 0,
      requiredMinutes: 480,
      absenceMinutes: 0,
      running: true,
      holiday: null,
      absence: null,
    });
  });

  it('January gets only its half of a session across the month end', () => {
    const m = monthFigures(february, '2026-01', BERLIN, FEB_NOW, WEEK);
    expect({ total: m.totalMinutes, extra: m.extraMinutes }).toEqual({ total: 120, extra: 120 });
    expect(m.days[30]).toMatchObject({ date: '2026-01-31', totalMinutes: 120, extraMinutes: 120, requiredMinutes: 0 });
  });

  it.each([
    ['2026-01', 31, 10560], // 22 weekdays
    ['2026-02', 28, 9600], // 20 weekdays
    ['2024-02', 29, 10080], // 21 weekdays, the 29th is a Thursday
    ['2026-03', 31, 10560], // 22 weekdays, with the 23-hour day
  ])('%s: %i days, %i required minutes', (month, days, required) => {
    const m = monthFigures([], month, BERLIN, NOW, WEEK);
    expect(m.days).toHaveLength(days);
    expect(m.requiredMinutes).toBe(required);
    expect(m.totalMinutes).toBe(0);
  });

  it('29 February 2024: a 22:00–02:00 session counts 120 on the leap day and 120 on 1 March', () => {
    const leap = [s('2024-02-29T21:00:00Z', '2024-03-01T01:00:00Z'), s('2024-02-28T07:00:00Z', '2024-02-28T16:00:00Z')];
    const feb = monthFigures(leap, '2024-02', BERLIN, NOW, WEEK);
    expect(feb.days[28]).toMatchObject({ date: '2024-02-29', totalMinutes: 120, extraMinutes: 0, requiredMinutes: 480, exit: at('2024-02-29T23:00:00Z') });
    // 28th: 540 (60 extra); 29th: 120 of 480 required.
    expect({ total: feb.totalMinutes, extra: feb.extraMinutes, required: feb.requiredMinutes }).toEqual({ total: 660, extra: 60, required: 10080 });
    const march = monthFigures(leap, '2024-03', BERLIN, NOW, WEEK);
    expect(march.days[0]).toMatchObject({ date: '2024-03-01', totalMinutes: 120, extraMinutes: 0, entrance: at('2024-02-29T23:00:00Z') });
    expect(march.totalMinutes).toBe(120);
  });

  it('sums the 23-hour day correctly inside the month', () => {
    const m = monthFigures([s('2026-03-28T23:00:00Z', '2026-03-29T03:00:00Z')], '2026-03', BERLIN, NOW, WEEK);
    expect(m.days[28]).toMatchObject({ date: '2026-03-29', totalMinutes: 240, extraMinutes: 240 });
    expect(m.totalMinutes).toBe(240);
  });

  it('needs seven weekday values', () => {
    expect(() => monthFigures([], '2026-02', BERLIN, NOW, [480, 480])).toThrow(RangeError);
  });
});

describe('monthFigures hands each day the sessions touching it', () => {
  // A small deterministic generator (mulberry32), so a failure names the seed that made it.
  const rng = (seed: number) => () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const HOUR = 3_600_000;
  // March and October 2026 hold Berlin's DST changes; sessions start up to two days before the
  // month and last from zero minutes to three days, some still running.
  it.each([[1, '2026-03'], [2, '2026-10'], [3, '2026-02'], [4, '2026-12']])('seed %i, %s: every day equals dayFigures over all sessions', (seed, month) => {
    const random = rng(seed);
    const first = new Date(`${month}-01T00:00:00Z`).getTime() - 2 * 24 * HOUR;
    const now = new Date(first + 30 * 24 * HOUR);
    const sessions: Session[] = Array.from({ length: 400 }, () => {
      const start = first + Math.floor(random() * 34 * 24) * HOUR + Math.floor(random() * 60) * 60_000;
      const length = random() < 0.05 ? 0 : Math.floor(random() * (random() < 0.1 ? 72 * 60 : 9 * 60)) * 60_000;
      return { startedAt: new Date(start), stoppedAt: random() < 0.03 ? null : new Date(start + length) };
    });
    const required = [480, 480, 480, 480, 480, 0, 0];
    for (const includeRunning of [false, true]) {
      const month_ = monthFigures(sessions, month, BERLIN, now, required, { includeRunning });
      const counted = includeRunning ? sessions : sessions.filter((x) => x.stoppedAt !== null);
      expect(month_.days.map((d) => d.date)).toEqual(daysOfMonth(month));
      for (const day of month_.days) {
        const weekday = (new Date(`${day.date}T12:00:00Z`).getUTCDay() + 6) % 7;
        const expected = dayFigures(counted, day.date, BERLIN, now, required[weekday] as number);
        expect({ ...day, holiday: undefined, absence: undefined }).toEqual({ ...expected, holiday: undefined, absence: undefined });
      }
      expect(month_.totalMinutes).toBeGreaterThan(0);
    }
  });
});
