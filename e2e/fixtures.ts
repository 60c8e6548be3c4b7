import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';

export { expect };

export const PASSWORD = 'workdiary';
export const USERS = {
  admin: 'admin@example.com',
  manager: 'manager@example.com',
  alice: 'alice@example.com',
  bob: 'bob@example.com',
} as const;

export const SCREENSHOTS = 'e2e/output/screenshots';

/**
 * Signs in through the login page, as a person would. The demo organisation is German (de-DE);
 * the journeys read English labels, so the user's own language is set to English first unless
 * `locale` says otherwise (`null`: follow the organisation).
 */
export async function loginAs(page: Page, email: string, password = PASSWORD, { locale = 'en-GB' }: { locale?: string | null } = {}) {
  const api = await apiAs(page.request, email, password);
  expect((await api.patch('/api/me', { locale })).status()).toBe(200);
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

/** axe-core on the page as it is now: any serious or critical violation fails the journey. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) on ${page.url()}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(bad, 'serious or critical accessibility violations').toEqual([]);
}

/**
 * Every journey: after it passed, each page it visited is opened again and checked with axe-core
 * (the pages as a signed-in user sees them at the end of the journey).
 */
export const test = base.extend<{ axeVisited: void }>({
  axeVisited: [async ({ page }, use, testInfo) => {
    const visited = new Set<string>();
    page.on('framenavigated', (frame) => {
      if (frame !== page.mainFrame()) return;
      const url = new URL(frame.url());
      if (url.protocol.startsWith('http')) visited.add(`${url.pathname}${url.search}`);
    });
    await use();
    if (testInfo.status !== testInfo.expectedStatus || visited.size === 0) return;
    for (const path of [...visited].slice(0, 12)) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      await expectAccessible(page);
    }
  }, { auto: true }],
});

/** This month (YYYY-MM) in the demo organisation's zone. */
export function thisMonth(timeZone = 'Europe/Berlin'): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(new Date()).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}`;
}

/**
 * Brings a month page (the Work diary, My month) to `month` with its Previous/Next buttons. The
 * page may move by itself once after loading (an empty current month opens the previous one), so
 * this reads where it is and steps until the URL names `month`, instead of counting clicks.
 */
export async function showMonth(page: Page, month: string) {
  await expect(async () => {
    const shown = new URL(page.url()).searchParams.get('month') ?? thisMonth();
    if (shown > month) await page.getByRole('button', { name: 'Previous month' }).click();
    else if (shown < month) await page.getByRole('button', { name: 'Next month' }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]month=${month}$`), { timeout: 1_500 });
  }).toPass({ timeout: 30_000 });
}

/** The ids the journeys use: two customers and a category alice can book on. */
export async function demoIds(request: APIRequestContext) {
  const alice = await apiAs(request, USERS.alice);
  const customers = (await (await alice.get('/api/customers?limit=50')).json()) as { items: Array<{ id: string; name: string }> };
  const categories = (await (await alice.get('/api/categories')).json()) as { items: Array<{ id: string; name: string; archived: boolean }> };
  const byName = (name: string) => customers.items.find((c) => c.name === name)!;
  return { alice, acme: byName('Acme Ltd'), globex: byName('Globex GmbH'), category: categories.items.find((c) => !c.archived)! };
}

/** 'YYYY-MM' of the month before this one (Berlin), where the demo data surely has sessions. */
export function lastMonth(): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit' }).format(new Date()).split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export const noHorizontalScroll = async (page: Page) => (await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')) === true;
