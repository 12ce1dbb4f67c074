import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { FOREIGN_ORIGIN, launchStance, type Stance } from './harness';
import { screenshot } from './screens';

let stance: Stance;
test.afterEach(() => stance?.close());

const sections = [
  { label: 'Today', heading: 'Today', empty: 'Welcome to Stance' },
  { label: 'Runs', heading: 'Runs', empty: 'No runs yet' },
  { label: 'Strength', heading: 'Strength', empty: 'No strength sessions yet' },
  { label: 'Pain', heading: 'Pain', empty: 'No pain recorded yet' },
  // A new runner's Insights show how the page works on example data, clearly marked.
  { label: 'Insights', heading: 'Insights', empty: 'This is an example, not your data.' },
  { label: 'Settings', heading: 'Settings', empty: 'Your data' },
];

test('a new runner can visit every section, each telling them what to do first, with nothing fetched from the network', async ({ page }) => {
  stance = await launchStance(page);
  const nav = page.getByRole('navigation', { name: 'Sections' });
  for (const section of sections) {
    await nav.getByRole('button', { name: section.label }).click();
    await expect(page.getByRole('heading', { level: 1, name: section.heading })).toBeVisible();
    await expect(page.getByRole('heading', { name: section.empty }).or(page.getByText(section.empty, { exact: true }))).toBeVisible();
    await expect(nav.getByRole('button', { name: section.label })).toHaveAttribute('aria-current', 'page');
    await screenshot(page, `empty-${section.label.toLowerCase()}`);
    const axe = await new AxeBuilder({ page }).analyze();
    const serious = axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious.map((violation) => `${violation.id}: ${violation.help}`), section.label).toEqual([]);
  }
  expect(stance.blockedRequests).toEqual([]);
});

test('the page runs under a Content-Security-Policy that forbids anything remote', async ({ page }) => {
  stance = await launchStance(page);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("default-src 'none'");
  expect(policy).toContain("connect-src 'none'");
  const fetched = await page.evaluate(() =>
    fetch('https://example.com/').then(
      () => 'fetched',
      () => 'blocked',
    ),
  );
  expect(fetched).toBe('blocked');
  expect(stance.blockedRequests).toEqual([]); // refused by the CSP before it reached the network
});

test('a page that is not Stance cannot use the door, even with window.stance in reach', async ({ page }) => {
  stance = await launchStance(page);
  await page.goto(`${FOREIGN_ORIGIN}/`);
  const result = await page.evaluate(() =>
    window.stance.runs.add({ localDate: '2026-11-20', localTime: '07:00', timeZone: 'UTC', distanceMetres: 5000, durationSeconds: 1500 }),
  );
  expect(result).toEqual({ ok: false, error: { kind: 'refused', message: 'This request did not come from Stance’s own window, so it was ignored.' } });
  expect(stance.count('runs')).toBe(0);
});

test('a malformed call from our own page is refused in words, and the app keeps working', async ({ page }) => {
  stance = await launchStance(page);
  const results = await page.evaluate(async () => {
    const api = window.stance as unknown as { runs: { add: (input: unknown) => Promise<unknown> } };
    return Promise.all([
      api.runs.add({ distanceMetres: 'ten' }),
      api.runs.add(Array.from({ length: 100_000 }, () => 1)),
      api.runs.add(JSON.parse('{"__proto__": {"polluted": true}}')),
    ]);
  });
  for (const result of results) expect(result).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  expect(stance.count('runs')).toBe(0);
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Runs' }).click();
  await expect(page.getByRole('heading', { name: 'No runs yet' })).toBeVisible();
});

test('the menu shortcuts reach the window', async ({ page }) => {
  stance = await launchStance(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  await page.evaluate(() => (window as unknown as { __stanceEmit: (c: string, p: string) => void }).__stanceEmit('event:navigate', 'settings'));
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
});
