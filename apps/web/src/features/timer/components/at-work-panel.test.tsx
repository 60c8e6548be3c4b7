import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetServerClock } from '../../../lib/server-clock';
import { resetTimerStore } from '../../../stores/timer-store';
import { jsonResponse, makeMe, stubFetch, timerDialogStubs, type StubRequest } from '../../../test/fetch-stub';
import { ACME, FakeEventSource, GLOBEX, makeEntry, REGULAR, renderSignedIn, SUPPORT } from '../test-utils';
import { AtWorkPanel } from './at-work-panel';
import { HeaderTimer } from './header-timer';

beforeEach(() => {
  resetServerClock();
  resetTimerStore();
});

type Running = ReturnType<typeof makeEntry> | null;

function stubApi(opts: { running?: Running; atWork?: Array<{ userId: string; name: string; since: string; categoryName: string }>; extra?: Record<string, (r: StubRequest) => Response | Promise<Response>> } = {}) {
  let running = opts.running ?? null;
  let atWork = opts.atWork ?? [];
  const stub = stubFetch({
    'GET /api/timer': () => jsonResponse({ running }),
    [`GET /api/customers/${ACME.id}/at-work`]: () => jsonResponse({ items: atWork }),
    'GET /api/categories': () => jsonResponse({ items: [REGULAR, SUPPORT] }),
    ...timerDialogStubs(),
    ...opts.extra,
  });
  return { ...stub, setRunning: (r: Running) => (running = r), setAtWork: (a: typeof atWork) => (atWork = a) };
}

const acme = { ...ACME, archived: false };

describe('AtWorkPanel', () => {
  it('At work → Category → Submit starts the timer for this customer; the button turns into a red Stop work', async () => {
    const mia = { userId: 'u-member', name: 'Mia Member', since: new Date().toISOString(), categoryName: 'Support' };
    const api = stubApi({
      extra: {
        'POST /api/timer/start': ({ body }) => {
          const entry = makeEntry({ categoryId: SUPPORT.id, category: SUPPORT, startedAt: new Date().toISOString() });
          api.setRunning(entry);
          api.setAtWork([mia]);
          expect(body).toEqual({ customerId: ACME.id, categoryId: SUPPORT.id });
          return jsonResponse(entry, { status: 201 });
        },
      },
    });
    renderSignedIn(<AtWorkPanel customer={acme} />);
    expect(await screen.findByText('Nobody is working for this customer right now.')).toBeInTheDocument();
    const user = userEvent.setup();
    const atWork = await screen.findByRole('button', { name: 'At work' });
    await waitFor(() => expect(atWork).toBeEnabled());
    expect(atWork).toHaveClass('btn--primary');
    await user.click(atWork);

    const dialog = await screen.findByRole('dialog', { name: 'Customer Timer' });
    // The customer is given: no customer search, only the category.
    expect(within(dialog).queryByRole('combobox', { name: /Customer/ })).not.toBeInTheDocument();
    expect(within(dialog).getByText('Acme Ltd')).toBeInTheDocument();
    const category = within(dialog).getByRole('combobox', { name: /Category/ });
    await waitFor(() => expect(category).toBeEnabled());
    await user.selectOptions(category, 'Support');
    await user.click(within(dialog).getByRole('button', { name: 'Submit' }));

    const stop = await screen.findByRole('button', { name: 'Stop work' });
    expect(stop).toHaveClass('btn--danger');
    expect(screen.getByRole('timer')).toBeInTheDocument();
    // The badge: who works for this customer now.
    expect(await screen.findByText('At Work')).toBeInTheDocument();
    expect(screen.getByRole('list', { name: 'Working for this customer now' })).toHaveTextContent('Mia Member (Support, since');
    expect(api.unhandled).toEqual([]);
  });

  it('Stop work here opens the same Note dialog as the header', async () => {
    stubApi({ running: makeEntry() });
    renderSignedIn(<AtWorkPanel customer={acme} />);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Stop work' }));
    const dialog = await screen.findByRole('dialog', { name: 'Note' });
    expect(within(dialog).getByRole('textbox', { name: 'Note' })).toBeInTheDocument();
  });

  it('is in sync with the header: one timer, two controls, one dialog at a time', async () => {
    stubApi({ running: makeEntry() });
    renderSignedIn(
      <>
        <HeaderTimer />
        <AtWorkPanel customer={acme} />
      </>,
    );
    const stops = await screen.findAllByRole('button', { name: 'Stop work' });
    expect(stops).toHaveLength(2);
    expect(screen.getAllByRole('timer')).toHaveLength(2);
    await userEvent.setup().click(stops[1]!);
    await waitFor(() => expect(screen.getAllByRole('dialog', { name: 'Note' })).toHaveLength(1));
  });

  it('while a timer runs for another customer, switches to this one in one step (note + category)', async () => {
    const api = stubApi({
      running: makeEntry({ customerId: GLOBEX.id, customer: GLOBEX }),
      extra: {
        'POST /api/timer/switch': ({ body }) => {
          expect(body).toEqual({ note: 'Globex done', customerId: ACME.id, categoryId: SUPPORT.id });
          const next = makeEntry({ id: 'entry-2', categoryId: SUPPORT.id, category: SUPPORT, startedAt: new Date().toISOString() });
          api.setRunning(next);
          return jsonResponse({ stopped: makeEntry({ customerId: GLOBEX.id, customer: GLOBEX, stoppedAt: new Date().toISOString() }), running: next }, { status: 201 });
        },
      },
    });
    renderSignedIn(<AtWorkPanel customer={acme} />);
    expect(await screen.findByText('Your timer is running for Globex GmbH.')).toBeInTheDocument();
    const user = userEvent.setup();
    const switchButton = screen.getByRole('button', { name: 'Switch to this customer' });
    await waitFor(() => expect(switchButton).toBeEnabled());
    await user.click(switchButton);
    const dialog = await screen.findByRole('dialog', { name: 'Switch customer' });
    const category = within(dialog).getByRole('combobox', { name: /Category/ });
    await waitFor(() => expect(category).toBeEnabled());
    await user.selectOptions(category, 'Support');
    await user.type(within(dialog).getByRole('textbox', { name: /Note for Globex GmbH/ }), 'Globex done');
    await user.click(within(dialog).getByRole('button', { name: 'Switch' }));
    const stop = await screen.findByRole('button', { name: 'Stop work' });
    // Focus goes to the control that replaced the clicked one, not to <body>.
    await waitFor(() => expect(stop).toHaveFocus());
    expect(api.unhandled).toEqual([]);
  });

  it('an archived customer cannot be started', async () => {
    stubApi();
    renderSignedIn(<AtWorkPanel customer={{ ...acme, archived: true }} />);
    expect(await screen.findByText(/This customer is archived/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'At work' })).toBeDisabled();
  });

  it('with the module off there is no At work button, but a running timer can still be stopped', async () => {
    const me = makeMe({ organization: { ...makeMe().organization, clientTimer: false } });
    const api = stubApi();
    const { unmount } = renderSignedIn(<AtWorkPanel customer={acme} />, { me });
    expect(await screen.findByText('The Client Timer module is switched off.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'At work' })).not.toBeInTheDocument();
    unmount();
    api.setRunning(makeEntry());
    renderSignedIn(<AtWorkPanel customer={acme} />, { me });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Stop work' })).toBeEnabled());
  });

  it('the At Work badge updates live when someone starts working for this customer', async () => {
    FakeEventSource.instances = [];
    vi.stubGlobal('EventSource', FakeEventSource);
    const api = stubApi();
    renderSignedIn(<AtWorkPanel customer={acme} />);
    await screen.findByText('Nobody is working for this customer right now.');
    api.setAtWork([{ userId: 'u-bob', name: 'Bob Builder', since: '2026-03-02T08:00:00.000Z', categoryName: 'Regular Hours' }]);
    act(() => FakeEventSource.open[0]?.emit('timer.started', { type: 'timer.started', userId: 'u-bob', entryId: 'e9', customerId: ACME.id }));
    expect(await screen.findByText('Bob Builder')).toBeInTheDocument();
    expect(screen.getByText('At Work')).toBeInTheDocument();
    expect(screen.getByText(/\(Regular Hours, since 09:00\)/)).toBeInTheDocument();
  });
});
