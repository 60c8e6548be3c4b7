import type { Me } from '@workdiary/shared';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { errorResponse, jsonResponse, makeMe, stubFetch } from '../test/fetch-stub';
import { createTestQueryClient } from '../test/query-client';
import { routes } from './router';

function renderApp(path: string, me: Me | 'signed-out') {
  stubFetch({
    'GET /api/me': () => (me === 'signed-out' ? errorResponse(401, 'UNAUTHENTICATED', 'Please sign in.') : jsonResponse(me)),
  });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

const member = makeMe();
const manager = makeMe({ id: 'u-manager', name: 'Max Manager', role: 'MANAGER' });
const admin = makeMe({ id: 'u-admin', name: 'Ada Admin', role: 'ADMIN' });

describe('router guards', () => {
  it('shows 403 to a member on an admin route', async () => {
    renderApp('/users', member);
    expect(await screen.findByRole('heading', { name: "You don't have access to this page" })).toBeInTheDocument();
  });

  it('shows a member their own work rules, read-only, under /settings', async () => {
    renderApp('/settings', member);
    expect(await screen.findByRole('heading', { name: 'My work rules' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Customer Timer Working settings' })).not.toBeInTheDocument();
  });

  it('shows 403 to a manager on the users page', async () => {
    renderApp('/users', manager);
    expect(await screen.findByRole('heading', { name: "You don't have access to this page" })).toBeInTheDocument();
  });

  it('lets an admin into settings', async () => {
    renderApp('/settings', admin);
    expect(await screen.findByRole('button', { name: 'Customer Timer Working settings' })).toBeInTheDocument();
    expect(screen.queryByText("You don't have access to this page")).not.toBeInTheDocument();
  });

  it('sends a signed-out visitor to login, remembering the page', async () => {
    const router = renderApp('/diary?month=2026-02', 'signed-out');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe('/diary?month=2026-02');
  });

  it('lets a member see their own month', async () => {
    renderApp(`/diary/${member.id}`, member);
    expect(await screen.findByRole('heading', { level: 1, name: 'My month' })).toBeInTheDocument();
  });

  it('refuses a member another user’s month', async () => {
    renderApp('/diary/u-someone-else', member);
    expect(await screen.findByRole('heading', { name: "You don't have access to this page" })).toBeInTheDocument();
  });

  it('sends a member from the diary list to their own month', async () => {
    const router = renderApp('/diary', member);
    expect(await screen.findByRole('heading', { level: 1, name: 'My month' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/diary/${member.id}`);
  });

  it('redirects / to /customers', async () => {
    const router = renderApp('/', manager);
    expect(await screen.findByRole('heading', { level: 1, name: 'Customers' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/customers');
  });

  it('shows 404 for an unknown path, inside the app frame', async () => {
    renderApp('/no-such-page', manager);
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  });
});

describe('header', () => {
  it('shows a member the organisation, "My month" and no admin links', async () => {
    renderApp('/customers', member);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(screen.getByText('Acme Ltd')).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'My month' })).toHaveAttribute('href', '/diary/u-member');
    expect(within(nav).queryByRole('link', { name: 'Work diary' })).not.toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'Settings' })).not.toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'My rules' })).toHaveAttribute('href', '/settings');
    expect(within(nav).queryByRole('link', { name: 'Users' })).not.toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'My report' })).toHaveAttribute('href', '/reports');
  });

  it('shows an admin the work diary, settings and users', async () => {
    renderApp('/customers', admin);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Work diary' })).toHaveAttribute('href', '/diary');
    expect(within(nav).getByRole('link', { name: 'Settings' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Users' })).toBeInTheDocument();
    expect(within(nav).queryByRole('link', { name: 'My month' })).not.toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Reports' })).toHaveAttribute('href', '/reports');
  });
});

describe('public routes', () => {
  it('shows a shared report without signing in, outside the app frame', async () => {
    renderApp('/shared/reports/tok_abcdefghijklmnopqrstuvwx', 'signed-out');
    // The stub answers nothing for the report: the page shows its error, but no sign-in and no navigation.
    expect(await screen.findByText('Could not load the report')).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Sign in' })).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
  });
});
