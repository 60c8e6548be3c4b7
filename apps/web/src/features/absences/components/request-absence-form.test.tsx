// Issue 25, defect 8: a manager records sick leave for someone else; the overlap refusal is shown
// like the other form errors (an alert box), not as bare text.
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { CurrentUserContext } from '../../../lib/current-user';
import { errorResponse, jsonResponse, makeMe, stubFetch, type StubRequest } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { RequestAbsenceForm } from './request-absence-form';

const KINDS = { items: [
  { id: 'k-sick', name: 'Sick leave', creditPercent: 100, vacation: false, payrollType: 'sick', archived: false },
  { id: 'k-vac', name: 'Vacation', creditPercent: 100, vacation: true, payrollType: 'vacation', archived: false },
] };
const PEOPLE = { items: [
  { id: 'u-manager', name: 'Max Manager', active: true },
  { id: 'u-bob', name: 'Bob Builder', active: true },
  { id: 'u-gone', name: 'Gone Person', active: false },
] };

function renderForm(me = makeMe({ id: 'u-manager', name: 'Max Manager', role: 'MANAGER' })) {
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <CurrentUserContext value={me}><RequestAbsenceForm /></CurrentUserContext>
    </QueryClientProvider>,
  );
}

async function fill(user: ReturnType<typeof userEvent.setup>, kind: string) {
  await user.selectOptions(screen.getByLabelText('Kind'), kind);
  await user.type(screen.getByLabelText('First day'), '2026-12-14');
  await user.type(screen.getByLabelText('Last day'), '2026-12-15');
}

describe('RequestAbsenceForm', () => {
  it('lets a manager record sick leave for someone else', async () => {
    const posted: unknown[] = [];
    stubFetch({
      'GET /api/settings/absence-kinds': () => jsonResponse(KINDS),
      'GET /api/users': () => jsonResponse(PEOPLE),
      'POST /api/absences': ({ body }: StubRequest) => {
        posted.push(body);
        return jsonResponse({ id: 'a1', userId: 'u-bob', user: { id: 'u-bob', name: 'Bob Builder' }, kind: KINDS.items[0], startDate: '2026-12-14', endDate: '2026-12-15', status: 'REQUESTED', note: '', decidedBy: null, decidedAt: null, createdAt: '2026-12-07T08:00:00.000Z' }, { status: 201 });
      },
    });
    const user = userEvent.setup();
    renderForm();
    const person = await screen.findByLabelText('Person');
    await within(person).findByRole('option', { name: 'Bob Builder' });
    expect(within(person).queryByRole('option', { name: 'Gone Person' })).not.toBeInTheDocument();
    await user.selectOptions(person, 'u-bob');
    await screen.findByRole('option', { name: 'Sick leave (100% of the day)' });
    await fill(user, 'k-sick');
    await user.click(screen.getByRole('button', { name: 'Record absence' }));
    await waitFor(() => expect(posted).toEqual([{ userId: 'u-bob', kindId: 'k-sick', startDate: '2026-12-14', endDate: '2026-12-15', note: '' }]));
    // Saved (the answer parsed): the form is emptied for the next one.
    await waitFor(() => expect(screen.getByLabelText('First day')).toHaveValue(''));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows a member no person picker and the overlap refusal as a form alert', async () => {
    stubFetch({
      'GET /api/settings/absence-kinds': () => jsonResponse(KINDS),
      'POST /api/absences': () => errorResponse(409, 'ABSENCE_OVERLAP', 'This overlaps another absence (14.12.2026–15.12.2026).'),
    });
    const user = userEvent.setup();
    renderForm(makeMe());
    await screen.findByRole('option', { name: 'Sick leave (100% of the day)' });
    expect(screen.queryByLabelText('Person')).not.toBeInTheDocument();
    await fill(user, 'k-sick');
    await user.click(screen.getByRole('button', { name: 'Request absence' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveClass('form-alert');
    expect(alert.textContent).not.toBe('');
  });
});
