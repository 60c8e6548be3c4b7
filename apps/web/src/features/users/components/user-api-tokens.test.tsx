import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { errorResponse, jsonResponse, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { UserApiTokens } from './user-api-tokens';

const token = (id: string, name: string) => ({ id, name, createdAt: '2026-11-30T08:00:00.000Z', lastUsedAt: null, expiresAt: null });

function renderTokens() {
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <UserApiTokens userId="u1" name="Mia" />
    </QueryClientProvider>,
  );
}

describe('UserApiTokens (admin, Edit user)', () => {
  it('lists the user\'s tokens and revokes one after an inline confirmation', async () => {
    let items = [token('t1', 'CI'), token('t2', 'Laptop')];
    const { fetchMock } = stubFetch({
      'GET /api/users/u1/tokens': () => jsonResponse({ items }),
      'DELETE /api/users/u1/tokens/t2': () => {
        items = items.filter((t) => t.id !== 't2');
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderTokens();
    expect(fetchMock).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Show API tokens' }));
    const list = await screen.findByRole('list', { name: 'API tokens of Mia' });
    expect(within(list).getAllByRole('listitem')).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Revoke token Laptop' }));
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'DELETE')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Yes, revoke' }));
    await waitFor(() => expect(screen.queryByText('Laptop')).not.toBeInTheDocument());
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'DELETE')).toHaveLength(1);
  });

  it('shows an error with a retry, then that there are none', async () => {
    let fail = true;
    stubFetch({
      'GET /api/users/u1/tokens': () => {
        if (fail) {
          fail = false;
          return errorResponse(500, 'INTERNAL', 'Something went wrong on our side.');
        }
        return jsonResponse({ items: [] });
      },
    });
    const user = userEvent.setup();
    renderTokens();
    await user.click(screen.getByRole('button', { name: 'Show API tokens' }));
    expect(await screen.findByText('Could not load the API tokens')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /retry|try again/i }));
    expect(await screen.findByText('Mia has no API tokens.')).toBeInTheDocument();
  });
});
