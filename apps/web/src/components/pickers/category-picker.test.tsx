import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Category } from '@workdiary/shared';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { errorResponse, jsonResponse, stubFetch } from '../../test/fetch-stub';
import { createTestQueryClient } from '../../test/query-client';
import { ADD_NEW_CATEGORY, CategoryPicker } from './category-picker';

const regular: Category = { id: 'c-regular', name: 'Regular Hours', archived: false };
const support: Category = { id: 'c-support', name: 'Support', archived: false };

function renderPicker(initial = '', onSubmit = vi.fn(), current?: Category) {
  const queryClient = createTestQueryClient();
  const changes: string[] = [];
  function Form() {
    const [value, setValue] = useState(initial);
    return (
      <form onSubmit={(e) => { e.preventDefault(); onSubmit(value); }}>
        <CategoryPicker value={value} current={current} onChange={(id) => { changes.push(id); setValue(id); }} />
        <button type="submit">Submit form</button>
      </form>
    );
  }
  render(<QueryClientProvider client={queryClient}><Form /></QueryClientProvider>);
  return { queryClient, changes, onSubmit };
}

describe('CategoryPicker', () => {
  it('lists the active categories and a last "+ Add new…" option', async () => {
    stubFetch({ 'GET /api/categories': () => jsonResponse({ items: [regular, support] }) });
    renderPicker();
    const select = await screen.findByRole('combobox', { name: 'Category' });
    await waitFor(() => expect(select).toBeEnabled());
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => o.textContent)).toEqual(['Choose a category…', 'Regular Hours', 'Support', '+ Add new…']));
    await userEvent.setup().selectOptions(select, 'Support');
    expect(select).toHaveValue('c-support');
  });

  it('adds a category inline with Enter, selects it and does not submit the form', async () => {
    const created: Category = { id: 'c-travel', name: 'Travel', archived: false };
    let listCalls = 0;
    const { fetchMock } = stubFetch({
      'GET /api/categories': () => {
        listCalls += 1;
        return jsonResponse({ items: listCalls === 1 ? [regular, support] : [regular, support, created] });
      },
      'POST /api/categories': () => jsonResponse(created, { status: 201 }),
    });
    const { changes, onSubmit } = renderPicker();
    const user = userEvent.setup();
    const select = await screen.findByRole('combobox', { name: 'Category' });
    await waitFor(() => expect(select).toBeEnabled());
    await user.selectOptions(select, ADD_NEW_CATEGORY);

    const input = screen.getByRole('textbox', { name: 'New category name' });
    expect(input).toHaveFocus();
    expect(select).toHaveValue(''); // "+ Add new…" is not a value
    await user.type(input, '  Travel {Enter}');

    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'New category name' })).not.toBeInTheDocument());
    expect(changes).toEqual(['c-travel']);
    expect(screen.getByRole('combobox', { name: 'Category' })).toHaveValue('c-travel');
    expect(screen.getByRole('option', { name: 'Travel' })).toBeInTheDocument();
    const post = fetchMock.mock.calls.find(([, init]) => init?.method === 'POST');
    expect(JSON.parse(String(post?.[1]?.body))).toEqual({ name: 'Travel' });
    expect(onSubmit).not.toHaveBeenCalled();
    await waitFor(() => expect(listCalls).toBe(2)); // ['categories'] was invalidated
  });

  it('shows the 409 message inline and offers the existing category', async () => {
    stubFetch({
      'GET /api/categories': () => jsonResponse({ items: [regular, support] }),
      'POST /api/categories': () => errorResponse(409, 'CATEGORY_NAME_TAKEN', 'A category named "Support" already exists. Pick it from the list instead.', { name: 'Support', existingId: 'c-support', archived: false }),
    });
    const { changes } = renderPicker();
    const user = userEvent.setup();
    const select = await screen.findByRole('combobox', { name: 'Category' });
    await waitFor(() => expect(select).toBeEnabled());
    await user.selectOptions(select, ADD_NEW_CATEGORY);
    const input = screen.getByRole('textbox', { name: 'New category name' });
    await user.type(input, 'support');
    await user.click(screen.getByRole('button', { name: 'Add' }));

    expect(await screen.findByText('A category named "Support" already exists. Pick it from the list instead.')).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(changes).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Use “Support”' }));
    expect(changes).toEqual(['c-support']);
    expect(screen.getByRole('combobox', { name: 'Category' })).toHaveValue('c-support');
  });

  it('checks the name before calling the server, and Cancel leaves the selection alone', async () => {
    const { fetchMock } = stubFetch({ 'GET /api/categories': () => jsonResponse({ items: [regular] }) });
    const { changes } = renderPicker('c-regular');
    const user = userEvent.setup();
    const select = await screen.findByRole('combobox', { name: 'Category' });
    await waitFor(() => expect(select).toBeEnabled());
    await user.selectOptions(select, ADD_NEW_CATEGORY);
    await user.type(screen.getByRole('textbox', { name: 'New category name' }), '   ');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(screen.getByText('Name is required')).toBeInTheDocument();
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'POST')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('textbox', { name: 'New category name' })).not.toBeInTheDocument();
    expect(select).toHaveValue('c-regular');
    expect(changes).toEqual([]);
  });

  it('keeps showing the archived category a record already has', async () => {
    stubFetch({ 'GET /api/categories': () => jsonResponse({ items: [regular] }) });
    renderPicker('c-old', vi.fn(), { id: 'c-old', name: 'Old Work', archived: true });
    const select = await screen.findByRole('combobox', { name: 'Category' });
    await waitFor(() => expect(select).toBeEnabled());
    await waitFor(() => expect(select).toHaveValue('c-old'));
    expect(screen.getByRole('option', { name: 'Old Work (archived)' })).toBeInTheDocument();
  });

  it('shows the server message when the list cannot be loaded', async () => {
    stubFetch({ 'GET /api/categories': () => errorResponse(403, 'FORBIDDEN', 'You do not have permission to do this.') });
    renderPicker();
    expect(await screen.findByText('Could not load the categories: You do not have permission to do this.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });
});
