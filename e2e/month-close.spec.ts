import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';
import { apiAs, expectAccessible, lastMonth, loginAs, noHorizontalScroll, SCREENSHOTS, showMonth, thisMonth, signedInGerman, USERS } from './fixtures';

// Issue 15 (closing a month for payroll) and issue 25 (approvals that ask before they lock
// everyone; an approved month shows its lock). German first: Alice submits last month, the
// manager sees that the current month cannot be approved yet, is asked before approving everyone
// (and cancels), sends Alice's month back with a comment, Alice reads it and submits again, the
// manager approves her month from her page, and the day shows the lock where Edit, Delete and +
// were. Then in English: approve for everyone after the confirmation, the lock, an admin's
// reopen. The journeys share one seeded database: the month is reopened before and after each.

const label = (month: string, locale = 'en-GB') => new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));

const month = lastMonth();
const current = thisMonth();

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginAs(page, email);
  return { context, page };
}


/** Reopens every approved or submitted state of `month`, so each journey starts and ends editable. */
async function reopenLockedMonths(request: APIRequestContext) {
  const admin = await apiAs(request, USERS.admin);
  const states = (await (await admin.get(`/api/months?month=${month}`)).json()) as { items: Array<{ userId: string; status: string }> };
  for (const s of states.items.filter((i) => i.status === 'APPROVED' || i.status === 'SUBMITTED')) {
    const res = await admin.post(`/api/months/${month}/reopen`, { userId: s.userId, reason: 'e2e month-close clean-up' });
    expect(res.status(), await res.text()).toBe(200);
  }
}

// A database left approved by an interrupted earlier run is reopened first, instead of skipping.
test.beforeEach(async ({ request }) => reopenLockedMonths(request));
test.afterEach(async ({ request }) => reopenLockedMonths(request));

async function aliceId(request: APIRequestContext) {
  const manager = await apiAs(request, USERS.manager);
  const overview = (await (await manager.get(`/api/diary?month=${month}`)).json()) as { items: Array<{ userId: string; name: string }> };
  const id = overview.items.find((u) => u.name === 'Alice Example')?.userId ?? '';
  expect(id).not.toBe('');
  return id;
}

/** A worked day of Alice's month (not running, early in the month). */
async function workedDay(request: APIRequestContext, userId: string) {
  const manager = await apiAs(request, USERS.manager);
  const days = ((await (await manager.get(`/api/diary/${userId}?month=${month}`)).json()) as { items: Array<{ date: string; totalMinutes: number; running: boolean }> }).items;
  const day = days.find((d) => d.totalMinutes > 0 && !d.running && Number(d.date.slice(8)) < 25);
  expect(day, 'a worked day in the demo data').toBeTruthy();
  return day!.date;
}

/** Opens the day's "Working time" from the month's table (the page may still be settling: a missed click is made again). */
async function openDay(page: Page, date: string, locale: string, dialogName: string) {
  const dayLabel = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
  const buttonName = locale.startsWith('de') ? `${dayLabel} öffnen` : `Open ${dayLabel}`;
  const modal = page.getByRole('dialog', { name: dialogName });
  await expect(async () => {
    if (!(await modal.isVisible())) await page.getByRole('button', { name: buttonName }).click({ timeout: 5_000 });
    await expect(modal).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  return modal;
}

/** Screenshots at 1280 and 390 px (with `show` scrolled into view); no sideways scrolling on the phone. */
async function shoot(page: Page, name: string, show?: Locator) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await show?.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-1280.png`, fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  // The chart re-measures itself after a resize: wait for the layout to settle at 390 px.
  await expect.poll(() => noHorizontalScroll(page), { message: `${name} scrolls sideways at 390 px` }).toBe(true);
  await show?.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-390.png`, fullPage: false });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test('German: approval asks first and not before the month ends; a month is sent back with a comment, approved from the person\'s page, and shows its lock', async ({ browser, request }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const alice = await aliceId(request);
  const de = label(month, 'de-DE');

  // 1. Alice submits her month.
  const member = await signedInGerman(browser, USERS.alice);
  await member.page.goto(`/diary/${alice}?month=${month}`);
  const panel = member.page.getByTestId('month-close-panel');
  await expect(panel).toContainText(new RegExp(`${de} (ist offen|wurde wieder geöffnet)`));
  await panel.getByRole('button', { name: 'Meinen Monat einreichen' }).click();
  await expect(panel).toContainText(`${de} ist eingereicht`);

  // 2. The current month cannot be approved yet, and the bar says from when.
  const mgr = await signedInGerman(browser, USERS.manager);
  await mgr.page.goto(`/diary?month=${current}`);
  const bar = mgr.page.getByTestId('month-close-bar');
  const everyone = bar.getByRole('button', { name: 'Monat für alle freigeben' });
  await expect(everyone).toBeDisabled();
  await expect(mgr.page.getByRole('table', { name: `Benutzer für ${label(current, 'de-DE')}` }).getByRole('row').filter({ hasText: 'Alice Example' })).toBeVisible();
  await expect(everyone).toHaveAccessibleDescription(new RegExp(`^${label(current, 'de-DE')} ist noch nicht zu Ende: Freigeben ist ab 01\\. \\S+ \\d{4} möglich\\.$`));
  await shoot(mgr.page, 'month-close-de-1-current-month');

  // 3. Last month: "for everyone" asks first, naming who has not submitted; Cancel approves nobody.
  await mgr.page.goto(`/diary?month=${month}`);
  const table = mgr.page.getByRole('table', { name: `Benutzer für ${de}` });
  await expect(table.getByRole('row').filter({ hasText: 'Alice Example' })).toContainText('Eingereicht');
  await bar.getByRole('button', { name: 'Monat für alle freigeben' }).click();
  const ask = mgr.page.getByRole('dialog', { name: `${de} freigeben?` });
  await expect(ask.getByRole('region', { name: /^Noch nicht eingereicht \(\d+\)$/ })).toContainText('Bob Example');
  await expect(ask.getByRole('region', { name: /^Noch nicht eingereicht/ })).not.toContainText('Alice Example');
  await expect(ask).toContainText('für die Lohnabrechnung gesperrt');
  await expect(ask.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
  await shoot(mgr.page, 'month-close-de-2-ask');
  await expectAccessible(mgr.page);
  await ask.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(ask).toBeHidden();
  await expect(table.getByRole('row').filter({ hasText: 'Bob Example' })).not.toContainText('Freigegeben');

  // 4. From Alice's month the manager sends it back with a comment.
  await table.getByRole('link', { name: 'Alice Example' }).click();
  const mgrPanel = mgr.page.getByTestId('month-close-panel');
  await mgrPanel.getByRole('button', { name: 'Zurückgeben…' }).click();
  const back = mgr.page.getByRole('dialog', { name: `${de} an Alice Example zurückgeben` });
  await back.getByLabel('Kommentar').fill('Der Kundentermin am 27. fehlt');
  await back.getByRole('button', { name: 'Zurückgeben', exact: true }).click();
  await expect(back).toBeHidden();
  await expect(mgrPanel.getByRole('list', { name: 'Verlauf des Monats' })).toContainText('Max Manager hat den Monat zurückgegeben');
  await expect(mgrPanel.getByRole('list', { name: 'Verlauf des Monats' })).toContainText('Kommentar: Der Kundentermin am 27. fehlt');

  // 5. Alice reads who sent it back and why, and submits again.
  await member.page.reload();
  const note = member.page.getByTestId('month-sent-back');
  await expect(note).toContainText(`Max Manager hat ${de} am`);
  await expect(note).toContainText('Der Kundentermin am 27. fehlt');
  await expect(note).toContainText('Bitte vervollständigen und erneut einreichen.');
  await shoot(member.page, 'month-close-de-3-sent-back', note);
  await expectAccessible(member.page);
  await panel.getByRole('button', { name: 'Meinen Monat einreichen' }).click();
  await expect(panel).toContainText(`${de} ist eingereicht`);

  // 6. The manager approves Alice's month from her page, after the question.
  await mgr.page.reload();
  await mgrPanel.getByRole('button', { name: 'Monat freigeben' }).click();
  const one = mgr.page.getByRole('dialog', { name: `${de} freigeben?` });
  await expect(one).not.toContainText('Noch nicht eingereicht');
  await one.getByRole('button', { name: 'Für 1 Person freigeben' }).click();
  await expect(mgrPanel).toContainText('für die Lohnabrechnung freigegeben und gesperrt');
  await expect(mgr.page.getByTestId('month-locked')).toContainText(/Freigegeben am \d{2}\. \S+ \d{4} von Max Manager – bitten Sie einen Admin, ihn wieder zu öffnen\./);

  // 7. The day shows the lock where Edit, Delete and + were, and why.
  const modal = await openDay(mgr.page, await workedDay(request, alice), 'de-DE', 'Arbeitszeit');
  await expect(modal.getByTestId('day-locked')).toContainText(/Für die Lohnabrechnung gesperrt\. Freigegeben am \d{2}\. \S+ \d{4} von Max Manager/);
  await expect(modal.getByRole('button', { name: /bearbeiten$/ })).toHaveCount(0);
  await expect(modal.getByRole('button', { name: /löschen$/ })).toHaveCount(0);
  await expect(modal.getByRole('button', { name: 'Sitzung hinzufügen' })).toHaveCount(0);
  await expect(modal.getByRole('img', { name: /^Gesperrt: Freigegeben am/ }).first()).toBeVisible();
  await shoot(mgr.page, 'month-close-de-4-day-locked');
  await expectAccessible(mgr.page);
  await member.context.close();
  await mgr.context.close();
});

test('English: approving everyone asks first, the approved day shows its lock, an admin reopens it', async ({ browser, request }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const alice = await aliceId(request);

  // 1. Alice submits her month.
  const member = await signedIn(browser, USERS.alice);
  await member.page.getByRole('banner').getByRole('link', { name: 'My month' }).click();
  await showMonth(member.page, month);
  const panel = member.page.getByTestId('month-close-panel');
  // Open, or reopened by an earlier run on the same database.
  await expect(panel).toContainText(new RegExp(`${label(month)} (is|was reopened)`));
  await panel.getByRole('button', { name: 'Submit my month' }).click();
  await expect(panel).toContainText(`${label(month)} is submitted`);
  await expect(panel.getByRole('list', { name: 'Month history' })).toContainText('Alice Example submitted the month');
  await member.page.screenshot({ path: `${SCREENSHOTS}/month-close-1-submitted.png` });
  await expectAccessible(member.page);
  await member.context.close();

  // 2. The manager sees who is missing, is asked, and approves the month for everyone at once.
  const mgr = await signedIn(browser, USERS.manager);
  await mgr.page.getByRole('banner').getByRole('link', { name: 'Work diary' }).click();
  await showMonth(mgr.page, month);
  const table = mgr.page.getByRole('table', { name: `Users for ${label(month)}` });
  const aliceRow = table.getByRole('row').filter({ hasText: 'Alice Example' });
  await expect(aliceRow).toContainText('Submitted');
  const bar = mgr.page.getByTestId('month-close-bar');
  await expect(bar).toContainText('Still missing (not submitted):');
  await expect(bar).toContainText('Bob Example');
  await bar.getByRole('button', { name: 'Approve month for everyone' }).click();
  const ask = mgr.page.getByRole('dialog', { name: `Approve ${label(month)}?` });
  await expect(ask.getByRole('region', { name: /^Not submitted yet \(\d+\)$/ })).toContainText('Bob Example');
  await shoot(mgr.page, 'month-close-en-2-ask');
  await ask.getByRole('button', { name: /^Approve for \d+ people$/ }).click();
  await expect(bar).toContainText(`${label(month)} is approved for everyone.`);
  await expect(aliceRow).toContainText('Approved');
  await expect(table.getByRole('row').filter({ hasText: 'Bob Example' })).toContainText('Approved');
  await expect(mgr.page.getByText(/Approved months show the figures they were approved with/)).toBeVisible();
  await mgr.page.screenshot({ path: `${SCREENSHOTS}/month-close-2-approved.png` });
  await expectAccessible(mgr.page);

  // 3. Alice's approved month: its figures as approved, and the lock (with who and when) where Edit, Delete and + were.
  await aliceRow.getByRole('link', { name: 'Alice Example' }).click();
  await expect(mgr.page.getByTestId('month-close-panel')).toContainText('approved for payroll and locked');
  await expect(mgr.page.getByText(/^as approved on \d{2} \w{3} \d{4}$/)).toBeVisible();
  await expect(mgr.page.getByTestId('month-locked')).toContainText(/Approved on \d{2} \w{3} \d{4} by Max Manager — ask an admin to reopen it\./);
  await mgr.page.screenshot({ path: `${SCREENSHOTS}/month-close-2b-approved-month.png` });
  const modal = await openDay(mgr.page, await workedDay(request, alice), 'en-GB', 'Working time');
  await expect(modal.getByTestId('day-locked')).toContainText(/Locked for payroll\. Approved on \d{2} \w{3} \d{4} by Max Manager — ask an admin to reopen it\./);
  await expect(modal.getByRole('button', { name: /^Edit / })).toHaveCount(0);
  await expect(modal.getByRole('button', { name: /^Delete / })).toHaveCount(0);
  await expect(modal.getByRole('button', { name: 'Add session' })).toHaveCount(0);
  await expect(modal.getByRole('img', { name: /^Locked: Approved on/ }).first()).toBeVisible();
  await shoot(mgr.page, 'month-close-3-locked');
  await expectAccessible(mgr.page);
  await mgr.context.close();

  // The API still refuses a write in it (the journey's safety net, not the screen's).
  const days = (await (await (await apiAs(request, USERS.manager)).get(`/api/diary/${alice}/${await workedDay(request, alice)}`)).json()) as { items: Array<{ id: string }> };
  const refused = await (await apiAs(request, USERS.manager)).patch(`/api/work-entries/${days.items[0]!.id}`, { note: 'Corrected after payroll' });
  expect(refused.status()).toBe(409);

  // 4. An admin reopens Alice's month with a reason; the reason is in the month's history.
  const admin = await signedIn(browser, USERS.admin);
  await admin.page.goto(`/diary/${alice}?month=${month}`);
  const adminPanel = admin.page.getByTestId('month-close-panel');
  await expect(admin.page.getByTestId('month-locked')).toContainText('reopen the month to change it.');
  await adminPanel.getByRole('button', { name: 'Reopen month' }).click();
  const reopen = admin.page.getByRole('dialog', { name: `Reopen ${label(month)}` });
  await reopen.getByLabel('Reason').fill('Alice forgot a customer visit');
  await reopen.getByRole('button', { name: 'Reopen month' }).click();
  await expect(adminPanel).toContainText(`${label(month)} was reopened`);
  // Reopened, the month is worked out live again, and the lock is gone.
  await expect(admin.page.getByText(/^as approved on /)).toHaveCount(0);
  await expect(admin.page.getByTestId('month-locked')).toHaveCount(0);
  await expect(adminPanel.getByRole('list', { name: 'Month history' })).toContainText('Reason: Alice forgot a customer visit');
  await admin.page.screenshot({ path: `${SCREENSHOTS}/month-close-4-reopened.png` });
  await expectAccessible(admin.page);
  await admin.context.close();
});
