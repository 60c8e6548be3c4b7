import fs from 'node:fs';
import { type APIRequestContext } from '@playwright/test';
import { apiAs, demoIds, expect, loginAs, PASSWORD, SCREENSHOTS, test, USERS } from './fixtures';

// Issue 25, "what a Toggl or Clockify user misses most", in German: Bob edits his running entry
// (a note while working, "forgot to start": the start 20 minutes earlier), the Note dialog starts
// from that note; a start in another session's time is refused and changes nothing. Bob's timer
// is discarded afterwards and any entry this run made is deleted: the demo database is left as found.

const stamp = Date.now().toString(36);
const NOTE = `Angebot für Acme ${stamp}`;
const MIN = 60_000;

type Running = { id: string; startedAt: string; note: string } | null;

async function bobApi(request: APIRequestContext) {
  return apiAs(request, USERS.bob);
}

async function discardBobTimer(request: APIRequestContext) {
  const res = await (await bobApi(request)).delete('/api/timer');
  expect([204, 409]).toContain(res.status());
}

async function runningOfBob(request: APIRequestContext): Promise<Running> {
  return ((await (await (await bobApi(request)).get('/api/timer')).json()) as { running: Running }).running;
}

test.beforeAll(async ({ request }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const admin = await apiAs(request, USERS.admin);
  expect((await admin.put('/api/settings/modules', { clientTimer: true })).status()).toBe(200);
  await discardBobTimer(request);
});

test.afterAll(async ({ request }) => {
  await discardBobTimer(request);
  const bob = await bobApi(request);
  const res = await bob.get(`/api/work-entries?userId=${bob.user.id}&from=${new Date(Date.now() - 2 * 86_400_000).toISOString()}&limit=500`);
  const { items } = (await res.json()) as { items: Array<{ id: string; note: string }> };
  for (const entry of items.filter((e) => e.note.includes(stamp))) {
    expect((await bob.delete(`/api/work-entries/${entry.id}`)).status()).toBe(204);
  }
});

test('Bob edits his running entry in German: a note while working, the start 20 minutes earlier, the note kept for the stop', async ({ page, request }) => {
  const { acme, category } = await demoIds(request);
  const bob = await bobApi(request);
  const started = await bob.post('/api/timer/start', { customerId: acme.id, categoryId: category.id });
  expect(started.status()).toBe(201);
  const firstStart = Date.parse(((await started.json()) as { startedAt: string }).startedAt);

  await loginAs(page, USERS.bob, PASSWORD, { locale: 'de-DE' });
  const header = page.getByRole('banner');
  await expect(header.getByRole('button', { name: 'Arbeit beenden' })).toBeVisible();
  await header.getByRole('button', { name: 'Laufende Sitzung bearbeiten' }).click();

  const dialog = page.getByRole('dialog', { name: 'Laufende Sitzung bearbeiten' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Notiz' }).fill(NOTE);
  await dialog.getByRole('button', { name: '15 Minuten früher', exact: true }).click();
  await dialog.getByRole('button', { name: '5 Minuten früher', exact: true }).click();
  await expect(dialog.getByText('Vergessen zu starten?')).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/running-edit-de-1280.png` });
  await dialog.getByRole('button', { name: 'Speichern' }).click();
  await expect(dialog).toBeHidden();

  // Stored: the note, and a start 20 minutes before the one the timer took.
  await expect.poll(async () => (await runningOfBob(request))?.note).toBe(NOTE);
  const moved = await runningOfBob(request);
  expect(Date.parse(moved!.startedAt)).toBe(firstStart - 20 * MIN);
  // The counter now shows at least 20 minutes.
  await expect(header.getByRole('timer', { name: 'Erfasste Zeit' })).toHaveText(/^00:2\d:\d{2}$/);

  // The Note dialog at the stop starts from the note written while working.
  await header.getByRole('button', { name: 'Arbeit beenden' }).click();
  const stopDialog = page.getByRole('dialog', { name: 'Notiz' });
  await expect(stopDialog.getByRole('textbox', { name: 'Notiz' })).toHaveValue(NOTE);
  await stopDialog.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(stopDialog).toBeHidden();

  // A start in the future is refused in the dialog, and nothing changes.
  await header.getByRole('button', { name: 'Laufende Sitzung bearbeiten' }).click();
  await expect(dialog).toBeVisible();
  const inFuture = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(Date.now() + 90 * MIN));
  // Only on the same local day (near midnight the refusal would be about another day).
  if (inFuture > '01:30') {
    await dialog.getByLabel(/Begonnen um/).fill(inFuture);
    await dialog.getByRole('button', { name: 'Speichern' }).click();
    await expect(dialog.getByRole('alert')).toContainText('Nicht gespeichert');
    expect(Date.parse((await runningOfBob(request))!.startedAt)).toBe(firstStart - 20 * MIN);
  }
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();

  // On a phone the edit is there too.
  await page.setViewportSize({ width: 390, height: 844 });
  await header.getByRole('button', { name: 'Laufende Sitzung bearbeiten' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Notiz' })).toHaveValue(NOTE);
  await page.screenshot({ path: `${SCREENSHOTS}/running-edit-de-390.png` });
  await dialog.getByRole('button', { name: 'Abbrechen' }).click();
});

test('Bob fills in last week on the week timesheet in German: copies the rows, types a time, opens a cell of several sessions, and one day at a time on a phone', async ({ page, request }) => {
  const bob = await bobApi(request);
  const created: string[] = [];
  page.on('response', async (res) => {
    if (res.request().method() === 'POST' && new URL(res.url()).pathname === '/api/work-entries' && res.status() === 201) {
      created.push(((await res.json()) as { id: string }).id);
    }
  });
  try {
    await loginAs(page, USERS.bob, PASSWORD, { locale: 'de-DE' });
    await page.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link', { name: 'Woche', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Woche' })).toBeVisible();

    // Last week holds the demo's sessions.
    await page.getByRole('button', { name: 'Vorige Woche' }).click();
    await expect(page).toHaveURL(/[?&]week=\d{4}-W\d{2}/);
    const grid = page.getByRole('grid', { name: 'Wochenstundenzettel' });
    await expect(grid).toBeVisible();
    await expect(grid.getByRole('row', { name: /Soll/ })).toBeVisible();

    // A cell of several sessions opens them instead of guessing.
    const many = grid.getByRole('button', { name: / ×\d+$/ }).first();
    if (await many.count()) {
      await many.click();
      const dialog = page.getByRole('dialog');
      await expect(dialog.getByRole('link', { name: 'Den Tag in „Mein Monat“ öffnen' })).toBeVisible();
      await dialog.getByRole('button', { name: 'Schließen' }).last().click();
      await expect(dialog).toBeHidden();
    }

    // An empty cell (the row's last empty day): type 0:30, Enter → one new session; 0 removes it again.
    const empty = grid.getByRole('button', { name: /: leer$/ }).last();
    const label = ((await empty.getAttribute('aria-label')) ?? '').replace(/: leer$/, '');
    const target = grid.getByRole('button', { name: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `) });
    await empty.focus();
    await page.keyboard.type('0:30');
    await page.keyboard.press('Enter');
    await expect(target).toHaveAccessibleName(`${label}: 0:30`);
    // The response listener reads the body asynchronously: the cell can show 0:30 first (seen under load).
    await expect.poll(() => created.length).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}/week-de-1280.png`, fullPage: true });

    await target.focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0');
    await page.keyboard.press('Enter');
    await expect(target).toHaveAccessibleName(`${label}: leer`);
    expect((await bob.get(`/api/work-entries/${created[0]}/history`)).status()).toBe(200);

    // This week: "copy last week's rows" adds last week's customer × category rows with empty cells.
    await page.getByRole('button', { name: 'Diese Woche' }).click();
    await expect(page).not.toHaveURL(/week=/);
    const rowsBefore = await page.getByRole('grid', { name: 'Wochenstundenzettel' }).getByRole('row').count();
    await page.getByRole('button', { name: 'Zeilen der Vorwoche übernehmen' }).click();
    await expect.poll(() => grid.getByRole('row').count()).toBeGreaterThan(rowsBefore);
    await expect(grid.getByRole('button', { name: /: leer$/ }).first()).toBeVisible();

    // "Add a row": a customer and a category of one's choice, with empty cells (nothing stored yet).
    await page.getByRole('button', { name: 'Zeile hinzufügen' }).click();
    const addRow = page.getByRole('dialog', { name: 'Zeile hinzufügen' });
    await addRow.getByRole('combobox', { name: /Kunde/ }).fill('Initech');
    await addRow.getByRole('option', { name: /Initech/ }).click();
    const category = addRow.getByRole('combobox', { name: /Kategorie/ });
    await expect(category.locator('option').nth(1)).toBeAttached();
    const categoryName = ((await category.locator('option').nth(1).textContent()) ?? '').trim();
    await category.selectOption({ index: 1 });
    await page.screenshot({ path: `${SCREENSHOTS}/week-add-row-de-1280.png` });
    await addRow.getByRole('button', { name: 'Zeile hinzufügen' }).click();
    await expect(addRow).toBeHidden();
    await expect(grid.getByRole('rowheader', { name: new RegExp(`Initech.*${categoryName}`) })).toBeVisible();
    expect(created).toHaveLength(1); // the row stored nothing

    // On a phone: one day at a time.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByRole('button', { name: 'Nächster Tag' })).toBeVisible();
    await expect(grid.getByRole('columnheader')).toHaveCount(2);
    await page.getByRole('button', { name: 'Nächster Tag' }).click();
    await page.screenshot({ path: `${SCREENSHOTS}/week-de-390.png`, fullPage: true });
  } finally {
    // Leave the demo database as found: whatever this journey created and did not remove.
    for (const id of created) {
      const res = await bob.delete(`/api/work-entries/${id}`);
      expect([204, 404]).toContain(res.status());
    }
  }
});

test('My month on a phone in German: a compact list in weeks, each with its total; a day opens from it', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAs(page, USERS.bob, PASSWORD, { locale: 'de-DE' });
  const bob = await apiAs(page.request, USERS.bob);
  await page.goto(`/diary/${bob.user.id}`);
  const weeks = page.locator('.diary-weeks');
  await expect(weeks).toBeVisible();
  await expect(page.locator('.diary-days')).toBeHidden();
  const first = weeks.getByRole('region').first();
  await expect(first.getByRole('heading')).toHaveText(/\d+:\d{2} \/ \d+:\d{2}$/);
  const height = Number(await page.evaluate('document.documentElement.scrollHeight'));
  expect(height).toBeLessThan(4_000);
  await page.screenshot({ path: `${SCREENSHOTS}/my-month-weeks-de-390.png`, fullPage: true });
  await first.getByRole('button').first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
});
