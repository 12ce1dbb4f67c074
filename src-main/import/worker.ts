/**
 * The import worker: a worker thread (node:worker_threads) that runs one batch import
 * (batch.ts) with its own database connection, opened through db/open.ts like every other, so the process that started it — Electron's main
 * process, which answers the window — never waits on parsing or writing. SQLite's WAL mode lets
 * both connections work at once; each run is its own short transaction, and busy_timeout makes
 * either side wait (never fail) for the other's commit.
 *
 * Protocol (structured-clone messages):
 *   workerData: ImportWorkerRequest
 *   parent → worker: { type: 'cancel' }      — stops between files; what was imported stays
 *   worker → parent: { type: 'progress', progress } | { type: 'outcome', outcome }
 *                  | { type: 'done', summary } | { type: 'failed', message }
 * The parent side is jobs.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import path from 'node:path';
import { openStanceDatabase, type StanceDatabase } from '../db/open';
import { BACKUPS_FOLDER_NAME } from '../data-folder';
import { importBatch, type BatchSummary, type ImportSource, type BatchProgress } from './batch';
import type { ActivityOutcome } from './activities';

export interface ImportWorkerRequest {
  databasePath: string;
  /** Where a backup before a migration would go (the data folder's backups/ when absent). */
  backupsFolder?: string;
  /** better-sqlite3 built for this runtime (Electron's ABI in the app); Node's build if absent. */
  nativeBinding?: string;
  sources: ImportSource[];
  timeZone: string;
  allowNearDuplicates?: boolean;
}

export type ImportWorkerMessage =
  | { type: 'progress'; progress: BatchProgress }
  | { type: 'outcome'; outcome: ActivityOutcome }
  | { type: 'done'; summary: BatchSummary }
  | { type: 'failed'; message: string };

async function main(): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('import/worker.ts must run as a worker thread');
  const request = workerData as ImportWorkerRequest;
  const controller = new AbortController();
  port.on('message', (message: { type?: string }) => {
    if (message.type === 'cancel') controller.abort();
  });
  const post = (message: ImportWorkerMessage): void => port.postMessage(message);
  let db: StanceDatabase | undefined;
  try {
    // The same door as the window and every command: restore settled, writable, checked, and
    // every write guarded (a database deleted or replaced under the import is refused in words).
    db = await openStanceDatabase(request.databasePath, {
      backupsFolder: request.backupsFolder ?? path.join(path.dirname(request.databasePath), BACKUPS_FOLDER_NAME),
      ...(request.nativeBinding ? { nativeBinding: request.nativeBinding } : {}),
    });
    const summary = await importBatch(db, request.sources, {
      timeZone: request.timeZone,
      signal: controller.signal,
      ...(request.allowNearDuplicates ? { allowNearDuplicates: true } : {}),
      onOutcome: (outcome) => post({ type: 'outcome', outcome }),
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'done', summary });
  } catch (error) {
    post({ type: 'failed', message: (error as Error).message });
  } finally {
    db?.close();
    port.close();
  }
}

void main();
