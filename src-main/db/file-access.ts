/**
 * Files Stance cannot use, in words a runner can act on: a read-only file or disk, a folder
 * that is missing or was deleted, no permission, a full disk, a database another program holds
 * locked. Every message names the cause and the path and says that nothing was changed; none
 * of them says "damaged" (a file that cannot be written is not a damaged file).
 *
 * Two kinds of input: Node's file-system errors (`code` EACCES, EPERM, EROFS, ENOENT, ENOSPC…)
 * and SQLite's (`code` SQLITE_READONLY…, SQLITE_CANTOPEN, SQLITE_BUSY, SQLITE_FULL,
 * SQLITE_IOERR…; https://www.sqlite.org/rescode.html).
 */
import fs from 'node:fs';
import path from 'node:path';
import { StanceError } from '../shared/errors';

/** The database (or its folder) cannot be written: read-only, missing or not permitted. Not damage. */
export class DatabaseNotWritableError extends StanceError {
  constructor(message: string) {
    super('refused', message);
    this.name = 'DatabaseNotWritableError';
  }
}

const codeOf = (error: unknown): string => String((error as { code?: unknown } | null)?.code ?? '');

/**
 * A worded StanceError for a file-system or SQLite error met while trying to `doing` (e.g.
 * "make a backup") at `where` (a file or folder); undefined when the error is not about
 * access to files (the caller rethrows it as it was).
 */
export function fileProblem(error: unknown, where: string, doing: string): StanceError | undefined {
  const code = codeOf(error);
  const cannot = `Stance could not ${doing}`;
  if (code === 'EROFS' || code === 'SQLITE_READONLY_ROLLBACK' || code === 'SQLITE_READONLY_DBMOVED') {
    if (code === 'SQLITE_READONLY_DBMOVED') return new DatabaseNotWritableError(`${cannot}: the database file at ${where} was moved or deleted while Stance had it open. Nothing was saved.`);
    return new DatabaseNotWritableError(`${cannot}: ${where} is on a read-only disk. Copy the data folder somewhere writable (or remount the disk read-write). Nothing was changed.`);
  }
  if (code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_READONLY')) {
    return new DatabaseNotWritableError(
      `${cannot}: ${where} is read-only for you, or not yours to open (permission denied). Make it readable and writable for you, or run Stance as the user who owns it. Nothing was changed.`,
    );
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new DatabaseNotWritableError(`${cannot}: ${where} does not exist (was the folder deleted or the disk removed?). Nothing was changed.`);
  }
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') {
    return new StanceError('failed', `${cannot}: the disk holding ${where} is full. Free some space and try again. Nothing was changed.`);
  }
  if (code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_CANTOPEN')) {
    return new DatabaseNotWritableError(
      `${cannot}: the file ${where} or its folder cannot be opened (missing, or not permitted for you). Nothing was changed.`,
    );
  }
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED') {
    return new StanceError('failed', `${cannot}: the database at ${where} is busy (a restore, or another copy of Stance, is writing to it). Nothing was changed; try again in a moment.`);
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') {
    return new StanceError('failed', `${cannot}: the disk holding ${where} reported a read/write error (${code}). Nothing was changed; check the disk.`);
  }
  return undefined;
}

/**
 * Checks, before SQLite touches anything, that Stance may read and write its database file, its
 * `-wal`/`-shm`/`-journal` companions and its folder (where SQLite creates them). A folder that
 * does not exist is created (a first start). Answers at once; never opens the database.
 *
 * @throws DatabaseNotWritableError naming the cause (read-only disk, permission denied, folder
 *   missing) and the path.
 */
export function checkDatabaseWritable(file: string): void {
  const folder = path.dirname(file);
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (error) {
    throw fileProblem(error, folder, 'open its database') ?? error;
  }
  try {
    fs.accessSync(folder, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
  } catch (error) {
    throw fileProblem(error, `the folder ${folder}`, 'open its database') ?? error;
  }
  for (const each of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    if (!fs.existsSync(each)) continue;
    try {
      fs.accessSync(each, fs.constants.R_OK | fs.constants.W_OK);
    } catch (error) {
      throw fileProblem(error, each, 'open its database') ?? error;
    }
  }
}

/** Device and inode: what makes a file the same file, whatever its name. */
export interface FileIdentity {
  dev: number;
  ino: number;
}

export function identityOf(file: string): FileIdentity | undefined {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? { dev: stat.dev, ino: stat.ino } : undefined;
}

/**
 * Throws unless `file` is still the file Stance opened (same device and inode): a database
 * deleted, moved or replaced under Stance (or its folder deleted) must not be written to, since
 * a write into a file with no name is confirmed and then lost.
 *
 * @throws DatabaseNotWritableError saying what happened and where.
 */
export function assertStillTheOpenedFile(file: string, opened: FileIdentity): void {
  let now: FileIdentity | undefined;
  try {
    now = identityOf(file);
  } catch (error) {
    throw fileProblem(error, file, 'save this') ?? error;
  }
  if (!now) {
    const folder = path.dirname(file);
    const where = fs.existsSync(folder) ? `The database file ${file} was deleted or moved` : `The data folder ${folder} was deleted or moved`;
    throw new DatabaseNotWritableError(`${where} while Stance was open, so this was not saved. Put it back, or restart Stance (or restore a backup).`);
  }
  if (now.dev !== opened.dev || now.ino !== opened.ino) {
    throw new DatabaseNotWritableError(
      `The database file ${file} was replaced by another file while Stance was open, so this was not saved. Restart Stance to use the file now there.`,
    );
  }
}

/**
 * A worded StanceError for an SQLite error met by a write through the window or the command
 * line (the database busy, read-only, on a full or failing disk, no longer openable), or
 * undefined for any other error. For the dispatcher and the command line, which otherwise
 * could only say "something went wrong".
 */
export function databaseFault(error: unknown, databasePath: string): StanceError | undefined {
  if (!codeOf(error).startsWith('SQLITE_') || codeOf(error).startsWith('SQLITE_CONSTRAINT')) return undefined;
  return fileProblem(error, databasePath, 'do that');
}
