/** Backups: verified copies, the daily backup and its rotation, restore (and its undo), a damaged database. */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import {
  backupsToKeep,
  listBackups,
  newestGoodBackup,
  restoreDatabase,
  settleInterruptedRestore,
  takeBackup,
  takeDailyBackupIfDue,
} from '../../src-main/db/backups';
import { backupStamp } from '../../src-main/db/backup';
import { DatabaseUnusableError, openStanceDatabase } from '../../src-main/db/open';
import { addRun } from '../../src-main/db/runs';
import { exportData } from '../../src-main/db/services/export';
import type { BackupInfo } from '../../src-main/shared/backups';
import { countRows, openTempDatabase } from '../support/temp-db';
import { fillEveryKind, FILL_NOW } from '../support/fill-db';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const aRun = { localDate: '2026-11-20', localTime: '07:30', timeZone: 'UTC', distanceMetres: 8000, durationSeconds: 2700, effort: null, surface: null, shoeId: null, notes: '' };
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
const data = (db: Database.Database) => JSON.stringify(exportData(db, FILL_NOW).tables);

async function setUp() {
  const temp = await openTempDatabase();
  cleanups.push(temp.cleanup);
  return { ...temp, backups: path.join(temp.folder, 'backups') };
}

describe('a backup', () => {
  it('is a verified, self-contained copy holding every record', async () => {
    const { db, backups } = await setUp();
    await fillEveryKind(db);
    const backup = await takeBackup(db, backups, 'manual', FILL_NOW);
    expect(backup).toMatchObject({ kind: 'manual', createdAt: '2026-11-21T12:00:00Z' });
    expect(backup.sizeBytes).toBeGreaterThan(10_000);
    expect(fs.readdirSync(backups)).toEqual([backup.name]); // no -wal, -shm or .partial beside it
    const copy = new Database(path.join(backups, backup.name), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(data(copy)).toBe(data(db));
    copy.close();
  });

  it('is taken daily while the app is used: once in 24 hours', async () => {
    const { db, backups } = await setUp();
    expect(await takeDailyBackupIfDue(db, backups, new Date('2026-11-21T08:00:00Z'))).toMatchObject({ kind: 'daily' });
    expect(await takeDailyBackupIfDue(db, backups, new Date('2026-11-21T20:00:00Z'))).toBeNull();
    expect(await takeDailyBackupIfDue(db, backups, new Date('2026-11-22T08:00:01Z'))).toMatchObject({ kind: 'daily' });
    expect(listBackups(backups).map((backup) => backup.name)).toEqual(['daily-2026-11-22T08-00-01Z.sqlite', 'daily-2026-11-21T08-00-00Z.sqlite']);
  });
});

describe('rotation', () => {
  const day = 24 * 3600 * 1000;
  const now = new Date('2027-06-30T09:00:00Z');
  const at = (ms: number, kind: BackupInfo['kind'] = 'daily'): BackupInfo => {
    const created = new Date(ms);
    return { name: `${kind}-${backupStamp(created)}.sqlite`, kind, createdAt: created.toISOString().replace(/\.\d{3}Z$/, 'Z'), sizeBytes: 1 };
  };

  it('keeps the last 7 days, then one a week for 5 weeks, then one a month for 12 months', () => {
    // Two years of daily use, twice a day.
    const backups: BackupInfo[] = [];
    for (let k = 0; k < 730 * 2; k += 1) backups.push(at(now.getTime() - k * (day / 2) - 3600_000));
    const kept = [...backupsToKeep(backups, now)].map((name) => backups.find((backup) => backup.name === name)!);
    const ages = kept.map((backup) => (now.getTime() - Date.parse(backup.createdAt)) / day).sort((a, b) => a - b);
    expect(ages.filter((age) => age < 7)).toHaveLength(7); // one a day
    expect(ages.filter((age) => age >= 7 && age < 42)).toHaveLength(5); // one a week
    const older = ages.filter((age) => age >= 42);
    expect(older.length).toBeGreaterThanOrEqual(10);
    expect(older.length).toBeLessThanOrEqual(12); // one a month, for a year
    expect(Math.max(...ages)).toBeLessThan(366);
    expect(kept.length).toBeLessThanOrEqual(7 + 5 + 12);
  });

  it('keeps the 10 newest safety copies of each kind and always the newest backup', () => {
    const backups = Array.from({ length: 15 }, (_, k) => at(now.getTime() - k * day * 100, 'before-restore'));
    const kept = backupsToKeep(backups, now);
    expect(kept.size).toBe(10);
    expect(kept.has(backups[0]!.name)).toBe(true);
    expect(backupsToKeep([at(now.getTime() - 900 * day)], now).size).toBe(1);
  });
});

describe('restoring a backup', () => {
  it('replaces the database, keeps the current one aside, and can itself be undone', async () => {
    const { db, file, backups } = await setUp();
    await fillEveryKind(db);
    const before = data(db);
    const backup = await takeBackup(db, backups, 'manual', FILL_NOW);
    addRun(db, aRun, FILL_NOW);
    const withExtraRun = data(db);

    const outcome = await restoreDatabase({ current: db, databasePath: file, backupsFolder: backups, backupFile: path.join(backups, backup.name), now: new Date('2026-11-22T10:00:00Z') });
    if (!outcome.ok) throw outcome.error;
    // Restored in place, through SQLite: the connection that was open sees the restored content.
    expect(outcome.db).toBe(db);
    expect(data(db)).toBe(before);
    expect(data(outcome.db)).toBe(before);
    expect(outcome.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(outcome.keptAside).toMatchObject({ kind: 'before-restore', name: 'before-restore-2026-11-22T10-00-00Z.sqlite' });
    expect(fs.readdirSync(path.dirname(file)).filter((name) => /restoring|replaced|damaged|partial|plan/.test(name))).toEqual([]);

    // Undo: restore the copy kept aside.
    const undo = await restoreDatabase({ current: outcome.db, databasePath: file, backupsFolder: backups, backupFile: path.join(backups, outcome.keptAside!.name), now: new Date('2026-11-22T10:05:00Z') });
    expect(undo.ok).toBe(true);
    expect(data(undo.db!)).toBe(withExtraRun);
    undo.db!.close();
  });

  it('refuses a damaged backup and changes nothing', async () => {
    const { db, file, backups } = await setUp();
    addRun(db, aRun, FILL_NOW);
    const backup = await takeBackup(db, backups, 'manual', FILL_NOW);
    const backupFile = path.join(backups, backup.name);
    const bytes = fs.readFileSync(backupFile);
    bytes.fill(0x41, 4096, 8192); // a corrupted page
    fs.writeFileSync(backupFile, bytes);
    const before = data(db);
    const outcome = await restoreDatabase({ current: db, databasePath: file, backupsFolder: backups, backupFile, now: FILL_NOW });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.message).toMatch(/is damaged .* cannot be restored\. Nothing was changed\./);
    expect(outcome.db).toBe(db);
    expect(data(db)).toBe(before);
    expect(listBackups(backups).map((b) => b.kind)).toEqual(['manual']);
  });

  it('refuses a file that is not a Stance database, or is from a newer Stance', async () => {
    const { db, file, folder, backups } = await setUp();
    const other = path.join(folder, 'other.sqlite');
    const foreign = new Database(other);
    foreign.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY); PRAGMA user_version = 1;');
    foreign.close();
    const newer = path.join(folder, 'newer.sqlite');
    fs.copyFileSync(path.join(backups, (await takeBackup(db, backups, 'manual', FILL_NOW)).name), newer);
    const edit = new Database(newer);
    edit.pragma('user_version = 99');
    edit.close();
    for (const [backupFile, message] of [[other, /not a Stance database/], [newer, /newer version of Stance \(schema 99\)/]] as const) {
      const outcome = await restoreDatabase({ current: db, databasePath: file, backupsFolder: backups, backupFile, now: FILL_NOW });
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.error.message).toMatch(message);
    }
    expect(db.open).toBe(true);
  });
});

describe('a damaged database', () => {
  async function damagedFolder() {
    const { db, file, folder, backups } = await setUp();
    await fillEveryKind(db);
    const good = await takeBackup(db, backups, 'daily', new Date('2026-11-20T07:00:00Z'));
    const expected = data(db);
    addRun(db, aRun, FILL_NOW);
    db.close();
    // A newer backup that is itself damaged.
    const broken = path.join(backups, `daily-${backupStamp(new Date('2026-11-21T07:00:00Z'))}.sqlite`);
    fs.writeFileSync(broken, Buffer.alloc(8192, 0x42));
    // Corrupt a page in the middle of the database.
    const bytes = fs.readFileSync(file);
    bytes.fill(0x00, 4096 * 3, 4096 * 3 + 2000);
    fs.writeFileSync(file, bytes);
    return { file, folder, backups, good, expected };
  }

  it('is detected when it opens, and nothing is written to it', async () => {
    const { file, backups } = await damagedFolder();
    const before = sha256(file);
    await expect(openStanceDatabase(file, { backupsFolder: backups })).rejects.toBeInstanceOf(DatabaseUnusableError);
    expect(sha256(file)).toBe(before);
  });

  it('the newest backup that passes its integrity check is offered, and restoring it moves the damaged file aside untouched', async () => {
    const { file, backups, good, expected, folder } = await damagedFolder();
    const before = sha256(file);
    expect(newestGoodBackup(backups)?.name).toBe(good.name);
    const outcome = await restoreDatabase({ current: undefined, databasePath: file, backupsFolder: backups, backupFile: path.join(backups, good.name), now: FILL_NOW });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(data(outcome.db)).toBe(expected);
    expect(outcome.keptAside).toBeNull();
    expect(sha256(outcome.damagedFileMovedTo!)).toBe(before);
    expect(path.dirname(outcome.damagedFileMovedTo!)).toBe(folder);
    outcome.db.close();
  });

  it('a restore cut short by a crash is put right before the next open', async () => {
    const { db, file } = await setUp();
    addRun(db, aRun, FILL_NOW);
    db.close();
    fs.renameSync(file, `${file}.replaced`); // crashed between moving the original out and the copy in
    fs.writeFileSync(`${file}.restoring`, 'half a copy');
    settleInterruptedRestore(file);
    expect(fs.existsSync(`${file}.restoring`)).toBe(false);
    const reopened = await openStanceDatabase(file, { backupsFolder: path.join(path.dirname(file), 'backups') });
    expect(countRows(reopened, 'runs')).toBe(1);
    reopened.close();
  });
});
