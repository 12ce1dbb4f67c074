import path from 'node:path';
import type { Page } from '@playwright/test';

/**
 * Saves a full-page screenshot under screenshots/ for a person to look at (not test-results/,
 * which Playwright empties at the start of every run).
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.resolve(__dirname, '../../screenshots', `${name}.png`), fullPage: true });
}
