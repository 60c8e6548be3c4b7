import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { errorResponse, jsonResponse, makeMe, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { ResetPasswordPage } from './reset-password-page';

const TOKEN = 'a'.repeat(43);

function renderReset(initialEntry = `/reset-password?token=${TOKEN}`) {
  const queryClient = createTestQueryClient();
  const router = createMemoryRouter(
    [
      { path: '/reset-password', element: <ResetPasswordPage /> },
      { path: '/forgot-password', element: <h1>Forgot stub</h1> },
      { path: '/', element: <h1>Home stub</h1> },
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

async function choose(password: string, repeat = password) {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText(/^New password/), password);
  await user.type(screen.getByLabelText(/^Repeat password/), repeat);
  await user.click(screen.getByRole('button', { name: 'Set password and sign in' }));
}

describe('ResetPasswordPage', () => {
  it('sets the new password with the link\'s token, signs in and goes home', async () => {
    const me = makeMe();
    const { fetchMock } = stubFetch({ 'POST /api/auth/password-reset/confirm': () => jsonResponse({ user: me, token: 'jwt' }) });
    const { router, queryClient } = renderReset();
    await choose('a brand new secret');
    expect(await screen.findByRole('heading', { name: 'Home stub' })).toBeInTheDocument();
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/auth/password-reset/confirm');
    expect(JSON.parse(String(init?.body))).toEqual({ token: TOKEN, password: 'a brand new secret' });
    expect(router.state.location.pathname).toBe('/');
    expect(queryClient.getQueryData(['me'])).toEqual(me);
  });

  it('checks the two fields before calling the server', async () => {
    const { fetchMock } = stubFetch({});
    renderReset();
    await choose('short');
    expect(screen.getByText('Use at least 8 characters')).toBeInTheDocument();
    await userEvent.setup().clear(screen.getByLabelText(/^New password/));
    await choose('long enough 1', 'long enough 2');
    expect(screen.getByText('The two passwords differ')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('says a used link is used and offers a new one', async () => {
    stubFetch({
      'POST /api/auth/password-reset/confirm': () => errorResponse(410, 'RESET_LINK_USED', 'This password-reset link was already used. Ask for a new one on the sign-in page if you need to.'),
    });
    renderReset();
    await choose('a brand new secret');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('This password-reset link was already used. Ask for a new one on the sign-in page if you need to.'));
    expect(screen.queryByLabelText(/^New password/)).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Ask for a new link' })).toHaveAttribute('href', '/forgot-password');
  });

  it('says an expired link has expired', async () => {
    stubFetch({
      'POST /api/auth/password-reset/confirm': () => errorResponse(410, 'RESET_LINK_EXPIRED', 'This password-reset link has expired (links work for one hour). Ask for a new one on the sign-in page.'),
    });
    renderReset();
    await choose('a brand new secret');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('This password-reset link has expired (links work for one hour).'));
  });

  it('explains an incomplete link without asking for a password', () => {
    stubFetch({});
    renderReset('/reset-password?token=abc');
    expect(screen.getByRole('alert')).toHaveTextContent('This link is incomplete. Open the whole link from the mail.');
    expect(screen.queryByLabelText(/^New password/)).not.toBeInTheDocument();
  });
});
