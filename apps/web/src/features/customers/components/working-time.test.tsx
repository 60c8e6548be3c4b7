import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Customer, Me, WorkEntry, WorkEntryList } from '@workdiary/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CurrentUserContext } from '../../../lib/current-user';
import { resetServerClock } from '../../../lib/server-clock';
import { errorResponse, jsonResponse, makeMe, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { thisMonthRange, WorkingTime } from './working-time';

const customer: Customer = { id: 'cust-1', name: 'Acme Ltd', email: null, phone: null, address: null, archived: false, hourlyRate: null };
const manager = makeMe({ id: 'u-manager', name: 'Max Manager', role: 'MANAGER' });

function entry(over: Partial<WorkEntry> & Pick<WorkEntry, 'id' | 'startedAt' | 'stoppedAt'>): WorkEntry {
  return {
    userId: 'u-alice', customerId: 'cust-1', categoryId: 'cat-1', note: '', source: 'MANUAL', flagged: false,
    user: { id: 'u-alice', name: 'Alice Example' }, customer: { id: 'cust-1', name: 'Acme Ltd' },
    category: { id: 'cat-1', name: 'Regular Hours', archived: false }, ...over,
  };
}
const list = (items: WorkEntry[], over: Partial<WorkEntryList> = {}): WorkEntryList => ({ items, totalMinutes: 0, total: items.length, limit: 50, offset: 0, ...over });

function renderTab(me: Me = manager) {
  const queryClient = createTestQueryClient();
  render(
    <QueryClientProvider client={queryClient}>
      <CurrentUserContext value={me}>
        <WorkingTime customer={customer} />
      </CurrentUserContext>
    </QueryClientProvider>,
  );
  return { queryClient };
}

afterEach(() => {
  vi.useRealTimers();
  resetServerClock();
});

describe('Working Time tab', () => {
  it('shows the rows newest first with times in the organisation zone, the range total at the foot, and pages', async () => {
    const requests: URL[] = [];
    stubFetch({
      'GET /api/users': () => jsonResponse({ items: [] }),
      'GET /api/work-entries': ({ url }) => {
        requests.push(url);
        return jsonResponse(list([
          entry({ id: 'e-2', startedAt: '2026-11-03T13:00:00.000Z', stoppedAt: '2026-11-03T15:30:00.000Z', note: '=1+1' }),
          entry({ id: 'e-1', startedAt: '2026-11-02T21:00:00.000Z', stoppedAt: '2026-11-03T01:15:00.000Z', user: { id: 'u-bob', name: 'Bob Example' }, userId: 'u-bob' }),
        ], { total: 120, totalMinutes: 7265 }));
      },
    });
    renderTab();
    const table = await screen.findByRole('table', { name: 'Working time for Acme Ltd' });
    await within(table).findByText('Bob Example');
    const rows = within(table).getAllByRole('row');
    // header, two rows, footer
    expect(rows).toHaveLength(4);
    expect(rows[1]).toHaveTextContent('Alice Example');
    expect(rows[1]).toHaveTextContent('14:00'); // 13:00 UTC is 14:00 in Berlin
    expect(rows[1]).toHaveTextContent('16:30');
    expect(rows[1]).toHaveTextContent('2:30');
    expect(rows[1]).toHaveTextContent('=1+1');
    expect(rows[2]).toHaveTextContent('22:00');
    expect(rows[2]).toHaveTextContent('03 Nov 2026 02:15'); // ends the next day
    expect(rows[2]).toHaveTextContent('4:15');
    expect(rows[3]).toHaveTextContent('Total Time');
    expect(screen.getByTestId('working-time-total')).toHaveTextContent('121:05');
    expect(screen.getByText('1–50 of 120 entries')).toBeInTheDocument();

    const first = requests[0]!;
    const month = thisMonthRange('Europe/Berlin');
    expect(Object.fromEntries(first.searchParams)).toEqual({ customerId: 'cust-1', from: month.from, to: month.to, limit: '50', offset: '0' });

    await userEvent.setup().click(screen.getByRole('button', { name: /Next/ }));
    await waitFor(() => expect(requests.at(-1)?.searchParams.get('offset')).toBe('50'));
  });

  it('says so when the range is empty', async () => {
    stubFetch({ 'GET /api/users': () => jsonResponse({ items: [] }), 'GET /api/work-entries': () => jsonResponse(list([])) });
    renderTab();
    expect(await screen.findByText('No working time in this range')).toBeInTheDocument();
    expect(screen.queryByTestId('working-time-total')).toBeNull();
    expect(screen.getByText(/0 entries · Total Time 0:00/)).toBeInTheDocument();
  });

  it('shows the server’s message and retries on an error', async () => {
    let calls = 0;
    stubFetch({
      'GET /api/users': () => jsonResponse({ items: [] }),
      'GET /api/work-entries': () => {
        calls += 1;
        return calls === 1 ? errorResponse(403, 'FORBIDDEN', 'Members can only see their own entries.') : jsonResponse(list([]));
      },
    });
    renderTab();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Members can only see their own entries.');
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('No working time in this range')).toBeInTheDocument();
  });

  it('a running session shows "running" and its total and the Total Time count up live', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(new Date('2026-11-20T12:00:00.000Z'));
    stubFetch({
      'GET /api/users': () => jsonResponse({ items: [] }),
      'GET /api/work-entries': () => jsonResponse(list([
        entry({ id: 'run', startedAt: '2026-11-20T11:00:00.000Z', stoppedAt: null, userId: 'u-member', user: { id: 'u-member', name: 'Mia Member' } }),
        entry({ id: 'done', startedAt: '2026-11-19T08:00:00.000Z', stoppedAt: '2026-11-19T09:00:00.000Z', userId: 'u-member', user: { id: 'u-member', name: 'Mia Member' } }),
        // As the server does: the running one counts up to the moment it answers.
      ], { totalMinutes: 60 + Math.floor((Date.now() - Date.parse('2026-11-20T11:00:00.000Z')) / 60_000) })),
    });
    renderTab(makeMe());
    const table = await screen.findByRole('table');
    const running = (await within(table).findByText('running')).closest('tr')!;
    expect(running).toHaveTextContent('1:00');
    expect(screen.getByTestId('working-time-total')).toHaveTextContent('2:00');
    // Members: no user filter; the running row can be edited (note, category) but not deleted.
    expect(screen.queryByRole('combobox', { name: 'User' })).toBeNull();
    expect(within(running).getByRole('button', { name: /Edit entry/ })).toBeInTheDocument();
    expect(within(running).queryByRole('button', { name: /Delete entry/ })).toBeNull();

    for (let minute = 0; minute < 5; minute++) {
      await act(async () => {
        vi.advanceTimersByTime(60_000);
      });
    }
    expect(running).toHaveTextContent('1:05');
    expect(screen.getByTestId('working-time-total')).toHaveTextContent('2:05');
  });

  it('deletes a row after confirmation and reloads the list', async () => {
    let deleted = false;
    let listCalls = 0;
    stubFetch({
      'GET /api/users': () => jsonResponse({ items: [] }),
      'GET /api/work-entries': () => {
        listCalls += 1;
        return jsonResponse(deleted ? list([]) : list([entry({ id: 'e-1', startedAt: '2026-11-02T08:00:00.000Z', stoppedAt: '2026-11-02T11:00:00.000Z' })], { totalMinutes: 180 }));
      },
      'DELETE /api/work-entries/e-1': () => {
        deleted = true;
        return new Response(null, { status: 204 });
      },
    });
    renderTab();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /Delete entry/ }));
    const dialog = screen.getByRole('dialog', { name: 'Delete entry?' });
    expect(dialog).toHaveTextContent('Alice Example, Mon, 02 Nov 2026 09:00–12:00 (3:00)');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('No working time in this range')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(listCalls).toBeGreaterThanOrEqual(2);
  });
});
