/**
 * A run from a file without times has no pace chart, so its page must not talk about one
 * ("Pace is averaged over 400 m", issue 21); a timed run's page, drawn by the same chart, does.
 */
import { expect, test, type Page } from '@playwright/test';
import { launchStance, type Stance } from './harness';
import { importGpxFromWindow } from '../../src-main/import/from-window';
import { gpxOf, walk } from '../support/gpx-build';

let stance: Stance;
test.afterEach(() => stance?.close());

/** Saturday 21 November 2026, mid-morning in London. */
const saturday = () => new Date('2026-11-21T10:00:00Z');

async function openRun(page: Page, day: string) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Runs' }).click();
  await page.getByTestId('run-row').filter({ hasText: day }).getByRole('button', { name: new RegExp(`^\\w{3}, ${day} at `) }).click();
}

test('an untimed run’s page says nothing about pace averaging; a timed run’s page does', async ({ page }) => {
  test.slow();
  stance = await launchStance(page, { now: saturday });
  const hills = (i: number) => 40 + 15 * Math.sin(i / 150);
  // 4 km with times and elevation (19 Nov), and 4 km elsewhere with elevation but no times at all (20 Nov).
  const timed = walk({ startMs: Date.parse('2026-11-19T08:00:00Z'), points: 1334, stepMetres: 3, stepSeconds: 1, ele: hills });
  const untimed = walk({ startMs: 0, points: 1334, stepMetres: 3, stepSeconds: 1, ele: hills, lat: 51.6 }).map((point) => ({ ...point, time: null }));
  const encode = (text: string) => new TextEncoder().encode(text);
  await importGpxFromWindow(stance.db, { fileName: 'timed.gpx', bytes: encode(gpxOf([{ segments: [timed] }])), timeZone: 'Europe/London' }, saturday());
  await importGpxFromWindow(
    stance.db,
    { fileName: 'untimed.gpx', bytes: encode(gpxOf([{ segments: [untimed] }])), timeZone: 'Europe/London', startLocalDate: '2026-11-20', startLocalTime: '07:30', durationSeconds: 1500 },
    saturday(),
  );
  expect(stance.db.prepare('SELECT local_date, moving_s FROM runs ORDER BY local_date').all()).toEqual([
    { local_date: '2026-11-19', moving_s: expect.any(Number) },
    { local_date: '2026-11-20', moving_s: null },
  ]);
  await page.reload();

  await openRun(page, '19 Nov 2026');
  await expect(page.getByRole('heading', { name: 'Elevation' })).toBeVisible();
  await expect(page.getByText(/Pace is averaged over 400 m/)).toHaveCount(1);

  await openRun(page, '20 Nov 2026');
  await expect(page.getByRole('heading', { name: 'Elevation' })).toBeVisible();
  await expect(page.getByText(/Click the chart, or press Enter on it/)).toBeVisible();
  await expect(page.getByText(/Pace is averaged over/)).toHaveCount(0);
  await expect(page.getByText(/read pace/i)).toHaveCount(0);
});
