import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { apiAs, demoIds, expect, expectAccessible, noHorizontalScroll, SCREENSHOTS, signedInGerman, test, USERS } from './fixtures';

// Issue 25, defect 5: the German header with a timer running, at 1280, 1024 and 390 px. Measured
// with bounding boxes: no two of brand, organisation, nav items (or the Menu button), timer parts
// and user menu overlap; the user's name is one line; the header is at most two rows; Switch and the
// running customer are in sight on the phone. The manager's timer is started for the journey and
// discarded after it (a timer that already ran is left running).

type Box = { name: string; x: number; y: number; width: number; height: number };

const overlap = (a: Box, b: Box) =>
  Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x) > 0.5 && Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y) > 0.5;

async function boxOf(name: string, locator: Locator): Promise<Box> {
  await expect(locator, `${name} is visible`).toBeVisible();
  const box = await locator.boundingBox();
  expect(box, `${name} has a box`).not.toBeNull();
  return { name, ...box! };
}

/** Every pair of boxes that intersect, as "a × b" (empty: none). */
function overlaps(boxes: Box[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) if (overlap(boxes[i]!, boxes[j]!)) found.push(`${boxes[i]!.name} × ${boxes[j]!.name}`);
  }
  return found;
}

async function headerBoxes(page: Page, phone: boolean): Promise<Box[]> {
  const header = page.getByRole('banner');
  const boxes = [
    await boxOf('brand', header.locator('.brand')),
    await boxOf('organisation', header.locator('.org-name')),
    await boxOf('user menu', header.locator('.user-menu__button')),
    await boxOf('timer clock', header.locator('.header-timer__clock')),
    await boxOf('edit', header.getByRole('button', { name: 'Laufende Sitzung bearbeiten' })),
    await boxOf('Switch', header.getByRole('button', { name: 'Wechseln' })),
    await boxOf('Stop', header.getByRole('button', { name: 'Arbeit beenden' })),
  ];
  if (phone) boxes.push(await boxOf('Menu', header.getByRole('button', { name: 'Menü' })));
  else {
    const links = header.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('link');
    for (const link of await links.all()) boxes.push(await boxOf(`nav “${(await link.textContent())?.trim()}”`, link));
  }
  return boxes;
}

test('the German header with a timer running holds together at 1280, 1024 and 390 px', async ({ browser, request }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const admin = await apiAs(request, USERS.admin);
  expect((await admin.put('/api/settings/modules', { clientTimer: true })).status()).toBe(200);
  const manager = await apiAs(request, USERS.manager);
  const { globex, category } = await demoIds(request);
  const { running } = (await (await manager.get('/api/timer')).json()) as { running: { customer: { name: string } } | null };
  const started = running === null;
  if (started) expect((await manager.post('/api/timer/start', { customerId: globex.id, categoryId: category.id })).status()).toBe(201);
  const customerName = running?.customer.name ?? globex.name;

  const { context, page } = await signedInGerman(browser, USERS.manager);
  try {
    const header = page.getByRole('banner');
    await expect(header.getByRole('button', { name: 'Arbeit beenden' })).toBeVisible();
    const me = (await (await manager.get('/api/me')).json()) as { name: string; organization: { name: string } };

    for (const [width, height, phone] of [[1280, 900, false], [1024, 768, false], [390, 844, true]] as const) {
      await page.setViewportSize({ width, height });
      await expect(header.getByRole('button', { name: 'Menü' })).toBeVisible({ visible: phone });
      const boxes = await headerBoxes(page, phone);
      expect(overlaps(boxes), `overlapping header parts at ${width} px`).toEqual([]);
      // Everything inside the viewport, nothing scrolls sideways.
      for (const box of boxes) {
        expect(box.x, `${box.name} starts inside at ${width} px`).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width, `${box.name} ends inside at ${width} px`).toBeLessThanOrEqual(width);
      }
      expect(await noHorizontalScroll(page), `the page scrolls sideways at ${width} px`).toBe(true);

      // The organisation's name is there (at least its start), and titled with the whole name.
      const org = boxes.find((b) => b.name === 'organisation')!;
      expect(org.width, `organisation name width at ${width} px`).toBeGreaterThan(40);
      await expect(header.locator('.org-name')).toHaveAttribute('title', me.organization.name);

      // The user's name: one line (ellipsis, the whole name in its title) wherever it is shown.
      const name = header.locator('.user-menu__name-text');
      await expect(name).toHaveAttribute('title', me.name);
      if (!phone) {
        const lineHeight = Number(await page.evaluate("parseFloat(getComputedStyle(document.querySelector('.user-menu__name-text')).lineHeight)"));
        expect(lineHeight).toBeGreaterThan(10);
        const nameBox = await boxOf('user name', name);
        expect(nameBox.height, `user name height at ${width} px (one line: ${lineHeight} px)`).toBeLessThanOrEqual(lineHeight * 1.3);
      }

      // At most two rows: ~56 px for the first, ~44 px for the nav's (desktop) or the timer's (phone).
      const headerBox = await boxOf('header', header);
      expect(headerBox.height, `header height at ${width} px`).toBeLessThanOrEqual(phone ? 112 : 116);

      // The running customer is shown whole, and Switch is in sight.
      const label = header.locator('.header-timer__label');
      await expect(header.locator('.header-timer__customer')).toContainText(customerName);
      await expect(header.locator('.header-timer__customer')).toBeInViewport();
      expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth + 1), `the customer is cut off at ${width} px`).toBe(true);
      await expect(header.getByRole('button', { name: 'Wechseln' })).toBeInViewport();
      await page.screenshot({ path: `${SCREENSHOTS}/header-de-${width}.png` });
      if (width === 1280) await expectAccessible(page);
    }

    // On the phone the nav is behind Menü: it opens under the header, Escape closes it, a link navigates and closes it.
    const menu = header.getByRole('button', { name: 'Menü' });
    await menu.click();
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(nav.getByRole('link', { name: 'Abwesenheiten' })).toBeInViewport();
    await page.screenshot({ path: `${SCREENSHOTS}/header-de-390-menu.png` });
    await expectAccessible(page);
    await page.keyboard.press('Escape');
    await expect(nav).toBeHidden();
    await expect(menu).toBeFocused();
    await menu.click();
    await nav.getByRole('link', { name: 'Abwesenheiten' }).click();
    await expect(page).toHaveURL(/\/absences/);
    await expect(nav).toBeHidden();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
  } finally {
    await context.close();
    if (started) expect((await manager.delete('/api/timer')).status()).toBe(204);
  }
});
