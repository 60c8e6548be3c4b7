import { type APIResponse, type Page } from '@playwright/test';
import { apiAs, expect, loginAs, SCREENSHOTS, test, USERS } from './fixtures';

/**
 * Issue 4: the Customer Timer Working settings. An admin makes a note required for alice in Step 1,
 * alice's stop without a note is refused with the rule's message and saves with one; an admin
 * deletes a used category in Step 2, which leaves the picker and stays on the old entry.
 * Everything changed here (alice's rules, categories, entries) is put back at the end.
 */

type Api = Awaited<ReturnType<typeof apiAs>>;
type RulesView = { requiredMinutes: number[]; noteRequired: boolean; minSessionMinutes: number; maxSessionHours: number; allowOverlap: boolean; inherited: boolean };
type Entry = { id: string; note: string; stoppedAt: string | null; category: { id: string; name: string; archived: boolean } };

test.describe.configure({ mode: 'serial' });

async function json<T>(res: APIResponse, status: number): Promise<T> {
  expect(res.status(), await res.text()).toBe(status);
  return (await res.json()) as T;
}

async function idOf(api: Api, url: string, name: string): Promise<string> {
  const { items } = await json<{ items: Array<{ id: string; name: string }> }>(await api.get(url), 200);
  const found = items.find((i) => i.name === name);
  expect(found, `${name} in ${url}`).toBeTruthy();
  return found!.id;
}

/** Leaves alice with no running timer, whatever an earlier spec did (a refused stop is discarded). */
async function noRunningTimer(api: Api) {
  const { running } = await json<{ running: Entry | null }>(await api.get('/api/timer'), 200);
  if (!running) return;
  const stop = await api.post('/api/timer/stop', { note: 'Stopped by the settings e2e setup' });
  if (stop.status() !== 200) expect((await api.delete('/api/timer')).status()).toBe(204);
}

async function putBackRules(admin: Api, userId: string, original: RulesView) {
  if (original.inherited) {
    expect((await admin.delete(`/api/settings/work-rules/${userId}`)).status()).toBe(200);
  } else {
    const { requiredMinutes, noteRequired, minSessionMinutes, maxSessionHours, allowOverlap } = original;
    expect((await admin.put(`/api/settings/work-rules/${userId}`, { requiredMinutes, noteRequired, minSessionMinutes, maxSessionHours, allowOverlap })).status()).toBe(200);
  }
}

async function openWizard(page: Page, step: 'customer-timer' | 'categories') {
  await page.goto(`/settings?open=${step}`);
  const wizard = page.getByRole('dialog', { name: 'Customer Timer Working settings' });
  await expect(wizard).toBeVisible();
  return wizard;
}

test('admin makes a note required for alice: her stop without a note is refused with the rule’s message, with a note it saves', async ({ page, browser, request }) => {
  const admin = await apiAs(request, USERS.admin);
  const alice = await apiAs(request, USERS.alice);
  const aliceId = alice.user.id;
  const original = await json<RulesView>(await admin.get(`/api/settings/work-rules/${aliceId}`), 200);
  await noRunningTimer(alice);
  const entryIds: string[] = [];
  const alicePage = await browser.newPage();

  try {
    // Step 1 as the admin: pick alice, tick "Note required on stop", Submit.
    await loginAs(page, USERS.admin);
    await page.goto('/settings');
    await expect(page.getByRole('switch', { name: 'Client Timer' })).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/settings-page-admin.png` });
    await page.getByRole('button', { name: 'Customer Timer Working settings' }).click();
    const wizard = page.getByRole('dialog', { name: 'Customer Timer Working settings' });
    await expect(wizard.getByLabel('Rules for', { exact: true })).toHaveValue(admin.user.id); // defaults to oneself
    await wizard.getByLabel('Rules for', { exact: true }).selectOption({ label: 'Alice Example' });
    await expect(wizard.getByRole('form', { name: 'Work rules for Alice Example' })).toBeVisible();
    const noteRequired = wizard.getByRole('checkbox', { name: 'Note required on stop' });
    await noteRequired.setChecked(true);
    await expect(wizard.getByText('Unsaved changes')).toBeVisible();
    await wizard.getByRole('button', { name: 'Submit' }).click();
    // What stays on screen after the save (the 4-second "Saved" toast is covered by the wizard's
    // component test: a journey on a loaded machine can look for it after it has gone).
    await expect(wizard.getByText('Alice Example has rules of their own.')).toBeVisible();
    await expect(wizard.getByText('Unsaved changes')).toHaveCount(0);
    await page.screenshot({ path: `${SCREENSHOTS}/settings-step1-work-rules.png` });
    expect((await json<RulesView>(await admin.get(`/api/settings/work-rules/${aliceId}`), 200)).noteRequired).toBe(true);

    // Next → with an unsaved change warns first.
    await wizard.getByRole('textbox', { name: 'Monday' }).fill('7:30');
    await wizard.getByRole('button', { name: /Next/ }).click();
    const warning = page.getByRole('dialog', { name: 'Discard unsaved changes?' });
    await expect(warning).toBeVisible();
    await warning.getByRole('button', { name: 'Discard changes' }).click();
    await expect(wizard.getByRole('heading', { name: 'Categories' })).toBeVisible();
    await expect(wizard.getByRole('table', { name: 'Categories' }).getByText('Regular Hours')).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/settings-step2-categories.png` });
    expect((await json<RulesView>(await admin.get(`/api/settings/work-rules/${aliceId}`), 200)).requiredMinutes[0]).toBe(original.requiredMinutes[0]);

    // alice sees the rule, read-only, on her "My rules" page.
    await loginAs(alicePage, USERS.alice);
    await alicePage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My rules' }).click();
    await expect(alicePage.getByRole('heading', { name: 'My work rules' })).toBeVisible();
    await expect(alicePage.getByText('Required: a stop without a note is refused')).toBeVisible();
    await expect(alicePage.getByRole('checkbox')).toHaveCount(0);
    await alicePage.screenshot({ path: `${SCREENSHOTS}/settings-my-rules-member.png` });

    // alice works and stops through the header timer.
    await alicePage.goto('/customers');
    const header = alicePage.getByRole('banner');
    await header.getByRole('button', { name: 'Start Work' }).click();
    const timerModal = alicePage.getByRole('dialog', { name: 'Customer Timer' });
    await timerModal.getByRole('combobox', { name: 'Customer' }).fill('Acme');
    await alicePage.getByRole('option', { name: 'Acme Ltd' }).click();
    await timerModal.getByRole('combobox', { name: 'Category' }).selectOption({ label: 'Regular Hours' });
    await timerModal.getByRole('button', { name: 'Submit' }).click();
    const stopWork = header.getByRole('button', { name: 'Stop work' });
    await expect(stopWork).toBeVisible();
    const running = await json<{ running: Entry | null }>(await alice.get('/api/timer'), 200);
    entryIds.push(running.running!.id); // removed again at the end, whatever happens
    await stopWork.click();
    const noteModal = alicePage.getByRole('dialog', { name: 'Note' });
    await noteModal.getByRole('button', { name: 'Stop' }).click();
    // The note is marked required before the stop, and the one message sits under the field.
    const noteField = noteModal.getByRole('textbox', { name: 'Note' });
    await expect(noteField).toHaveAttribute('required', '');
    await expect(noteField).toHaveAttribute('aria-invalid', 'true');
    await expect(noteModal.getByText('Add a note to stop the timer.')).toHaveCount(1);
    await alicePage.screenshot({ path: `${SCREENSHOTS}/settings-stop-refused.png` });
    const still = await json<{ running: Entry | null }>(await alice.get('/api/timer'), 200);
    expect(still.running).toMatchObject({ id: running.running!.id, stoppedAt: null, note: '' }); // refused: nothing stored

    await noteModal.getByRole('textbox', { name: 'Note' }).fill('E2E: fixed the invoice export');
    await noteModal.getByRole('button', { name: 'Stop' }).click();
    await expect(header.getByRole('button', { name: 'Start Work' })).toBeVisible();
    const { items } = await json<{ items: Entry[] }>(await alice.get(`/api/work-entries?userId=${aliceId}&limit=1`), 200);
    expect(items[0]).toMatchObject({ id: running.running!.id, note: 'E2E: fixed the invoice export' });
    expect(items[0]?.stoppedAt).not.toBeNull();
  } finally {
    await alicePage.close();
    await noRunningTimer(alice);
    for (const id of entryIds) await admin.delete(`/api/work-entries/${id}`);
    await putBackRules(admin, aliceId, original);
  }
});

test('admin deletes a used category: it leaves the picker and stays on the old entry, and can be restored', async ({ page, request }) => {
  const admin = await apiAs(request, USERS.admin);
  const alice = await apiAs(request, USERS.alice);
  await noRunningTimer(admin);
  const name = `E2E Archive ${Date.now().toString(36)}`;
  const category = await json<{ id: string }>(await admin.post('/api/categories', { name }), 201);
  const customerId = await idOf(admin, '/api/customers?q=Acme', 'Acme Ltd');
  // An old entry of alice's on it, on a Saturday long before the demo data.
  const entry = await json<Entry>(await admin.post('/api/work-entries', {
    userId: alice.user.id, customerId, categoryId: category.id,
    startedAt: '2024-01-06T09:00:00.000Z', stoppedAt: '2024-01-06T10:00:00.000Z', note: 'E2E entry on a category about to be deleted',
  }), 201);

  try {
    await loginAs(page, USERS.admin);
    const wizard = await openWizard(page, 'categories');
    const table = wizard.getByRole('table', { name: 'Categories' });
    const row = table.getByRole('row').filter({ hasText: name });
    await row.getByRole('button', { name: `Delete ${name}` }).click();
    const confirm = page.getByRole('dialog', { name: `Delete "${name}"?` });
    await expect(confirm).toContainText('archived instead');
    await confirm.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('status').filter({ hasText: `"${name}" is archived` })).toBeVisible();
    await expect(row.getByText('Archived')).toBeVisible();
    await expect(row.getByRole('button', { name: `Restore ${name}` })).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/settings-step2-archived.png` });

    await wizard.getByRole('button', { name: 'Done' }).click();
    await expect(wizard).toHaveCount(0);

    // Gone from the picker: the header timer's Category list no longer offers it …
    await page.getByRole('banner').getByRole('button', { name: 'Start Work' }).click();
    const timerModal = page.getByRole('dialog', { name: 'Customer Timer' });
    const picker = timerModal.getByRole('combobox', { name: 'Category' });
    await expect(picker).toBeEnabled();
    await expect(picker.getByRole('option', { name: 'Regular Hours' })).toHaveCount(1);
    await expect(picker.getByRole('option', { name })).toHaveCount(0);
    await expect(picker.getByRole('option').last()).toHaveText('+ Add new…');
    await timerModal.getByRole('button', { name: 'Cancel' }).click();
    const active = await json<{ items: Array<{ name: string }> }>(await alice.get('/api/categories'), 200);
    expect(active.items.map((c) => c.name)).not.toContain(name);

    // … and the old entry still shows it (customer page, Working Time), marked archived.
    await page.goto(`/customers/${customerId}`);
    const workingTime = page.getByRole('region', { name: 'Working Time' });
    await workingTime.getByLabel('From').fill('2024-01-06');
    await workingTime.getByLabel('To').fill('2024-01-06');
    const oldRow = workingTime.getByRole('row').filter({ hasText: 'E2E entry on a category about to be deleted' });
    await expect(oldRow).toContainText(`${name} (archived)`);
    await page.screenshot({ path: `${SCREENSHOTS}/settings-archived-category-on-entry.png` });
    const { items } = await json<{ items: Entry[] }>(await alice.get(`/api/work-entries?userId=${alice.user.id}&from=2024-01-06&to=2024-01-06`), 200);
    expect(items.find((e) => e.id === entry.id)?.category).toEqual({ id: category.id, name, archived: true });

    // An admin can restore it.
    const again = await openWizard(page, 'categories');
    const restoreRow = again.getByRole('table', { name: 'Categories' }).getByRole('row').filter({ hasText: name });
    await restoreRow.getByRole('button', { name: `Restore ${name}` }).click();
    await expect(restoreRow.getByRole('button', { name: `Delete ${name}` })).toBeVisible();
    const restored = await json<{ items: Array<{ name: string }> }>(await alice.get('/api/categories'), 200);
    expect(restored.items.map((c) => c.name)).toContain(name);
  } finally {
    await admin.delete(`/api/work-entries/${entry.id}`);
    // Unused now, so this removes it for good.
    const gone = await json<{ deleted: boolean }>(await admin.delete(`/api/categories/${category.id}`), 200);
    expect(gone.deleted).toBe(true);
  }
});
