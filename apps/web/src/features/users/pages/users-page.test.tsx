import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CurrentUserContext } from '../../../lib/current-user';
import { errorResponse, jsonResponse, makeMe, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { UsersPage } from './users-page';

const me = makeMe({ id: 'u-admin', name: 'Ada Admin', role: 'ADMIN' });
const items = [
  { id: 'u-admin', name: 'Ada Admin', email: 'ada@acme.test', role: 'ADMIN', active: true, pay: { type: 'MONTHLY', hourlyRate: null, monthlyBase: 520000, overtimeFactor: 1.25 }, atWork: null },
  { id: 'u-other', name: 'Otto Admin', email: 'otto@acme.test', role: 'ADMIN', active: true, pay: { type: 'HOURLY', hourlyRate: 2450, monthlyBase: null, overtimeFactor: 1.5 }, atWork: { customerId: 'c1', customerName: 'Acme Ltd', since: '2026-03-02T08:15:00.000Z' } },
];

function renderPage() {
  const router = createMemoryRouter([{ path: '/users', element: <UsersPage /> }], { initialEntries: ['/users'] });
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <CurrentUserContext value={me}>
        <RouterProvider router={router} />
      </CurrentUserContext>
    </QueryClientProvider>,
  );
}

describe('UsersPage', () => {
  it('lists users with pay in the organisation currency and who is at work', async () => {
    stubFetch({ 'GET /api/users': () => jsonResponse({ items }) });
    renderPage();
    const row = (await screen.findByRole('rowheader', { name: 'Otto Admin' })).closest('tr')!;
    expect(within(row).getByText(/€24\.50 \/ hour/)).toBeInTheDocument();
    expect(within(row).getByText('overtime × 1.5')).toBeInTheDocument();
    expect(within(row).getByText(/Acme Ltd · since .*09:15/)).toBeInTheDocument(); // not today: with its date
    const mine = screen.getByRole('rowheader', { name: /Ada Admin/ }).closest('tr')!;
    expect(within(mine).getByText(/€5,200\.00 \/ month/)).toBeInTheDocument();
    // No "deactivate yourself" button.
    expect(within(mine).queryByRole('button', { name: 'Deactivate' })).not.toBeInTheDocument();
  });

  it('asks before deactivating and shows LAST_ADMIN inline', async () => {
    const { fetchMock } = stubFetch({
      'GET /api/users': () => jsonResponse({ items }),
      'PATCH /api/users/u-other': () => errorResponse(422, 'LAST_ADMIN', 'Otto Admin is the last active administrator.'),
    });
    const user = userEvent.setup();
    renderPage();
    const row = (await screen.findByRole('rowheader', { name: 'Otto Admin' })).closest('tr')!;
    await user.click(within(row).getByRole('button', { name: 'Deactivate' }));
    const dialog = screen.getByRole('dialog', { name: 'Deactivate Otto Admin?' });
    expect(dialog).toHaveTextContent('Their running timer (Acme Ltd) is stopped now');
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));
    await waitFor(() => expect(within(dialog).getByRole('alert')).toHaveTextContent('Otto Admin is the last active administrator.'));
    const patch = fetchMock.mock.calls.find(([, init]) => init?.method === 'PATCH');
    expect(JSON.parse(String(patch?.[1]?.body))).toEqual({ active: false });
  });
});
