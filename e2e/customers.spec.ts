import fs from 'node:fs';
import { type Page } from '@playwright/test';
import * as XLSX from 'xlsx';
import { apiAs, expect, loginAs, SCREENSHOTS, test, USERS } from './fixtures';

// The manager's journey through a customer's Working Time: add an entry with a new category, see
// it and the new Total Time, export the labor sheet and read it back. It cleans up what it made.

const TZ = 'Europe/Berlin';
const stamp = Date.now().toString(36);
const CATEGORY = `E2E Audit ${stamp}`;
const NOTE = `=1+1 e2e ${stamp}`;

/** 'YYYY-MM-DD' and the hour in Berlin, `daysAgo` days back. */
function berlin(daysAgo = 0) {
  const at = new Date(Date.now() - daysAgo * 86_400_000);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
    .formatToParts(at).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}

const minutesOf = (hm: string) => {
  const [h, m] = hm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

async function totalTime(page: Page): Promise<number> {
  const summary = page.getByText(/\d+ (entry|entries) · Total Time \d+:\d{2}/);
  await expect(summary).toBeVisible();
  // Not the total of the range before: the old rows stay on screen while the new ones load.
  await expect(page.locator('.working-time__table--refreshing')).toHaveCount(0);
  const text = (await summary.textContent()) ?? '';
  return minutesOf(/Total Time (\d+:\d{2})/.exec(text)?.[1] ?? '0:00');
}

let createdEntryId: string | null = null;
let createdCategoryId: string | null = null;

test.afterAll(async ({ request }) => {
  const manager = await apiAs(request, USERS.manager);
  if (createdEntryId) await manager.delete(`/api/work-entries/${createdEntryId}`);
  const admin = await apiAs(request, USERS.admin);
  if (!createdCategoryId) {
    const res = await admin.get('/api/categories?includeArchived=true');
    const items = ((await res.json()) as { items: Array<{ id: string; name: string }> }).items;
    createdCategoryId = items.find((c) => c.name === CATEGORY)?.id ?? null;
  }
  if (createdCategoryId) await admin.delete(`/api/categories/${createdCategoryId}`);
});

test('a manager adds an entry with a new category on a customer’s Working Time and exports the labor sheet', async ({ page, request }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // Early in the morning today (or yesterday when it is not yet morning), a slot the demo data
  // never uses, for the manager's own entry.
  const now = berlin();
  const day = now.hour >= 6 ? now.date : berlin(1).date;

  await loginAs(page, USERS.manager);
  await page.getByRole('banner').getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('heading', { name: 'Customers', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Globex GmbH' })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/customers-list.png`, fullPage: true });

  // Search as you type, on the server.
  await page.getByRole('searchbox', { name: 'Search customers' }).fill('acme');
  await expect(page.getByRole('link', { name: 'Globex GmbH' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Acme Ltd' }).click();

  await expect(page.getByRole('heading', { name: 'Acme Ltd', level: 1 })).toBeVisible();
  await expect(page.getByText('office@acme.example')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Working Time' })).toHaveAttribute('aria-selected', 'true');
  const table = page.getByRole('table', { name: 'Working time for Acme Ltd' });
  await expect(table).toBeVisible();

  // The range shows the day of the new entry (this month by default).
  const from = page.getByRole('textbox', { name: 'From', exact: true });
  if ((await from.inputValue()) > day) {
    await from.fill(day);
    // The old range's rows stay on screen until the new ones arrive: wait for them.
    await page.waitForLoadState('networkidle');
    await expect(page.locator('.working-time__table--refreshing')).toHaveCount(0);
  }
  const before = await totalTime(page);
  await page.screenshot({ path: `${SCREENSHOTS}/customer-working-time.png`, fullPage: true });

  await page.getByRole('button', { name: 'Add entry' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add entry' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Customer' })).toHaveValue('Acme Ltd');
  await expect(dialog.getByRole('combobox', { name: /User/ })).toHaveValue(/.+/);
  await dialog.getByRole('combobox', { name: /User/ }).selectOption({ label: 'Max Manager' });
  await dialog.getByLabel(/^Date/).fill(day);
  await dialog.getByLabel(/^Start time/).fill('05:10');
  await dialog.getByLabel(/^Stop time/).fill('05:55');
  const category = dialog.getByRole('combobox', { name: /Category/ });
  await expect(category).toBeEnabled();
  await category.selectOption({ label: '+ Add new…' });
  await dialog.getByRole('textbox', { name: 'New category name' }).fill(CATEGORY);
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(category.locator('option:checked')).toHaveText(CATEGORY);
  await dialog.getByRole('textbox', { name: 'Note' }).fill(NOTE);
  await page.screenshot({ path: `${SCREENSHOTS}/customer-add-entry.png` });

  const created = page.waitForResponse((r) => r.url().endsWith('/api/work-entries') && r.request().method() === 'POST');
  await dialog.getByRole('button', { name: 'Submit' }).click();
  const res = await created;
  expect(res.status()).toBe(201);
  const entry = (await res.json()) as { id: string; categoryId: string };
  createdEntryId = entry.id;
  createdCategoryId = entry.categoryId;
  await expect(dialog).toBeHidden();

  const row = table.getByRole('row').filter({ hasText: NOTE });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Max Manager');
  await expect(row).toContainText('05:10');
  await expect(row).toContainText('05:55');
  await expect(row).toContainText('0:45');
  await expect(row).toContainText(CATEGORY);
  await expect.poll(() => totalTime(page)).toBe(before + 45);
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/customer-entry-added.png` });
  await page.getByText(/Total Time \d+:\d{2}$/).last().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}/customer-total-time.png` });

  // Export Excel: a real .xlsx that parses, with the new row and its note kept as text.
  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Excel' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^acme-ltd_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const file = await download.path();
  const wb = XLSX.read(fs.readFileSync(file), { type: 'buffer', cellFormula: true });
  const ws = wb.Sheets[wb.SheetNames[0] ?? ''] as XLSX.WorkSheet;
  const rows = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true });
  expect(rows[0]).toEqual(['Date', 'User', 'Customer', 'Category', 'Start', 'Stop', 'Duration (h:mm)', 'Hours (decimal)', 'Note']);
  const index = rows.findIndex((r) => r[8] === NOTE);
  expect(index).toBeGreaterThan(0);
  expect(rows[index]?.slice(1, 4)).toEqual(['Max Manager', 'Acme Ltd', CATEGORY]);
  expect(rows[index]?.[7]).toBe(0.75);
  const noteCell = ws[XLSX.utils.encode_cell({ r: index, c: 8 })] as XLSX.CellObject;
  expect(noteCell.t).toBe('s');
  expect(noteCell.f).toBeUndefined();
  expect(rows.at(-1)?.[0]).toBe('Total');

  // The API agrees with the table's total for the same range.
  const manager = await apiAs(request, USERS.manager);
  const fromValue = await page.getByRole('textbox', { name: 'From', exact: true }).inputValue();
  const toValue = await page.getByRole('textbox', { name: 'To', exact: true }).inputValue();
  const customers = (await (await manager.get('/api/customers?q=Acme')).json()) as { items: Array<{ id: string }> };
  const list = (await (await manager.get(`/api/work-entries?customerId=${customers.items[0]?.id}&from=${fromValue}&to=${toValue}&limit=1`)).json()) as { totalMinutes: number };
  expect(list.totalMinutes).toBe(before + 45);
});

test('a member sees only their own working time for a customer', async ({ page }) => {
  await loginAs(page, USERS.alice);
  await page.getByRole('banner').getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByRole('button', { name: 'New customer' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Globex GmbH' }).click();
  const table = page.getByRole('table', { name: 'Working time for Globex GmbH' });
  await expect(table).toBeVisible();
  await expect(page.getByText('Your own entries for Globex GmbH.')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'User' })).toHaveCount(0);
  // From the first of last month: the demo data has entries there whatever today is.
  const [y, m] = berlin().date.split('-').map(Number) as [number, number];
  const lastMonth = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
  await page.getByRole('textbox', { name: 'From', exact: true }).fill(lastMonth);
  await expect(table.locator('tbody th').first()).toBeVisible();
  await expect(table.locator('tfoot')).toContainText('Total Time');
  // Waited for, not read once: the rows of the range before stay on screen until the new ones arrive.
  await expect(table.locator('tbody th')).not.toHaveCount(0);
  await expect(table.locator('tbody th').filter({ hasNotText: /^Alice Example$/ })).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}/customer-working-time-member.png` });
});
