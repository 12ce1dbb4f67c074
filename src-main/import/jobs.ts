/**
 * Import jobs as the window sees them: start one (in a worker thread, worker.ts), ask how it is
 * going (progress, every outcome so far, the summary when done), cancel it. The window polls
 * `imports:status`; nothing is pushed. Where no worker script is available (some tests), the
 * same batch runs on this thread instead, yielding between files.
 */
import { Worker } from 'node:worker_threads';
import type { StanceDatabase } from '../db/open';
import type { ActivityOutcome } from './activities';
import { importBatch, type BatchProgress, type BatchSummary } from './batch';
import type { ImportWorkerMessage, ImportWorkerRequest } from './worker';

export interface ImportJob {
  readonly progress: BatchProgress;
  readonly outcomes: ActivityOutcome[];
  summary: BatchSummary | null;
  /** Set when the job failed as a whole (the database could not be written); the runs before it stay. */
  failure: string | null;
  cancel(): void;
  readonly finished: Promise<void>;
}

export interface WorkerScript {
  /** Path of the worker's script (out/main/import-worker.js in the app). */
  script: string;
  /** Arguments for the script (scripts/ts-worker.cjs takes the .ts worker to run from source). */
  argv?: string[];
}

function emptyJob(): Omit<ImportJob, 'cancel' | 'finished'> {
  return { progress: { filesRead: 0, filesTotal: 0, runsImported: 0, currentFile: null }, outcomes: [], summary: null, failure: null };
}

/** Runs a batch in a worker thread with its own connection to `request.databasePath`. */
export function startImportWorker(request: ImportWorkerRequest, worker: WorkerScript): ImportJob {
  const job = emptyJob();
  const thread = new Worker(worker.script, { workerData: request, ...(worker.argv ? { argv: worker.argv } : {}) });
  const finished = new Promise<void>((resolve) => {
    thread.on('message', (message: ImportWorkerMessage) => {
      if (message.type === 'progress') Object.assign(job.progress, message.progress);
      else if (message.type === 'outcome') job.outcomes.push(message.outcome);
      else if (message.type === 'done') job.summary = message.summary;
      else job.failure = message.message;
    });
    thread.on('error', (error) => {
      job.failure = error.message;
    });
    thread.on('exit', () => {
      if (job.summary === null && job.failure === null) job.failure = 'The import stopped unexpectedly.';
      resolve();
    });
  });
  return Object.assign(job, { cancel: () => thread.postMessage({ type: 'cancel' }), finished });
}

/** The same batch on this thread (no worker script): used where none is built, e.g. unit tests of the channels. */
export function startImportHere(db: StanceDatabase, request: Omit<ImportWorkerRequest, 'databasePath' | 'nativeBinding'>): ImportJob {
  const job = emptyJob();
  const controller = new AbortController();
  const finished = importBatch(db, request.sources, {
    timeZone: request.timeZone,
    signal: controller.signal,
    ...(request.allowNearDuplicates ? { allowNearDuplicates: true } : {}),
    onOutcome: (outcome) => job.outcomes.push(outcome),
    onProgress: (progress) => Object.assign(job.progress, progress),
  }).then(
    (summary) => {
      job.summary = summary;
    },
    (error: unknown) => {
      job.failure = (error as Error).message;
    },
  );
  return Object.assign(job, { cancel: () => controller.abort(), finished });
}

/** The jobs of one app session, by id (the newest few are kept). */
export class ImportJobs {
  private readonly jobs = new Map<number, ImportJob>();
  private nextId = 1;

  add(job: ImportJob): number {
    const id = this.nextId++;
    this.jobs.set(id, job);
    for (const old of this.jobs.keys()) if (this.jobs.size > 20 && old !== id) this.jobs.delete(old);
    return id;
  }

  get(id: number): ImportJob | undefined {
    return this.jobs.get(id);
  }
}
