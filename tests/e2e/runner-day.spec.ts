/**
 * A runner's day (issue 21): reads ask again only when what they read changed.
 */
import { expect, test } from '@playwright/test';
import { launchStance, type Stance } from './harness';
import { writeGeneratedHistory } from '../support/history';

let stance: Stance;
test.afterEach(() => stance?.close());

/** Saturday 21 November 2026, mid-morning in London. */
const saturday = () => new Date('2026-11-21T10:00:00Z');

test('saving the weekly knee check on Today asks again what shows it, and not the glute plan summary', async ({ page }) => {
  stance = await launchStance(page, { now: saturday });
  writeGeneratedHistory(stance.db, { endDate: '2026-11-20', days: 35, runsPerWeek: 3, checkins: false, seed: 4 });
  await page.reload();
  await expect(page.getByTestId('days-since-glute')).toBeVisible();
  const check = page.getByRole('region', { name: 'Weekly knee check' });
  await expect(check).toBeVisible();
  const summaryAsks = stance.callsTo('today:summary');
  const clinicAsks = stance.callsTo('clinic:today');

  await check.getByRole('button', { name: 'Answer 4 questions' }).click();
  const form = page.getByRole('form', { name: 'Weekly knee check' });
  await form.getByRole('radio', { name: 'Full participation without knee problems' }).check();
  await form.getByRole('button', { name: 'Save this week’s check' }).click();
  await expect(page.getByTestId('knee-check-result')).toContainText('no knee problems');

  expect(stance.callsTo('clinic:today')).toBe(clinicAsks + 1);
  expect(stance.callsTo('today:summary')).toBe(summaryAsks);
});
