import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * Copies a live database with SQLite's online backup API, checks the copy with
 * `PRAGMA integrity_check`, and only then moves it to `destination`. A copy that fails the
 * check is deleted and the error thrown; a half-written backup never carries the final name.
 */
export async function backupDatabase(
  db: Database.Database,
  destination: string,
  options: { nativeBinding?: string } = {},
): Promise<string> {
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const partial = `${destination}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    await db.backup(partial);
    makeSelfContained(partial, options);
    verifyDatabaseFile(partial, options);
    fs.renameSync(partial, destination);
    return destination;
  } catch (error) {
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`]) fs.rmSync(leftover, { force: true });
    throw error;
  }
}

/**
 * A backup copies the page that says "WAL", so the copy would grow -wal and -shm companions
 * when opened. Switching it to a rollback journal makes it one self-contained file.
 */
function makeSelfContained(file: string, options: { nativeBinding?: string }): void {
  const copy = new Database(file, { fileMustExist: true, nativeBinding: options.nativeBinding });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** Opens a database file read-only and throws unless `integrity_check` says ok. */
export function verifyDatabaseFile(file: string, options: { nativeBinding?: string } = {}): void {
  const copy = new Database(file, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
  try {
    const rows = copy.pragma('integrity_check') as { integrity_check: string }[];
    const verdict = rows.map((row) => row.integrity_check).join('; ');
    if (verdict !== 'ok') throw new Error(`The backup copy failed its integrity check: ${verdict}`);
  } finally {
    copy.close();
  }
}

/** A file-name-safe timestamp: 2026-11-21T07-30-05Z. */
export function backupStamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
}
