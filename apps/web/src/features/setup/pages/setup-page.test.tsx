import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { errorResponse, jsonResponse, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { SetupPage } from './setup-page';

function renderPage() {
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <MemoryRouter initialEntries={['/setup']}>
        <SetupPage />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const zipFile = () => new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'workdiary_Acme_2026-12-07.zip', { type: '' });

describe('SetupPage: importing an organisation export instead', () => {
  it('sends the chosen zip as application/zip and shows each person’s one-time link', async () => {
    const sent: Array<{ type: string; size: number }> = [];
    stubFetch({
      'GET /api/setup': () => jsonResponse({ needed: true }),
      'POST /api/setup/import': ({ body }) => {
        const blob = body as Blob;
        sent.push({ type: blob.type, size: blob.size });
        return jsonResponse({
          organization: { id: 'o1', name: 'Acme GmbH' },
          rows: { 'entries.csv': 1234, 'users.csv': 2 },
          links: [
            { email: 'ada@acme.example', name: 'Ada Admin', role: 'ADMIN', url: 'https://wd.example/set-password?token=aaa' },
            { email: 'max@acme.example', name: 'Max Member', role: 'MEMBER', url: 'https://wd.example/set-password?token=bbb' },
          ],
        }, { status: 201 });
      },
    });
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByText('Moving from another Workdiary server? Import its organisation export'));
    await user.click(screen.getByRole('button', { name: 'Import organisation' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Choose the organisation export (.zip) first.');
    expect(sent).toEqual([]);

    await user.upload(screen.getByLabelText('Organisation export (.zip)'), zipFile());
    await user.click(screen.getByRole('button', { name: 'Import organisation' }));
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Acme GmbH is imported'));
    expect(sent).toEqual([{ type: 'application/zip', size: 4 }]);
    expect(screen.getByText(/1,234 entries and everything else/)).toBeInTheDocument();
    const links = within(screen.getByRole('list', { name: 'Set-password links' })).getAllByRole('listitem');
    expect(links).toHaveLength(2);
    expect(screen.getByRole('textbox', { name: 'Set-password link for Ada Admin' })).toHaveValue('https://wd.example/set-password?token=aaa');
  });

  it('says why a file is refused, and keeps the page', async () => {
    stubFetch({
      'GET /api/setup': () => jsonResponse({ needed: true }),
      'POST /api/setup/import': () => errorResponse(400, 'VALIDATION_ERROR', 'This is not a Workdiary organisation export: manifest.json is missing.'),
    });
    renderPage();
    const user = userEvent.setup();
    await user.click(await screen.findByText('Moving from another Workdiary server? Import its organisation export'));
    await user.upload(screen.getByLabelText('Organisation export (.zip)'), zipFile());
    await user.click(screen.getByRole('button', { name: 'Import organisation' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('manifest.json is missing'));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Set up Workdiary');
  });
});
