import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetServerClock } from '../../../lib/server-clock';
import { resetTimerStore } from '../../../stores/timer-store';
import { jsonResponse, stubFetch, timerDialogStubs, type StubRequest } from '../../../test/fetch-stub';
import { ACME, customer, FakeEventSource, GLOBEX, makeEntry, REGULAR, renderSignedIn, SUPPORT } from '../test-utils';
import { HeaderTimer } from './header-timer';

// The Customer Timer dialog's customer field: what it shows is what is booked. It is pre-filled
// with the last customer; the list (opened only by typing, ↓ or its arrow) must not replace that on a plain Enter.

const INITECH = { id: 'cust-initech', name: 'Initech AG' };
const CUSTOMERS = [customer(ACME), customer(GLOBEX), customer(INITECH)];

beforeEach(() => {
  resetServerClock();
  resetTimerStore();
  vi.stubGlobal('EventSource', FakeEventSource);
});

/** The last session: Globex × Support, so the dialog pre-fills those. */
const lastSession = makeEntry({
  id: 'entry-0', customerId: GLOBEX.id, customer: GLOBEX, categoryId: SUPPORT.id, category: SUPPORT,
  startedAt: '2026-03-01T08:00:00.000Z', stoppedAt: '2026-03-01T09:00:00.000Z',
});

function stubApi({ running = null, customers, entries }: { running?: ReturnType<typeof makeEntry> | null; customers?: (r: StubRequest) => Response | Promise<Response>; entries?: Promise<void> } = {}) {
  const posted: Array<{ path: string; body: unknown }> = [];
  const answer = (entry: ReturnType<typeof makeEntry>) => jsonResponse(entry, { status: 201 });
  const started = makeEntry({ id: 'entry-2', customerId: GLOBEX.id, customer: GLOBEX, categoryId: SUPPORT.id, category: SUPPORT, startedAt: new Date().toISOString() });
  const stub = stubFetch({
    'GET /api/timer': () => jsonResponse({ running }),
    'GET /api/categories': () => jsonResponse({ items: [REGULAR, SUPPORT] }),
    ...timerDialogStubs(),
    'GET /api/work-entries': async () => {
      await entries;
      return jsonResponse({ items: [...(running ? [running] : []), lastSession], totalMinutes: 60, total: 1, limit: 40, offset: 0 });
    },
    'GET /api/customers': customers ?? (({ url }) => {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const items = CUSTOMERS.filter((c) => c.name.toLowerCase().includes(q));
      return jsonResponse({ items, total: items.length, limit: 20, offset: 0 });
    }),
    'POST /api/timer/start': ({ path, body }) => {
      posted.push({ path, body });
      return answer(started);
    },
    'POST /api/timer/switch': ({ path, body }) => {
      posted.push({ path, body });
      return jsonResponse({ stopped: { ...running, stoppedAt: new Date().toISOString() }, running: started });
    },
  });
  return { ...stub, posted };
}

/** The customer list's options (the category field is a native select with options of its own). */
const customerOptions = (combo: HTMLElement) => {
  const list = document.getElementById(combo.getAttribute('aria-controls') ?? '');
  return list ? within(list).queryAllByRole('option') : [];
};
const highlighted = (combo: HTMLElement) => customerOptions(combo).filter((o) => o.getAttribute('aria-selected') === 'true');

const customersAsked = (fetchMock: ReturnType<typeof stubFetch>['fetchMock']) =>
  fetchMock.mock.calls.filter(([url]) => new URL(String(url), 'http://x').pathname === '/api/customers').length;

describe('Customer Timer: a pre-filled customer is kept', () => {
  it('plain Enter on the pre-filled field starts the timer for the customer it shows', async () => {
    const api = stubApi();
    renderSignedIn(<HeaderTimer />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Start Work' }));
    const dialog = await screen.findByRole('dialog', { name: 'Customer Timer' });
    const combo = within(dialog).getByRole('combobox', { name: /Customer/ });
    expect(combo).toHaveFocus();
    await waitFor(() => expect(combo).toHaveValue('Globex GmbH'));
    await waitFor(() => expect(within(dialog).getByRole('combobox', { name: /Category/ })).toHaveValue(SUPPORT.id));
    // Whatever the list did while the dialog opened, nothing is highlighted in it now.
    expect(highlighted(combo)).toEqual([]);
    expect(combo).not.toHaveAttribute('aria-activedescendant');

    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.posted).toEqual([{ path: '/api/timer/start', body: { customerId: GLOBEX.id, categoryId: SUPPORT.id } }]));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('the customer list answering after the pre-fill does not take over the field (the dialog opened on a slow connection)', async () => {
    // The list is asked for while the field is still empty (autofocus), and answers after the pre-fill.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const api = stubApi({
      customers: async () => {
        await held;
        return jsonResponse({ items: CUSTOMERS, total: CUSTOMERS.length, limit: 20, offset: 0 });
      },
    });
    renderSignedIn(<HeaderTimer />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Start Work' }));
    const dialog = await screen.findByRole('dialog', { name: 'Customer Timer' });
    const combo = within(dialog).getByRole('combobox', { name: /Customer/ });
    await waitFor(() => expect(combo).toHaveValue('Globex GmbH'));
    await waitFor(() => expect(within(dialog).getByRole('combobox', { name: /Category/ })).toHaveValue(SUPPORT.id));
    // The list does not open by itself, so nothing is asked for until the user opens it.
    expect(customersAsked(api.fetchMock)).toBe(0);
    await act(async () => release());
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.posted).toEqual([{ path: '/api/timer/start', body: { customerId: GLOBEX.id, categoryId: SUPPORT.id } }]));
  });

  it('Switch: plain Enter keeps the pre-filled customer', async () => {
    const running = makeEntry({ note: 'Printer' });
    const api = stubApi({ running });
    renderSignedIn(<HeaderTimer />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Switch' }));
    const dialog = await screen.findByRole('dialog', { name: 'Switch customer' });
    const combo = within(dialog).getByRole('combobox', { name: /Customer/ });
    await waitFor(() => expect(combo).toHaveValue('Globex GmbH'));
    await waitFor(() => expect(within(dialog).getByRole('combobox', { name: /Category/ })).toHaveValue(SUPPORT.id));
    // Opening the list by hand shows every customer and still highlights none.
    await user.click(within(dialog).getByRole('button', { name: 'Show customers' }));
    await waitFor(() => expect(customerOptions(combo)).toHaveLength(3));
    expect(highlighted(combo)).toEqual([]);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.posted).toEqual([{ path: '/api/timer/switch', body: expect.objectContaining({ customerId: GLOBEX.id, categoryId: SUPPORT.id }) as unknown }]));
  });

  it('what the user typed before the last customer was known is kept: the pre-fill comes too late to replace it', async () => {
    let release!: () => void;
    const api = stubApi({ entries: new Promise<void>((resolve) => (release = resolve)) });
    renderSignedIn(<HeaderTimer />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Start Work' }));
    const dialog = await screen.findByRole('dialog', { name: 'Customer Timer' });
    const combo = within(dialog).getByRole('combobox', { name: /Customer/ });
    await user.type(combo, 'ini');
    await act(async () => release());
    await waitFor(() => expect(customerOptions(combo).map((o) => o.textContent)).toEqual(['Initech AG']));
    expect(combo).toHaveValue('ini');
    await user.keyboard('{Enter}');
    expect(combo).toHaveValue('Initech AG');
    expect(api.posted).toEqual([]);
  });
});

describe('Customer Timer: the customer list does not open by itself (issue 25, defect 6)', () => {
  it('the dialog opens with the list shut and the recent pairs\' place held while they load', async () => {
    let release!: () => void;
    stubApi({ entries: new Promise<void>((resolve) => (release = resolve)) });
    renderSignedIn(<HeaderTimer />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Start Work' }));
    const dialog = await screen.findByRole('dialog', { name: 'Customer Timer' });
    const combo = within(dialog).getByRole('combobox', { name: /Customer/ });
    expect(combo).toHaveFocus();
    expect(within(dialog).getByRole('status', { name: 'Loading recent customers…' })).toBeInTheDocument();
    // Focused and still empty (the last customer not known yet): no list in the way.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(combo).toHaveAttribute('aria-expanded', 'false');
    expect(within(dialog).queryByRole('listbox')).not.toBeInTheDocument();
    await act(async () => release());
    await waitFor(() => expect(combo).toHaveValue('Globex GmbH'));
    expect(within(dialog).queryByRole('status', { name: 'Loading recent customers…' })).not.toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: /Globex GmbH/ })).toBeInTheDocument();
    expect(combo).toHaveAttribute('aria-expanded', 'false');
    expect(within(dialog).queryByRole('listbox')).not.toBeInTheDocument();
  });

  it('one Escape is one step back: it closes an open list, and with none open it closes the dialog', async () => {
    let release!: () => void;
    stubApi({ entries: new Promise<void>((resolve) => (release = resolve)) });
    renderSignedIn(<HeaderTimer />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Start Work' }));
    let dialog = await screen.findByRole('dialog', { name: 'Customer Timer' });
    let combo = within(dialog).getByRole('combobox', { name: /Customer/ });
    expect(combo).toHaveFocus();
    // No list open (the empty field is focused while the recent pairs load): the first Escape closes the dialog.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await act(async () => release());

    // With the list opened (↓), the first Escape closes the list only, the second the dialog.
    await user.click(await screen.findByRole('button', { name: 'Start Work' }));
    dialog = await screen.findByRole('dialog', { name: 'Customer Timer' });
    combo = within(dialog).getByRole('combobox', { name: /Customer/ });
    await waitFor(() => expect(combo).toHaveValue('Globex GmbH'));
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(customerOptions(combo)).toHaveLength(3));
    await user.keyboard('{Escape}');
    expect(within(dialog).queryByRole('listbox')).not.toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Customer Timer' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('Cancel closes the dialog on the first click, no list in the way', async () => {
    let release!: () => void;
    const api = stubApi({ entries: new Promise<void>((resolve) => (release = resolve)) });
    renderSignedIn(<HeaderTimer />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Start Work' }));
    const dialog = await screen.findByRole('dialog', { name: 'Customer Timer' });
    expect(within(dialog).getByRole('combobox', { name: /Customer/ })).toHaveFocus();
    await act(async () => release());
    expect(within(dialog).queryByRole('listbox')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.posted).toEqual([]);
  });
});
