import { describe, expect, it } from 'vitest';
import { minutesByDay } from './index.ts';
import type { Session } from './index.ts';

const at = (iso: string): Date => new Date(iso);
const s = (start: string, stop: string | null): Session => ({
  startedAt: at(start),
  stoppedAt: stop === null ? null : at(stop),
});
const NOW = at('2026-06-01T00:00:00Z');

describe('minutesByDay', () => {
  it.each<[string, string, Session[], Date, [string, number][]]>([
    [
      '23-hour day: 00:00–05:00 local on 2026-03-29 is 4 h',
      'Europe/Berlin',
      [s('2026-03-28T23:00:00Z', '2026-03-29T03:00:00Z')],
      NOW,
      [['2026-03-29', 240]],
    ],
    [
      '25-hour day: 00:00–05:00 local on 2026-10-25 is 6 h',
      'Europe/Berlin',
      [s('2026-10-24T22:00:00Z', '2026-10-25T04:00:00Z')],
      NOW,
      [['2026-10-25', 360]],
    ],
    [
      '22:00–02:00 local across a month end splits 120 / 120',
      'Europe/Berlin',
      [s('2026-01-31T21:00:00Z', '2026-02-01T01:00:00Z')],
      NOW,
      [
        ['2026-01-31', 120],
        ['2026-02-01', 120],
      ],
    ],
    [
      'a session over three days, the middle one 23 h long',
      'Europe/Berlin',
      [s('2026-03-28T19:00:00Z', '2026-03-30T00:00:00Z')],
      NOW,
      [
        ['2026-03-28', 240],
        ['2026-03-29', 1380],
        ['2026-03-30', 120],
      ],
    ],
    [
      'two sessions on one day add up',
      'Europe/Berlin',
      [s('2026-01-15T08:00:00Z', '2026-01-15T11:00:00Z'), s('2026-01-15T12:00:00Z', '2026-01-15T16:30:00Z')],
      NOW,
      [['2026-01-15', 450]],
    ],
    [
      'seconds are summed per day before flooring (40 s + 40 s = 1 min)',
      'UTC',
      [s('2026-01-15T08:00:00Z', '2026-01-15T08:00:40Z'), s('2026-01-15T09:00:00Z', '2026-01-15T09:00:40Z')],
      NOW,
      [['2026-01-15', 1]],
    ],
    [
      'a session ending exactly at local midnight leaves no entry for the next day',
      'Europe/Berlin',
      [s('2026-01-15T21:00:00Z', '2026-01-15T23:00:00Z')],
      NOW,
      [['2026-01-15', 120]],
    ],
    [
      'a running session counts up to now, floored',
      'Europe/Berlin',
      [s('2026-01-15T08:00:00Z', null)],
      at('2026-01-15T10:30:45Z'),
      [['2026-01-15', 150]],
    ],
    [
      'a running session since last night is cut at midnight',
      'Europe/Berlin',
      [s('2026-01-14T22:00:00Z', null)],
      at('2026-01-15T01:00:00Z'),
      [
        ['2026-01-14', 60],
        ['2026-01-15', 120],
      ],
    ],
    [
      'a running session that starts after now counts nothing',
      'Europe/Berlin',
      [s('2026-01-15T12:00:00Z', null)],
      at('2026-01-15T10:00:00Z'),
      [],
    ],
    [
      'empty and reversed sessions count nothing',
      'Europe/Berlin',
      [s('2026-01-15T12:00:00Z', '2026-01-15T12:00:00Z'), s('2026-01-15T12:00:00Z', '2026-01-15T11:00:00Z')],
      NOW,
      [],
    ],
    [
      'Asia/Kolkata (+05:30): 23:30–00:30 IST splits 30 / 30',
      'Asia/Kolkata',
      [s('2026-01-15T18:00:00Z', '2026-01-15T19:00:00Z')],
      NOW,
      [
        ['2026-01-15', 30],
        ['2026-01-16', 30],
      ],
    ],
    [
      'America/Los_Angeles spring-forward day: 00:00–05:00 local is 4 h',
      'America/Los_Angeles',
      [s('2026-03-08T08:00:00Z', '2026-03-08T12:00:00Z')],
      NOW,
      [['2026-03-08', 240]],
    ],
    [
      'dates come out in ascending order whatever the session order',
      'UTC',
      [s('2026-01-20T08:00:00Z', '2026-01-20T09:00:00Z'), s('2026-01-10T08:00:00Z', '2026-01-10T08:30:00Z')],
      NOW,
      [
        ['2026-01-10', 30],
        ['2026-01-20', 60],
      ],
    ],
    [
      'Samoa’s missing day gets nothing; its neighbours share the session',
      'Pacific/Apia',
      [s('2011-12-30T09:00:00Z', '2011-12-30T11:00:00Z')],
      NOW,
      [
        ['2011-12-29', 60],
        ['2011-12-31', 60],
      ],
    ],
  ])('%s', (_name, tz, sessions, now, expected) => {
    expect([...minutesByDay(sessions, tz, now)]).toEqual(expected);
  });
});
