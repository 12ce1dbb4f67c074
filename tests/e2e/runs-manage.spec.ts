import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { addRun } from '../../src-main/db/runs';
import { runDraftSchema } from '../../src-main/shared/contract';
import { launchStance, type Stance } from './harness';
import { screenshot } from './screens';

let stance: Stance;
test.afterEach(() => stance?.close());

function seedRun(stance: Stance, localDate: string, miles: number, minutes: number, notes = '') {
  return addRun(
    stance.db,
    runDraftSchema.parse({ localDate, localTime: '07:00', timeZone: 'Europe/London', distanceMetres: miles * 1609.344, durationSeconds: minutes * 60, notes }),
    new Date(),
  );
}

async function openRuns(page: Page) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Runs' }).click();
}

async function expectNoSeriousAxeViolations(page: Page, where: string) {
  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target.join(' ')).join(', ')})`), where).toEqual([]);
}

test('runs are grouped by week with weekly totals, and a date range narrows the list', async ({ page }) => {
  stance = await launchStance(page);
  seedRun(stance, '2026-11-02', 5, 45); // Mon, week of 2 Nov
  seedRun(stance, '2026-11-04', 3, 27, 'Knee niggle near the end');
  seedRun(stance, '2026-11-10', 8, 72); // week of 9 Nov
  await page.reload();
  await openRuns(page);

  const weeks = page.getByTestId('week-row');
  await expect(weeks).toHaveCount(2);
  await expect(weeks.nth(0)).toContainText('Week of Mon, 9 Nov 2026');
  await expect(weeks.nth(0)).toContainText('8.00 mi');
  await expect(weeks.nth(1)).toContainText('Week of Mon, 2 Nov 2026');
  await expect(weeks.nth(1)).toContainText('8.00 mi');
  await expect(weeks.nth(1)).toContainText('1:12:00');
  await expect(weeks.nth(1)).toContainText('2 runs');
  await expect(page.getByTestId('run-row').nth(0)).toContainText('Tue, 10 Nov 2026');
  await expect(page.getByText('Knee niggle near the end')).toBeVisible();
  await screenshot(page, 'runs-weeks');
  await expectNoSeriousAxeViolations(page, 'runs list');

  await page.getByLabel('From').fill('2026-11-03');
  await page.getByLabel('To').fill('2026-11-09');
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await expect(page.getByTestId('run-row')).toContainText('Wed, 4 Nov 2026');
  await page.getByRole('button', { name: 'Show all' }).click();
  await expect(page.getByTestId('run-row')).toHaveCount(3);

  // Weeks starting on Sunday: the same two weeks, now labelled from their Sundays.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('First day of the week').selectOption('Sunday');
  await expect(page.getByRole('status')).toHaveText('Saved.');
  await openRuns(page);
  await expect(page.getByTestId('week-row').nth(0)).toContainText('Week of Sun, 8 Nov 2026');
});

test('a run can be edited — effort, surface, new shoes, notes — and the change survives a restart', async ({ page }) => {
  stance = await launchStance(page);
  seedRun(stance, '2026-11-10', 8, 72);
  await page.reload();
  await openRuns(page);
  await page.getByRole('button', { name: 'Edit the run of Tue, 10 Nov 2026 at 07:00' }).click();
  await expect(page.getByLabel('Distance (miles)')).toHaveValue('8');
  await expect(page.getByLabel('Duration (h:mm:ss)')).toHaveValue('1:12:00');
  await page.getByLabel('Distance (miles)').fill('8.4');
  await page.getByLabel('Effort (1–10, optional)').selectOption('7');
  await page.getByLabel('Surface (optional)').selectOption('Trail');
  await page.getByRole('button', { name: 'New…' }).click();
  await page.getByLabel('Shoes (optional)').fill('Speedgoat 6');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByLabel('Shoes (optional)')).toHaveValue(/\d+/);
  await page.getByLabel('Notes (optional)').fill('Hilly; outside of the left knee tight after the descent');
  await screenshot(page, 'runs-edit');
  await expectNoSeriousAxeViolations(page, 'run editor');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved changes to the run of Tue, 10 Nov 2026 at 07:00.');

  await stance.restart();
  await openRuns(page);
  await expect(page.getByTestId('run-row')).toContainText('8.40 mi');
  const stored = stance.db
    .prepare('SELECT effort, surface, notes, shoes.name AS shoe FROM runs JOIN shoes ON shoes.id = runs.shoe_id')
    .get();
  expect(stored).toEqual({ effort: 7, surface: 'trail', notes: 'Hilly; outside of the left knee tight after the descent', shoe: 'Speedgoat 6' });
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByTestId('shoe-row')).toContainText('Speedgoat 6');
  await expect(page.getByTestId('shoe-row')).toContainText('1 run · 8 mi');
});

test('deleting a run asks first; "Keep it" keeps it, "Delete run" deletes it for good', async ({ page }) => {
  stance = await launchStance(page);
  seedRun(stance, '2026-11-10', 8, 72);
  seedRun(stance, '2026-11-12', 4, 36);
  await page.reload();
  await openRuns(page);

  await page.getByRole('button', { name: 'Delete the run of Thu, 12 Nov 2026 at 07:00' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this run?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('4.00 mi');
  await screenshot(page, 'runs-delete-confirm');
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  await expect(dialog).toBeHidden();
  expect(stance.count('runs')).toBe(2);

  await page.getByRole('button', { name: 'Delete the run of Thu, 12 Nov 2026 at 07:00' }).click();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  expect(stance.count('runs')).toBe(2);

  await page.getByRole('button', { name: 'Delete the run of Thu, 12 Nov 2026 at 07:00' }).click();
  await dialog.getByRole('button', { name: 'Delete run' }).click();
  await expect(page.getByRole('status')).toHaveText('Deleted the run of Thu, 12 Nov 2026 at 07:00.');
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  await stance.restart();
  await openRuns(page);
  await expect(page.getByTestId('run-row')).toHaveCount(1);
  expect(stance.count('runs')).toBe(1);
});

test('a start date in the far future is refused with its message, and nothing is written', async ({ page }) => {
  stance = await launchStance(page);
  await openRuns(page);
  await page.getByRole('button', { name: 'Log a run' }).click();
  await page.getByLabel('Date').fill('2031-06-01');
  await page.getByLabel('Distance (miles)').fill('5');
  await page.getByLabel('Duration (h:mm:ss)').fill('45:00');
  await page.getByRole('button', { name: 'Save run' }).click();
  await expect(page.getByRole('alert')).toHaveText('That start is in the future. Give the date and time the run began.');
  expect(stance.count('runs')).toBe(0);
});

test('editing a run to a distance shorter than its recorded pain onset is refused, and the run is unchanged', async ({ page }) => {
  stance = await launchStance(page);
  const run = seedRun(stance, '2026-11-10', 8, 72);
  stance.db.prepare("UPDATE runs SET pain_status = 'pain' WHERE id = ?").run(run.id);
  stance.db
    .prepare("INSERT INTO run_pain (run_id, onset_m, location, side, worst_score, action) VALUES (?, ?, 'lateral_knee', 'left', 5, 'walked')")
    .run(run.id, 6 * 1609.344);
  await page.reload();
  await openRuns(page);
  await page.getByRole('button', { name: 'Edit the run of Tue, 10 Nov 2026 at 07:00' }).click();
  await page.getByLabel('Distance (miles)').fill('5');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('alert')).toContainText('This run has knee pain recorded further in than that distance.');
  expect((stance.db.prepare('SELECT distance_m FROM runs').get() as { distance_m: number }).distance_m).toBeCloseTo(8 * 1609.344, 6);
});

test('the delete question opens with the safe choice focused', async ({ page }) => {
  stance = await launchStance(page);
  seedRun(stance, '2026-11-12', 4, 36);
  await page.reload();
  await openRuns(page);
  await page.getByRole('button', { name: 'Delete the run of Thu, 12 Nov 2026 at 07:00' }).click();
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Keep it' })).toBeFocused();
  await page.keyboard.press('Enter');
  expect(stance.count('runs')).toBe(1);
});
