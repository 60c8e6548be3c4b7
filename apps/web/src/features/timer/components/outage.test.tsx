// Issue 25, defect 7: during an outage the Note dialog stays open with its note and says what is
// true (the server cannot be reached, the note is kept), instead of closing when the timer's
// refetch gives up.
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetConnection } from '../../../lib/connection';
import { resetServerClock } from '../../../lib/server-clock';
import { resetTimerStore } from '../../../stores/timer-store';
import { jsonResponse, stubFetch, timerDialogStubs } from '../../../test/fetch-stub';
import { makeEntry, renderSignedIn } from '../test-utils';
import { timerQueryKey } from '../api/timer';
import { HeaderTimer } from './header-timer';

beforeEach(() => {
  resetServerClock();
  resetTimerStore();
  resetConnection();
});
afterEach(() => resetConnection());

describe('the Note dialog during an outage', () => {
  it('stays open with the note when the timer cannot be read, and says the note is kept', async () => {
    let serverDown = false;
    const down = () => Promise.reject(new TypeError('Failed to fetch'));
    stubFetch({
      ...timerDialogStubs(),
      'GET /api/timer': () => (serverDown ? down() : jsonResponse({ running: makeEntry() })),
      'POST /api/timer/stop': () => down(),
    });
    const { queryClient } = renderSignedIn(<HeaderTimer />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Stop work' }));
    const dialog = await screen.findByRole('dialog', { name: 'Note' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Note' }), 'Fixed the printer');

    // The server goes away; the timer's next read fails for good (the app gives up after its retries).
    serverDown = true;
    await queryClient.invalidateQueries({ queryKey: timerQueryKey });
    await waitFor(() => expect(queryClient.getQueryState(timerQueryKey)?.status).toBe('error'));
    // The header keeps the last known timer, marked as not confirmed.
    expect(await screen.findByText('Not confirmed')).toBeInTheDocument();

    const stillOpen = screen.getByRole('dialog', { name: 'Note' });
    expect(within(stillOpen).getByRole('textbox', { name: 'Note' })).toHaveValue('Fixed the printer');
    await waitFor(() => expect(within(stillOpen).getByRole('status')).toHaveTextContent('The server cannot be reached right now. Your note is kept on this device'));

    // Stop during the outage: not saved, the note still there, the dialog still open.
    await user.click(within(stillOpen).getByRole('button', { name: 'Stop' }));
    expect(await within(stillOpen).findByRole('alert')).toHaveTextContent('Your note is kept; try again.');
    expect(within(stillOpen).getByRole('textbox', { name: 'Note' })).toHaveValue('Fixed the printer');
    expect(screen.getByRole('dialog', { name: 'Note' })).toBeInTheDocument();
  });
});
