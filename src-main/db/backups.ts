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
import { connect } from './connection';
import { StanceError } from '../shared/errors';
import type { BackupInfo, BackupKind } from '../shared/backups';
import { backupDatabase, backupStamp, verifyDatabaseFile } from './backup';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { checkDatabaseWritable, fileProblem } from './file-access';
import { migrate, openStanceDatabase, type StanceDatabase } from './open';
import {
  carryOutRestorePlan,
  moveWithCompanions,
  removeWithCompanions,
  newRestoringCopy,
  restorePlanOf,
  writeRestorePlan,
  type RestorePlan,
} from './restore-journal';

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

/**
 * Writes a verified backup of the open database into the folder, named `<kind>-<UTC time>.sqlite`.
 * A name already taken (by an earlier backup, or one made at the same moment by another process)
 * gets a later second: the name is claimed atomically when the verified copy is linked into
 * place (backup.ts), so two backups at once both succeed, each with its own file.
 */
export async function takeBackup(
  db: StanceDatabase,
  folder: string,
  kind: Exclude<BackupKind, 'before-migration'>,
  now: Date,
  options: { nativeBinding?: string } = {},
): Promise<BackupInfo> {
  let when = now;
  for (let attempt = 0; ; attempt++) {
    while (fs.existsSync(path.join(folder, `${kind}-${backupStamp(when)}.sqlite`))) when = new Date(when.getTime() + 1000);
    const name = `${kind}-${backupStamp(when)}.sqlite`;
    try {
      await backupDatabase(db, path.join(folder, name), options);
      return listBackups(folder).find((backup) => backup.name === name)!;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 60) throw error;
      when = new Date(when.getTime() + 1000);
    }
  }
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
  const copy = connect(file, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
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
  // over a healthy, open database (one transaction in the live file):
  | 'lock-current'
  | 'keep-current-aside'
  | 'copy-into-current'
  | 'check-restored'
  | 'commit'
  // over a damaged or missing database (the file replaced, with a restore plan):
  | 'write-plan'
  | 'move-damaged-aside'
  | 'move-copy-in'
  | 'open-restored';

export interface RestoreRequest {
  /** The open database, or undefined when it could not be opened (damaged) or does not exist: then its file is moved aside, never written. */
  current: StanceDatabase | undefined;
  databasePath: string;
  backupsFolder: string;
  /** The backup to restore (any Stance database file). */
  backupFile: string;
  now: Date;
  nativeBinding?: string;
  /** Test seam: called before each step; a throw there is a failure at that step. */
  beforeStep?: (step: RestoreStep) => void | Promise<void>;
}

export type RestoreOutcome =
  | { ok: true; db: StanceDatabase; keptAside: BackupInfo | null; damagedFileMovedTo: string | null }
  /** Nothing changed: `db` is the database as it was, or undefined if it was damaged. */
  | { ok: false; db: StanceDatabase | undefined; error: Error };

/** How long a restore waits for another connection's write to finish before it gives up. */
const RESTORE_LOCK_WAIT_MS = 15_000;

/**
 * Restores a backup.
 *
 * Over a healthy database (`current` open) the restore goes THROUGH SQLite, in the live file,
 * so that every connection to it — this one, the app's, a command line's in another process —
 * sees the restored content and later writes land in it:
 *
 * 1. the backup is checked (`integrity_check`, Stance's, not newer), copied beside the
 *    database (`<db>.restoring`), migrated to this Stance's schema and checked again;
 * 2. a second connection to the live file begins an IMMEDIATE transaction: SQLite's write lock,
 *    which every writer in every process must wait for;
 * 3. under that lock, the database as it is is copied (online backup API, by a reading
 *    connection, which sees the last committed state) to a verified `before-restore` backup —
 *    it holds every write confirmed before the lock;
 * 4. still under it, every table is emptied and filled from the copy (foreign keys deferred,
 *    then checked), and the transaction commits: one atomic change, so a crash at any moment
 *    leaves the old database or the restored one.
 *
 * So a write confirmed before the restore took the lock is in the before-restore backup, and one
 * confirmed after it committed is in the restored database; a write tried in between waits for
 * the lock (SQLite's busy timeout) and, if the restore takes longer, is refused, not confirmed.
 * The host keeps its connection: `db` in the outcome is `current`.
 *
 * Over a damaged or missing database (`current` undefined) the file is replaced instead: a
 * restore plan is written (restore-journal.ts), the damaged file is renamed, untouched, to
 * `damaged-<time>.sqlite`, the verified copy renamed into place, and the restored database
 * opened. A crash in between is finished by the next open (settleInterruptedRestore).
 *
 * Any failure leaves the database as it was; the outcome says why. The source of the locking
 * rules: https://www.sqlite.org/lockingv3.html and https://www.sqlite.org/wal.html (one writer
 * at a time; readers keep their snapshot until their transaction ends).
 */
export async function restoreDatabase(request: RestoreRequest): Promise<RestoreOutcome> {
  const { databasePath, nativeBinding } = request;
  const step = async (name: RestoreStep) => request.beforeStep?.(name);
  const copy = newRestoringCopy(databasePath);
  const current = request.current;
  try {
    await step('check-backup');
    if (!fs.existsSync(request.backupFile)) throw new StanceError('refused', `There is no backup at ${request.backupFile}. Nothing was changed.`);
    checkRestorable(request.backupFile, { nativeBinding });
    await step('copy-backup');
    removeWithCompanions(copy);
    try {
      fs.copyFileSync(request.backupFile, copy);
    } catch (error) {
      throw fileProblem(error, path.dirname(databasePath), 'restore that backup') ?? error;
    }
    await step('check-copy');
    checkRestorable(copy, { nativeBinding });
    migrateCopy(copy, nativeBinding);
  } catch (error) {
    removeWithCompanions(copy);
    return { ok: false, db: current, error: error as Error };
  }
  return current ? restoreIntoLiveDatabase(request, current, copy, step) : replaceDatabaseFile(request, copy, step);
}

/** Brings the copy to this Stance's schema (it may come from an older one). Never touches the live file. */
function migrateCopy(copy: string, nativeBinding: string | undefined): void {
  const db = connect(copy, { fileMustExist: true, nativeBinding });
  try {
    db.pragma('journal_mode = DELETE');
    db.pragma('foreign_keys = ON');
    migrate(db);
  } finally {
    db.close();
  }
}

/** The schema as SQL text, to compare two databases table by table. */
function schemaOf(db: StanceDatabase, schema: 'main' | 'restoring'): string {
  return JSON.stringify(
    db.prepare(`SELECT type, name, sql FROM ${schema}.sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name`).all(),
  );
}

/** Tables of the main schema, children before parents (for emptying; reversed for filling). */
function tablesChildrenFirst(db: StanceDatabase): string[] {
  const tables = db
    .prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    .pluck()
    .all() as string[];
  const parentsOf = new Map(
    tables.map((table) => [table, (db.prepare('SELECT "table" AS parent FROM pragma_foreign_key_list(?)').pluck().all(table) as string[]).filter((t) => t !== table)]),
  );
  const order: string[] = [];
  const visit = (table: string, path: Set<string>) => {
    if (order.includes(table) || path.has(table)) return;
    path.add(table);
    for (const [child, parents] of parentsOf) if (parents.includes(table)) visit(child, path);
    path.delete(table);
    order.push(table);
  };
  tables.forEach((table) => visit(table, new Set()));
  return order;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function restoreIntoLiveDatabase(
  request: RestoreRequest,
  current: StanceDatabase,
  copy: string,
  step: (name: RestoreStep) => Promise<void>,
): Promise<RestoreOutcome> {
  const { databasePath, backupsFolder, now, nativeBinding } = request;
  let keptAside: BackupInfo | null = null;
  let live: StanceDatabase | undefined;
  try {
    await step('lock-current');
    checkDatabaseWritable(databasePath);
    live = connect(databasePath, { fileMustExist: true, nativeBinding });
    live.pragma(`busy_timeout = ${RESTORE_LOCK_WAIT_MS}`);
    live.pragma('foreign_keys = ON');
    live.prepare('ATTACH DATABASE ? AS restoring').run(copy);
    if (schemaOf(live, 'main') !== schemaOf(live, 'restoring')) {
      throw new StanceError('refused', 'That backup’s tables differ from this database’s, so it cannot be restored into it. Nothing was changed.');
    }
    try {
      live.exec('BEGIN IMMEDIATE');
    } catch (error) {
      throw fileProblem(error, databasePath, 'restore that backup') ?? error;
    }
    await step('keep-current-aside');
    // SQLite cannot back up from a connection holding a write transaction, so a reader copies
    // it: in WAL mode it reads the last committed state, and none can commit while we hold the lock.
    const reader = connect(databasePath, { readonly: true, fileMustExist: true, nativeBinding });
    try {
      keptAside = await takeBackup(reader, backupsFolder, 'before-restore', now, { nativeBinding });
    } finally {
      reader.close();
    }
    await step('copy-into-current');
    live.pragma('defer_foreign_keys = ON');
    const childrenFirst = tablesChildrenFirst(live);
    for (const table of childrenFirst) live.exec(`DELETE FROM main.${quote(table)}`);
    for (const table of [...childrenFirst].reverse()) {
      const columns = (live.prepare('SELECT name FROM pragma_table_info(?)').pluck().all(table) as string[]).map(quote).join(', ');
      live.exec(`INSERT INTO main.${quote(table)} (${columns}) SELECT ${columns} FROM restoring.${quote(table)}`);
    }
    const hasSequence = (schema: string) =>
      live!.prepare(`SELECT 1 FROM ${schema}.sqlite_schema WHERE name = 'sqlite_sequence'`).get() !== undefined;
    if (hasSequence('main')) {
      live.exec('DELETE FROM main.sqlite_sequence');
      if (hasSequence('restoring')) live.exec('INSERT INTO main.sqlite_sequence (name, seq) SELECT name, seq FROM restoring.sqlite_sequence');
    }
    await step('check-restored');
    const broken = live.pragma('main.foreign_key_check') as unknown[];
    if (broken.length > 0) throw new StanceError('refused', `That backup has ${broken.length} broken references, so it was not restored. Nothing was changed.`);
    await step('commit');
    live.exec('COMMIT');
  } catch (error) {
    if (live?.inTransaction) live.exec('ROLLBACK');
    if (keptAside) fs.rmSync(path.join(backupsFolder, keptAside.name), { force: true });
    return { ok: false, db: current, error: error as Error };
  } finally {
    if (live?.open) {
      try {
        live.exec('DETACH DATABASE restoring');
      } catch {
        // not attached (the failure came before) — nothing to undo
      }
      live.close();
    }
    removeWithCompanions(copy);
  }
  return { ok: true, db: current, keptAside, damagedFileMovedTo: null };
}

async function replaceDatabaseFile(request: RestoreRequest, copy: string, step: (name: RestoreStep) => Promise<void>): Promise<RestoreOutcome> {
  const { databasePath, backupsFolder, now, nativeBinding } = request;
  const existed = fs.existsSync(databasePath);
  const plan: RestorePlan = { damagedTo: path.join(path.dirname(databasePath), `damaged-${backupStamp(now)}.sqlite`), copy };
  let planWritten = false;
  try {
    await step('write-plan');
    writeRestorePlan(databasePath, plan);
    planWritten = true;
    await step('move-damaged-aside');
    moveWithCompanions(databasePath, plan.damagedTo!);
    await step('move-copy-in');
    carryOutRestorePlan(databasePath, plan);
  } catch (error) {
    // Before the copy is in place, undo: the damaged file goes back, the copy and plan are removed.
    if (fs.existsSync(copy)) {
      if (planWritten) moveWithCompanions(plan.damagedTo!, databasePath);
      removeWithCompanions(copy);
      fs.rmSync(restorePlanOf(databasePath), { force: true });
    }
    return { ok: false, db: undefined, error: error as Error };
  }
  try {
    await step('open-restored');
    const restored = await openStanceDatabase(databasePath, { backupsFolder, nativeBinding, now: () => now });
    return { ok: true, db: restored, keptAside: null, damagedFileMovedTo: existed ? plan.damagedTo : null };
  } catch (error) {
    // Put the damaged (or missing) database back as it was; the backup itself is untouched.
    try {
      removeWithCompanions(databasePath);
      moveWithCompanions(plan.damagedTo!, databasePath);
    } catch (putBackError) {
      return { ok: false, db: undefined, error: putBackError as Error };
    }
    return { ok: false, db: undefined, error: error as Error };
  }
}

export { settleInterruptedRestore } from './restore-journal';
