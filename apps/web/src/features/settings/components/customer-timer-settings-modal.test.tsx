import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_WORK_RULES, type Category, type WorkRules, type WorkRulesView } from '@workdiary/shared';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Toaster } from '../../../components/toaster';
import { useToasts } from '../../../components/toast';
import { errorResponse, jsonResponse, stubFetch, type StubRequest } from '../../../test/fetch-stub';
import { createTestQueryClient } from '../../../test/query-client';
import { CustomerTimerSettingsModal } from './customer-timer-settings-modal';

const me = { id: 'u-admin', name: 'Ada Admin' };
const users = [
  { id: 'u-admin', name: 'Ada Admin', email: 'ada@x.test', role: 'ADMIN', active: true, pay: { type: 'MONTHLY', monthlyBase: 1, overtimeFactor: 1.25 }, atWork: null },
  { id: 'u-alice', name: 'Alice Example', email: 'alice@x.test', role: 'MEMBER', active: true, pay: { type: 'HOURLY', hourlyRate: 1, overtimeFactor: 1.25 }, atWork: null },
];
const view = (userId: string | null, rules: WorkRules = DEFAULT_WORK_RULES, inherited = false): WorkRulesView =>
  ({ ...rules, userId, inherited, updatedAt: '2026-03-01T10:00:00.000Z' });

function setup(overrides: Record<string, (r: StubRequest) => Response | Promise<Response>> = {}) {
  const puts: Array<{ path: string; body: unknown }> = [];
  let adminRules = view('u-admin');
  const stub = stubFetch({
    'GET /api/users': () => jsonResponse({ items: users }),
    'GET /api/settings/work-rules/u-admin': () => jsonResponse(adminRules),
    'GET /api/settings/work-rules/u-alice': () => jsonResponse(view('u-alice', DEFAULT_WORK_RULES, true)),
    'GET /api/settings/work-rules/default': () => jsonResponse(view(null, { ...DEFAULT_WORK_RULES, minSessionMinutes: 5 })),
    'PUT /api/settings/work-rules/u-admin': (r) => {
      puts.push({ path: r.path, body: r.body });
      adminRules = { ...view('u-admin', r.body as WorkRules), updatedAt: new Date().toISOString() };
      return jsonResponse(adminRules);
    },
    'GET /api/categories': () => jsonResponse({ items: [] }),
    ...overrides,
  });
  const onClose = vi.fn();
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <CustomerTimerSettingsModal open me={me} onClose={onClose} />
      <Toaster />
    </QueryClientProvider>,
  );
  return { ...stub, puts, onClose, user: userEvent.setup() };
}

const monday = () => screen.getByRole('textbox', { name: 'Monday' });

async function ready() {
  await waitFor(() => expect(monday()).toHaveValue('8:00'));
}

beforeEach(() => useToasts.getState().clear());

describe('Customer Timer Working settings: Step 1', () => {
  it('opens on the admin’s own rules with every field', async () => {
    setup();
    expect(screen.getByRole('dialog', { name: 'Customer Timer Working settings' })).toHaveAccessibleDescription('Step 1 of 2: work rules');
    await ready();
    expect(screen.getByRole('combobox', { name: 'Rules for' })).toHaveValue('u-admin');
    expect(screen.getByRole('textbox', { name: 'Saturday' })).toHaveValue('0:00');
    expect(screen.getByRole('spinbutton', { name: 'Minimum session' })).toHaveValue(0);
    expect(screen.getByRole('spinbutton', { name: 'Maximum session' })).toHaveValue(12);
    expect(screen.getByRole('checkbox', { name: 'Note required on stop' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Allow overlapping sessions' })).not.toBeChecked();
    expect(screen.getByText('Ada Admin has rules of their own.')).toBeInTheDocument();
  });

  it('Submit saves the rules (hours as h:mm or decimals) and says "Saved"', async () => {
    const { puts, user } = setup();
    await ready();
    await user.clear(monday());
    await user.type(monday(), '7:30');
    await user.clear(screen.getByRole('textbox', { name: 'Friday' }));
    await user.type(screen.getByRole('textbox', { name: 'Friday' }), '6,5');
    await user.click(screen.getByRole('checkbox', { name: 'Note required on stop' }));
    await user.clear(screen.getByRole('spinbutton', { name: 'Minimum session' }));
    await user.type(screen.getByRole('spinbutton', { name: 'Minimum session' }), '15');
    expect(screen.getByText('Unsaved changes')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Submit' }));

    expect(await screen.findByText('Saved')).toBeInTheDocument();
    expect(puts).toEqual([{
      path: '/api/settings/work-rules/u-admin',
      body: { requiredMinutes: [450, 480, 480, 480, 390, 0, 0], noteRequired: true, minSessionMinutes: 15, maxSessionHours: 12, allowOverlap: false },
    }]);
    // The form shows what was stored, and nothing is unsaved any more.
    await waitFor(() => expect(monday()).toHaveValue('7:30'));
    expect(screen.getByRole('textbox', { name: 'Friday' })).toHaveValue('6:30');
    expect(screen.queryByText('Unsaved changes')).not.toBeInTheDocument();
  });

  it('shows field errors and does not call the server for invalid values', async () => {
    const { puts, user } = setup();
    await ready();
    await user.clear(monday());
    await user.type(monday(), 'eight');
    await user.clear(screen.getByRole('spinbutton', { name: 'Maximum session' }));
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(screen.getByText('Use hours like 8, 7.5 or 7:30')).toBeInTheDocument();
    expect(screen.getByText('Whole hours from 1 to 168')).toBeInTheDocument();
    expect(monday()).toHaveAttribute('aria-invalid', 'true');
    expect(puts).toEqual([]);
  });

  it('shows the server’s message when saving fails', async () => {
    const { user } = setup({
      'PUT /api/settings/work-rules/u-admin': () => errorResponse(403, 'FORBIDDEN', 'You do not have permission to do this.'),
    });
    await ready();
    await user.click(screen.getByRole('checkbox', { name: 'Allow overlapping sessions' }));
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    expect(await screen.findByText('You do not have permission to do this.')).toBeInTheDocument();
    expect(screen.queryByText('Saved')).not.toBeInTheDocument();
  });

  it('Next → goes straight to Step 2 when nothing changed', async () => {
    const { user } = setup();
    await ready();
    await user.click(screen.getByRole('button', { name: /Next/ }));
    expect(screen.queryByRole('dialog', { name: 'Discard unsaved changes?' })).not.toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Categories' })).toBeInTheDocument();
    expect(screen.getByRole('dialog', { name: 'Customer Timer Working settings' })).toHaveAccessibleDescription('Step 2 of 2: categories');
  });

  it('Next → with unsaved changes warns; Keep editing stays, Discard goes on without saving', async () => {
    const { puts, user } = setup();
    await ready();
    await user.clear(monday());
    await user.type(monday(), '6');
    await user.click(screen.getByRole('button', { name: /Next/ }));

    const warning = await screen.findByRole('dialog', { name: 'Discard unsaved changes?' });
    await user.click(within(warning).getByRole('button', { name: 'Keep editing' }));
    expect(screen.queryByRole('dialog', { name: 'Discard unsaved changes?' })).not.toBeInTheDocument();
    expect(monday()).toHaveValue('6');
    expect(screen.queryByRole('heading', { name: 'Categories' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: /Next/ }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Discard unsaved changes?' })).getByRole('button', { name: 'Discard changes' }));
    expect(await screen.findByRole('heading', { name: 'Categories' })).toBeInTheDocument();
    expect(puts).toEqual([]);
  });

  it('warns before switching to another user with unsaved changes, then loads theirs', async () => {
    const { user } = setup();
    await ready();
    await user.click(screen.getByRole('checkbox', { name: 'Note required on stop' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Rules for' }), 'u-alice');
    const warning = await screen.findByRole('dialog', { name: 'Discard unsaved changes?' });
    expect(screen.getByRole('combobox', { name: 'Rules for' })).toHaveValue('u-admin');
    await user.click(within(warning).getByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Rules for' })).toHaveValue('u-alice'));
    expect(await screen.findByText('Alice Example uses the organisation defaults. Submitting gives Alice Example rules of their own.')).toBeInTheDocument();
    expect(screen.getByRole('checkbox', { name: 'Note required on stop' })).not.toBeChecked();
  });

  it('edits the organisation defaults', async () => {
    const { user } = setup();
    await ready();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Rules for' }), 'default');
    expect(await screen.findByText('These apply to every user without rules of their own, and to new users.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('spinbutton', { name: 'Minimum session' })).toHaveValue(5));
  });

  it('warns before closing with unsaved changes', async () => {
    const { onClose, user } = setup();
    await ready();
    await user.click(screen.getByRole('checkbox', { name: 'Allow overlapping sessions' }));
    await user.click(within(screen.getByRole('dialog', { name: 'Customer Timer Working settings' })).getAllByRole('button', { name: 'Close' })[0]!);
    await user.click(within(await screen.findByRole('dialog', { name: 'Discard unsaved changes?' })).getByRole('button', { name: 'Keep editing' }));
    expect(onClose).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    await screen.findByText('Saved');
    await user.click(within(screen.getByRole('dialog', { name: 'Customer Timer Working settings' })).getAllByRole('button', { name: 'Close' })[0]!);
    expect(onClose).toHaveBeenCalledOnce();
  });
});

describe('Customer Timer Working settings: Step 2', () => {
  const regular: Category = { id: 'c-regular', name: 'Regular Hours', archived: false };
  const support: Category = { id: 'c-support', name: 'Support', archived: false };
  const old: Category = { id: 'c-old', name: 'Old Work', archived: true };

  async function toStep2(overrides: Record<string, (r: StubRequest) => Response | Promise<Response>>) {
    const ctx = setup(overrides);
    await ready();
    await ctx.user.click(screen.getByRole('button', { name: /Next/ }));
    await screen.findByRole('heading', { name: 'Categories' });
    return ctx;
  }

  it('lists categories with archived ones greyed and restorable', async () => {
    const { fetchMock, user } = await toStep2({
      'GET /api/categories': () => jsonResponse({ items: [regular, support, old] }),
      'POST /api/categories/c-old/restore': () => jsonResponse({ ...old, archived: false }),
    });
    const table = await screen.findByRole('table', { name: 'Categories' });
    await within(table).findByText('Regular Hours');
    expect(within(table).getByRole('columnheader', { name: 'Name' })).toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: 'Action' })).toBeInTheDocument();
    const oldRow = within(table).getByText('Old Work').closest('tr');
    expect(oldRow).toHaveClass('row--archived');
    expect(within(oldRow!).getByText('Archived')).toBeInTheDocument();
    expect(fetchMock.mock.calls.some(([url]) => String(url).includes('includeArchived=true'))).toBe(true);
    await user.click(within(oldRow!).getByRole('button', { name: 'Restore Old Work' }));
    expect(await screen.findByText('"Old Work" is back in every category list.')).toBeInTheDocument();
  });

  it('deletes only after confirmation and says when it archived instead', async () => {
    let deleted = 0;
    const { user } = await toStep2({
      'GET /api/categories': () => jsonResponse({ items: [regular, support] }),
      'DELETE /api/categories/c-support': () => {
        deleted += 1;
        return jsonResponse({ id: 'c-support', archived: true, deleted: false });
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Delete Support' }));
    const confirm = await screen.findByRole('dialog', { name: 'Delete "Support"?' });
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(deleted).toBe(0);
    await user.click(screen.getByRole('button', { name: 'Delete Support' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Delete "Support"?' })).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText(/"Support" is archived: entries use it/)).toBeInTheDocument();
    expect(deleted).toBe(1);
  });

  it('+ adds a category and shows a clash inline', async () => {
    const posted: unknown[] = [];
    const { user } = await toStep2({
      'GET /api/categories': () => jsonResponse({ items: [regular, support] }),
      'POST /api/categories': (r) => {
        posted.push(r.body);
        return (r.body as { name: string }).name.toLowerCase() === 'support'
          ? errorResponse(409, 'CATEGORY_NAME_TAKEN', 'A category named "Support" already exists. Pick it from the list instead.')
          : jsonResponse({ id: 'c-new', name: 'Travel', archived: false }, { status: 201 });
      },
    });
    await user.click(screen.getByRole('button', { name: 'Add category' }));
    const input = screen.getByRole('textbox', { name: 'New category name' });
    await user.type(input, ' SUPPORT {Enter}');
    expect(await screen.findByText('A category named "Support" already exists. Pick it from the list instead.')).toBeInTheDocument();
    await user.clear(input);
    await user.type(input, 'Travel');
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(await screen.findByText('"Travel" added.')).toBeInTheDocument();
    expect(posted).toEqual([{ name: 'SUPPORT' }, { name: 'Travel' }]);
    expect(screen.queryByRole('textbox', { name: 'New category name' })).not.toBeInTheDocument();
  });

  it('Back returns to Step 1', async () => {
    const { user } = await toStep2({});
    await user.click(screen.getByRole('button', { name: /Back/ }));
    await ready();
  });
});
