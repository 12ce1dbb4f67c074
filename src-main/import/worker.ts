/**
 * The import worker: a worker thread (node:worker_threads) with its own database connection,
 * opened through db/open.ts like every other (restore settled, writable, checked, every write
 * guarded: a database deleted or replaced under the import is refused in words), so
 * the process that started it — Electron's main process, which answers the window — never waits
 * on a file. It runs one task:
 *  - `batch` (the default): a batch import (batch.ts) of files, folders and archives;
 *  - `json`: the import of a Stance JSON export (db/import-json.ts), after a safety backup.
 * SQLite's WAL mode lets both connections work at once; each run is its own short transaction,
 * and busy_timeout makes either side wait (never fail) for the other's commit.
 *
 * The parent (jobs.ts) starts it with `resourceLimits`, so a file that costs more memory than any
 * activity ends this thread, not the app; for a batch the parent then starts a new worker that
 * goes on after that file (`resumeAfter`).
 *
 * Protocol (structured-clone messages):
 *   workerData: ImportWorkerRequest | JsonWorkerRequest
 *   parent → worker: { type: 'cancel' }      — stops between files (the parent ends the thread
 *                                              if a file holds it longer than a moment)
 *   worker → parent (batch): { type: 'reading', at, file, otherFiles, held, doneThrough } — before
 *                  this thread works on a file/member (batch.ts onReading: the file it would die
 *                  on, and how far everything is done)
 *                  | { type: 'progress', progress } | { type: 'outcome', outcome }
 *                  | { type: 'done', summary } | { type: 'failed', message }
 *   worker → parent (json): { type: 'result', result } | { type: 'failed', message, stance? }
 */
import fs from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { openStanceDatabase, type StanceDatabase } from '../db/open';
import { BACKUPS_FOLDER_NAME } from '../data-folder';
import { importBatch, type BatchSummary, type ImportSource, type BatchProgress, type ReadingAt } from './batch';
import type { ActivityOutcome } from './activities';
import type { HeldCount } from '../shared/import-formats';
import { ReaderPool, type ReaderScript } from './reader-pool';
import { StanceError } from '../shared/errors';
import { takeBackup } from '../db/backups';
import { importStanceExport, openStanceExport } from '../db/services/import-json';

export interface ImportWorkerRequest {
  task?: 'batch';
  databasePath: string;
  /** Where a backup before a migration would go (the data folder's backups/ when absent). */
  backupsFolder?: string;
  /** better-sqlite3 built for this runtime (Electron's ABI in the app); Node's build if absent. */
  nativeBinding?: string;
  sources: ImportSource[];
  timeZone: string;
  allowNearDuplicates?: boolean;
  /** Go on after this place (a restarted worker: everything up to it was done by the ones before). */
  resumeAfter?: ReadingAt;
  /** Places passed over wherever they are (a restarted worker: the files the ones before died on, refused already). */
  passOver?: ReadingAt[];
  /** The reader threads' script (reader-pool.ts): files are read in them, stored here. Read here without it. */
  readers?: ReaderScript;
}

/** The import of a Stance JSON export, off the main thread. */
export interface JsonWorkerRequest {
  task: 'json';
  databasePath: string;
  nativeBinding?: string;
  bytes: Uint8Array;
  backupsFolder: string;
  nowMs: number;
}

export type WorkerRequest = ImportWorkerRequest | JsonWorkerRequest;

export type ImportWorkerMessage =
  | { type: 'reading'; at: ReadingAt; file: string; otherFiles: number; held: HeldCount[]; doneThrough: ReadingAt | null }
  | { type: 'progress'; progress: BatchProgress }
  | { type: 'outcome'; outcome: ActivityOutcome }
  | { type: 'done'; summary: BatchSummary }
  | { type: 'result'; result: unknown }
  | { type: 'failed'; message: string; stance?: { kind: StanceError['kind']; field?: string } };

/** Opens the database through the one door (db/open.ts), as the window and every command do. */
async function open(request: WorkerRequest): Promise<StanceDatabase> {
  const backupsFolder =
    ('backupsFolder' in request && request.backupsFolder) || path.join(path.dirname(request.databasePath), BACKUPS_FOLDER_NAME);
  return openStanceDatabase(request.databasePath, {
    backupsFolder,
    ...(request.nativeBinding ? { nativeBinding: request.nativeBinding } : {}),
  });
}

async function runBatch(db: StanceDatabase, request: ImportWorkerRequest, post: (message: ImportWorkerMessage) => void, signal: AbortSignal): Promise<void> {
  const readers = request.readers ? new ReaderPool(request.readers) : undefined;
  const summary = await importBatch(db, request.sources, {
    ...(readers ? { readers } : {}),
    timeZone: request.timeZone,
    signal,
    ...(request.allowNearDuplicates ? { allowNearDuplicates: true } : {}),
    ...(request.resumeAfter ? { resumeAfter: request.resumeAfter } : {}),
    ...(request.passOver ? { passOver: request.passOver } : {}),
    onOutcome: (outcome) => post({ type: 'outcome', outcome }),
    onProgress: (progress) => {
      post({ type: 'progress', progress });
    },
    onReading: ({ at, file, otherFilesSoFar, heldSoFar, doneThrough }) => post({ type: 'reading', at, file, otherFiles: otherFilesSoFar, held: heldSoFar, doneThrough }),
  }).finally(() => readers?.close());
  post({ type: 'done', summary });
}

async function runJson(db: StanceDatabase, request: JsonWorkerRequest): Promise<unknown> {
  const now = new Date(request.nowMs);
  const file = openStanceExport({ bytes: request.bytes });
  const backup = await takeBackup(db, request.backupsFolder, 'before-import', now);
  try {
    return { ...importStanceExport(db, file, now), backup: backup.name };
  } catch (error) {
    fs.rmSync(path.join(request.backupsFolder, backup.name), { force: true });
    throw error;
  }
}

async function main(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('import/worker.ts must run as a worker thread');
  const request = workerData as WorkerRequest;
  const controller = new AbortController();
  port.on('message', (message: { type?: string }) => {
    if (message.type === 'cancel') controller.abort();
  });
  const post = (message: ImportWorkerMessage): void => port.postMessage(message);
  let db: StanceDatabase | null = null;
  try {
    db = await open(request);
    if (request.task === 'json') post({ type: 'result', result: await runJson(db, request) });
    else await runBatch(db, request, post, controller.signal);
  } catch (error) {
    const stance = error instanceof StanceError ? { kind: error.kind, ...(error.field ? { field: error.field } : {}) } : undefined;
    post({ type: 'failed', message: (error as Error).message, ...(stance ? { stance } : {}) });
  } finally {
    db?.close();
    port.close();
  }
}

void main();
