import { expect, loginAs, SCREENSHOTS, test, USERS } from './fixtures';

test('a manager signs in through the page and sees the header', async ({ page }) => {
  await loginAs(page, USERS.manager);
  const header = page.getByRole('banner');
  await expect(header).toContainText('Demo Company');
  await expect(header).toContainText('Max Manager');
  await expect(header.getByRole('link', { name: 'Customers' })).toBeVisible();
  await expect(header.getByRole('link', { name: 'Work diary' })).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/shell-header.png` });
});

test('a wrong password shows the server message and stays on the login page', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(USERS.alice);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: /sign in|log in/i }).click();
  await expect(page.getByText('Email or password is wrong.')).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});
