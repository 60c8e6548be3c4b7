import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CurrentUserContext } from '../../../lib/current-user';
import { errorResponse, jsonResponse, makeMe, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { AtWorkCard } from './at-work-card';

const item = {
  entryId: 'e1', userId: 'u-bob', userName: 'Bob Example', customerId: 'c1', customerName: 'Acme Ltd',
  categoryName: 'Support', startedAt: new Date(Date.now() - 65 * 60_000).toISOString(),
};

function renderCard() {
  const router = createMemoryRouter([{ path: '/', element: <AtWorkCard /> }]);
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <CurrentUserContext value={makeMe({ role: 'MANAGER' })}>
        <RouterProvider router={router} />
      </CurrentUserContext>
    </QueryClientProvider>,
  );
}

describe('AtWorkCard', () => {
  it('lists who is at work with the elapsed time, and stops a timer with a note (server errors shown in the dialog)', async () => {
    let refuse = true;
    const { fetchMock } = stubFetch({
      'GET /api/at-work': () => jsonResponse({ items: refuse ? [item] : [] }),
      'POST /api/at-work/u-bob/stop': () => {
        if (refuse) {
          refuse = false;
          return errorResponse(422, 'NOTE_REQUIRED', 'A note is required: describe the work done in this session.');
        }
        return jsonResponse({
          id: 'e1', userId: 'u-bob', customerId: 'c1', categoryId: 'k1', startedAt: item.startedAt, stoppedAt: new Date().toISOString(),
          note: 'Went home at five', source: 'TIMER', flagged: false, user: { id: 'u-bob', name: 'Bob Example' },
          customer: { id: 'c1', name: 'Acme Ltd' }, category: { id: 'k1', name: 'Support', archived: false }, stoppedBy: { id: 'u-member', name: 'Mia Member' },
        });
      },
    });
    const user = userEvent.setup();
    renderCard();
    const row = (await screen.findByText('Bob Example')).closest('li')!;
    expect(row).toHaveTextContent('Acme Ltd · Support · since');
    expect(row).toHaveTextContent(/01:0[45]:\d\d/);

    await user.click(within(row).getByRole('button', { name: 'Stop Bob Example’s timer' }));
    const dialog = screen.getByRole('dialog', { name: 'Stop Bob Example’s timer' });
    await user.click(within(dialog).getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(within(dialog).getByRole('alert')).toHaveTextContent('A note is required'));

    await user.type(within(dialog).getByLabelText('Note'), 'Went home at five');
    await user.click(within(dialog).getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const posts = fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(posts[1]?.[1]?.body))).toEqual({ note: 'Went home at five' });
    expect(await screen.findByText('Nobody is at work right now.')).toBeInTheDocument();
  });
});
