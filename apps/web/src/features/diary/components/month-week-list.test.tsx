import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { daysOfMonth, type DiaryDay } from '@workdiary/shared';
import { describe, expect, it, vi } from 'vitest';
import { MonthWeekList, weeksOf } from './month-week-list';

const days = daysOfMonth('2026-12').map((date): DiaryDay => {
  const weekend = [0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay());
  return {
    date, entrance: null, exit: null, totalMinutes: date === '2026-12-01' ? 540 : date === '2026-12-02' ? 420 : 0, extraMinutes: 0,
    requiredMinutes: weekend ? 0 : 480, absenceMinutes: 0, holiday: date === '2026-12-25' ? 'Erster Weihnachtstag' : null, absence: null, flagged: false, running: false,
  };
});

describe('MonthWeekList (My month on a phone)', () => {
  it('groups the month in weeks with each week\'s total against the hours required so far', () => {
    const weeks = weeksOf(days, '2026-12-02');
    expect(weeks.map((w) => [w.monday, w.days.length, w.total, w.required])).toEqual([
      ['2026-11-30', 6, 960, 960], ['2026-12-07', 7, 0, 0], ['2026-12-14', 7, 0, 0], ['2026-12-21', 7, 0, 0], ['2026-12-28', 4, 0, 0],
    ]);
  });

  it('lists each day on one line and opens it (at phone width)', async () => {
    vi.stubGlobal('matchMedia', (query: string) => ({ matches: query.includes('max-width'), addEventListener: () => undefined, removeEventListener: () => undefined }));
    const onOpenDay = vi.fn();
    render(<MonthWeekList days={days} tz="Europe/Berlin" today="2026-12-02" onOpenDay={onOpenDay} />);
    const sections = screen.getAllByRole('region');
    expect(sections).toHaveLength(5);
    expect(within(sections[0] as HTMLElement).getByRole('heading')).toHaveTextContent('16:00 / 16:00');
    expect(within(sections[3] as HTMLElement).getAllByRole('button')[4]).toHaveTextContent('Erster Weihnachtstag');
    await userEvent.click(within(sections[0] as HTMLElement).getAllByRole('button')[0] as HTMLElement);
    expect(onOpenDay).toHaveBeenCalledWith('2026-12-01');
    vi.unstubAllGlobals();
  });
});
