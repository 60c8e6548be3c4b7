import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { errorResponse, jsonResponse, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { MySessions } from './my-sessions';

const session = (id: string, device: string, current: boolean) => ({
  id, device, current, createdAt: '2026-11-30T08:00:00.000Z', lastSeenAt: '2026-12-01T09:30:00.000Z', expiresAt: '2026-12-14T08:00:00.000Z',
});

function renderSessions() {
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <MySessions />
    </QueryClientProvider>,
  );
}

describe('MySessions', () => {
  it('lists the devices with the current one marked, and signs another one out', async () => {
    let items = [session('s1', 'Firefox on Linux', true), session('s2', 'Safari on iOS', false)];
    const { fetchMock } = stubFetch({
      'GET /api/me/sessions': () => jsonResponse({ items }),
      'DELETE /api/me/sessions/s2': () => {
        items = items.filter((s) => s.id !== 's2');
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderSessions();
    const list = await screen.findByRole('list', { name: 'Active sessions' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    expect(within(list).getByText('This device')).toBeInTheDocument();
    await user.click(within(list).getByRole('button', { name: /^Sign out Safari on iOS/ }));
    await waitFor(() => expect(screen.queryByText('Safari on iOS')).not.toBeInTheDocument());
    const deletes = fetchMock.mock.calls.filter(([, init]) => init?.method === 'DELETE');
    expect(deletes).toHaveLength(1);
  });

  it('shows an error with a retry, then the empty state', async () => {
    let fail = true;
    stubFetch({
      'GET /api/me/sessions': () => {
        if (fail) {
          fail = false;
          return errorResponse(500, 'INTERNAL', 'Something went wrong on our side.');
        }
        return jsonResponse({ items: [] });
      },
    });
    const user = userEvent.setup();
    renderSessions();
    expect(await screen.findByText('Could not load your sessions')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /retry|try again/i }));
    expect(await screen.findByText('No active sessions')).toBeInTheDocument();
  });

  it('issue 25: signs every other device out with one button, keeping this one', async () => {
    let items = [session('s1', 'Firefox on Linux', true), ...Array.from({ length: 15 }, (_, i) => session(`o${i}`, `Chrome ${i} on Windows`, false))];
    const { fetchMock } = stubFetch({
      'GET /api/me/sessions': () => jsonResponse({ items }),
      'DELETE /api/me/sessions': () => {
        items = items.filter((s) => s.current);
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderSessions();
    expect(await screen.findByText('Signed in on 15 other devices.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Sign out all other devices' }));
    expect(await screen.findByText('You are signed in on this device only.')).toBeInTheDocument();
    expect(within(screen.getByRole('list', { name: 'Active sessions' })).getAllByRole('listitem')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Sign out all other devices' })).not.toBeInTheDocument();
    const deletes = fetchMock.mock.calls.filter(([, init]) => init?.method === 'DELETE').map(([url]) => String(url));
    expect(deletes).toEqual(['/api/me/sessions']);
  });
});
