/**
 * The import worker: a worker thread (node:worker_threads) that runs one batch import
 * (batch.ts) with its own database connection, so the process that started it — Electron's main
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
import Database from 'better-sqlite3';
import { applyPragmas } from '../db/open';
import { importBatch, type BatchSummary, type ImportSource, type BatchProgress } from './batch';
import type { ActivityOutcome } from './activities';
import { ReaderPool, type ReaderScript } from './reader-pool';

export interface ImportWorkerRequest {
  databasePath: string;
  /** better-sqlite3 built for this runtime (Electron's ABI in the app); Node's build if absent. */
  nativeBinding?: string;
  sources: ImportSource[];
  timeZone: string;
  allowNearDuplicates?: boolean;
  /** The reader threads' script (reader-pool.ts): files are read in them, stored here. Read here without it. */
  readers?: ReaderScript;
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
  const db = new Database(request.databasePath, request.nativeBinding ? { nativeBinding: request.nativeBinding } : {});
  const readers = request.readers ? new ReaderPool(request.readers) : undefined;
  try {
    applyPragmas(db);
    const summary = await importBatch(db, request.sources, {
      ...(readers ? { readers } : {}),
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
    await readers?.close();
    db.close();
    port.close();
  }
}

void main();
