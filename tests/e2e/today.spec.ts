import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { launchStance, type Stance } from './harness';
import { screenshot } from './screens';

let stance: Stance;
test.afterEach(() => stance?.close());

/** Saturday 21 November 2026, mid-morning in London. */
const saturday = () => new Date('2026-11-21T10:00:00Z');

function logGluteSession(stance: Stance, localDate: string) {
  const session = stance.db
    .prepare("INSERT INTO strength_sessions (local_date, created_at, updated_at) VALUES (?, 'now', 'now')")
    .run(localDate).lastInsertRowid;
  stance.db
    .prepare("INSERT INTO session_exercises (session_id, exercise_id, position) SELECT ?, id, 0 FROM exercises WHERE name = 'Clamshell'")
    .run(session);
}

async function go(page: Page, section: string) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section }).click();
}

test('the runner sets a glute plan, changes it later, and Today judges the week by the plans in force', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  logGluteSession(stance, '2026-11-16'); // Monday
  logGluteSession(stance, '2026-11-18'); // Wednesday
  await page.reload();

  await expect(page.getByTestId('days-since-glute')).toHaveText('3 days');
  await expect(page.getByTestId('week-done')).toHaveText('2 sessions');
  await expect(page.getByText('No plan yet.')).toBeVisible();

  await go(page, 'Settings');
  await page.getByLabel('Sessions a week').fill('2');
  await page.getByLabel('Starting').fill('2026-01-01');
  await page.getByRole('button', { name: 'Save plan' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved: glute or hip work 2× a week from Thu, 1 Jan 2026.');

  // From Thursday 19 November the runner means to do four a week.
  await page.getByLabel('Sessions a week').fill('4');
  await page.getByLabel('Starting').fill('2026-11-19');
  await page.getByRole('button', { name: 'Save plan' }).click();
  await expect(page.getByTestId('plan-row')).toHaveCount(2);
  await expect(page.getByTestId('current-plan')).toHaveText('Now: 4× a week, since Thu, 19 Nov 2026.');
  await screenshot(page, 'settings-plan');

  await go(page, 'Today');
  // Mon–Wed at 2 a week and Thu–Sun at 4 a week: 22/7 ≈ 3.1 planned.
  await expect(page.getByTestId('week-done')).toHaveText('2 of 3.1');
  await expect(page.getByTestId('next-due')).toHaveText('Overdue by 2 days');
  await expect(page.getByText('Your plan: glute or hip work 4× a week.')).toBeVisible();
  await screenshot(page, 'today-full');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await stance.restart();
  await expect(page.getByTestId('week-done')).toHaveText('2 of 3.1');
});

test('an impossible plan is refused with its message and the history is unchanged', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  await go(page, 'Settings');
  await page.getByLabel('Sessions a week').fill('20');
  await page.getByRole('button', { name: 'Save plan' }).click();
  await expect(page.getByRole('alert')).toHaveText('Sessions a week is a whole number from 1 to 14.');
  expect(stance.count('glute_plans')).toBe(0);
});

test('Today opens each of the three things a runner logs right there, focus in its first field', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  const logging = page.getByRole('group', { name: 'Log' });
  await logging.getByRole('button', { name: 'Log pain' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'How does your knee feel today?' })).toBeVisible();
  await expect(page.getByLabel('Date')).toBeFocused();
  await logging.getByRole('button', { name: 'Log a session' }).click();
  await expect(page.getByRole('form', { name: 'Log a session' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  await logging.getByRole('button', { name: 'Log a run' }).click();
  await expect(page.getByRole('form', { name: 'Log a run' })).toBeVisible();
  await expect(page.getByLabel('Distance (miles)')).toBeFocused();
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
});
