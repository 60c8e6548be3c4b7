import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { errorResponse, jsonResponse, makeMe, stubFetch } from '../test/fetch-stub';
import { createTestQueryClient } from '../test/query-client';
import { routes } from './router';

function renderAt(path: string) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

describe('routes of the users issue', () => {
  it('an empty database sends the sign-in page to first-run setup', async () => {
    stubFetch({
      'GET /api/me': () => errorResponse(401, 'UNAUTHENTICATED', 'Please sign in.'),
      'GET /api/setup': () => jsonResponse({ needed: true }),
    });
    const router = renderAt('/customers');
    expect(await screen.findByRole('heading', { name: 'Set up Workdiary' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/setup');
  });

  it('once set up, the sign-in page stays', async () => {
    stubFetch({ 'GET /api/setup': () => jsonResponse({ needed: false }) });
    const router = renderAt('/login');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
  });

  it('At work now is for managers and admins', async () => {
    stubFetch({ 'GET /api/me': () => jsonResponse(makeMe()) });
    renderAt('/at-work');
    expect(await screen.findByRole('heading', { name: "You don't have access to this page" })).toBeInTheDocument();
  });

  it('a manager sees At work now in the header and the page', async () => {
    stubFetch({
      'GET /api/me': () => jsonResponse(makeMe({ role: 'MANAGER', organization: { id: 'o', name: 'Acme', timeZone: 'Europe/Berlin', currency: 'EUR', clientTimer: false, locale: 'en-GB' } })),
      'GET /api/at-work': () => jsonResponse({ items: [] }),
    });
    renderAt('/at-work');
    expect(await screen.findByText('Nobody is at work right now')).toBeInTheDocument();
    expect(screen.getByRole('banner').querySelector('a[href="/at-work"]')).not.toBeNull();
  });
});
