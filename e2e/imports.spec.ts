import { expect, expectAccessible, noHorizontalScroll, SCREENSHOTS, signedInGerman, test, USERS } from './fixtures';

// Issue 27, imports, in German: the admin imports a Clockify detailed report (month/day/year, 12-hour
// clock, Approval columns) with one person Workdiary does not know, maps them to Bob, imports, sees
// the hours in the Work diary, and undoes the import. The rows are on a Saturday of June 2024, on the
// demo's customer and category, so nothing is created and the undo leaves the database as found.

const MONTH = '2024-06';
const CLOCKIFY = [
  '"Project","Client","Description","Task","User","Group","Email","Tags","Billable","Start Date","Start Time","End Date","End Time","Duration (h)","Duration (decimal)","Billable Rate (EUR)","Billable Amount (EUR)","Approval Status","Approved By"',
  '"Relaunch","Acme Ltd","Startseite","Development","Alice Example","","alice@example.com","","Yes","06/15/2024","09:00 AM","06/15/2024","11:30 AM","02:30:00","2.50","0.00","0.00","Pending",""',
  '"Relaunch","Acme Ltd","Server-Umzug","Development","Carla Neumann","","carla.neumann@freelance.example","","Yes","06/15/2024","01:00 PM","06/15/2024","03:00 PM","02:00:00","2.00","0.00","0.00","Pending",""',
].join('\n');

test('an admin imports a Clockify file with an unknown person, maps them, sees the hours, undoes it (German)', async ({ browser }) => {
  const { context, page } = await signedInGerman(browser, USERS.admin);
  try {
    await page.goto('/settings');
    await page.getByRole('link', { name: /Importe/ }).click();
    await expect(page.getByRole('heading', { name: 'Importe', level: 1 })).toBeVisible();

    await page.getByLabel(/Clockify/).check();
    await page.getByRole('button', { name: 'Weiter' }).click();
    await page.getByLabel('Exportdatei aus Clockify').setInputFiles({ name: 'Clockify_Time_Report_Detailed.csv', mimeType: 'text/csv', buffer: Buffer.from(CLOCKIFY) });
    await page.getByRole('button', { name: 'Datei prüfen' }).click();

    await expect(page.getByText('Zeile 3 · Unbekannte Person')).toBeVisible();
    await expect(page.getByRole('button', { name: /importieren$/ })).toBeDisabled();
    await page.getByLabel('Workdiary-Benutzer für carla.neumann@freelance.example').selectOption({ label: 'Bob Example (bob@example.com)' });
    await expect(page.getByTestId('count-errors')).toHaveText('0');
    await expect(page.getByTestId('count-create')).toHaveText('2');

    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => noHorizontalScroll(page)).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/imports-preview-390.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: `${SCREENSHOTS}/imports-preview.png`, fullPage: true });
    await expectAccessible(page);

    await page.getByRole('button', { name: '2 Einträge importieren' }).click();
    await expect(page.getByText('2 Einträge importiert.')).toBeVisible();
    const history = page.getByRole('table', { name: 'Importverlauf' });
    await expect(history.getByText('Clockify_Time_Report_Detailed.csv')).toBeVisible();

    await page.goto(`/diary?month=${MONTH}`);
    const overview = page.getByRole('table', { name: /Benutzer/ });
    await expect(overview.getByRole('row').filter({ hasText: 'Alice Example' })).toContainText('2:30');
    await expect(overview.getByRole('row').filter({ hasText: 'Bob Example' })).toContainText('2:00');
    await page.screenshot({ path: `${SCREENSHOTS}/imports-diary.png`, fullPage: true });

    await page.goto('/settings/imports');
    await history.getByRole('row').filter({ hasText: 'Clockify_Time_Report_Detailed.csv' }).getByRole('button', { name: 'Rückgängig machen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Diesen Import rückgängig machen?' });
    await dialog.getByRole('button', { name: 'Import rückgängig machen' }).click();
    await expect(dialog).toBeHidden();
    await expect(history.getByRole('row').filter({ hasText: 'Clockify_Time_Report_Detailed.csv' })).toContainText('Rückgängig gemacht');
    await page.goto(`/diary?month=${MONTH}`);
    await expect(page.getByRole('table', { name: /Benutzer/ }).getByRole('row').filter({ hasText: 'Alice Example' })).not.toContainText('2:30');
  } finally {
    await context.close();
  }
});
