import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StanceError } from '../shared/errors';
import { backupDatabase, backupStamp } from './backup';
import { LATEST_SCHEMA_VERSION, migrations as releasedMigrations, type Migration } from './migrations';

export type StanceDatabase = Database.Database;

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

/**
 * Opens (creating if need be) the one Stance database: checks it, sets the pragmas, and brings
 * its schema up to date, after a verified backup when the file already held data.
 */
export async function openStanceDatabase(file: string, options: OpenOptions): Promise<StanceDatabase> {
  const now = options.now ?? (() => new Date());
  const migrations = options.migrations ?? releasedMigrations;
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const existed = fs.existsSync(file) && fs.statSync(file).size > 0;

  let db: StanceDatabase;
  try {
    db = new Database(file, { nativeBinding: options.nativeBinding });
  } catch (error) {
    throw new DatabaseUnusableError(`Stance could not open its database at ${file}: ${(error as Error).message}`);
  }

  try {
    checkReadable(db, file);
    const fileVersion = db.pragma('user_version', { simple: true }) as number;
    if (fileVersion > latest) throw new DatabaseTooNewError(fileVersion, latest);
    if (fileVersion === 0 && existed && hasForeignTables(db)) {
      throw new DatabaseUnusableError(`${file} is an SQLite database, but not one of Stance's. Nothing in it was changed.`);
    }

    applyPragmas(db);

    if (fileVersion < latest) {
      if (existed && fileVersion > 0) {
        const name = `before-migration-v${fileVersion}-to-v${latest}-${backupStamp(now())}.sqlite`;
        await backupDatabase(db, path.join(options.backupsFolder, name), { nativeBinding: options.nativeBinding });
      }
      migrate(db, migrations);
    }
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

/** WAL for concurrent readers, FULL sync so a committed run survives a power cut, and real foreign keys. */
export function applyPragmas(db: StanceDatabase): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

/** Applies each pending migration in its own transaction, together with its user_version. */
export function migrate(db: StanceDatabase, migrations: readonly Migration[] = releasedMigrations): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      const problems = db.pragma('foreign_key_check') as unknown[];
      if (problems.length > 0) throw new Error(`Migration ${migration.version} left ${problems.length} broken references.`);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
