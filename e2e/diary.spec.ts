import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { apiAs, expect, lastMonth, loginAs, SCREENSHOTS, showMonth, test, USERS } from './fixtures';

// The manager's Work diary journey: users × last month → Alice's month → one day's Working time;
// edit a session's stop time (the day total and the month's Extra Hours move), delete it after
// confirming, export the day and read the file back, and find both changes in the day's history.
// It puts the session back afterwards (as a new manual entry with the same times).

const TZ = 'Europe/Berlin';

type Day = { date: string; totalMinutes: number; extraMinutes: number; requiredMinutes: number; flagged: boolean; running: boolean };
type Entry = { id: string; userId: string; customerId: string; categoryId: string; startedAt: string; stoppedAt: string | null; note: string; customer: { name: string } };

const wall = (iso: string) => new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
const hm = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
const extraOf = (total: number, required: number) => Math.max(0, total - required);

let restore: Entry | null = null;

test.afterAll(async ({ request }) => {
  if (!restore) return;
  const manager = await apiAs(request, USERS.manager);
  const res = await manager.post('/api/work-entries', {
    userId: restore.userId, customerId: restore.customerId, categoryId: restore.categoryId,
    startedAt: restore.startedAt, stoppedAt: restore.stoppedAt, note: restore.note,
  });
  expect(res.status(), await res.text()).toBe(201);
});

test('a manager corrects and deletes a session in the Work diary, exports the day and reads its history', async ({ page, request }) => {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const month = lastMonth();

  // Pick the day through the API: a weekday of last month, well before its end (the demo's late
  // session across midnight sits on its last days), with a full day's work in several sessions.
  const api = await apiAs(request, USERS.manager);
  const overview = (await (await api.get(`/api/diary?month=${month}`)).json()) as { items: Array<{ userId: string; name: string; extraMinutes: number }> };
  const alice = overview.items.find((u) => u.name === 'Alice Example');
  expect(alice, 'Alice is in the overview').toBeTruthy();
  const aliceId = alice!.userId;
  const days = ((await (await api.get(`/api/diary/${aliceId}?month=${month}`)).json()) as { items: Day[] }).items;
  let chosen: { day: Day; sessions: Entry[] } | null = null;
  for (const day of days) {
    if (Number(day.date.slice(8)) > 24 || day.requiredMinutes === 0 || day.flagged || day.running || day.totalMinutes < 420) continue;
    const sessions = ((await (await api.get(`/api/diary/${aliceId}/${day.date}`)).json()) as { items: Entry[] }).items;
    if (sessions.length >= 2 && sessions.every((s) => s.stoppedAt !== null)) {
      chosen = { day, sessions };
      break;
    }
  }
  expect(chosen, 'a suitable day in the demo data').toBeTruthy();
  const { day, sessions } = chosen!;
  // The day's last session: lengthening it by an hour cannot overlap anything.
  const target = sessions.reduce((a, b) => (Date.parse(b.stoppedAt as string) > Date.parse(a.stoppedAt as string) ? b : a));
  const oldStop = wall(target.stoppedAt as string);
  const newStopIso = new Date(Date.parse(target.stoppedAt as string) + 60 * 60_000).toISOString();
  const newStop = wall(newStopIso);
  const monthBefore = (await (await api.get(`/api/diary/${aliceId}?month=${month}`)).json()) as { totals: { extraMinutes: number } };
  const extraAfterEdit = monthBefore.totals.extraMinutes - extraOf(day.totalMinutes, day.requiredMinutes) + extraOf(day.totalMinutes + 60, day.requiredMinutes);
  expect(extraAfterEdit).toBeGreaterThan(monthBefore.totals.extraMinutes);

  // 1. Work diary → last month.
  await loginAs(page, USERS.manager);
  await page.getByRole('banner').getByRole('link', { name: 'Work diary' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Work diary' })).toBeVisible();
  // An empty current month (the first of a month) opens on the last month with data by itself.
  await page.waitForURL(/\/diary(\?month=\d{4}-\d{2})?$/);
  await showMonth(page, month);
  await expect(page).toHaveURL(new RegExp(`/diary\\?month=${month}$`));
  const overviewTable = page.getByRole('table', { name: /^Users for / });
  await expect(overviewTable.getByRole('link', { name: 'Alice Example' })).toBeVisible();
  await expect(overviewTable.getByRole('row').last()).toContainText(/Total \(\d+ people\)/);
  await page.screenshot({ path: `${SCREENSHOTS}/diary-1-users-month.png`, fullPage: true });

  // 2. Alice's month.
  await overviewTable.getByRole('link', { name: 'Alice Example' }).click();
  await expect(page).toHaveURL(new RegExp(`/diary/${aliceId}\\?month=${month}$`));
  await expect(page.getByRole('heading', { level: 1, name: 'Alice Example' })).toBeVisible();
  await expect(page.getByTestId('stat-extra')).toHaveText(hm(monthBefore.totals.extraMinutes));
  await expect(page.locator('.diary-chart .recharts-bar-rectangle').first()).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/diary-2-user-month.png`, fullPage: true });

  // 3. The day's Working time.
  const dayLabel = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day.date}T12:00:00Z`));
  await page.getByRole('button', { name: `Open ${dayLabel}` }).click();
  const modal = page.getByRole('dialog', { name: 'Working time' });
  await expect(modal).toContainText(`Alice Example · ${dayLabel}`);
  await expect(modal.getByTestId('day-total')).toHaveText(hm(day.totalMinutes));
  await expect(modal.getByRole('table').getByRole('row')).toHaveCount(sessions.length + 2);
  await page.screenshot({ path: `${SCREENSHOTS}/diary-3-day-modal.png` });

  // Edit the last session's stop time: +1 hour.
  const sessionName = `session ${wall(target.startedAt)}–${oldStop} ${target.customer.name}`;
  await modal.getByRole('button', { name: `Edit ${sessionName}` }).click();
  const form = page.getByRole('dialog', { name: 'Edit entry' });
  await expect(form.getByLabel('Stop time')).toHaveValue(oldStop);
  await form.getByLabel('Stop time').fill(newStop);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  await expect(modal.getByTestId('day-total')).toHaveText(hm(day.totalMinutes + 60));
  await expect(modal.getByTestId('day-figures')).toContainText(`Extra ${hm(extraOf(day.totalMinutes + 60, day.requiredMinutes))}`);
  await expect(page.getByTestId('stat-extra')).toHaveText(hm(extraAfterEdit));

  // Delete the same session, after confirming.
  const editedName = `session ${wall(target.startedAt)}–${newStop} ${target.customer.name}`;
  await modal.getByRole('button', { name: `Delete ${editedName}` }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete session?' });
  await expect(confirm).toContainText(`${target.customer.name}, ${wall(target.startedAt)}–${newStop}`);
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(confirm).toBeHidden();
  restore = target;
  const targetMinutes = Math.floor((Date.parse(target.stoppedAt as string) - Date.parse(target.startedAt)) / 60_000);
  const remaining = day.totalMinutes - targetMinutes;
  await expect(modal.getByTestId('day-total')).toHaveText(hm(remaining));
  await expect(modal.getByRole('table').getByRole('row')).toHaveCount(sessions.length - 1 + 2);

  // Export the day: a real .xlsx with the remaining sessions and the day total.
  const downloadPromise = page.waitForEvent('download');
  await modal.getByRole('button', { name: 'Export this day' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe(`alice-example_${day.date}.xlsx`);
  const wb = XLSX.read(fs.readFileSync(await download.path()), { type: 'buffer' });
  const ws = wb.Sheets[wb.SheetNames[0] as string] as XLSX.WorkSheet;
  expect(ws.A1?.v).toBe('User');
  expect(ws.F1?.v).toBe('Total (h:mm)'); // the h:mm column, beside decimal hours
  const rows = XLSX.utils.decode_range(ws['!ref'] as string).e.r + 1;
  expect(rows).toBe(1 + sessions.length - 1 + 1);
  expect(ws[`A${rows}`]?.v).toBe('Total');
  expect(Math.round((ws[`F${rows}`]?.v as number) * 1440)).toBe(remaining);

  // The day's history shows the edit (old and new stop) and the deletion, by the manager.
  await modal.getByRole('tab', { name: 'History' }).click();
  const trail = modal.getByRole('list', { name: 'Changes' });
  const edit = trail.getByRole('listitem').filter({ hasText: 'Max Manager changed the session' }).first();
  await expect(edit).toContainText(`Exit ${oldStop} → ${newStop}`);
  const removal = trail.getByRole('listitem').filter({ hasText: 'Max Manager deleted the session' }).first();
  await expect(removal).toContainText(`${wall(target.startedAt)}–${newStop} · ${target.customer.name}`);
  await page.screenshot({ path: `${SCREENSHOTS}/diary-4-day-history.png` });

  // The same trail through the entries API (the per-session history), deleted session included.
  const history = (await (await api.get(`/api/work-entries/${target.id}/history`)).json()) as { items: Array<{ action: string }> };
  expect(history.items.map((e) => e.action)).toEqual(expect.arrayContaining(['UPDATE', 'DELETE']));
});

test('a member only gets their own month', async ({ page }) => {
  await loginAs(page, USERS.alice);
  await page.getByRole('banner').getByRole('link', { name: 'My month' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My month' })).toBeVisible();
  await page.goto('/diary');
  await expect(page.getByRole('heading', { level: 1, name: 'My month' })).toBeVisible();
  await expect(page).toHaveURL(/\/diary\/[0-9a-f-]{36}(\?month=\d{4}-\d{2})?$/);
  await expect(page.getByTestId('stat-total')).not.toHaveText('…');
  await page.screenshot({ path: `${SCREENSHOTS}/diary-5-member-my-month.png` });
});
