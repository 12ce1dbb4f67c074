/**
 * The physiotherapist's check-ins in the window: the weekly OSTRC-O2 knee check on Today, the
 * pain after a run and the next morning with the run's traffic light, and the one-page report
 * saved as a PDF (Chromium's PDF output here, Electron's printToPDF in the app), read back with
 * poppler's pdftotext and turned into a PNG with pdftoppm for a person to look at.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { launchStance, type Stance } from './harness';
import { screenshot } from './screens';
import { addRun } from '../../src-main/db/runs';
import { setRunPain } from '../../src-main/db/pain';
import { setPlan } from '../../src-main/db/glute-plan';
import { updateSettings } from '../../src-main/db/settings';
import { saveOstrcWeek, setRunFollowup } from '../../src-main/db/clinic-checkins';
import type { StanceDatabase } from '../../src-main/db/open';

let stance: Stance;
test.afterEach(() => stance?.close());

/** Thursday 26 November 2026, 09:00 in London; weeks start on Monday: this week began on the 23rd. */
const thursday = () => new Date('2026-11-26T09:00:00Z');
const zone = 'Europe/London';

function run(db: StanceDatabase, localDate: string, kilometres: number, worstScore: number | null, onsetKilometres = 5) {
  const added = addRun(
    db,
    { localDate, localTime: '07:00', timeZone: zone, distanceMetres: kilometres * 1000, durationSeconds: kilometres * 330, effort: null, surface: 'road', shoeId: null, notes: '' },
    thursday(),
  );
  setRunPain(
    db,
    worstScore === null
      ? { runId: added.id, status: 'none', sites: [] }
      : { runId: added.id, status: 'pain', sites: [{ painOnsetMetres: onsetKilometres * 1000, location: 'lateral_knee', side: 'left', worstScore, action: 'slowed', notes: '' }] },
    thursday(),
  );
  return added;
}

async function go(page: Page, section: string) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section }).click();
}

test('Today offers the weekly knee check once a week; the gatekeeper answer ends it; the answers are scored and kept', async ({ page }) => {
  stance = await launchStance(page, { now: thursday });
  updateSettings(stance.db, { units: 'km' });
  run(stance.db, '2026-11-24', 8, null);
  await page.reload();

  const check = page.getByRole('region', { name: 'Weekly knee check' });
  await expect(check).toContainText('four questions about your knee over the past 7 days');
  await check.getByRole('button', { name: 'Answer 4 questions' }).click();
  const form = page.getByRole('form', { name: 'Weekly knee check' });
  await expect(form.getByRole('group')).toHaveCount(4);

  // "Full participation without knee problems": the other three are not asked.
  await form.getByRole('radio', { name: 'Full participation without knee problems' }).check();
  await expect(form.getByRole('group')).toHaveCount(1);
  await expect(form).toContainText('the other questions are not asked');

  await form.getByRole('radio', { name: 'Reduced participation due to knee problems' }).check();
  await expect(form.getByRole('group')).toHaveCount(4);
  await form.getByRole('button', { name: 'Save this week’s check' }).click();
  await expect(form.getByText('Answer question 2 too.')).toBeVisible();
  expect(stance.count('ostrc_weeks')).toBe(0);

  await form.getByRole('group', { name: /modified your training/ }).getByRole('radio', { name: 'To a moderate extent' }).check();
  await form.getByRole('group', { name: /affected your performance/ }).getByRole('radio', { name: 'To a minor extent' }).check();
  await form.getByRole('group', { name: /experienced knee pain/ }).getByRole('radio', { name: 'Moderate pain' }).check();
  await page.setViewportSize({ width: 1024, height: 700 });
  await screenshot(page, 'clinic-knee-check-1024');
  await page.setViewportSize({ width: 1600, height: 1000 });
  await screenshot(page, 'clinic-knee-check-1600');
  await form.getByRole('button', { name: 'Save this week’s check' }).click();

  await expect(page.getByRole('status')).toHaveText('Saved this week’s knee check: severity 59 of 100, a substantial problem.');
  await expect(page.getByTestId('knee-check-result')).toContainText('severity 59 of 100 — a substantial problem');
  expect(stance.db.prepare('SELECT week_start, q1, q2, q3, q4 FROM ostrc_weeks').all()).toEqual([{ week_start: '2026-11-23', q1: 17, q2: 17, q3: 8, q4: 17 }]);

  await stance.restart();
  await expect(page.getByTestId('knee-check-result')).toContainText('severity 59 of 100');
  await expect(page.getByRole('button', { name: 'Answer 4 questions' })).toHaveCount(0);

  // The trend on the Pain page: 12 weeks, this one answered and marked substantial, the others not answered.
  saveOstrcWeek(stance.db, { weekStart: '2026-11-16', q1: 8, q2: 0, q3: 0, q4: 8 }, { now: thursday(), timeZone: zone });
  await go(page, 'Pain');
  const trend = page.getByRole('region', { name: 'Weekly knee check: the last 12 weeks' });
  await expect(trend.getByTestId('ostrc-week')).toHaveCount(12);
  await expect(trend.getByRole('img')).toHaveAttribute('aria-label', /Mon 16 Nov 16; Mon 23 Nov 59, substantial problem$/);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await screenshot(page, 'clinic-knee-trend-1600');
});

test('after a run that hurt, Today asks for the pain after it and the next morning; the run shows its traffic light', async ({ page }) => {
  stance = await launchStance(page, { now: thursday });
  updateSettings(stance.db, { units: 'km', theme: 'dark' });
  run(stance.db, '2026-11-18', 8, 3);
  const yesterday = run(stance.db, '2026-11-25', 10, 4, 6.5);
  await page.reload();

  const ask = page.getByRole('region', { name: /Knee pain after the run of/ });
  await expect(ask).toContainText('Your knee after the run of');
  await expect(ask.getByTestId('pain-light')).toContainText('Amber');
  await ask.getByLabel('Worst pain after the run (0–10)').fill('5');
  await ask.getByLabel('Next morning (0–10)').fill('4');
  await ask.getByRole('button', { name: 'Save scores' }).click();
  await expect(page.getByRole('status')).toContainText('Saved the pain scores for your run of');
  // Both scores given: nothing more to ask.
  await expect(page.getByRole('region', { name: /Knee pain after the run of/ })).toHaveCount(0);
  const line = page.getByTestId('pain-week-line');
  await expect(line).toContainText('worst 5/10, acceptable (3–5).');
  await expect(line).toContainText('1 run still hurt above 2/10 the next morning.');
  await expect(line).toContainText('Worst pain rose to 5/10 from the week before.');
  await expect(line).toContainText('Silbernagel');
  await expect(line).toContainText('not a diagnosis');
  expect(stance.db.prepare('SELECT after_score, next_morning_score FROM run_pain_followups WHERE run_id = ?').get(yesterday.id)).toEqual({ after_score: 5, next_morning_score: 4 });
  await page.setViewportSize({ width: 1024, height: 700 });
  await screenshot(page, 'clinic-today-line-dark-1024');

  await go(page, 'Runs');
  await page.getByTestId('run-row').filter({ hasText: '25 Nov 2026' }).getByRole('button', { name: /^\w{3}, 25 Nov 2026 at / }).click();
  const light = page.getByTestId('pain-light');
  await expect(light).toContainText('Red');
  await expect(light).toContainText('Not settled by the next morning (4/10).');
  await expect(light).toContainText('pain-monitoring model (Silbernagel et al., Am J Sports Med 2007; Vincent & Vincent, Curr Sports Med Rep 2017)');
  await screenshot(page, 'clinic-run-light-dark-1024');
  updateSettings(stance.db, { theme: 'light' });
  await page.reload();
  await go(page, 'Runs');
  await page.getByTestId('run-row').filter({ hasText: '25 Nov 2026' }).getByRole('button', { name: /^\w{3}, 25 Nov 2026 at / }).click();
  await page.setViewportSize({ width: 1600, height: 1000 });
  await expect(page.getByTestId('pain-light')).toContainText('Red');
  await screenshot(page, 'clinic-run-light-1600');
});

test('the one-page report is saved as a PDF on A4 with the runner’s figures in it', async ({ page }) => {
  stance = await launchStance(page, { now: thursday });
  const db = stance.db;
  updateSettings(db, { units: 'km' });
  setPlan(db, { effectiveFrom: '2026-10-01', kind: 'per_week', sessionsPerWeek: 3, everyNDays: null }, thursday());
  run(db, '2026-11-03', 8, null);
  run(db, '2026-11-10', 10, 3, 7.5);
  const hurt = run(db, '2026-11-18', 12, 7, 4.2);
  setRunFollowup(db, { runId: hurt.id, afterScore: 6, nextMorningScore: 4 }, { now: thursday(), timeZone: zone });
  run(db, '2026-11-24', 6, null);
  saveOstrcWeek(db, { weekStart: '2026-11-09', q1: 8, q2: 0, q3: 0, q4: 8 }, { now: thursday(), timeZone: zone });
  saveOstrcWeek(db, { weekStart: '2026-11-16', q1: 17, q2: 17, q3: 8, q4: 17 }, { now: thursday(), timeZone: zone });
  saveOstrcWeek(db, { weekStart: '2026-11-23', q1: 0, q2: null, q3: null, q4: null }, { now: thursday(), timeZone: zone });
  await page.reload();

  await go(page, 'Report');
  await page.getByLabel('Weeks').selectOption('4');
  const sheet = page.getByTestId('report-sheet');
  await expect(sheet).toContainText('Mon, 2 Nov 2026 – Sun, 29 Nov 2026 (4 weeks)');
  await expect(sheet.getByTestId('ostrc-week')).toHaveCount(4);
  await page.setViewportSize({ width: 1024, height: 700 });
  await screenshot(page, 'clinic-report-screen-1024');

  await page.getByRole('button', { name: 'Save as PDF' }).click();
  await expect(page.getByRole('status')).toContainText('Saved the report as');
  const pdf = path.join(stance.dataFolder, 'reports', 'stance-report-2026-11-26-4-weeks.pdf');
  expect(fs.existsSync(pdf)).toBe(true);

  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  expect(info).toMatch(/Pages:\s+1\n/);
  expect(info).toMatch(/Page size:\s+59[56]\.\d+ x 84[12]\.\d+ pts \(A4\)/);
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  expect(text).toContain('Knee report: running, ITB pain and glute work');
  expect(text).toContain('Glute work 3× a week');
  expect(text).toMatch(/Mon 16 Nov\s+1\s+12\.0 km\s+0 \/ 3 \(short\)\s+59 \(substantial\)\s+7/);
  expect(text).toMatch(/Mon 9 Nov\s+1\s+10\.0 km\s+0 \/ 3 \(short\)\s+16\s+3/);
  expect(text).toMatch(/Wed 18 Nov, 12\.0 km\s+4\.2 km\s+Outside of knee \(IT band\)\s+Left\s+7/);
  // Sentences in the order they were written (the two columns would interleave in the layout mode), lines joined.
  const flat = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(flat).toContain('Week of Mon 16 Nov: Pain reached 7/10, above the acceptable 5.');
  expect(flat).toContain('Week of Mon 16 Nov: 1 run still hurt above 2/10 the next morning.');
  expect(flat).toContain('not a diagnosis');
  expect(flat).toContain('OSTRC-O2 (Clarsen et al., Br J Sports Med 2020; doi 10.1136/bjsports-2019-101337)');
  // The Insights' fixed analysis: the verdict first, its groups, and the period it truly covers (from the first run with a pain note).
  expect(flat).toContain('Verdict: not enough to tell yet.');
  expect(flat).toContain('This analysis covers Tue, 3 Nov 2026 – Tue, 24 Nov 2026: every run since your first run with a pain note, for pain on the outside of the knee (either side).');
  expect(flat).toMatch(/The groups compared — after 7\+ days without glute work: 0 runs, 0 with pain; after 0–6 days: 0 runs, 0 with pain\./);
  expect(flat).toContain('In these 4 weeks alone — a description, not a test');
  expect(flat.indexOf('Verdict: not enough to tell yet.')).toBeLessThan(flat.indexOf('No ratio is given'));
  expect(flat).not.toContain('all the runner’s data');
  // Nothing but the sheet: the sidebar and the controls are not printed.
  expect(text).not.toContain('Save as PDF');
  expect(text).not.toContain('Report for your physio');

  const png = path.resolve(__dirname, '../../screenshots/clinic-report-pdf');
  fs.mkdirSync(path.dirname(png), { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '80', '-singlefile', '-gray', pdf, png]);
  expect(fs.existsSync(`${png}.png`)).toBe(true);

  // On screen in the dark theme the sheet stays black on white, as it prints.
  updateSettings(db, { theme: 'dark' });
  await page.reload();
  await go(page, 'Report');
  await page.setViewportSize({ width: 1600, height: 1000 });
  await expect(page.getByTestId('report-sheet')).toContainText('Mon 16 Nov');
  expect(await page.getByTestId('report-sheet').locator('tbody th').first().evaluate((cell) => getComputedStyle(cell).color)).toBe('rgb(0, 0, 0)');
  await screenshot(page, 'clinic-report-screen-dark-1600');
});
