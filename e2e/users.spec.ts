import { type Page } from '@playwright/test';
import { apiAs, expect, loginAs, SCREENSHOTS, test, USERS } from './fixtures';

type Entry = { id: string; userId: string; note: string; stoppedAt: string | null; customer: { name: string } };
type AuditEvent = { action: string; actor: { id: string; name: string } };

async function json<T>(res: { status(): number; json(): Promise<unknown>; text(): Promise<string> }, status: number): Promise<T> {
  if (res.status() !== status) throw new Error(`expected ${status}, got ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function logOut(page: Page) {
  await page.getByRole('banner').locator('.user-menu__button').click();
  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login/);
}

test('admin adds an hourly user, who starts a timer; the admin sees and stops it in At work now', async ({ page, request }) => {
  const admin = await apiAs(request, USERS.admin);
  const stamp = Date.now().toString(36);
  const name = `Nina E2E ${stamp}`;
  const email = `nina-${stamp}@example.com`;
  const password = 'nina-password-1';
  let userId: string | null = null;
  let entryId: string | null = null;
  try {
    // 1. The admin adds her on the Users page with an hourly rate.
    await loginAs(page, USERS.admin);
    await page.getByRole('banner').getByRole('link', { name: 'Users' }).click();
    await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
    await expect(page.getByRole('rowheader', { name: /Ada Admin/ })).toBeVisible();
    await page.getByRole('button', { name: 'Add user' }).click();
    const modal = page.getByRole('dialog', { name: 'Add user' });
    await modal.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await modal.getByRole('textbox', { name: 'Email', exact: true }).fill(email.toUpperCase());
    await modal.getByLabel('Hourly rate').fill('22.50');
    await modal.getByLabel('Overtime factor').fill('1.5');
    await modal.getByRole('textbox', { name: 'Initial password', exact: true }).fill(password);
    await page.screenshot({ path: `${SCREENSHOTS}/users-add-modal.png` });
    await modal.getByRole('button', { name: 'Add user' }).click();
    await expect(modal).toHaveCount(0);
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    await expect(row).toContainText(email);
    await expect(row).toContainText('€22.50 / hour');
    await expect(row).toContainText('overtime × 1.5');
    await expect(row).toContainText('Member');
    const { items: users } = await json<{ items: Array<{ id: string; email: string }> }>(await admin.get(`/api/users?q=${stamp}`), 200);
    userId = users.find((u) => u.email === email)?.id ?? null;
    expect(userId).not.toBeNull();
    await page.screenshot({ path: `${SCREENSHOTS}/users-list.png`, fullPage: true });

    // 2. Log out; she signs in and starts a timer in the header.
    await logOut(page);
    await loginAs(page, email, password);
    const header = page.getByRole('banner');
    await expect(header).toContainText(name);
    await header.getByRole('button', { name: 'Start Work' }).click();
    const timerModal = page.getByRole('dialog', { name: 'Customer Timer' });
    await timerModal.getByRole('combobox', { name: 'Customer' }).fill('Acme');
    await page.getByRole('option', { name: 'Acme Ltd' }).click();
    await timerModal.getByRole('combobox', { name: 'Category', exact: true }).selectOption({ label: 'Regular Hours' });
    await timerModal.getByRole('button', { name: 'Submit' }).click();
    await expect(header.getByRole('button', { name: 'Stop work' })).toBeVisible();
    // Members do not get the At work page.
    await expect(header.getByRole('link', { name: 'At work' })).toHaveCount(0);

    // 3. The admin sees her in At work now, live, and stops the forgotten timer with a note.
    await logOut(page);
    await loginAs(page, USERS.admin);
    await page.getByRole('banner').getByRole('link', { name: 'At work' }).click();
    await expect(page.getByRole('heading', { name: 'At work now', level: 1 })).toBeVisible();
    const atWorkRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    await expect(atWorkRow).toContainText('Acme Ltd');
    await expect(atWorkRow).toContainText('Regular Hours');
    const elapsed = atWorkRow.locator('.at-work__elapsed');
    await expect(elapsed).toHaveText(/\d/);
    const first = await elapsed.textContent();
    await expect(elapsed).not.toHaveText(first ?? '', { timeout: 3_000 }); // it ticks
    await page.screenshot({ path: `${SCREENSHOTS}/at-work.png`, fullPage: true });

    // The users list shows her at work too.
    await page.goto('/users');
    await expect(page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) })).toContainText('Acme Ltd · since');

    await page.goto('/at-work');
    await atWorkRow.getByRole('button', { name: `Stop ${name}’s timer` }).click();
    const stopModal = page.getByRole('dialog', { name: `Stop ${name}’s timer` });
    await stopModal.getByLabel('Note').fill('Forgot to stop after the client call — stopped by Ada');
    await page.screenshot({ path: `${SCREENSHOTS}/at-work-stop-modal.png` });
    await stopModal.getByRole('button', { name: 'Stop' }).click();
    await expect(stopModal).toHaveCount(0);
    await expect(atWorkRow).toHaveCount(0);
    await expect(page.getByText(`Stopped ${name}’s timer (Acme Ltd).`)).toBeVisible();

    // 4. The entry is hers, stopped, with the note, and its history names the admin as the one who stopped it.
    const { items } = await json<{ items: Entry[] }>(await admin.get(`/api/work-entries?userId=${userId}`), 200);
    expect(items).toHaveLength(1);
    const entry = items[0]!;
    entryId = entry.id;
    expect(entry.stoppedAt).not.toBeNull();
    expect(entry.note).toBe('Forgot to stop after the client call — stopped by Ada');
    const history = await json<{ items: AuditEvent[] }>(await admin.get(`/api/work-entries/${entry.id}/history`), 200);
    const stop = history.items.find((e) => e.action === 'STOP');
    expect(stop?.actor).toEqual({ id: admin.user.id, name: 'Ada Admin' });
    expect(history.items.find((e) => e.action === 'START')?.actor.id).toBe(userId);
  } finally {
    if (entryId) await admin.delete(`/api/work-entries/${entryId}`);
    if (userId) {
      await admin.post(`/api/at-work/${userId}/stop`, { note: 'e2e cleanup' }); // 409 when nothing runs: fine
      await admin.patch(`/api/users/${userId}`, { active: false });
    }
  }
});

test('an invited user sets a password from the one-time link, then changes it on the profile page', async ({ page, browser, request }) => {
  const admin = await apiAs(request, USERS.admin);
  const stamp = Date.now().toString(36);
  const name = `Ivo Invite ${stamp}`;
  const email = `ivo-${stamp}@example.com`;
  let userId: string | null = null;
  const guest = await browser.newContext();
  try {
    await loginAs(page, USERS.admin);
    await page.goto('/users');
    await page.getByRole('button', { name: 'Add user' }).click();
    const modal = page.getByRole('dialog', { name: 'Add user' });
    await modal.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
    await modal.getByRole('textbox', { name: 'Email', exact: true }).fill(email);
    await modal.getByLabel('Role').selectOption('MANAGER');
    await modal.getByRole('radio', { name: 'Monthly' }).check();
    await modal.getByLabel('Monthly base').fill('3800');
    await modal.getByRole('radio', { name: /one-time link/ }).check();
    await modal.getByRole('button', { name: 'Add user' }).click();
    const done = page.getByRole('dialog', { name: `${name} was added` });
    await expect(done.getByLabel('Set-password link')).toHaveValue(/\/set-password\?token=/);
    const link = await done.getByLabel('Set-password link').inputValue();
    await page.screenshot({ path: `${SCREENSHOTS}/users-invite-link.png` });
    await done.getByRole('button', { name: 'Done' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) });
    await expect(row).toContainText('€3,800.00 / month');
    await expect(row).toContainText('Manager');
    userId = (await json<{ items: Array<{ id: string }> }>(await admin.get(`/api/users?q=${stamp}`), 200)).items[0]?.id ?? null;
    // Edit: role and pay are prefilled (in major units); Cancel changes nothing.
    await row.getByRole('button', { name: `Edit ${name}` }).click();
    const edit = page.getByRole('dialog', { name: `Edit ${name}` });
    await expect(edit.getByLabel('Monthly base')).toHaveValue('3800');
    await expect(edit.getByLabel('Role')).toHaveValue('MANAGER');
    await page.screenshot({ path: `${SCREENSHOTS}/users-edit-modal.png` });
    await edit.getByRole('button', { name: 'Cancel' }).click();

    // Another browser opens the link, chooses a password and is signed in.
    const ivo = await guest.newPage();
    await ivo.goto(link);
    await ivo.getByLabel('New password').fill('ivo-password-1');
    await ivo.getByLabel('Repeat password').fill('ivo-password-1');
    await ivo.screenshot({ path: `${SCREENSHOTS}/set-password.png` });
    await ivo.getByRole('button', { name: 'Set password and sign in' }).click();
    await expect(ivo.getByRole('banner')).toContainText(name);
    // The demo organisation is German; this journey reads English: Ivo picks English for himself.
    expect((await (await apiAs(request, email, 'ivo-password-1')).patch('/api/me', { locale: 'en-GB' })).status()).toBe(200);
    await ivo.reload();
    // The link works once.
    const again = await request.post('/api/auth/set-password', { data: { token: new URL(link).searchParams.get('token'), password: 'other-password-1' } });
    expect(again.status()).toBe(404);

    // Profile: own rules (read-only) and a password change that ends the other sessions.
    const otherSession = await apiAs(request, email, 'ivo-password-1');
    await ivo.goto('/profile');
    await expect(ivo.getByRole('heading', { name: 'Profile', level: 1 })).toBeVisible();
    await expect(ivo.getByText('The organisation’s default rules apply to you.').or(ivo.getByText('Your administrator set these rules for you.'))).toBeVisible();
    await ivo.getByLabel('Current password').fill('wrong-password');
    await ivo.getByLabel(/^New password/).fill('ivo-password-2');
    await ivo.getByLabel('Repeat new password').fill('ivo-password-2');
    await ivo.getByRole('button', { name: 'Change password' }).click();
    await expect(ivo.getByLabel('Current password')).toHaveAccessibleDescription(/not correct/);
    await ivo.getByLabel('Current password').fill('ivo-password-1');
    await ivo.getByRole('button', { name: 'Change password' }).click();
    await expect(ivo.getByText('Password changed. Your other sessions were signed out.')).toBeVisible();
    await ivo.screenshot({ path: `${SCREENSHOTS}/profile.png` });
    expect((await otherSession.get('/api/me')).status()).toBe(401);
    // This browser stays signed in with the fresh cookie.
    await ivo.reload();
    await expect(ivo.getByRole('heading', { name: 'Profile', level: 1 })).toBeVisible();
  } finally {
    await guest.close();
    if (userId) await admin.patch(`/api/users/${userId}`, { active: false });
  }
});

test('organisation settings warn about a new time zone; setup is not offered once done', async ({ page }) => {
  await loginAs(page, USERS.admin);
  await page.goto('/settings/organization');
  await expect(page.getByRole('heading', { name: 'Organisation settings' })).toBeVisible();
  await expect(page.getByLabel('Name')).toHaveValue('Demo Company');
  await page.getByLabel('Time zone').fill('America/New_York');
  await expect(page.getByRole('note')).toContainText('where days and months are cut');
  await page.screenshot({ path: `${SCREENSHOTS}/organization.png`, fullPage: true });
  await page.getByRole('button', { name: 'Undo changes' }).click();
  await expect(page.getByLabel('Time zone')).toHaveValue('Europe/Berlin');

  // The demo database is set up: /setup says so and links to sign in.
  await page.goto('/setup');
  await expect(page.getByRole('heading', { name: 'Workdiary is set up' })).toBeVisible();

  // The form itself, as an empty database would show it (answer faked; nothing is submitted).
  await page.route('**/api/setup', (route) => (route.request().method() === 'GET' ? route.fulfill({ json: { needed: true } }) : route.abort()));
  await page.goto('/setup');
  await expect(page.getByRole('heading', { name: 'Set up Workdiary' })).toBeVisible();
  await page.getByLabel('Organisation name').fill('Acme Ltd');
  await page.screenshot({ path: `${SCREENSHOTS}/setup.png`, fullPage: true });
});
