import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Browser, type Page } from '@playwright/test';

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
  signedInAs.set(page, email);
}

/** Who signed in on a page through `loginAs` (the axe check's key: what a page shows depends on the role). */
const signedInAs = new WeakMap<Page, string>();
const ROLE_OF: Record<string, string> = { [USERS.admin]: 'admin', [USERS.manager]: 'manager', [USERS.alice]: 'member', [USERS.bob]: 'member' };

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

/**
 * axe-core on the page as it is now: any serious or critical violation fails the journey. Legacy
 * mode runs `axe.run` in the page itself; the default runs it per frame and then opens a blank
 * page, injects axe (~500 KB) into it a second time and merges there, which doubled the cost of
 * each check. Our pages have no frames, which is all the default adds.
 */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).setLegacyMode(true).options({ resultTypes: ['violations'] }).analyze();
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) on ${page.url()}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  expect(bad, 'serious or critical accessibility violations').toEqual([]);
  const url = new URL(page.url());
  axeChecked.add(axeKey(`${url.pathname}${url.search}`, whoIsOn(page), await languageOf(page)));
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
/**
 * What makes a page a different page for axe: its route (ids replaced), the query's keys (not
 * their values), who is signed in (by role; the sign-in page is everyone's) and the page's
 * language. `/diary?month=2026-10` and `?month=2026-11` are one page; a member's and a manager's
 * `/diary` are two.
 */
function axeKey(path: string, who: string, language: string): string {
  const url = new URL(path, 'http://x');
  const route = url.pathname.replace(UUID, ':id');
  const keys = [...url.searchParams.keys()].sort().join('&');
  return `${language} ${route === '/login' ? 'anyone' : who} ${route}${keys ? `?${keys}` : ''}`;
}

const whoIsOn = (page: Page) => {
  const email = signedInAs.get(page);
  return email ? ROLE_OF[email] ?? email : 'anyone';
};
const languageOf = async (page: Page) => String(await page.evaluate('document.documentElement.lang').catch(() => '')) || 'unknown';

/**
 * The pages this worker already checked with axe, explicitly (expectAccessible) or after a journey
 * (a project's journeys share one worker: playwright.config.ts). After a journey, each page it
 * visited is checked unless it is in here: checked again after every journey, /login, /customers
 * and /diary were each checked some twenty times, which was two thirds of a journey's time (an axe
 * run takes 0.5 to 3 s of Chromium's CPU), and the screen tour checked every page twice.
 */
const axeChecked = new Set<string>();

/**
 * Every journey: after it passed, each page it visited that this worker has not checked yet
 * (axeChecked) is opened again and checked with axe-core (as the signed-in user sees it at the end of
 * the journey, in the page's language then).
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
    const who = whoIsOn(page);
    const language = await languageOf(page);
    for (const path of visited) {
      if (axeChecked.has(axeKey(path, who, language))) continue;
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

/**
 * A new browser context in German (de-DE) signed in through the German sign-in page; the person
 * follows the organisation's language (their own choice is cleared first).
 */
export async function signedInGerman(browser: Browser, email: string) {
  const context = await browser.newContext({ locale: 'de-DE', acceptDownloads: true });
  const page = await context.newPage();
  expect((await (await apiAs(page.request, email)).patch('/api/me', { locale: null })).status()).toBe(200);
  await page.goto('/login');
  await page.getByLabel('E-Mail').fill(email);
  await page.getByLabel('Passwort').fill(PASSWORD);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'de-DE');
  return { context, page };
}
