import fs from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { apiAs, demoIds, lastMonth, PASSWORD, SCREENSHOTS, thisMonth, USERS } from './fixtures';

// Issue 26 (working-time law): Bob, a member, adds a session of 6:30 without a break on a day
// without work in his month (the day modal of My month) and is warned — the entry is saved, not
// refused. The manager sees the § marker on that day in Bob's month of the Work diary, opens the
// day, reads the rules in words (German), acknowledges them with a note, and sees the
// acknowledgement (English). Put back at the end: the session deleted (the acknowledgement stays
// in the audit, as audited records do, but with no findings left it shows nowhere), Bob's and the
// manager's own language as they were.

const NOTE = 'Kundentermin, abgesprochen (E2E)';
type DiaryMonth = { items: Array<{ date: string; totalMinutes: number; holiday: string | null; running: boolean; violations?: string[] }>; frozenAt: string | null };

let bobId = '';
let target = { month: '', date: '' };
let createdEntryId: string | null = null;

/** Signs in through the sign-in page in `locale`'s language (the user's own language set by the API first). */
async function signedIn(browser: Browser, email: string, locale: 'en-GB' | 'de-DE') {
  const context = await browser.newContext({ locale });
  const page = await context.newPage();
  expect((await (await apiAs(page.request, email)).patch('/api/me', { locale })).status()).toBe(200);
  await page.goto('/login');
  await page.getByLabel(locale === 'de-DE' ? 'E-Mail' : 'Email').fill(email);
  await page.getByLabel(locale === 'de-DE' ? 'Passwort' : 'Password').fill(PASSWORD);
  await page.getByRole('button', { name: locale === 'de-DE' ? 'Anmelden' : /sign in/i }).click();
  await expect(page).not.toHaveURL(/\/login/);
  return { context, page };
}

const longDay = (date: string, locale: string) =>
  new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

async function shoot(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${SCREENSHOTS}/compliance-${name}-1280.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SCREENSHOTS}/compliance-${name}-390.png` });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test.beforeAll(async ({ request }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const bob = await apiAs(request, USERS.bob);
  bobId = bob.user.id;
  const admin = await apiAs(request, USERS.admin);
  const org = (await (await admin.get('/api/organization')).json()) as { compliance?: { enabled: boolean } };
  expect(org.compliance?.enabled).toBe(true);
  // A day of Bob's without work, before today, not a holiday, in an open month (latest first; a
  // Sunday adds SUNDAY_WORK to the findings, which the journey allows).
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
  const before = (month: string) => { const [y, m] = month.split('-').map(Number) as [number, number]; return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`; };
  for (const month of [thisMonth(), lastMonth(), before(lastMonth()), before(before(lastMonth()))]) {
    const m = (await (await bob.get(`/api/diary/${bobId}?month=${month}`)).json()) as DiaryMonth;
    if (m.frozenAt) continue;
    const free = m.items.filter((d) => d.date < today && d.totalMinutes === 0 && !d.running && !d.holiday && (d.violations ?? []).length === 0).at(-1);
    if (free) {
      target = { month, date: free.date };
      break;
    }
  }
  expect(target.date, 'a free day of Bob in this or last month').not.toBe('');
});

test.afterAll(async ({ request }) => {
  const bob = await apiAs(request, USERS.bob);
  if (!target.month) return;
  if (createdEntryId) expect((await bob.delete(`/api/work-entries/${createdEntryId}`)).status()).toBe(204);
  expect((await bob.patch('/api/me', { locale: null })).status()).toBe(200);
  expect((await (await apiAs(request, USERS.manager)).patch('/api/me', { locale: null })).status()).toBe(200);
  const after = (await (await bob.get(`/api/compliance?month=${target.month}`)).json()) as { items: Array<{ date: string }> };
  expect(after.items.filter((i) => i.date === target.date)).toEqual([]);
});

test('a member is warned of 6:30 without a break; the manager sees the marker, reads the rule and acknowledges it', async ({ browser, request }) => {
  const { category } = await demoIds(request);

  // 1. Bob adds 08:00–14:30 on the free day from his month's day modal: saved, with a warning.
  const member = await signedIn(browser, USERS.bob, 'en-GB');
  await member.page.goto(`/diary/${bobId}?month=${target.month}&day=${target.date}`);
  const modal = member.page.getByRole('dialog', { name: 'Working time' });
  await expect(modal).toContainText(longDay(target.date, 'en-GB'));
  await modal.getByRole('button', { name: 'Add session' }).click();
  const form = member.page.getByRole('dialog', { name: /Add/ });
  const customer = form.getByRole('combobox', { name: /Customer/ });
  await customer.fill('Acme');
  await form.getByRole('option', { name: /Acme Ltd/ }).click();
  await form.getByRole('combobox', { name: /Category/ }).selectOption({ label: category.name });
  await expect(form.getByLabel(/^Date/)).toHaveValue(target.date);
  await form.getByLabel(/^Start time/).fill('08:00');
  await form.getByLabel(/^Stop time/).fill('14:30');
  const created = member.page.waitForResponse((r) => r.url().endsWith('/api/work-entries') && r.request().method() === 'POST');
  await form.getByRole('button', { name: 'Submit' }).click();
  const response = await created;
  expect(response.status()).toBe(201);
  const entry = (await response.json()) as { id: string; warnings?: Array<{ date: string; rule: string }> };
  createdEntryId = entry.id;
  expect(entry.warnings).toEqual(expect.arrayContaining([{ date: target.date, rule: 'BREAK_MISSING' }, { date: target.date, rule: 'STRETCH_TOO_LONG' }]));
  await expect(member.page.getByText(/Saved\. Working-time law: Break too short, Over 6 h without a break/)).toBeVisible();
  await expect(modal.getByTestId('day-total')).toHaveText('6:30');
  await expect(modal.getByTestId('compliance-day')).toContainText('Break too short');
  await expect(modal.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0); // members cannot
  await shoot(member.page, 'member-warned-en');
  await member.context.close();

  // 2. The manager (German) sees the marker on the day in Bob's month, opens it and reads the rules.
  const manager = await signedIn(browser, USERS.manager, 'de-DE');
  await manager.page.goto(`/diary/${bobId}?month=${target.month}`);
  const dayButton = manager.page.getByRole('button', { name: `${longDay(target.date, 'de-DE')} öffnen` });
  const row = manager.page.getByRole('row').filter({ has: dayButton });
  await expect(row.locator('.compliance-marker')).toHaveAttribute('title', /^Arbeitszeitgesetz: Pause zu kurz, Über 6 Std\. ohne Pause/);
  await dayButton.click();
  const day = manager.page.getByRole('dialog', { name: 'Arbeitszeit' });
  const section = day.getByTestId('compliance-day');
  await expect(section).toContainText('Pause zu kurz');
  await expect(section).toContainText('Mehr als 6 Stunden Arbeit erfordern mindestens 30 Minuten Pause');
  await expect(section).toContainText('6:30 ohne Pause');
  await section.scrollIntoViewIfNeeded();
  await shoot(manager.page, 'manager-rule-de');

  // 3. … and acknowledges them with a note: the findings stay, marked acknowledged.
  await section.getByLabel('Mit einer Notiz zur Kenntnis nehmen').fill(NOTE);
  await section.getByRole('button', { name: 'Zur Kenntnis nehmen' }).click();
  await expect(section.getByTestId('compliance-ack')).toContainText(`Zur Kenntnis genommen von Max Manager`);
  await expect(section.getByTestId('compliance-ack')).toContainText(NOTE);
  await expect(section).toContainText('Pause zu kurz');
  await shoot(manager.page, 'manager-acknowledged-de');
  await manager.context.close();

  // 4. In English the same day reads the acknowledgement and the rule.
  const english = await signedIn(browser, USERS.manager, 'en-GB');
  await english.page.goto(`/diary/${bobId}?month=${target.month}&day=${target.date}`);
  const englishSection = english.page.getByRole('dialog', { name: 'Working time' }).getByTestId('compliance-day');
  await expect(englishSection.getByTestId('compliance-ack')).toContainText(`Acknowledged by Max Manager`);
  await expect(englishSection).toContainText('Nobody may work more than 6 hours in a row without a break of at least 15 minutes');
  await englishSection.scrollIntoViewIfNeeded();
  await shoot(english.page, 'manager-acknowledged-en');
  await english.context.close();
});
