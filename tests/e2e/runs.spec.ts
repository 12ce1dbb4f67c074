import { expect, test } from '@playwright/test';
import { launchStance, type Stance } from './harness';
import { screenshot } from './screens';

let stance: Stance;
test.afterEach(() => stance?.close());

async function openRuns(stance: Stance) {
  await stance.page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Runs' }).click();
}

test('a run logged by hand is in the list, in the database, and still there after a restart', async ({ page }) => {
  stance = await launchStance(page);
  await openRuns(stance);
  await page.getByRole('button', { name: 'Log your first run' }).click();
  await page.getByLabel('Date').fill('2026-11-19');
  await page.getByLabel('Start time').fill('06:45');
  await page.getByLabel('Distance (miles)').fill('6.2');
  await page.getByLabel('Duration (h:mm:ss)').fill('52:30');
  await screenshot(page, 'runs-form');
  await page.getByRole('button', { name: 'Save run' }).click();

  await expect(page.getByRole('status')).toContainText('Saved: 6.20 mi on Thu, 19 Nov 2026 at 06:45.');
  const row = page.getByTestId('run-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('6.20 mi');
  await expect(row).toContainText('52:30');
  await expect(row).toContainText('8:28 /mi');
  await expect(row).toContainText('Not recorded');

  const stored = stance.db.prepare('SELECT distance_m, duration_s, local_date, local_time, time_zone, started_at FROM runs').all();
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ duration_s: 3150, local_date: '2026-11-19', local_time: '06:45', time_zone: 'Europe/London', started_at: '2026-11-19T06:45:00Z' });
  expect((stored[0] as { distance_m: number }).distance_m).toBeCloseTo(6.2 * 1609.344, 6);

  await stance.restart();
  await openRuns(stance);
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await expect(page.getByTestId('run-row')).toContainText('Thu, 19 Nov 2026');
  await screenshot(page, 'runs-list');
});

test('a negative distance is refused with a message, and nothing is written', async ({ page }) => {
  stance = await launchStance(page);
  await openRuns(stance);
  await page.getByRole('button', { name: 'Log a run' }).click();
  await page.getByLabel('Distance (miles)').fill('-3');
  await page.getByLabel('Duration (h:mm:ss)').fill('30:00');
  await page.getByRole('button', { name: 'Save run' }).click();
  await expect(page.getByRole('alert')).toHaveText('The distance must be more than zero.');
  await expect(page.getByLabel('Distance (miles)')).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'runs-refused');
  expect(stance.count('runs')).toBe(0);
});

test('a duration that is not a time is refused before anything is sent', async ({ page }) => {
  stance = await launchStance(page);
  await openRuns(stance);
  await page.getByRole('button', { name: 'Log a run' }).click();
  await page.getByLabel('Distance (miles)').fill('5');
  await page.getByLabel('Duration (h:mm:ss)').fill('half an hour');
  await page.getByRole('button', { name: 'Save run' }).click();
  await expect(page.getByRole('alert')).toHaveText('Give the duration as h:mm:ss (1:02:30) or mm:ss (48:15).');
  expect(stance.count('runs')).toBe(0);
});

test('with kilometres chosen in Settings, distances are typed and shown in km', async ({ page }) => {
  stance = await launchStance(page);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Kilometres').check();
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await screenshot(page, 'settings');
  await openRuns(stance);
  await page.getByRole('button', { name: 'Log a run' }).click();
  await page.getByLabel('Distance (km)').fill('10,5');
  await page.getByLabel('Duration (h:mm:ss)').fill('0:55:00');
  await page.getByRole('button', { name: 'Save run' }).click();
  await expect(page.getByTestId('run-row')).toContainText('10.50 km');
  await expect(page.getByTestId('run-row')).toContainText('5:14 /km');
  expect(stance.db.prepare('SELECT distance_m FROM runs').get()).toEqual({ distance_m: 10_500 });

  await stance.restart();
  await nav.getByRole('button', { name: 'Today' }).click();
  await expect(page.getByText('10.50 km')).toBeVisible();
  await screenshot(page, 'today-with-run');
});

test('the whole form works from the keyboard alone', async ({ page }) => {
  stance = await launchStance(page);
  await openRuns(stance);
  await page.getByRole('button', { name: 'Log a run' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Distance (miles)')).toBeFocused();
  await page.keyboard.type('3.1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('25:00');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-row')).toContainText('3.10 mi');
  expect(stance.count('runs')).toBe(1);
});

test('the same run typed twice asks first: Cancel keeps one, Save anyway keeps both', async ({ page }) => {
  stance = await launchStance(page);
  await openRuns(stance);
  const logRun = async (first: boolean) => {
    await page.getByRole('button', { name: first ? 'Log your first run' : 'Log a run' }).click();
    await page.getByRole('textbox', { name: 'Date', exact: true }).fill('2024-12-04');
    await page.getByLabel('Start time').fill('07:00');
    await page.getByLabel('Distance (miles)').fill('5');
    await page.getByLabel('Duration (h:mm:ss)').fill('45:00');
    await page.getByRole('button', { name: 'Save run' }).click();
  };
  await logRun(true);
  await expect(page.getByRole('status')).toContainText('Saved: 5.00 mi');
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await page.getByRole('button', { name: 'Not now' }).click();

  await logRun(false);
  const prompt = page.getByRole('alert').filter({ hasText: 'You already logged' });
  await expect(prompt).toContainText('You already logged a 5.0 mi run at 07:00 on Wed 4 Dec 2024.');
  await screenshot(page, 'runs-duplicate-prompt');
  expect(stance.count('runs')).toBe(1);
  await prompt.getByRole('button', { name: 'Cancel' }).click();
  await expect(prompt).toHaveCount(0);
  expect(stance.count('runs')).toBe(1);

  await logRun(false);
  await prompt.getByRole('button', { name: 'Save anyway' }).click();
  await expect(page.getByTestId('run-row')).toHaveCount(2);
  expect(stance.count('runs')).toBe(2);
});
