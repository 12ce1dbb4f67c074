import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { launchStance, type Stance } from './harness';
import { screenshot } from './screens';
import { writeGeneratedHistory } from '../support/history';

let stance: Stance;
test.afterEach(() => stance?.close());

/** Saturday 21 November 2026, mid-morning in London. */
const saturday = () => new Date('2026-11-21T10:00:00Z');

async function openInsights(page: Page) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Insights' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
}

async function expectNoSeriousA11yProblems(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
}

/** "4.1 mi (95% CI …)" → 4.1 */
function leadingNumber(text: string | null): number {
  const match = /^(\d+(\.\d+)?)/.exec(text ?? '');
  if (!match) throw new Error(`no number at the start of "${text}"`);
  return Number(match[1]);
}

test('a runner whose skipped weeks bring the pain on earlier sees it, with its numbers and uncertainty', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  writeGeneratedHistory(stance.db, { endDate: '2026-11-20', seed: 2, skippingBringsPainEarlier: true });
  await page.reload();
  await openInsights(page);

  const summary = page.getByTestId('insights-summary');
  await expect(summary).toContainText('After weeks you skipped glute work, pain on the outside of the knee began at a median of');
  await expect(summary).toContainText('log-rank p < 0.001');
  await expect(summary).toContainText('This is an association in your own data, not proof of cause.');
  await expect(page.getByText('Not enough to tell yet')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Example data' })).toHaveCount(0);
  await expect(page.getByTestId('insights-left-out')).toContainText('left out: their pain was never recorded');

  const skipped = leadingNumber(await page.getByTestId('median-skipped').textContent());
  const onPlan = leadingNumber(await page.getByTestId('median-on-plan').textContent());
  expect(skipped).toBeLessThan(onPlan);
  await expect(page.getByTestId('trend-reading')).toContainText('Spearman ρ');

  // Four charts, each with a description, and the numbers behind them in a table.
  await expect(page.locator('canvas[role="img"]')).toHaveCount(4);
  const curves = page.getByRole('region', { name: 'Still pain-free at this distance' });
  await curves.getByText('Show the numbers behind this chart').click();
  await expect(curves.getByRole('columnheader', { name: 'Skipped' })).toBeVisible();
  await expect(curves.getByRole('row')).not.toHaveCount(1);

  await screenshot(page, 'insights-real');
  await expectNoSeriousA11yProblems(page);
  expect(stance.blockedRequests).toEqual([]);
});

test('where skipping glute work makes no difference, the page does not claim an effect', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  writeGeneratedHistory(stance.db, { endDate: '2026-11-20', seed: 2, skippingBringsPainEarlier: false });
  await page.reload();
  await openInsights(page);

  const summary = page.getByTestId('insights-summary');
  await expect(summary).toContainText('No clear difference');
  await expect(summary).not.toContainText('After weeks you skipped glute work, pain');
  await expect(summary).not.toContainText('began later');
  await expect(page.getByRole('heading', { name: 'No clear difference' })).toBeVisible();
  await expect(page.getByTestId('log-rank')).toContainText('p = ');
  await screenshot(page, 'insights-no-effect');
});

test('with a little data the page says plainly that it cannot tell yet', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  writeGeneratedHistory(stance.db, { endDate: '2026-11-20', days: 21, seed: 5, skippingBringsPainEarlier: true });
  // A run with its pain never recorded: left out and counted.
  stance.db
    .prepare(
      `INSERT INTO runs (started_at, time_zone, local_date, local_time, distance_m, duration_s, source, created_at, updated_at)
       VALUES ('2026-11-20T07:00:00Z', 'Europe/London', '2026-11-20', '07:00', 8000, 2400, 'manual', 'now', 'now')`,
    )
    .run();
  await page.reload();
  await openInsights(page);
  await expect(page.getByTestId('insights-summary')).toContainText('Too few runs or pain events to tell anything yet');
  await expect(page.getByRole('heading', { name: 'Not enough to tell yet' })).toBeVisible();
  await expect(page.getByTestId('insights-left-out')).toContainText(/left out/);
  await screenshot(page, 'insights-little');
  await expectNoSeriousA11yProblems(page);
});

test('a new runner sees the example, marked as one, and hides it in one click for good', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  await openInsights(page);
  const banner = page.getByRole('region', { name: 'Example data' });
  await expect(banner).toContainText('This is an example, not your data.');
  await expect(page.getByTestId('insights-summary')).toContainText('After weeks you skipped glute work');
  await expect(page.locator('canvas[role="img"]')).toHaveCount(4);
  expect(stance.count('runs')).toBe(0);
  await screenshot(page, 'insights-example');
  await expectNoSeriousA11yProblems(page);

  await banner.getByRole('button', { name: 'Hide the example' }).click();
  await expect(page.getByRole('heading', { name: 'Nothing to analyse yet' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Example data' })).toHaveCount(0);
  await screenshot(page, 'insights-none');

  await stance.restart();
  await openInsights(page);
  await expect(page.getByRole('heading', { name: 'Nothing to analyse yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Show the example again' }).click();
  await expect(page.getByRole('region', { name: 'Example data' })).toBeVisible();
});

test('the filters choose which pain counts', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  writeGeneratedHistory(stance.db, { endDate: '2026-11-20', seed: 2, skippingBringsPainEarlier: true });
  await page.reload();
  await openInsights(page);
  await expect(page.getByTestId('insights-summary')).toContainText('outside of the knee');
  await page.getByLabel('Pain location').selectOption('front_knee');
  await expect(page.getByTestId('insights-summary')).toContainText('at the front of the knee');
  await page.getByLabel('Side').selectOption('left');
  await expect(page.getByTestId('insights-summary')).toContainText('on the left');
});
