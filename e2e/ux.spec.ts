import fs from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';
import { apiAs, demoIds, expect, expectAccessible, lastMonth, loginAs, SCREENSHOTS, test, USERS } from './fixtures';

// Everyday use (issue #14): the German demo organisation, notes that survive failures, switching
// customers in one step, the keyboard-only timer, every page on a phone. Each test leaves alice
// without a running timer and every user on the English override the other journeys expect.

test.beforeAll(() => {
  fs.mkdirSync(`${SCREENSHOTS}/en`, { recursive: true });
  fs.mkdirSync(`${SCREENSHOTS}/de`, { recursive: true });
});

async function discardAliceTimer(request: APIRequestContext) {
  const alice = await apiAs(request, USERS.alice);
  expect([204, 409]).toContain((await alice.delete('/api/timer')).status());
}

/** Presses Tab until `target` has the focus (a keyboard user's way to a control). */
async function tabTo(page: Page, target: ReturnType<Page['getByRole']>) {
  for (let i = 0; i < 8; i += 1) {
    if (await target.evaluate((el) => el === el.ownerDocument.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test.afterEach(async ({ request }) => discardAliceTimer(request));

test.describe('the German demo organisation', () => {
  test.use({ locale: 'de-DE' });

  test('shows German labels and 18.965,29 € style figures; <html lang> follows the locale', async ({ page }) => {
    // The manager follows the organisation (de-DE): no English override.
    const manager = await apiAs(page.request, USERS.manager);
    expect((await manager.patch('/api/me', { locale: null })).status()).toBe(200);
    try {
      await page.goto('/login');
      await expect(page.getByRole('button', { name: 'Anmelden' })).toBeVisible();
      await page.getByLabel('E-Mail').fill(USERS.manager);
      await page.getByLabel('Passwort').fill('workdiary');
      await page.getByRole('button', { name: 'Anmelden' }).click();
      const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
      await expect(nav.getByRole('link', { name: 'Kunden' })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', 'de-DE');
      await nav.getByRole('link', { name: 'Arbeitstagebuch' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Arbeitstagebuch' })).toBeVisible();
      await page.goto(`/diary?month=${lastMonth()}`);
      const table = page.getByRole('table', { name: /^Benutzer für / });
      await expect(table.getByRole('row').last()).toContainText(/Summe \(\d+ Personen\)/);
      // Money as Germans write it: thousands with a dot, decimals with a comma, the € after.
      await expect(table).toContainText(/\d{1,3}(\.\d{3})*,\d{2}\s€/);
      await expect(table).not.toContainText(/€\d/);
      await page.screenshot({ path: `${SCREENSHOTS}/de/diary-wide.png`, fullPage: true });
    } finally {
      expect((await manager.patch('/api/me', { locale: 'en-GB' })).status()).toBe(200);
    }
  });
});

test('a typed stop note survives an unreachable server and a reload, until the stop is saved', async ({ page, request }) => {
  const { alice, acme, category } = await demoIds(request);
  expect((await alice.post('/api/timer/start', { customerId: acme.id, categoryId: category.id })).status()).toBe(201);
  await loginAs(page, USERS.alice);
  const note = `Kept note ${Date.now().toString(36)}`;

  // The server does not answer the stop (as if it were down).
  await page.route('**/api/timer/stop', (route) => route.abort('connectionrefused'));
  await page.getByRole('banner').getByRole('button', { name: 'Stop work' }).click();
  const dialog = page.getByRole('dialog', { name: 'Note' });
  await dialog.getByRole('textbox', { name: 'Note' }).fill(note);
  await dialog.getByRole('button', { name: 'Stop' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Your note is kept');

  // Even a reload with the dialog open brings it back with the note.
  await page.reload();
  const again = page.getByRole('dialog', { name: 'Note' });
  await expect(again.getByRole('textbox', { name: 'Note' })).toHaveValue(note);

  // The server is back: the stop saves the note.
  await page.unroute('**/api/timer/stop');
  await again.getByRole('button', { name: 'Stop' }).click();
  await expect(page.getByRole('banner').getByRole('button', { name: 'Start Work' })).toBeVisible();
  const entries = (await (await alice.get(`/api/work-entries?userId=${alice.user.id}&limit=1`)).json()) as { items: Array<{ note: string }> };
  expect(entries.items[0]?.note).toBe(note);
});

test('after the session ends on the server, signing in again returns to the Note dialog with the draft', async ({ page, request }) => {
  const { alice, acme, category } = await demoIds(request);
  expect((await alice.post('/api/timer/start', { customerId: acme.id, categoryId: category.id })).status()).toBe(201);
  await loginAs(page, USERS.alice);
  await page.getByRole('banner').getByRole('button', { name: 'Stop work' }).click();
  const note = 'Written before the session expired';
  await page.getByRole('dialog', { name: 'Note' }).getByRole('textbox', { name: 'Note' }).fill(note);

  // The session ends on the server (an admin signs alice out everywhere), not just in this browser.
  const admin = await apiAs(request, USERS.admin);
  expect((await admin.post(`/api/users/${alice.user.id}/sessions/revoke`)).status()).toBe(200);
  await page.getByRole('dialog', { name: 'Note' }).getByRole('button', { name: 'Stop' }).click();
  await expect(page).toHaveURL(/\/login\?next=.*expired=1/);
  // By its text: while the old page unmounts, its loading spinner (also a status) can still be there.
  await expect(page.getByRole('status').filter({ hasText: 'Your session has ended' })).toBeVisible();
  await page.getByLabel('Email').fill(USERS.alice);
  await page.getByLabel('Password').fill('workdiary');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const dialog = page.getByRole('dialog', { name: 'Note' });
  await expect(dialog.getByRole('textbox', { name: 'Note' })).toHaveValue(note);
  await page.screenshot({ path: `${SCREENSHOTS}/en/note-kept-after-sign-in.png` });
});

test('switching customers in one step: the running session stops with its note, the new one starts', async ({ page, request }) => {
  const { alice, acme, globex, category } = await demoIds(request);
  expect((await alice.post('/api/timer/start', { customerId: acme.id, categoryId: category.id })).status()).toBe(201);
  await loginAs(page, USERS.alice);
  await page.goto(`/customers/${globex.id}`);
  await page.getByRole('button', { name: 'Switch to this customer' }).click();
  const dialog = page.getByRole('dialog', { name: 'Switch customer' });
  await dialog.getByRole('combobox', { name: /Category/ }).selectOption({ label: category.name });
  await dialog.getByRole('textbox', { name: /Note for Acme Ltd/ }).fill('Acme done, on to Globex');
  await page.screenshot({ path: `${SCREENSHOTS}/en/switch-dialog.png` });
  await dialog.getByRole('button', { name: 'Switch' }).click();
  await expect(page.getByRole('banner')).toContainText('Globex GmbH');
  await expect(page.getByRole('button', { name: 'Stop work' }).last()).toBeFocused();
  const list = (await (await alice.get(`/api/work-entries?userId=${alice.user.id}&limit=2`)).json()) as { items: Array<{ note: string; stoppedAt: string | null; startedAt: string; customer: { name: string } }> };
  const [running, stopped] = list.items;
  expect(running).toMatchObject({ stoppedAt: null, customer: { name: 'Globex GmbH' } });
  expect(stopped).toMatchObject({ note: 'Acme done, on to Globex', customer: { name: 'Acme Ltd' } });
  expect(stopped!.stoppedAt).toBe(running!.startedAt);
});

test('keyboard only: Alt+Shift+S starts and stops, focus lands on the control that replaced the button', async ({ page }) => {
  await loginAs(page, USERS.alice);
  await page.locator('body').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Alt+Shift+S');
  const start = page.getByRole('dialog', { name: 'Customer Timer' });
  await expect(start).toBeVisible();
  const customer = start.getByRole('combobox', { name: /Customer/ });
  await expect(customer).toBeFocused();
  // Pre-filled with alice's last customer and category: a keyboard user takes them as they are.
  await expect(customer).not.toHaveValue('');
  await expect(start.getByRole('combobox', { name: /Category/ })).not.toHaveValue('');
  const submit = start.getByRole('button', { name: 'Submit' });
  await tabTo(page, submit);
  await page.keyboard.press('Enter');
  const stop = page.getByRole('banner').getByRole('button', { name: 'Stop work' });
  await expect(stop).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: /^Timer started for .+, .+\.$/ })).toBeAttached();

  await page.keyboard.press('Alt+Shift+S');
  const note = page.getByRole('dialog', { name: 'Note' }).getByRole('textbox', { name: 'Note' });
  await expect(note).toBeFocused();
  await page.keyboard.type('Keyboard only');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('banner').getByRole('button', { name: 'Start Work' })).toBeFocused();
});

test('the server away: the banner shows, the counter stops as "not confirmed", the typed note is kept and saved once it is back', async ({ page, request, context }) => {
  const { alice, acme, category } = await demoIds(request);
  expect((await alice.post('/api/timer/start', { customerId: acme.id, categoryId: category.id })).status()).toBe(201);
  await loginAs(page, USERS.alice);
  const banner = page.getByRole('banner');
  await expect(banner.getByRole('timer', { name: 'Entry Time' })).toBeVisible();

  await context.setOffline(true);
  await expect(page.getByRole('alert').filter({ hasText: 'Connection lost — retrying…' })).toBeVisible();
  const counter = banner.locator('[role="timer"][data-unconfirmed="true"]');
  await expect(counter).toBeVisible();
  await expect(banner).toContainText('Not confirmed');
  const frozen = await counter.textContent();

  const note = `Typed while offline ${Date.now().toString(36)}`;
  await banner.getByRole('button', { name: 'Stop work' }).click();
  const dialog = page.getByRole('dialog', { name: 'Note' });
  await dialog.getByRole('textbox', { name: 'Note' }).fill(note);
  await dialog.getByRole('button', { name: 'Stop' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Your note is kept');
  // The counter did not run on while the server was away.
  await expect(counter).toHaveText(frozen ?? '');
  // The dialog stays open with the note while the server stays away (it used to close after ~28 s
  // of retries, saying nothing): time passing is what is tested here.
  await page.waitForTimeout(32_000);
  await expect(dialog.getByRole('textbox', { name: 'Note' })).toHaveValue(note);
  await expect(dialog.getByRole('alert')).toContainText('Your note is kept');
  await page.screenshot({ path: `${SCREENSHOTS}/en/server-away-note-kept.png` });
  await expectAccessible(page);

  await context.setOffline(false);
  await expect(page.getByRole('alert').filter({ hasText: 'Connection lost' })).toHaveCount(0, { timeout: 20_000 });
  await expect(banner.locator('[role="timer"][data-unconfirmed="true"]')).toHaveCount(0);
  await expect(dialog.getByRole('textbox', { name: 'Note' })).toHaveValue(note);
  await dialog.getByRole('button', { name: 'Stop' }).click();
  await expect(banner.getByRole('button', { name: 'Start Work' })).toBeVisible();
  const entries = (await (await alice.get(`/api/work-entries?userId=${alice.user.id}&limit=1`)).json()) as { items: Array<{ note: string; stoppedAt: string | null }> };
  expect(entries.items[0]).toMatchObject({ note });
  expect(entries.items[0]?.stoppedAt).not.toBeNull();

  // Navigating while the server is away: a page whose code was not loaded yet says the server
  // cannot be reached (not "a new version is available") and opens by itself once it is back.
  await context.setOffline(true);
  await expect(page.getByRole('alert').filter({ hasText: 'Connection lost — retrying…' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Absences' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'The server cannot be reached' })).toBeVisible();
  await expect(page.getByText('A new version of Workdiary is available')).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}/en/server-away-navigation.png` });
  await context.setOffline(false);
  await expect(page.getByRole('heading', { level: 1, name: 'Absences' })).toBeVisible({ timeout: 30_000 });
});

/** Ids of alice's entries on 2020-01-06 with this note. */
async function entriesWithNote(request: APIRequestContext, note: string): Promise<string[]> {
  const alice = await apiAs(request, USERS.alice);
  const list = (await (await alice.get(`/api/work-entries?userId=${alice.user.id}&from=2020-01-06&to=2020-01-06`)).json()) as { items: Array<{ id: string; note: string }> };
  return list.items.filter((e) => e.note === note).map((e) => e.id);
}

const ENTRY_LABELS = {
  en: { add: 'Add entry', date: 'Date', start: 'Start time', stop: 'Stop time', category: /Category/, note: 'Note', submit: 'Submit', email: 'Email', password: 'Password', signIn: 'Sign in', ended: 'Your session has ended', restored: 'Your unsaved changes were kept', added: 'Entry added' },
  de: { add: 'Eintrag hinzufügen', date: 'Datum', start: 'Startzeit', stop: 'Endzeit', category: /Kategorie/, note: 'Notiz', submit: 'Absenden', email: 'E-Mail', password: 'Passwort', signIn: 'Anmelden', ended: 'Ihre Sitzung ist abgelaufen', restored: 'Ihre nicht gespeicherten Änderungen', added: 'Eintrag hinzugefügt' },
} as const;

for (const language of ['en', 'de'] as const) {
  test(`an open entry form survives an expired session: sign in again, the form is back with the draft and saves (${language})`, async ({ page, request }) => {
    const L = ENTRY_LABELS[language];
    const { alice, acme, category } = await demoIds(request);
    const admin = await apiAs(request, USERS.admin);
    await loginAs(page, USERS.alice, undefined, { locale: language === 'en' ? 'en-GB' : null });
    const note = `Entry draft ${language} ${Date.now().toString(36)}`;
    try {
      await page.goto(`/customers/${acme.id}`);
      await page.getByRole('button', { name: L.add }).first().click();
      const dialog = page.getByRole('dialog', { name: L.add });
      await dialog.getByLabel(L.date).fill('2020-01-06');
      await dialog.getByLabel(L.start, { exact: false }).fill('09:00');
      await dialog.getByLabel(L.stop, { exact: false }).fill('10:30');
      await dialog.getByRole('combobox', { name: L.category }).selectOption({ label: category.name });
      await dialog.getByRole('textbox', { name: L.note }).fill(note);

      // The session ends on the server (an admin signs alice out everywhere) while the form is open.
      expect((await admin.post(`/api/users/${alice.user.id}/sessions/revoke`)).status()).toBe(200);
      await dialog.getByRole('button', { name: L.submit }).click();
      await expect(page).toHaveURL(/\/login\?next=.*expired=1/);
      // By its text: while the old page unmounts, its loading spinner (also a status) can still be there.
      await expect(page.getByRole('status').filter({ hasText: L.ended })).toBeVisible();
      await expectAccessible(page);
      await page.screenshot({ path: `${SCREENSHOTS}/${language}/session-ended-sign-in.png` });
      await page.getByLabel(L.email).fill(USERS.alice);
      await page.getByLabel(L.password).fill('workdiary');
      await page.getByRole('button', { name: L.signIn }).click();

      // Back on the customer page, the form open again with what was typed.
      await expect(page).toHaveURL(new RegExp(`/customers/${acme.id}`));
      const again = page.getByRole('dialog', { name: L.add });
      await expect(again.getByRole('textbox', { name: L.note })).toHaveValue(note);
      await expect(again.getByLabel(L.start, { exact: false })).toHaveValue('09:00');
      await expect(again.getByRole('status').filter({ hasText: L.restored })).toBeVisible();
      await expectAccessible(page);
      await page.screenshot({ path: `${SCREENSHOTS}/${language}/entry-form-restored.png` });
      await expect(again.getByRole('combobox', { name: L.category })).not.toHaveValue('');
      await again.getByRole('button', { name: L.submit }).click();
      await expect(again).toHaveCount(0);
      await expect(page.getByText(L.added)).toBeVisible();
      // alice's old API session ended with the others; a new one sees the entry, saved once.
      expect((await alice.get('/api/timer')).status()).toBe(401);
      expect(await entriesWithNote(request, note)).toHaveLength(1);
    } finally {
      const fresh = await apiAs(request, USERS.alice);
      for (const id of await entriesWithNote(request, note)) await fresh.delete(`/api/work-entries/${id}`);
      await fresh.patch('/api/me', { locale: 'en-GB' });
    }
  });
}
