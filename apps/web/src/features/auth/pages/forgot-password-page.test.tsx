import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { errorResponse, jsonResponse, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { ForgotPasswordPage } from './forgot-password-page';
import { LoginPage } from './login-page';

function renderAt(initialEntry: string) {
  const router = createMemoryRouter(
    [
      { path: '/login', element: <LoginPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
    ],
    { initialEntries: [initialEntry] },
  );
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

describe('ForgotPasswordPage', () => {
  it('is reached from the sign-in page with the email typed there, and says a link is on its way', async () => {
    let answer!: (response: Response) => void;
    const { fetchMock } = stubFetch({ 'POST /api/auth/password-reset': () => new Promise<Response>((resolve) => (answer = resolve)) });
    const user = userEvent.setup();
    const router = renderAt('/login');
    await user.type(screen.getByLabelText(/Email/), 'mia@acme.test');
    await user.click(screen.getByRole('link', { name: 'Forgot password?' }));
    expect(router.state.location.pathname).toBe('/forgot-password');
    expect(screen.getByLabelText(/Email/)).toHaveValue('mia@acme.test');

    await user.click(screen.getByRole('button', { name: 'Send link' }));
    expect(await screen.findByRole('button', { name: 'Sending…' })).toBeDisabled();
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/api/auth/password-reset');
    expect(JSON.parse(String(init?.body))).toEqual({ email: 'mia@acme.test' });

    answer(jsonResponse({ mailEnabled: true }, { status: 202 }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('If an account uses mia@acme.test, a link to choose a new password is on its way.'));
    expect(screen.getByRole('link', { name: 'Go to sign in' })).toHaveAttribute('href', '/login');
  });

  it('says that no mail is sent when the server has no mail', async () => {
    stubFetch({ 'POST /api/auth/password-reset': () => jsonResponse({ mailEnabled: false }, { status: 202 }) });
    const user = userEvent.setup();
    renderAt('/forgot-password');
    await user.type(screen.getByLabelText(/Email/), 'mia@acme.test');
    await user.click(screen.getByRole('button', { name: 'Send link' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('This server sends no mail, so no link was sent.'));
  });

  it('checks the field before calling the server, and shows a refusal', async () => {
    const { fetchMock } = stubFetch({
      'POST /api/auth/password-reset': () => errorResponse(429, 'RATE_LIMITED', 'Too many requests.', { retryAfterSeconds: 42 }),
    });
    const user = userEvent.setup();
    renderAt('/forgot-password');
    await user.click(screen.getByRole('button', { name: 'Send link' }));
    expect(screen.getByText('Email is required')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
    await user.type(screen.getByLabelText(/Email/), 'mia@acme.test');
    await user.click(screen.getByRole('button', { name: 'Send link' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Too many attempts. Try again in 42 seconds.'));
    expect(screen.getByRole('button', { name: 'Send link' })).toBeEnabled();
  });
});
