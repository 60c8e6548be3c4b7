import fs from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { apiAs, demoIds, expect, expectAccessible, lastMonth, loginAs, noHorizontalScroll, SCREENSHOTS, test, USERS } from './fixtures';

// Every main screen of an admin in both languages, at phone and desktop width: no sideways page
// scroll on a phone, axe on each page, the screenshots of issue 14. These journeys only read, so
// they run in a project of their own ("screens", e2e/playwright.config.ts) against a second
// server on a fresh demo database, beside the other journeys instead of after them.

test.beforeAll(() => {
  fs.mkdirSync(`${SCREENSHOTS}/en`, { recursive: true });
  fs.mkdirSync(`${SCREENSHOTS}/de`, { recursive: true });
});

/** The main screens of an admin. */
async function mainScreens(request: APIRequestContext) {
  const admin = await apiAs(request, USERS.admin);
  const { acme } = await demoIds(request);
  return [
    { name: 'customers', path: '/customers' },
    { name: 'customer', path: `/customers/${acme.id}` },
    { name: 'diary', path: '/diary' },
    { name: 'my-month', path: `/diary/${admin.user.id}` },
    { name: 'settings', path: '/settings' },
    { name: 'users', path: '/users' },
    { name: 'at-work', path: '/at-work' },
    { name: 'organisation', path: '/settings/organization' },
    { name: 'profile', path: '/profile' },
  ];
}

for (const [language, width] of [['en', 390], ['de', 390], ['en', 1280], ['de', 1280]] as const) {
  test(`every main page at ${width} px${width === 390 ? '×844 without horizontal page scroll' : ''}, axe and screenshots (${language})`, async ({ page, request }) => {
    // A hang guard: with two busy loops beside the suite the English phone tour took over 4 minutes.
    test.setTimeout(480_000);
    const screens = await mainScreens(request);
    await loginAs(page, USERS.admin, undefined, { locale: language === 'en' ? 'en-GB' : null });
    try {
      await page.setViewportSize(width === 390 ? { width: 390, height: 844 } : { width: 1280, height: 900 });
      for (const screen of screens) {
        await page.goto(screen.path);
        await expect(page.locator('main h1').first()).toBeVisible();
        await page.waitForLoadState('networkidle');
        if (width === 390) expect(await noHorizontalScroll(page), `${screen.path} scrolls sideways at 390 px`).toBe(true);
        await page.screenshot({ path: `${SCREENSHOTS}/${language}/${screen.name}-${width === 390 ? 'phone' : 'wide'}.png`, fullPage: true });
        await expectAccessible(page);
      }
      if (width !== 390) return;
      // A day of the month on a phone: the dialog fits the screen, Close/Edit/Delete reachable.
      await page.goto(`${screens.find((s) => s.name === 'my-month')!.path}?month=${lastMonth()}`);
      // On a phone My month is a list in weeks (month-week-list.tsx), not the days table.
      await page.locator('.diary-weeks__open').nth(1).click();
      const dialog = page.getByRole('dialog');
      await expect(dialog).toBeVisible();
      const box = await dialog.boundingBox();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      await expect(dialog.getByRole('button', { name: language === 'en' ? 'Close' : 'Schließen' }).first()).toBeInViewport();
      expect(await noHorizontalScroll(page)).toBe(true);
      await page.screenshot({ path: `${SCREENSHOTS}/${language}/day-modal-phone.png` });
      await expectAccessible(page);
    } finally {
      const admin = await apiAs(request, USERS.admin);
      await admin.patch('/api/me', { locale: 'en-GB' });
    }
  });
}
