import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Organization } from '@workdiary/shared';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareI18n } from '../../../lib/i18n/i18n';
import { useLocaleStore } from '../../../lib/i18n/locale-store';
import { jsonResponse, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { OrganizationPage } from '../pages/organization-page';
import { carryOverUntil, OrganizationForm } from './organization-form';

const org: Organization = { id: 'o-1', name: 'Acme', timeZone: 'Europe/Berlin', currency: 'EUR', clientTimer: false, locale: 'en-GB', vacationCarryOverUntil: null };

async function renderForm(organization: Organization = org, locale: 'en-GB' | 'de-DE' = 'en-GB') {
  useLocaleStore.setState({ locale });
  await prepareI18n();
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <MemoryRouter>
        <OrganizationForm organization={organization} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return screen.getByRole('form');
}

afterEach(async () => {
  useLocaleStore.setState({ locale: 'en-GB' });
  await prepareI18n();
});

describe('Organisation form: vacation carry-over expiry', () => {
  it('sets 31 March and sends "03-31"; back to never sends null (on the page, which shows what was saved)', async () => {
    const bodies: Array<Record<string, unknown>> = [];
    let current: Organization = org;
    stubFetch({
      'GET /api/organization': () => jsonResponse(current),
      'PUT /api/organization': ({ body }) => {
        bodies.push(body as Record<string, unknown>);
        current = { ...current, ...(body as object) };
        return jsonResponse(current);
      },
    });
    useLocaleStore.setState({ locale: 'en-GB' });
    await prepareI18n();
    render(
      <QueryClientProvider client={createTestQueryClient()}>
        <MemoryRouter><OrganizationPage /></MemoryRouter>
      </QueryClientProvider>,
    );
    const form = await screen.findByRole('form');
    const user = userEvent.setup();
    const month = within(form).getByLabelText(/^Expires after/);
    expect(month).toHaveValue('');
    expect(within(form).queryByLabelText(/^Day/)).not.toBeInTheDocument();
    await user.selectOptions(month, 'March');
    // The month's last day is offered first.
    expect(within(form).getByLabelText(/^Day/)).toHaveValue(31);
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({ vacationCarryOverUntil: '03-31' });
    await waitFor(() => expect(within(form).getByRole('button', { name: 'Save' })).toBeDisabled());
    await user.selectOptions(within(form).getByLabelText(/^Expires after/), 'Never expires');
    await user.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1]).toMatchObject({ vacationCarryOverUntil: null });
  });

  it('refuses a day the month does not have, in German too', async () => {
    const { fetchMock } = stubFetch({});
    const user = userEvent.setup();
    const form = await renderForm({ ...org, vacationCarryOverUntil: '02-28' }, 'de-DE');
    expect(within(form).getByLabelText(/^Verfällt nach/)).toHaveValue('02');
    const day = within(form).getByLabelText(/^Tag/);
    expect(day).toHaveValue(28);
    await user.clear(day);
    await user.type(day, '30');
    await user.click(within(form).getByRole('button', { name: 'Speichern' }));
    expect(await within(form).findByText('Wählen Sie einen Tag von 1 bis 29.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('carryOverUntil: MM-DD, never, and the days each month has', () => {
    expect(carryOverUntil({ month: '', day: 12 })).toEqual({ until: null });
    expect(carryOverUntil({ month: '12', day: 1 })).toEqual({ until: '12-01' });
    expect(carryOverUntil({ month: '02', day: 29 })).toEqual({ until: '02-29' });
    expect(carryOverUntil({ month: '04', day: 31 })).toMatchObject({ field: 'carryOverDay' });
    expect(carryOverUntil({ month: '04', day: null })).toMatchObject({ field: 'carryOverDay' });
  });
});
