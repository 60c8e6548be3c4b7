import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { minutesByDay, type WorkEntry } from '@workdiary/shared';
import { buildRows, cellMinutes, dayTotalsOf, daysFrom, isoWeekOf, mondayOfWeek, parseCellTime } from '../lib/week';
import { WeekGrid } from './week-grid';

const TZ = 'Europe/Berlin';
const days = daysFrom('2026-11-30');

function entry(id: string, start: string, stop: string | null, over: Partial<WorkEntry> = {}): WorkEntry {
  return {
    id, userId: 'u', customerId: 'c-acme', categoryId: 'k-dev', startedAt: start, stoppedAt: stop, note: '', source: 'MANUAL', flagged: false,
    user: { id: 'u', name: 'Bob' }, customer: { id: 'c-acme', name: 'Acme Ltd' }, category: { id: 'k-dev', name: 'Development', archived: false }, ...over,
  };
}

// Monday 1:30 (one manual session), Tuesday two sessions (1:00 + 0:30).
const entries = [
  entry('m1', '2026-11-30T07:00:00.000Z', '2026-11-30T08:30:00.000Z'),
  entry('t1', '2026-12-01T07:00:00.000Z', '2026-12-01T08:00:00.000Z'),
  entry('t2', '2026-12-01T09:00:00.000Z', '2026-12-01T09:30:00.000Z'),
];

function renderGrid(overrides: Partial<Parameters<typeof WeekGrid>[0]> = {}) {
  const onCommit = vi.fn(() => Promise.resolve());
  const onOpenSessions = vi.fn();
  const rows = buildRows(entries, days, TZ, [{ customer: { id: 'c-globex', name: 'Globex GmbH' }, category: { id: 'k-dev', name: 'Development' } }], Date.parse('2026-12-07T12:00:00Z'));
  render(<WeekGrid rows={rows} days={days} visible={[0, 1, 2, 3, 4, 5, 6]} dayLabel={(d) => d} required={[480, 480, 480, 480, 480, 0, 0]}
    onCommit={onCommit} onOpenSessions={onOpenSessions} {...overrides} />);
  return { onCommit, onOpenSessions, rows };
}

const cell = (name: RegExp) => screen.getByRole('button', { name });

describe('week helpers', () => {
  it('reads ISO weeks and typed times', () => {
    expect(isoWeekOf('2026-12-03')).toBe('2026-W49');
    expect(mondayOfWeek('2026-W49')).toBe('2026-11-30');
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(mondayOfWeek('2026-W99')).toBeNull();
    expect([parseCellTime('1:30'), parseCellTime('1,5'), parseCellTime('2'), parseCellTime(''), parseCellTime('abc'), parseCellTime('25:00')]).toEqual([90, 90, 120, 0, null, null]);
  });
});

describe('buildRows', () => {
  // Thursday 22:00 – Friday 02:30 Berlin (21:00 – 01:30 UTC), and Sunday 23:00 – Monday 01:00 of the next week.
  const overMidnight = [
    entry('n1', '2026-12-03T21:00:00.000Z', '2026-12-04T01:30:00.000Z'),
    entry('n2', '2026-12-06T22:00:00.000Z', '2026-12-07T00:00:00.000Z', { source: 'TIMER' }),
    entry('n3', '2026-12-04T07:00:00.000Z', '2026-12-04T07:20:30.000Z'),
  ];

  it("cuts a session at local midnight as My month does (shared minutesByDay): each day gets its part", () => {
    const [row] = buildRows(overMidnight, days, TZ, [], Date.parse('2026-12-07T12:00:00Z'));
    const minutes = days.map((d, i) => cellMinutes(row!, i));
    const expected = minutesByDay(overMidnight.map((e) => ({ startedAt: new Date(e.startedAt), stoppedAt: e.stoppedAt ? new Date(e.stoppedAt) : null })), TZ, new Date('2026-12-07T12:00:00Z'));
    expect(minutes).toEqual(days.map((d) => expected.get(d) ?? 0));
    expect(minutes).toEqual([0, 0, 0, 120, 170, 0, 60]);
    expect(row!.cells[3]!.map((e) => e.id)).toEqual(['n1']);
    expect(row!.cells[4]!.map((e) => e.id)).toEqual(['n1', 'n3']);
    expect(row!.partial).toEqual([false, false, false, true, true, false, true]);
    // Floored once per day: 2:30 + 0:20:30 is 2:50, not 2:50 + a floored half minute twice.
    expect(dayTotalsOf([row!], 7)).toEqual([0, 0, 0, 120, 170, 0, 60]);
  });

  it('opens a cell holding only part of a session instead of editing it', async () => {
    const user = userEvent.setup();
    const onOpenSessions = vi.fn();
    const onCommit = vi.fn(() => Promise.resolve());
    const rows = buildRows([overMidnight[0]!], days, TZ, [], Date.parse('2026-12-07T12:00:00Z'));
    render(<WeekGrid rows={rows} days={days} visible={[0, 1, 2, 3, 4, 5, 6]} dayLabel={(d) => d} required={[480, 480, 480, 480, 480, 0, 0]} onCommit={onCommit} onOpenSessions={onOpenSessions} />);
    expect(cell(/Acme Ltd · Development, 2026-12-03/)).toHaveAccessibleName(/: 2:00\. Part of a session over midnight$/);
    expect(cell(/Acme Ltd · Development, 2026-12-04/)).toHaveTextContent('2:30');
    await user.click(cell(/Acme Ltd · Development, 2026-12-04/));
    expect(onOpenSessions).toHaveBeenCalledWith(expect.objectContaining({ key: 'c-acme|k-dev' }), 4);
    await user.keyboard('5');
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(onCommit).not.toHaveBeenCalled();
  });
});

describe('WeekGrid', () => {
  it('shows cells in h:mm with totals per day and week against the required hours', () => {
    renderGrid();
    expect(cell(/Acme Ltd · Development, 2026-11-30/)).toHaveTextContent('1:30');
    expect(cell(/Acme Ltd · Development, 2026-12-01/)).toHaveAccessibleName(/: 1:30 ×2$/);
    const foot = screen.getAllByRole('rowgroup')[2] as HTMLElement;
    expect(within(foot).getByRole('row', { name: /Total/ })).toHaveTextContent('3:00');
    expect(within(foot).getByRole('row', { name: /Required/ })).toHaveTextContent('40:00');
  });

  it('moves with the arrows, edits on typing, saves on Enter and cancels on Escape', async () => {
    const user = userEvent.setup();
    const { onCommit } = renderGrid();
    // The first cell is the one in the tab order.
    await user.tab();
    expect(cell(/Acme Ltd · Development, 2026-11-30/)).toHaveFocus();
    await user.keyboard('{ArrowDown}{ArrowRight}{ArrowRight}');
    expect(cell(/Globex GmbH · Development, 2026-12-02/)).toHaveFocus();
    await user.keyboard('2');
    const input = screen.getByRole('textbox', { name: /Globex GmbH · Development, 2026-12-02/ });
    await user.keyboard(',5{Enter}');
    expect(onCommit).toHaveBeenCalledTimes(1);
    expect(onCommit.mock.calls[0]).toMatchObject([{ key: 'c-globex|k-dev' }, 2, 150]);
    expect(input).not.toBeInTheDocument();
    // Escape: nothing saved, the cell has the focus again.
    await user.keyboard('{ArrowUp}{ArrowLeft}{ArrowLeft}');
    expect(cell(/Acme Ltd · Development, 2026-11-30/)).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('textbox', { name: /Acme Ltd · Development, 2026-11-30/ })).toHaveValue('1:30');
    await user.keyboard('{Backspace}{Backspace}{Backspace}{Backspace}3{Escape}');
    await waitFor(() => expect(cell(/Acme Ltd · Development, 2026-11-30/)).toHaveFocus());
    expect(onCommit).toHaveBeenCalledTimes(1);
    // Tab saves and moves right.
    await user.keyboard('{Enter}{Backspace}{Backspace}{Backspace}{Backspace}2:00{Tab}');
    expect(onCommit).toHaveBeenCalledTimes(2);
    expect(onCommit.mock.calls[1]).toMatchObject([{ key: 'c-acme|k-dev' }, 0, 120]);
    await waitFor(() => expect(cell(/Acme Ltd · Development, 2026-12-01/)).toHaveFocus());
  });

  it('opens a cell of several sessions instead of editing it', async () => {
    const user = userEvent.setup();
    const { onOpenSessions, onCommit } = renderGrid();
    await user.click(cell(/Acme Ltd · Development, 2026-12-01/));
    expect(onOpenSessions).toHaveBeenCalledWith(expect.objectContaining({ key: 'c-acme|k-dev' }), 1);
    await user.keyboard('5');
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(onCommit).not.toHaveBeenCalled();
  });

  it('shows one day on a phone', () => {
    renderGrid({ visible: [3] });
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Customer · Category', '2026-12-03']);
  });
});
