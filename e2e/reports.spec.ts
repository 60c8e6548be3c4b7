import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { apiAs, demoIds, expect, expectAccessible, lastMonth, loginAs, noHorizontalScroll, SCREENSHOTS, test, USERS } from './fixtures';

// Issue 22: a manager opens Reports, picks last month by customer then person, sees the chart and
// totals, downloads the Excel and PDF files, shares a link, opens it in a fresh browser (no cookies),
// ends it, and the fresh browser then says the link has ended. Screenshots in English and German at
// 1280 and 390 px. The journeys share one database: Acme's hourly rate and the manager's shares are
// put back in afterAll.

const month = lastMonth();
const lastDay = (m: string) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10);
const from = `${month}-01`;
const to = lastDay(month);
const ACME_RATE = 8500;
let acmeRateBefore: number | null = null;

/** 'h:mm' as the screen shows minutes. */
const hm = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;

async function endManagerShares(request: Parameters<typeof apiAs>[0]) {
  const manager = await apiAs(request, USERS.manager);
  const list = (await (await manager.get('/api/reports/shares')).json()) as { items: Array<{ id: string }> };
  for (const share of list.items) expect((await manager.delete(`/api/reports/shares/${share.id}`)).status()).toBe(204);
}

test.beforeAll(async ({ request }) => {
  fs.mkdirSync(`${SCREENSHOTS}/en`, { recursive: true });
  fs.mkdirSync(`${SCREENSHOTS}/de`, { recursive: true });
  // Acme billed at 85.00 an hour, so the report has an amount; no shares left from an earlier run.
  const { acme } = await demoIds(request);
  const admin = await apiAs(request, USERS.admin);
  acmeRateBefore = ((await (await admin.get(`/api/customers/${acme.id}`)).json()) as { hourlyRate: number | null }).hourlyRate;
  expect((await admin.patch(`/api/customers/${acme.id}`, { hourlyRate: ACME_RATE })).status()).toBe(200);
  await endManagerShares(request);
});

test.afterAll(async ({ request }) => {
  const { acme } = await demoIds(request);
  const admin = await apiAs(request, USERS.admin);
  await admin.patch(`/api/customers/${acme.id}`, { hourlyRate: acmeRateBefore });
  await endManagerShares(request);
  const manager = await apiAs(request, USERS.manager);
  await manager.patch('/api/me', { locale: 'en-GB' });
});

/** A full-page screenshot from the top (the sticky header would otherwise sit in the middle of it). */
async function shot(page: Page, path: string, fullPage = true) {
  await page.evaluate('window.scrollTo(0, 0)');
  await page.screenshot({ path: `${SCREENSHOTS}/${path}`, fullPage });
}

/** Waits until the report shows these totals (the figures change while a new view loads). */
async function expectTotals(page: Page, report: { totalMinutes: number; totalBillableMinutes: number }) {
  await expect(page.getByTestId('total-hours')).toHaveText(hm(report.totalMinutes));
  await expect(page.getByTestId('total-billable')).toHaveText(hm(report.totalBillableMinutes));
}

test('a manager reports last month by customer and person, downloads it, shares it and ends the link', async ({ page, browser, request }) => {
  test.setTimeout(240_000);
  const manager = await apiAs(request, USERS.manager);
  const expected = (await (await manager.get(`/api/reports?from=${from}&to=${to}&groupBy=customer,user`)).json()) as {
    totalMinutes: number; totalBillableMinutes: number; totalAmount: number;
    groups: Array<{ label: string; minutes: number; children?: Array<{ label: string }> }>;
  };
  expect(expected.totalMinutes, 'the demo data has time last month').toBeGreaterThan(0);
  expect(expected.totalAmount, 'Acme is billable').toBeGreaterThan(0);
  const acmeGroup = expected.groups.find((g) => g.label === 'Acme Ltd');
  expect(acmeGroup?.children?.length, 'someone worked for Acme last month').toBeGreaterThan(0);

  // 1. Reports, last month, by customer then person.
  await loginAs(page, USERS.manager);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByRole('banner').getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await page.getByLabel('Period').selectOption('last-month');
  await page.getByLabel('Group by').selectOption('customer');
  await page.getByLabel('Then by').selectOption('user');
  await expect(page).toHaveURL(/range=last-month/);
  await expect(page).toHaveURL(/groupBy=customer%2Cuser/);
  await expectTotals(page, expected);
  await expect(page.getByTestId('total-amount')).not.toHaveText(/^€0\.00$/);

  // The chart (loaded only here) and its text equivalent; the table expands to the people.
  await expect(page.getByRole('img', { name: /^Hours per day from/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Share by Customer: Acme Ltd / })).toBeVisible();
  const table = page.getByRole('table', { name: 'Hours and amounts by Customer / Person' });
  const acme = table.getByRole('button', { name: 'Acme Ltd' });
  await expect(acme).toHaveAttribute('aria-expanded', 'false');
  await acme.click();
  await expect(acme).toHaveAttribute('aria-expanded', 'true');
  await expect(table.getByRole('rowheader', { name: acmeGroup!.children![0]!.label }).first()).toBeVisible();
  await shot(page, 'en/reports-wide.png');
  await expectAccessible(page);

  // 2. The same view as files.
  for (const [button, extension, magic] of [['Export Excel', 'xlsx', 'PK'], ['Export PDF', 'pdf', '%PDF']] as const) {
    const downloadPromise = page.waitForEvent('download');
    await page.getByRole('button', { name: button }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(new RegExp(`\\.${extension}$`));
    const bytes = fs.readFileSync(await download.path());
    expect(bytes.subarray(0, magic.length).toString('latin1')).toBe(magic);
  }

  // 3. Share a link; the dialog shows the whole URL.
  await page.getByRole('button', { name: 'Share' }).click();
  const dialog = page.getByRole('dialog', { name: 'Share this report' });
  await dialog.getByRole('button', { name: 'Create link' }).click();
  const linkField = dialog.getByLabel('Link to this report');
  await expect(linkField).toHaveValue(/\/shared\/reports\/[\w-]{16,}$/);
  const link = await linkField.inputValue();
  expect(link.startsWith('http://127.0.0.1:')).toBe(true);
  const activeLinks = dialog.getByRole('region', { name: 'Your active links' });
  await expect(dialog.getByRole('button', { name: /^End the link for / })).toHaveCount(1);
  await page.screenshot({ path: `${SCREENSHOTS}/en/reports-share-dialog.png` });
  await expectAccessible(page);

  // 4. A fresh browser (no cookies) reads the report without signing in.
  const fresh = await browser.newContext();
  const reader = await fresh.newPage();
  await reader.setViewportSize({ width: 1280, height: 900 });
  await reader.goto(link);
  await expect(reader.getByText('Demo Company')).toBeVisible();
  await expect(reader.getByRole('heading', { level: 1, name: /^Report / })).toBeVisible();
  await expectTotals(reader, expected);
  await expect(reader.getByRole('img', { name: /^Hours per day from/ })).toBeVisible();
  await expect(reader.getByRole('table', { name: 'Hours and amounts by Customer / Person' })).toBeVisible();
  // Read-only: no app navigation, no timer, no way to sign in from here.
  await expect(reader.getByRole('navigation')).toHaveCount(0);
  await expect(reader.getByRole('button', { name: 'Share' })).toHaveCount(0);
  await shot(reader, 'en/shared-report-wide.png');
  await expectAccessible(reader);

  // 5. The manager ends the link; the fresh browser then says so.
  await dialog.getByRole('button', { name: /^End the link for / }).click();
  await expect(activeLinks).toContainText('You have no active links.');
  await reader.reload();
  await expect(reader.getByRole('heading', { level: 1, name: 'This link has ended' })).toBeVisible();
  await reader.screenshot({ path: `${SCREENSHOTS}/en/shared-report-ended.png` });
  await expectAccessible(reader);
  await fresh.close();
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await expect(dialog).toHaveCount(0);

  // 6. A phone: no sideways scroll; the table reflows into cards.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expectTotals(page, expected);
  await expect(page.getByRole('img', { name: /^Hours per day from/ })).toBeVisible();
  expect(await noHorizontalScroll(page), 'Reports scrolls sideways at 390 px').toBe(true);
  await shot(page, 'en/reports-phone.png');
});

test('Reports and a shared report in German, at 1280 and 390 px', async ({ page, browser, request }) => {
  test.setTimeout(240_000);
  const manager = await apiAs(request, USERS.manager);
  const expected = (await (await manager.get(`/api/reports?from=${from}&to=${to}&groupBy=customer,user`)).json()) as { totalMinutes: number; totalBillableMinutes: number };
  // The manager follows the organisation's language (de-DE).
  await loginAs(page, USERS.manager, undefined, { locale: null });
  for (const width of [1280, 390]) {
    await page.setViewportSize(width === 390 ? { width: 390, height: 844 } : { width: 1280, height: 900 });
    await page.goto('/reports?range=last-month&groupBy=customer,user');
    await expect(page.getByRole('heading', { level: 1, name: 'Auswertungen' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de-DE');
    await expectTotals(page, expected);
    await expect(page.getByTestId('total-amount')).toHaveText(/^[\d.]+,\d{2}\s€$/);
    await expect(page.getByRole('img', { name: /^Stunden pro Tag vom/ })).toBeVisible();
    if (width === 390) expect(await noHorizontalScroll(page), 'Auswertungen scrolls sideways at 390 px').toBe(true);
    await shot(page, `de/reports-${width === 390 ? 'phone' : 'wide'}.png`);
  }
  await expectAccessible(page);
  // The share dialog fits a phone.
  await page.getByRole('button', { name: 'Teilen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Diese Auswertung teilen' });
  await expect(dialog.getByRole('region', { name: 'Ihre aktiven Links' })).toBeVisible();
  expect(await noHorizontalScroll(page)).toBe(true);
  await page.screenshot({ path: `${SCREENSHOTS}/de/reports-share-dialog-phone.png` });
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Schließen' }).last().click();

  // A shared link opened in a German browser, on a phone; then ended.
  const created = await manager.post('/api/reports/shares', {
    query: { from, to, groupBy: 'customer,user' },
    expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });
  expect(created.status()).toBe(201);
  const { id, url } = (await created.json()) as { id: string; url: string };
  const fresh = await browser.newContext({ locale: 'de-DE' });
  try {
    const reader = await fresh.newPage();
    await reader.setViewportSize({ width: 390, height: 844 });
    await reader.goto(url);
    await expect(reader.getByRole('heading', { level: 1, name: /^Auswertung / })).toBeVisible();
    await expectTotals(reader, expected);
    expect(await noHorizontalScroll(reader), 'the shared report scrolls sideways at 390 px').toBe(true);
    await shot(reader, 'de/shared-report-phone.png');
    await expectAccessible(reader);
    expect((await manager.delete(`/api/reports/shares/${id}`)).status()).toBe(204);
    await reader.reload();
    await expect(reader.getByRole('heading', { level: 1, name: 'Dieser Link ist beendet' })).toBeVisible();
    await reader.screenshot({ path: `${SCREENSHOTS}/de/shared-report-ended-phone.png` });
    await expectAccessible(reader);
  } finally {
    await fresh.close();
    await manager.patch('/api/me', { locale: 'en-GB' });
  }
});
