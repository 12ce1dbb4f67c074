import path from 'node:path';
import type { Page } from '@playwright/test';

/** Saves a full-page screenshot under test-results/screens/ for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.resolve(__dirname, '../../test-results/screens', `${name}.png`), fullPage: true });
}
