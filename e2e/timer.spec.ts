import fs from 'node:fs';
import { type APIRequestContext, type Page } from '@playwright/test';
import { apiAs, expect, loginAs, SCREENSHOTS, test, USERS } from './fixtures';

// The live customer timer: header Start Work → counter → reload → second page → Stop work → Note
// → Stop → the entry on the customer's page; then the customer page's At work button and a stop
// the work rules refuse. Every test leaves alice without a running timer and with her old rules.

const stamp = Date.now().toString(36);
const NOTE = `Timer e2e ${stamp}: fixed the printer`;

/** Discards alice's running timer, if any (a 409 means none runs). */
async function discardAliceTimer(request: APIRequestContext) {
  const alice = await apiAs(request, USERS.alice);
  const res = await alice.delete('/api/timer');
  expect([204, 409]).toContain(res.status());
}

const counterOf = (page: Page) => page.getByRole('banner').getByRole('timer', { name: 'Entry Time' });
const seconds = (hms: string) => hms.split(':').map(Number).reduce((acc, n) => acc * 60 + n, 0);

/** The counter's seconds, once it shows a running time (waited for, not read at once). */
async function readCounter(page: Page): Promise<number> {
  await expect(counterOf(page)).toHaveText(/^\d{2,}:\d{2}:\d{2}$/);
  return seconds((await counterOf(page).textContent()) ?? '');
}

test.beforeAll(async ({ request }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const admin = await apiAs(request, USERS.admin);
  // The Client Timer module must be on (another journey may have switched it).
  expect((await admin.put('/api/settings/modules', { clientTimer: true })).status()).toBe(200);
  await discardAliceTimer(request);
});

test.afterAll(async ({ request }) => {
  await discardAliceTimer(request);
  // The entries these journeys saved (their notes carry this run's stamp).
  const alice = await apiAs(request, USERS.alice);
  const res = await alice.get(`/api/work-entries?userId=${alice.user.id}&from=${new Date(Date.now() - 2 * 86_400_000).toISOString()}&limit=500`);
  expect(res.status()).toBe(200);
  const { items } = (await res.json()) as { items: Array<{ id: string; note: string }> };
  const made = items.filter((e) => e.note.includes(stamp));
  for (const entry of made) {
    expect((await alice.delete(`/api/work-entries/${entry.id}`)).status()).toBe(204);
  }
});

test('alice starts work in the header, it survives a reload and shows on a second page, then she stops it with a note', async ({ page, context, request }) => {
  await loginAs(page, USERS.alice);
  const header = page.getByRole('banner');
  await header.getByRole('button', { name: 'Start Work' }).click();

  const dialog = page.getByRole('dialog', { name: 'Customer Timer' });
  await expect(dialog).toBeVisible();
  const customer = dialog.getByRole('combobox', { name: /Customer/ });
  await customer.fill('acm');
  await dialog.getByRole('option', { name: /Acme Ltd/ }).click();
  await expect(customer).toHaveValue('Acme Ltd');
  await dialog.getByRole('combobox', { name: /Category/ }).selectOption({ label: 'Regular Hours' });
  await page.screenshot({ path: `${SCREENSHOTS}/timer-start-modal.png` });
  await dialog.getByRole('button', { name: 'Submit' }).click();
  await expect(dialog).toBeHidden();

  // Red Stop work and a ticking Entry Time counter; the tab title shows the running time.
  const stopWork = header.getByRole('button', { name: 'Stop work' });
  await expect(stopWork).toBeVisible();
  await expect(stopWork).toHaveClass(/btn--danger/);
  await expect(header).toContainText('Acme Ltd');
  const first = await readCounter(page);
  await expect.poll(() => readCounter(page), { timeout: 5_000 }).toBeGreaterThan(first);
  await expect(page).toHaveTitle(/^▶ \d{2}:\d{2}:\d{2} · /);
  await page.screenshot({ path: `${SCREENSHOTS}/timer-running-header.png` });

  // A reload keeps it: the server holds the timer, the counter continues from the server's start.
  const beforeReload = await readCounter(page);
  await page.reload();
  await expect(header.getByRole('button', { name: 'Stop work' })).toBeVisible();
  await expect.poll(() => readCounter(page)).toBeGreaterThanOrEqual(beforeReload);

  // A second page (another tab) shows the same timer.
  const second = await context.newPage();
  await second.goto('/customers');
  const secondHeader = second.getByRole('banner');
  await expect(secondHeader.getByRole('button', { name: 'Stop work' })).toBeVisible();
  await expect(secondHeader).toContainText('Acme Ltd');
  // Two reads a moment apart on a busy machine: wait until they agree rather than read once.
  await expect.poll(async () => Math.abs((await readCounter(page)) - (await readCounter(second)))).toBeLessThanOrEqual(1);

  // Stop work → Note → Stop.
  await header.getByRole('button', { name: 'Stop work' }).click();
  const note = page.getByRole('dialog', { name: 'Note' });
  await expect(note).toBeVisible();
  await note.getByRole('textbox', { name: 'Note' }).fill(NOTE);
  await page.screenshot({ path: `${SCREENSHOTS}/timer-note-modal.png` });
  await note.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(note).toBeHidden();
  await expect(page.getByText(/^Saved \d{2}:\d{2}:\d{2} for Acme Ltd\.$/)).toBeVisible();
  await expect(header.getByRole('button', { name: 'Start Work' })).toBeVisible();
  await expect(page).not.toHaveTitle(/^▶/);

  // The other tab learns it from the live event stream, without a reload.
  await expect(secondHeader.getByRole('button', { name: 'Start Work' })).toBeVisible({ timeout: 5_000 });
  await second.close();

  // The entry is listed on the customer's page (Working Time), with the note.
  await header.getByRole('link', { name: 'Customers' }).click();
  await page.getByRole('link', { name: 'Acme Ltd' }).click();
  await expect(page.getByRole('heading', { name: 'Acme Ltd', level: 1 })).toBeVisible();
  const table = page.getByRole('table', { name: 'Working time for Acme Ltd' });
  const row = table.getByRole('row').filter({ hasText: NOTE });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Regular Hours');
  await expect(page.getByText(/^Saved /)).toBeHidden({ timeout: 10_000 });
  await page.screenshot({ path: `${SCREENSHOTS}/timer-entry-on-customer-page.png`, fullPage: true });

  // The server agrees: one stopped TIMER entry with that note.
  const alice = await apiAs(request, USERS.alice);
  const timer = (await (await alice.get('/api/timer')).json()) as { running: unknown };
  expect(timer.running).toBeNull();
});

test("the customer page's At work button runs the same timer as the header, and a refused stop can be kept running or discarded", async ({ page, request }) => {
  const admin = await apiAs(request, USERS.admin);
  const alice = await apiAs(request, USERS.alice);
  const aliceId = alice.user.id;
  const ownRules = (await (await admin.get(`/api/settings/work-rules/${aliceId}`)).json()) as Record<string, unknown> & { inherited: boolean };
  try {
    await loginAs(page, USERS.alice);
    await page.getByRole('banner').getByRole('link', { name: 'Customers' }).click();
    await page.getByRole('link', { name: 'Globex GmbH' }).click();
    await expect(page.getByRole('heading', { name: 'Globex GmbH', level: 1 })).toBeVisible();
    const panel = page.getByRole('region', { name: 'At work' });
    await expect(panel.getByText('Nobody is working for this customer right now.')).toBeVisible();

    await panel.getByRole('button', { name: 'At work' }).click();
    const dialog = page.getByRole('dialog', { name: 'Customer Timer' });
    await expect(dialog).toContainText('Globex GmbH');
    await dialog.getByRole('combobox', { name: /Category/ }).selectOption({ label: 'Support' });
    await dialog.getByRole('button', { name: 'Submit' }).click();

    // One timer, two controls: the panel's red Stop work, the header clock, the live badge.
    await expect(panel.getByRole('button', { name: 'Stop work' })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('button', { name: 'Stop work' })).toBeVisible();
    await expect(page.getByRole('banner')).toContainText('Globex GmbH');
    await expect(panel.getByText('At Work', { exact: true })).toBeVisible();
    await expect(panel.getByRole('list', { name: 'Working for this customer now' })).toContainText('Alice');
    await page.screenshot({ path: `${SCREENSHOTS}/timer-customer-page-at-work.png`, fullPage: true });

    // Now a note is required: the stop is refused with the rule's message and three choices.
    const strict = { ...ownRules, noteRequired: true };
    delete (strict as Record<string, unknown>).userId;
    delete (strict as Record<string, unknown>).inherited;
    delete (strict as Record<string, unknown>).updatedAt;
    expect((await admin.put(`/api/settings/work-rules/${aliceId}`, strict)).status()).toBe(200);

    await panel.getByRole('button', { name: 'Stop work' }).click();
    const note = page.getByRole('dialog', { name: 'Note' });
    await note.getByRole('button', { name: 'Stop', exact: true }).click();
    // Marked required before the stop; one message under the field, and the choices.
    await expect(note.getByRole('textbox', { name: 'Note' })).toHaveAttribute('aria-invalid', 'true');
    await expect(note.getByText('Add a note to stop the timer.')).toHaveCount(1);
    const refusal = note.getByRole('group', { name: 'What now?' });
    await page.screenshot({ path: `${SCREENSHOTS}/timer-stop-refused.png` });

    // Keep the timer running: the dialog closes, the timer still runs.
    await refusal.getByRole('button', { name: 'Keep the timer running' }).click();
    await expect(note).toBeHidden();
    await expect(panel.getByRole('button', { name: 'Stop work' })).toBeVisible();

    // Discard the session: confirm, and nothing is saved.
    await page.getByRole('banner').getByRole('button', { name: 'Stop work' }).click();
    await note.getByRole('button', { name: 'Stop', exact: true }).click();
    await note.getByRole('group', { name: 'What now?' }).getByRole('button', { name: 'Discard the session' }).click();
    const confirm = page.getByRole('dialog', { name: 'Discard this session?' });
    await confirm.getByRole('button', { name: 'Discard session' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(panel.getByRole('button', { name: 'At work' })).toBeVisible();
    await expect(page.getByRole('banner').getByRole('button', { name: 'Start Work' })).toBeVisible();
    await expect(panel.getByText('Nobody is working for this customer right now.')).toBeVisible();
  } finally {
    if (ownRules.inherited) await admin.delete(`/api/settings/work-rules/${aliceId}`);
    else {
      const { userId: _u, inherited: _i, updatedAt: _d, ...rules } = ownRules;
      await admin.put(`/api/settings/work-rules/${aliceId}`, rules);
    }
  }
});

test('switching the Client Timer module off removes the header timer live; a running timer stays stoppable', async ({ page, request }) => {
  const admin = await apiAs(request, USERS.admin);
  const alice = await apiAs(request, USERS.alice);
  try {
    await loginAs(page, USERS.alice);
    const header = page.getByRole('banner');
    await expect(header.getByRole('button', { name: 'Start Work' })).toBeVisible();

    // Off: the open page loses Start Work through the live event stream, and start answers 403.
    expect((await admin.put('/api/settings/modules', { clientTimer: false })).status()).toBe(200);
    await expect(header.getByRole('button', { name: 'Start Work' })).toBeHidden({ timeout: 5_000 });
    const customers = (await (await alice.get('/api/customers?q=Initech')).json()) as { items: Array<{ id: string }> };
    const categories = (await (await alice.get('/api/categories')).json()) as { items: Array<{ id: string }> };
    const body = { customerId: customers.items[0]?.id, categoryId: categories.items[0]?.id };
    const refused = await alice.post('/api/timer/start', body);
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('MODULE_DISABLED');

    // A timer started before the switch still shows in the header and stops.
    expect((await admin.put('/api/settings/modules', { clientTimer: true })).status()).toBe(200);
    expect((await alice.post('/api/timer/start', body)).status()).toBe(201);
    expect((await admin.put('/api/settings/modules', { clientTimer: false })).status()).toBe(200);
    await page.reload();
    await header.getByRole('button', { name: 'Stop work' }).click();
    const note = page.getByRole('dialog', { name: 'Note' });
    await note.getByRole('textbox', { name: 'Note' }).fill(`Module off ${stamp}`);
    await note.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect(note).toBeHidden();
    await expect(header.getByRole('button', { name: 'Stop work' })).toBeHidden();
    await expect(header.getByRole('button', { name: 'Start Work' })).toBeHidden();
  } finally {
    await admin.put('/api/settings/modules', { clientTimer: true });
  }
});
