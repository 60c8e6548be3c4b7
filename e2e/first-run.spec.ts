import { expect, SCREENSHOTS, test } from './fixtures';

// Runs against its own server on an empty database with SEED_DEMO=false (see playwright.config.ts).
test('empty database: any page leads to setup, which creates the organisation and its admin once', async ({ page, request }) => {
  expect(await (await request.get('/api/setup')).json()).toEqual({ needed: true });
  await page.goto('/customers');
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel('Organisation name').fill('Acme Ltd');
  await page.getByLabel('Time zone').fill('Europe/Vienna');
  await page.getByLabel('Currency').selectOption('CHF');
  await page.getByLabel('Your name').fill('Jane Admin');
  await page.getByLabel('Email').fill('jane@acme.example');
  await page.getByLabel(/^Password/).fill('jane-password-1');
  await page.getByLabel('Repeat password').fill('jane-password-1');
  await page.screenshot({ path: `${SCREENSHOTS}/first-run-setup.png`, fullPage: true });
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await expect(page.getByRole('banner')).toContainText('Acme Ltd');
  await expect(page.getByRole('banner')).toContainText('Jane Admin');
  await page.goto('/users');
  await expect(page.getByRole('rowheader', { name: /Jane Admin/ })).toBeVisible();
  expect(await (await request.get('/api/setup')).json()).toEqual({ needed: false });
  // Never again: the page says so and the API refuses a second organisation.
  await page.goto('/setup');
  await expect(page.getByRole('heading', { name: 'Workdiary is set up' })).toBeVisible();
  const again = await request.post('/api/setup', {
    data: { organization: { name: 'Evil', timeZone: 'UTC', currency: 'EUR' }, admin: { name: 'Eve', email: 'eve@evil.example', password: 'eve-password-1' } },
  });
  expect(again.status()).toBe(409);
  expect((await again.json()).error.code).toBe('SETUP_ALREADY_DONE');
});
