import { expect, type APIRequestContext, type Page } from '@playwright/test';

export const PASSWORD = 'workdiary';
export const USERS = {
  admin: 'admin@example.com',
  manager: 'manager@example.com',
  alice: 'alice@example.com',
  bob: 'bob@example.com',
} as const;

export const SCREENSHOTS = 'e2e/output/screenshots';

/** Signs in through the login page, as a person would. */
export async function loginAs(page: Page, email: string, password = PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: /sign in|log in/i }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** A bearer-token API client for setting up and cleaning up state around a journey. */
export async function apiAs(request: APIRequestContext, email: string, password = PASSWORD) {
  const res = await request.post('/api/auth/login', { data: { email, password } });
  expect(res.status()).toBe(200);
  const { token, user } = (await res.json()) as { token: string; user: { id: string } };
  const headers = { authorization: `Bearer ${token}` };
  return {
    user,
    get: (url: string) => request.get(url, { headers }),
    post: (url: string, data?: unknown) => request.post(url, { headers, data: data ?? {} }),
    put: (url: string, data?: unknown) => request.put(url, { headers, data: data ?? {} }),
    patch: (url: string, data?: unknown) => request.patch(url, { headers, data: data ?? {} }),
    delete: (url: string) => request.delete(url, { headers }),
  };
}
