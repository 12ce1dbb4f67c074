import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { launchStance, type Stance } from './harness';
import { screenshot } from './screens';
import { writeGeneratedHistory } from '../support/history';
import { writeRealHistory } from '../support/real-history';

let stance: Stance;
test.afterEach(() => stance?.close());

/** Saturday 21 November 2026, mid-morning in London. */
const saturday = () => new Date('2026-11-21T10:00:00Z');
const CHARTS = 5;

async function openInsights(page: Page) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Insights' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
}

async function expectNoSeriousA11yProblems(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
}

/** Screenshots at the two window sizes a runner is likely to use. */
async function screenshots(page: Page, name: string) {
  for (const [width, height] of [
    [1024, 700],
    [1600, 1000],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(150); // the charts redraw on resize
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize({ width: 1200, height: 800 });
}

/**
 * Every chart draws every row it describes: opens each chart's numbers table and checks that
 * each row's drawn (x, y) lies inside the ranges the chart's axes were drawn with. Returns the
 * rows checked per chart.
 */
async function expectEveryRowInsideItsAxes(page: Page): Promise<number[]> {
  const cards = page.locator('section.chart-card');
  const checked: number[] = [];
  for (let index = 0; index < (await cards.count()); index++) {
    const card = cards.nth(index);
    const canvases = card.locator('canvas[role="img"]');
    const tables = card.locator('details.numbers');
    for (let chart = 0; chart < (await canvases.count()); chart++) {
      const canvas = canvases.nth(chart);
      await expect(canvas).toHaveAttribute('data-axes', /x/);
      const axes = JSON.parse((await canvas.getAttribute('data-axes'))!) as Record<string, [number, number]>;
      const details: Locator = tables.nth(chart);
      await details.locator('summary').click();
      const rows = await details.locator('tbody tr[data-x]').evaluateAll((elements) =>
        elements.map((row) => ({
          x: Number(row.getAttribute('data-x')),
          y: Number(row.getAttribute('data-y')),
          axis: row.getAttribute('data-axis') ?? 'y',
          text: row.textContent ?? '',
        })),
      );
      for (const row of rows) {
        const [xMin, xMax] = axes.x!;
        const [yMin, yMax] = axes[row.axis]!;
        expect(row.x, `${row.text}: x inside the drawn axis`).toBeGreaterThanOrEqual(xMin);
        expect(row.x, `${row.text}: x inside the drawn axis`).toBeLessThanOrEqual(xMax);
        expect(row.y, `${row.text}: y inside the drawn axis`).toBeGreaterThanOrEqual(yMin);
        expect(row.y, `${row.text}: y inside the drawn axis`).toBeLessThanOrEqual(yMax);
      }
      checked.push(rows.length);
      await details.locator('summary').click();
    }
  }
  return checked;
}

test('a runner for whom skipping glute work brings the pain on earlier sees it, with its size and uncertainty', async ({ page }) => {
  test.slow();
  stance = await launchStance(page, { now: saturday });
  writeGeneratedHistory(stance.db, { endDate: '2026-11-20', seed: 2, hazardRatio: 5 });
  await page.reload();
  await openInsights(page);

  const summary = page.getByTestId('insights-summary');
  await expect(summary).toContainText(/After 7\+ days without glute work, pain on the outside of the knee was about \d+(\.\d)?× as likely to start at any given point of a run as after 0–6 days \(95% interval/);
  await expect(summary).toContainText('the evidence passed the bar set so that looking every week does not raise false alarms');
  await expect(summary).toContainText('the interval of a single look, not protected against repeated looks');
  await expect(summary).toContainText('This is an association in your own data, not proof of cause.');
  await expect(page.getByRole('heading', { name: 'Verdict: the pain comes on earlier after 7+ days without glute work' })).toBeVisible();
  await expect(page.getByTestId('permutation')).toContainText('Week-shift test over the whole analysis: p = ');
  await expect(page.getByRole('region', { name: 'Example data' })).toHaveCount(0);
  await expect(page.getByTestId('insights-left-out')).toContainText('have no pain note');
  await expect(page.getByTestId('half-usual')).toContainText(/Half of these \d+ runs were still pain-free at|More than half of these/);
  await expect(page.getByText(/median/i)).toHaveCount(0);
  await expect(page.getByText('Spearman')).toHaveCount(0);
  await expect(page.getByText('0% (0–0')).toHaveCount(0);

  await expect(page.locator('canvas[role="img"]')).toHaveCount(CHARTS);
  const curves = page.getByRole('region', { name: 'Still pain-free at this distance' });
  await curves.getByText('Show the numbers behind this chart').click();
  await expect(curves.getByRole('columnheader', { name: 'After 7+ days without glute work' })).toBeVisible();
  await expectOneGrouping(page);
  await screenshots(page, 'insights-real');
  await expectNoSeriousA11yProblems(page);
  expect(stance.blockedRequests).toEqual([]);
});

test('where glute work makes no difference, the page claims nothing and says what it would need', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  writeGeneratedHistory(stance.db, { endDate: '2026-11-20', seed: 2, skippingBringsPainEarlier: false });
  await page.reload();
  await openInsights(page);
  const summary = page.getByTestId('insights-summary');
  await expect(summary).not.toContainText('clear enough to say');
  await expect(summary).toContainText(/Stance decides only at set numbers of pain onsets|The analysis reached its last check \(80 pain onsets\)/);
  await page.getByText('The checks so far').click();
  await expect(page.getByTestId('sequential').getByRole('row')).toHaveCount(11);
  await screenshot(page, 'insights-no-effect');
});

test('with a little data the page says plainly that it cannot tell yet', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  writeGeneratedHistory(stance.db, { endDate: '2026-11-20', days: 21, seed: 5, skippingBringsPainEarlier: true });
  stance.db
    .prepare(
      `INSERT INTO runs (started_at, time_zone, local_date, local_time, distance_m, duration_s, source, created_at, updated_at)
       VALUES ('2026-11-20T07:00:00Z', 'Europe/London', '2026-11-20', '07:00', 8000, 2400, 'manual', 'now', 'now')`,
    )
    .run();
  await page.reload();
  await openInsights(page);
  await expect(page.getByRole('heading', { name: 'Verdict: not enough to tell yet' })).toBeVisible();
  await expect(page.getByTestId('insights-left-out')).toContainText(/no pain note/);
  await screenshot(page, 'insights-little');
  await expectNoSeriousA11yProblems(page);
});

test('a new runner sees the example, marked as one, every chart drawn whole, and hides it in one click for good', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  await openInsights(page);
  const banner = page.getByRole('region', { name: 'Example data' });
  await expect(banner).toContainText('This is an example, not your data.');
  await expect(banner).toContainText('a hazard ratio of 2');
  await expect(page.getByTestId('insights-summary')).toContainText(/7\+ days without glute work/);
  await expect(page.locator('canvas[role="img"]')).toHaveCount(CHARTS);
  const checked = await expectEveryRowInsideItsAxes(page);
  // The scatter's table lists every run of the example drawn (200 or so), the weeks table every week.
  expect(checked[0]).toBeGreaterThan(150);
  expect(checked[2]).toBeGreaterThan(50);
  expect(stance.count('runs')).toBe(0);
  await screenshots(page, 'insights-example');
  await expectNoSeriousA11yProblems(page);

  await banner.getByRole('button', { name: 'Hide the example' }).click();
  await expect(page.getByRole('heading', { name: 'Nothing to analyse yet' })).toBeVisible();
  await screenshot(page, 'insights-none');
  await stance.restart();
  await openInsights(page);
  await expect(page.getByRole('heading', { name: 'Nothing to analyse yet' })).toBeVisible();
  await page.getByRole('button', { name: 'Show the example again' }).click();
  await expect(page.getByRole('region', { name: 'Example data' })).toBeVisible();
});

test('a month of new runs beside a 2010 and a 2023 import: the whole analysis by default, breaks over the years', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  writeRealHistory(stance.db);
  await page.reload();
  await openInsights(page);
  await expect(page.getByTestId('insights-range')).toContainText('The whole analysis: 21 Oct 2026 to 20 Nov 2026.');
  await expect(page.getByTestId('insights-range')).toContainText('Your runs go back to 12 Jun 2010');
  // Only the last run has 30 days of running before it; the 2010 and 2023 runs are outside the range.
  await expect(page.getByTestId('long-run-reading')).toContainText('0 runs of 1 were longer than 110%');
  await expect(page.getByTestId('long-run-reading')).toContainText('The first 30 days of running, and of running again after a break, have not enough history');
  // A month: no ratio its groups cannot carry, and no verdict before the first check at 10 onsets.
  await expect(page.getByRole('heading', { name: 'Verdict: cannot tell yet' })).toBeVisible();
  await expect(page.getByTestId('insights-summary')).toContainText('No ratio is given');
  await expect(page.getByTestId('insights-summary')).toContainText('the next check is at 10 onsets (there are 7 so far)');
  await expectEveryRowInsideItsAxes(page);
  await screenshots(page, 'insights-month');

  await page.getByLabel('From').fill('2010-01-01');
  await expect(page.getByTestId('insights-range')).toContainText('Runs shown: 1 Jan 2010 to 20 Nov 2026.');
  // Another range is a picture and a description, never the verdict.
  await expect(page.getByRole('heading', { name: 'Verdict: cannot tell yet' })).toBeVisible();
  await expect(page.getByTestId('insights-description')).toContainText('a description, not a test');
  await expect(page.getByTestId('weeks-reading')).toContainText('2 breaks of more than 4 weeks without running are drawn');
  await expect(page.getByTestId('weeks-reading')).not.toContainText('of 88');
  const checked = await expectEveryRowInsideItsAxes(page);
  expect(checked[2]).toBeLessThan(12); // a handful of weeks, not 16 years of them
  await screenshots(page, 'insights-2010-import');
});

test('three and a half years of runs with a 2010 import and gaps of weeks: every chart drawn whole', async ({ page }) => {
  test.slow();
  stance = await launchStance(page, { now: saturday });
  writeGeneratedHistory(stance.db, { endDate: '2026-11-20', days: 1290, seed: 4 });
  // A 12-day break in the spring and a 6-week one the summer before.
  stance.db.prepare("DELETE FROM runs WHERE local_date BETWEEN '2026-04-03' AND '2026-04-14'").run();
  stance.db.prepare("DELETE FROM runs WHERE local_date BETWEEN '2025-07-01' AND '2025-08-15'").run();
  stance.db
    .prepare(
      `INSERT INTO runs (started_at, time_zone, local_date, local_time, distance_m, duration_s, source, created_at, updated_at)
       VALUES ('2010-06-12T08:00:00Z', 'Europe/London', '2010-06-12', '08:00', 10400, 3300, 'gpx', 'now', 'now')`,
    )
    .run();
  await page.reload();
  await openInsights(page);
  await page.getByLabel('From').fill('2010-01-01');
  await expect(page.getByTestId('insights-range')).toContainText(/Runs shown: 1 Jan 2010 to \d+ Nov 2026\./);
  await expect(page.getByTestId('weeks-reading')).toContainText('breaks of more than 4 weeks without running');
  const checked = await expectEveryRowInsideItsAxes(page);
  expect(checked[0]).toBeGreaterThan(700);
  await screenshots(page, 'insights-years');
});

test('the filters choose the pain of the pictures and the description; the verdict stays the main complaint’s', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  writeGeneratedHistory(stance.db, { endDate: '2026-11-20', seed: 2, hazardRatio: 5 });
  await page.reload();
  await openInsights(page);
  const verdict = page.getByTestId('insights-verdict');
  const before = await verdict.textContent();
  await expect(page.getByTestId('insights-summary')).toContainText('for pain on the outside of the knee (either side)');
  await expect(page.getByTestId('insights-description')).toHaveCount(0);
  await page.getByLabel('Pain location').selectOption('front_knee');
  await expect(page.getByTestId('insights-description')).toContainText('at the front of the knee');
  await expect(page.getByTestId('insights-description')).toContainText('a description, not a test');
  await page.getByLabel('Side').selectOption('left');
  await expect(page.getByTestId('insights-description')).toContainText('on the left');
  await expect(verdict).toHaveText(before!);
  await expect(page.getByTestId('insights-summary')).toContainText('for pain on the outside of the knee (either side)');
});

test('a 7+ days group of 2 runs gives no ratio and says why; counts, curves and scatter use the headline’s groups', async ({ page }) => {
  test.slow();
  stance = await launchStance(page, { now: saturday });
  writeRealHistory(stance.db, { withOldRuns: false });
  // A second run after the skipped week (9 days after the last glute session), pain-free: the 7+ group holds 2 runs, 1 with pain.
  stance.db
    .prepare(
      `INSERT INTO runs (started_at, time_zone, local_date, local_time, distance_m, duration_s, source, pain_status, created_at, updated_at)
       VALUES ('2026-11-11T07:30:00Z', 'Europe/London', '2026-11-11', '07:30', 7000, 2300, 'manual', 'none', 'now', 'now')`,
    )
    .run();
  await page.reload();
  await openInsights(page);
  const summary = page.getByTestId('insights-summary');
  await expect(summary).toContainText('No ratio is given: 2 runs after 7+ days without glute work, 1 with pain; 12 runs after 0–6 days, 6 with pain: too few to estimate. A ratio needs at least 5 pain onsets in each group.');
  await expect(summary).not.toContainText('× as likely');
  await expect(page.getByTestId('headline-group-skipped')).toContainText(/After 7\+ days without glute work\s*2\s*1\s*0/);
  await expectOneGrouping(page);
  await screenshots(page, 'insights-small-group');
  await expectNoSeriousA11yProblems(page);
});

/**
 * The headline's groups are the groups of the counts, the curves and the scatter: the runs and
 * onsets in the headline's table are those of the Kaplan–Meier curves' legend and of the scatter's
 * rows, group by group (default view: the whole analysis).
 */
async function expectOneGrouping(page: Page) {
  for (const [group, name] of [
    ['skipped', '7+ days without glute work'],
    ['usual', '0–6 days since glute work'],
  ] as const) {
    const cells = page.getByTestId(`headline-group-${group}`).getByRole('cell');
    const runs = Number(await cells.nth(0).textContent());
    const onsets = Number(await cells.nth(1).textContent());
    const scatter = page.getByRole('region', { name: 'Where the pain began, by days since your last glute session' });
    const table = scatter.locator('details.numbers');
    if ((await table.getAttribute('open')) === null) await table.locator('summary').click();
    const rows = table.locator('tbody tr').filter({ hasText: name });
    await expect(rows).toHaveCount(runs);
    await expect(rows.filter({ hasText: 'Pain began' })).toHaveCount(onsets);
    const curves = page.getByRole('region', { name: 'Still pain-free at this distance' });
    await expect(curves).toContainText(`${group === 'skipped' ? 'days without' : 'days after a glute session'} (${runs} runs, ${onsets} with pain)`);
  }
}

test('the pain note records pain already there at the start and a run cut short because of the knee; the Insights set them apart', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  writeRealHistory(stance.db, { withOldRuns: false });
  await page.reload();
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Pain' }).click();
  await page.getByRole('button', { name: /(Change the pain note|Record pain) for the run of Fri, 20 Nov 2026/ }).first().click();
  const form = page.getByRole('form', { name: /Knee pain on the run of/ });
  await form.getByRole('radio', { name: /Knee pain started at/ }).check();
  await form.getByLabel('Worst pain (0–10)').fill('3');
  await form.getByRole('radio', { name: 'Left', exact: true }).check();
  await form.getByLabel(/It already hurt when I started this run/).check();
  await expect(form.getByLabel(/Started at/)).toBeDisabled();
  await form.getByLabel('I cut this run short because of my knee').check();
  await screenshot(page, 'pain-editor-sore-at-start');
  await form.getByRole('button', { name: 'Save pain note' }).click();
  await expect(page.getByRole('status')).toContainText('Saved the pain note');
  expect(stance.db.prepare("SELECT onset_m, present_at_start FROM run_pain JOIN runs ON runs.id = run_id WHERE local_date = '2026-11-20'").all()).toEqual([
    { onset_m: 0, present_at_start: 1 },
  ]);
  expect(stance.db.prepare("SELECT cut_short_by_knee FROM runs WHERE local_date = '2026-11-20'").get()).toEqual({ cut_short_by_knee: 1 });
  await openInsights(page);
  await expect(page.getByTestId('insights-sore-at-start')).toContainText('1 run set apart: the pain on the outside of the knee was already there when it started');
});

/** Nothing wider than the window: the page never scrolls sideways, nothing is cut off at the right. */
async function expectNoSidewaysScroll(page: Page, where: string) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const cut = [...document.querySelectorAll<HTMLElement>('main *')]
      .filter((element) => element.getBoundingClientRect().right > width + 1 && element.getClientRects().length > 0)
      .slice(0, 3)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className}`);
    return { scrollWidth: document.documentElement.scrollWidth, width, cut };
  });
  expect(overflow.cut, `${where}: elements past the right edge`).toEqual([]);
  expect(overflow.scrollWidth, `${where}: page width`).toBeLessThanOrEqual(overflow.width);
}

/** Every chart's date labels (x axis) as printed: none over another, at least two on a dated axis. */
async function expectNoDatesOverEachOther(page: Page, where: string) {
  const canvases = page.locator('canvas[role="img"]');
  for (let index = 0; index < (await canvases.count()); index++) {
    await expect(canvases.nth(index)).toHaveAttribute('data-x-labels', /\[/);
    const labels = JSON.parse((await canvases.nth(index).getAttribute('data-x-labels'))!) as { text: string; left: number; right: number }[];
    for (let label = 1; label < labels.length; label++) {
      expect(labels[label]!.left, `${where}, chart ${index + 1}: "${labels[label - 1]!.text}" and "${labels[label]!.text}"`).toBeGreaterThan(labels[label - 1]!.right + 4);
    }
  }
  for (const chart of ['Training load']) {
    const dated = page.getByRole('region', { name: chart }).locator('canvas[role="img"]');
    for (let index = 0; index < (await dated.count()); index++) {
      const labels = JSON.parse((await dated.nth(index).getAttribute('data-x-labels'))!) as { text: string }[];
      expect(labels.length, `${where}: dates under the ${chart} chart`).toBeGreaterThanOrEqual(3);
      for (const label of labels) expect(label.text).toMatch(/^\d{1,2} \w{3,4} \d{4}$/);
    }
  }
}

/** How many pixels of the onset chart are drawn in `colour` (#rrggbb), give or take 3 per channel. */
async function pixelsIn(page: Page, colour: string): Promise<number> {
  const canvas = page.getByRole('region', { name: /Where the pain began/ }).locator('canvas[role="img"]');
  return canvas.evaluate((element: HTMLCanvasElement, hex) => {
    const [r, g, b] = [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)) as [number, number, number];
    const data = element.getContext('2d')!.getImageData(0, 0, element.width, element.height).data;
    let count = 0;
    for (let at = 0; at < data.length; at += 4) {
      if (Math.abs(data[at]! - r) <= 3 && Math.abs(data[at + 1]! - g) <= 3 && Math.abs(data[at + 2]! - b) <= 3 && data[at + 3]! > 250) count += 1;
    }
    return count;
  }, colour);
}

for (const theme of ['light', 'dark'] as const) {
  test(`in ${theme} mode the example and a full history are drawn in the theme's colours, dates apart, at 1024×700 and 1600×1000, axe clean`, async ({ page }) => {
    test.setTimeout(180_000);
    // The pain dots' colour in each theme (styles.css --chart-pain): this theme's is drawn, the other's is not.
    const painColour = { light: '#b42318', dark: '#ff8a80' };
    const other = theme === 'light' ? 'dark' : 'light';
    await page.emulateMedia({ colorScheme: theme });
    stance = await launchStance(page, { now: saturday });
    await openInsights(page);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    await expect(page.getByRole('region', { name: 'Example data' })).toBeVisible();
    for (const fill of ['example', 'years'] as const) {
      if (fill === 'years') {
        writeGeneratedHistory(stance.db, { endDate: '2026-11-20', days: 1290, seed: 4 });
        stance.db.prepare("DELETE FROM runs WHERE local_date BETWEEN '2025-07-01' AND '2025-08-15'").run();
        stance.db
          .prepare(
            `INSERT INTO runs (started_at, time_zone, local_date, local_time, distance_m, duration_s, source, created_at, updated_at)
             VALUES ('2010-06-12T08:00:00Z', 'Europe/London', '2010-06-12', '08:00', 10400, 3300, 'gpx', 'now', 'now')`,
          )
          .run();
        await page.reload();
        await openInsights(page);
        await page.getByLabel('From').fill('2010-01-01');
        await expect(page.getByTestId('insights-range')).toContainText(/Runs shown: 1 Jan 2010 to \d+ Nov 2026\./);
        // The chosen date, in the app's format beside the native input.
        await expect(page.getByTestId('date-echo').first()).toHaveText('Fri, 1 Jan 2010');
      }
      for (const [width, height] of [
        [1024, 700],
        [1600, 1000],
      ] as const) {
        await page.setViewportSize({ width, height });
        await page.waitForTimeout(200); // the charts redraw on resize
        const where = `${fill} ${width}×${height} ${theme}`;
        await expect(page.locator('canvas[role="img"]')).toHaveCount(CHARTS);
        await expectNoSidewaysScroll(page, where);
        await expectNoDatesOverEachOther(page, where);
        expect(await pixelsIn(page, painColour[theme]), `${where}: pain dots in the ${theme} colour`).toBeGreaterThan(20);
        expect(await pixelsIn(page, painColour[other]), `${where}: nothing in the ${other} theme's colour`).toBe(0);
        await expectNoSeriousA11yProblems(page);
        await screenshot(page, `insights-${fill}-${width}-${theme}`);
      }
    }
    expect(stance.blockedRequests).toEqual([]);
  });
}

test('switching the theme in Settings redraws the charts in the new colours', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  stance = await launchStance(page, { now: saturday });
  await openInsights(page);
  expect(await pixelsIn(page, '#b42318')).toBeGreaterThan(20);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
  await page.getByLabel('Dark', { exact: true }).check();
  await openInsights(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await pixelsIn(page, '#ff8a80')).toBeGreaterThan(20);
  expect(await pixelsIn(page, '#b42318')).toBe(0);
});
