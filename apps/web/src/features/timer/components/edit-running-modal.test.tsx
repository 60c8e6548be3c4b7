import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { errorResponse, jsonResponse, stubFetch, timerDialogStubs } from '../../../test/fetch-stub';
import { makeEntry, renderSignedIn } from '../test-utils';
import { EditRunningModal } from './edit-running-modal';
import { StopTimerModal } from './stop-timer-modal';

// 09:00 in Berlin.
const running = makeEntry({ startedAt: '2026-03-02T08:00:00.000Z', note: 'Drafting the offer' });

describe('EditRunningModal', () => {
  it('sends the note and a start moved by the quick choices, then closes', async () => {
    const bodies: unknown[] = [];
    stubFetch({
      'PATCH /api/timer': ({ body }) => {
        bodies.push(body);
        return jsonResponse({ ...running, ...(body as object) });
      },
      'GET /api/timer': () => jsonResponse({ running }),
      ...timerDialogStubs(),
    });
    const onClose = vi.fn();
    renderSignedIn(<EditRunningModal running={running} timeZone="Europe/Berlin" onClose={onClose} />);
    const note = screen.getByRole('textbox', { name: 'Note' });
    expect(note).toHaveValue('Drafting the offer');
    const time = screen.getByLabelText(/Started at/);
    expect(time).toHaveValue('09:00');
    await userEvent.click(screen.getByRole('button', { name: '15 minutes earlier' }));
    await userEvent.click(screen.getByRole('button', { name: '5 minutes earlier' }));
    expect(time).toHaveValue('08:40');
    await userEvent.clear(note);
    await userEvent.type(note, 'Offer for Acme');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(bodies).toEqual([{ note: 'Offer for Acme', startedAt: '2026-03-02T07:40:00.000Z' }]);
  });

  it('takes a typed time on the start\'s day and shows a refusal, staying open', async () => {
    const bodies: unknown[] = [];
    stubFetch({
      'PATCH /api/timer': ({ body }) => {
        bodies.push(body);
        return errorResponse(409, 'ENTRY_OVERLAP', 'This overlaps the session for Globex GmbH on 2 Mar 2026, 08:00–08:30.');
      },
      'GET /api/timer': () => jsonResponse({ running }),
      ...timerDialogStubs(),
    });
    const onClose = vi.fn();
    renderSignedIn(<EditRunningModal running={running} timeZone="Europe/Berlin" onClose={onClose} />);
    const time = screen.getByLabelText(/Started at/);
    await userEvent.clear(time);
    await userEvent.type(time, '08:15');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/Not saved/);
    expect(bodies).toEqual([{ startedAt: '2026-03-02T07:15:00.000Z' }]);
    expect(onClose).not.toHaveBeenCalled();
  });
});

describe('StopTimerModal with a note written while working', () => {
  it('starts from the running session\'s note', async () => {
    stubFetch({ 'GET /api/timer': () => jsonResponse({ running }), ...timerDialogStubs() });
    renderSignedIn(<StopTimerModal running={{ ...running, id: 'entry-prefill' }} timeZone="Europe/Berlin" onClose={() => undefined} />);
    expect(screen.getByRole('textbox', { name: 'Note' })).toHaveValue('Drafting the offer');
  });
});
