/**
 * The backups folder: what is in it, the daily backup and its rotation, and restoring a backup
 * over the open database (with the current one kept aside first, so a restore can be undone).
 *
 * Every backup is made by backup.ts: SQLite's online backup API into a `.partial` file,
 * `integrity_check` on the copy, and only then a rename to its final name. A file's name says
 * what it is and when it was made (UTC): `daily-2026-11-21T07-30-05Z.sqlite`.
 *
 * Rotation (daily backups only; see rotateBackups): the newest of each day for the last 7 days,
 * then the newest of each week for the 5 weeks before that, then the newest of each month for
 * 12 months. Copies made before a migration, a restore or an import are kept apart: the 10
 * newest of each kind. The newest backup of all is never deleted.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StanceError } from '../shared/errors';
import type { BackupInfo, BackupKind } from '../shared/backups';
import { backupDatabase, backupStamp, verifyDatabaseFile } from './backup';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { openStanceDatabase, type StanceDatabase } from './open';

const NAME = /^(daily|manual|before-restore|before-import|before-migration-v\d+-to-v\d+)-(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z)\.sqlite$/;
const DAY_MS = 24 * 3600 * 1000;
export const DAILY_DAYS = 7;
export const WEEKLY_WEEKS = 5;
export const MONTHLY_MONTHS = 12;
export const SAFETY_COPIES_KEPT = 10;

function kindOf(prefix: string): BackupKind {
  return prefix.startsWith('before-migration') ? 'before-migration' : (prefix as BackupKind);
}

/** Reads a backup's kind and time from its name; undefined for any other file. */
export function parseBackupName(name: string): { kind: BackupKind; createdAt: Date } | undefined {
  const match = NAME.exec(name);
  if (!match) return undefined;
  const stamp = match[2]!.replace(/T(\d{2})-(\d{2})-(\d{2})Z$/, 'T$1:$2:$3Z');
  const createdAt = new Date(stamp);
  if (Number.isNaN(createdAt.getTime())) return undefined;
  return { kind: kindOf(match[1]!), createdAt };
}

/** True for a name that could be a backup in the folder (no path, no traversal). */
export function isBackupName(name: string): boolean {
  return parseBackupName(name) !== undefined;
}

/** The backups in the folder, newest first. Half-written files (`.partial`) are not backups. */
export function listBackups(folder: string): BackupInfo[] {
  let entries: string[];
  try {
    entries = fs.readdirSync(folder);
  } catch {
    return [];
  }
  const backups: BackupInfo[] = [];
  for (const name of entries) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const stat = fs.statSync(path.join(folder, name), { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    backups.push({ name, kind: parsed.kind, createdAt: parsed.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z'), sizeBytes: stat.size });
  }
  return backups.sort((a, b) => (a.createdAt === b.createdAt ? b.name.localeCompare(a.name) : b.createdAt.localeCompare(a.createdAt)));
}

/** Writes a verified backup of the open database into the folder; a name already taken gets a later second. */
export async function takeBackup(
  db: StanceDatabase,
  folder: string,
  kind: Exclude<BackupKind, 'before-migration'>,
  now: Date,
  options: { nativeBinding?: string } = {},
): Promise<BackupInfo> {
  let when = now;
  while (fs.existsSync(path.join(folder, `${kind}-${backupStamp(when)}.sqlite`))) when = new Date(when.getTime() + 1000);
  const name = `${kind}-${backupStamp(when)}.sqlite`;
  await backupDatabase(db, path.join(folder, name), options);
  return listBackups(folder).find((backup) => backup.name === name)!;
}

/**
 * The daily backup, taken while the app is used: when no daily backup was made in the last
 * 24 hours, one is made now and the folder is rotated. Returns the new backup, or null.
 */
export async function takeDailyBackupIfDue(
  db: StanceDatabase,
  folder: string,
  now: Date,
  options: { nativeBinding?: string } = {},
): Promise<BackupInfo | null> {
  const lastDaily = listBackups(folder).find((backup) => backup.kind === 'daily');
  if (lastDaily && now.getTime() - Date.parse(lastDaily.createdAt) < DAY_MS && Date.parse(lastDaily.createdAt) <= now.getTime()) return null;
  const backup = await takeBackup(db, folder, 'daily', now, options);
  rotateBackups(folder, now);
  return backup;
}

/** The backups the rotation keeps, by name (pure: works on the list alone). */
export function backupsToKeep(backups: readonly Pick<BackupInfo, 'name' | 'kind' | 'createdAt'>[], now: Date): Set<string> {
  const keep = new Set<string>();
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  if (newestFirst[0]) keep.add(newestFirst[0].name);

  const daily = newestFirst.filter((backup) => backup.kind === 'daily' || backup.kind === 'manual');
  const seen = new Set<string>();
  for (const backup of daily) {
    const created = new Date(backup.createdAt);
    const ageDays = (now.getTime() - created.getTime()) / DAY_MS;
    let bucket: string | undefined;
    if (ageDays < DAILY_DAYS) bucket = `day:${Math.floor(ageDays)}`;
    else if (ageDays < DAILY_DAYS + WEEKLY_WEEKS * 7) bucket = `week:${Math.floor(ageDays / 7)}`;
    else if (ageDays < 366) bucket = `month:${backup.createdAt.slice(0, 7)}`;
    if (ageDays < 0) bucket = `future:${backup.name}`; // a clock that went back: keep it, judge it later
    if (bucket && !seen.has(bucket)) {
      seen.add(bucket);
      keep.add(backup.name);
    }
  }
  for (const kind of ['before-migration', 'before-restore', 'before-import'] as const) {
    newestFirst
      .filter((backup) => backup.kind === kind)
      .slice(0, SAFETY_COPIES_KEPT)
      .forEach((backup) => keep.add(backup.name));
  }
  return keep;
}

/** Deletes the backups the rotation no longer keeps. Returns the names deleted. */
export function rotateBackups(folder: string, now: Date): string[] {
  const backups = listBackups(folder);
  const keep = backupsToKeep(backups, now);
  const deleted: string[] = [];
  for (const backup of backups) {
    if (keep.has(backup.name)) continue;
    fs.rmSync(path.join(folder, backup.name), { force: true });
    deleted.push(backup.name);
  }
  return deleted;
}

/**
 * Checks that a file is a usable Stance database this version can open: intact
 * (`integrity_check`), Stance's (it has the runs table), not from a newer Stance. Read-only.
 */
export function checkRestorable(file: string, options: { nativeBinding?: string } = {}): void {
  const name = path.basename(file);
  try {
    verifyDatabaseFile(file, options);
  } catch (error) {
    throw new StanceError('refused', `The backup ${name} is damaged (${(error as Error).message}), so it cannot be restored. Nothing was changed.`);
  }
  const copy = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
  try {
    const version = copy.pragma('user_version', { simple: true }) as number;
    const hasRuns = copy.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'runs'").get() !== undefined;
    if (version < 1 || !hasRuns) throw new StanceError('refused', `${name} is not a Stance database, so it cannot be restored. Nothing was changed.`);
    if (version > LATEST_SCHEMA_VERSION) {
      throw new StanceError('refused', `${name} was made by a newer version of Stance (schema ${version}). Update Stance to restore it. Nothing was changed.`);
    }
  } finally {
    copy.close();
  }
}

/** The newest backup that passes `integrity_check` (and is one this Stance can open), or null. */
export function newestGoodBackup(folder: string, options: { nativeBinding?: string } = {}): BackupInfo | null {
  for (const backup of listBackups(folder)) {
    try {
      checkRestorable(path.join(folder, backup.name), options);
      return backup;
    } catch {
      // damaged or unusable: try the next older one
    }
  }
  return null;
}

/** The steps of a restore, named so a test can force a failure at each one. */
export type RestoreStep =
  | 'check-backup'
  | 'copy-backup'
  | 'check-copy'
  | 'keep-current-aside'
  | 'close-current'
  | 'move-current'
  | 'move-copy-in'
  | 'open-restored';

export interface RestoreRequest {
  /** The open database, or undefined when it could not be opened (damaged): then it is moved aside, never written. */
  current: StanceDatabase | undefined;
  databasePath: string;
  backupsFolder: string;
  /** The backup to restore (any Stance database file). */
  backupFile: string;
  now: Date;
  nativeBinding?: string;
  /** Test seam: called before each step; a throw there is a failure at that step. */
  beforeStep?: (step: RestoreStep) => void;
}

export type RestoreOutcome =
  | { ok: true; db: StanceDatabase; keptAside: BackupInfo | null; damagedFileMovedTo: string | null }
  /** Nothing changed: `db` is the database as it was (reopened if it had been closed), or undefined if it was damaged. */
  | { ok: false; db: StanceDatabase | undefined; error: Error };

const companions = (file: string) => [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];

function moveWithCompanions(from: string, to: string): void {
  const fromFiles = companions(from);
  const toFiles = companions(to);
  fromFiles.forEach((file, index) => {
    if (fs.existsSync(file)) fs.renameSync(file, toFiles[index]!);
  });
}

function removeWithCompanions(file: string): void {
  for (const each of companions(file)) fs.rmSync(each, { force: true });
}

/**
 * Restores a backup over the database: checks the backup, copies it beside the database and
 * checks the copy, keeps the current database aside as a `before-restore` backup (so the
 * restore can be undone), closes it, swaps the files (with their -wal/-shm) by rename, and
 * opens the restored one (migrating it if it is from an older schema). Any failure puts the
 * original back and reopens it: the outcome's `db` is always the one to use.
 *
 * A damaged database (current undefined) is never written: its file is renamed, with its
 * companions, to `damaged-<time>.sqlite` beside it.
 */
export async function restoreDatabase(request: RestoreRequest): Promise<RestoreOutcome> {
  const { databasePath, backupsFolder, now, nativeBinding } = request;
  const step = (name: RestoreStep) => request.beforeStep?.(name);
  const copy = `${databasePath}.restoring`;
  const replaced = `${databasePath}.replaced`;
  let current = request.current;
  let keptAside: BackupInfo | null = null;
  let closed = false;
  let moved = false;
  let movedIn = false;

  try {
    step('check-backup');
    if (!fs.existsSync(request.backupFile)) throw new StanceError('refused', `There is no backup at ${request.backupFile}. Nothing was changed.`);
    checkRestorable(request.backupFile, { nativeBinding });
    step('copy-backup');
    removeWithCompanions(copy);
    fs.copyFileSync(request.backupFile, copy);
    step('check-copy');
    checkRestorable(copy, { nativeBinding });
    step('keep-current-aside');
    if (current) keptAside = await takeBackup(current, backupsFolder, 'before-restore', now, { nativeBinding });
    step('close-current');
    if (current) {
      current.pragma('wal_checkpoint(TRUNCATE)');
      current.close();
      closed = true;
    }
    step('move-current');
    removeWithCompanions(replaced);
    moveWithCompanions(databasePath, replaced);
    moved = true;
    step('move-copy-in');
    fs.renameSync(copy, databasePath);
    movedIn = true;
    step('open-restored');
    const restored = await openStanceDatabase(databasePath, { backupsFolder, nativeBinding, now: () => now });

    let damagedFileMovedTo: string | null = null;
    if (current) {
      removeWithCompanions(replaced);
    } else {
      damagedFileMovedTo = path.join(path.dirname(databasePath), `damaged-${backupStamp(now)}.sqlite`);
      moveWithCompanions(replaced, damagedFileMovedTo);
    }
    return { ok: true, db: restored, keptAside, damagedFileMovedTo };
  } catch (error) {
    // Put everything back as it was.
    try {
      if (movedIn) removeWithCompanions(databasePath);
      if (moved) moveWithCompanions(replaced, databasePath);
      removeWithCompanions(copy);
      if (keptAside) fs.rmSync(path.join(backupsFolder, keptAside.name), { force: true });
      if (current && closed) current = await openStanceDatabase(databasePath, { backupsFolder, nativeBinding, now: () => now });
    } catch (putBackError) {
      return { ok: false, db: current?.open ? current : undefined, error: putBackError as Error };
    }
    return { ok: false, db: current, error: error as Error };
  }
}

/**
 * Finishes or undoes a restore cut short by a crash, before the database is opened: a
 * `.replaced` file with no database beside it is the original, put back; with the restored
 * database already in place it is left over, and renamed `set-aside-<time>.sqlite` (never deleted: it may be a
 * damaged file the runner wants to keep).
 * A left-over `.restoring` copy is removed.
 */
export function settleInterruptedRestore(databasePath: string): void {
  const replaced = `${databasePath}.replaced`;
  if (fs.existsSync(replaced)) {
    if (fs.existsSync(databasePath)) moveWithCompanions(replaced, path.join(path.dirname(databasePath), `set-aside-${backupStamp(new Date())}.sqlite`));
    else moveWithCompanions(replaced, databasePath);
  }
  removeWithCompanions(`${databasePath}.restoring`);
}
