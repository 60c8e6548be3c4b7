import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import type { PublicReport } from '@workdiary/shared';
import { MemoryRouter, Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';
import { errorResponse, jsonResponse, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { SharedReportPage } from './shared-report-page';

const TOKEN = 'tok_abcdefghijklmnopqrstuvwx';
const report: PublicReport = {
  organization: 'Demo Company', expiresAt: '2026-12-18T22:59:59.000Z',
  from: '2026-10-01', to: '2026-10-31', groupBy: ['customer', 'user'], currency: 'EUR',
  totalMinutes: 600, totalBillableMinutes: 600, totalAmount: 85_000,
  groups: [{ key: 'c-acme', label: 'Acme Ltd', minutes: 600, billableMinutes: 600, amount: 85_000, children: [{ key: 'u-a', label: 'Alice Example', minutes: 600, billableMinutes: 600, amount: 85_000 }] }],
  series: Array.from({ length: 31 }, (_, i) => ({ date: `2026-10-${String(i + 1).padStart(2, '0')}`, minutes: i === 4 ? 600 : 0 })),
  filters: { userId: null, customerId: null, categoryId: null },
};

function renderPage() {
  // No signed-in user: the page lives outside the app's auth guard.
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <MemoryRouter initialEntries={[`/shared/reports/${TOKEN}`]}>
        <Routes><Route path="/shared/reports/:token" element={<SharedReportPage />} /></Routes>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('SharedReportPage', () => {
  it('shows the organisation, range, totals, chart and table, read-only and without navigation', async () => {
    const { fetchMock } = stubFetch({ [`GET /api/public/reports/${TOKEN}`]: () => jsonResponse(report) });
    renderPage();
    expect(await screen.findByText('Demo Company')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Report 01 Oct 2026 – 31 Oct 2026' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('total-hours')).toHaveTextContent('10:00'));
    expect(screen.getByTestId('total-amount')).toHaveTextContent('€850.00');
    expect(await screen.findByRole('img', { name: /^Hours per day from/ })).toBeInTheDocument();
    const table = screen.getByRole('table', { name: 'Hours and amounts by Customer / Person' });
    expect(within(table).getByRole('button', { name: 'Acme Ltd' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Share' })).toBeNull();
    expect(screen.queryByRole('link')).toBeNull();
    // Only the public report was asked for (no /api/me).
    expect(fetchMock.mock.calls.map(([url]) => new URL(String(url), 'http://localhost').pathname)).toEqual([`/api/public/reports/${TOKEN}`]);
  });

  it('says plainly when the link has ended', async () => {
    stubFetch({ [`GET /api/public/reports/${TOKEN}`]: () => errorResponse(404, 'NOT_FOUND', 'This shared report does not exist or has ended.') });
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'This link has ended' })).toBeInTheDocument();
    expect(screen.getByText(/ended the link, or it expired/)).toBeInTheDocument();
  });
});
