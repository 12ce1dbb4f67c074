/**
 * What came before the pain, on the run page: the onset marked on the pace and elevation chart,
 * and the last km before it described against the rest of the run, in the runner's units.
 */
import { expect, test, type Page } from '@playwright/test';
import { launchStance, type Stance } from './harness';
import { screenshot } from './screens';
import { updateSettings } from '../../src-main/db/settings';
import { setRunPain } from '../../src-main/db/pain';
import { importGpxFromWindow } from '../../src-main/import/from-window';
import { gpxOf, walk } from '../support/gpx-build';

let stance: Stance;
test.afterEach(() => stance?.close());

const saturday = () => new Date('2026-11-21T10:00:00Z');

async function openRun(page: Page) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Runs' }).click();
  await page.getByTestId('run-row').filter({ hasText: '20 Nov 2026' }).getByRole('button', { name: /^\w{3}, 20 Nov 2026 at / }).click();
}

/** 6 km at 3 m/s: flat at 100 m for 4 km, 30 m down over the 5th km, pain at 5 km, then flat at 70 m. */
async function downhillThenPain(theme: 'light' | 'dark' = 'light', day = '2026-11-20', flat = false) {
  const points = walk({
    startMs: Date.parse(`${day}T08:00:00Z`),
    points: 2001,
    stepMetres: 3,
    stepSeconds: 1,
    ele: (i) => (flat ? 100 : i * 3 < 4000 ? 100 : i * 3 < 5000 ? 100 - ((i * 3 - 4000) / 1000) * 30 : 70),
  });
  const imported = await importGpxFromWindow(
    stance.db,
    { fileName: `downhill-${day}.gpx`, bytes: new TextEncoder().encode(gpxOf([{ segments: [points] }])), timeZone: 'Europe/London' },
    saturday(),
  );
  expect(imported.recordings.map((recording) => recording.status)).toEqual(['imported']);
  const runId = (stance.db.prepare('SELECT id FROM runs WHERE local_date = ?').get(day) as { id: number }).id;
  setRunPain(
    stance.db,
    { runId, status: 'pain', sites: [{ painOnsetMetres: 5000, location: 'lateral_knee', side: 'left', worstScore: 5, action: 'slowed', notes: '' }] },
    saturday(),
  );
  updateSettings(stance.db, { theme });
}

test('a run page marks the onset on the chart and describes the last km before it against the rest of the run', async ({ page }) => {
  test.slow();
  stance = await launchStance(page, { now: saturday });
  await downhillThenPain();
  await page.reload();
  await openRun(page);
  // The onset is marked on the chart, and said in its accessible name.
  await expect(page.getByTestId('profile-chart')).toHaveAttribute('aria-label', /marked where the knee pain began, at 3\.11 mi/);
  const note = page.getByTestId('before-pain');
  await expect(note).toBeVisible();
  // Miles and feet (the default units): about 29 m per km of descent is about 150 ft per mile; the rest is flat.
  const sentence = await note.getByTestId('before-pain-sentence').textContent();
  expect(sentence).toMatch(/^In the last kilometre \(0\.62 mi\) before the pain began, at 3\.11 mi: (\d+) ft of descent and 0 ft of climb per mile \(the rest of the run: 0 ft and 0 ft\), pace 8:5\d \/mi \(rest 8:5\d \/mi\)\.$/);
  const descentFeet = Number(/: (\d+) ft of descent/.exec(sentence!)![1]);
  expect(descentFeet).toBeGreaterThan(130);
  expect(descentFeet).toBeLessThan(165);
  const rows = note.getByTestId('before-pain-row');
  await expect(rows).toHaveCount(4); // climb, descent, grade, pace: no cadence or heart rate in this file
  await expect(rows.filter({ hasText: 'Average grade' })).toHaveText(/^Average grade−(2\.[5-9]|3\.0) %0\.0 %$/);
  await expect(note).toContainText('downhill running is the classic aggravator');
  await expect(note).toContainText('they do not say what caused the pain');

  // In km and metres the same stretch reads per km.
  updateSettings(stance.db, { units: 'km' });
  await page.reload();
  await openRun(page);
  await expect(page.getByTestId('before-pain-sentence')).toHaveText(/^In the last kilometre before the pain began, at 5\.00 km: (2\d|30) m of descent and 0 m of climb per km \(the rest of the run: 0 m and 0 m\)/);
});

test('a run with no pain onset has no description of what came before it', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  await downhillThenPain();
  stance.db.prepare('DELETE FROM run_pain').run();
  await page.reload();
  await openRun(page);
  await expect(page.getByTestId('profile-chart')).toBeVisible();
  await expect(page.getByTestId('profile-chart')).not.toHaveAttribute('aria-label', /knee pain began/);
  await expect(page.getByTestId('before-pain')).toHaveCount(0);
});

test('Insights describes, run by run, the stretch before each onset against the pain-free part of the same run', async ({ page }) => {
  test.slow();
  stance = await launchStance(page, { now: saturday });
  await downhillThenPain('light', '2026-11-20');
  await downhillThenPain('light', '2026-11-17', true);
  await page.reload();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Insights' }).click();
  const across = page.getByTestId('before-pain-across');
  await expect(across).toBeVisible();
  const rows = across.getByTestId('before-pain-across-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('17 Nov 2026');
  await expect(rows.nth(0)).toContainText('0 ft · 0 ft');
  await expect(rows.nth(1)).toContainText('20 Nov 2026');
  await expect(rows.nth(1)).toContainText(/1[3-6]\d ft · 0 ft/);
  await expect(across.getByTestId('before-pain-across-count')).toContainText('On 1 of 2 runs with elevations, the stretch before the pain began had more descent per mile than the pain-free part of the same run');
  await expect(across).toContainText('not a test');
  for (const [width, height] of [[1024, 700], [1600, 1000]] as const) {
    await page.setViewportSize({ width, height });
    await across.scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `screenshots/before-pain-insights-${width}.png` });
  }
});

for (const theme of ['light', 'dark'] as const) {
  test(`screenshots in ${theme}: the run page with the onset marked and what came before it, at 1024×700 and 1600×1000`, async ({ page }) => {
    test.slow();
    stance = await launchStance(page, { now: saturday });
    await downhillThenPain(theme);
    await page.reload();
    for (const [width, height] of [[1024, 700], [1600, 1000]] as const) {
      await page.setViewportSize({ width, height });
      await openRun(page);
      await expect(page.getByTestId('before-pain')).toBeVisible();
      await page.waitForTimeout(300);
      await screenshot(page, `before-pain-run-${theme}-${width}`);
    }
  });
}
