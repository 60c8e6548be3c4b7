import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Me, MonthEvent, MonthState, MonthStates } from '@workdiary/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CurrentUserContext } from '../../../lib/current-user';
import { jsonResponse, makeMe, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { MonthClosePanel } from './month-close-panel';

const manager = makeMe({ id: 'u-manager', name: 'Max Manager', role: 'MANAGER' });
const alice = makeMe({ id: 'u-alice', name: 'Alice Example', role: 'MEMBER' });

const state = (over: Partial<MonthState> = {}): MonthState => ({
  userId: 'u-alice', name: 'Alice Example', active: true, status: 'SUBMITTED', updatedAt: '2026-03-01T09:00:00.000Z', running: false, flaggedSessions: 0, ...over,
});
const event = (over: Partial<MonthEvent>): MonthEvent => ({
  id: `e-${Math.random()}`, userId: 'u-alice', month: '2026-02', action: 'SUBMIT', actor: { id: 'u-alice', name: 'Alice Example' }, at: '2026-03-01T09:00:00.000Z', reason: null, ...over,
});
const states = (month: string, item: MonthState, events: MonthEvent[] = []): MonthStates => ({ month, items: [item], events });

function renderPanel(me: Me, month = '2026-02', own = false) {
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <CurrentUserContext value={me}>
        <MonthClosePanel month={month} userId="u-alice" own={own} isAdmin={me.role === 'ADMIN'} isManager={me.role !== 'MEMBER'} tz="Europe/Berlin" />
      </CurrentUserContext>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
  vi.setSystemTime(new Date('2026-03-10T10:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe("MonthClosePanel on a person's month", () => {
  it('a manager approves this person\'s month after a confirmation that names what is open', async () => {
    const approvals: unknown[] = [];
    stubFetch({
      'GET /api/months': () => jsonResponse(states('2026-02', state({ running: true }), [event({})])),
      'POST /api/months/2026-02/approve': ({ body }) => {
        approvals.push(body);
        return jsonResponse({ month: '2026-02', approved: ['u-alice'], alreadyApproved: [], items: [] });
      },
    });
    renderPanel(manager);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Approve month' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve February 2026?' });
    expect(within(dialog).getByRole('region', { name: 'Open findings (1)' })).toHaveTextContent('Alice Example: a timer is still running');
    expect(within(dialog).queryByRole('region', { name: /Not submitted/ })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Approve for 1 person' }));
    await waitFor(() => expect(approvals).toEqual([{ userIds: ['u-alice'] }]));
  });

  it('a manager sends a submitted month back with a comment (required)', async () => {
    const rejects: unknown[] = [];
    stubFetch({
      'GET /api/months': () => jsonResponse(states('2026-02', state(), [event({})])),
      'POST /api/months/2026-02/reject': ({ body }) => {
        rejects.push(body);
        return jsonResponse(states('2026-02', state({ status: 'OPEN' })));
      },
    });
    renderPanel(manager);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Send back…' }));
    const modal = await screen.findByRole('dialog', { name: 'Send February 2026 back to Alice Example' });
    await user.click(within(modal).getByRole('button', { name: 'Send back' }));
    expect(within(modal).getByText('Write what is missing or wrong (at least 3 characters).')).toBeInTheDocument();
    expect(rejects).toEqual([]);
    await user.type(within(modal).getByLabelText('Comment'), 'The 27th is missing');
    await user.click(within(modal).getByRole('button', { name: 'Send back' }));
    await waitFor(() => expect(rejects).toEqual([{ userId: 'u-alice', comment: 'The 27th is missing' }]));
  });

  it('the person sees who sent the month back and the comment, above the Submit button', async () => {
    stubFetch({
      'GET /api/months': () => jsonResponse(states('2026-02', state({ status: 'OPEN' }), [
        event({ action: 'REJECT', actor: { id: 'u-manager', name: 'Max Manager' }, at: '2026-03-02T09:30:00.000Z', reason: 'The 27th is missing' }),
        event({}),
      ])),
    });
    renderPanel(alice, '2026-02', true);
    const note = await screen.findByTestId('month-sent-back');
    expect(note).toHaveTextContent('Max Manager sent February 2026 back on 2 Mar 2026, 10:30:');
    expect(note).toHaveTextContent('The 27th is missing');
    expect(note).toHaveTextContent('Complete it, then submit it again.');
    expect(screen.getByRole('button', { name: 'Submit my month' })).toBeEnabled();
    expect(screen.getByRole('list', { name: 'Month history' })).toHaveTextContent('Max Manager sent the month back');
    expect(screen.getByRole('list', { name: 'Month history' })).toHaveTextContent('Comment: The 27th is missing');
    expect(screen.queryByRole('button', { name: 'Approve month' })).not.toBeInTheDocument();
  });

  it('does not offer approving the current month, and says from when it can be', async () => {
    stubFetch({ 'GET /api/months': () => jsonResponse(states('2026-03', state())) });
    renderPanel(manager, '2026-03');
    const approve = await screen.findByRole('button', { name: 'Approve month' });
    expect(approve).toBeDisabled();
    expect(approve).toHaveAccessibleDescription('March 2026 has not ended yet: it can be approved from 01 Apr 2026 on.');
  });
});
