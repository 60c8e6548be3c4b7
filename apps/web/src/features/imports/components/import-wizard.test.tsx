import { QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ImportDryRun } from '@workdiary/shared';
import { describe, expect, it } from 'vitest';
import { errorResponse, jsonResponse, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { stubXhr } from '../test/xhr-stub';
import { ImportWizard } from './import-wizard';

const dryRun: ImportDryRun = {
  format: 'toggl', rows: 1, entries: { toCreate: 1, duplicates: 0 }, customers: { toCreate: [] }, categories: { toCreate: [] },
  users: [{ source: 'anna@acme.test', userId: 'u-anna' }], errors: [],
  preview: [{ row: 2, user: 'Anna Berger', customer: 'Acme', category: 'Dev', startedAt: '2026-03-16T08:00:00.000Z', stoppedAt: '2026-03-16T09:00:00.000Z', note: '', duplicate: false }],
};

async function upToCheck() {
  render(<QueryClientProvider client={createTestQueryClient()}><ImportWizard /></QueryClientProvider>);
  const user = userEvent.setup();
  await user.click(screen.getByRole('button', { name: 'Next' }));
  await user.upload(screen.getByLabelText('Export file from Toggl Track'), new File(['"User","Email"\n'], 'toggl.csv', { type: 'text/csv' }));
  await user.click(screen.getByRole('button', { name: 'Check file' }));
  return user;
}

describe('ImportWizard progress', () => {
  it('shows the upload\'s percentage, then "Checking rows…" while the server works, then the preview; the import the same', async () => {
    stubFetch({
      'GET /api/users': () => jsonResponse({ items: [] }),
      'POST /api/imports': ({ url }) => (url.searchParams.get('dryRun') === 'true'
        ? jsonResponse(dryRun)
        : jsonResponse({ id: 'i1', created: { entries: 1, customers: 0, categories: 0 }, skipped: { duplicates: 0 } }, { status: 201 })),
    });
    const { requests } = stubXhr({ hold: true });
    const user = await upToCheck();

    await waitFor(() => expect(requests).toHaveLength(1));
    const check = requests[0]!;
    // The api client's cookie and CSRF header, on the XHR too.
    expect(check).toMatchObject({ method: 'POST', withCredentials: true, headers: { 'x-requested-with': 'fetch', accept: 'application/json' } });
    expect(check.body).toBeInstanceOf(FormData);

    act(() => check.progress(250, 1000));
    await waitFor(() => expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '25'));
    expect(screen.getByText('Uploading the file… 25 %')).toBeInTheDocument();
    act(() => check.progress(600, 1000));
    await waitFor(() => expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '60'));

    // Sent: the server is reading it (indeterminate: no value).
    act(() => check.progress(1000, 1000));
    await waitFor(() => expect(screen.getByRole('progressbar', { name: 'Checking rows…' })).not.toHaveAttribute('aria-valuenow'));
    expect(screen.getByText('Checking rows…')).toBeInTheDocument();

    await act(() => check.respondFromFetch());
    expect(await screen.findByRole('button', { name: 'Import 1 entries' })).toBeEnabled();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Import 1 entries' }));
    await waitFor(() => expect(requests).toHaveLength(2));
    const run = requests[1]!;
    act(() => run.progress(500, 2000));
    await waitFor(() => expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '25'));
    act(() => run.progress(2000, 2000));
    await waitFor(() => expect(screen.getByRole('progressbar', { name: 'Importing…' })).not.toHaveAttribute('aria-valuenow'));
    await act(() => run.respondFromFetch());
    expect(await screen.findByText('Imported 1 entries.')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('an upload the server refuses shows its error as the api client reads it, and the bar goes', async () => {
    stubFetch({
      'GET /api/users': () => jsonResponse({ items: [] }),
      'POST /api/imports': () => errorResponse(400, 'VALIDATION_ERROR', 'The multipart body has no field "file".'),
    });
    const { requests } = stubXhr({ hold: true });
    await upToCheck();
    await waitFor(() => expect(requests).toHaveLength(1));
    act(() => requests[0]!.progress(10, 100));
    await waitFor(() => expect(screen.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '10'));
    await act(() => requests[0]!.respondFromFetch());
    expect(await screen.findByText('Could not read the file')).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });
});
