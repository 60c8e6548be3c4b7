import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { prepareI18n } from '../../../lib/i18n/i18n';
import { useLocaleStore } from '../../../lib/i18n/locale-store';
import { errorResponse, jsonResponse, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { UserFormModal } from './user-form-modal';

const created = {
  id: 'u-new',
  name: 'Nina New',
  email: 'nina@acme.test',
  role: 'MEMBER',
  active: true,
  pay: { type: 'HOURLY', hourlyRate: 2450, monthlyBase: null, overtimeFactor: 1.5 },
};

function renderAddUser(currency = 'EUR') {
  const onClose = vi.fn();
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <UserFormModal open onClose={onClose} currency={currency} />
    </QueryClientProvider>,
  );
  return { onClose, dialog: screen.getByRole('dialog', { name: 'Add user' }) };
}

async function fillBasics(user: ReturnType<typeof userEvent.setup>, dialog: HTMLElement) {
  await user.type(within(dialog).getByLabelText(/^Name/), 'Nina New');
  await user.type(within(dialog).getByLabelText(/^Email/), 'Nina@Acme.test');
}

describe('Add user form', () => {
  it('checks the fields before sending anything', async () => {
    const { fetchMock } = stubFetch({});
    const user = userEvent.setup();
    const { dialog } = renderAddUser();
    await user.click(within(dialog).getByRole('button', { name: 'Add user' }));
    expect(await within(dialog).findByText('Name is required')).toBeInTheDocument();
    expect(within(dialog).getByText('Enter a valid email address')).toBeInTheDocument();
    expect(within(dialog).getByText('An hourly rate is required for hourly pay')).toBeInTheDocument();
    expect(within(dialog).getByText('Use at least 8 characters')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('sends pay in integer minor units with the initial password, then closes', async () => {
    let answer!: (r: Response) => void;
    const { fetchMock } = stubFetch({ 'POST /api/users': () => new Promise<Response>((resolve) => (answer = resolve)) });
    const user = userEvent.setup();
    const { dialog, onClose } = renderAddUser();
    await fillBasics(user, dialog);
    await user.selectOptions(within(dialog).getByLabelText(/^Role/), 'MANAGER');
    await user.type(within(dialog).getByLabelText(/^Hourly rate/), '24.5');
    const factor = within(dialog).getByLabelText(/^Overtime factor/);
    await user.clear(factor);
    await user.type(factor, '1.5');
    await user.type(within(dialog).getByLabelText(/^Initial password/), 'nina-password-1');
    await user.click(within(dialog).getByRole('button', { name: 'Add user' }));

    const busy = await within(dialog).findByRole('button', { name: 'Saving…' });
    expect(busy).toBeDisabled();
    expect(fetchMock).toHaveBeenCalledOnce();
    expect(JSON.parse(String(fetchMock.mock.calls[0]![1]?.body))).toEqual({
      name: 'Nina New',
      email: 'Nina@Acme.test',
      role: 'MANAGER',
      pay: { type: 'HOURLY', hourlyRate: 2450, monthlyBase: null, overtimeFactor: 1.5 },
      password: 'nina-password-1',
    });
    answer(jsonResponse({ ...created, role: 'MANAGER' }, { status: 201 }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });

  it('shows EMAIL_TAKEN next to the email field and keeps the form open', async () => {
    stubFetch({ 'POST /api/users': () => errorResponse(409, 'EMAIL_TAKEN', 'The email address nina@acme.test is already in use.', { field: 'email' }) });
    const user = userEvent.setup();
    const { dialog, onClose } = renderAddUser();
    await fillBasics(user, dialog);
    await user.type(within(dialog).getByLabelText(/^Hourly rate/), '20');
    await user.type(within(dialog).getByLabelText(/^Initial password/), 'nina-password-1');
    await user.click(within(dialog).getByRole('button', { name: 'Add user' }));
    const email = within(dialog).getByLabelText(/^Email/);
    await waitFor(() => expect(email).toHaveAccessibleDescription(/already in use/));
    expect(email).toHaveAttribute('aria-invalid', 'true');
    expect(onClose).not.toHaveBeenCalled();
    expect(within(dialog).getByRole('button', { name: 'Add user' })).toBeEnabled();
  });

  it('monthly pay sends the base and no hourly rate; JPY has no minor digits', async () => {
    const { fetchMock } = stubFetch({ 'POST /api/users': () => jsonResponse(created, { status: 201 }) });
    const user = userEvent.setup();
    const { dialog } = renderAddUser('JPY');
    await fillBasics(user, dialog);
    await user.click(within(dialog).getByRole('radio', { name: 'Monthly' }));
    expect(within(dialog).queryByLabelText(/^Hourly rate/)).not.toBeInTheDocument();
    await user.type(within(dialog).getByLabelText(/^Monthly base/), '350000');
    await user.type(within(dialog).getByLabelText(/^Initial password/), 'nina-password-1');
    await user.click(within(dialog).getByRole('button', { name: 'Add user' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledOnce());
    expect(JSON.parse(String(fetchMock.mock.calls[0]![1]?.body)).pay).toEqual({ type: 'MONTHLY', hourlyRate: null, monthlyBase: 350000, overtimeFactor: 1.25 });
  });

  it('with a one-time link, shows the link once with a Copy button', async () => {
    const url = 'http://localhost/set-password?token=abcdefghijklmnopqrstuvwxyz0123456789';
    const { fetchMock } = stubFetch({
      'POST /api/users': () => jsonResponse({ user: created, setPasswordUrl: url, expiresAt: '2026-12-02T10:00:00.000Z' }, { status: 201 }),
    });
    const user = userEvent.setup(); // installs a clipboard stub on navigator
    const { dialog } = renderAddUser();
    await fillBasics(user, dialog);
    await user.type(within(dialog).getByLabelText(/^Hourly rate/), '24.5');
    await user.click(within(dialog).getByRole('radio', { name: /one-time link/ }));
    expect(within(dialog).queryByLabelText(/^Initial password/)).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Add user' }));

    const done = await screen.findByRole('dialog', { name: 'Nina New was added' });
    const body = JSON.parse(String(fetchMock.mock.calls[0]![1]?.body));
    expect(body.sendInvite).toBe(true);
    expect(body).not.toHaveProperty('password');
    expect(within(done).getByLabelText('Set-password link')).toHaveValue(url);
    await user.click(within(done).getByRole('button', { name: 'Copy' }));
    await expect(navigator.clipboard.readText()).resolves.toBe(url);
    expect(await within(done).findByRole('button', { name: 'Copied' })).toBeInTheDocument();
  });

  it('says the invitation was mailed when the server mailed it, and still shows the link', async () => {
    const url = 'https://time.example/set-password?token=abcdefghijklmnopqrstuvwxyz0123456789';
    stubFetch({
      'POST /api/users': () => jsonResponse({ user: created, setPasswordUrl: url, expiresAt: '2026-12-02T10:00:00.000Z', mailed: true }, { status: 201 }),
    });
    const user = userEvent.setup();
    const { dialog } = renderAddUser();
    await fillBasics(user, dialog);
    await user.type(within(dialog).getByLabelText(/^Hourly rate/), '24.5');
    await user.click(within(dialog).getByRole('radio', { name: /one-time link/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Add user' }));
    const done = await screen.findByRole('dialog', { name: 'Nina New was added' });
    expect(within(done).getByRole('status')).toHaveTextContent(`An invitation with this link was mailed to ${created.email}.`);
    expect(within(done).getByLabelText('Set-password link')).toHaveValue(url);
  });
});

describe('Edit user: sign out everywhere', () => {
  it('ends every session of the user and shows the server error if it fails', async () => {
    let fail = true;
    const { fetchMock } = stubFetch({
      'POST /api/users/u-new/sessions/revoke': () => {
        if (fail) {
          fail = false;
          return errorResponse(404, 'NOT_FOUND', 'This user does not exist.');
        }
        return jsonResponse({ ended: 2 });
      },
    });
    const user = userEvent.setup();
    render(
      <QueryClientProvider client={createTestQueryClient()}>
        <UserFormModal open onClose={vi.fn()} currency="EUR" user={created as Parameters<typeof UserFormModal>[0]['user']} />
      </QueryClientProvider>,
    );
    const dialog = screen.getByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Sign out everywhere' }));
    await waitFor(() => expect(within(dialog).getByRole('alert')).toHaveTextContent('This user does not exist.'));
    await user.click(within(dialog).getByRole('button', { name: 'Sign out everywhere' }));
    await waitFor(() => expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument());
    const posts = fetchMock.mock.calls.filter(([, init]) => init?.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(new Headers(posts[1]?.[1]?.headers).get('X-Requested-With')).toBe('fetch');
  });
});

describe('Edit user: overtime account and vacation', () => {
  const withAccount = { ...created, balanceStart: { month: '2026-01', openingMinutes: -90 }, vacationDaysPerYear: 30 };

  async function renderEdit(locale: 'en-GB' | 'de-DE' = 'en-GB') {
    useLocaleStore.setState({ locale });
    await prepareI18n();
    const onClose = vi.fn();
    render(
      <QueryClientProvider client={createTestQueryClient()}>
        <UserFormModal open onClose={onClose} currency="EUR" user={withAccount as Parameters<typeof UserFormModal>[0]['user']} />
      </QueryClientProvider>,
    );
    return { onClose, dialog: screen.getByRole('dialog') };
  }

  afterEach(async () => {
    useLocaleStore.setState({ locale: 'en-GB' });
    await prepareI18n();
  });

  it('shows the account start, opening (−h:mm) and vacation days, and sends the changes with the rest', async () => {
    const { fetchMock } = stubFetch({ 'PATCH /api/users/u-new': ({ body }) => jsonResponse({ ...withAccount, ...(body as object) }) });
    const user = userEvent.setup();
    const { dialog, onClose } = await renderEdit();
    expect(within(dialog).getByLabelText(/^Account starts in/)).toHaveValue('2026-01');
    const opening = within(dialog).getByLabelText(/^Opening balance/);
    expect(opening).toHaveValue('−1:30');
    const days = within(dialog).getByLabelText(/^Vacation days per year/);
    expect(days).toHaveValue(30);
    await user.clear(opening);
    await user.type(opening, '12:15');
    await user.clear(days);
    await user.type(days, '27.5');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const patch = fetchMock.mock.calls.find(([, init]) => init?.method === 'PATCH');
    expect(JSON.parse(String(patch?.[1]?.body))).toMatchObject({ balanceStart: { month: '2026-01', openingMinutes: 735 }, vacationDaysPerYear: 27.5 });
  });

  it('says what is wrong next to each field and sends nothing', async () => {
    const { fetchMock } = stubFetch({});
    const user = userEvent.setup();
    const { dialog } = await renderEdit();
    const month = within(dialog).getByLabelText(/^Account starts in/);
    await user.clear(month);
    await user.clear(within(dialog).getByLabelText(/^Opening balance/));
    await user.type(within(dialog).getByLabelText(/^Opening balance/), '3:00');
    const days = within(dialog).getByLabelText(/^Vacation days per year/);
    await user.clear(days);
    await user.type(days, '27.3');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Choose the month the opening balance belongs to.')).toBeInTheDocument();
    expect(within(dialog).getByText('Use whole or half days, e.g. 27.5.')).toBeInTheDocument();
    await user.clear(within(dialog).getByLabelText(/^Opening balance/));
    await user.type(within(dialog).getByLabelText(/^Opening balance/), 'three hours');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Enter hours as h:mm, e.g. 12:30, or −4:00 for hours owed.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('in German: labels and messages', async () => {
    stubFetch({});
    const user = userEvent.setup();
    const { dialog } = await renderEdit('de-DE');
    expect(within(dialog).getByRole('group', { name: 'Stundenkonto und Urlaub' })).toBeInTheDocument();
    const days = within(dialog).getByLabelText(/^Urlaubstage pro Jahr/);
    await user.clear(days);
    await user.type(days, '400');
    await user.click(within(dialog).getByRole('button', { name: 'Speichern' }));
    expect(await within(dialog).findByText('Zwischen 0 und 366 Tagen.')).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/^Anfangssaldo/)).toHaveValue('−1:30');
  });
});
