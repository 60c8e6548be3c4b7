import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { errorResponse, jsonResponse, makeMe, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { loginUrl } from '../../../lib/login-url';
import { LoginPage } from './login-page';

function renderLogin(initialEntry = '/login') {
  const queryClient = createTestQueryClient();
  const router = createMemoryRouter(
    [
      { path: '/login', element: <LoginPage /> },
      { path: '/customers', element: <h1>Customers stub</h1> },
      { path: '/diary', element: <h1>Diary stub</h1> },
    ],
    { initialEntries: [initialEntry] },
  );
  render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { router, queryClient };
}

async function fillAndSubmit(email = 'mia@acme.test', password = 'correct horse') {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText(/Email/), email);
  await user.type(screen.getByLabelText(/Password/), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginPage', () => {
  it('says the session ended when the app sent the user here mid-use, and not otherwise', async () => {
    stubFetch({ 'POST /api/auth/login': () => errorResponse(401, 'INVALID_CREDENTIALS', 'Email or password is wrong.') });
    renderLogin(loginUrl('/customers/c-1', { expired: true }));
    expect(screen.getByRole('status')).toHaveTextContent('Your session has ended');
    cleanup();
    renderLogin(loginUrl('/customers/c-1'));
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('shows the server error message when the credentials are wrong', async () => {
    stubFetch({ 'POST /api/auth/login': () => errorResponse(401, 'INVALID_CREDENTIALS', 'Email or password is wrong.') });
    const { router } = renderLogin();
    await fillAndSubmit();
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Email or password is wrong.'));
    expect(router.state.location.pathname).toBe('/login');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  });

  it('posts the credentials, shows progress, stores the user and goes where the user came from', async () => {
    let answer!: (response: Response) => void;
    const me = makeMe();
    const { fetchMock } = stubFetch({
      'POST /api/auth/login': () => new Promise<Response>((resolve) => (answer = resolve)),
    });
    const { router, queryClient } = renderLogin('/login?next=%2Fdiary');
    await fillAndSubmit('  mia@acme.test ', 'correct horse');

    const busy = await screen.findByRole('button', { name: 'Signing in…' });
    expect(busy).toBeDisabled();
    expect(fetchMock).toHaveBeenCalledOnce();
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/auth/login');
    expect(init?.method).toBe('POST');
    expect(JSON.parse(String(init?.body))).toEqual({ email: 'mia@acme.test', password: 'correct horse' });

    answer(jsonResponse({ user: me, token: 'jwt' }));
    expect(await screen.findByRole('heading', { name: 'Diary stub' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/diary');
    expect(queryClient.getQueryData(['me'])).toEqual(me);
  });

  it('goes to /customers by default and never to another origin', async () => {
    stubFetch({ 'POST /api/auth/login': () => jsonResponse({ user: makeMe(), token: 'jwt' }) });
    const { router } = renderLogin('/login?next=%2F%2Fevil.example');
    await fillAndSubmit();
    await waitFor(() => expect(router.state.location.pathname).toBe('/customers'));
  });

  it('checks the fields before calling the server', async () => {
    const { fetchMock } = stubFetch({});
    renderLogin();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByText('Email is required')).toBeInTheDocument();
    expect(screen.getByText('Password is required')).toBeInTheDocument();
    expect(screen.getByLabelText(/Email/)).toHaveAttribute('aria-invalid', 'true');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('says so when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    renderLogin();
    await fillAndSubmit();
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Cannot reach the server. Check your connection.'));
  });
});
