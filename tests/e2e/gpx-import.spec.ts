import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { launchStance, type Stance } from './harness';
import { screenshot } from './screens';
import { fitActivity, straightRun } from '../formats/fit/generate-fit';
import { zipOf } from '../support/zip-writer';

const corpus = path.resolve(__dirname, '../../../shared/gpx-corpus');
const file = (name: string) => path.join(corpus, name);

let stance: Stance;
test.afterEach(() => stance?.close());

async function openImport(page: Page) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Runs' }).click();
  await page.getByRole('button', { name: 'Import runs' }).first().click();
}

test('several files imported through the picker: progress pushed by main, then a summary per file, each file all or nothing', async ({ page }) => {
  stance = await launchStance(page);
  await openImport(page);
  await page.getByLabel('Files to import').setInputFiles([
    file('georust__garmin-activity.gpx'),
    file('mapbox__run_gpxtpx.gpx'),
    file('derived__run_gpxtpx_truncated.gpx'),
    file('placemark__opencpn.gpx'),
    file('mapbox__run.gpx'),
  ]);
  await expect(page.getByRole('status')).toContainText(/Importing \d of 5/);
  await expect(page.getByRole('progressbar', { name: 'Files imported so far' })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('3 imported, 0 duplicates skipped, 2 refused.', { timeout: 90_000 });
  const results = page.getByTestId('import-result');
  await expect(results).toHaveCount(5);
  await expect(results.filter({ hasText: 'derived__run_gpxtpx_truncated.gpx' })).toContainText(
    'The file ends in the middle (it looks cut off) — nothing was imported.',
  );
  await expect(results.filter({ hasText: 'placemark__opencpn.gpx' })).toContainText('This file holds a planned route, not a recorded run');
  await expect(results.filter({ hasText: 'georust__garmin-activity.gpx' })).toContainText('7.97 mi');
  await screenshot(page, 'import-summary');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  expect(stance.count('runs')).toBe(3);
  expect(stance.count('run_tracks')).toBe(3);
  // The window was told by main's events; it never asked how the import was going.
  expect(stance.events.filter((name) => name === 'import').length).toBeGreaterThan(0);
  expect(stance.callsTo('imports:status')).toBe(0);

  // The same run again is recognised and skipped.
  await page.getByLabel('Files to import').setInputFiles([file('mapbox__run.gpx')]);
  await expect(page.getByRole('status')).toHaveText('0 imported, 1 duplicate skipped, 0 refused.');
  await expect(page.getByTestId('import-result')).toContainText('Already in Stance');
  expect(stance.count('runs')).toBe(3);
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('run-row')).toHaveCount(3);
  expect(stance.callsTo('imports:status')).toBe(0);
});

test('events missed (the window reloaded in the middle of an import): the panel opens again and catches up from main', async ({ page }) => {
  test.slow();
  stance = await launchStance(page);
  const archive = path.join(stance.dataFolder, 'history.zip');
  fs.writeFileSync(
    archive,
    zipOf(Array.from({ length: 150 }, (_, n) => ({ name: `activities/${n + 1}.fit`, bytes: fitActivity([{ sport: 1, points: straightRun({ startUtcMs: Date.UTC(2023, 0, 1 + n, 7), seconds: 1800, latitude: 50 + n / 1000 }) }]) }))),
  );
  await openImport(page);
  await page.getByLabel('Files to import').setInputFiles([archive]);
  await expect(page.getByRole('status')).toContainText(/Importing \d+ of 150/);
  await page.reload();
  // The reloaded window missed every event before it. On Runs its import panel is open again
  // (nothing clicked to open it): it reads the job once, then follows the events.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Runs' }).click();
  await expect(page.getByRole('status')).toHaveText('150 imported, 0 duplicates skipped, 0 refused.', { timeout: 120_000 });
  await expect(page.locator('details.import-group-imported summary')).toHaveText('Imported — 150');
  expect(stance.count('runs')).toBe(150);
  expect(stance.callsTo('imports:status')).toBeGreaterThanOrEqual(1);
});

test('an import can be cancelled between files; what was imported stays, the rest is not started', async ({ page }) => {
  stance = await launchStance(page);
  const archive = path.join(stance.dataFolder, 'history.zip');
  fs.writeFileSync(
    archive,
    zipOf(Array.from({ length: 600 }, (_, n) => ({ name: `activities/${n + 1}.fit`, bytes: fitActivity([{ sport: 1, points: straightRun({ startUtcMs: Date.UTC(2023, 0, 1 + n, 7), seconds: 1800, latitude: 50 + n / 1000 }) }]) }))),
  );
  await openImport(page);
  await page.getByLabel('Files to import').setInputFiles([archive]);
  await expect(page.getByRole('status')).toContainText(/Importing \d+ of 600/);
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('status')).toHaveText(/^\d+ imported, 0 duplicates skipped, 0 refused, \d+ not started \(cancelled\)\.$/, { timeout: 90_000 });
  expect(stance.callsTo('imports:status')).toBe(0);
  const text = (await page.getByRole('status').textContent()) ?? '';
  const [imported, notStarted] = [...text.matchAll(/(\d+) (?:imported|not started)/g)].map((match) => Number(match[1]));
  expect(imported! + notStarted!).toBe(600);
  expect(notStarted).toBeGreaterThan(0);
  expect(stance.count('runs')).toBe(imported);
});

test('a file without times: the window says what will be stored, needs a duration, and the run page says the same', async ({ page }) => {
  stance = await launchStance(page);
  await openImport(page);
  await page.getByLabel('Files to import').setInputFiles([file('georust__strava_route_example.gpx')]);
  const result = page.getByTestId('import-result');
  await expect(result).toContainText('This file has no times');
  await expect(result).toContainText('Needs a date');
  await expect(result).not.toContainText('Refused');
  await expect(page.getByRole('status')).toHaveText('0 imported, 0 duplicates skipped, 1 needs a date, 0 refused.');
  const form = page.getByRole('form', { name: 'When was the run in georust__strava_route_example.gpx?' });
  await expect(form).toContainText(
    'Stance will store its distance, and an average pace from the duration you give; it will have no splits, no pace chart and no moving time.',
  );
  // The duration looks empty because it is: no grey sample time that reads as filled in.
  const duration = form.getByLabel('Duration (h:mm:ss)');
  await expect(duration).toHaveValue('');
  await expect(duration).not.toHaveAttribute('placeholder', /\d/);
  await form.getByLabel('Date').fill('2026-11-14');
  await form.getByLabel('Start time').fill('08:15');
  await form.getByRole('button', { name: 'Import with this date' }).click();
  await expect(form.getByRole('alert')).toHaveText(
    'Give how long the run took, as h:mm:ss (1:02:30) or mm:ss (48:15): every run in Stance has a duration.',
  );
  expect(stance.count('runs')).toBe(0);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await screenshot(page, 'import-untimed-1600');
  await page.setViewportSize({ width: 1024, height: 700 });
  await screenshot(page, 'import-untimed-1024');
  await duration.fill('1:05:00');
  await form.getByRole('button', { name: 'Import with this date' }).click();
  await expect(result).toContainText('Imported');
  const said =
    'From a file without times: the start and duration are the ones you gave; the run has its distance and an average pace from that duration, but no splits, no pace chart and no moving time.';
  await expect(result).toContainText(said);
  // The date went through the one import channel, its answer pushed by main like any import's.
  expect(stance.calls.filter((name) => name === 'imports:start')).toHaveLength(2);
  expect(stance.callsTo('imports:status')).toBe(0);
  expect(stance.db.prepare('SELECT local_date, local_time, duration_s, source FROM runs').get()).toEqual({
    local_date: '2026-11-14',
    local_time: '08:15',
    duration_s: 3900,
    source: 'gpx',
  });
  await result.getByRole('button', { name: 'open the run' }).click();
  await expect(page.getByText(said)).toHaveCount(1);
  await expect(page.getByTestId('split-row')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Elevation' })).toBeVisible();
  await screenshot(page, 'run-page-untimed-1024');
  await page.setViewportSize({ width: 1600, height: 1000 });
  await screenshot(page, 'run-page-untimed-1600');
});

test('a file of several recordings: one line each in the summary, each its own run', async ({ page }) => {
  stance = await launchStance(page);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await openImport(page);
  await page.getByLabel('Files to import').setInputFiles([file('mapbox__multitrackgpx.gpx'), file('tkrajina__korita-zbevnica.gpx')]);
  // korita's untimed track is not "Refused": it needs a date, and the form for it is beside it.
  await expect(page.getByRole('status')).toHaveText('4 imported, 0 duplicates skipped, 1 needs a date, 0 refused.', { timeout: 90_000 });
  const results = page.getByTestId('import-result');
  await expect(results).toHaveCount(5);
  await expect(results.nth(0)).toContainText('mapbox__multitrackgpx.gpx (track 1, “Tag 1”)');
  await expect(results.nth(2)).toContainText('track 3, “Tag 3”');
  await expect(results.nth(3)).toContainText('tkrajina__korita-zbevnica.gpx (track 3, “ACTIVE LOG”)');
  await expect(results.nth(3)).toContainText("The file's 2 tracks were joined into one run");
  await expect(results.nth(4)).toContainText('Needs a date');
  await expect(results.nth(4)).not.toContainText('Refused');
  await expect(results.nth(4)).toContainText('Track “03-OCT-10 #2” (8.6 km) has no times');
  await expect(results.nth(4).getByRole('form', { name: 'When was the run in tkrajina__korita-zbevnica.gpx?' })).toBeVisible();
  expect(stance.count('runs')).toBe(4);
  await screenshot(page, 'import-several-recordings-1600');
  await page.setViewportSize({ width: 1024, height: 700 });
  await screenshot(page, 'import-several-recordings-1024');
});

test('a near-duplicate is skipped with the run it probably is, and "Import anyway" imports it', async ({ page }, testInfo) => {
  stance = await launchStance(page);
  await openImport(page);
  await page.getByLabel('Files to import').setInputFiles([file('mapbox__run.gpx')]);
  await expect(page.getByRole('status')).toHaveText('1 imported, 0 duplicates skipped, 0 refused.');
  // The same run from the phone: one point fewer at the start, no elevations.
  const fs = await import('node:fs');
  const copy = testInfo.outputPath('same-run-from-the-phone.gpx');
  const text = fs.readFileSync(file('mapbox__run.gpx'), 'latin1');
  fs.writeFileSync(copy, text.replace(/<ele>[^<]*<\/ele>/g, '').replace(/<trkpt[\s\S]*?<\/trkpt>/, ''), 'latin1');
  await page.getByLabel('Files to import').setInputFiles([copy]);
  await expect(page.getByRole('status')).toHaveText('0 imported, 1 duplicate skipped, 0 refused.');
  const result = page.getByTestId('import-result');
  await expect(result).toContainText(/Skipped: probably the same run as \w{3} \d{1,2} \w{3}( \d{4})?, 1\.9 mi/);
  expect(stance.count('runs')).toBe(1);
  await screenshot(page, 'import-near-duplicate');
  await result.getByRole('button', { name: 'Import anyway' }).click();
  await expect(result).toContainText('Imported');
  await expect(page.getByRole('status')).toHaveText('1 imported, 0 duplicates skipped, 0 refused.');
  expect(stance.count('runs')).toBe(2);
  // "Import anyway" is the same file sent again through the one import channel.
  expect(stance.calls.filter((name) => name === 'imports:start')).toHaveLength(3);
  expect(stance.callsTo('imports:status')).toBe(0);
});

test("a run's page draws its route, pace and elevation and splits, and the pain onset is set by clicking the chart", async ({ page }) => {
  stance = await launchStance(page);
  await openImport(page);
  await page.getByLabel('Files to import').setInputFiles([file('georust__garmin-activity.gpx')]);
  await page.getByTestId('import-result').getByRole('button', { name: 'open the run' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toContainText('7.97 mi on');
  await expect(page.getByRole('img', { name: /The route of the run, 988 recorded points/ })).toBeVisible();
  await expect(page.getByTestId('split-row')).toHaveCount(8);
  await expect(page.getByTestId('split-row').first()).toContainText('/mi');
  const chart = page.getByTestId('profile-chart');
  await expect(chart).toBeVisible();
  await screenshot(page, 'run-page');

  // Click half way along the distance axis: the editor opens with the onset there.
  const box = (await chart.boundingBox())!;
  await chart.click({ position: { x: box.width * 0.5, y: box.height * 0.4 } });
  const form = page.getByRole('form', { name: /Knee pain on the run of/ });
  await expect(form.getByRole('radio', { name: /Knee pain started at/ })).toBeChecked();
  const onsetField = form.getByLabel('Started at (miles)');
  const onset = Number(await onsetField.inputValue());
  expect(onset).toBeGreaterThan(2.5);
  expect(onset).toBeLessThan(5.5);
  await form.getByRole('group', { name: 'Side' }).getByRole('radio', { name: 'Left' }).check();
  await form.getByLabel('Worst pain (0–10)').fill('6');
  await form.getByRole('button', { name: 'Save pain note' }).click();
  await expect(page.getByTestId('pain-summary')).toContainText(`Began at ${onset.toFixed(2)} mi`);
  await screenshot(page, 'run-page-with-onset');
  const stored = stance.db.prepare('SELECT onset_m FROM run_pain').get() as { onset_m: number };
  expect(stored.onset_m / 1609.344).toBeCloseTo(onset, 2);
});
