/**
 * The Insights weeks chart: a week not yet over is drawn as "so far" (not judged), never in the
 * colour that reads as on plan (issue 21). The chart's numbers table says the same.
 */
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { launchStance, type Stance } from './harness';
import { writeGeneratedHistory } from '../support/history';
import { updateSettings } from '../../src-main/db/settings';

let stance: Stance;
test.afterEach(() => stance?.close());

/** Saturday 21 November 2026, mid-morning in London: the week (from Monday 16 Nov) is not over. */
const saturday = () => new Date('2026-11-21T10:00:00Z');

async function go(page: Page, section: string) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section }).click();
}

for (const theme of ['light', 'dark'] as const) {
  test(`this week so far is drawn and listed as not judged yet (${theme})`, async ({ page }) => {
    test.slow();
    stance = await launchStance(page, { now: saturday });
    writeGeneratedHistory(stance.db, { endDate: '2026-11-20', days: 90, runsPerWeek: 3, checkins: false, seed: 7 });
    updateSettings(stance.db, { theme });
    await page.reload();
    await go(page, 'Insights');
    const card = page.getByRole('region', { name: 'The weeks' });
    await expect(card.getByTestId('weeks-reading')).toContainText('this week so far');
    await card.getByText('Show the numbers behind this chart').click();
    const rows = card.locator('table tbody tr');
    await expect(rows.last()).toContainText('(so far)');
    await expect(rows.last()).toContainText('this week so far: not judged yet');
    await expect(rows.filter({ hasText: 'so far' })).toHaveCount(1);
    for (const [width, height] of [[1024, 700], [1600, 1000]] as const) {
      await page.setViewportSize({ width, height });
      await card.locator('canvas').scrollIntoViewIfNeeded();
      await card.locator('canvas').screenshot({ path: path.resolve(__dirname, '../../screenshots', `insights-weeks-so-far-${theme}-${width}.png`) });
    }
  });
}
