import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { launchStance, type Stance } from './harness';
import { screenshot } from './screens';

let stance: Stance;
test.afterEach(() => stance?.close());

const METRES_PER_MILE = 1609.344;
const SCORE_MESSAGE = 'The score is from 0 (no pain) to 10 (the worst pain imaginable).';

async function openPain(page: Page) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Pain' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Pain' })).toBeVisible();
}

/** Logs a run straight through window.stance, as the Runs page would. */
async function logRun(page: Page, localDate: string, miles: number): Promise<number> {
  const result = await page.evaluate(
    ([date, metres]) =>
      window.stance.runs.add({ localDate: date, localTime: '07:30', timeZone: 'Europe/London', distanceMetres: metres, durationSeconds: metres / 3 }),
    [localDate, miles * METRES_PER_MILE] as const,
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.value.id;
}

async function expectNoSeriousViolations(page: Page, where: string) {
  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`), where).toEqual([]);
}

/** Everything the database holds about pain, to prove a refusal changed nothing. */
function painRecords(stance: Stance) {
  return {
    runs: stance.db.prepare('SELECT id, pain_status, updated_at FROM runs ORDER BY id').all(),
    sites: stance.db.prepare('SELECT * FROM run_pain ORDER BY id').all(),
    checkins: stance.db.prepare('SELECT * FROM pain_checkins ORDER BY id').all(),
  };
}

/** Presses Tab until `target` has the focus (as a keyboard user would), failing after a sane number of presses. */
async function tabTo(page: Page, target: Locator) {
  for (let presses = 0; presses < 30; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

function editor(page: Page) {
  return page.getByRole('form', { name: /Knee pain on the run of/ });
}

test('a run’s pain — none, or an onset at two places — is saved, survives a restart, and can be changed and cleared', async ({ page }) => {
  stance = await launchStance(page);
  const easyRun = await logRun(page, '2026-11-16', 6.2);
  const longRun = await logRun(page, '2026-11-18', 8);
  await openPain(page);
  await expect(page.getByTestId('waiting-run')).toHaveCount(2);

  // No pain for the easy run: two clicks.
  await page.getByRole('button', { name: 'Record pain for the run of Mon, 16 Nov 2026' }).click();
  await expect(editor(page)).toContainText('6.20 mi');
  await editor(page).getByRole('radio', { name: /No pain/ }).check();
  await editor(page).getByRole('button', { name: 'Save pain note' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved the pain note for the run of Mon, 16 Nov 2026 at 07:30.');
  await expect(page.getByTestId('waiting-run')).toHaveCount(1);

  // The long run: left IT band from mile 4 (walked), then the right hip from mile 6.
  await page.getByRole('button', { name: 'Record pain for the run of Wed, 18 Nov 2026' }).click();
  const form = editor(page);
  await form.getByRole('radio', { name: /Knee pain started at/ }).check();
  const first = form.getByRole('group', { name: 'Where it hurt' });
  await expect(first.getByRole('group', { name: 'Where' }).getByRole('radio', { name: 'Outside of knee (IT band)' })).toBeChecked();
  await expect(first.getByText('This run was 8.00 mi.')).toBeVisible();
  await first.getByLabel('Started at (miles)').fill('4');
  await first.getByLabel('Worst pain (0–10)').fill('6');
  await first.getByRole('group', { name: 'Side' }).getByRole('radio', { name: 'Left' }).check();
  await first.getByRole('group', { name: 'What you did' }).getByRole('radio', { name: 'Walked' }).check();
  await form.getByRole('button', { name: '+ Another place that hurt' }).click();
  const second = form.getByRole('group', { name: 'Where it hurt · 2 of 2' });
  await second.getByLabel('Started at (miles)').fill('6');
  await second.getByLabel('Worst pain (0–10)').fill('3');
  await second.getByRole('group', { name: 'Where' }).getByRole('radio', { name: 'Hip' }).check();
  await second.getByRole('group', { name: 'Side' }).getByRole('radio', { name: 'Right' }).check();
  await second.getByLabel('Notes (optional)').fill('on the climb');
  await screenshot(page, 'pain-editor-two-places');
  await form.getByRole('button', { name: 'Save pain note' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved the pain note for the run of Wed, 18 Nov 2026 at 07:30.');

  const checkRecorded = async () => {
    const rows = page.getByTestId('recorded-run');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText('Wed, 18 Nov 2026');
    await expect(rows.nth(0)).toContainText('Left knee, outside (IT band)');
    await expect(rows.nth(0)).toContainText('from 4.00 mi · walked');
    await expect(rows.nth(0)).toContainText('Right hip');
    await expect(rows.nth(0)).toContainText('from 6.00 mi · kept going');
    await expect(rows.nth(1)).toContainText('No pain');
    await expect(page.getByTestId('waiting-run')).toHaveCount(0);
    await expect(page.getByText('Every run has an answer.')).toBeVisible();
  };
  await checkRecorded();
  const statuses = () => stance.db.prepare('SELECT id, pain_status AS status FROM runs ORDER BY id').all();
  expect(statuses()).toEqual([
    { id: easyRun, status: 'none' },
    { id: longRun, status: 'pain' },
  ]);
  const sites = stance.db.prepare('SELECT run_id, onset_m, location, side, worst_score, action, notes FROM run_pain ORDER BY onset_m').all();
  expect(sites).toEqual([
    { run_id: longRun, onset_m: 4 * METRES_PER_MILE, location: 'lateral_knee', side: 'left', worst_score: 6, action: 'walked', notes: '' },
    { run_id: longRun, onset_m: 6 * METRES_PER_MILE, location: 'hip', side: 'right', worst_score: 3, action: 'kept_going', notes: 'on the climb' },
  ]);

  await stance.restart();
  await openPain(page);
  await checkRecorded();
  await screenshot(page, 'pain-full');

  // Change: the knee was a 5, and the hip was nothing after all.
  await page.getByRole('button', { name: 'Change the pain note for the run of Wed, 18 Nov 2026' }).click();
  await expect(form.getByRole('radio', { name: /Knee pain started at/ })).toBeChecked();
  const kneeSite = form.getByRole('group', { name: 'Where it hurt · 1 of 2' });
  await expect(kneeSite.getByLabel('Started at (miles)')).toHaveValue('4');
  await kneeSite.getByLabel('Worst pain (0–10)').fill('5');
  await form.getByRole('group', { name: 'Where it hurt · 2 of 2' }).getByRole('button', { name: 'Remove this place' }).click();
  await form.getByRole('button', { name: 'Save pain note' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved the pain note for the run of Wed, 18 Nov 2026 at 07:30.');
  expect(stance.db.prepare('SELECT side, worst_score FROM run_pain').all()).toEqual([{ side: 'left', worst_score: 5 }]);
  await expect(page.getByTestId('recorded-run').nth(0)).not.toContainText('Right hip');

  // Clear both notes as "Not recorded": the runner's answer, so they stop waiting (and the Insights leave them out).
  for (const date of ['Wed, 18 Nov 2026', 'Mon, 16 Nov 2026']) {
    await page.getByRole('button', { name: `Change the pain note for the run of ${date}` }).click();
    await form.getByRole('radio', { name: /Not recorded/ }).check();
    await form.getByRole('button', { name: 'Save pain note' }).click();
    await expect(page.getByRole('status')).toHaveText(`Saved the pain note for the run of ${date} at 07:30.`);
  }
  expect(statuses()).toEqual([
    { id: easyRun, status: 'unrecorded' },
    { id: longRun, status: 'unrecorded' },
  ]);
  expect(stance.count('run_pain')).toBe(0);
  expect(stance.db.prepare('SELECT count(*) AS n FROM runs WHERE pain_not_recorded = 1').get()).toEqual({ n: 2 });
  await expect(page.getByTestId('waiting-run')).toHaveCount(0);
  await expect(page.getByText('2 runs are left as not recorded.')).toBeVisible();
  await expect(page.getByTestId('recorded-run')).toHaveCount(0);
});

test('an onset beyond the run and a score of 11 are refused in words, and nothing is written', async ({ page }) => {
  stance = await launchStance(page);
  await logRun(page, '2026-11-16', 6.2);
  await openPain(page);
  await page.getByRole('button', { name: 'Record pain for the run of Mon, 16 Nov 2026' }).click();
  const form = editor(page);
  await form.getByRole('button', { name: 'Save pain note' }).click();
  await expect(form.getByRole('alert')).toHaveText('Choose "No pain", "Knee pain started at…" or "Not recorded" first.');
  await form.getByRole('radio', { name: /Knee pain started at/ }).check();
  await form.getByLabel('Started at (miles)').fill('7');
  await form.getByLabel('Worst pain (0–10)').fill('6');
  await form.getByRole('radio', { name: 'Left' }).check();
  const before = painRecords(stance);

  await form.getByRole('button', { name: 'Save pain note' }).click();
  await expect(form.getByRole('alert')).toHaveText('The pain started at 7.00 mi, but this run was 6.20 mi. Give a distance within the run.');
  await expect(form.getByLabel('Started at (miles)')).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'pain-refused-onset');
  expect(painRecords(stance)).toEqual(before);

  await form.getByLabel('Started at (miles)').fill('4');
  await form.getByLabel('Worst pain (0–10)').fill('11');
  await form.getByRole('button', { name: 'Save pain note' }).click();
  await expect(form.getByRole('alert')).toHaveText(SCORE_MESSAGE);
  await expect(form.getByLabel('Worst pain (0–10)')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Started at (miles)')).toHaveAttribute('aria-invalid', 'false');
  expect(painRecords(stance)).toEqual(before);

  // The same refusals at the door, for any caller.
  const refused = await page.evaluate(() =>
    window.stance.pain.setForRun({
      runId: 1,
      status: 'pain',
      sites: [{ painOnsetMetres: 1000, location: 'lateral_knee', side: 'left', worstScore: 11, action: 'stopped' }],
    }),
  );
  expect(refused).toEqual({ ok: false, error: { kind: 'invalid', message: SCORE_MESSAGE, field: 'sites.0.worstScore' } });
  const unknownRun = await page.evaluate(() => window.stance.pain.setForRun({ runId: 404, status: 'none', sites: [] }));
  expect(unknownRun).toMatchObject({ ok: false, error: { kind: 'refused', message: 'That run no longer exists. It may have been deleted.' } });
  expect(painRecords(stance)).toEqual(before);
  expect(stance.faults).toEqual([]);
});

test('check-ins are added, edited, deleted after a confirmation, kept across a restart, and the far future is refused', async ({ page }) => {
  stance = await launchStance(page);
  await openPain(page);
  const form = page.getByRole('form', { name: 'How does your knee feel today?' });

  await form.getByLabel('Date').fill('2026-11-17');
  await form.getByLabel('Left knee (0–10)').fill('3');
  await form.getByLabel('Right knee (0–10)').fill('1');
  await form.getByRole('radio', { name: 'Morning' }).check();
  await form.getByLabel('Notes (optional)').fill('stiff getting up');
  await form.getByRole('button', { name: 'Save check-in' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved your check-in for Tue, 17 Nov 2026.');

  await form.getByLabel('Date').fill('2026-11-19');
  await form.getByLabel('Right knee (0–10)').fill('5');
  await form.getByRole('radio', { name: 'Stairs' }).check();
  await form.getByRole('button', { name: 'Save check-in' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved your check-in for Thu, 19 Nov 2026.');

  const rows = page.getByTestId('checkin-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Thu, 19 Nov 2026');
  await expect(rows.nth(0)).toContainText('Stairs');
  await expect(rows.nth(0)).toContainText('5 out of 10');
  await expect(rows.nth(0)).toContainText('not scored');
  await expect(rows.nth(1)).toContainText('Morning');
  await expect(rows.nth(1)).toContainText('stiff getting up');

  // Edit the first: the left knee was a 2.
  await page.getByRole('button', { name: 'Edit the check-in of Tue, 17 Nov 2026' }).click();
  const editForm = page.getByRole('form', { name: 'Edit check-in' });
  await expect(editForm.getByLabel('Left knee (0–10)')).toHaveValue('3');
  await editForm.getByLabel('Left knee (0–10)').fill('2');
  await screenshot(page, 'pain-checkin-edit');
  await editForm.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved changes to the check-in of Tue, 17 Nov 2026.');
  expect(stance.db.prepare('SELECT local_date, context, left_score, right_score, notes FROM pain_checkins ORDER BY local_date').all()).toEqual([
    { local_date: '2026-11-17', context: 'morning', left_score: 2, right_score: 1, notes: 'stiff getting up' },
    { local_date: '2026-11-19', context: 'stairs', left_score: null, right_score: 5, notes: '' },
  ]);

  // Delete asks first; "Keep it" keeps it.
  await page.getByRole('button', { name: 'Delete the check-in of Thu, 19 Nov 2026' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this check-in?' });
  await expect(dialog).toContainText('The check-in of Thu, 19 Nov 2026 (stairs) will be deleted.');
  await dialog.getByRole('button', { name: 'Keep it' }).click();
  expect(stance.count('pain_checkins')).toBe(2);
  await page.getByRole('button', { name: 'Delete the check-in of Thu, 19 Nov 2026' }).click();
  await dialog.getByRole('button', { name: 'Delete check-in' }).click();
  await expect(page.getByRole('status')).toHaveText('Deleted the check-in of Thu, 19 Nov 2026.');
  await expect(rows).toHaveCount(1);
  expect(stance.count('pain_checkins')).toBe(1);

  await stance.restart();
  await openPain(page);
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toContainText('Tue, 17 Nov 2026');
  await expect(rows.nth(0)).toContainText('2 out of 10');

  // Refused: a date in the far future, and a score of 11.
  const before = painRecords(stance);
  await form.getByLabel('Date').fill('2031-01-01');
  await form.getByLabel('Left knee (0–10)').fill('2');
  await form.getByRole('button', { name: 'Save check-in' }).click();
  await expect(form.getByRole('alert')).toHaveText('That date is in the future. A check-in is for today or a day before.');
  await expect(form.getByLabel('Date')).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'pain-checkin-refused');
  await form.getByLabel('Date').fill('2026-11-20');
  await form.getByLabel('Left knee (0–10)').fill('11');
  await form.getByRole('button', { name: 'Save check-in' }).click();
  await expect(form.getByRole('alert')).toHaveText(SCORE_MESSAGE);
  await form.getByLabel('Left knee (0–10)').fill('');
  await form.getByRole('button', { name: 'Save check-in' }).click();
  await expect(form.getByRole('alert')).toHaveText('Give a score for the left knee, the right knee, or both.');
  expect(painRecords(stance)).toEqual(before);
});

test('the Pain page has no serious accessibility problems: empty, full, and with the editor open', async ({ page }) => {
  stance = await launchStance(page);
  await openPain(page);
  await expect(page.getByRole('heading', { name: 'No pain recorded yet' })).toBeVisible();
  await screenshot(page, 'pain-empty');
  await expectNoSeriousViolations(page, 'empty');

  const runId = await logRun(page, '2026-11-18', 8);
  await logRun(page, '2026-11-19', 4);
  await page.evaluate(
    (id) =>
      window.stance.pain.setForRun({
        runId: id,
        status: 'pain',
        sites: [
          { painOnsetMetres: 6000, location: 'lateral_knee', side: 'left', worstScore: 7, action: 'walked' },
          { painOnsetMetres: 9000, location: 'hip', side: 'left', worstScore: 2, action: 'kept_going' },
        ],
      }),
    runId,
  );
  await page.evaluate(() => window.stance.checkins.add({ localDate: '2026-11-19', context: 'morning', leftScore: 4, rightScore: 0 }));
  await page.evaluate(() => window.stance.checkins.add({ localDate: '2026-11-20', context: 'stairs', leftScore: 1, notes: 'better today' }));
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Today' }).click();
  await openPain(page);
  await expect(page.getByTestId('recorded-run')).toHaveCount(1);
  await expect(page.getByRole('heading', { name: 'No pain recorded yet' })).toHaveCount(0);
  await screenshot(page, 'pain-page');
  await expectNoSeriousViolations(page, 'full');

  await page.getByRole('button', { name: 'Record pain for the run of Thu, 19 Nov 2026' }).click();
  await editor(page).getByRole('radio', { name: /Knee pain started at/ }).check();
  await screenshot(page, 'pain-editor');
  await expectNoSeriousViolations(page, 'editor open');
  expect(stance.blockedRequests).toEqual([]);
});

test('a check-in and a run’s pain can be recorded from the keyboard alone', async ({ page }) => {
  stance = await launchStance(page);
  const runId = await logRun(page, '2026-11-18', 6);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('button', { name: 'Pain' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Pain' })).toBeVisible();

  // The run: Tab to its button, Enter, then choose and fill with arrows, typing and Tab.
  const record = page.getByRole('button', { name: 'Record pain for the run of Wed, 18 Nov 2026' });
  await tabTo(page, record);
  await page.keyboard.press('Enter');
  const form = editor(page);
  await expect(form.getByRole('radio', { name: /No pain/ })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(form.getByRole('radio', { name: /Knee pain started at/ })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Started at (miles)')).toBeFocused();
  await page.keyboard.type('3.5');
  await page.keyboard.press('Tab');
  await page.keyboard.type('5');
  await page.keyboard.press('Tab'); // Where: the outside of the knee is already chosen
  await expect(form.getByRole('radio', { name: 'Outside of knee (IT band)' })).toBeFocused();
  await page.keyboard.press('Tab'); // Side: nothing chosen yet
  await page.keyboard.press('ArrowRight');
  await expect(form.getByRole('radio', { name: 'Right', exact: true })).toBeChecked();
  await page.keyboard.press('Tab'); // What you did
  await page.keyboard.press('ArrowRight');
  await expect(form.getByRole('radio', { name: 'Slowed' })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Notes (optional)')).toBeFocused();
  await page.keyboard.type('tight on the camber');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Saved the pain note for the run of Wed, 18 Nov 2026 at 07:30.');
  expect(stance.db.prepare('SELECT run_id, onset_m, location, side, worst_score, action, notes FROM run_pain').all()).toEqual([
    { run_id: runId, onset_m: 3.5 * METRES_PER_MILE, location: 'lateral_knee', side: 'right', worst_score: 5, action: 'slowed', notes: 'tight on the camber' },
  ]);

  // The check-in: today's date is already there; Tab on to the scores, arrows for "when", Enter to save.
  const checkin = page.getByRole('form', { name: 'How does your knee feel today?' });
  await tabTo(page, checkin.getByLabel('Left knee (0–10)'));
  await page.keyboard.type('4');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2');
  await page.keyboard.press('Tab');
  await expect(checkin.getByRole('radio', { name: 'General' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(checkin.getByRole('radio', { name: 'Morning' })).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.type('fine on the stairs');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('checkin-row')).toHaveCount(1);
  expect(stance.db.prepare('SELECT context, left_score, right_score, notes FROM pain_checkins').all()).toEqual([
    { context: 'morning', left_score: 4, right_score: 2, notes: 'fine on the stairs' },
  ]);
});
