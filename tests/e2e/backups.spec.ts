/**
 * Backups, restore, export/import and recovery as a runner meets them, in the real renderer
 * over the real dispatcher; and a GPX track name full of markup shown as text.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { launchStance, newDataFolder, type Stance } from './harness';
import { screenshot } from './screens';
import { openStanceDatabase } from '../../src-main/db/open';
import { addRun } from '../../src-main/db/runs';
import { takeBackup } from '../../src-main/db/backups';
import { gpxText } from '../support/gpx-text';

let stance: Stance;
test.afterEach(() => stance?.close());

const aRun = (localDate: string, distanceMetres: number) => ({ localDate, localTime: '07:30', timeZone: 'Europe/London', distanceMetres, durationSeconds: 3000, effort: null, surface: null, shoeId: null, notes: '' });
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

async function openSettings(page: Page) {
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Backups' })).toBeVisible();
}

test('Settings lists the backups; back up now, restore one, and undo the restore', async ({ page }) => {
  stance = await launchStance(page);
  addRun(stance.db, aRun('2026-11-01', 10_000), new Date());
  await openSettings(page);
  const backups = page.getByTestId('backup-row');

  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByRole('status')).toContainText('Backed up');
  await expect(backups).toHaveCount(1);
  await expect(backups.first()).toContainText('Made by you');

  await page.getByRole('button', { name: 'Open backups folder' }).click();
  await expect.poll(() => stance.openedFolders).toEqual([path.join(stance.dataFolder, 'backups')]);

  // A second run after the backup; restoring the backup takes it away, and the undo brings it back.
  addRun(stance.db, aRun('2026-11-02', 5_000), new Date());
  await page.getByRole('button', { name: /^Restore the backup from/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore this backup?' });
  await expect(dialog).toContainText('Your database as it is now is kept first as a backup');
  await screenshot(page, 'backups-restore-confirm');
  await dialog.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible(); // the window reloaded
  await expect(page.getByRole('status').filter({ hasText: /^Restored the backup from / })).toContainText('kept as “Before a restore (undo)”');
  expect(stance.count('runs')).toBe(1);

  await openSettings(page);
  await expect(backups).toHaveCount(2);
  await expect(backups.filter({ hasText: 'Before a restore (undo)' })).toHaveCount(1);
  await screenshot(page, 'backups-settings');
  const axe = await new AxeBuilder({ page }).include('.backups').analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await backups.filter({ hasText: 'Before a restore (undo)' }).getByRole('button', { name: /^Restore/ }).click();
  await page.getByRole('dialog', { name: 'Restore this backup?' }).getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  expect(stance.count('runs')).toBe(2);
  expect(stance.faults).toEqual([]);
});

test('export everything as JSON, then import it back: every record recognised, none added twice', async ({ page }) => {
  stance = await launchStance(page);
  addRun(stance.db, aRun('2026-11-01', 10_000), new Date());
  await openSettings(page);
  await page.getByRole('button', { name: 'Export everything (JSON)' }).click();
  await expect(page.getByRole('status')).toContainText('Exported 1 run to one JSON file');
  const exported = fs.readdirSync(path.join(stance.dataFolder, 'exports'));
  expect(exported).toHaveLength(1);
  const file = path.join(stance.dataFolder, 'exports', exported[0]!);
  expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ format: 'stance-export', formatVersion: 1 });

  await page.getByRole('button', { name: 'Export for spreadsheets (CSV)' }).click();
  await expect(page.getByRole('status')).toContainText('as CSV files, one per table');

  await page.getByLabel('Stance export file to import').setInputFiles(file);
  await expect(page.getByRole('status')).toContainText('added nothing new');
  expect(stance.count('runs')).toBe(1);

  fs.writeFileSync(path.join(stance.dataFolder, 'not-an-export.json'), '{"hello": "world"}');
  await page.getByLabel('Stance export file to import').setInputFiles(path.join(stance.dataFolder, 'not-an-export.json'));
  await expect(page.getByRole('alert')).toHaveText('That file is not a Stance export (it has no "format": "stance-export"). Nothing was imported.');
});

test('a damaged database opens the recovery screen, offers the newest good backup and says what will be lost', async ({ page }) => {
  const dataFolder = newDataFolder();
  const databasePath = path.join(dataFolder, 'stance.sqlite');
  const db = await openStanceDatabase(databasePath, { backupsFolder: path.join(dataFolder, 'backups') });
  addRun(db, aRun('2026-11-01', 10_000), new Date());
  await takeBackup(db, path.join(dataFolder, 'backups'), 'daily', new Date('2026-11-19T07:30:00Z'));
  addRun(db, aRun('2026-11-02', 5_000), new Date());
  await takeBackup(db, path.join(dataFolder, 'backups'), 'manual', new Date('2026-11-18T18:00:00Z'));
  db.close();
  // A newer backup that is itself damaged, and a corrupted page in the database.
  fs.writeFileSync(path.join(dataFolder, 'backups', 'daily-2026-11-20T07-30-00Z.sqlite'), Buffer.alloc(8192, 0x42));
  const bytes = fs.readFileSync(databasePath);
  bytes.fill(0, 4096 * 2, 4096 * 2 + 3000);
  fs.writeFileSync(databasePath, bytes);
  const damagedSha = sha256(databasePath);

  stance = await launchStance(page, { dataFolder });
  await expect(page.getByRole('heading', { name: 'Stance’s database is damaged' })).toBeVisible();
  await expect(page.getByText(/has not changed it in any way/)).toBeVisible();
  await expect(page.locator('.offer-when')).toContainText('19 Nov 2026');
  await expect(page.getByText(/^Changes since .*19 Nov 2026.* will be lost\.$/)).toBeVisible();
  expect(sha256(databasePath)).toBe(damagedSha); // opening wrote nothing
  await screenshot(page, 'backups-recovery');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  await page.getByRole('button', { name: 'Restore this backup' }).click();
  await page.getByRole('dialog', { name: 'Restore this backup?' }).getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
  expect(stance.count('runs')).toBe(1);
  const movedAside = fs.readdirSync(dataFolder).filter((name) => name.startsWith('damaged-'));
  expect(movedAside).toHaveLength(1);
  expect(sha256(path.join(dataFolder, movedAside[0]!))).toBe(damagedSha);
});

test('a track name with markup in it is shown as text, never as markup', async ({ page }) => {
  stance = await launchStance(page);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const hostileName = '<img src=x onerror=alert(1)>';
  const file = path.join(stance.dataFolder, 'hostile-name.gpx');
  fs.writeFileSync(file, gpxText({ seconds: 240, name: hostileName, start: '2026-11-10T07:00:00Z' }));

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('button', { name: 'Runs' }).click();
  await page.getByRole('button', { name: 'Import runs' }).first().click();
  await page.getByLabel('Files to import').setInputFiles([file]);
  await expect(page.getByRole('status')).toHaveText('1 imported, 0 duplicates skipped, 0 refused.');
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByTestId('run-row').first().getByRole('button').first().click();
  await expect(page.getByText(`“${hostileName}”`, { exact: false })).toBeVisible();
  expect(await page.locator('img').count()).toBe(0);
  expect(await page.locator('main').innerHTML()).toContain('&lt;img src=x onerror=alert(1)&gt;');
  expect(dialogs).toEqual([]);
  await screenshot(page, 'backups-hostile-track-name');
});
