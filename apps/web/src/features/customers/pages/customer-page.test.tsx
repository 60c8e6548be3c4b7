import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import type { Customer } from '@workdiary/shared';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CurrentUserContext } from '../../../lib/current-user';
import { jsonResponse, makeMe, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { CustomerPage } from './customer-page';

const base: Customer = { id: 'c-1', name: 'Acme Ltd', email: null, phone: null, address: null, archived: false, hourlyRate: null };

function renderPage(customer: Customer) {
  stubFetch({
    'GET /api/customers/c-1': () => jsonResponse(customer),
    'GET /api/work-entries': () => jsonResponse({ items: [], totalMinutes: 0, total: 0, limit: 50, offset: 0 }),
    'GET /api/users': () => jsonResponse({ items: [] }),
  });
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <CurrentUserContext value={makeMe({ role: 'MANAGER' })}>
        <MemoryRouter initialEntries={['/customers/c-1']}>
          <Routes><Route path="/customers/:customerId" element={<CustomerPage />} /></Routes>
        </MemoryRouter>
      </CurrentUserContext>
    </QueryClientProvider>,
  );
}

describe('CustomerPage: hourly rate', () => {
  it('shows the rate in the organisation currency', async () => {
    renderPage({ ...base, hourlyRate: 8550 });
    await waitFor(() => expect(screen.getByTestId('customer-rate')).toHaveTextContent('€85.50 / hour'));
  });

  it('says when the customer is not billable', async () => {
    renderPage(base);
    await waitFor(() => expect(screen.getByTestId('customer-rate')).toHaveTextContent('Not billable'));
  });
});
