import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Customer } from '@workdiary/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { CurrentUserContext } from '../../../lib/current-user';
import { useLocaleStore } from '../../../lib/i18n/locale-store';
import { errorResponse, jsonResponse, makeMe, stubFetch } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { CustomerFormModal } from './customer-form-modal';

const manager = makeMe({ id: 'u-manager', role: 'MANAGER' });
const acme: Customer = { id: 'c-1', name: 'Acme Ltd', email: null, phone: null, address: null, archived: false, hourlyRate: 12000 };

function renderForm(customer?: Customer) {
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <CurrentUserContext value={manager}>
        <CustomerFormModal open customer={customer} onClose={() => {}} />
      </CurrentUserContext>
    </QueryClientProvider>,
  );
  return screen.getByRole('dialog', { name: customer ? 'Edit customer' : 'New customer' });
}

afterEach(() => useLocaleStore.setState({ locale: 'en-GB' }));

describe('CustomerFormModal: hourly rate', () => {
  it('creates a billable customer: the rate is sent in minor units', async () => {
    const bodies: unknown[] = [];
    stubFetch({ 'POST /api/customers': ({ body }) => { bodies.push(body); return jsonResponse({ ...acme, id: 'c-new', name: 'Initech AG', hourlyRate: 8550 }, { status: 201 }); } });
    const dialog = renderForm();
    const user = userEvent.setup();
    await user.type(within(dialog).getByLabelText(/^Name/), 'Initech AG');
    const rate = within(dialog).getByLabelText('Hourly rate');
    expect(rate).toHaveAttribute('placeholder', 'Not billable');
    await user.type(rate, '85.50');
    await user.click(within(dialog).getByRole('button', { name: 'Add customer' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({ name: 'Initech AG', hourlyRate: 8550 });
  });

  it('edits the rate in the German way and clears it to make the customer not billable', async () => {
    useLocaleStore.setState({ locale: 'de-DE' });
    const bodies: unknown[] = [];
    stubFetch({ 'PATCH /api/customers/c-1': ({ body }) => { bodies.push(body); return jsonResponse({ ...acme, ...(body as object) }); } });
    const dialog = renderForm(acme);
    const rate = within(dialog).getByLabelText('Hourly rate');
    expect(rate).toHaveValue('120,00');
    const user = userEvent.setup();
    await user.clear(rate);
    await user.type(rate, '99,9');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({ hourlyRate: 9990 });
  });

  it('sends null for an empty rate, and shows what is wrong with a typed one without saving', async () => {
    const bodies: unknown[] = [];
    stubFetch({ 'PATCH /api/customers/c-1': ({ body }) => { bodies.push(body); return jsonResponse({ ...acme, hourlyRate: null }); } });
    const dialog = renderForm(acme);
    const rate = within(dialog).getByLabelText('Hourly rate');
    expect(rate).toHaveValue('120.00');
    const user = userEvent.setup();
    await user.clear(rate);
    await user.type(rate, '12.345');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('Enter at most 2 decimal places')).toBeInTheDocument();
    expect(rate).toHaveAttribute('aria-invalid', 'true');
    expect(bodies).toEqual([]);
    await user.clear(rate);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(bodies).toHaveLength(1));
    expect(bodies[0]).toMatchObject({ hourlyRate: null });
  });

  it('puts a server refusal of the rate under the field', async () => {
    stubFetch({ 'PATCH /api/customers/c-1': () => errorResponse(400, 'VALIDATION_ERROR', 'hourlyRate: A rate cannot be negative', { issues: [{ path: 'hourlyRate', message: 'A rate cannot be negative' }] }) });
    const dialog = renderForm(acme);
    const user = userEvent.setup();
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await within(dialog).findByText('A rate cannot be negative')).toBeInTheDocument();
  });
});
