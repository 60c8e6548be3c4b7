import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ImportDryRun, ImportRecord } from '@workdiary/shared';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { CurrentUserContext } from '../../../lib/current-user';
import { errorResponse, jsonResponse, makeMe, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { stubXhr } from '../test/xhr-stub';
import { ImportsPage } from './imports-page';

const admin = makeMe({ id: 'u-admin', name: 'Ada Admin', role: 'ADMIN' });

function renderPage() {
  const router = createMemoryRouter([{ path: '/settings/imports', element: <ImportsPage /> }], { initialEntries: ['/settings/imports'] });
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <CurrentUserContext value={admin}><RouterProvider router={router} /></CurrentUserContext>
    </QueryClientProvider>,
  );
}

const people = [
  { id: 'u-anna', name: 'Anna Berger', email: 'anna@acme.test', role: 'MEMBER', active: true, pay: { type: 'HOURLY', hourlyRate: 2000, monthlyBase: null, overtimeFactor: 1.25 }, atWork: null },
  { id: 'u-carla', name: 'Carla Neumann', email: 'carla@acme.test', role: 'MEMBER', active: true, pay: { type: 'HOURLY', hourlyRate: 2000, monthlyBase: null, overtimeFactor: 1.25 }, atWork: null },
];

const withUnknown: ImportDryRun = {
  format: 'clockify', rows: 2, entries: { toCreate: 1, duplicates: 0 }, customers: { toCreate: ['Initech'] }, categories: { toCreate: [] },
  users: [{ source: 'anna@acme.test', userId: 'u-anna' }, { source: 'carla@freelance.example', userId: null }],
  errors: [{ row: 3, code: 'UNKNOWN_USER', message: 'No user has the email "carla@freelance.example": map it to a user or add the user first.' }],
  preview: [{ row: 2, user: 'Anna Berger', customer: 'Initech', category: 'Support', startedAt: '2026-03-16T08:00:00.000Z', stoppedAt: '2026-03-16T10:45:00.000Z', note: 'Homepage copy', duplicate: false }],
};
const mapped: ImportDryRun = {
  ...withUnknown, entries: { toCreate: 2, duplicates: 0 }, errors: [],
  users: [{ source: 'anna@acme.test', userId: 'u-anna' }, { source: 'carla@freelance.example', userId: 'u-carla' }],
};
const record: ImportRecord = {
  id: 'i1', format: 'clockify', fileName: 'clockify.csv', timeZone: 'Europe/Berlin', createdAt: '2026-12-07T08:00:00.000Z', createdBy: { id: 'u-admin', name: 'Ada Admin' },
  rows: 2, created: { entries: 2, customers: 1, categories: 0 }, skipped: { duplicates: 0 }, undoneAt: null, undoneBy: null,
};

describe('ImportsPage', () => {
  it('previews a Clockify file, maps the unknown person, imports it and lists it in the history', async () => {
    const sent: Array<{ dryRun: string | null; format: string | null; userMap: string | null; file: string | null }> = [];
    let history: ImportRecord[] = [];
    stubFetch({
      'GET /api/imports': () => jsonResponse({ items: history }),
      'GET /api/users': () => jsonResponse({ items: people }),
      'POST /api/imports': ({ url, body }) => {
        const form = body as FormData;
        const userMap = form.get('userMap') as string | null;
        sent.push({ dryRun: url.searchParams.get('dryRun'), format: url.searchParams.get('format'), userMap, file: (form.get('file') as File | null)?.name ?? null });
        if (url.searchParams.get('dryRun') === 'true') return jsonResponse(userMap ? mapped : withUnknown);
        history = [record];
        return jsonResponse({ id: 'i1', created: { entries: 2, customers: 1, categories: 0 }, skipped: { duplicates: 0 } }, { status: 201 });
      },
    });
    // The uploads go by XMLHttpRequest (for their progress), answered by the fetch stub above.
    stubXhr();
    renderPage();
    expect(await screen.findByText('No imports yet')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByLabelText(/Clockify/));
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(screen.getByText(/In Clockify open Reports → Detailed/)).toBeInTheDocument();
    await user.upload(screen.getByLabelText('Export file from Clockify'), new File(['"Project","Client"\n'], 'clockify.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Check file' }));

    expect(await screen.findByText(/carla@freelance.example": map it/)).toBeInTheDocument();
    expect(screen.getByText('Row 3 · Unknown person')).toBeInTheDocument();
    expect(screen.getByTestId('count-create')).toHaveTextContent('1');
    expect(screen.getByText(/Initech/, { selector: 'p' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Import 1 entries' })).toBeDisabled();

    await user.selectOptions(screen.getByLabelText('Workdiary user for carla@freelance.example'), 'u-carla');
    await waitFor(() => expect(screen.getByTestId('count-errors')).toHaveTextContent('0'));
    expect(sent[1]).toEqual({ dryRun: 'true', format: 'clockify', userMap: JSON.stringify({ 'carla@freelance.example': 'u-carla' }), file: 'clockify.csv' });
    await user.click(screen.getByRole('button', { name: 'Import 2 entries' }));
    expect(await screen.findByText('Imported 2 entries.')).toBeInTheDocument();
    expect(sent[2]).toMatchObject({ dryRun: 'false', userMap: JSON.stringify({ 'carla@freelance.example': 'u-carla' }) });
    const table = await screen.findByRole('table', { name: 'Import history' });
    expect(await within(table).findByText('clockify.csv')).toBeInTheDocument();
  });

  it('an undo refused for an approved month says so and the import stays', async () => {
    stubFetch({
      'GET /api/imports': () => jsonResponse({ items: [record] }),
      'GET /api/users': () => jsonResponse({ items: people }),
      'DELETE /api/imports/i1': () => errorResponse(409, 'MONTH_LOCKED', 'March 2026 is approved and locked for payroll.', { month: '2026-03', userId: 'u-anna' }),
    });
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Undo' }));
    await user.click(screen.getByRole('button', { name: 'Undo import' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Undo import' })).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: 'Undo' })).toBeInTheDocument();
  });
});
