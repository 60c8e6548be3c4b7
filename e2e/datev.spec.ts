import fs from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { apiAs, lastMonth, SCREENSHOTS, signedInGerman, USERS } from './fixtures';

// Issue 24 (DATEV): in German, an admin sets the organisation's payroll settings; finance (the
// manager) asks for last month's DATEV LODAS file and is told who has no personnel number; the
// admin gives Alice hers in the user form; the manager downloads the file (Windows-1252, CRLF).
// Last month is approved for the journey (the file holds approved months) and reopened after;
// payroll settings and personnel numbers are put back as they were.

const month = lastMonth();
const NO_SETTINGS = { datevConsultantNumber: null, datevClientNumber: null, wageTypes: { worked: null, overtime: null, vacation: null, sick: null } };

type Person = { id: string; name: string; personnelNumber?: string | null };


let savedSettings: unknown = NO_SETTINGS;
let savedNumbers: Person[] = [];

async function reopenMonth(request: APIRequestContext) {
  const admin = await apiAs(request, USERS.admin);
  const states = (await (await admin.get(`/api/months?month=${month}`)).json()) as { items: Array<{ userId: string; status: string }> };
  for (const s of states.items.filter((i) => i.status === 'APPROVED' || i.status === 'SUBMITTED')) {
    expect((await admin.post(`/api/months/${month}/reopen`, { userId: s.userId, reason: 'e2e datev clean-up' })).status()).toBe(200);
  }
}

async function people(request: APIRequestContext): Promise<Person[]> {
  const admin = await apiAs(request, USERS.admin);
  return ((await (await admin.get('/api/users')).json()) as { items: Person[] }).items;
}

test.beforeAll(async ({ request }) => {
  const admin = await apiAs(request, USERS.admin);
  savedSettings = await (await admin.get('/api/settings/payroll')).json();
  savedNumbers = await people(request);
  // A clean start: no settings, no personnel numbers; last month approved for everyone.
  expect((await admin.put('/api/settings/payroll', NO_SETTINGS)).status()).toBe(200);
  for (const p of savedNumbers.filter((u) => u.personnelNumber)) {
    expect((await admin.patch(`/api/users/${p.id}`, { personnelNumber: null })).status()).toBe(200);
  }
  await reopenMonth(request);
  expect((await (await apiAs(request, USERS.manager)).post(`/api/months/${month}/approve`, { all: true })).status()).toBe(200);
});

test.afterAll(async ({ request }) => {
  const admin = await apiAs(request, USERS.admin);
  await reopenMonth(request);
  for (const p of await people(request)) await admin.patch(`/api/users/${p.id}`, { personnelNumber: null });
  for (const p of savedNumbers.filter((u) => u.personnelNumber)) await admin.patch(`/api/users/${p.id}`, { personnelNumber: p.personnelNumber });
  await admin.put('/api/settings/payroll', savedSettings);
});

test('ein Admin hinterlegt die DATEV-Einstellungen und eine Personalnummer, die Buchhaltung lädt die LODAS-Datei', async ({ browser, request }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });

  // 1. The admin sets the payroll settings on the Settings page (a wrong number is refused first).
  const admin = await signedInGerman(browser, USERS.admin);
  await admin.page.goto('/settings');
  const form = admin.page.getByRole('form', { name: 'Lohnabrechnung (DATEV LODAS)' });
  await form.getByLabel('DATEV-Beraternummer').fill('123');
  await form.getByLabel('DATEV-Mandantennummer').fill('12345');
  await form.getByLabel('Gearbeitete Stunden').fill('100');
  await form.getByLabel('Überstunden', { exact: true }).fill('200');
  await form.getByLabel('Urlaub', { exact: true }).fill('300');
  await form.getByLabel('Krankheit', { exact: true }).fill('400');
  await form.getByRole('button', { name: 'Lohnabrechnungs-Einstellungen speichern' }).click();
  await expect(form.getByText(/4–7 digits/)).toBeVisible();
  await form.getByLabel('DATEV-Beraternummer').fill('1234567');
  await form.getByRole('button', { name: 'Lohnabrechnungs-Einstellungen speichern' }).click();
  await expect(admin.page.getByText('Lohnabrechnungs-Einstellungen gespeichert.')).toBeVisible();
  await form.scrollIntoViewIfNeeded();
  await admin.page.screenshot({ path: `${SCREENSHOTS}/datev-1-settings.png`, fullPage: true });

  // Everyone with hours except Alice already has a personnel number.
  const api = await apiAs(request, USERS.admin);
  let next = 2001;
  const alice = (await people(request)).find((p) => p.name === 'Alice Example');
  expect(alice).toBeDefined();
  for (const p of await people(request)) {
    if (p.id !== alice?.id) expect((await api.patch(`/api/users/${p.id}`, { personnelNumber: String(next++) })).status()).toBe(200);
  }

  // 2. Finance asks for the file: the dialog names Alice, nobody is silently left out.
  const finance = await signedInGerman(browser, USERS.manager);
  await finance.page.goto(`/diary?month=${month}`);
  const datev = finance.page.getByRole('button', { name: 'DATEV-LODAS-Datei für die Lohnabrechnung (freigegebene Monate)' });
  await datev.click();
  const dialog = finance.page.getByRole('dialog', { name: 'Die DATEV-Datei kann noch nicht erstellt werden' });
  await expect(dialog.getByRole('list', { name: 'Personen ohne Personalnummer' })).toHaveText('Alice Example');
  await expect(dialog).toContainText('Eine Administratorin oder ein Administrator trägt sie im Benutzerformular der jeweiligen Person ein.');
  await finance.page.screenshot({ path: `${SCREENSHOTS}/datev-2-missing-personnel-number.png` });
  await dialog.getByRole('button', { name: 'Schließen' }).last().click();

  // 3. The admin gives Alice her personnel number in the user form.
  await admin.page.goto('/users');
  await admin.page.getByRole('button', { name: 'Alice Example bearbeiten' }).click();
  const edit = admin.page.getByRole('dialog', { name: 'Alice Example bearbeiten' });
  await edit.getByLabel('Personalnummer (DATEV)').fill('1001');
  await edit.getByRole('button', { name: 'Speichern' }).click();
  await expect(edit).toBeHidden();
  await admin.context.close();

  // 4. Finance downloads the DATEV file: Windows-1252 text with CRLF, Alice's hours under 1001.
  const download = finance.page.waitForEvent('download');
  await datev.click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`datev-lodas_${month}.txt`);
  const bytes = fs.readFileSync(await file.path());
  expect(bytes.subarray(0, 13).toString('latin1')).toBe('[Allgemein]\r\n');
  const text = bytes.toString('latin1');
  expect(text).toContain('Ziel=LODAS\r\nBeraterNr=1234567\r\nMandantenNr=12345\r\n');
  const [y, m] = month.split('-');
  expect(text).toMatch(new RegExp(`\\r\\n1;01\\.${m}\\.${y};\\d+,\\d\\d;1001;100;1;;\\r\\n`));
  expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  await finance.page.screenshot({ path: `${SCREENSHOTS}/datev-3-downloaded.png` });
  await finance.context.close();
});
