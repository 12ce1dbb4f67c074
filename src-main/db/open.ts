import fs from 'node:fs';
import path from 'node:path';
import { connect, type StanceDatabase } from './connection';
import { StanceError } from '../shared/errors';
import { backupDatabase, backupStamp } from './backup';
import { assertStillTheOpenedFile, checkDatabaseWritable, DatabaseNotWritableError, fileProblem, identityOf } from './file-access';
import { settleInterruptedRestore } from './restore-journal';
import { inWriteTurn } from './write-turn';
import { LATEST_SCHEMA_VERSION, migrations as releasedMigrations, type Migration } from './migrations';

export type { StanceDatabase } from './connection';

export interface OpenOptions {
  /** Where the backup taken before a migration goes. */
  backupsFolder: string;
  /** Path of a better-sqlite3 build for this runtime (Electron's ABI); Node's build if absent. */
  nativeBinding?: string;
  now?: () => Date;
  /** The migrations to bring the file up to; tests pass a longer list to rehearse a future release. */
  migrations?: readonly Migration[];
}

/** The database was written by a newer Stance; this one must not touch it. */
export class DatabaseTooNewError extends StanceError {
  constructor(
    readonly fileVersion: number,
    knownVersion: number = LATEST_SCHEMA_VERSION,
  ) {
    super(
      'refused',
      `This database was written by a newer version of Stance (schema ${fileVersion}; this version knows up to ${knownVersion}). ` +
        'Update Stance to open it. Nothing in it was changed.',
    );
  }
}

/** The file is damaged or is not a Stance database. */
export class DatabaseUnusableError extends StanceError {
  constructor(message: string) {
    super('refused', message);
  }
}

export { DatabaseNotWritableError } from './file-access';

/**
 * Opens (creating if need be) the one Stance database, the same way for every entry point (the
 * app, each CLI command, any worker):
 *
 * 1. settles a restore cut short by a crash (restore-journal.ts), so a half-done restore is
 *    finished before anything could create a fresh, empty database beside the runner's real one;
 * 2. checks that the file, its companions and its folder can be written (file-access.ts), so a
 *    read-only file, disk or folder is answered at once, by name, and never called damaged;
 * 3. checks it (`quick_check`), sets the pragmas, and brings its schema up to date, after a
 *    verified backup when the file already held data;
 * 4. guards it: every later insert, update or delete through this connection first checks that
 *    the file at `file` is still the one opened (installFileGuard).
 *
 * @throws DatabaseNotWritableError (cannot be written), DatabaseUnusableError (damaged or not
 *   Stance's), DatabaseTooNewError (from a newer Stance).
 */
export async function openStanceDatabase(file: string, options: OpenOptions): Promise<StanceDatabase> {
  const now = options.now ?? (() => new Date());
  const migrations = options.migrations ?? releasedMigrations;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  settleInterruptedRestore(file);
  checkDatabaseWritable(file);
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;

  let db: StanceDatabase;
  try {
    db = connect(file, { nativeBinding: options.nativeBinding });
  } catch (error) {
    const problem = fileProblem(error, file, 'open its database');
    if (problem) throw problem;
    throw new DatabaseUnusableError(`Stance could not open its database at ${file}: ${(error as Error).message}`);
  }

  try {
    db.pragma('busy_timeout = 5000'); // wait, never fail, for another process creating or migrating it
    checkReadable(db, file);
    const seenVersion = db.pragma('user_version', { simple: true }) as number;
    if (seenVersion > latest) throw new DatabaseTooNewError(seenVersion, latest);

    applyPragmas(db);

    if (seenVersion < latest) {
      if (existed && seenVersion > 0) {
        const name = `before-migration-v${seenVersion}-to-v${latest}-${backupStamp(now())}.sqlite`;
        await backupDatabase(db, path.join(options.backupsFolder, name), { nativeBinding: options.nativeBinding });
      }
      // Creating and migrating is ONE locked step: a second process opening the same new file
      // waits here for the first, then finds the schema done (and migrates nothing).
      inWriteTurn(db, () => {
        const fileVersion = db.pragma('user_version', { simple: true }) as number;
        if (fileVersion > latest) throw new DatabaseTooNewError(fileVersion, latest);
        if (fileVersion === 0 && hasForeignTables(db)) {
          throw new DatabaseUnusableError(`${file} is an SQLite database, but not one of Stance's. Nothing in it was changed.`);
        }
        migrate(db, migrations);
      });
    }
    installFileGuard(db, file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function checkReadable(db: StanceDatabase, file: string): void {
  let verdict: string;
  try {
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    verdict = rows.map((row) => row.quick_check).join('; ');
  } catch (error) {
    // A file that cannot be read or locked is not a damaged file: say what is wrong instead.
    const problem = fileProblem(error, file, 'open its database');
    if (problem) throw problem;
    verdict = (error as Error).message;
  }
  if (verdict !== 'ok') {
    throw new DatabaseUnusableError(
      `Stance's database at ${file} is damaged (${verdict}). Stance has not written to it. Restore a backup from the backups folder.`,
    );
  }
}

function hasForeignTables(db: StanceDatabase): boolean {
  const row = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
  return row.n > 0;
}

/**
 * Makes every insert, update and delete through `db` check first that `file` is still the file
 * this connection opened (same device and inode; assertStillTheOpenedFile). A database deleted,
 * moved or replaced under Stance, or its folder deleted, is noticed before the next write, which
 * is refused with a DatabaseNotWritableError and rolled back with its transaction: no write is
 * confirmed into a file that no longer has a name.
 *
 * How: a SQL function `stance_file_guard()` and, per table, TEMP triggers (this connection only;
 * nothing is stored in the file) BEFORE INSERT / UPDATE / DELETE that call it. Tables added by
 * later migrations are covered, since the triggers are made from the schema at open.
 */
export function installFileGuard(db: StanceDatabase, file: string): void {
  const opened = identityOf(file);
  if (!opened) throw new DatabaseNotWritableError(`Stance's database at ${file} disappeared while it was being opened. Nothing was changed.`);
  db.function('stance_file_guard', { deterministic: false }, () => {
    assertStillTheOpenedFile(file, opened);
    return 1;
  });
  const tables = db
    .prepare("SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
    .pluck()
    .all() as string[];
  for (const table of tables) {
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      const name = `stance_guard_${table}_${event.toLowerCase()}`.replace(/[^A-Za-z0-9_]/g, '_');
      db.exec(`CREATE TEMP TRIGGER IF NOT EXISTS "${name}" BEFORE ${event} ON main."${table.replace(/"/g, '""')}" BEGIN SELECT stance_file_guard(); END`);
    }
  }
}

/** WAL for concurrent readers, FULL sync so a committed run survives a power cut, and real foreign keys. */
export function applyPragmas(db: StanceDatabase): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/**
 * Applies each pending migration in its own transaction (a savepoint when called inside one, as
 * openStanceDatabase does), together with its user_version.
 */
export function migrate(db: StanceDatabase, migrations: readonly Migration[] = releasedMigrations): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      migration.run?.(db);
      const problems = db.pragma('foreign_key_check') as unknown[];
      if (problems.length > 0) throw new Error(`Migration ${migration.version} left ${problems.length} broken references.`);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
