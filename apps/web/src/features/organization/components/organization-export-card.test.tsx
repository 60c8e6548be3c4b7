import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { errorResponse, stubFetch } from '../../../test/fetch-stub';
import { Toaster } from '../../../components/toaster';
import { OrganizationExportCard } from './organization-export-card';

describe('OrganizationExportCard', () => {
  it('downloads the whole organisation as a zip and names the file it saved', async () => {
    let asked = 0;
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: vi.fn(() => 'blob:x'), revokeObjectURL: vi.fn() }));
    stubFetch({
      'GET /api/exports/organization.zip': () => {
        asked += 1;
        return new Response(new Uint8Array([0x50, 0x4b, 3, 4]), { headers: { 'Content-Type': 'application/zip', 'Content-Disposition': 'attachment; filename="workdiary_Acme_2026-12-07.zip"' } });
      },
    });
    render(<><OrganizationExportCard /><Toaster /></>);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Download (zip)' }));
    await waitFor(() => expect(screen.getByText('Downloaded workdiary_Acme_2026-12-07.zip')).toBeInTheDocument());
    expect(asked).toBe(1);
  });

  it('says why when the download is refused', async () => {
    stubFetch({ 'GET /api/exports/organization.zip': () => errorResponse(403, 'FORBIDDEN', 'Only admins can do this.') });
    render(<><OrganizationExportCard /><Toaster /></>);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Download (zip)' }));
    await waitFor(() => expect(screen.getByText('Export failed')).toBeInTheDocument());
  });
});
