import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { connect, type StanceDatabase } from './connection';
import { StanceError } from '../shared/errors';
import { fileProblem } from './file-access';
import { removeLeftoversOfDeadProcesses } from './restore-journal';

/** How long a backup may make no progress (the database locked, or unreadable) before it gives up. */
export const BACKUP_STALL_MS = 10_000;

/**
 * Copies a live database with SQLite's online backup API into a `.partial` file of its own
 * (named with this process's id and a random tag, so two backups at the same moment never
 * share one), switches the copy to a rollback journal so it is one self-contained file,
 * checks it with `PRAGMA integrity_check`, and only then gives it `destination`'s name.
 * The final name is taken with a hard link, which fails if the name exists: a backup never
 * overwrites another one (EEXIST is thrown, the partial removed). A file system without hard
 * links gets a rename after an existence check.
 *
 * A backup that makes no progress for BACKUP_STALL_MS (SQLite answering "busy" over and over,
 * as it does for a read-only database with a write-ahead log) is abandoned with a StanceError.
 *
 * @throws StanceError when the folder cannot be written (naming the cause and the folder) or
 *   the copy stalls; Error when the copy fails its integrity check; EEXIST when the name is taken.
 */
export async function backupDatabase(
  db: StanceDatabase,
  destination: string,
  options: { nativeBinding?: string; stallMs?: number } = {},
): Promise<string> {
  const folder = path.dirname(destination);
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw fileProblem(error, folder, 'make a backup') ?? error;
  }
  // Half-written copies of backups whose process was killed; a running backup's are its own.
  removeLeftoversOfDeadProcesses(folder, /^.+\.sqlite\.(\d+)-[0-9a-f]+\.partial(-wal|-shm|-journal)?$/);
  const partial = `${destination}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.partial`;
  const stallMs = options.stallMs ?? BACKUP_STALL_MS;
  try {
    let lastRemaining = Number.POSITIVE_INFINITY;
    let lastProgressAt = Date.now();
    try {
      await db.backup(partial, {
        progress: ({ remainingPages }) => {
          if (remainingPages < lastRemaining) {
            lastRemaining = remainingPages;
            lastProgressAt = Date.now();
          } else if (Date.now() - lastProgressAt > stallMs) {
            throw new StanceError(
              'failed',
              `Stance could not read its database to back it up: it stayed locked for ${Math.round(stallMs / 1000)} seconds ` +
                '(another program is writing to it, or the file or its folder is read-only). Nothing was changed.',
            );
          }
          return 0x7fffffff; // the rest in one step: the source is read under one snapshot
        },
      });
    } catch (error) {
      if (error instanceof StanceError) throw error;
      throw fileProblem(error, folder, 'make a backup') ?? error;
    }
    // better-sqlite3 reports a backup whose very first step was refused ("busy") as finished.
    if (!fs.existsSync(partial)) {
      throw new StanceError('failed', 'Stance could not read its database to back it up: SQLite said it was busy. Nothing was changed; try again in a moment.');
    }
    makeSelfContained(partial, options);
    verifyDatabaseFile(partial, options);
    takeName(partial, destination);
    return destination;
  } finally {
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) fs.rmSync(leftover, { force: true });
  }
}

/** Gives `from` the name `to` only if no file has it (hard link, then unlink); throws EEXIST otherwise. */
function takeName(from: string, to: string): void {
  try {
    fs.linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
    if (fs.existsSync(to)) throw Object.assign(new Error(`${to} already exists`), { code: 'EEXIST' });
    fs.renameSync(from, to);
  }
}

/**
 * A backup copies the page that says "WAL", so the copy would grow -wal and -shm companions
 * when opened. Switching it to a rollback journal makes it one self-contained file.
 */
function makeSelfContained(file: string, options: { nativeBinding?: string }): void {
  const copy = connect(file, { fileMustExist: true, nativeBinding: options.nativeBinding });
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** Opens a database file read-only and throws unless `integrity_check` says ok. */
export function verifyDatabaseFile(file: string, options: { nativeBinding?: string } = {}): void {
  const copy = connect(file, { readonly: true, fileMustExist: true, nativeBinding: options.nativeBinding });
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
