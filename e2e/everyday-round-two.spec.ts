import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { apiAs, expect, expectAccessible, loginAs, PASSWORD, SCREENSHOTS, test, USERS } from './fixtures';

// Everyday use, round two (issue 25, defects 7 and 8): absences (the overlap error, a manager's
// sick leave for someone else, the absence-kinds card at 390 and 1280 px) and signing out all
// other devices, German first, English too. Each journey leaves the demo data as it found it.

test.beforeAll(() => {
  fs.mkdirSync(`${SCREENSHOTS}/en`, { recursive: true });
  fs.mkdirSync(`${SCREENSHOTS}/de`, { recursive: true });
});

/** Nothing inside `container` is cut off: every button and field shows its whole content and stays inside. */
async function expectNothingClipped(page: Page, selector: string) {
  const problems = await page.locator(selector).evaluate((root) => {
    const box = root.getBoundingClientRect();
    const bad: string[] = [];
    for (const el of root.querySelectorAll('button, input, select')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      const name = el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName;
      if (el.scrollWidth > el.clientWidth + 1 && el.tagName === 'BUTTON') bad.push(`${name}: text wider than the button`);
      if (r.right > box.right + 1 || r.left < box.left - 1) bad.push(`${name}: outside the card (${Math.round(r.left)}–${Math.round(r.right)} vs ${Math.round(box.left)}–${Math.round(box.right)})`);
    }
    return bad;
  });
  expect(problems).toEqual([]);
}

for (const language of ['de', 'en'] as const) {
  const L = language === 'de'
    ? { kinds: 'Abwesenheitsarten', percent: 'Zählt als gearbeitet (%)', absences: 'Abwesenheiten', person: 'Person', kind: 'Art', first: 'Erster Tag', last: 'Letzter Tag', record: 'Abwesenheit eintragen', request: 'Abwesenheit beantragen', sick: /^Krankheit/, signOutOthers: 'Alle anderen Geräte abmelden', onlyHere: 'Sie sind nur auf diesem Gerät angemeldet.' }
    : { kinds: 'Absence kinds', percent: 'Counts as worked (%)', absences: 'Absences', person: 'Person', kind: 'Kind', first: 'First day', last: 'Last day', record: 'Record absence', request: 'Request absence', sick: /^Krankheit/, signOutOthers: 'Sign out all other devices', onlyHere: 'You are signed in on this device only.' };
  const locale = language === 'de' ? null : 'en-GB';

  test.describe(`${language}`, () => {
    test(`the absence-kinds card shows its buttons and 100 % whole at 1280 and 390 px (${language})`, async ({ page }) => {
      await loginAs(page, USERS.admin, PASSWORD, { locale });
      try {
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto('/settings');
          const card = page.locator('.settings-card', { has: page.getByRole('heading', { name: L.kinds }) });
          await expect(card.getByRole('table')).toBeVisible();
          await card.getByLabel(L.percent).fill('100');
          await expect(card.getByLabel(L.percent)).toHaveValue('100');
          // The field is wide enough for "100" (three digits and the spinner).
          const field = await card.getByLabel(L.percent).boundingBox();
          expect(field!.width).toBeGreaterThanOrEqual(72);
          await card.scrollIntoViewIfNeeded();
          await expectNothingClipped(page, `.settings-card:has(h2:text-is("${L.kinds}"))`);
          await card.screenshot({ path: `${SCREENSHOTS}/${language}/absence-kinds-${width}.png` });
        }
        await expectAccessible(page);
      } finally {
        await apiAs(page.request, USERS.admin).then((a) => a.patch('/api/me', { locale: 'en-GB' }));
      }
    });

    test(`a manager records sick leave for Bob; the same days again are refused in a styled alert (${language})`, async ({ page }) => {
      const manager = await apiAs(page.request, USERS.manager);
      const bob = await apiAs(page.request, USERS.bob);
      const created: string[] = [];
      await loginAs(page, USERS.manager, PASSWORD, { locale });
      try {
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto('/absences?from=2027-03-01&to=2027-03-31');
          await expect(page.getByRole('heading', { level: 1, name: L.absences })).toBeVisible();
          const person = page.getByLabel(L.person);
          await expect(person.getByRole('option', { name: 'Bob Example' })).toBeAttached();
          await person.selectOption({ label: 'Bob Example' });
          await page.getByLabel(L.kind).selectOption({ label: (await page.getByLabel(L.kind).locator('option', { hasText: L.sick }).first().textContent()) ?? '' });
          await page.getByLabel(L.first).fill('2027-03-08');
          await page.getByLabel(L.last).fill('2027-03-09');
          const save = page.getByRole('button', { name: L.record });
          if (width === 1280) {
            await save.click();
            await expect.poll(async () => {
              const list = await (await manager.get(`/api/absences?from=2027-03-01&to=2027-03-31&userId=${bob.user.id}`)).json() as { items: Array<{ id: string; userId: string }> };
              return list.items.filter((a) => a.userId === bob.user.id).map((a) => a.id);
            }).toHaveLength(1);
            const list = await (await manager.get(`/api/absences?from=2027-03-01&to=2027-03-31&userId=${bob.user.id}`)).json() as { items: Array<{ id: string; userId: string }> };
            created.push(...list.items.filter((a) => a.userId === bob.user.id).map((a) => a.id));
            await page.screenshot({ path: `${SCREENSHOTS}/${language}/absence-recorded-${width}.png`, fullPage: true });
            // The same days again: ABSENCE_OVERLAP, shown as a form alert.
            await page.getByLabel(L.first).fill('2027-03-08');
            await page.getByLabel(L.last).fill('2027-03-09');
            await save.click();
          } else {
            await save.click();
          }
          const alert = page.locator('.absence-form [role="alert"]');
          await expect(alert).toBeVisible();
          await expect(alert).toHaveClass(/form-alert/);
          await page.screenshot({ path: `${SCREENSHOTS}/${language}/absence-overlap-${width}.png`, fullPage: true });
        }
        await expectAccessible(page);
      } finally {
        for (const id of created) expect((await manager.delete(`/api/absences/${id}`)).status()).toBe(204);
        await manager.patch('/api/me', { locale: 'en-GB' });
      }
    });

    test(`signs out all other devices with one button (${language})`, async ({ page }) => {
      // Alice is signed in elsewhere three times (by the API), then once here.
      for (let i = 0; i < 3; i += 1) await apiAs(page.request, USERS.alice);
      await loginAs(page, USERS.alice, PASSWORD, { locale });
      try {
        for (const width of [1280, 390]) {
          await page.setViewportSize({ width, height: 900 });
          await page.goto('/profile');
          if (width === 1280) {
            await expect(page.getByRole('button', { name: L.signOutOthers })).toBeVisible();
            await page.screenshot({ path: `${SCREENSHOTS}/${language}/sessions-before-${width}.png`, fullPage: true });
            await page.getByRole('button', { name: L.signOutOthers }).click();
          }
          await expect(page.getByText(L.onlyHere)).toBeVisible();
          await expect(page.getByRole('list', { name: language === 'de' ? 'Aktive Sitzungen' : 'Active sessions' }).getByRole('listitem')).toHaveCount(1);
          await page.screenshot({ path: `${SCREENSHOTS}/${language}/sessions-after-${width}.png`, fullPage: true });
        }
        await expectAccessible(page);
      } finally {
        await apiAs(page.request, USERS.alice).then((a) => a.patch('/api/me', { locale: 'en-GB' }));
      }
    });
  });
}
