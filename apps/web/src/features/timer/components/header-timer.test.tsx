import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Button } from '../../../components/button';
import type * as ButtonModule from '../../../components/button';
import { resetServerClock } from '../../../lib/server-clock';
import { resetTimerStore } from '../../../stores/timer-store';
import { errorResponse, jsonResponse, makeMe, stubFetch, timerDialogStubs, type StubRequest } from '../../../test/fetch-stub';
import { ACME, customer, FakeEventSource, GLOBEX, makeEntry, REGULAR, renderSignedIn, SUPPORT } from '../test-utils';
import { HeaderTimer } from './header-timer';

// Count how often any Button renders: a tick must not re-render the header's buttons.
vi.mock('../../../components/button', async (importOriginal) => {
  const mod = await importOriginal<typeof ButtonModule>();
  return { ...mod, Button: vi.fn(mod.Button) };
});

const SERVER_NOW = Date.parse('2026-03-02T09:30:00.000Z');
const HOUR = 3_600_000;

beforeEach(() => {
  resetServerClock();
  resetTimerStore();
  document.title = 'Customers · Workdiary';
});

afterEach(() => {
  vi.useRealTimers();
});

/** The API as the header sees it; every answer carries the server clock like the real API. */
function stubTimerApi(opts: { running?: ReturnType<typeof makeEntry> | null; serverNow?: () => number; extra?: Record<string, (r: StubRequest) => Response | Promise<Response>> } = {}) {
  let running = opts.running ?? null;
  const serverTime = () => ({ 'X-Server-Time': String(opts.serverNow?.() ?? Date.now()) });
  const stub = stubFetch({
    'GET /api/timer': () => jsonResponse({ running }, { headers: serverTime() }),
    'GET /api/categories': () => jsonResponse({ items: [REGULAR, SUPPORT] }),
    ...timerDialogStubs(),
    'GET /api/customers': ({ url }) => {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const items = [customer(ACME), customer(GLOBEX)].filter((c) => c.name.toLowerCase().includes(q));
      return jsonResponse({ items, total: items.length, limit: 20, offset: 0 });
    },
    ...opts.extra,
  });
  return { ...stub, setRunning: (r: ReturnType<typeof makeEntry> | null) => (running = r) };
}

describe('HeaderTimer', () => {
  it('shows a busy state while loading, then a green Start Work', async () => {
    stubTimerApi();
    renderSignedIn(<HeaderTimer />);
    expect(screen.getByRole('button', { name: 'Timer…' })).toBeDisabled();
    const start = await screen.findByRole('button', { name: 'Start Work' });
    expect(start).toHaveClass('btn--primary');
    expect(screen.queryByRole('timer')).not.toBeInTheDocument();
  });

  it('shows the error and retries when the timer cannot be loaded', async () => {
    let calls = 0;
    stubFetch({
      'GET /api/timer': () => (++calls === 1 ? errorResponse(500, 'INTERNAL', 'Something went wrong on our side.') : jsonResponse({ running: null })),
    });
    renderSignedIn(<HeaderTimer />);
    await waitFor(() => expect(screen.getByText('Timer unavailable')).toHaveAttribute('title', 'Something went wrong on our side.'));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('button', { name: 'Start Work' })).toBeInTheDocument();
  });

  it('Start Work → Customer Timer (search a customer, pick a category) → Submit shows progress, then Stop work and the counter', async () => {
    let answer!: (r: Response) => void;
    const api = stubTimerApi({
      extra: { 'POST /api/timer/start': () => new Promise<Response>((resolve) => (answer = resolve)) },
    });
    renderSignedIn(<HeaderTimer />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Start Work' }));
    const dialog = await screen.findByRole('dialog', { name: 'Customer Timer' });
    const combo = within(dialog).getByRole('combobox', { name: /Customer/ });
    expect(combo).toHaveFocus();

    // Nothing chosen: the form says what is missing, sends nothing, and goes to the first gap.
    await user.click(within(dialog).getByRole('button', { name: 'Submit' }));
    expect(within(dialog).getByText('Choose a customer.')).toBeInTheDocument();
    expect(within(dialog).getByText('Choose a category.')).toBeInTheDocument();
    expect(combo).toHaveFocus();
    await user.type(combo, 'glo');
    await user.click(await within(dialog).findByRole('option', { name: /Globex GmbH/ }));
    expect(combo).toHaveValue('Globex GmbH');
    const category = within(dialog).getByRole('combobox', { name: /Category/ });
    await waitFor(() => expect(category).toBeEnabled());
    await user.selectOptions(category, 'Support');

    await user.click(within(dialog).getByRole('button', { name: 'Submit' }));
    const busy = within(dialog).getByRole('button', { name: 'Starting…' });
    expect(busy).toBeDisabled();
    await user.click(busy);
    const posts = api.fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(JSON.parse(String(posts[0]?.[1]?.body))).toEqual({ customerId: GLOBEX.id, categoryId: SUPPORT.id });

    const started = makeEntry({ customerId: GLOBEX.id, customer: GLOBEX, categoryId: SUPPORT.id, category: SUPPORT, startedAt: new Date().toISOString() });
    api.setRunning(started);
    await act(async () => answer(jsonResponse(started, { status: 201 })));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const stop = await screen.findByRole('button', { name: 'Stop work' });
    expect(stop).toHaveClass('btn--danger');
    expect(screen.getByRole('timer', { name: 'Entry Time' })).toHaveTextContent(/^00:00:0\d$/);
    expect(screen.getByText('· Globex GmbH')).toBeInTheDocument();
    // Focus is on the control that replaced Start Work, and the start was announced politely.
    await waitFor(() => expect(stop).toHaveFocus());
    expect(screen.getByRole('status')).toHaveTextContent('Timer started for Globex GmbH, Support.');
  });

  it("shows the server's message when the start is refused, and stays open", async () => {
    stubTimerApi({
      extra: { 'POST /api/timer/start': () => errorResponse(409, 'TIMER_ALREADY_RUNNING', 'A timer is already running (Acme Ltd, since 09:00). Stop it before starting another.') },
    });
    renderSignedIn(<HeaderTimer />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Start Work' }));
    const dialog = await screen.findByRole('dialog', { name: 'Customer Timer' });
    await user.type(within(dialog).getByRole('combobox', { name: /Customer/ }), 'acme');
    await user.click(await within(dialog).findByRole('option', { name: /Acme Ltd/ }));
    const category = within(dialog).getByRole('combobox', { name: /Category/ });
    await waitFor(() => expect(category).toBeEnabled());
    await user.selectOptions(category, 'Regular Hours');
    await user.click(within(dialog).getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(within(dialog).getByRole('alert')).toHaveTextContent('A timer is already running (Acme Ltd, since 09:00)'));
    expect(within(dialog).getByRole('button', { name: 'Submit' })).toBeEnabled();
  });

  describe('with the Client Timer module off', () => {
    const off = () => makeMe({ organization: { ...makeMe().organization, clientTimer: false } });

    it('is gone: no Start Work', async () => {
      const api = stubTimerApi();
      renderSignedIn(<HeaderTimer />, { me: off() });
      await waitFor(() => expect(api.fetchMock).toHaveBeenCalled());
      await new Promise((r) => setTimeout(r, 30));
      expect(screen.queryByRole('button', { name: 'Start Work' })).not.toBeInTheDocument();
      expect(screen.queryByRole('button')).not.toBeInTheDocument();
    });

    it('a timer that was already running still shows and can be stopped; then the header timer is gone', async () => {
      const running = makeEntry({ startedAt: new Date(Date.now() - 600_000).toISOString() });
      const api = stubTimerApi({
        running,
        extra: {
          'POST /api/timer/stop': () => {
            api.setRunning(null);
            return jsonResponse({ ...running, stoppedAt: new Date().toISOString() });
          },
        },
      });
      renderSignedIn(<HeaderTimer />, { me: off() });
      const user = userEvent.setup();
      await user.click(await screen.findByRole('button', { name: 'Stop work' }));
      const dialog = await screen.findByRole('dialog', { name: 'Note' });
      await user.click(within(dialog).getByRole('button', { name: 'Stop' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      await waitFor(() => expect(screen.queryByRole('button', { name: 'Stop work' })).not.toBeInTheDocument());
      expect(screen.queryByRole('button', { name: 'Start Work' })).not.toBeInTheDocument();
    });
  });

  describe('the counter', () => {
    it('counts from the server start on the server clock: a client clock an hour behind shows the right time', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(SERVER_NOW - HOUR); // the browser's clock is an hour behind
      stubTimerApi({ running: makeEntry({ startedAt: new Date(SERVER_NOW - 90_000).toISOString() }), serverNow: () => Date.now() + HOUR });
      renderSignedIn(<HeaderTimer />);
      const counter = await screen.findByRole('timer', { name: 'Entry Time' });
      await waitFor(() => expect(counter).toHaveTextContent('00:01:30'));
      vi.setSystemTime(SERVER_NOW - HOUR + 5_000);
      await waitFor(() => expect(counter).toHaveTextContent('00:01:35'));
    });

    it('…and a client clock an hour ahead too', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(SERVER_NOW + HOUR);
      stubTimerApi({ running: makeEntry({ startedAt: new Date(SERVER_NOW - 3 * HOUR - 61_000).toISOString() }), serverNow: () => Date.now() - HOUR });
      renderSignedIn(<HeaderTimer />);
      const counter = await screen.findByRole('timer', { name: 'Entry Time' });
      await waitFor(() => expect(counter).toHaveTextContent('03:01:01'));
    });

    it('a tick re-renders the counter alone: not the page, not the header, not its buttons', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(SERVER_NOW);
      stubTimerApi({ running: makeEntry({ startedAt: new Date(SERVER_NOW - 10_000).toISOString() }) });
      let pageRenders = 0;
      function Page() {
        pageRenders += 1;
        return (
          <div>
            <HeaderTimer />
            <main>Customers</main>
          </div>
        );
      }
      renderSignedIn(<Page />);
      const counter = await screen.findByRole('timer', { name: 'Entry Time' });
      await waitFor(() => expect(counter).toHaveTextContent('00:00:10'));
      const buttonRenders = vi.mocked(Button).mock.calls.length;
      const pageBefore = pageRenders;
      const seen: string[] = [];
      for (let s = 1; s <= 5; s += 1) {
        vi.setSystemTime(SERVER_NOW + s * 1000);
        await waitFor(() => expect(counter).toHaveTextContent(`00:00:1${s}`));
        seen.push(counter.textContent ?? '');
      }
      expect(seen).toEqual(['00:00:11', '00:00:12', '00:00:13', '00:00:14', '00:00:15']);
      expect(pageRenders).toBe(pageBefore);
      expect(vi.mocked(Button).mock.calls.length).toBe(buttonRenders);
      expect(screen.getByRole('button', { name: 'Stop work' })).toBeInTheDocument();
    });

    it('puts the running time in the tab title and takes it out when the timer stops', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(SERVER_NOW);
      const api = stubTimerApi({ running: makeEntry({ startedAt: new Date(SERVER_NOW - 3_723_000).toISOString() }) });
      const { queryClient } = renderSignedIn(<HeaderTimer />);
      await waitFor(() => expect(document.title).toBe('▶ 01:02:03 · Customers · Workdiary'));
      vi.setSystemTime(SERVER_NOW + 1000);
      await waitFor(() => expect(document.title).toBe('▶ 01:02:04 · Customers · Workdiary'));
      api.setRunning(null);
      await act(() => queryClient.invalidateQueries({ queryKey: ['timer'] }));
      await screen.findByRole('button', { name: 'Start Work' });
      expect(document.title).toBe('Customers · Workdiary');
    });
  });

  describe('Stop work → Note → Stop', () => {
    it('sends the note, shows progress, and goes back to Start Work', async () => {
      let answer!: (r: Response) => void;
      const running = makeEntry({ startedAt: new Date(Date.now() - 600_000).toISOString() });
      const api = stubTimerApi({
        running,
        extra: { 'POST /api/timer/stop': () => new Promise<Response>((resolve) => (answer = resolve)) },
      });
      renderSignedIn(<HeaderTimer />);
      const user = userEvent.setup();
      await user.click(await screen.findByRole('button', { name: 'Stop work' }));
      const dialog = await screen.findByRole('dialog', { name: 'Note' });
      expect(within(dialog).getByText('Acme Ltd')).toBeInTheDocument();
      expect(within(dialog).getByText('Regular Hours')).toBeInTheDocument();
      const note = within(dialog).getByRole('textbox', { name: 'Note' });
      expect(note).toHaveFocus();
      await user.type(note, 'Fixed the printer');
      await user.keyboard('{Control>}{Enter}{/Control}');
      expect(within(dialog).getByRole('button', { name: 'Stopping…' })).toBeDisabled();
      const post = api.fetchMock.mock.calls.find(([url]) => String(url) === '/api/timer/stop');
      expect(JSON.parse(String(post?.[1]?.body))).toEqual({ note: 'Fixed the printer' });
      api.setRunning(null);
      await act(async () => answer(jsonResponse({ ...running, stoppedAt: new Date().toISOString(), note: 'Fixed the printer' })));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(await screen.findByRole('button', { name: 'Start Work' })).toBeInTheDocument();
    });

    it("a refused stop shows the rule's message and offers: add a note, keep running, or discard (confirmed)", async () => {
      const running = makeEntry({ startedAt: new Date(Date.now() - 60_000).toISOString() });
      let stopAnswer = () => errorResponse(422, 'NOTE_REQUIRED', 'A note is required: describe the work done in this session.');
      const api = stubTimerApi({
        running,
        extra: {
          'POST /api/timer/stop': () => stopAnswer(),
          'DELETE /api/timer': () => {
            api.setRunning(null);
            return new Response(null, { status: 204 });
          },
        },
      });
      renderSignedIn(<HeaderTimer />);
      const user = userEvent.setup();
      await user.click(await screen.findByRole('button', { name: 'Stop work' }));
      let dialog = await screen.findByRole('dialog', { name: 'Note' });
      await user.click(within(dialog).getByRole('button', { name: 'Stop' }));
      // One message, under the field: the server's refusal is not repeated above it.
      expect(await within(dialog).findByText('Add a note to stop the timer.')).toBeInTheDocument();
      expect(within(dialog).queryByText('A note is required: describe the work done in this session.')).not.toBeInTheDocument();
      expect(within(dialog).getByRole('textbox', { name: 'Note' })).toHaveAttribute('aria-invalid', 'true');

      // Keep the timer running: closes, the timer still runs.
      await user.click(within(dialog).getByRole('button', { name: 'Keep the timer running' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(screen.getByRole('button', { name: 'Stop work' })).toBeInTheDocument();

      // 3. Too short: discard the session, after a confirmation.
      stopAnswer = () => errorResponse(422, 'SESSION_TOO_SHORT', 'Sessions must last at least 15 minutes; this one lasted 1 minute.', { minimum: 15, minutes: 1 });
      await user.click(screen.getByRole('button', { name: 'Stop work' }));
      dialog = await screen.findByRole('dialog', { name: 'Note' });
      await user.type(within(dialog).getByRole('textbox', { name: 'Note' }), 'Quick call');
      await user.click(within(dialog).getByRole('button', { name: 'Stop' }));
      await waitFor(() => expect(within(dialog).getByRole('alert')).toHaveTextContent('Sessions must last at least 15 minutes; this one lasted 1 minute.'));
      await user.click(within(within(dialog).getByRole('group', { name: 'What now?' })).getByRole('button', { name: 'Discard the session' }));
      const confirm = await screen.findByRole('dialog', { name: 'Discard this session?' });
      expect(api.fetchMock.mock.calls.some(([, init]) => init?.method === 'DELETE')).toBe(false);
      await user.click(within(confirm).getByRole('button', { name: 'Discard session' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(await screen.findByRole('button', { name: 'Start Work' })).toBeInTheDocument();
      expect(api.fetchMock.mock.calls.filter(([url, init]) => String(url) === '/api/timer' && init?.method === 'DELETE')).toHaveLength(1);
    });

    it('closes the Note dialog when the timer was stopped elsewhere', async () => {
      const api = stubTimerApi({
        running: makeEntry(),
        extra: { 'POST /api/timer/stop': () => errorResponse(409, 'TIMER_NOT_RUNNING', 'No timer is running.') },
      });
      renderSignedIn(<HeaderTimer />);
      const user = userEvent.setup();
      await user.click(await screen.findByRole('button', { name: 'Stop work' }));
      const dialog = await screen.findByRole('dialog', { name: 'Note' });
      api.setRunning(null);
      await user.click(within(dialog).getByRole('button', { name: 'Stop' }));
      await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
      expect(await screen.findByRole('button', { name: 'Start Work' })).toBeInTheDocument();
    });
  });

  describe('live across tabs', () => {
    beforeEach(() => {
      FakeEventSource.instances = [];
      vi.stubGlobal('EventSource', FakeEventSource);
    });

    it('opens one event stream and shows a timer started in another tab', async () => {
      const api = stubTimerApi();
      renderSignedIn(<HeaderTimer />);
      await screen.findByRole('button', { name: 'Start Work' });
      expect(FakeEventSource.open).toHaveLength(1);
      expect(FakeEventSource.open[0]?.url).toBe('/api/events');
      expect(FakeEventSource.open[0]?.withCredentials).toBe(true);

      api.setRunning(makeEntry({ startedAt: new Date().toISOString() }));
      act(() => FakeEventSource.open[0]?.emit('timer.started', { type: 'timer.started', userId: 'u-member', entryId: 'entry-1', customerId: ACME.id }));
      expect(await screen.findByRole('button', { name: 'Stop work' })).toBeInTheDocument();

      api.setRunning(null);
      act(() => FakeEventSource.open[0]?.emit('timer.stopped', { type: 'timer.stopped', userId: 'u-member', entryId: 'entry-1', customerId: ACME.id }));
      expect(await screen.findByRole('button', { name: 'Start Work' })).toBeInTheDocument();
    });

    it('refetches after a reconnect (the second "ready"), not after the first connect', async () => {
      const api = stubTimerApi();
      renderSignedIn(<HeaderTimer />);
      await screen.findByRole('button', { name: 'Start Work' });
      const timerCalls = () => api.fetchMock.mock.calls.filter(([url]) => String(url) === '/api/timer').length;
      expect(timerCalls()).toBe(1);
      act(() => FakeEventSource.open[0]?.emit('ready', { serverTime: new Date().toISOString() }));
      await new Promise((r) => setTimeout(r, 20));
      expect(timerCalls()).toBe(1);
      api.setRunning(makeEntry({ startedAt: new Date().toISOString() }));
      act(() => FakeEventSource.open[0]?.emit('ready', { serverTime: new Date().toISOString() }));
      expect(await screen.findByRole('button', { name: 'Stop work' })).toBeInTheDocument();
      expect(timerCalls()).toBe(2);
    });

    it("ignores other users' timers for its own state, and closes the stream on unmount", async () => {
      const api = stubTimerApi();
      const { unmount } = renderSignedIn(<HeaderTimer />);
      await screen.findByRole('button', { name: 'Start Work' });
      const timerCalls = () => api.fetchMock.mock.calls.filter(([url]) => String(url) === '/api/timer').length;
      const before = timerCalls();
      act(() => FakeEventSource.open[0]?.emit('timer.started', { type: 'timer.started', userId: 'someone-else', entryId: 'x', customerId: ACME.id }));
      await new Promise((r) => setTimeout(r, 20));
      expect(timerCalls()).toBe(before);
      unmount();
      expect(FakeEventSource.open).toHaveLength(0);
    });
  });
});

describe('HeaderTimer: the Customer Timer settings gear', () => {
  beforeEach(() => {
    resetTimerStore();
    resetServerClock();
  });

  it('is shown to admins only', async () => {
    stubFetch({
      'GET /api/timer': () => jsonResponse({ running: null }),
      'GET /api/categories': () => jsonResponse({ items: [REGULAR, SUPPORT] }),
      'GET /api/customers': () => jsonResponse({ items: [customer(ACME), customer(GLOBEX)], total: 2, limit: 20, offset: 0 }),
    });
    vi.stubGlobal('EventSource', FakeEventSource);
    const admin = renderSignedIn(<HeaderTimer />, { me: makeMe({ role: 'ADMIN' }) });
    await userEvent.click(await screen.findByRole('button', { name: /start work/i }));
    const dialog = await screen.findByRole('dialog', { name: 'Customer Timer' });
    expect(within(dialog).getByRole('button', { name: 'Customer Timer settings' })).toBeInTheDocument();
    admin.unmount();

    renderSignedIn(<HeaderTimer />, { me: makeMe({ role: 'MEMBER' }) });
    await userEvent.click(await screen.findByRole('button', { name: /start work/i }));
    const memberDialog = await screen.findByRole('dialog', { name: 'Customer Timer' });
    expect(within(memberDialog).queryByRole('button', { name: 'Customer Timer settings' })).toBeNull();
  });
});
