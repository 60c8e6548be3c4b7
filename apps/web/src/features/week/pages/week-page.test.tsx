import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { daysOfMonth, type DiaryDay, type WorkEntry } from '@workdiary/shared';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CurrentUserContext } from '../../../lib/current-user';
import { errorResponse, jsonResponse, makeMe, stubFetch, type StubRequest } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { WeekPage } from './week-page';

const me = makeMe({ id: 'u-member', role: 'MEMBER' });

function entry(id: string, start: string, stop: string, over: Partial<WorkEntry> = {}): WorkEntry {
  return {
    id, userId: 'u-member', customerId: 'c-acme', categoryId: 'k-dev', startedAt: start, stoppedAt: stop, note: '', source: 'MANUAL', flagged: false,
    user: { id: 'u-member', name: 'Mia' }, customer: { id: 'c-acme', name: 'Acme Ltd' }, category: { id: 'k-dev', name: 'Development', archived: false }, ...over,
  };
}

const month = (m: string) => ({
  items: daysOfMonth(m).map((date): DiaryDay => ({ date, entrance: null, exit: null, totalMinutes: 0, extraMinutes: 0, requiredMinutes: [0, 6].includes(new Date(`${date}T12:00:00Z`).getUTCDay()) ? 0 : 480, absenceMinutes: 0, holiday: null, absence: null, flagged: false, running: false })),
  totals: { totalMinutes: 0, extraMinutes: 0, requiredMinutes: 0, absenceMinutes: 0, salary: 0 },
  frozenAt: null, user: { id: 'u-member', name: 'Mia', active: true }, month: m, latestMonth: m, requiredByWeekday: [480, 480, 480, 480, 480, 0, 0], currency: 'EUR',
});

// Week 2026-W49: Monday 30 November … Sunday 6 December (Berlin). Monday: Acme 09:00–10:30 (Berlin).
const thisWeek = [entry('m1', '2026-11-30T08:00:00.000Z', '2026-11-30T09:30:00.000Z')];
const lastWeek = [entry('p1', '2026-11-24T08:00:00.000Z', '2026-11-24T09:00:00.000Z', { customerId: 'c-globex', customer: { id: 'c-globex', name: 'Globex GmbH' } })];

function renderPage(extra: Record<string, (r: StubRequest) => Response> = {}) {
  const writes: Array<{ key: string; body: unknown }> = [];
  const stub = stubFetch({
    'GET /api/work-entries': ({ url }) => {
      const items = url.searchParams.get('from') === '2026-11-30' ? thisWeek : lastWeek;
      return jsonResponse({ items, total: items.length, totalMinutes: 0, limit: 500, offset: 0 });
    },
    'GET /api/diary/u-member': ({ url }) => jsonResponse(month(url.searchParams.get('month') ?? '2026-11')),
    'POST /api/work-entries': ({ body }) => {
      writes.push({ key: 'POST', body });
      return jsonResponse(entry('new', '2026-12-01T07:00:00.000Z', '2026-12-01T08:00:00.000Z'), { status: 201 });
    },
    'PATCH /api/work-entries/m1': ({ body }) => {
      writes.push({ key: 'PATCH m1', body });
      return jsonResponse(thisWeek[0]);
    },
    ...extra,
  });
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <MemoryRouter initialEntries={['/week?week=2026-W49']}>
        <CurrentUserContext value={me}><WeekPage /></CurrentUserContext>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { writes, stub };
}

const cellFor = (name: RegExp) => screen.findByRole('button', { name });

describe('WeekPage', () => {
  it('adds a session at 08:00 on an empty day, adjusts the single manual session\'s stop, and shows the required hours', async () => {
    const user = userEvent.setup();
    const { writes } = renderPage();
    await user.click(await cellFor(/Acme Ltd · Development, Tue.*: empty/));
    await user.keyboard('{Enter}1:15{Enter}');
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]).toEqual({ key: 'POST', body: { customerId: 'c-acme', categoryId: 'k-dev', date: '2026-12-01', startTime: '08:00', stopTime: '09:15' } });

    await user.click(await cellFor(/Acme Ltd · Development, Mon.*: 1:30/));
    await user.keyboard('{Enter}{Control>}a{/Control}2{Enter}');
    await waitFor(() => expect(writes).toHaveLength(2));
    expect(writes[1]).toEqual({ key: 'PATCH m1', body: { stoppedAt: '2026-11-30T10:00:00.000Z' } });
    expect(await screen.findByRole('row', { name: /Required/ })).toHaveTextContent('40:00');
  });

  it('a new session on a day with sessions starts after the last one; a refusal is shown', async () => {
    const user = userEvent.setup();
    const { writes } = renderPage({
      'POST /api/work-entries': ({ body }) => {
        writes.push({ key: 'POST', body });
        return errorResponse(409, 'MONTH_LOCKED', 'November 2026 is approved and locked for payroll.');
      },
    });
    await user.click(await screen.findByRole('button', { name: "Copy last week's rows" }));
    await user.click(await cellFor(/Globex GmbH · Development, Mon.*: empty/));
    await user.keyboard('{Enter}0:30{Enter}');
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]?.body).toMatchObject({ customerId: 'c-globex', date: '2026-11-30', startTime: '10:30', stopTime: '11:00' });
    expect(await screen.findByRole('alert')).toHaveTextContent(/Not saved/);
  });

  it('adds a row from the customer and category pickers; it is refused without both, and a time typed into it books that pair', async () => {
    const user = userEvent.setup();
    const { writes } = renderPage({
      'GET /api/customers': ({ url }) => {
        const all = [{ id: 'c-initech', name: 'Initech AG', email: null, phone: null, address: null, archived: false, hourlyRate: null }];
        const items = all.filter((c) => c.name.toLowerCase().includes((url.searchParams.get('q') ?? '').toLowerCase()));
        return jsonResponse({ items, total: items.length, limit: 20, offset: 0 });
      },
      'GET /api/categories': () => jsonResponse({ items: [{ id: 'k-dev', name: 'Development', archived: false }, { id: 'k-sup', name: 'Support', archived: false }] }),
    });
    await cellFor(/Acme Ltd · Development, Mon.*: 1:30/);
    await user.click(screen.getByRole('button', { name: 'Add a row' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a row' });
    await user.click(within(dialog).getByRole('button', { name: 'Add a row' }));
    expect(await within(dialog).findByText('Choose a customer.')).toBeInTheDocument();
    expect(within(dialog).getByText('Choose a category.')).toBeInTheDocument();

    await user.type(within(dialog).getByRole('combobox', { name: /Customer/ }), 'Initech');
    await user.click(await within(dialog).findByRole('option', { name: /Initech AG/ }));
    const category = within(dialog).getByRole('combobox', { name: /Category/ });
    await waitFor(() => expect(within(category).getByRole('option', { name: 'Support' })).toBeInTheDocument());
    await user.selectOptions(category, 'Support');
    await user.click(within(dialog).getByRole('button', { name: 'Add a row' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    await user.click(await cellFor(/Initech AG · Support, Wed.*: empty/));
    await user.keyboard('{Enter}2{Enter}');
    await waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]).toEqual({ key: 'POST', body: { customerId: 'c-initech', categoryId: 'k-sup', date: '2026-12-02', startTime: '08:00', stopTime: '10:00' } });
  });

  it('shows the loading, error and empty states', async () => {
    stubFetch({
      'GET /api/work-entries': () => errorResponse(500, 'INTERNAL', 'Broken.'),
      'GET /api/diary/u-member': ({ url }) => jsonResponse(month(url.searchParams.get('month') ?? '2026-11')),
    });
    render(
      <QueryClientProvider client={createTestQueryClient()}>
        <MemoryRouter initialEntries={['/week?week=2026-W49']}><CurrentUserContext value={me}><WeekPage /></CurrentUserContext></MemoryRouter>
      </QueryClientProvider>,
    );
    expect(screen.getByText('Loading the week…')).toBeInTheDocument();
    expect(await screen.findByText(/The week could not be loaded/)).toBeInTheDocument();
  });

  it('says so when the week is empty', async () => {
    stubFetch({
      'GET /api/work-entries': () => jsonResponse({ items: [], total: 0, totalMinutes: 0, limit: 500, offset: 0 }),
      'GET /api/diary/u-member': ({ url }) => jsonResponse(month(url.searchParams.get('month') ?? '2026-11')),
    });
    render(
      <QueryClientProvider client={createTestQueryClient()}>
        <MemoryRouter initialEntries={['/week?week=2026-W49']}><CurrentUserContext value={me}><WeekPage /></CurrentUserContext></MemoryRouter>
      </QueryClientProvider>,
    );
    expect(await screen.findByText('No time recorded this week yet.')).toBeInTheDocument();
  });
});
