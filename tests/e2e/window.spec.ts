/**
 * A runner's day in the window: every page at 1024×700 and 1600×1000, light and dark, empty
 * and full — no sideways scrolling, no serious or critical axe findings, screenshots to look
 * at — and the day's flow from the keyboard alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { launchStance, type Stance } from './harness';
import { screenshot } from './screens';

let stance: Stance;
test.afterEach(() => stance?.close());

const METRES_PER_MILE = 1609.344;
const NOW = () => new Date('2026-11-29T10:00:00Z'); // Sunday 29 November 2026, London
const corpus = path.resolve(__dirname, '../../../shared/gpx-corpus');

const sizes = [
  { name: '1024x700', width: 1024, height: 700 },
  { name: '1600x1000', width: 1600, height: 1000 },
] as const;
const sections = ['Today', 'Runs', 'Strength', 'Pain', 'Insights', 'Settings'] as const;

async function go(page: Page, section: string) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: section }).click();
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
}

async function expectNoSeriousViolations(page: Page, where: string) {
  const axe = await new AxeBuilder({ page }).analyze();
  const serious = axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`), where).toEqual([]);
}

/** Nothing wider than the window: the page never scrolls sideways, nothing is cut off at the right. */
async function expectNoSidewaysScroll(page: Page, where: string) {
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const cut = [...document.querySelectorAll<HTMLElement>('main *')]
      .filter((element) => element.getBoundingClientRect().right > width + 1 && element.getClientRects().length > 0)
      .slice(0, 3)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className} (${Math.round(element.getBoundingClientRect().right)} px)`);
    return { scrollWidth: document.documentElement.scrollWidth, width, cut };
  });
  expect(overflow.cut, `${where}: elements past the right edge`).toEqual([]);
  expect(overflow.scrollWidth, `${where}: page width`).toBeLessThanOrEqual(overflow.width);
}

/** Presses Tab until `target` has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, most = 60) {
  for (let presses = 0; presses < most; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** A month of a new runner's use: runs (one from a GPS file), pain notes, glute sessions, check-ins, a plan, shoes. */
async function fillAMonth(page: Page) {
  const gpx = [...fs.readFileSync(path.join(corpus, 'mapbox__run.gpx'))];
  await page.evaluate(async (gpxBytes) => {
    const must = <T,>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
      if (!result.ok) throw new Error(result.error.message);
      return result.value;
    };
    const s = window.stance;
    must(await s.plan.set({ effectiveFrom: '2026-10-01', kind: 'per_week', sessionsPerWeek: 3 }));
    const shoe = must(await s.shoes.add({ name: 'Ghost 16 (blue)' }));
    const exercises = must(await s.exercises.list());
    const glute = exercises.filter((exercise) => exercise.category === 'glute_hip').slice(0, 3);
    for (let day = 1; day <= 28; day += 3) {
      const localDate = `2026-11-${String(day).padStart(2, '0')}`;
      const miles = 3 + (day % 5) * 0.8;
      const run = must(
        await s.runs.add({
          localDate,
          localTime: day % 2 ? '07:15' : '18:30',
          timeZone: 'Europe/London',
          distanceMetres: miles * 1609.344,
          durationSeconds: miles * 575,
          shoeId: shoe.id,
          surface: 'road',
          notes: day === 7 ? 'Long hill in the middle; knee tight on the way down' : '',
        }),
      );
      if (day < 20) {
        must(
          await s.pain.setForRun(
            day % 2
              ? { runId: run.id, status: 'none' }
              : { runId: run.id, status: 'pain', sites: [{ painOnsetMetres: miles * 0.6 * 1609.344, location: 'lateral_knee', side: 'left', worstScore: 4, action: 'slowed' }] },
          ),
        );
      }
      if (day % 2) {
        must(
          await s.strength.add({
            localDate,
            durationSeconds: 1200,
            rpe: 6,
            notes: '',
            exercises: glute.map((exercise) => ({
              exerciseId: exercise.id,
              band: null,
              effort: null,
              notes: '',
              sets: [1, 2, 3].flatMap((setNumber): { setNumber: number; side: 'left' | 'right' | 'both'; amount: number; loadKg: number | null }[] =>
                exercise.perSide
                  ? [
                      { setNumber, side: 'left', amount: 15, loadKg: null },
                      { setNumber, side: 'right', amount: 15, loadKg: null },
                    ]
                  : [{ setNumber, side: 'both', amount: 15, loadKg: 10 }],
              ),
            })),
          }),
        );
      }
      must(await s.checkins.add({ localDate, context: 'morning', leftScore: day % 4, rightScore: 0, notes: day === 4 ? 'stiff on the stairs at work' : '' }));
    }
    must(await s.recovery.add({ localDate: '2026-11-20', kind: 'foam_rolling', durationSeconds: 600, notes: 'left IT band' }));
    // Seeded through the window's import channel (the test reads how it went; the panel is told by events).
    const { jobId } = must(await s.imports.start({ files: [{ fileName: 'mapbox__run.gpx', bytes: new Uint8Array(gpxBytes) }], timeZone: 'Europe/London' }));
    for (let view = must(await s.imports.status({ jobId })); view.summary === null && view.failure === null; view = must(await s.imports.status({ jobId }))) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, gpx);
  await page.reload();
}

for (const theme of ['light', 'dark'] as const) {
  test(`every page, empty and full, at 1024×700 and 1600×1000 in ${theme} mode: nothing scrolls sideways, axe finds nothing serious`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.clock.setFixedTime(NOW());
    await page.emulateMedia({ colorScheme: theme });
    stance = await launchStance(page, { now: NOW });
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const fill of ['empty', 'full'] as const) {
      if (fill === 'full') await fillAMonth(page);
      for (const size of sizes) {
        await page.setViewportSize({ width: size.width, height: size.height });
        for (const section of sections) {
          await go(page, section);
          await page.waitForLoadState('networkidle');
          const where = `${section} ${fill} ${size.name} ${theme}`;
          await expectNoSidewaysScroll(page, where);
          if (size.width === 1024) await expectNoSeriousViolations(page, where);
          await screenshot(page, `window-${section.toLowerCase()}-${fill}-${size.name}-${theme}`);
        }
        if (fill === 'full') {
          await go(page, 'Runs');
          await page.getByTestId('run-row').filter({ hasText: 'GPS' }).getByRole('button', { name: /^\w{3}, \d+ \w{3} \d{4} at / }).click();
          await expect(page.getByTestId('profile-chart')).toBeVisible();
          const where = `run page ${size.name} ${theme}`;
          await expectNoSidewaysScroll(page, where);
          if (size.width === 1024) await expectNoSeriousViolations(page, where);
          await screenshot(page, `window-run-page-${size.name}-${theme}`);
        }
      }
    }
    expect(stance.blockedRequests).toEqual([]);
  });
}

test('the look follows the system until the runner picks light or dark in Settings', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  stance = await launchStance(page, { now: NOW });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await go(page, 'Settings');
  await page.getByRole('radio', { name: 'Light' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(stance.db.prepare("SELECT value FROM settings WHERE key = 'theme'").get()).toEqual({ value: '"light"' });
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await stance.restart();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  expect(background).not.toBe('rgb(247, 246, 242)');
});

test('at 1024 px the sidebar is icons, each naming its section on keyboard focus', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  stance = await launchStance(page, { now: NOW });
  const runs = page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Runs' });
  const label = runs.locator('.nav-label');
  await expect(label).toHaveCSS('opacity', '0');
  await runs.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(label).toHaveCSS('opacity', '1');
  const sidebar = await page.getByRole('navigation', { name: 'Sections' }).boundingBox();
  expect(sidebar!.width).toBeLessThan(80);
});

test('keyboard only: log a run from Today, answer "did your knee hurt?" — Yes — and record where it began', async ({ page }) => {
  await page.clock.setFixedTime(NOW());
  stance = await launchStance(page, { now: NOW });
  const logRun = page.getByRole('group', { name: 'Log' }).getByRole('button', { name: 'Log a run' });
  await tabTo(page, logRun);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Distance (miles)')).toBeFocused();
  await page.keyboard.type('5.5');
  await page.keyboard.press('Tab');
  await page.keyboard.type('52:10');
  await page.keyboard.press('Enter');

  const question = page.getByRole('heading', { name: 'Did your knee hurt on this run?' });
  await expect(question).toBeFocused();
  await expect(page.getByRole('status')).toContainText('Saved: 5.50 mi on Sun, 29 Nov 2026');
  await screenshot(page, 'window-knee-question');
  await page.keyboard.press('Tab'); // No
  await page.keyboard.press('Tab'); // Yes
  await expect(page.getByRole('button', { name: 'Yes' })).toBeFocused();
  await page.keyboard.press('Enter');

  const form = page.getByRole('form', { name: /Knee pain on the run of Sun, 29 Nov 2026/ });
  await expect(form.getByRole('radio', { name: /No pain/ })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(form.getByRole('radio', { name: /Knee pain started at/ })).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.type('3.2');
  await page.keyboard.press('Tab');
  await page.keyboard.type('5');
  await page.keyboard.press('Tab'); // where: outside of the knee already chosen
  await page.keyboard.press('Tab'); // side
  await page.keyboard.press('Space');
  await expect(form.getByRole('radio', { name: 'Left', exact: true })).toBeChecked();
  await tabTo(page, form.getByRole('button', { name: 'Save pain note' }), 12);
  await page.keyboard.press('Enter');

  await expect(page.getByRole('status')).toContainText('Saved the pain note for the run of Sun, 29 Nov 2026');
  // Focus goes to what was made: the latest run, now with its pain recorded.
  const latest = page.getByRole('region', { name: 'Your latest run' });
  await expect(latest).toBeFocused();
  await expect(latest).toContainText('Knee pain recorded on this run.');
  expect(stance.db.prepare('SELECT pain_status FROM runs').all()).toEqual([{ pain_status: 'pain' }]);
  expect(stance.db.prepare('SELECT onset_m, side, worst_score FROM run_pain').get()).toEqual({ onset_m: 3.2 * METRES_PER_MILE, side: 'left', worst_score: 5 });
});

test('keyboard only: log a run on the Runs page, answer No, and land on the new run', async ({ page }) => {
  await page.clock.setFixedTime(NOW());
  stance = await launchStance(page, { now: NOW });
  await tabTo(page, page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Runs' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: 'Log your first run' }));
  await page.keyboard.press('Enter');
  await page.keyboard.type('4');
  await page.keyboard.press('Tab');
  await page.keyboard.type('38:00');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Did your knee hurt on this run?' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'No', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('No knee pain on this run.');
  await expect(page.getByRole('button', { name: /^Sun, 29 Nov 2026 at / })).toBeFocused();
  await expect(page.getByTestId('run-row')).toContainText('No pain');
  expect(stance.db.prepare('SELECT pain_status FROM runs').all()).toEqual([{ pain_status: 'none' }]);
});

test('keyboard only: the Pain page reaches every old run without a note, page by page, and can leave one not recorded', async ({ page }) => {
  stance = await launchStance(page, { now: NOW });
  await page.evaluate(async () => {
    for (let day = 1; day <= 19; day++) {
      const result = await window.stance.runs.add({
        localDate: `2026-10-${String(day).padStart(2, '0')}`,
        localTime: '07:00',
        timeZone: 'Europe/London',
        distanceMetres: 8000,
        durationSeconds: 2900,
      });
      if (!result.ok) throw new Error(result.error.message);
    }
  });
  await tabTo(page, page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Pain' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /Runs waiting for a pain note/ })).toContainText('(19)');
  await expect(page.getByTestId('waiting-run')).toHaveCount(8);

  const older = page.getByRole('button', { name: 'Older →' });
  await tabTo(page, older);
  await page.keyboard.press('Enter');
  await expect(page.getByText('9–16 of 19, newest first')).toBeVisible();
  await expect(older).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('17–19 of 19, newest first')).toBeVisible();
  await expect(page.getByTestId('waiting-run')).toHaveCount(3);
  await screenshot(page, 'window-pain-oldest-page');

  // The oldest run of all: its pain is recorded, from the keyboard.
  await tabTo(page, page.getByRole('button', { name: 'Record pain for the run of Thu, 1 Oct 2026 at 07:00' }));
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: /Knee pain on the run of Thu, 1 Oct 2026/ });
  await expect(form.getByRole('radio', { name: /No pain/ })).toBeFocused();
  await page.keyboard.press('Space');
  await tabTo(page, form.getByRole('button', { name: 'Save pain note' }), 8);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Saved the pain note for the run of Thu, 1 Oct 2026 at 07:00.');

  // One it cannot remember: left as not recorded, it stops waiting, and nothing else changes.
  await tabTo(page, page.getByRole('button', { name: 'Leave the run of Fri, 2 Oct 2026 at 07:00 as not recorded' }), 80);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Left the run of Fri, 2 Oct 2026 at 07:00 as not recorded.');
  await expect(page.getByRole('heading', { name: /Runs waiting for a pain note/ })).toContainText('(17)');
  expect(stance.db.prepare("SELECT local_date, pain_status, pain_not_recorded FROM runs WHERE local_date <= '2026-10-02' ORDER BY local_date").all()).toEqual([
    { local_date: '2026-10-01', pain_status: 'none', pain_not_recorded: 0 },
    { local_date: '2026-10-02', pain_status: 'unrecorded', pain_not_recorded: 1 },
  ]);
});

test('the run page: a pace readout from hover or keys, in feet with miles, and "Runs" in the sidebar goes back to the list', async ({ page }) => {
  stance = await launchStance(page, { now: NOW });
  const gpx = [...fs.readFileSync(path.join(corpus, 'mapbox__run.gpx'))];
  await page.evaluate(async (bytes) => {
    const started = await window.stance.imports.start({ files: [{ fileName: 'mapbox__run.gpx', bytes: new Uint8Array(bytes) }], timeZone: 'Europe/London' });
    if (!started.ok) throw new Error(started.error.message);
    for (;;) {
      const status = await window.stance.imports.status({ jobId: started.value.jobId });
      if (!status.ok) throw new Error(status.error.message);
      if (status.value.summary !== null || status.value.failure !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, gpx);
  await go(page, 'Runs');
  await page.getByTestId('run-row').getByRole('button', { name: /^\w{3}, \d+ \w{3} \d{4} at / }).click();
  const chart = page.getByTestId('profile-chart');
  await expect(page.getByText('Pace is averaged over 400 m.')).toBeVisible();
  await chart.focus();
  const readout = page.getByTestId('profile-readout');
  await expect(readout).toContainText('At 0.00 mi');
  await page.keyboard.press('End');
  await expect(readout).toHaveText(/^At \d+\.\d\d mi · (pace \d+:\d\d \/mi|stopped)/);
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(readout).not.toContainText('At 0.00 mi');
  if (await page.getByText(/^Climb$/).count()) await expect(page.locator('.run-stats')).toContainText(' ft');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Runs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Runs' })).toBeVisible();
  await expect(page.getByTestId('run-row')).toHaveCount(1);
});

test('the pain form shows every problem at once, each under its field', async ({ page }) => {
  stance = await launchStance(page, { now: NOW });
  await page.evaluate(async () => {
    const result = await window.stance.runs.add({ localDate: '2026-11-20', localTime: '07:00', timeZone: 'Europe/London', distanceMetres: 8000, durationSeconds: 2900 });
    if (!result.ok) throw new Error(result.error.message);
  });
  await go(page, 'Pain');
  await page.getByRole('button', { name: /^Record pain for the run of Fri, 20 Nov 2026/ }).click();
  const form = page.getByRole('form', { name: /Knee pain on the run of/ });
  await form.getByRole('radio', { name: /Knee pain started at/ }).check();
  await form.getByRole('button', { name: 'Save pain note' }).click();
  await expect(form.getByRole('alert')).toHaveCount(3);
  await expect(form.getByLabel('Started at (miles)')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Worst pain (0–10)')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('Say which side hurt: left, right or both.')).toBeVisible();
  await expect(form.getByLabel('Started at (miles)')).toBeFocused();
  expect(stance.count('run_pain')).toBe(0);
});
