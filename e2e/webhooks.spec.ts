import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiAs, demoIds, expect, expectAccessible, loginAs, noHorizontalScroll, SCREENSHOTS, test, USERS } from './fixtures';

// Issue 28, webhooks: the admin adds one under Settings → Webhooks pointing at a receiver in this
// test (private targets are allowed outside production), copies the secret shown once, Bob's timer
// start and discard reach the receiver signed with it (the server's own worker), the delivery log
// says Delivered, a test event follows; the screen is checked at 390 px. Nothing is left behind:
// the timer is discarded and the webhook deleted.

test('an admin adds a webhook; the timer events arrive signed; the log shows them; it is deleted', async ({ page, request }) => {
  const got: Array<{ raw: string; signature: string; type: string }> = [];
  const receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      got.push({ raw, signature: String(req.headers['x-workdiary-signature']), type: (JSON.parse(raw) as { type: string }).type });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/workdiary`;
  try {
    await loginAs(page, USERS.admin);
    await page.goto('/settings');
    await page.getByRole('link', { name: /Webhooks/ }).click();
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
    await expect(page.getByText('No webhooks yet')).toBeVisible();

    const form = page.getByRole('form', { name: 'Add a webhook' });
    await form.getByLabel('Payload URL').fill(url);
    for (const label of ['Timer stopped', 'Entry created', 'Entry changed', 'Month approved', 'Month reopened']) await form.getByLabel(label).uncheck();
    await form.getByRole('button', { name: 'Add webhook' }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    const item = page.locator('.webhook-item').filter({ hasText: url });
    await expect(item.getByText('Active')).toBeVisible();

    // Bob starts and discards a timer: timer.started and entry.deleted, signed with the secret.
    const { acme, category } = await demoIds(request);
    const bob = await apiAs(request, USERS.bob);
    expect((await bob.post('/api/timer/start', { customerId: acme.id, categoryId: category.id })).status()).toBe(201);
    expect((await bob.delete('/api/timer')).status()).toBe(204);
    await expect.poll(() => got.map((g) => g.type), { timeout: 20_000 }).toEqual(['timer.started', 'entry.deleted']);
    for (const g of got) expect(g.signature).toBe(`sha256=${crypto.createHmac('sha256', secret).update(g.raw).digest('hex')}`);
    await page.getByRole('button', { name: 'Done' }).click();

    await item.getByRole('button', { name: 'Deliveries' }).click();
    const log = page.getByRole('region', { name: 'Delivery log' });
    await expect(log.getByText('Delivered')).toHaveCount(2);
    await item.getByRole('button', { name: 'Send test event' }).click();
    await expect.poll(() => got.length, { timeout: 20_000 }).toBe(3);
    await expect(log.getByText('Delivered')).toHaveCount(3, { timeout: 15_000 });

    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => noHorizontalScroll(page)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/webhooks-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SCREENSHOTS}/webhooks.png`, fullPage: true });
    await expectAccessible(page);

    await item.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this webhook?' });
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('No webhooks yet')).toBeVisible();
  } finally {
    await new Promise<void>((resolve) => { receiver.closeAllConnections(); receiver.close(() => resolve()); });
  }
});
