import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Me } from '@workdiary/shared';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { CurrentUserContext } from '../../../lib/current-user';
import { errorResponse, makeMe, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { Toaster } from '../../../components/toaster';
import { DatevExportButton } from './datev-export-button';

function renderButton(me: Me) {
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <CurrentUserContext value={me}>
        <MemoryRouter>
          <DatevExportButton month="2026-11" />
          <Toaster />
        </MemoryRouter>
      </CurrentUserContext>
    </QueryClientProvider>,
  );
}

describe('DatevExportButton', () => {
  it('downloads the month’s LODAS file', async () => {
    const asked: string[] = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() }));
    stubFetch({
      'GET /api/exports/payroll/datev-lodas.txt': ({ url }) => {
        asked.push(url.search);
        return new Response('[Allgemein]\r\n', { headers: { 'Content-Disposition': 'attachment; filename="datev-lodas_2026-11.txt"' } });
      },
    });
    renderButton(makeMe({ role: 'MANAGER' }));
    await userEvent.setup().click(screen.getByRole('button', { name: 'DATEV LODAS file for payroll (approved months)' }));
    await waitFor(() => expect(screen.getByText('Downloaded datev-lodas_2026-11.txt')).toBeInTheDocument());
    expect(asked).toEqual(['?month=2026-11']);
  });

  it('lists the people without a personnel number and the missing settings, with where to fix them (admins)', async () => {
    stubFetch({
      'GET /api/exports/payroll/datev-lodas.txt': () => errorResponse(422, 'DATEV_INCOMPLETE', 'The DATEV file cannot be written yet: …', {
        users: [{ id: 'u-bob', name: 'Bob Example' }, { id: 'u-j', name: 'Jürgen Weiß' }],
        settings: ['datevClientNumber', 'wageTypes.sick'],
      }),
    });
    renderButton(makeMe({ role: 'ADMIN' }));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'DATEV LODAS file for payroll (approved months)' }));
    const dialog = await screen.findByRole('dialog', { name: 'The DATEV file cannot be written yet' });
    expect(within(dialog).getByText('2 people have hours this month but no personnel number:')).toBeInTheDocument();
    const people = within(dialog).getByRole('list', { name: 'People without a personnel number' });
    expect(within(people).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Bob Example', 'Jürgen Weiß']);
    const settings = within(dialog).getByRole('list', { name: 'Missing payroll settings' });
    expect(within(settings).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['DATEV client number', 'Wage type for sick leave']);
    expect(within(dialog).getByRole('link', { name: 'Open users' })).toHaveAttribute('href', '/users');
    expect(within(dialog).getByRole('link', { name: 'Open settings' })).toHaveAttribute('href', '/settings');
    await user.click(within(dialog).getAllByRole('button', { name: 'Close' }).at(-1) as HTMLElement);
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('a manager is told an administrator fixes it; only the part that is missing is shown', async () => {
    stubFetch({
      'GET /api/exports/payroll/datev-lodas.txt': () => errorResponse(422, 'DATEV_INCOMPLETE', 'x', { users: [{ id: 'u-bob', name: 'Bob Example' }], settings: [] }),
    });
    renderButton(makeMe({ role: 'MANAGER' }));
    await userEvent.setup().click(screen.getByRole('button', { name: 'DATEV LODAS file for payroll (approved months)' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('1 person has hours this month but no personnel number:')).toBeInTheDocument();
    expect(within(dialog).getByText('An administrator adds it in each person’s user form.')).toBeInTheDocument();
    expect(within(dialog).queryByRole('link')).toBeNull();
    expect(within(dialog).queryByRole('list', { name: 'Missing payroll settings' })).toBeNull();
  });

  it('any other failure shows the server’s message', async () => {
    stubFetch({ 'GET /api/exports/payroll/datev-lodas.txt': () => errorResponse(403, 'FORBIDDEN', 'You do not have permission to do this.') });
    renderButton(makeMe({ role: 'MANAGER' }));
    await userEvent.setup().click(screen.getByRole('button', { name: 'DATEV LODAS file for payroll (approved months)' }));
    await waitFor(() => expect(screen.getByText('You do not have permission to do this.')).toBeInTheDocument());
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
