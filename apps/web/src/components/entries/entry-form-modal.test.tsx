import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Me, WorkEntry } from '@workdiary/shared';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { setUnauthorizedHandler } from '../../lib/api-client';
import { readDraft } from '../../lib/drafts';
import { CurrentUserContext } from '../../lib/current-user';
import { errorResponse, jsonResponse, makeMe, stubFetch, type StubRequest } from '../../test/fetch-stub';
import { createTestQueryClient } from '../../test/query-client';
import { EntryDraftSchema, useReopenEntryDraft } from './entry-draft';
import { EntryFormModal, type EntryFormModalProps } from './entry-form-modal';

const categories = { items: [{ id: 'cat-1', name: 'Regular Hours', archived: false }, { id: 'cat-2', name: 'Support', archived: false }] };
const manager = makeMe({ id: 'u-manager', name: 'Max Manager', role: 'MANAGER' });
const users = {
  items: [
    { id: 'u-manager', name: 'Max Manager', email: 'm@x.test', role: 'MANAGER', active: true, pay: { type: 'HOURLY', hourlyRate: 1, overtimeFactor: 1.25 }, atWork: null },
    { id: 'u-alice', name: 'Alice Example', email: 'a@x.test', role: 'MEMBER', active: true, pay: { type: 'HOURLY', hourlyRate: 1, overtimeFactor: 1.25 }, atWork: null },
  ],
};
const saved: WorkEntry = {
  id: 'e-1', userId: 'u-alice', customerId: 'cust-1', categoryId: 'cat-1', startedAt: '2026-03-02T08:00:00.000Z', stoppedAt: '2026-03-02T11:00:00.000Z',
  note: '', source: 'MANUAL', flagged: false, user: { id: 'u-alice', name: 'Alice Example' }, customer: { id: 'cust-1', name: 'Acme Ltd' },
  category: { id: 'cat-1', name: 'Regular Hours', archived: false },
};

function renderForm(me: Me, props: Partial<EntryFormModalProps> = {}) {
  const onClose = vi.fn();
  const queryClient = createTestQueryClient();
  render(
    <QueryClientProvider client={queryClient}>
      <CurrentUserContext value={me}>
        <EntryFormModal open mode="create" onClose={onClose} defaults={{ customerId: 'cust-1', customerName: 'Acme Ltd', date: '2026-03-02' }} lockCustomer origin="customer:cust-1" {...props} />
      </CurrentUserContext>
    </QueryClientProvider>,
  );
  return { onClose, queryClient, unmountAll: cleanup };
}

async function fillTimes(date: string, start: string, stop: string) {
  fireEvent.change(screen.getByLabelText(/^Date/), { target: { value: date } });
  fireEvent.change(screen.getByLabelText(/^Start time/), { target: { value: start } });
  fireEvent.change(screen.getByLabelText(/^Stop time/), { target: { value: stop } });
}

async function chooseCategory(name: string) {
  const select = screen.getByRole('combobox', { name: /Category/ });
  await waitFor(() => expect(select).toBeEnabled());
  await userEvent.setup().selectOptions(select, name);
}

describe('EntryFormModal', () => {
  it('a member can only add for themselves; an empty form shows what is missing and sends nothing', async () => {
    const { fetchMock } = stubFetch({ 'GET /api/categories': () => jsonResponse(categories) });
    renderForm(makeMe());
    const dialog = await screen.findByRole('dialog', { name: 'Add entry' });
    const userSelect = within(dialog).getByRole('combobox', { name: /User/ });
    expect(userSelect).toBeDisabled();
    expect(within(userSelect).getAllByRole('option').map((o) => o.textContent)).toEqual(['Mia Member']);
    expect(within(dialog).getByRole('textbox', { name: 'Customer' })).toHaveValue('Acme Ltd');

    await userEvent.setup().click(within(dialog).getByRole('button', { name: 'Submit' }));
    expect(screen.getByText('Enter the start time')).toBeInTheDocument();
    expect(screen.getByText('Enter the stop time')).toBeInTheDocument();
    expect(screen.getByText('Choose a category')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Start time/)).toHaveAttribute('aria-invalid', 'true');
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
  });

  it('refuses a stop before the start unless the work ends the next day', async () => {
    let posted: StubRequest | null = null;
    stubFetch({
      'GET /api/categories': () => jsonResponse(categories),
      'POST /api/work-entries': (req) => {
        posted = req;
        return jsonResponse(saved, { status: 201 });
      },
    });
    const { onClose } = renderForm(makeMe());
    await chooseCategory('Regular Hours');
    await fillTimes('2026-03-02', '22:00', '02:00');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(screen.getByText(/Stop must be after start/)).toBeInTheDocument();
    expect(posted).toBeNull();

    await user.click(screen.getByRole('checkbox', { name: /Ends the next day/ }));
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(posted!.body).toEqual({
      userId: 'u-member', customerId: 'cust-1', categoryId: 'cat-1', note: '', date: '2026-03-02', startTime: '22:00', stopDate: '2026-03-03', stopTime: '02:00',
    });
  });

  it('shows the server’s DST gap message on the start time and keeps the form open', async () => {
    const message = 'The start time 02:30 on 2026-03-29 does not exist in Europe/Berlin: the clocks jump forward over it (daylight saving time begins). Enter a time before or after the jump.';
    stubFetch({
      'GET /api/categories': () => jsonResponse(categories),
      'POST /api/work-entries': () => errorResponse(400, 'LOCAL_TIME_NONEXISTENT', message, {
        field: 'start', date: '2026-03-29', time: '02:30', timeZone: 'Europe/Berlin', candidates: [],
      }),
    });
    const { onClose } = renderForm(makeMe());
    await chooseCategory('Support');
    await fillTimes('2026-03-29', '02:30', '04:00');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Submit' }));
    const start = screen.getByLabelText(/^Start time/);
    await waitFor(() => expect(start).toHaveAttribute('aria-invalid', 'true'));
    // Said from the code and details, the date in the reader's format (not the ISO of the wire).
    const shown = screen.getByText(/^The start time 02:30 on .+ does not exist in Europe\/Berlin: the clocks jump forward/);
    expect(shown.textContent).not.toContain('2026-03-29');
    expect(shown.textContent).not.toBe(message);
    expect(start.getAttribute('aria-describedby')).toContain(shown.id);
    expect(onClose).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog', { name: 'Add entry' })).toBeInTheDocument();
  });

  it('an autumn hour that happens twice offers both meanings and sends the chosen offset', async () => {
    const bodies: unknown[] = [];
    stubFetch({
      'GET /api/categories': () => jsonResponse(categories),
      'POST /api/work-entries': (req) => {
        bodies.push(req.body);
        if (bodies.length === 1) {
          return errorResponse(400, 'LOCAL_TIME_AMBIGUOUS', 'The start time 02:30 on 2026-10-25 happens twice in Europe/Berlin.', {
            field: 'start', date: '2026-10-25', time: '02:30', timeZone: 'Europe/Berlin',
            candidates: [{ instant: '2026-10-25T00:30:00.000Z', offset: '+02:00' }, { instant: '2026-10-25T01:30:00.000Z', offset: '+01:00' }],
          });
        }
        return jsonResponse(saved, { status: 201 });
      },
    });
    const { onClose } = renderForm(makeMe());
    await chooseCategory('Regular Hours');
    await fillTimes('2026-10-25', '02:30', '05:00');
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    const group = await screen.findByRole('group', { name: /02:30 on 2026-10-25 happens twice/ });
    expect(screen.getByText(/happens twice in Europe\/Berlin/)).toBeInTheDocument();
    await user.click(within(group).getByRole('radio', { name: /The second time \(UTC\+01:00/ }));
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(bodies[1]).toMatchObject({ date: '2026-10-25', startTime: '02:30', startOffset: '+01:00', stopTime: '05:00' });
  });

  it('a manager picks the user; an overlap is shown with the server message', async () => {
    stubFetch({
      'GET /api/categories': () => jsonResponse(categories),
      'GET /api/users': () => jsonResponse(users),
      'POST /api/work-entries': () => errorResponse(409, 'ENTRY_OVERLAP', 'This overlaps the session for Acme Ltd on 2026-03-02 09:00–12:00.', { entryId: 'e-9' }),
    });
    renderForm(manager);
    const userSelect = screen.getByRole('combobox', { name: /User/ });
    await waitFor(() => expect(within(userSelect).getAllByRole('option')).toHaveLength(2));
    const user = userEvent.setup();
    await user.selectOptions(userSelect, 'Alice Example');
    await chooseCategory('Regular Hours');
    await fillTimes('2026-03-02', '10:00', '11:00');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('This overlaps the session for Acme Ltd on 2026-03-02 09:00–12:00.'));
  });

  it('edits an entry: fields start from it (in the organisation zone) and a PATCH is sent', async () => {
    let patched: StubRequest | null = null;
    stubFetch({
      'GET /api/categories': () => jsonResponse(categories),
      'GET /api/users': () => jsonResponse(users),
      'PATCH /api/work-entries/e-1': (req) => {
        patched = req;
        return jsonResponse({ ...saved, note: 'fixed' });
      },
    });
    const { onClose } = renderForm(manager, { mode: 'edit', entry: saved, lockCustomer: true });
    expect(screen.getByRole('dialog', { name: 'Edit entry' })).toBeInTheDocument();
    expect(screen.getByLabelText(/^Date/)).toHaveValue('2026-03-02');
    expect(screen.getByLabelText(/^Start time/)).toHaveValue('09:00');
    expect(screen.getByLabelText(/^Stop time/)).toHaveValue('12:00');
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Note' }), 'fixed');
    await waitFor(() => expect(screen.getByRole('combobox', { name: /Category/ })).toHaveValue('cat-1'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(patched!.body).toEqual({ customerId: 'cust-1', categoryId: 'cat-1', note: 'fixed', date: '2026-03-02', startTime: '09:00', stopDate: '2026-03-02', stopTime: '12:00' });
  });
});

const keptDraft = (id: string) => readDraft('entry', 'u-member', id, EntryDraftSchema);

describe('EntryFormModal keeps what was typed until the server saved it', () => {
  it('a failed request keeps the draft; the form opened again fills it in; a save forgets it', async () => {
    let fail = true;
    stubFetch({
      'GET /api/categories': () => jsonResponse(categories),
      'POST /api/work-entries': () => {
        if (fail) throw new TypeError('Failed to fetch');
        return jsonResponse(saved, { status: 201 });
      },
    });
    const first = renderForm(makeMe());
    await chooseCategory('Regular Hours');
    await fillTimes('2026-03-02', '09:00', '12:00');
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Note' }), 'Server room');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('What you typed is kept on this device'));
    expect(keptDraft('new:customer:cust-1')).toMatchObject({ open: true, value: { values: { startTime: '09:00', stopTime: '12:00', note: 'Server room', categoryId: 'cat-1' } } });

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(first.onClose).toHaveBeenCalled();
    expect(keptDraft('new:customer:cust-1')?.open).toBe(false);
    first.unmountAll();

    const second = renderForm(makeMe());
    expect(screen.getByRole('status')).toHaveTextContent('Your unsaved changes were kept');
    expect(screen.getByLabelText(/^Start time/)).toHaveValue('09:00');
    expect(screen.getByRole('textbox', { name: 'Note' })).toHaveValue('Server room');
    fail = false;
    await waitFor(() => expect(screen.getByRole('combobox', { name: /Category/ })).toHaveValue('cat-1'));
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await waitFor(() => expect(second.onClose).toHaveBeenCalled());
    expect(keptDraft('new:customer:cust-1')).toBeNull();
  });

  it('an untouched form keeps nothing; “Start over” drops a kept draft', async () => {
    stubFetch({ 'GET /api/categories': () => jsonResponse(categories) });
    const { unmountAll } = renderForm(makeMe());
    await screen.findByRole('dialog', { name: 'Add entry' });
    expect(keptDraft('new:customer:cust-1')).toBeNull();
    unmountAll();

    localStorage.setItem('wd.draft.entry.u-member.new:customer:cust-1', JSON.stringify({
      values: { userId: 'u-member', customerId: 'cust-1', categoryId: '', date: '2026-03-02', startTime: '08:00', stopTime: '', nextDay: false, note: 'half' },
      origin: 'customer:cust-1', entry: null, open: false,
    }));
    renderForm(makeMe());
    expect(screen.getByRole('textbox', { name: 'Note' })).toHaveValue('half');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Start over' }));
    expect(screen.getByRole('textbox', { name: 'Note' })).toHaveValue('');
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    await waitFor(() => expect(keptDraft('new:customer:cust-1')).toBeNull());
  });

  it('an expired session keeps the edit open in the draft, and the page brings the form back after signing in', async () => {
    const toLogin = vi.fn();
    const undo = setUnauthorizedHandler(toLogin);
    stubFetch({
      'GET /api/categories': () => jsonResponse(categories),
      'PATCH /api/work-entries/e-1': () => errorResponse(401, 'UNAUTHENTICATED', 'Your session has ended. Please sign in again.'),
    });
    const { unmountAll } = renderForm(makeMe({ id: 'u-member' }), { mode: 'edit', entry: { ...saved, userId: 'u-member' } });
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Note' }), 'Rack 4');
    await waitFor(() => expect(screen.getByRole('combobox', { name: /Category/ })).toHaveValue('cat-1'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(toLogin).toHaveBeenCalled());
    undo();
    // The page went to the sign-in: the form is gone, its draft is kept as open.
    unmountAll();
    expect(keptDraft('e-1')).toMatchObject({ open: true, value: { origin: 'customer:cust-1', values: { note: 'Rack 4' }, entry: { id: 'e-1' } } });

    // Signed in again, the page that owns the origin reopens the form with the draft.
    function Page() {
      const [editing, setEditing] = useState<WorkEntry | null>(null);
      const [adding, setAdding] = useState(false);
      useReopenEntryDraft('customer:cust-1', { create: () => setAdding(true), edit: setEditing });
      return (
        <>
          <EntryFormModal open={adding} mode="create" onClose={() => setAdding(false)} origin="customer:cust-1" />
          <EntryFormModal open={editing !== null} mode="edit" entry={editing ?? undefined} onClose={() => setEditing(null)} origin="customer:cust-1" />
        </>
      );
    }
    render(
      <QueryClientProvider client={createTestQueryClient()}>
        <CurrentUserContext value={makeMe()}><Page /></CurrentUserContext>
      </QueryClientProvider>,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Edit entry' });
    expect(within(dialog).getByRole('textbox', { name: 'Note' })).toHaveValue('Rack 4');
  });

  it('a draft closed with Cancel, or of another place, does not open by itself', async () => {
    stubFetch({ 'GET /api/categories': () => jsonResponse(categories) });
    const put = (id: string, origin: string, open: boolean) => localStorage.setItem(`wd.draft.entry.u-member.${id}`, JSON.stringify({
      values: { userId: 'u-member', customerId: 'cust-1', categoryId: '', date: '2026-03-02', startTime: '08:00', stopTime: '', nextDay: false, note: 'x' },
      origin, entry: null, open,
    }));
    put('new:customer:cust-1', 'customer:cust-1', false);
    put('new:customer:cust-2', 'customer:cust-2', true);
    const opened = vi.fn();
    function Probe() {
      useReopenEntryDraft('customer:cust-1', { create: opened, edit: opened });
      return null;
    }
    render(<CurrentUserContext value={makeMe()}><Probe /></CurrentUserContext>);
    await Promise.resolve();
    expect(opened).not.toHaveBeenCalled();
  });
});
