/**
 * A runner's whole history in one go: Strava's bulk export (a zip of activities.csv and gzipped
 * FIT, GPX and TCX files) imported through the window, by the real import worker, into a real
 * database; the summary grouped and copyable; a run's page naming its watch and format.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { launchStance, type Stance } from './harness';
import { screenshot } from './screens';
import { fitActivity, straightRun } from '../formats/fit/generate-fit';
import { gpxOf, tcxOf } from '../support/activity-files';
import { zipOf } from '../support/zip-writer';

let stance: Stance;
test.afterEach(() => stance?.close());

const day = (n: number): number => Date.UTC(2026, 9, 1 + n, 6, 30, 0);
const run = (n: number, seconds = 2400) => straightRun({ startUtcMs: day(n), seconds, latitude: 51.4 + n / 200, metresPerSecond: 2.9 });
const gz = (bytes: string | Uint8Array): Buffer => zlib.gzipSync(typeof bytes === 'string' ? Buffer.from(bytes) : bytes);

function stravaExport(): Buffer {
  const rows = [
    'Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Filename,Activity Gear',
    '11,"Oct 2, 2026",Easy loop,Run,"Knee fine",activities/11.fit.gz,Pegasus 40',
    '12,"Oct 3, 2026",Intervals on the track,Run,,activities/12.gpx.gz,Kinvara 14',
    '13,"Oct 4, 2026",Commute,Ride,,activities/13.fit.gz,',
    '14,"Oct 5, 2026",Treadmill,Run,,activities/14.fit.gz,',
    '15,"Oct 6, 2026",Long run,Run,"Knee ached at 14 km",activities/15.tcx.gz,Pegasus 40',
    '16,"Oct 7, 2026",Broken upload,Run,,activities/16.fit.gz,',
  ];
  const damaged = fitActivity([{ sport: 1, points: run(7) }]);
  return zipOf([
    { name: 'activities.csv', bytes: Buffer.from(rows.join('\n')) },
    { name: 'activities/11.fit.gz', bytes: gz(fitActivity([{ sport: 1, subSport: 3, points: run(1), rpe: 6, feel: 75 }])), deflate: false },
    { name: 'activities/12.gpx.gz', bytes: gz(gpxOf(run(2), 'Intervals on the track')), deflate: false },
    { name: 'activities/13.fit.gz', bytes: gz(fitActivity([{ sport: 2, points: run(3) }])), deflate: false },
    { name: 'activities/14.fit.gz', bytes: gz(fitActivity([{ sport: 1, subSport: 1, points: straightRun({ startUtcMs: day(4), seconds: 1800, gps: false }) }])), deflate: false },
    { name: 'activities/15.tcx.gz', bytes: gz(tcxOf(run(5, 5400))), deflate: false },
    { name: 'activities/16.fit.gz', bytes: gz(damaged.subarray(0, damaged.length - 40)), deflate: false },
    { name: 'media/photo.jpg', bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1]) },
  ]);
}

test('Strava’s bulk export: runs imported, the ride skipped, the damaged file refused with its reason; the summary is grouped and copyable', async ({ page }) => {
  stance = await launchStance(page);
  const archive = path.join(stance.dataFolder, 'export_2026.zip');
  fs.writeFileSync(archive, stravaExport());
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Runs' }).click();
  await page.getByRole('button', { name: 'Import runs' }).first().click();
  await page.getByLabel('Files to import').setInputFiles([archive]);
  const status = page.getByRole('status');
  await expect(status).toHaveText('4 imported, 0 duplicates skipped, 1 other sport skipped, 1 refused.', { timeout: 90_000 });
  expect(stance.count('runs')).toBe(4);
  // Told by main's events, in order; the window never polled.
  expect(stance.events).toContain('import');
  expect(stance.callsTo('imports:status')).toBe(0);
  // The photo in the export is named among what it held.
  await expect(page.getByTestId('import-other-files')).toHaveText('1 file in the folders or archives was not an activity and was left alone: 1 photo or video (not activities).');

  await expect(page.locator('details.import-group-imported summary')).toHaveText('Imported — 4');
  await expect(page.locator('details.import-group-skipped')).toContainText('Strava lists this activity as a Ride, not a run, so it was skipped.');
  const refused = page.locator('details.import-group-refused');
  await expect(refused).toContainText('export_2026.zip › activities/16.fit.gz');
  await expect(refused).toContainText('This FIT file is damaged: it is cut off');
  await expect(page.getByText('Your export names shoes Stance does not know yet: Kinvara 14, Pegasus 40.')).toBeVisible();

  // Collapsing a group hides its reasons; opening it shows them again.
  await page.locator('details.import-group-refused summary').click();
  await expect(refused.getByText('This FIT file is damaged')).toBeHidden();
  await page.locator('details.import-group-refused summary').click();
  await expect(refused.getByText('This FIT file is damaged')).toBeVisible();

  // What goes to the clipboard, as the page's copy event sees it.
  await page.evaluate(() => {
    document.addEventListener('copy', () => {
      const active = document.activeElement;
      (window as unknown as { copiedText: string }).copiedText = active instanceof HTMLTextAreaElement ? active.value : String(document.getSelection());
    });
  });
  await page.getByRole('button', { name: 'Copy summary' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => (window as unknown as { copiedText: string }).copiedText);
  expect(copied.split('\n')[0]).toBe('4 imported, 0 duplicates skipped, 1 other sport skipped, 1 refused.');
  expect(copied).toContain('skipped\texport_2026.zip › activities/13.fit.gz\tStrava lists this activity as a Ride, not a run, so it was skipped.');

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  await page.setViewportSize({ width: 1024, height: 700 });
  await screenshot(page, 'archive-import-summary-1024');
  await page.setViewportSize({ width: 1600, height: 1000 });
  await screenshot(page, 'archive-import-summary-1600');

  await page.getByRole('button', { name: 'Add as shoes' }).click();
  await expect(page.getByText('Added as shoes: Kinvara 14, Pegasus 40.')).toBeVisible();
  expect(stance.db.prepare('SELECT name FROM shoes ORDER BY name').all()).toEqual([{ name: 'Kinvara 14' }, { name: 'Pegasus 40' }]);

  // The same export again adds nothing.
  await page.getByLabel('Files to import').setInputFiles([archive]);
  await expect(status).toHaveText('0 imported, 4 duplicates skipped, 1 other sport skipped, 1 refused.', { timeout: 90_000 });
  expect(stance.count('runs')).toBe(4);

  // A run's page says where it came from.
  await page.locator('details.import-group-duplicate li').filter({ hasText: 'activities/11.fit.gz' }).getByRole('button', { name: 'open that run' }).click();
  await expect(page.getByTestId('run-source')).toHaveText('Recorded by Garmin Forerunner 255 · FIT file (activities/11.fit.gz in an archive) · trail run · effort 6/10 from the watch · felt strong');
  await page.setViewportSize({ width: 1024, height: 700 });
  await screenshot(page, 'run-page-from-fit-1024');
});

test('a treadmill run from a FIT file: the watch’s distance, no route', async ({ page }) => {
  stance = await launchStance(page);
  const file = path.join(stance.dataFolder, 'treadmill.fit');
  fs.writeFileSync(file, fitActivity([{ sport: 1, subSport: 1, points: straightRun({ startUtcMs: day(4), seconds: 1800, gps: false, metresPerSecond: 3 }) }]));
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Runs' }).click();
  await page.getByRole('button', { name: 'Import runs' }).first().click();
  await page.getByLabel('Files to import').setInputFiles([file]);
  await expect(page.getByRole('status')).toHaveText('1 imported, 0 duplicates skipped, 0 refused.', { timeout: 90_000 });
  await page.getByRole('button', { name: 'open the run' }).click();
  await expect(page.getByTestId('run-source')).toHaveText('Recorded by Garmin Forerunner 255 · FIT file · treadmill run');
  await expect(page.getByText('No route: this run was recorded without GPS')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('3.36 mi');
  await screenshot(page, 'run-page-treadmill');
});

test('a folder picked whole: its runs imported, the note beside them counted, not refused', async ({ page }) => {
  stance = await launchStance(page);
  const folder = path.join(stance.dataFolder, 'watch-exports');
  fs.mkdirSync(path.join(folder, '2026'), { recursive: true });
  fs.writeFileSync(path.join(folder, '2026', 'morning.fit'), fitActivity([{ sport: 1, points: run(1) }]));
  fs.writeFileSync(path.join(folder, '2026', 'evening.tcx.gz'), gz(tcxOf(run(2))));
  fs.writeFileSync(path.join(folder, 'notes.txt'), 'new shoes from October');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Runs' }).click();
  await page.getByRole('button', { name: 'Import runs' }).first().click();
  await page.getByLabel('Folder to import').setInputFiles(folder);
  await expect(page.getByRole('status')).toHaveText('2 imported, 0 duplicates skipped, 0 refused.', { timeout: 90_000 });
  await expect(page.getByTestId('import-result')).toHaveCount(2);
  await expect(page.getByTestId('import-result').first()).toContainText('watch-exports/2026/');
  await expect(page.getByTestId('import-other-files')).toHaveText('1 file in the folders or archives was not an activity and was left alone: 1 PDF or document (not activities).');
  await screenshot(page, 'folder-import-summary');
  expect(stance.count('runs')).toBe(2);
});

test('a folder that held no run says what it held and which formats Stance reads; an export whose index was not understood says so', async ({ page }) => {
  stance = await launchStance(page);
  const folder = path.join(stance.dataFolder, 'zepp-export');
  fs.mkdirSync(path.join(folder, 'SPORT'), { recursive: true });
  for (let k = 0; k < 3; k++) {
    fs.writeFileSync(
      path.join(folder, 'SPORT', `SPORT_${1700000000000 + k}.csv`),
      'type,startTime,sportTime(s),maxPace(/meter),minPace(/meter),distance(m),avgPace(/meter),calories(kcal)\n1,2024-05-04 07:30:00+0000,1800,0.2,0.4,5000,0.36,350\n',
    );
  }
  fs.writeFileSync(path.join(folder, 'finish.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1]));
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Runs' }).click();
  await page.getByRole('button', { name: 'Import runs' }).first().click();
  await page.getByLabel('Folder to import').setInputFiles(folder);
  await expect(page.getByRole('status')).toHaveText('0 imported, 0 duplicates skipped, 0 refused.', { timeout: 90_000 });
  const held = page.getByTestId('import-what-it-held');
  await expect(held).toContainText('No run was imported. 4 files were not activities: 3 Zepp/Amazfit workout summary CSVs (summaries only, no routes or times of day Stance can use); 1 photo or video (not activities).');
  await expect(held).toContainText('Stance reads GPX, FIT, TCX, Strava export, Apple Health export and Polar Flow export.');
  for (const size of [{ width: 1024, height: 700 }, { width: 1600, height: 1000 }]) {
    await page.setViewportSize(size);
    await screenshot(page, `import-what-it-held-${size.width}`);
  }

  // A Strava export whose activities.csv is not understood: said, and each file judged by its own content.
  const archive = path.join(stance.dataFolder, 'export_99.zip');
  fs.writeFileSync(
    archive,
    zipOf([
      { name: 'activities.csv', bytes: Buffer.from('foo;bar;baz\n1;2;3\n') },
      { name: 'activities/31.fit.gz', bytes: gz(fitActivity([{ sport: 1, points: run(1) }])), deflate: false },
      { name: 'activities/32.fit.gz', bytes: gz(fitActivity([{ sport: 2, points: run(2) }])), deflate: false },
    ]),
  );
  await page.getByLabel('Files to import').setInputFiles([archive]);
  await expect(page.getByRole('status')).toHaveText('1 imported, 0 duplicates skipped, 1 other sport skipped, 0 refused.', { timeout: 90_000 });
  await expect(page.getByTestId('import-what-it-held')).toHaveCount(0);
  await expect(page.getByTestId('import-notes')).toContainText('Strava’s activities.csv could not be understood');
  await expect(page.getByTestId('import-notes')).toContainText('so each file was judged by its own content');
  for (const size of [{ width: 1024, height: 700 }, { width: 1600, height: 1000 }]) {
    await page.setViewportSize(size);
    await screenshot(page, `import-notes-${size.width}`);
  }
  expect(stance.callsTo('imports:status')).toBe(0);
});
