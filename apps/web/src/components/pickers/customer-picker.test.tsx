import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { errorResponse, jsonResponse, stubFetch } from '../../test/fetch-stub';
import { createTestQueryClient } from '../../test/query-client';
import { CustomerPicker, type CustomerOption } from './customer-picker';

const make = (id: string, name: string, archived = false) => ({ id, name, email: `${id}@example.test`, phone: null, address: null, archived });
const ALL = [make('c1', 'Acme Ltd'), make('c2', 'Globex GmbH'), make('c3', 'Initech AG'), make('c4', 'Old Corp', true)];

function stubCustomers(total?: number) {
  return stubFetch({
    'GET /api/customers': ({ url }) => {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const items = ALL.filter((c) => c.name.toLowerCase().includes(q));
      return jsonResponse({ items, total: total ?? items.length, limit: 20, offset: 0 });
    },
  });
}

function renderPicker(onSubmit = vi.fn(), onEscape = vi.fn()) {
  const changes: Array<CustomerOption | null> = [];
  function Form() {
    const [value, setValue] = useState<CustomerOption | null>(null);
    return (
      <form onSubmit={(e) => { e.preventDefault(); onSubmit(value); }} onKeyDown={(e) => { if (e.key === 'Escape') onEscape(); }}>
        <CustomerPicker value={value} onChange={(c) => { changes.push(c); setValue(c); }} required />
        <button type="submit">Submit form</button>
      </form>
    );
  }
  render(<QueryClientProvider client={createTestQueryClient()}><Form /></QueryClientProvider>);
  return { changes, onSubmit, onEscape };
}

describe('CustomerPicker', () => {
  it('searches on the server as you type and lists the active matches', async () => {
    const { fetchMock } = stubCustomers();
    renderPicker();
    const user = userEvent.setup();
    const combo = screen.getByRole('combobox', { name: /Customer/ });
    expect(combo).toHaveAttribute('aria-expanded', 'false');
    await user.click(combo);
    expect(combo).toHaveAttribute('aria-expanded', 'true');
    // Archived customers are never offered.
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => o.querySelector('.customer-picker__name')?.textContent))
      .toEqual(['Acme Ltd', 'Globex GmbH', 'Initech AG']));
    await user.type(combo, 'glo');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    expect(screen.getByRole('option')).toHaveTextContent('Globex GmbH');
    const last = new URL(String(fetchMock.mock.calls.at(-1)?.[0]), 'http://x');
    expect(last.searchParams.get('q')).toBe('glo');
  });

  it('↓/↑ move, Enter picks without submitting the form, Escape closes the list only', async () => {
    stubCustomers();
    const { changes, onSubmit, onEscape } = renderPicker();
    const user = userEvent.setup();
    const combo = screen.getByRole('combobox', { name: /Customer/ });
    await user.click(combo);
    await screen.findAllByRole('option');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(3));
    await user.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}{ArrowDown}');
    const active = screen.getByRole('option', { selected: true });
    expect(active).toHaveTextContent('Initech AG');
    expect(combo).toHaveAttribute('aria-activedescendant', active.id);
    await user.keyboard('{Enter}');
    expect(onSubmit).not.toHaveBeenCalled();
    expect(changes.at(-1)).toEqual({ id: 'c3', name: 'Initech AG' });
    expect(combo).toHaveValue('Initech AG');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();

    await user.keyboard('{ArrowDown}');
    expect(await screen.findByRole('listbox')).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).not.toBeInTheDocument();
    expect(onEscape).not.toHaveBeenCalled();

    // Typing again drops the choice until another is picked.
    await user.type(combo, 'x');
    expect(changes.at(-1)).toBeNull();
  });

  it('says when nothing matches, when more exist, and shows a failed search with Retry', async () => {
    stubCustomers(57);
    renderPicker();
    const user = userEvent.setup();
    const combo = screen.getByRole('combobox', { name: /Customer/ });
    await user.click(combo);
    expect(await screen.findByText('53 more: type to narrow the list.')).toBeInTheDocument();
    await user.type(combo, 'zzz');
    expect(await screen.findByText('No customers match “zzz”.')).toBeInTheDocument();

    let calls = 0;
    stubFetch({
      'GET /api/customers': () => (++calls === 1 ? errorResponse(500, 'INTERNAL', 'Something went wrong on our side.') : jsonResponse({ items: [ALL[0]], total: 1, limit: 20, offset: 0 })),
    });
    await user.type(combo, 'q');
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load the customers: Something went wrong on our side.');
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('option', { name: /Acme Ltd/ })).toBeInTheDocument();
  });

  it('picks with the mouse', async () => {
    stubCustomers();
    const { changes } = renderPicker();
    const user = userEvent.setup();
    await user.click(screen.getByRole('combobox', { name: /Customer/ }));
    await user.click(await screen.findByRole('option', { name: /Globex GmbH/ }));
    expect(changes.at(-1)).toEqual({ id: 'c2', name: 'Globex GmbH' });
  });
});
