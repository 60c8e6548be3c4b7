import type { ApiToken } from '@workdiary/shared';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CurrentUserContext } from '../../../lib/current-user';
import { errorResponse, jsonResponse, makeMe, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { ApiTokens } from './api-tokens';
import { CalendarFeed } from './calendar-feed';

const token = (id: string, name: string, extra: Partial<ApiToken> = {}): ApiToken => ({
  id, name, createdAt: '2026-11-30T08:00:00.000Z', lastUsedAt: null, expiresAt: null, ...extra,
});

function renderIn(children: React.ReactNode, role: 'MEMBER' | 'MANAGER' = 'MEMBER') {
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <CurrentUserContext value={makeMe({ role })}>{children}</CurrentUserContext>
    </QueryClientProvider>,
  );
}

describe('ApiTokens', () => {
  it('creates a token with a name and an expiry, shows it once with a copy button, and lists it', async () => {
    let items: ApiToken[] = [token('t1', 'Old script', { lastUsedAt: '2026-12-01T09:30:00.000Z', expiresAt: '2026-11-30T09:00:00.000Z' })];
    const { fetchMock } = stubFetch({
      'GET /api/me/tokens': () => jsonResponse({ items }),
      'POST /api/me/tokens': ({ body }) => {
        const { name, expiresAt } = body as { name: string; expiresAt: string | null };
        items = [token('t2', name, { expiresAt }), ...items];
        return jsonResponse({ id: 't2', name, token: 'wdp_secret-token-value', expiresAt }, { status: 201 });
      },
    });
    const user = userEvent.setup();
    renderIn(<ApiTokens />);
    const list = await screen.findByRole('list', { name: 'API tokens' });
    expect(within(list).getByText('Expired')).toBeInTheDocument();

    // A name is required.
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByText('Give the token a name, e.g. the script that uses it.')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Token name'), 'Payroll export');
    await user.selectOptions(screen.getByLabelText('Expires'), 'Never');
    await user.click(screen.getByRole('button', { name: 'Create token' }));
    const shown = await screen.findByLabelText('New token Payroll export');
    expect(shown).toHaveValue('wdp_secret-token-value');
    expect(screen.getByText('Copy the token now: for safety it is not shown again.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe('wdp_secret-token-value');
    await waitFor(() => expect(within(screen.getByRole('list', { name: 'API tokens' })).getAllByRole('listitem')).toHaveLength(2));
    const posts = fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(JSON.parse(String(posts[0]?.[1]?.body))).toEqual({ name: 'Payroll export', expiresAt: null });

    // Done hides the token for good.
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByDisplayValue('wdp_secret-token-value')).not.toBeInTheDocument();
  });

  it('revokes a token only after confirmation', async () => {
    let items = [token('t1', 'CI'), token('t2', 'Laptop')];
    const { fetchMock } = stubFetch({
      'GET /api/me/tokens': () => jsonResponse({ items }),
      'DELETE /api/me/tokens/t2': () => {
        items = items.filter((t) => t.id !== 't2');
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderIn(<ApiTokens />);
    await user.click(await screen.findByRole('button', { name: 'Revoke token Laptop' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Scripts using Laptop stop working at once. This cannot be undone.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'DELETE')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Revoke token Laptop' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(screen.queryByText('Laptop')).not.toBeInTheDocument());
    expect(screen.getByText('CI')).toBeInTheDocument();
    expect(fetchMock.mock.calls.filter(([, init]) => init?.method === 'DELETE')).toHaveLength(1);
  });

  it('shows an error with a retry, then the empty state', async () => {
    let fail = true;
    stubFetch({
      'GET /api/me/tokens': () => {
        if (fail) {
          fail = false;
          return errorResponse(500, 'INTERNAL', 'Something went wrong on our side.');
        }
        return jsonResponse({ items: [] });
      },
    });
    const user = userEvent.setup();
    renderIn(<ApiTokens />);
    expect(await screen.findByText('Could not load your API tokens')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /retry|try again/i }));
    expect(await screen.findByText('No API tokens')).toBeInTheDocument();
  });
});

describe('CalendarFeed', () => {
  it('makes the link, shows it once, and turns it off after confirmation', async () => {
    let active = false;
    stubFetch({
      'GET /api/me/calendar-feed': () => jsonResponse({ active, createdAt: active ? '2026-12-01T09:00:00.000Z' : null }),
      'POST /api/me/calendar-feed': () => {
        active = true;
        return jsonResponse({ url: 'http://localhost/api/calendar/wdc_abc.ics', createdAt: '2026-12-01T09:00:00.000Z' }, { status: 201 });
      },
      'DELETE /api/me/calendar-feed': () => {
        active = false;
        return new Response(null, { status: 204 });
      },
    });
    const user = userEvent.setup();
    renderIn(<CalendarFeed />, 'MANAGER');
    expect(await screen.findByText(/everyone's approved absences/)).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: 'Create calendar link' }));
    expect(await screen.findByLabelText('Calendar link')).toHaveValue('http://localhost/api/calendar/wdc_abc.ics');
    await user.click(await screen.findByRole('button', { name: 'Turn off' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Turn off' }));
    expect(await screen.findByText('No calendar link')).toBeInTheDocument();
    expect(screen.queryByLabelText('Calendar link')).not.toBeInTheDocument();
  });
});
