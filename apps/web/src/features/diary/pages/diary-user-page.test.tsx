import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { daysOfMonth, type AuditEvent, type DiaryDay, type DiaryUserMonth, type Me, type WorkEntry } from '@workdiary/shared';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CurrentUserContext } from '../../../lib/current-user';
import { errorResponse, jsonResponse, makeMe, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { DiaryUserPage } from './diary-user-page';

// recharts measures the DOM (ResizeObserver), which jsdom has not: the chart is tested in the browser (e2e).
vi.mock('../components/month-chart', () => ({
  default: ({ days }: { days: DiaryDay[] }) => <div data-testid="chart">{days.length} bars</div>,
}));

const manager = makeMe({ id: 'u-manager', name: 'Max Manager', role: 'MANAGER' });
const alice = makeMe({ id: 'u-alice', name: 'Alice Example', role: 'MEMBER' });

function monthOf(overrides: Record<string, Partial<DiaryDay>>): DiaryUserMonth {
  const items = daysOfMonth('2026-02').map((date): DiaryDay => ({
    date, entrance: null, exit: null, totalMinutes: 0, extraMinutes: 0, requiredMinutes: 480, absenceMinutes: 0, holiday: null, absence: null, flagged: false, running: false, ...overrides[date],
  }));
  return {
    items,
    totals: { totalMinutes: 660, extraMinutes: 90, requiredMinutes: 9600, absenceMinutes: 0, salary: 24750 },
    frozenAt: null,
    user: { id: 'u-alice', name: 'Alice Example', active: true },
    month: '2026-02',
    latestMonth: '2026-02',
    requiredByWeekday: [480, 480, 480, 480, 480, 0, 0],
    currency: 'EUR',
  };
}

const feb = monthOf({
  '2026-02-02': { entrance: '2026-02-02T07:00:00.000Z', exit: '2026-02-02T17:30:00.000Z', totalMinutes: 570, extraMinutes: 90 },
  '2026-02-03': { entrance: '2026-02-03T08:00:00.000Z', exit: '2026-02-03T09:30:00.000Z', totalMinutes: 90, flagged: true },
  // Work until midnight: the day's exit is the next day's 00:00.
  '2026-02-05': { entrance: '2026-02-05T21:00:00.000Z', exit: '2026-02-05T23:00:00.000Z', totalMinutes: 120 },
});

function entry(over: Partial<WorkEntry> & Pick<WorkEntry, 'id' | 'startedAt' | 'stoppedAt'>): WorkEntry {
  return {
    userId: 'u-alice', customerId: 'c-1', categoryId: 'k-1', note: '', source: 'MANUAL', flagged: false,
    user: { id: 'u-alice', name: 'Alice Example' }, customer: { id: 'c-1', name: 'Acme Ltd' },
    category: { id: 'k-1', name: 'Regular Hours', archived: false }, ...over,
  };
}

function Where() {
  const location = useLocation();
  return <output data-testid="where">{location.pathname + location.search}</output>;
}

function renderPage(me: Me, path = '/diary/u-alice?month=2026-02') {
  const queryClient = createTestQueryClient();
  render(
    <QueryClientProvider client={queryClient}>
      <CurrentUserContext value={me}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/diary/:userId" element={<><DiaryUserPage /><Where /></>} />
          </Routes>
        </MemoryRouter>
      </CurrentUserContext>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(new Date('2026-02-10T10:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe("DiaryUserPage (a user's month)", () => {
  it('shows every day with entrance, exit, total and extra, marks weekends, today and flagged days, and the totals', async () => {
    stubFetch({ 'GET /api/diary/u-alice': () => jsonResponse(feb) });
    renderPage(manager);
    expect(await screen.findByRole('heading', { level: 1, name: 'Alice Example' })).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'Days of the month' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(1 + 28 + 1);
    expect(rows[2]).toHaveTextContent('02 Feb Open Monday, 2 February 2026Mon08:0018:309:301:30');
    expect(rows[3]).toHaveTextContent('Check');
    expect(rows[3]).toHaveClass('diary-row--flagged');
    expect(rows[5]).toHaveTextContent('05 Feb Open Thursday, 5 February 2026Thu22:0024:002:00');
    expect(rows[7]).toHaveClass('row--weekend'); // Sat 7 Feb
    expect(rows[10]).toHaveClass('row--today');
    expect(rows[10]).toHaveTextContent('Today');
    // Days still to come are not days without work.
    expect(rows[11]).toHaveTextContent('upcoming');
    expect(rows[11]).toHaveClass('row--future');
    expect(rows[29]).toHaveTextContent('Month total11:001:30');
    expect(screen.getByTestId('stat-total')).toHaveTextContent('11:00');
    expect(screen.getByTestId('stat-extra')).toHaveTextContent('1:30');
    expect(screen.getByText('€247.50')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('chart')).toHaveTextContent('28 bars'));
    expect(screen.getByRole('link', { name: /Work diary/ })).toHaveAttribute('href', '/diary?month=2026-02');
  });

  it('an approved month says its figures are the ones it was approved with, and when', async () => {
    stubFetch({ 'GET /api/diary/u-alice': () => jsonResponse({ ...feb, frozenAt: '2026-03-03T09:00:00.000Z' }) });
    renderPage(manager);
    expect(await screen.findByText('as approved on 03 Mar 2026')).toBeInTheDocument();
    expect(screen.queryByText('finished sessions')).not.toBeInTheDocument();
    expect(screen.getByText('€247.50')).toBeInTheDocument();
  });

  it("opens the day's Working time: sessions, delete after confirming, the day's history and a session's history", async () => {
    let sessions = [
      entry({ id: 'e-1', startedAt: '2026-02-02T07:00:00.000Z', stoppedAt: '2026-02-02T11:00:00.000Z', note: 'Sprint work' }),
      entry({ id: 'e-2', startedAt: '2026-02-02T12:00:00.000Z', stoppedAt: '2026-02-02T17:30:00.000Z', customer: { id: 'c-2', name: 'Globex GmbH' } }),
    ];
    const history: AuditEvent[] = [
      { id: 'a-1', entityId: 'e-2', action: 'UPDATE', actor: { id: 'u-manager', name: 'Max Manager' }, at: '2026-02-05T09:00:00.000Z',
        before: { ...sessions[1], stoppedAt: '2026-02-02T16:00:00.000Z' }, after: sessions[1] },
    ];
    let deleted = false;
    stubFetch({
      'GET /api/diary/u-alice': () => jsonResponse(feb),
      'GET /api/diary/u-alice/2026-02-02': () => jsonResponse({
        items: sessions, date: '2026-02-02', user: feb.user, totalMinutes: 570, extraMinutes: 90, requiredMinutes: 480, absenceMinutes: 0, holiday: null, absence: null, running: false,
      }),
      'DELETE /api/work-entries/e-2': () => {
        deleted = true;
        sessions = sessions.slice(0, 1);
        return new Response(null, { status: 204 });
      },
      'GET /api/diary/u-alice/2026-02-02/history': () => jsonResponse({ items: history, date: '2026-02-02' }),
      'GET /api/work-entries/e-1/history': () => jsonResponse({ items: [
        { id: 'a-0', entityId: 'e-1', action: 'CREATE', actor: { id: 'u-alice', name: 'Alice Example' }, at: '2026-02-02T11:01:00.000Z', before: null, after: sessions[0] },
      ] }),
    });
    renderPage(manager);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(await screen.findByRole('button', { name: /Open Monday, 2 February 2026/ }));
    expect(screen.getByTestId('where')).toHaveTextContent('?month=2026-02&day=2026-02-02');
    const dialog = await screen.findByRole('dialog', { name: 'Working time' });
    await waitFor(() => expect(dialog).toHaveTextContent('Alice Example · Monday, 2 February 2026'));
    const table = await within(dialog).findByRole('table');
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('Acme Ltd08:0012:004:00Regular HoursSprint work');
    expect(rows[2]).toHaveTextContent('Globex GmbH13:0018:305:30');
    expect(within(dialog).getByTestId('day-total')).toHaveTextContent('9:30');
    expect(within(dialog).getByTestId('day-figures')).toHaveTextContent('Total 9:30 · Required 8:00 · Extra 1:30');
    expect(within(dialog).getByRole('button', { name: 'Export this day' })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Add session' })).toBeInTheDocument();

    // Delete asks first.
    await user.click(within(dialog).getByRole('button', { name: /Delete session 13:00–18:30 Globex/ }));
    const confirm = screen.getByRole('dialog', { name: 'Delete session?' });
    expect(confirm).toHaveTextContent('Globex GmbH, 13:00–18:30 (5:30), Regular Hours.');
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(within(dialog).getByTestId('day-total')).toHaveTextContent('4:00'));
    expect(deleted).toBe(true);
    expect(screen.queryByRole('dialog', { name: 'Delete session?' })).toBeNull();

    // The day's history: who changed what.
    await user.click(within(dialog).getByRole('tab', { name: 'History' }));
    const trail = await within(dialog).findByRole('list', { name: 'Changes' });
    await waitFor(() => expect(trail).toHaveTextContent('Max Manager changed the session'));
    await waitFor(() => expect(trail).toHaveTextContent('Exit 17:00 → 18:30'));

    // One session's history, over the day.
    await user.click(within(dialog).getByRole('tab', { name: 'Sessions' }));
    await user.click(within(dialog).getByRole('button', { name: /History of session 08:00–12:00 Acme/ }));
    const sessionHistory = await screen.findByRole('dialog', { name: 'Session history' });
    expect(await within(sessionHistory).findByText(/added the session/)).toBeInTheDocument();
    expect(sessionHistory).toHaveTextContent('Alice Example added the session');
  });

  it('an approved month shows the lock where Edit, Delete and + were, and why, in the day and on the month', async () => {
    const approved = {
      month: '2026-02',
      items: [{ userId: 'u-alice', name: 'Alice Example', active: true, status: 'APPROVED', updatedAt: '2026-03-01T09:00:00.000Z', running: false, flaggedSessions: 0 }],
      events: [
        { id: 'm-2', userId: 'u-alice', month: '2026-02', action: 'APPROVE', actor: { id: 'u-manager', name: 'Max Manager' }, at: '2026-03-01T09:00:00.000Z', reason: null },
        { id: 'm-1', userId: 'u-alice', month: '2026-02', action: 'SUBMIT', actor: { id: 'u-alice', name: 'Alice Example' }, at: '2026-02-28T17:00:00.000Z', reason: null },
      ],
    };
    stubFetch({
      'GET /api/diary/u-alice': () => jsonResponse({ ...feb, frozenAt: '2026-03-01T09:00:00.000Z' }),
      'GET /api/months': () => jsonResponse(approved),
      'GET /api/diary/u-alice/2026-02-02': () => jsonResponse({
        items: [entry({ id: 'e-1', startedAt: '2026-02-02T07:00:00.000Z', stoppedAt: '2026-02-02T11:00:00.000Z' })],
        date: '2026-02-02', user: feb.user, totalMinutes: 240, extraMinutes: 0, requiredMinutes: 480, absenceMinutes: 0, holiday: null, absence: null, running: false,
      }),
    });
    renderPage(alice);
    const reason = 'Approved on 01 Mar 2026 by Max Manager — ask an admin to reopen it.';
    expect(await screen.findByTestId('month-locked')).toHaveTextContent(`Locked for payroll. ${reason}`);
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    await user.click(await screen.findByRole('button', { name: /Open Monday, 2 February 2026/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Working time' });
    expect(await within(dialog).findByTestId('day-locked')).toHaveTextContent(reason);
    await within(dialog).findByRole('table');
    expect(within(dialog).queryByRole('button', { name: 'Add session' })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: /^Edit / })).not.toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: /^Delete / })).not.toBeInTheDocument();
    // One lock in the header where + was, one in the session's row where Edit and Delete were.
    expect(within(dialog).getAllByRole('img', { name: `Locked: ${reason}` })).toHaveLength(2);
    // Reading stays: the session's history and the export.
    expect(within(dialog).getByRole('button', { name: /History of session 08:00–12:00 Acme/ })).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Export this day' })).toBeInTheDocument();
  });

  it('lets a member read and change their own month ("My month"), without the way back to the overview', async () => {
    stubFetch({
      'GET /api/diary/u-mia': () => jsonResponse({ ...feb, user: { id: 'u-mia', name: 'Mia Member', active: true } }),
      'GET /api/diary/u-mia/2026-02-03': () => jsonResponse({ items: [], date: '2026-02-03', user: feb.user, totalMinutes: 0, extraMinutes: 0, requiredMinutes: 480, absenceMinutes: 0, holiday: null, absence: null, running: false }),
    });
    renderPage(makeMe({ id: 'u-mia', name: 'Mia Member' }), '/diary/u-mia?month=2026-02&day=2026-02-03');
    expect(await screen.findByRole('heading', { level: 1, name: 'My month' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Work diary/ })).toBeNull();
    const dialog = await screen.findByRole('dialog', { name: 'Working time' });
    expect(await within(dialog).findByText('No sessions this day')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Add session' })).toBeInTheDocument();
  });

  it('My month opens on the latest month with data when this month has none yet (the answer names it)', async () => {
    const asked: string[] = [];
    stubFetch({
      'GET /api/diary/u-mia': ({ url }) => {
        const month = url.searchParams.get('month') ?? '';
        asked.push(month);
        if (month === '2025-12') return jsonResponse({ ...feb, month, latestMonth: '2025-12', user: { id: 'u-mia', name: 'Mia Member', active: true } });
        const empty = monthOf({});
        return jsonResponse({ ...empty, month, latestMonth: '2025-12', totals: { ...empty.totals, totalMinutes: 0, extraMinutes: 0, salary: 0 }, user: { id: 'u-mia', name: 'Mia Member', active: true } });
      },
    });
    renderPage(makeMe({ id: 'u-mia', name: 'Mia Member' }), '/diary/u-mia');
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/diary/u-mia?month=2025-12'));
    await waitFor(() => expect(screen.getByTestId('stat-total')).toHaveTextContent('11:00'));
    expect(asked).toEqual(['2026-02', '2025-12']);
  });

  it('says when the person does not exist, and shows other errors with Retry', async () => {
    stubFetch({ 'GET /api/diary/u-ghost': () => errorResponse(404, 'NOT_FOUND', 'No such user.') });
    renderPage(manager, '/diary/u-ghost?month=2026-02');
    expect(await screen.findByText(/does not exist, or belongs to another organisation/)).toBeInTheDocument();
  });
});
