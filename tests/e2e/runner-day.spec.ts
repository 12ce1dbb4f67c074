/**
 * A runner's day (issue 21): reads ask again only when what they read changed.
 */
import { expect, test, type Page } from '@playwright/test';
import { launchStance, type Stance } from './harness';
import { writeGeneratedHistory } from '../support/history';
import { screenshot } from './screens';
import { updateSettings } from '../../src-main/db/settings';
import { addRun } from '../../src-main/db/runs';
import { setRunPain } from '../../src-main/db/pain';
import { saveOstrcWeek, setRunFollowup } from '../../src-main/db/clinic-checkins';
import type { StanceDatabase } from '../../src-main/db/open';
import { addDays } from '../../src-main/shared/calendar';
import { formatPace } from '../../src-main/shared/units';
import { importGpxFromWindow } from '../../src-main/import/from-window';
import { gpxOf, walk } from '../support/gpx-build';

let stance: Stance;
test.afterEach(() => stance?.close());

/** Saturday 21 November 2026, mid-morning in London. */
const saturday = () => new Date('2026-11-21T10:00:00Z');

async function go(page: Page, section: string) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section }).click();
}

test('saving the weekly knee check on Today asks again what shows it, and not the glute plan summary', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  writeGeneratedHistory(stance.db, { endDate: '2026-11-20', days: 35, runsPerWeek: 3, checkins: false, seed: 4 });
  await page.reload();
  await expect(page.getByTestId('days-since-glute')).toBeVisible();
  const check = page.getByRole('region', { name: 'Weekly knee check' });
  await expect(check).toBeVisible();
  const summaryAsks = stance.callsTo('today:summary');
  const clinicAsks = stance.callsTo('clinic:today');

  await check.getByRole('button', { name: 'Answer 4 questions' }).click();
  const form = page.getByRole('form', { name: 'Weekly knee check' });
  await form.getByRole('radio', { name: 'Full participation without knee problems' }).check();
  await form.getByRole('button', { name: 'Save this week’s check' }).click();
  await expect(page.getByTestId('knee-check-result')).toContainText('no knee problems');

  expect(stance.callsTo('clinic:today')).toBe(clinicAsks + 1);
  expect(stance.callsTo('today:summary')).toBe(summaryAsks);
});

/** Saturday 21 November 2026; a runner who has run every other day since mid-October, 8 km, pain-free, and one 6.0 mi run. */
function steadyMonth(db: StanceDatabase) {
  for (let day = 40; day >= 3; day -= 2) addPlainRun(db, addDays('2026-11-21', -day), 8000, 'none');
  addPlainRun(db, '2026-11-01', 6 * 1609.344, 'none'); // 6.0 mi
}

function addPlainRun(db: StanceDatabase, localDate: string, metres: number, pain: 'none' | 'unrecorded' | number, nextMorning?: number) {
  const run = addRun(db, { localDate, localTime: '07:00', timeZone: 'Europe/London', distanceMetres: metres, durationSeconds: metres * 0.36, effort: null, surface: 'road', shoeId: null, notes: '' }, saturday());
  if (pain === 'none') setRunPain(db, { runId: run.id, status: 'none', sites: [] }, saturday());
  else if (typeof pain === 'number') {
    setRunPain(db, { runId: run.id, status: 'pain', sites: [{ painOnsetMetres: metres * 0.7, location: 'lateral_knee', side: 'left', worstScore: pain, action: 'slowed', notes: '' }] }, saturday());
    if (nextMorning !== undefined) setRunFollowup(db, { runId: run.id, afterScore: pain, nextMorningScore: nextMorning }, { now: saturday(), timeZone: 'Europe/London' });
  }
  return run;
}

test('your next run, after a painful run that settled by the next morning: keep building, up to the spike limit, with sources', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  steadyMonth(stance.db);
  addPlainRun(stance.db, '2026-11-12', 8000, 4, 1); // last week's worst was 4/10 too: not rising
  addPlainRun(stance.db, '2026-11-19', 8000, 4, 1);
  await page.reload();
  const card = page.getByRole('region', { name: /Your next run/ });
  await expect(card.getByRole('heading')).toHaveText('Your next run: Keep building');
  await expect(card.getByTestId('next-run-distance')).toHaveText('Your longest run in the last 30 days: 6.0 mi. Up to 6.6 mi stays under a spike.');
  await expect(card.getByTestId('next-run-pain')).toHaveText('Your last run, on Thu 19 Nov, hurt 4/10 and settled by the next morning (1/10): you can keep building.');
  await expect(card).toContainText('Silbernagel');
  await expect(card).toContainText('Frandsen');
  await expect(card).toContainText('not a diagnosis');
});

test('your next run, after a painful run that had not settled: step back; giving the morning score on Today changes the advice there', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  steadyMonth(stance.db);
  addPlainRun(stance.db, '2026-11-20', 8000, 4);
  await page.reload();
  const card = page.getByRole('region', { name: /Your next run/ });
  await expect(card.getByRole('heading')).toHaveText('Your next run: Hold');
  await expect(card.getByTestId('next-run-pain')).toContainText('the next morning’s score is not in yet');

  const ask = page.getByRole('region', { name: /Knee pain after the run of/ });
  await ask.getByLabel('Worst pain after the run (0–10)').fill('4');
  await ask.getByLabel('Next morning (0–10)').fill('4');
  await ask.getByRole('button', { name: 'Save scores' }).click();
  await expect(card.getByRole('heading')).toHaveText('Your next run: Step back');
  await expect(card.getByTestId('next-run-pain')).toHaveText(
    'Your run on Fri 20 Nov still hurt 4/10 the next morning: step back — run shorter or easier than that run (5.0 mi), or rest, until the pain settles by the next morning.',
  );
  await expect(card.getByTestId('next-run-distance')).toHaveText('Your longest run in the last 30 days: 6.0 mi.');
  // The scores are in: the question goes, and the run's new traffic light stays on Today.
  await expect(page.getByRole('region', { name: /Knee pain after the run of/ })).toHaveCount(0);
  const given = page.getByRole('region', { name: 'Your knee after the run of Fri, 20 Nov 2026: scores in' });
  await expect(given.getByTestId('pain-light')).toContainText('Red');
  await expect(given.getByTestId('pain-light')).toContainText('Not settled by the next morning (4/10).');
});

test('Today’s weekly pain line says each week once, this week’s first, and never puts this week’s pain under last week', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  addPlainRun(stance.db, '2026-11-10', 8000, 7, 4); // last week: above 5, and not settled
  addPlainRun(stance.db, '2026-11-18', 8000, 8, 1); // this week: above 5, and higher than last week
  await page.reload();
  const line = page.getByTestId('pain-week-line');
  await expect(line).toContainText('Pain this week: worst 8/10');
  await expect(line.getByTestId('pain-week-this')).toHaveText('Pain reached 8/10, above the acceptable 5. Worst pain rose to 8/10 from the week before.');
  await expect(line.getByTestId('pain-week-last')).toHaveText('Last week: Pain reached 7/10, above the acceptable 5. 1 run still hurt above 2/10 the next morning.');
  const text = (await line.textContent()) ?? '';
  expect(text.split('Last week:')).toHaveLength(2);
  expect(text.indexOf('8/10')).toBeLessThan(text.indexOf('Last week:'));
});

test('after a spike, the run page says it was one, and Today measures the next run from it', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  steadyMonth(stance.db);
  const spike = addPlainRun(stance.db, '2026-11-20', 12070, 'none'); // 7.5 mi after a longest of 6.0
  await page.reload();
  const card = page.getByRole('region', { name: /Your next run/ });
  await expect(card.getByTestId('next-run-distance')).toHaveText('Your longest run in the last 30 days: 7.5 mi. Up to 8.2 mi stays under a spike.');
  await go(page, 'Runs');
  await page.getByTestId('run-row').filter({ hasText: '20 Nov 2026' }).getByRole('button', { name: /^\w{3}, 20 Nov 2026 at / }).click();
  await expect(page.getByTestId('run-spike')).toHaveText(
    'A spike: longer than 110% of your longest run of the 30 days before it (6.0 mi; up to 6.6 mi would not have been one). Frandsen et al., Br J Sports Med 2025: such spikes raised overuse injury rates 1.5–2.3×.',
  );
  expect(spike.distanceMetres).toBe(12070);
  await go(page, 'Runs');
  await page.getByTestId('run-row').filter({ hasText: '17 Nov 2026' }).getByRole('button', { name: /^\w{3}, 17 Nov 2026 at / }).click();
  await expect(page.getByTestId('run-spike')).toContainText('Not a spike: your longest run of the 30 days before it was 6.0 mi');
});

test('the pain form of a run recorded as painful opens on that answer, so an arrow key does not flip it; the knee check keeps the focus', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  steadyMonth(stance.db);
  addPlainRun(stance.db, '2026-11-20', 8000, 4, 1);
  saveOstrcWeek(stance.db, { weekStart: '2026-11-16', q1: 0, q2: null, q3: null, q4: null }, { now: saturday(), timeZone: 'Europe/London' });
  await page.reload();

  // The weekly knee check: "Change answers" puts the focus on the answer given; Cancel gives it back to the button.
  await page.getByRole('button', { name: 'Change answers' }).click();
  await expect(page.getByRole('radio', { name: 'Full participation without knee problems' })).toBeFocused();
  await page.getByRole('form', { name: 'Weekly knee check' }).getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('button', { name: 'Change answers' })).toBeFocused();

  await go(page, 'Runs');
  await page.getByTestId('run-row').filter({ hasText: '20 Nov 2026' }).getByRole('button', { name: /^\w{3}, 20 Nov 2026 at / }).click();
  await page.getByRole('region', { name: 'Knee pain' }).getByRole('button', { name: 'Change…' }).click();
  const painful = page.getByRole('radio', { name: /Knee pain started at/ });
  await expect(painful).toBeChecked();
  await expect(painful).toBeFocused();
  await expect(page.getByRole('radio', { name: /No pain/ })).not.toBeChecked();
});

test('the runs list shows moving pace for a run with a long stop, and an older run’s Pain button is one Tab per run away', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  steadyMonth(stance.db);
  // 3 km at about 3 m/s, a 40-minute stop, 1 km more: elapsed pace is far slower than moving pace.
  const start = Date.parse('2026-11-20T08:00:00Z');
  const before = walk({ startMs: start, points: 1000, stepMetres: 3, stepSeconds: 1 });
  const after = walk({ startMs: start + 1000_000 + 2400_000, points: 334, stepMetres: 3, stepSeconds: 1, lon: (before[999]!.lon as number) + 0.00004 });
  await importGpxFromWindow(stance.db, { fileName: 'stop.gpx', bytes: new TextEncoder().encode(gpxOf([{ segments: [[...before, ...after]] }])), timeZone: 'Europe/London' }, saturday());
  const run = stance.db.prepare("SELECT distance_m AS metres, duration_s AS elapsed, moving_s AS moving FROM runs WHERE local_date = '2026-11-20'").get() as { metres: number; elapsed: number; moving: number };
  expect(run.moving).toBeLessThan(run.elapsed / 2);
  await page.reload();
  await go(page, 'Runs');
  const row = page.getByTestId('run-row').filter({ hasText: '20 Nov 2026' });
  await expect(row.getByTestId('run-pace')).toHaveText(formatPace(run.metres, run.moving, 'mi'));

  // The 8th run down: Tab from the first run's date, one stop per run, then → to its Pain button.
  const rows = page.getByTestId('run-row');
  await rows.first().getByRole('button').first().focus();
  const target = rows.nth(7).getByRole('button', { name: /^Knee pain for/ });
  let tabs = 0;
  while (!(await rows.nth(7).getByRole('button').first().evaluate((element) => element === document.activeElement)) && tabs < 50) {
    await page.keyboard.press('Tab');
    tabs++;
  }
  await page.keyboard.press('ArrowRight');
  await expect(target).toBeFocused();
  expect(tabs).toBe(7);
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(8).getByRole('button', { name: /^Knee pain for/ })).toBeFocused();
});

for (const theme of ['light', 'dark'] as const) {
  test(`screenshots in ${theme}: Today with the next run, a run page with its spike line, Insights, at 1024×700 and 1600×1000`, async ({ page }) => {
    test.slow();
    stance = await launchStance(page, { now: saturday });
    writeGeneratedHistory(stance.db, { endDate: '2026-11-18', days: 120, runsPerWeek: 3, checkins: false, seed: 7 });
    addPlainRun(stance.db, '2026-11-20', 25000, 4, 3);
    updateSettings(stance.db, { theme });
    await page.reload();
    await expect(page.getByTestId('next-run')).toBeVisible();
    for (const [width, height] of [[1024, 700], [1600, 1000]] as const) {
      await page.setViewportSize({ width, height });
      await go(page, 'Today');
      await expect(page.getByTestId('next-run')).toContainText('step back');
      await screenshot(page, `runner-day-today-${theme}-${width}`);
      await go(page, 'Runs');
      await page.getByTestId('run-row').filter({ hasText: '20 Nov 2026' }).getByRole('button', { name: /^\w{3}, 20 Nov 2026 at / }).click();
      await expect(page.getByTestId('run-spike')).toContainText('A spike');
      await screenshot(page, `runner-day-run-${theme}-${width}`);
      await go(page, 'Insights');
      await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
      await page.waitForTimeout(300);
      await screenshot(page, `runner-day-insights-${theme}-${width}`);
    }
  });
}

test('the Report’s default 8 weeks start at the week of the first run, not with empty weeks', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  addPlainRun(stance.db, '2026-11-04', 8000, 'none');
  addPlainRun(stance.db, '2026-11-19', 8000, 3, 1);
  await page.reload();
  await go(page, 'Report');
  const sheet = page.getByTestId('report-sheet');
  await expect(sheet).toContainText('Mon, 2 Nov 2026 – Sun, 22 Nov 2026 (3 weeks)');
});
