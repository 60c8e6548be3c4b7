import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Webhook, WebhookDelivery } from '@workdiary/shared';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CurrentUserContext } from '../../../lib/current-user';
import { errorResponse, jsonResponse, makeMe, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { WebhooksPage } from './webhooks-page';

const admin = makeMe({ id: 'u-admin', name: 'Ada Admin', role: 'ADMIN' });

function renderPage() {
  const router = createMemoryRouter([{ path: '/settings/webhooks', element: <WebhooksPage /> }, { path: '/settings', element: <h1>Settings stub</h1> }], { initialEntries: ['/settings/webhooks'] });
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <CurrentUserContext value={admin}><RouterProvider router={router} /></CurrentUserContext>
    </QueryClientProvider>,
  );
}

const failing: Webhook = {
  id: 'w1', url: 'https://hooks.example.com/in', events: ['entry.created', 'month.approved'], createdAt: '2026-12-01T08:00:00.000Z',
  enabled: false, disabledAt: '2026-12-02T09:00:00.000Z', disabledReason: 'FAILING', pending: 2, lastSuccessAt: null, lastFailureAt: '2026-12-02T09:00:00.000Z',
};
const delivery: WebhookDelivery = {
  id: 'd1', eventId: 'e1', type: 'entry.created', occurredAt: '2026-12-01T09:00:00.000Z', status: 'FAILED', attempts: 10,
  lastAttemptAt: '2026-12-02T09:00:00.000Z', responseStatus: 502, responseTimeMs: 31, error: null, nextAttemptAt: null,
};

describe('WebhooksPage', () => {
  it('starts empty; adding a webhook sends the URL and the chosen events, shows the secret once and lists it', async () => {
    const sent: unknown[] = [];
    let hooks: Webhook[] = [];
    stubFetch({
      'GET /api/webhooks': () => jsonResponse({ items: hooks }),
      'POST /api/webhooks': ({ body }) => {
        sent.push(body);
        hooks = [{ ...failing, id: 'w2', url: 'https://example.com/hook', events: (body as { events: string[] }).events, enabled: true, disabledAt: null, disabledReason: null, pending: 0 }];
        return jsonResponse({ id: 'w2', secret: 'whsec_abc123' }, { status: 201 });
      },
    });
    renderPage();
    expect(await screen.findByText('No webhooks yet')).toBeInTheDocument();
    const user = userEvent.setup();
    // Nothing is sent without a URL.
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));
    expect(await screen.findByText('Enter an http:// or https:// URL')).toBeInTheDocument();
    await user.type(screen.getByLabelText('Payload URL'), 'https://example.com/hook');
    await user.click(screen.getByLabelText('Timer started'));
    await user.click(screen.getByLabelText('Timer stopped'));
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ url: 'https://example.com/hook', events: ['entry.created', 'entry.updated', 'entry.deleted', 'month.approved', 'month.reopened'] });
    expect(await screen.findByTestId('webhook-secret')).toHaveTextContent('whsec_abc123');
    expect(await screen.findByText('https://example.com/hook', { selector: '.webhook-item__url' })).toBeInTheDocument();
    expect(screen.getByText('Active')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.queryByTestId('webhook-secret')).not.toBeInTheDocument();
  });

  it('a refused private address shows at the URL field', async () => {
    stubFetch({
      'GET /api/webhooks': () => jsonResponse({ items: [] }),
      'POST /api/webhooks': () => errorResponse(400, 'WEBHOOK_TARGET_PRIVATE', 'Webhooks cannot reach private addresses (10.0.0.1).'),
    });
    renderPage();
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Payload URL'), 'http://10.0.0.1/');
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));
    expect(await screen.findByText('Webhooks cannot reach private addresses (10.0.0.1).')).toBeInTheDocument();
  });

  it('a webhook turned off for failing says so; its log opens, a test event is sent, it is turned on again', async () => {
    const calls: string[] = [];
    stubFetch({
      'GET /api/webhooks': () => jsonResponse({ items: [failing] }),
      'GET /api/webhooks/w1/deliveries': () => jsonResponse({ items: [delivery] }),
      'POST /api/webhooks/w1/test': () => {
        calls.push('test');
        return jsonResponse({ id: 'd2', eventId: 'e2' }, { status: 202 });
      },
      'PATCH /api/webhooks/w1': ({ body }) => {
        calls.push(`patch ${JSON.stringify(body)}`);
        return jsonResponse({ ...failing, enabled: true, disabledAt: null, disabledReason: null });
      },
    });
    renderPage();
    expect(await screen.findByRole('alert')).toHaveTextContent(/a delivery failed for a day of retries/);
    expect(screen.getByText('Turned off')).toBeInTheDocument();
    expect(screen.getByText('2 pending')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Deliveries' }));
    const log = await screen.findByRole('region', { name: 'Delivery log' });
    expect(within(log).getByText('Failed')).toBeInTheDocument();
    expect(within(log).getByText(/HTTP 502/)).toBeInTheDocument();
    expect(within(log).getByText('10')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Send test event' }));
    await waitFor(() => expect(calls).toContain('test'));
    await user.click(screen.getByRole('button', { name: 'Turn on' }));
    await waitFor(() => expect(calls).toContain('patch {"enabled":true}'));
  });

  it('shows an error with a retry when the list cannot be loaded', async () => {
    stubFetch({ 'GET /api/webhooks': () => errorResponse(500, 'INTERNAL', 'boom') });
    renderPage();
    expect(await screen.findByText('Could not load the webhooks')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /retry|try again/i })).toBeInTheDocument();
  });
});
