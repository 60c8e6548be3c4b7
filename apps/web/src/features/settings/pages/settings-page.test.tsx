import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_WORK_RULES, type Me } from '@workdiary/shared';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CurrentUserContext } from '../../../lib/current-user';
import { jsonResponse, makeMe, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { SettingsPage } from './settings-page';

function renderPage(me: Me, path = '/settings') {
  const queryClient = createTestQueryClient();
  const router = createMemoryRouter([{ path: '/settings', element: <SettingsPage /> }, { path: '/users', element: <h1>Users stub</h1> }], { initialEntries: [path] });
  render(
    <QueryClientProvider client={queryClient}>
      <CurrentUserContext value={me}>
        <RouterProvider router={router} />
      </CurrentUserContext>
    </QueryClientProvider>,
  );
  return { router, queryClient };
}

const member = makeMe();
const admin = makeMe({ id: 'u-admin', name: 'Ada Admin', role: 'ADMIN' });

describe('SettingsPage', () => {
  it('shows a member their own rules read-only', async () => {
    stubFetch({
      'GET /api/settings/work-rules/u-member': () => jsonResponse({
        ...DEFAULT_WORK_RULES, noteRequired: true, minSessionMinutes: 15, requiredMinutes: [450, 450, 450, 450, 450, 0, 0],
        userId: 'u-member', inherited: false, updatedAt: '2026-03-01T00:00:00.000Z',
      }),
    });
    renderPage(member);
    expect(await screen.findByText('Required: a stop without a note is refused')).toBeInTheDocument();
    expect(screen.getByText('15 minutes')).toBeInTheDocument();
    expect(screen.getByText('Not allowed')).toBeInTheDocument();
    expect(screen.getByText('37:30')).toBeInTheDocument(); // the week
    expect(screen.getByText(/Your administrator set these rules for you/)).toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument();
    expect(screen.queryByRole('switch')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Customer Timer Working settings' })).not.toBeInTheDocument();
  });

  it('lets an admin switch the Client Timer and updates the header’s user', async () => {
    const puts: unknown[] = [];
    let state = { clientTimer: true };
    stubFetch({
      'GET /api/settings/modules': () => jsonResponse(state),
      'PUT /api/settings/modules': (r) => {
        puts.push(r.body);
        state = r.body as typeof state;
        return jsonResponse(state);
      },
      'GET /api/me': () => jsonResponse({ ...admin, organization: { ...admin.organization, ...state } }),
    });
    const { queryClient } = renderPage(admin);
    queryClient.setQueryData(['me'], admin);
    const toggle = await screen.findByRole('switch', { name: 'Client Timer' });
    await waitFor(() => expect(toggle).toBeEnabled());
    await waitFor(() => expect(toggle).toHaveAttribute('aria-checked', 'true'));
    await userEvent.setup().click(toggle);
    await waitFor(() => expect(toggle).toHaveAttribute('aria-checked', 'false'));
    expect(puts).toEqual([{ clientTimer: false }]);
    await waitFor(() => expect(queryClient.getQueryData<Me>(['me'])?.organization.clientTimer).toBe(false));
  });

  it('opens the wizard from the button, and at Step 2 from ?open=categories', async () => {
    stubFetch({
      'GET /api/settings/modules': () => jsonResponse({ clientTimer: true }),
      'GET /api/users': () => jsonResponse({ items: [] }),
      'GET /api/settings/work-rules/u-admin': () => jsonResponse({ ...DEFAULT_WORK_RULES, userId: 'u-admin', inherited: true, updatedAt: null }),
      'GET /api/categories': () => jsonResponse({ items: [{ id: 'c1', name: 'Support', archived: false }] }),
    });
    const { router } = renderPage(admin);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Customer Timer Working settings' }));
    const dialog = await screen.findByRole('dialog', { name: 'Customer Timer Working settings' });
    expect(router.state.location.search).toBe('?open=customer-timer');
    await waitFor(() => expect(within(dialog).getByRole('combobox', { name: 'Rules for' })).toHaveValue('u-admin'));
    await userEvent.setup().click(within(dialog).getAllByRole('button', { name: 'Close' })[0]!);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(router.state.location.search).toBe('');

    await router.navigate('/settings?open=categories');
    expect(await screen.findByRole('heading', { name: 'Categories' })).toBeInTheDocument();
    expect(await screen.findByText('Support')).toBeInTheDocument();
  });
});
