import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { resetServerClock } from '../../../lib/server-clock';
import { resetTimerStore } from '../../../stores/timer-store';
import { errorResponse, jsonResponse, stubFetch, timerDialogStubs } from '../../../test/fetch-stub';
import { readNoteDraft } from '../lib/note-draft';
import { ACME, FakeEventSource, makeEntry, REGULAR, renderSignedIn, SUPPORT } from '../test-utils';
import { HeaderTimer } from './header-timer';

beforeEach(() => {
  resetServerClock();
  resetTimerStore();
  vi.stubGlobal('EventSource', FakeEventSource);
});

function stubApi(running: ReturnType<typeof makeEntry> | null, extra: Parameters<typeof stubFetch>[0] = {}) {
  let current = running;
  const stub = stubFetch({
    'GET /api/timer': () => jsonResponse({ running: current }),
    'GET /api/categories': () => jsonResponse({ items: [REGULAR, SUPPORT] }),
    ...timerDialogStubs(),
    ...extra,
  });
  return { ...stub, setRunning: (r: typeof running) => (current = r) };
}

describe('Nothing typed is lost', () => {
  it('keeps the note through a failed stop and a closed dialog, until the server confirms', async () => {
    let fail = true;
    const api = stubApi(makeEntry(), {
      'POST /api/timer/stop': () => {
        if (fail) return errorResponse(503, 'UNAVAILABLE', 'The server is not reachable.');
        api.setRunning(null);
        return jsonResponse(makeEntry({ stoppedAt: new Date().toISOString(), note: 'Fixed the printer' }));
      },
    });
    renderSignedIn(<HeaderTimer />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Stop work' }));
    let dialog = await screen.findByRole('dialog', { name: 'Note' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Note' }), 'Fixed the printer');
    await user.click(within(dialog).getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(within(dialog).getByRole('alert')).toHaveTextContent('Your note is kept'));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(readNoteDraft('u-member', 'entry-1')).toEqual({ note: 'Fixed the printer', open: false });

    await user.click(screen.getByRole('button', { name: 'Stop work' }));
    dialog = await screen.findByRole('dialog', { name: 'Note' });
    expect(within(dialog).getByRole('textbox', { name: 'Note' })).toHaveValue('Fixed the printer');
    fail = false;
    await user.click(within(dialog).getByRole('button', { name: 'Stop' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(readNoteDraft('u-member', 'entry-1')).toBeNull();
  });

  it('reopens the Note dialog with the draft after the page came back (e.g. a new sign-in)', async () => {
    localStorage.setItem('wd.draft.stop.u-member.entry-1', JSON.stringify({ note: 'Half a sentence', open: true }));
    stubApi(makeEntry());
    renderSignedIn(<HeaderTimer />);
    const dialog = await screen.findByRole('dialog', { name: 'Note' });
    expect(within(dialog).getByRole('textbox', { name: 'Note' })).toHaveValue('Half a sentence');
  });

  it('says in words when the timer was stopped elsewhere, and offers the kept note', async () => {
    const stoppedAt = '2026-03-02T13:02:00.000Z';
    const api = stubApi(makeEntry(), {
      'POST /api/timer/stop': () => {
        api.setRunning(null);
        return errorResponse(409, 'TIMER_NOT_RUNNING', 'No timer is running. It may have been stopped in another tab.');
      },
      'GET /api/work-entries': () => jsonResponse({ items: [makeEntry({ stoppedAt })], totalMinutes: 302, total: 1, limit: 20, offset: 0 }),
      'PATCH /api/work-entries/entry-1': ({ body }) => {
        expect(body).toEqual({ note: 'Called Acme' });
        return jsonResponse(makeEntry({ stoppedAt, note: 'Called Acme' }));
      },
    });
    renderSignedIn(<HeaderTimer />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Stop work' }));
    const note = within(await screen.findByRole('dialog', { name: 'Note' })).getByRole('textbox', { name: 'Note' });
    await user.type(note, 'Called Acme');
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    const told = await screen.findByRole('dialog', { name: 'The timer was stopped elsewhere' });
    expect(await within(told).findByText(`Your timer for ${ACME.name} was stopped in another tab or by a manager at 14:02.`)).toBeInTheDocument();
    expect(within(told).getByText('Called Acme')).toBeInTheDocument();
    await user.click(within(told).getByRole('button', { name: 'Add it to that session' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(readNoteDraft('u-member', 'entry-1')).toBeNull();
  });
});

describe('Keyboard', () => {
  it('Alt+Shift+S opens the start dialog, but not while typing in a field', async () => {
    stubApi(null, { 'GET /api/customers': () => jsonResponse({ items: [], total: 0, limit: 20, offset: 0 }) });
    renderSignedIn(<><input aria-label="Search" /><HeaderTimer /></>);
    await screen.findByRole('button', { name: 'Start Work' });
    const user = userEvent.setup();
    await user.click(screen.getByRole('textbox', { name: 'Search' }));
    await user.keyboard('{Alt>}{Shift>}S{/Shift}{/Alt}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    (document.activeElement as HTMLElement).blur();
    await user.keyboard('{Alt>}{Shift>}S{/Shift}{/Alt}');
    expect(await screen.findByRole('dialog', { name: 'Customer Timer' })).toBeInTheDocument();
  });
});
