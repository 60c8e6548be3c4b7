import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Customer, Me } from '@workdiary/shared';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CurrentUserContext } from '../../../lib/current-user';
import { errorResponse, jsonResponse, makeMe, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { CustomersPage } from './customers-page';

const customer = (i: number, over: Partial<Customer> = {}): Customer => ({
  id: `c-${i}`, name: `Client ${String(i).padStart(3, '0')}`, email: null, phone: null, address: null, archived: false, hourlyRate: null, ...over,
});

function renderPage(me: Me) {
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <CurrentUserContext value={me}>
        <MemoryRouter>
          <CustomersPage />
        </MemoryRouter>
      </CurrentUserContext>
    </QueryClientProvider>,
  );
}

describe('CustomersPage', () => {
  it('searches on the server as you type (debounced) and pages through the results', async () => {
    const queries: URLSearchParams[] = [];
    stubFetch({
      'GET /api/customers': ({ url }) => {
        queries.push(url.searchParams);
        const q = url.searchParams.get('q');
        const offset = Number(url.searchParams.get('offset'));
        if (q === 'acme') return jsonResponse({ items: [customer(1, { name: 'Acme Ltd', email: 'office@acme.example' })], total: 1, limit: 50, offset: 0 });
        // A few rows stand for the page of 50: the pager reads `total`, `limit` and `offset`.
        return jsonResponse({ items: Array.from({ length: 3 }, (_, i) => customer(offset + i)), total: 120, limit: 50, offset });
      },
    });
    renderPage(makeMe({ role: 'MANAGER' }));
    expect(await screen.findByRole('link', { name: 'Client 000' })).toHaveAttribute('href', '/customers/c-0');
    expect(screen.getByText('1–50 of 120 customers')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /Next/ }));
    expect(await screen.findByRole('link', { name: 'Client 050' })).toBeInTheDocument();

    await user.type(screen.getByRole('searchbox', { name: 'Search customers' }), 'acme');
    expect(await screen.findByRole('link', { name: 'Acme Ltd' })).toBeInTheDocument();
    // One request for the whole word (debounced), and a new search starts on the first page.
    const searches = queries.filter((p) => p.has('q'));
    expect(searches.map((p) => p.get('q'))).toEqual(['acme']);
    expect(searches[0]?.get('offset')).toBe('0');
    expect(screen.getByRole('button', { name: 'New customer' })).toBeInTheDocument();
  }, 15_000);

  it('members see no create or archive controls; an empty search says so; errors show the server message', async () => {
    let fail = true;
    stubFetch({
      'GET /api/customers': ({ url }) => {
        if (fail) {
          fail = false;
          return errorResponse(503, 'SERVICE_UNAVAILABLE', 'The database is not reachable.');
        }
        return jsonResponse({ items: url.searchParams.get('q') ? [] : [customer(1)], total: url.searchParams.get('q') ? 0 : 1, limit: 50, offset: 0 });
      },
    });
    renderPage(makeMe());
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The database is not reachable.');
    const user = userEvent.setup();
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('link', { name: 'Client 001' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'New customer' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Archive' })).toBeNull();
    await user.type(screen.getByRole('searchbox', { name: 'Search customers' }), 'zzz');
    await waitFor(() => expect(screen.getByText('No customer matches “zzz”')).toBeInTheDocument());
  });
});
