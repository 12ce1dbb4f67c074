/**
 * Every date field writes the chosen date beside it in the app's format (README: "beside a date
 * or time field the chosen value is written the same way"), because Chromium may draw the native
 * input in the system's format: the glute plan's start, the runs filter, the import's "needs a
 * date", the daily check-in and the recovery entry (issue 21).
 */
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { launchStance, type Stance } from './harness';
import { addRun } from '../../src-main/db/runs';

const corpus = path.resolve(__dirname, '../../../shared/gpx-corpus');

let stance: Stance;
test.afterEach(() => stance?.close());

/** Saturday 21 November 2026, mid-morning in London. */
const saturday = () => new Date('2026-11-21T10:00:00Z');

async function go(page: Page, section: string) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section }).click();
}

/** Fills a date field and expects the same date written beside it (inside the same field) in the app's format. */
async function expectEcho(input: Locator, value: string, written: string) {
  await input.fill(value);
  const field = input.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " field ")][1]');
  await expect(field.getByTestId('date-echo')).toHaveText(written);
}

test('each date field writes the chosen date beside it in the app’s format', async ({ page }) => {
  test.slow();
  stance = await launchStance(page, { now: saturday });
  addRun(
    stance.db,
    { localDate: '2026-11-10', localTime: '07:00', timeZone: 'Europe/London', distanceMetres: 8000, durationSeconds: 2900, effort: null, surface: 'road', shoeId: null, notes: '' },
    saturday(),
  );
  await page.reload();

  // Settings: the glute plan's start.
  await go(page, 'Settings');
  const plan = page.getByRole('form', { name: 'Set a glute plan' });
  await expectEcho(plan.getByLabel('Starting'), '2026-11-16', 'Mon, 16 Nov 2026');

  // Runs: the From/To filter.
  await go(page, 'Runs');
  const filter = page.getByRole('form', { name: 'Show runs between dates' });
  await expectEcho(filter.getByLabel('From'), '2026-11-03', 'Tue, 3 Nov 2026');
  await expectEcho(filter.getByLabel('To'), '2026-11-09', 'Mon, 9 Nov 2026');

  // Pain: the daily check-in.
  await go(page, 'Pain');
  const checkin = page.getByRole('form', { name: 'How does your knee feel today?' });
  await expectEcho(checkin.getByLabel('Date'), '2026-11-17', 'Tue, 17 Nov 2026');

  // Strength: the recovery entry.
  await go(page, 'Strength');
  const recovery = page.getByRole('form', { name: 'Log recovery' });
  await expectEcho(recovery.getByLabel('Date'), '2026-11-19', 'Thu, 19 Nov 2026');
});

test('the import’s "needs a date" form writes the chosen date (and time) beside its fields', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  await go(page, 'Runs');
  // Runs: the import's "needs a date" form for a file without times (its start time too).
  await page.getByRole('button', { name: 'Import runs' }).first().click();
  await page.getByLabel('Files to import').setInputFiles([path.join(corpus, 'georust__strava_route_example.gpx')]);
  const needsDate = page.getByRole('form', { name: 'When was the run in georust__strava_route_example.gpx?' });
  await expectEcho(needsDate.getByLabel('Date'), '2026-11-14', 'Sat, 14 Nov 2026');
  await needsDate.getByLabel('Start time').fill('18:15');
  await expect(needsDate.getByTestId('time-echo')).toHaveText(/^(18:15|6:15\s?PM)$/i);

});
