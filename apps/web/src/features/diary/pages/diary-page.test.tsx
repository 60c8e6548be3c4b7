import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DiaryOverview, Me, MonthStates } from '@workdiary/shared';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CurrentUserContext } from '../../../lib/current-user';
import { errorResponse, jsonResponse, makeMe, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { DiaryPage } from './diary-page';

const manager = makeMe({ id: 'u-manager', name: 'Max Manager', role: 'MANAGER' });

const overview = (month: string, latestMonth: string | null = month): DiaryOverview => ({
  month,
  latestMonth,
  currency: 'EUR',
  items: [
    { userId: 'u-alice', name: 'Alice Example', active: true, totalMinutes: 9930, extraMinutes: 330, requiredMinutes: 9600, absenceMinutes: 0, salary: 424375, frozenAt: null, balanceMinutes: 330 },
    { userId: 'u-bob', name: 'Bob Example', active: true, totalMinutes: 9000, extraMinutes: 0, requiredMinutes: 9600, absenceMinutes: 0, salary: 330000, frozenAt: null, balanceMinutes: -600, violations: 3 },
    { userId: 'u-carl', name: 'Carl Gone', active: false, totalMinutes: 120, extraMinutes: 120, requiredMinutes: 9600, absenceMinutes: 0, salary: 5000, frozenAt: null },
  ],
  totals: { totalMinutes: 19050, extraMinutes: 450, salary: 759375 },
});

const states = (month: string): MonthStates => ({
  month,
  items: [
    { userId: 'u-alice', name: 'Alice Example', active: true, status: 'SUBMITTED', updatedAt: '2026-03-01T10:00:00.000Z', running: false, flaggedSessions: 2 },
    { userId: 'u-bob', name: 'Bob Example', active: true, status: 'OPEN', updatedAt: null, running: true, flaggedSessions: 0 },
    { userId: 'u-carl', name: 'Carl Gone', active: false, status: 'OPEN', updatedAt: null, running: false, flaggedSessions: 0 },
  ],
  events: [],
});

function Where() {
  const location = useLocation();
  return <output data-testid="where">{location.pathname + location.search}</output>;
}

function renderPage(me: Me, path = '/diary?month=2026-02') {
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <CurrentUserContext value={me}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/diary" element={<><DiaryPage /><Where /></>} />
            <Route path="/diary/:userId" element={<Where />} />
          </Routes>
        </MemoryRouter>
      </CurrentUserContext>
    </QueryClientProvider>,
  );
}

describe('DiaryPage (users × month)', () => {
  it('shows who is still missing; approving for everyone asks first, naming who has not submitted and the open findings', async () => {
    const approvals: unknown[] = [];
    stubFetch({
      'GET /api/diary': ({ url }) => jsonResponse(overview(url.searchParams.get('month') ?? '')),
      'GET /api/months': ({ url }) => jsonResponse(states(url.searchParams.get('month') ?? '')),
      'POST /api/months/2026-02/approve': ({ body }) => {
        approvals.push(body);
        return jsonResponse({ month: '2026-02', approved: ['u-alice', 'u-bob', 'u-carl'], alreadyApproved: [], items: [] });
      },
    });
    renderPage(manager);
    await waitFor(() => expect(screen.getByTestId('month-close-bar')).toHaveTextContent('Still missing (not submitted): Bob Example, Carl Gone. 0 of 3 approved.'));
    const bar = screen.getByTestId('month-close-bar');
    const user = userEvent.setup();
    await user.click(within(bar).getByRole('button', { name: 'Approve month for everyone' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve February 2026?' });
    expect(within(dialog).getByRole('region', { name: 'Not submitted yet (2)' })).toHaveTextContent('Bob ExampleCarl Gone');
    const findings = within(within(within(dialog).getByRole('region', { name: 'Open findings (2)' })).getByRole('list')).getAllByRole('listitem').map((li) => li.textContent);
    expect(findings).toEqual(['Alice Example: 2 sessions flagged for review', 'Bob Example: a timer is still running']);
    // Cancel approves nothing; the focus starts on Cancel.
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(approvals).toEqual([]);
    await user.click(within(bar).getByRole('button', { name: 'Approve month for everyone' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Approve for 3 people' }));
    await waitFor(() => expect(approvals).toEqual([{ all: true }]));
  });

  it('approving the selected people asks about them only', async () => {
    const approvals: unknown[] = [];
    stubFetch({
      'GET /api/diary': ({ url }) => jsonResponse(overview(url.searchParams.get('month') ?? '')),
      'GET /api/months': ({ url }) => jsonResponse(states(url.searchParams.get('month') ?? '')),
      'POST /api/months/2026-02/approve': ({ body }) => {
        approvals.push(body);
        return jsonResponse({ month: '2026-02', approved: ['u-alice'], alreadyApproved: [], items: [] });
      },
    });
    renderPage(manager);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('checkbox', { name: 'Select Alice Example' }));
    await user.click(within(screen.getByTestId('month-close-bar')).getByRole('button', { name: 'Approve selected (1)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve February 2026?' });
    expect(within(dialog).queryByRole('region', { name: /Not submitted yet/ })).not.toBeInTheDocument();
    expect(within(dialog).getByRole('region', { name: 'Open findings (1)' })).toHaveTextContent('Alice Example: 2 sessions flagged for review');
    await user.click(within(dialog).getByRole('button', { name: 'Approve for 1 person' }));
    await waitFor(() => expect(approvals).toEqual([{ userIds: ['u-alice'] }]));
  });

  it('does not offer approving a month that has not ended, and says why', async () => {
    stubFetch({
      'GET /api/diary': ({ url }) => jsonResponse(overview(url.searchParams.get('month') ?? '')),
      'GET /api/months': ({ url }) => jsonResponse(states(url.searchParams.get('month') ?? '')),
    });
    renderPage(manager, '/diary?month=2099-03');
    const bar = await screen.findByTestId('month-close-bar');
    const everyone = within(bar).getByRole('button', { name: 'Approve month for everyone' });
    expect(everyone).toBeDisabled();
    expect(everyone).toHaveAccessibleDescription('March 2099 has not ended yet: it can be approved from 01 Apr 2099 on.');
  });

  it('lists users with Total Hours, Extra Hours and Salary in the org currency, a totals row, and links to their month', async () => {
    const months: string[] = [];
    stubFetch({
      'GET /api/diary': ({ url }) => {
        months.push(url.searchParams.get('month') ?? '');
        return jsonResponse(overview(url.searchParams.get('month') ?? ''));
      },
      'GET /api/months': ({ url }) => jsonResponse(states(url.searchParams.get('month') ?? '')),
    });
    renderPage(manager);
    const table = await screen.findByRole('table', { name: 'Users for February 2026' });
    await within(table).findByText('Submitted');
    const link = await within(table).findByRole('link', { name: 'Alice Example' });
    expect(link).toHaveAttribute('href', '/diary/u-alice?month=2026-02');
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(5); // header, three people, totals
    // Alice has no working-time findings (0), Bob three (a marked count).
    expect(rows[1]).toHaveTextContent('Alice ExampleSubmitted165:305:305:300€4,243.75');
    expect(within(table).getByTestId('overview-violations-u-bob')).toHaveTextContent('3');
    expect(within(table).getByTestId('overview-violations-u-alice')).toHaveTextContent('0');
    // The overtime account's balance, negative with a minus sign.
    expect(rows[2]).toHaveTextContent('−10:00');
    expect(rows[3]).toHaveTextContent('Carl Gone');
    expect(within(rows[3] as HTMLElement).getByText('Inactive')).toBeInTheDocument();
    expect(rows[4]).toHaveTextContent('Total (3 people)317:307:30€7,593.75');

    // Sortable: by Total Hours ascending, then descending.
    const user = userEvent.setup();
    await user.click(within(table).getByRole('button', { name: /Total Hours/ }));
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('Carl Gone');
    await user.click(within(table).getByRole('button', { name: /Total Hours/ }));
    expect(within(table).getAllByRole('row')[1]).toHaveTextContent('Alice Example');

    // Previous month: a new request and the URL follows.
    await user.click(screen.getByRole('button', { name: 'Previous month' }));
    expect(await screen.findByRole('table', { name: 'Users for January 2026' })).toBeInTheDocument();
    expect(months).toEqual(['2026-02', '2026-01']);
    expect(screen.getByTestId('where')).toHaveTextContent('/diary?month=2026-01');
  });

  it('says that approved months show the figures they were approved with, only when one is listed', async () => {
    const frozen = overview('2026-02');
    frozen.items[0] = { ...frozen.items[0]!, frozenAt: '2026-03-02T09:00:00.000Z' };
    stubFetch({ 'GET /api/diary': () => jsonResponse(frozen), 'GET /api/months': ({ url }) => jsonResponse(states(url.searchParams.get('month') ?? '')) });
    renderPage(manager);
    expect(await screen.findByText(/Approved months show the figures they were approved with/)).toBeInTheDocument();
  });

  it('has no such note when no month is approved', async () => {
    stubFetch({ 'GET /api/diary': () => jsonResponse(overview('2026-02')), 'GET /api/months': ({ url }) => jsonResponse(states(url.searchParams.get('month') ?? '')) });
    renderPage(manager);
    expect(await screen.findByRole('link', { name: 'Alice Example' })).toBeInTheDocument();
    expect(screen.getByText(/Finished sessions only/)).toBeInTheDocument();
    expect(screen.queryByText(/Approved months show/)).not.toBeInTheDocument();
  });

  it('shows the server message with Retry when the overview fails', async () => {
    let fail = true;
    stubFetch({
      'GET /api/diary': ({ url }) => (fail ? errorResponse(503, 'SERVICE_UNAVAILABLE', 'The database is restarting.') : jsonResponse(overview(url.searchParams.get('month') ?? ''))),
    });
    renderPage(manager);
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('The database is restarting.'));
    const alert = screen.getByRole('alert');
    fail = false;
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('link', { name: 'Bob Example' })).toBeInTheDocument();
  });

  it('opens on the latest month with data when the current one is empty, from the one answer (no walking back)', async () => {
    const asked: string[] = [];
    stubFetch({
      'GET /api/diary': ({ url }) => {
        const month = url.searchParams.get('month') ?? '';
        asked.push(month);
        const empty = { ...overview(month, '2025-11'), totals: { totalMinutes: 0, extraMinutes: 0, salary: 0 } };
        return jsonResponse(month === '2025-11' ? overview(month, '2025-11') : empty);
      },
      'GET /api/months': ({ url }) => jsonResponse(states(url.searchParams.get('month') ?? '')),
    });
    renderPage(manager, '/diary');
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/diary?month=2025-11'));
    await waitFor(() => expect(screen.getByTestId('overview-total')).toHaveTextContent('317:30'));
    expect(asked).toHaveLength(2);
    expect(asked[1]).toBe('2025-11');
  });

  it('stays on the month in the URL even when it is empty', async () => {
    stubFetch({
      'GET /api/diary': ({ url }) => jsonResponse({ ...overview(url.searchParams.get('month') ?? '', '2025-11'), totals: { totalMinutes: 0, extraMinutes: 0, salary: 0 } }),
      'GET /api/months': ({ url }) => jsonResponse(states(url.searchParams.get('month') ?? '')),
    });
    renderPage(manager, '/diary?month=2026-02');
    await waitFor(() => expect(screen.getByTestId('overview-total')).toHaveTextContent('0:00'));
    expect(screen.getByTestId('where')).toHaveTextContent('/diary?month=2026-02');
  });

  it('sends a member to their own month', async () => {
    const { fetchMock } = stubFetch({});
    renderPage(makeMe({ id: 'u-mia', role: 'MEMBER' }));
    await waitFor(() => expect(screen.getByTestId('where')).toHaveTextContent('/diary/u-mia'));
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
