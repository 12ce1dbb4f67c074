/**
 * Backups made at the same moment: each has its own half-written (`.partial`) file and both
 * succeed, each ending as its own verified backup. Before, two backups in the same second
 * shared one `.partial` file and both failed (3 of 4 command-line trials).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStanceDatabase } from '../../src-main/db/open';
import { listBackups, takeBackup } from '../../src-main/db/backups';
import { verifyDatabaseFile } from '../../src-main/db/backup';
import { tempFolder } from '../support/temp-db';
import { fillEveryKind, FILL_NOW } from '../support/fill-db';
import { proofCount } from '../support/proofs';
import { runCliChild } from '../support/children';

const work = tempFolder('stance-two-backups-');
afterAll(() => work.cleanup());

describe('two backups at once', () => {
  it('in one process, at the same instant: both succeed, as two verified files', async () => {
    const folder = path.join(work.folder, 'one-process');
    const db = await openStanceDatabase(path.join(folder, 'stance.sqlite'), { backupsFolder: path.join(folder, 'backups') });
    await fillEveryKind(db);
    const made = await Promise.all([0, 1, 2].map(() => takeBackup(db, path.join(folder, 'backups'), 'manual', FILL_NOW)));
    db.close();
    expect(new Set(made.map((backup) => backup.name)).size).toBe(3);
    for (const backup of made) verifyDatabaseFile(path.join(folder, 'backups', backup.name));
    expect(fs.readdirSync(path.join(folder, 'backups')).filter((name) => name.includes('partial'))).toEqual([]);
  });

  it.each(Array.from({ length: proofCount(3, 20) }, (_, trial) => trial))('trial %i: two command-line backups started together both succeed', async (trial) => {
    const folder = path.join(work.folder, `cli-${trial}`);
    const file = path.join(folder, 'stance.sqlite');
    const db = await openStanceDatabase(file, { backupsFolder: path.join(folder, 'backups') });
    await fillEveryKind(db);
    db.close();
    const results = await Promise.all([runCliChild(['backup', '--db', file], { timeoutMs: 60_000 }), runCliChild(['backup', '--db', file], { timeoutMs: 60_000 })]);
    for (const result of results) {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
    // Each made its own verified backup, under its own name. (The rotation may then keep only
    // the newest of the day's manual backups: that is the rotation's rule, not a lost backup.)
    const made = results.map((result) => /Backed up .* to (.*) \(/.exec(result.stdout)?.[1]);
    expect(made.every(Boolean)).toBe(true);
    expect(new Set(made).size).toBe(2);
    const backups = listBackups(path.join(folder, 'backups'));
    expect(backups.length).toBeGreaterThanOrEqual(1);
    expect(made.map((file) => path.basename(file!))).toContain(backups[0]!.name);
    for (const backup of backups) verifyDatabaseFile(path.join(folder, 'backups', backup.name));
    expect(fs.readdirSync(path.join(folder, 'backups')).filter((name) => name.includes('partial'))).toEqual([]);
  }, 120_000);
});

describe('what killed backups and restores leave behind', () => {
  it('is removed when its process is gone, and left alone while its process runs', async () => {
    const folder = path.join(work.folder, 'leftovers');
    const file = path.join(folder, 'stance.sqlite');
    const backups = path.join(folder, 'backups');
    const db = await openStanceDatabase(file, { backupsFolder: backups });
    const deadPid = 2 ** 22 + 12345; // above Linux's pid_max: never a running process
    const dead = path.join(backups, `manual-2026-11-01T00-00-00Z.sqlite.${deadPid}-0badc0de.partial`);
    const running = path.join(backups, `manual-2026-11-01T00-00-00Z.sqlite.${process.pid}-0badc0de.partial`);
    fs.mkdirSync(backups, { recursive: true });
    fs.writeFileSync(dead, 'half a backup');
    fs.writeFileSync(running, 'a backup being written');
    await takeBackup(db, backups, 'manual', FILL_NOW);
    expect(fs.existsSync(dead)).toBe(false);
    expect(fs.existsSync(running)).toBe(true);
    db.close();

    const deadCopy = `${file}.restoring-${deadPid}-0badc0de`;
    const runningCopy = `${file}.restoring-${process.pid}-0badc0de`;
    fs.writeFileSync(deadCopy, 'half a copy');
    fs.writeFileSync(runningCopy, 'a copy in use');
    const reopened = await openStanceDatabase(file, { backupsFolder: backups });
    reopened.close();
    expect(fs.existsSync(deadCopy)).toBe(false);
    expect(fs.existsSync(runningCopy)).toBe(true);
  });
});
