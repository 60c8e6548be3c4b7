import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { jsonResponse, stubFetch } from '../../test/fetch-stub';
import { createTestQueryClient } from '../../test/query-client';
import { CustomerSelect } from './customer-select';

const make = (id: string, name: string) => ({ id, name, email: null, phone: null, address: null, archived: false, hourlyRate: null });

function renderSelect(initial: string, current: { id: string; name: string } | null) {
  stubFetch({ 'GET /api/customers': () => jsonResponse({ items: [make('c1', 'Acme Ltd'), make('c2', 'Globex GmbH')], total: 2, limit: 20, offset: 0 }) });
  const ids: string[] = [];
  function Form() {
    const [value, setValue] = useState(initial);
    return <CustomerSelect value={value} current={current} onChange={(id) => { ids.push(id); setValue(id); }} />;
  }
  render(<QueryClientProvider client={createTestQueryClient()}><Form /></QueryClientProvider>);
  return ids;
}

describe('CustomerSelect (the entry form’s customer field)', () => {
  it('shows the entry’s customer, even an archived one, and hands the form the id of a new pick', async () => {
    const ids = renderSelect('c9', { id: 'c9', name: 'Archived Co' });
    const user = userEvent.setup();
    const combo = screen.getByRole('combobox', { name: /Customer/ });
    expect(combo).toHaveValue('Archived Co');
    await user.click(screen.getByRole('button', { name: 'Show customers' }));
    await user.click(await screen.findByRole('option', { name: /Globex GmbH/ }));
    expect(ids).toEqual(['c2']);
    expect(combo).toHaveValue('Globex GmbH');
  });

  it('typing over the name clears the id, so the form asks for a customer', async () => {
    const ids = renderSelect('c9', { id: 'c9', name: 'Archived Co' });
    const user = userEvent.setup();
    await user.type(screen.getByRole('combobox', { name: /Customer/ }), 'x');
    expect(ids).toEqual(['']);
  });
});
