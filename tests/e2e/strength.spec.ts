import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { launchStance, type Stance } from './harness';
import { screenshot } from './screens';

let stance: Stance;
test.afterEach(() => stance?.close());

async function openStrength(page: Page) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Strength' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Strength' })).toBeVisible();
}

async function expectNoSeriousViolations(page: Page, what: string) {
  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`), what).toEqual([]);
}

/** The open session editor (its title starts "Log a session" or "Edit the session"). */
function editor(page: Page) {
  return page.getByRole('form', { name: /^(Log a session|Edit the session)/ });
}

function strengthRows(stance: Stance) {
  return ['strength_sessions', 'session_exercises', 'exercise_sets'].map((table) => stance.count(table));
}

/** Picks an exercise from the library in the open editor and adds it. */
async function addExercise(page: Page, name: string) {
  await page.getByLabel(/^Add (an|another) exercise$/).selectOption({ label: name });
  await page.getByRole('button', { name: 'Add', exact: true }).click();
}

test('a session with two exercises and per-side sets is logged, edited, kept across a restart and deleted', async ({ page }) => {
  stance = await launchStance(page);
  await openStrength(page);
  await expectNoSeriousViolations(page, 'empty');
  await screenshot(page, 'strength-empty');

  await page.getByRole('button', { name: 'Log a session' }).click();
  await editor(page).getByLabel('Date').fill('2026-11-19');
  await editor(page).getByLabel('Minutes (optional)').fill('25');
  await page.getByLabel('How hard, 1–10 (optional)').selectOption('6');
  await addExercise(page, 'Clamshell');
  // The library's default: 3 sets of 20, each side.
  await expect(page.getByLabel('Clamshell set 3 right reps')).toHaveValue('20');
  await expect(page.getByLabel('Clamshell set 1 left reps')).toBeFocused();
  await page.getByLabel('Clamshell set 2 left reps').fill('18');
  await page.getByRole('region', { name: 'Clamshell' }).getByLabel('Band').fill('light');
  await addExercise(page, 'Glute bridge');
  await page.getByRole('button', { name: 'Add a set of Glute bridge' }).click();
  await page.getByLabel('Glute bridge set 4 reps').fill('12');
  await page.getByLabel('Glute bridge set 1 load in kg').fill('20');
  await expectNoSeriousViolations(page, 'editor');
  await screenshot(page, 'strength-editor');
  await page.getByRole('button', { name: 'Save session' }).click();

  await expect(page.getByRole('status')).toHaveText('Saved your session of Thu, 19 Nov 2026. It counts as glute work.');
  const row = page.getByTestId('session-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Glute/hip');
  await expect(row).toContainText('Clamshell left 20, 18, 20, right 3×20 · light band');
  await expect(row).toContainText('Glute bridge 15, 15, 15, 12 · 20 kg');
  await expect(row).toContainText('25 min · effort 6/10');
  expect(strengthRows(stance)).toEqual([1, 2, 10]);
  expect(stance.db.prepare("SELECT side, reps FROM exercise_sets WHERE set_number = 2 AND side != 'both' ORDER BY side").all()).toEqual([
    { side: 'left', reps: 18 },
    { side: 'right', reps: 20 },
  ]);

  await page.getByRole('button', { name: 'Edit the session of Thu, 19 Nov 2026' }).click();
  await expect(page.getByLabel('Clamshell set 2 left reps')).toHaveValue('18');
  await page.getByLabel('Clamshell set 2 left reps').fill('20');
  await page.getByRole('button', { name: 'Remove Glute bridge from the session' }).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(row).toContainText('Clamshell 3×20 each side · light band');
  await expect(row).not.toContainText('Glute bridge');
  expect(strengthRows(stance)).toEqual([1, 1, 6]);

  await stance.restart();
  await openStrength(page);
  await expect(page.getByTestId('session-row')).toContainText('Clamshell 3×20 each side · light band');

  await page.getByRole('button', { name: 'Delete the session of Thu, 19 Nov 2026' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this session?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  expect(strengthRows(stance)).toEqual([1, 1, 6]);
  await page.getByRole('button', { name: 'Delete the session of Thu, 19 Nov 2026' }).click();
  await dialog.getByRole('button', { name: 'Delete session' }).click();
  await expect(page.getByRole('status')).toHaveText('Deleted the session of Thu, 19 Nov 2026.');
  await expect(page.getByRole('heading', { name: 'No strength sessions yet' })).toBeVisible();
  expect(strengthRows(stance)).toEqual([0, 0, 0]);
});

test('a starter routine, and then "Repeat last session", each make a session in two clicks', async ({ page }) => {
  stance = await launchStance(page);
  await openStrength(page);

  await page.getByRole('button', { name: /^Hip strength session/ }).click();
  await page.getByRole('button', { name: 'Save session' }).click();
  const rows = page.getByTestId('session-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Banded single-leg squat (3/4 depth) 3×25 each side · medium band');
  await expect(rows.first()).toContainText('Side plank 3×30 s each side');
  expect(strengthRows(stance)).toEqual([1, 6, 36]);

  // The same session again on the same day: Stance asks first (Cancel keeps one; Save anyway, two).
  await page.getByRole('button', { name: /^Repeat last session/ }).click();
  await page.getByRole('button', { name: 'Save session' }).click();
  const prompt = page.getByRole('alert').filter({ hasText: 'You already logged' });
  await expect(prompt).toContainText(/^You already logged this session on \w{3} \d{1,2} \w{3}: the same exercises and sets\./);
  await screenshot(page, 'strength-duplicate-prompt');
  expect(strengthRows(stance)).toEqual([1, 6, 36]);
  await prompt.getByRole('button', { name: 'Cancel' }).click();
  await expect(rows).toHaveCount(1);
  expect(strengthRows(stance)).toEqual([1, 6, 36]);
  await page.getByRole('button', { name: /^Repeat last session/ }).click();
  await page.getByRole('button', { name: 'Save session' }).click();
  await prompt.getByRole('button', { name: 'Save anyway' }).click();
  await expect(rows).toHaveCount(2);
  expect(strengthRows(stance)).toEqual([2, 12, 72]);
  const dates = stance.db.prepare('SELECT DISTINCT local_date FROM strength_sessions').all();
  expect(dates).toHaveLength(1); // both dated today

  // A session of the runner's own becomes a routine of their own.
  await page.getByRole('button', { name: /^Save the session of .* as a routine$/ }).first().click();
  await page.getByLabel('Routine name').fill('Tuesday hips');
  await page.getByRole('button', { name: 'Save routine' }).click();
  await expect(page.getByRole('status')).toContainText('Saved the routine “Tuesday hips”.');
  await page.getByRole('button', { name: /^Tuesday hips/ }).click();
  await expect(page.getByRole('heading', { name: 'Log a session: Tuesday hips' })).toBeVisible();
  await expect(page.getByLabel('Side plank set 3 right seconds')).toHaveValue('30');
});

test('a runner adds an exercise of their own, a duplicate name is refused, and the new one is used in a session', async ({ page }) => {
  stance = await launchStance(page);
  await openStrength(page);
  const library = page.getByRole('region', { name: 'Exercise library' });

  await library.getByRole('button', { name: 'Add your own exercise' }).click();
  await library.getByLabel('Name').fill('Clamshell');
  await library.getByRole('button', { name: 'Add to library' }).click();
  await expect(library.getByRole('alert')).toHaveText('"Clamshell" is already in your library. Use it, or give yours another name.');

  await library.getByLabel('Name').fill('Monster walk');
  await library.getByLabel('One leg at a time').uncheck();
  await library.getByLabel('Usual sets').fill('2');
  await library.getByLabel('Usual reps per set').fill('20');
  await library.getByLabel('How to do it well (optional)').fill('Band around the ankles; walk forwards with feet wide.');
  await library.getByRole('button', { name: 'Add to library' }).click();
  await expect(page.getByRole('status')).toHaveText('Added “Monster walk” to your library. Pick it when you log a session.');
  await expect(library.getByRole('region', { name: 'Glute and hip' })).toContainText('Monster walk');
  await expect(library.getByRole('region', { name: 'Glute and hip' })).toContainText('2 × 20 reps');

  await page.getByRole('button', { name: 'Log a session' }).click();
  await addExercise(page, 'Monster walk');
  await expect(page.getByLabel('Monster walk set 2 reps')).toHaveValue('20');
  await page.getByRole('button', { name: 'Save session' }).click();
  await expect(page.getByTestId('session-row')).toContainText('Monster walk 2×20');
  await expect(page.getByTestId('session-row')).toContainText('Glute/hip');
});

test('recovery is logged apart from strength work and does not count as a glute session', async ({ page }) => {
  stance = await launchStance(page);
  await openStrength(page);
  const recovery = page.getByRole('region', { name: 'Recovery' });
  await expect(recovery).toContainText('They are not glute work');

  await recovery.getByLabel('What').selectOption({ label: 'Foam rolling' });
  await recovery.getByLabel('Minutes (optional)').fill('10');
  await recovery.getByLabel('Notes (optional)').fill('Outside of the right thigh');
  await recovery.getByRole('button', { name: 'Log recovery' }).click();
  await expect(page.getByRole('status')).toContainText('It is kept apart from your strength sessions.');
  await expect(recovery.getByTestId('recovery-row')).toContainText('Foam rolling');
  await expect(recovery.getByTestId('recovery-row')).toContainText('10 min');
  await expect(page.getByRole('heading', { name: 'No strength sessions yet' })).toBeVisible();
  expect(stance.count('recovery_entries')).toBe(1);
  expect(strengthRows(stance)).toEqual([0, 0, 0]);

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Today' }).click();
  await expect(page.getByTestId('days-since-glute')).toHaveCount(0);
  await openStrength(page);

  await recovery.getByRole('button', { name: /^Delete foam rolling of / }).click();
  await page.getByRole('dialog', { name: 'Delete this recovery entry?' }).getByRole('button', { name: 'Delete entry' }).click();
  await expect(recovery.getByTestId('recovery-row')).toHaveCount(0);
  expect(stance.count('recovery_entries')).toBe(0);
});

test('zero reps and a date in the far future are refused in words, and nothing is written', async ({ page }) => {
  stance = await launchStance(page);
  await openStrength(page);
  await page.getByRole('button', { name: 'Log a session' }).click();
  await addExercise(page, 'Clamshell');
  await page.getByLabel('Clamshell set 1 left reps').fill('0');
  await page.getByRole('button', { name: 'Save session' }).click();
  await expect(page.getByRole('alert')).toHaveText('Clamshell, set 1 (left): A set needs at least 1 rep (or 1 second). Fix the number or remove the set.');
  await expect(page.getByLabel('Clamshell set 1 left reps')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Clamshell set 1 left reps')).toBeFocused();
  await screenshot(page, 'strength-refused');
  expect(strengthRows(stance)).toEqual([0, 0, 0]);

  await page.getByLabel('Clamshell set 1 left reps').fill('20');
  await editor(page).getByLabel('Date').fill('2031-06-01');
  await page.getByRole('button', { name: 'Save session' }).click();
  await expect(page.getByRole('alert')).toHaveText('That date is in the future. Give the day you did the session.');
  await expect(editor(page).getByLabel('Date')).toHaveAttribute('aria-invalid', 'true');
  expect(strengthRows(stance)).toEqual([0, 0, 0]);

  await page.getByRole('button', { name: 'Remove Clamshell from the session' }).click();
  await editor(page).getByLabel('Date').fill('2026-11-20');
  await page.getByRole('button', { name: 'Save session' }).click();
  await expect(page.getByRole('alert')).toHaveText('Add at least one exercise to the session.');
  expect(strengthRows(stance)).toEqual([0, 0, 0]);
});

test('with sessions, recovery and the editor open, the page has no serious accessibility problems', async ({ page }) => {
  stance = await launchStance(page);
  await openStrength(page);
  await page.getByRole('button', { name: /^Pre-run glute activation/ }).click();
  await page.getByRole('button', { name: 'Save session' }).click();
  await page.getByRole('button', { name: 'Log a session' }).click();
  await editor(page).getByLabel('Date').fill('2026-11-17');
  await addExercise(page, 'Single-leg deadlift');
  await page.getByLabel('Single-leg deadlift set 1 load in kg').fill('12');
  await page.getByLabel('Single-leg deadlift set 2 load in kg').fill('12');
  await page.getByLabel('Single-leg deadlift set 3 load in kg').fill('12');
  await addExercise(page, 'Short-foot exercise');
  await editor(page).getByLabel('Notes (optional)').fill('Tired legs after the long run.');
  await page.getByRole('button', { name: 'Save session' }).click();
  const recovery = page.getByRole('region', { name: 'Recovery' });
  await recovery.getByLabel('What').selectOption({ label: 'Stretching' });
  await recovery.getByLabel('Minutes (optional)').fill('15');
  await recovery.getByRole('button', { name: 'Log recovery' }).click();
  await expect(page.getByTestId('session-row')).toHaveCount(2);
  await expect(page.getByTestId('recovery-row')).toHaveCount(1);
  await expectNoSeriousViolations(page, 'full');
  await screenshot(page, 'strength-full');

  await page.getByRole('button', { name: /^Repeat last session/ }).click();
  await expect(page.getByLabel('Glute bridge set 1 reps')).toHaveValue('15');
  await expectNoSeriousViolations(page, 'editor, pre-filled');
  await screenshot(page, 'strength-editor-repeat');
});

test('the session form works from the keyboard alone', async ({ page }) => {
  stance = await launchStance(page);
  await openStrength(page);
  await page.getByRole('button', { name: 'Log a session' }).focus();
  await page.keyboard.press('Enter');
  const picker = page.getByLabel('Add an exercise');
  await expect(picker).toBeFocused();
  await page.keyboard.type('Clam');
  await expect(picker).toHaveValue(/\d+/);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Add', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Clamshell set 1 left reps')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('25');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('22');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('session-row')).toContainText('Clamshell left 25, 20, 20, right 22, 20, 20');
  expect(strengthRows(stance)).toEqual([1, 1, 6]);
});

test('the session editor shows every problem at once, each beside its input, and writes nothing', async ({ page }) => {
  test.setTimeout(240_000);
  stance = await launchStance(page);
  await openStrength(page);
  await page.getByRole('button', { name: 'Log a session' }).click();
  await addExercise(page, 'Glute bridge');
  await addExercise(page, 'Clamshell');
  const form = editor(page);
  await form.getByLabel('Minutes (optional)').fill('half an hour');
  await form.getByLabel('Glute bridge set 1 reps').fill('ten');
  await form.getByLabel(/^Glute bridge set 2 load in /).fill('heavy');
  await form.getByLabel('Clamshell set 1 left reps').fill('');
  await form.getByLabel('Clamshell set 1 right reps').fill('');
  await form.getByRole('button', { name: 'Save session' }).click();

  await expect(form.getByRole('alert')).toHaveCount(4);
  await expect(form.getByText('Give the duration in whole minutes, e.g. 20.')).toBeVisible();
  await expect(form.getByText('Glute bridge, set 1: give the reps as a whole number.')).toBeVisible();
  await expect(form.getByText(/^Glute bridge, set 2: give the load in (kg|lb) as a number/)).toBeVisible();
  await expect(form.getByText('Clamshell, set 1: give the reps for at least one side, or remove the set.')).toBeVisible();
  for (const field of ['Minutes (optional)', 'Glute bridge set 1 reps', 'Clamshell set 1 left reps']) await expect(form.getByLabel(field)).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Clamshell set 1 right reps')).toHaveAttribute('aria-invalid', 'false');
  // Each marked input points at its own message; the focus is on the first to fix.
  const described = await form.getByLabel('Glute bridge set 1 reps').getAttribute('aria-describedby');
  await expect(page.locator(`[id="${described}"]`)).toHaveText('Glute bridge, set 1: give the reps as a whole number.');
  await expect(form.getByLabel('Minutes (optional)')).toBeFocused();
  expect(strengthRows(stance)).toEqual([0, 0, 0]);
  await expectNoSeriousViolations(page, 'editor with problems');
  for (const theme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: theme });
    for (const [width, height] of [
      [1024, 700],
      [1600, 1000],
    ] as const) {
      await page.setViewportSize({ width, height });
      await screenshot(page, `strength-editor-problems-${width}-${theme}`);
    }
  }
  await expectNoSeriousViolations(page, 'editor with problems, dark');

  // Fixed, the session saves; main's own refusal (zero reps) still lands under its input.
  await form.getByLabel('Minutes (optional)').fill('20');
  await form.getByLabel('Glute bridge set 1 reps').fill('0');
  await form.getByLabel(/^Glute bridge set 2 load in /).fill('');
  await form.getByLabel('Clamshell set 1 left reps').fill('12');
  await form.getByRole('button', { name: 'Save session' }).click();
  await expect(form.getByRole('alert')).toHaveCount(1);
  await expect(form.getByLabel('Glute bridge set 1 reps')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Glute bridge set 1 reps')).toBeFocused();
  expect(strengthRows(stance)).toEqual([0, 0, 0]);
  await form.getByLabel('Glute bridge set 1 reps').fill('12');
  await form.getByRole('button', { name: 'Save session' }).click();
  await expect(editor(page)).toHaveCount(0);
  expect(strengthRows(stance)[0]).toBe(1);
});
