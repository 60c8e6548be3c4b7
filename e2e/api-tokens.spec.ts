import { apiAs, expect, expectAccessible, loginAs, SCREENSHOTS, test, USERS } from './fixtures';

// Issue 28, personal API tokens and the calendar link, on Alice's profile: she creates a token
// (shown once), a script uses it as Bearer, she revokes it after a confirmation and the script
// gets 401; she makes a calendar link, a calendar app reads it without signing in (holidays of
// the demo organisation), and she turns it off (404). The profile is checked at 390 px. Nothing
// is left behind: the token is revoked, the link turned off.

test('a token acts as Alice until she revokes it; her calendar link reads without sign-in until turned off', async ({ page, request }) => {
  await loginAs(page, USERS.alice);
  await page.goto('/profile');
  const tokensCard = page.locator('.card').filter({ has: page.getByRole('heading', { name: 'API tokens' }) });
  await expect(tokensCard.getByText('No API tokens').or(tokensCard.getByRole('list', { name: 'API tokens' }))).toBeVisible();

  await tokensCard.getByLabel('Token name').fill('E2E script');
  await tokensCard.getByLabel('Expires').selectOption({ label: 'In 30 days' });
  await tokensCard.getByRole('button', { name: 'Create token' }).click();
  const secret = tokensCard.getByLabel('New token E2E script');
  await expect(secret).toHaveValue(/^wdp_/);
  const token = await secret.inputValue();
  await expect(tokensCard.getByRole('list', { name: 'API tokens' }).getByText('E2E script')).toBeVisible();

  const script = await request.get('/api/me', { headers: { authorization: `Bearer ${token}` } });
  expect(script.status()).toBe(200);
  expect(((await script.json()) as { email: string }).email).toBe(USERS.alice);

  // 390 px: nothing sticks out sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await tokensCard.scrollIntoViewIfNeeded();
  await expect.poll(() => page.evaluate('document.documentElement.scrollWidth <= window.innerWidth + 1')).toBe(true);
  await page.screenshot({ path: `${SCREENSHOTS}/api-tokens-390.png` });
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectAccessible(page);

  await tokensCard.getByRole('button', { name: 'Done' }).click();
  await tokensCard.getByRole('button', { name: 'Revoke token E2E script' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke this token?' });
  await dialog.getByRole('button', { name: 'Revoke' }).click();
  await expect(dialog).toBeHidden();
  await expect(tokensCard.getByText('E2E script')).toBeHidden();
  expect((await request.get('/api/me', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);

  const feedCard = page.locator('.card').filter({ has: page.getByRole('heading', { name: 'Calendar link' }) });
  await feedCard.getByRole('button', { name: 'Create calendar link' }).click();
  const link = feedCard.getByLabel('Calendar link');
  await expect(link).toHaveValue(/\/api\/calendar\/wdc_[\w-]+\.ics$/);
  const url = new URL(await link.inputValue());
  await page.screenshot({ path: `${SCREENSHOTS}/calendar-link-1280.png`, fullPage: true });
  const feed = await request.get(url.pathname, { headers: { cookie: '' } });
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  const ics = await feed.text();
  expect(ics).toContain('BEGIN:VCALENDAR');
  expect(ics).toMatch(/SUMMARY:Christmas Day/);

  await feedCard.getByRole('button', { name: 'Turn off' }).click();
  await page.getByRole('dialog', { name: 'Turn the calendar link off?' }).getByRole('button', { name: 'Turn off' }).click();
  await expect(feedCard.getByText('No calendar link')).toBeVisible();
  expect((await request.get(url.pathname)).status()).toBe(404);
});

test.afterAll(async ({ request }) => {
  // Whatever a failed run left: Alice's E2E tokens revoked, her calendar link off.
  const alice = await apiAs(request, USERS.alice);
  const { items } = (await (await alice.get('/api/me/tokens')).json()) as { items: Array<{ id: string; name: string }> };
  for (const t of items.filter((i) => i.name === 'E2E script')) await alice.delete(`/api/me/tokens/${t.id}`);
  await alice.delete('/api/me/calendar-feed');
});
