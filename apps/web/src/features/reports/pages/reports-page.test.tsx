import { QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Me, Report, ReportShare } from '@workdiary/shared';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CurrentUserContext } from '../../../lib/current-user';
import { errorResponse, jsonResponse, makeMe, stubFetch, type StubHandler } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { ReportsPage } from './reports-page';

const manager = makeMe({ id: 'u-manager', name: 'Max Manager', role: 'MANAGER' });
const member = makeMe();

function days(from: string, to: string, minutes = (i: number) => (i % 7 < 5 ? 300 : 0)) {
  const out: Report['series'] = [];
  for (let d = new Date(`${from}T00:00:00Z`), i = 0; d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1), i += 1) {
    out.push({ date: d.toISOString().slice(0, 10), minutes: minutes(i) });
  }
  return out;
}

/** A report for whatever was asked: two customers, each with two people under them when sub-grouped. */
function reportFor(url: URL, over: Partial<Report> = {}): Report {
  const from = url.searchParams.get('from') ?? '2026-11-01';
  const to = url.searchParams.get('to') ?? '2026-11-30';
  const groupBy = (url.searchParams.get('groupBy') ?? 'customer').split(',') as Report['groupBy'];
  const sub = groupBy.length > 1;
  return {
    from, to, groupBy, currency: 'EUR',
    totalMinutes: 9000, totalBillableMinutes: 6000, totalAmount: 850_000,
    groups: [
      {
        key: 'c-acme', label: 'Acme Ltd', minutes: 6000, billableMinutes: 6000, amount: 850_000,
        children: sub ? [
          { key: 'u-alice', label: 'Alice Example', minutes: 4000, billableMinutes: 4000, amount: 566_667 },
          { key: 'u-bob', label: 'Bob Example', minutes: 2000, billableMinutes: 2000, amount: 283_333 },
        ] : undefined,
      },
      {
        key: 'c-globex', label: 'Globex GmbH', minutes: 3000, billableMinutes: 0, amount: 0,
        children: sub ? [{ key: 'u-alice', label: 'Alice Example', minutes: 3000, billableMinutes: 0, amount: 0 }] : undefined,
      },
    ],
    series: days(from, to),
    filters: { userId: url.searchParams.get('userId'), customerId: url.searchParams.get('customerId'), categoryId: url.searchParams.get('categoryId') },
    ...over,
  };
}

const optionStubs: Record<string, StubHandler> = {
  'GET /api/users': () => jsonResponse({ items: [
    { id: 'u-alice', name: 'Alice Example', active: true },
    { id: 'u-bob', name: 'Bob Example', active: true },
    { id: 'u-old', name: 'Olga Former', active: false },
  ] }),
  'GET /api/customers': () => jsonResponse({ items: [
    { id: 'c-acme', name: 'Acme Ltd', email: null, phone: null, address: null, archived: false, hourlyRate: 8500 },
    { id: 'c-globex', name: 'Globex GmbH', email: null, phone: null, address: null, archived: false, hourlyRate: null },
  ], total: 2, limit: 200, offset: 0 }),
  'GET /api/categories': () => jsonResponse({ items: [
    { id: 'cat-dev', name: 'Development', archived: false },
    { id: 'cat-sup', name: 'Support', archived: false },
  ] }),
  'GET /api/reports/shares': () => jsonResponse({ items: [] }),
};

function Location() {
  const location = useLocation();
  return <output data-testid="location">{location.search}</output>;
}

function renderPage(path: string, me: Me = manager) {
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <CurrentUserContext value={me}>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path="/reports" element={<><ReportsPage /><Location /></>} />
          </Routes>
        </MemoryRouter>
      </CurrentUserContext>
    </QueryClientProvider>,
  );
}

/** Records every report request's query. */
function stubReports(answer: (url: URL) => Response = (url) => jsonResponse(reportFor(url)), extra: Record<string, StubHandler> = {}) {
  const asked: URLSearchParams[] = [];
  const stub = stubFetch({
    ...optionStubs,
    'GET /api/reports': ({ url }) => {
      asked.push(url.searchParams);
      return answer(url);
    },
    ...extra,
  });
  return { asked, ...stub };
}

const last = <T,>(list: T[]): T | undefined => list[list.length - 1];
const search = () => new URLSearchParams(screen.getByTestId('location').textContent ?? '');

beforeEach(() => {
  // Wednesday 18 November 2026, 11:00 in Berlin: the presets are worked out from this day.
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(new Date('2026-11-18T10:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ReportsPage', () => {
  it('asks for exactly the view the URL describes and shows it in the filters', async () => {
    const { asked } = stubReports();
    renderPage('/reports?from=2026-10-01&to=2026-10-31&groupBy=customer,user&userId=u-alice&categoryId=cat-dev');
    await waitFor(() => expect(screen.getByTestId('total-hours')).toHaveTextContent('150:00'));
    const query = last(asked)!;
    expect(Object.fromEntries(query)).toEqual({ from: '2026-10-01', to: '2026-10-31', groupBy: 'customer,user', userId: 'u-alice', categoryId: 'cat-dev' });
    expect(screen.getByLabelText('Period')).toHaveValue('custom');
    expect(screen.getByLabelText('From')).toHaveValue('2026-10-01');
    expect(screen.getByLabelText('To')).toHaveValue('2026-10-31');
    await waitFor(() => expect(screen.getByLabelText('Person')).toHaveValue('u-alice'));
    await waitFor(() => expect(screen.getByLabelText('Category')).toHaveValue('cat-dev'));
    expect(screen.getByLabelText('Group by')).toHaveValue('customer');
    expect(screen.getByLabelText('Then by')).toHaveValue('user');
  });

  it('opens this month by customer; each preset goes into the URL and the request', async () => {
    const { asked } = stubReports();
    renderPage('/reports');
    await waitFor(() => expect(last(asked)?.get('from')).toBe('2026-11-01'));
    expect(Object.fromEntries(last(asked)!)).toEqual({ from: '2026-11-01', to: '2026-11-30', groupBy: 'customer' });
    expect(screen.getByRole('heading', { level: 1, name: 'Reports' })).toBeInTheDocument();
    const user = userEvent.setup();

    const expectRange = async (preset: string, from: string, to: string) => {
      await user.selectOptions(screen.getByLabelText('Period'), preset);
      await waitFor(() => expect([last(asked)?.get('from'), last(asked)?.get('to')]).toEqual([from, to]));
      expect(search().get('range')).toBe(preset);
      expect(search().has('from')).toBe(false);
    };
    await expectRange('this-week', '2026-11-16', '2026-11-22');
    await expectRange('last-week', '2026-11-09', '2026-11-15');
    await expectRange('last-month', '2026-10-01', '2026-10-31');
    await expectRange('this-quarter', '2026-10-01', '2026-12-31');
    await expectRange('last-quarter', '2026-07-01', '2026-09-30');
    await expectRange('this-year', '2026-01-01', '2026-12-31');
    await expectRange('last-year', '2025-01-01', '2025-12-31');
  });

  it('custom range, filters and groups go into the URL and the request', async () => {
    const { asked } = stubReports();
    renderPage('/reports?range=last-year');
    await waitFor(() => expect(last(asked)?.get('from')).toBe('2025-01-01'));
    const user = userEvent.setup();

    // Custom starts from the range shown; its dates are in the URL.
    await user.selectOptions(screen.getByLabelText('Period'), 'custom');
    await waitFor(() => expect(search().get('from')).toBe('2025-01-01'));
    expect(search().get('to')).toBe('2025-12-31');

    await waitFor(() => expect(screen.getByRole('option', { name: 'Bob Example' })).toBeInTheDocument());
    await user.selectOptions(screen.getByLabelText('Person'), 'u-bob');
    await user.selectOptions(screen.getByLabelText('Customer'), 'c-acme');
    await user.selectOptions(screen.getByLabelText('Then by'), 'user');
    await waitFor(() => expect(Object.fromEntries(last(asked)!)).toEqual({
      from: '2025-01-01', to: '2025-12-31', groupBy: 'customer,user', userId: 'u-bob', customerId: 'c-acme',
    }));
    expect(search().get('groupBy')).toBe('customer,user');
    // Choosing the sub-group as the first group drops the sub-group.
    await user.selectOptions(screen.getByLabelText('Group by'), 'user');
    await waitFor(() => expect(last(asked)?.get('groupBy')).toBe('user'));
    // An inactive person is still offered (their time is in past reports).
    expect(screen.getByRole('option', { name: 'Olga Former (inactive)' })).toBeInTheDocument();
  });

  it('shows the totals, the charts with their text equivalents, and a table whose rows expand to the second level', async () => {
    stubReports();
    renderPage('/reports?range=last-month&groupBy=customer,user');
    await waitFor(() => expect(screen.getByTestId('total-hours')).toHaveTextContent('150:00'));
    expect(screen.getByTestId('total-billable')).toHaveTextContent('100:00');
    expect(screen.getByTestId('total-amount')).toHaveTextContent('€8,500.00');
    // 150 hours over October's 31 days.
    expect(screen.getByTestId('daily-average')).toHaveTextContent('4:50');
    expect(screen.getByText('over 31 days')).toBeInTheDocument();

    // The charts (lazily loaded) are images with a summary, and tables for screen readers.
    const timeChart = await screen.findByRole('img', { name: /^Hours per day from/ });
    expect(timeChart.getAttribute('aria-label')).toContain('the most was 5:00');
    expect(screen.getByRole('table', { name: 'Hours per day' })).toBeInTheDocument();
    expect(within(screen.getByRole('table', { name: 'Hours per day' })).getAllByRole('row')).toHaveLength(32);
    expect(screen.getByRole('img', { name: /^Share by Customer: Acme Ltd 66\.7 %, Globex GmbH 33\.3 %$/ })).toBeInTheDocument();

    const table = screen.getByRole('table', { name: 'Hours and amounts by Customer / Person' });
    const acme = within(table).getByRole('button', { name: 'Acme Ltd' });
    expect(acme).toHaveAttribute('aria-expanded', 'false');
    expect(within(table).queryByText('Bob Example')).toBeNull();
    const acmeRow = acme.closest('tr')!;
    expect(acmeRow).toHaveTextContent('100:00');
    expect(acmeRow).toHaveTextContent('€8,500.00');
    expect(acmeRow).toHaveTextContent('66.7 %');
    // No rate: no amount.
    expect(within(table).getByRole('button', { name: 'Globex GmbH' }).closest('tr')).toHaveTextContent('—');

    const user = userEvent.setup();
    await user.click(acme);
    expect(acme).toHaveAttribute('aria-expanded', 'true');
    const bob = within(table).getByRole('rowheader', { name: 'Bob Example' }).closest('tr')!;
    expect(bob).toHaveTextContent('33:20');
    expect(bob).toHaveTextContent('€2,833.33');
    await user.click(acme);
    expect(within(table).queryByText('Bob Example')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Expand all' }));
    expect(within(table).getAllByRole('rowheader', { name: 'Alice Example' })).toHaveLength(2);
    await user.click(screen.getByRole('button', { name: 'Collapse all' }));
    expect(within(table).queryAllByRole('rowheader', { name: 'Alice Example' })).toHaveLength(0);
    const footer = within(table).getByRole('rowheader', { name: 'Total' }).closest('tr')!;
    expect(footer).toHaveTextContent('150:00');
  });

  it('draws weekly bars for a long range', async () => {
    stubReports();
    renderPage('/reports?range=this-year');
    expect(await screen.findByRole('img', { name: /^Hours per week from/ })).toBeInTheDocument();
    // 1 Jan 2026 is a Thursday: the first bar is the week that started on Monday 29 December.
    const rows = within(screen.getByRole('table', { name: 'Hours per week' })).getAllByRole('row');
    expect(rows).toHaveLength(54);
    expect(rows[1]).toHaveTextContent('Week of Mon, 29 Dec 2025');
  });

  it('says when nothing was recorded, and shows the server message when the report fails', async () => {
    let fail = true;
    stubReports((url) => {
      if (url.searchParams.get('from') === '2020-01-01') {
        if (fail) {
          fail = false;
          return errorResponse(400, 'VALIDATION_ERROR', 'A report covers at most 5 years');
        }
      }
      return jsonResponse(reportFor(url, { totalMinutes: 0, totalBillableMinutes: 0, totalAmount: 0, groups: [], series: days(url.searchParams.get('from')!, url.searchParams.get('to')!, () => 0) }));
    });
    renderPage('/reports?range=last-week');
    expect(await screen.findByText('No time recorded in this period')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();

    const user = userEvent.setup();
    await user.selectOptions(screen.getByLabelText('Period'), 'custom');
    // A date input takes a whole date at once (as a browser's date picker sets it).
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2020-01-01' } });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load the report');
    expect(alert).toHaveTextContent('A report covers at most 5 years');
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getByText('No time recorded in this period')).toBeInTheDocument());
  });

  it('downloads the files for the same query', async () => {
    const files: string[] = [];
    const createObjectURL = vi.fn(() => 'blob:x');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const file = (name: string): StubHandler => ({ url }) => {
      files.push(`${url.pathname}?${url.searchParams.toString()}`);
      return new Response('x', { headers: { 'Content-Disposition': `attachment; filename="${name}"` } });
    };
    stubReports(undefined, { 'GET /api/reports.xlsx': file('report.xlsx'), 'GET /api/reports.pdf': file('report.pdf'), 'GET /api/reports.csv': file('report.csv') });
    renderPage('/reports?range=last-month&groupBy=customer,user&customerId=c-acme');
    await waitFor(() => expect(screen.getByTestId('total-hours')).toHaveTextContent('150:00'));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Export Excel' }));
    await user.click(screen.getByRole('button', { name: 'Export PDF' }));
    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(files).toHaveLength(3));
    const q = 'from=2026-10-01&to=2026-10-31&groupBy=customer%2Cuser&customerId=c-acme';
    expect(files).toEqual([`/api/reports.xlsx?${q}`, `/api/reports.pdf?${q}`, `/api/reports.csv?${q}`]);
  });

  it('shares the view by a link that shows in full, lists your links and ends one', async () => {
    let shares: ReportShare[] = [{
      id: 's-old', url: '', createdAt: '2026-11-01T09:00:00Z', expiresAt: '2026-12-01T22:59:59Z',
      query: { from: '2026-09-01', to: '2026-09-30', groupBy: ['category'], userId: null, customerId: null, categoryId: null },
    }];
    const created: unknown[] = [];
    const ended: string[] = [];
    stubReports(undefined, {
      'GET /api/reports/shares': () => jsonResponse({ items: shares }),
      'POST /api/reports/shares': ({ body }) => {
        created.push(body);
        return jsonResponse({ id: 's-new', url: '/shared/reports/tok_abcdefghijklmnopqrstuvwx' }, { status: 201 });
      },
      'DELETE /api/reports/shares/s-old': () => {
        ended.push('s-old');
        shares = [];
        return new Response(null, { status: 204 });
      },
    });
    renderPage('/reports?range=last-month&groupBy=customer,user&userId=u-alice');
    await waitFor(() => expect(screen.getByTestId('total-hours')).toHaveTextContent('150:00'));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Share' }));
    const dialog = await screen.findByRole('dialog', { name: 'Share this report' });
    // 30 days ahead by default.
    expect(within(dialog).getByLabelText(/Link expires after/)).toHaveValue('2026-12-18');
    expect(await within(dialog).findByText(/01 Sept? 2026 – 30 Sept? 2026 · Category/)).toBeInTheDocument();

    await user.click(within(dialog).getByRole('button', { name: 'Create link' }));
    await waitFor(() => expect(within(dialog).getByLabelText('Link to this report')).toHaveValue(`${window.location.origin}/shared/reports/tok_abcdefghijklmnopqrstuvwx`));
    expect(created).toEqual([{
      query: { from: '2026-10-01', to: '2026-10-31', groupBy: 'customer,user', userId: 'u-alice' },
      // Through the whole 18 December in Berlin.
      expiresAt: '2026-12-18T22:59:59.000Z',
    }]);

    await user.click(within(dialog).getByRole('button', { name: /^End the link for/ }));
    await waitFor(() => expect(within(dialog).getByText('You have no active links.')).toBeInTheDocument());
    expect(ended).toEqual(['s-old']);
  });

  it('refuses an expiry in the past without asking the server', async () => {
    const created: unknown[] = [];
    stubReports(undefined, { 'POST /api/reports/shares': ({ body }) => { created.push(body); return jsonResponse({ id: 'x', url: '/x' }, { status: 201 }); } });
    renderPage('/reports');
    await waitFor(() => expect(screen.getByTestId('total-hours')).toHaveTextContent('150:00'));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Share' }));
    const dialog = await screen.findByRole('dialog', { name: 'Share this report' });
    fireEvent.change(within(dialog).getByLabelText(/Link expires after/), { target: { value: '2026-11-01' } });
    await user.click(within(dialog).getByRole('button', { name: 'Create link' }));
    expect(await within(dialog).findByText('Choose a day from today to a year ahead.')).toBeInTheDocument();
    expect(created).toEqual([]);
  });

  it('gives a member "My report" without the person filter', async () => {
    const { asked } = stubReports();
    renderPage('/reports', member);
    expect(await screen.findByRole('heading', { level: 1, name: 'My report' })).toBeInTheDocument();
    await waitFor(() => expect(asked.length).toBeGreaterThan(0));
    expect(screen.queryByLabelText('Person')).toBeNull();
    expect(within(screen.getByLabelText('Group by')).queryByRole('option', { name: 'Person' })).toBeNull();
  });
});
