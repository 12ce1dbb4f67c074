/**
 * The ONE place a better-sqlite3 connection is made (a lint rule refuses `new Database(` and a
 * value import of better-sqlite3 everywhere else in src-main/). Only db/ may call `connect`, and
 * only for files that are not the runner's live database opened to work in: a backup's copy, a
 * file checked read-only, a restore's own steps. Every process that works in the runner's
 * database — the window, each command, the import worker — opens it with openStanceDatabase
 * (db/open.ts), which calls this after its checks (restore settled, writable, still the file
 * opened) and then guards every write.
 */
import Database from 'better-sqlite3';

export type StanceDatabase = Database.Database;

export interface ConnectOptions {
  /** Open without writing (a check, a copy's verification). */
  readonly?: boolean;
  /** Refuse to create the file when it does not exist. */
  fileMustExist?: boolean;
  /** Path of a better-sqlite3 build for this runtime (Electron's ABI); Node's build if absent. */
  nativeBinding?: string | undefined;
}

/** A raw connection to `file` (see the module comment for who may use it). Throws SQLite's own error. */
export function connect(file: string, options: ConnectOptions = {}): StanceDatabase {
  return new Database(file, {
    ...(options.readonly ? { readonly: true } : {}),
    ...(options.fileMustExist ? { fileMustExist: true } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
}
