import fs from 'node:fs';
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { apiAs, expectAccessible, lastMonth, loginAs, SCREENSHOTS, showMonth, USERS } from './fixtures';

// Issue 15: closing a month for payroll. Alice submits last month, the manager approves it for
// everyone at once from the Work diary overview, an edit of one of its entries is refused in the
// day modal with a clear message, and an admin reopens it with a reason. The journeys share one
// seeded database: the month is reopened before and after (beforeAll/afterAll), so entries stay editable.

const label = (month: string) => new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T12:00:00Z`));

const month = lastMonth();

async function signedIn(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await loginAs(page, email);
  return { context, page };
}

/** Reopens every approved or submitted state of `month`, so the journey starts and ends editable. */
async function reopenLockedMonths(request: APIRequestContext) {
  const admin = await apiAs(request, USERS.admin);
  const states = (await (await admin.get(`/api/months?month=${month}`)).json()) as { items: Array<{ userId: string; status: string }> };
  for (const s of states.items.filter((i) => i.status === 'APPROVED' || i.status === 'SUBMITTED')) {
    const res = await admin.post(`/api/months/${month}/reopen`, { userId: s.userId, reason: 'e2e month-close clean-up' });
    expect(res.status(), await res.text()).toBe(200);
  }
}

// A database left approved by an interrupted earlier run is reopened first, instead of skipping.
test.beforeAll(async ({ request }) => reopenLockedMonths(request));
test.afterAll(async ({ request }) => reopenLockedMonths(request));

test('a member submits last month, a manager approves it for everyone, an edit is refused, an admin reopens it', async ({ browser, request }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const manager = await apiAs(request, USERS.manager);
  const overview = (await (await manager.get(`/api/diary?month=${month}`)).json()) as { items: Array<{ userId: string; name: string }> };
  const aliceId = overview.items.find((u) => u.name === 'Alice Example')?.userId ?? '';
  expect(aliceId).not.toBe('');

  // 1. Alice submits her month.
  const alice = await signedIn(browser, USERS.alice);
  await alice.page.getByRole('banner').getByRole('link', { name: 'My month' }).click();
  await showMonth(alice.page, month);
  const panel = alice.page.getByTestId('month-close-panel');
  // Open, or reopened by an earlier run on the same database.
  await expect(panel).toContainText(new RegExp(`${label(month)} (is|was reopened)`));
  await panel.getByRole('button', { name: 'Submit my month' }).click();
  await expect(panel).toContainText(`${label(month)} is submitted`);
  await expect(panel.getByRole('list', { name: 'Month history' })).toContainText('Alice Example submitted the month');
  await alice.page.screenshot({ path: `${SCREENSHOTS}/month-close-1-submitted.png` });
  await expectAccessible(alice.page);
  await alice.context.close();

  // 2. The manager sees who is missing and approves the month for everyone at once.
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
  await expect(bar).toContainText(`${label(month)} is approved for everyone.`);
  await expect(aliceRow).toContainText('Approved');
  await expect(table.getByRole('row').filter({ hasText: 'Bob Example' })).toContainText('Approved');
  await expect(mgr.page.getByText(/Approved months show the figures they were approved with/)).toBeVisible();
  await mgr.page.screenshot({ path: `${SCREENSHOTS}/month-close-2-approved.png` });
  await expectAccessible(mgr.page);

  // 3. An edit of one of Alice's entries of that month is refused in the day modal.
  const days = ((await (await manager.get(`/api/diary/${aliceId}?month=${month}`)).json()) as { items: Array<{ date: string; totalMinutes: number; running: boolean }> }).items;
  const day = days.find((d) => d.totalMinutes > 0 && !d.running && Number(d.date.slice(8)) < 25);
  expect(day, 'a worked day in the demo data').toBeTruthy();
  await aliceRow.getByRole('link', { name: 'Alice Example' }).click();
  await expect(mgr.page.getByTestId('month-close-panel')).toContainText('approved for payroll and locked');
  // The month shows the figures it was approved with, and says so.
  await expect(mgr.page.getByText(/^as approved on \d{2} \w{3} \d{4}$/)).toBeVisible();
  await mgr.page.screenshot({ path: `${SCREENSHOTS}/month-close-2b-approved-month.png` });
  const dayLabel = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day!.date}T12:00:00Z`));
  const modal = mgr.page.getByRole('dialog', { name: 'Working time' });
  // The page may still be settling (the chart loads lazily above the table): a click that landed
  // beside the moved button is made again.
  await expect(async () => {
    if (!(await modal.isVisible())) await mgr.page.getByRole('button', { name: `Open ${dayLabel}` }).click({ timeout: 5_000 });
    await expect(modal).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await modal.getByRole('button', { name: /^Edit / }).first().click();
  const form = mgr.page.getByRole('dialog', { name: 'Edit entry' });
  await form.getByLabel('Note').fill('Corrected after payroll');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toContainText(`${label(month)} is approved and locked for payroll`);
  await mgr.page.screenshot({ path: `${SCREENSHOTS}/month-close-3-locked.png` });
  await expectAccessible(mgr.page);
  await mgr.context.close();

  // 4. An admin reopens Alice's month with a reason; the reason is in the month's history.
  const admin = await signedIn(browser, USERS.admin);
  await admin.page.goto(`/diary/${aliceId}?month=${month}`);
  const adminPanel = admin.page.getByTestId('month-close-panel');
  await adminPanel.getByRole('button', { name: 'Reopen month' }).click();
  const reopen = admin.page.getByRole('dialog', { name: `Reopen ${label(month)}` });
  await reopen.getByLabel('Reason').fill('Alice forgot a customer visit');
  await reopen.getByRole('button', { name: 'Reopen month' }).click();
  await expect(adminPanel).toContainText(`${label(month)} was reopened`);
  // Reopened, the month is worked out live again.
  await expect(admin.page.getByText(/^as approved on /)).toHaveCount(0);
  await expect(adminPanel.getByRole('list', { name: 'Month history' })).toContainText('Reason: Alice forgot a customer visit');
  await admin.page.screenshot({ path: `${SCREENSHOTS}/month-close-4-reopened.png` });
  await expectAccessible(admin.page);
  await admin.context.close();
});
