/**
 * Import jobs as the window sees them: start one (in a worker thread, worker.ts), be told of each
 * change (`onChange`: progress, a new outcome, the summary or the failure — job-events.ts pushes
 * them to the window), ask how it is going (the catch-up read, `imports:status`), cancel it. Where
 * no worker script is available (some tests), the same batch runs on this thread instead,
 * yielding between files.
 *
 * The worker's lifecycle (README "A file's failure is that file's outcome"):
 *  - it runs with `resourceLimits` (`WORKER_LIMITS`): a file that needs more memory than any
 *    activity ends that thread (V8 stops it), never the app;
 *  - when it ends in the middle of a batch, the file (or archive member) it was working on gets a
 *    refused outcome saying so, and a new worker goes on with the rest of the batch: from the
 *    first file not done (files its readers had read ahead were not stored, so they are read
 *    again), passing over every file a worker died on. Their outcomes come after the refusal;
 *  - Cancel asks the worker to stop between files; a file that holds it longer than
 *    `CANCEL_GRACE_MS` (a parse of many seconds) is cut short by ending the thread. Each run is
 *    its own transaction, so what was imported stays and nothing is half-written.
 * The JSON import runs the same way (`runWorkerTask`), so the main process never parses a file;
 * the window's one file imported again (a date given, "Import anyway") is a batch of one.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { StanceDatabase } from '../db/open';
import { StanceError } from '../shared/errors';
import type { ActivityOutcome } from './activities';
import { importBatch, whatTheFilesHeld, type BatchProgress, type BatchSummary, type ReadingAt } from './batch';
import { RECOGNISED_NOT_READ, type HeldCount, type HeldKind } from '../shared/import-formats';

/** A held kind's place in `RECOGNISED_NOT_READ`, the order summaries list them in. */
const heldOrder = (kind: HeldKind): number => RECOGNISED_NOT_READ.findIndex((entry) => entry.id === kind);
import type { ImportWorkerMessage, ImportWorkerRequest, WorkerRequest } from './worker';
import { WORKER_LIMITS } from './thread-limits';

export interface ImportJob {
  readonly progress: BatchProgress;
  readonly outcomes: ActivityOutcome[];
  summary: BatchSummary | null;
  /** Set when the job failed as a whole (the database could not be written); the runs before it stay. */
  failure: string | null;
  cancel(): void;
  readonly finished: Promise<void>;
  /**
   * Calls `listener` after each change to the job (progress, an outcome added, the summary or the
   * failure set), synchronously, in order; returns the unsubscribe function.
   */
  onChange(listener: () => void): () => void;
}

/** The change listeners of one job, and the function that tells them. */
function changeListeners(): { onChange: ImportJob['onChange']; changed: () => void } {
  const listeners = new Set<() => void>();
  return {
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    changed: () => {
      for (const listener of [...listeners]) listener();
    },
  };
}

export interface WorkerScript {
  /** Path of the worker's script (out/main/import-worker.js in the app). */
  script: string;
  /** Arguments for the script (scripts/ts-worker.cjs takes the .ts worker to run from source). */
  argv?: string[];
  /** Memory limits of the worker (default `WORKER_LIMITS`; tests pass smaller ones). */
  resourceLimits?: ResourceLimits;
}

/** The worker's memory (thread-limits.ts). */
export { WORKER_LIMITS };

/** How long Cancel waits for the worker to stop between files before it ends the thread. */
export const CANCEL_GRACE_MS = 400;

/** A batch whose workers die this many times in a row without reading a file is given up. */
const MAX_RESTARTS_WITHOUT_PROGRESS = 2;

function emptyJob(): Omit<ImportJob, 'cancel' | 'finished' | 'onChange'> {
  return { progress: { filesRead: 0, filesTotal: 0, runsImported: 0, currentFile: null }, outcomes: [], summary: null, failure: null };
}

/** Why a worker ended, as the reason of the file it was reading. */
function deathReason(error: Error | null, limits: ResourceLimits): { code: ActivityOutcome['code']; reason: string } {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY' || /memory/i.test(error?.message ?? '')) {
    return {
      code: 'reader-failed',
      reason: `Reading this file needed more than the ${(limits.maxOldGenerationSizeMb ?? 0).toLocaleString('en')} MB of memory Stance gives an import — far more than any activity file — so it was stopped. Nothing was imported from it; the rest of the import went on.`,
    };
  }
  return {
    code: 'reader-failed',
    reason: `Stance stopped while reading this file (${error?.message ?? 'the reader ended unexpectedly'}). Nothing was imported from it; the rest of the import went on.`,
  };
}

/** Tallies of outcomes, as a summary counts them. */
function tally(outcomes: readonly ActivityOutcome[]): Pick<BatchSummary, 'imported' | 'duplicate' | 'skipped' | 'refused'> {
  const counts = { imported: 0, duplicate: 0, skipped: 0, refused: 0 };
  for (const outcome of outcomes) counts[outcome.status] += 1;
  return counts;
}

/**
 * Runs a batch in worker threads with their own connections to `request.databasePath`: one,
 * and a new one after each that ended in the middle of a file (see the module comment).
 */
export function startImportWorker(request: ImportWorkerRequest, worker: WorkerScript): ImportJob {
  const job = emptyJob();
  const { onChange, changed } = changeListeners();
  let cancelled = false;
  let current: Worker | null = null;
  let otherFilesBefore = 0;
  /** What the files that gave no run held, as counted by the workers that died before the current one. */
  const heldBefore = new Map<HeldKind, number>();
  const gear = new Set<string>();
  const finish = (summary: Omit<BatchSummary, 'imported' | 'duplicate' | 'skipped' | 'refused' | 'whatItHeld'>): void => {
    // The whole batch's counts, across restarts: the last worker saw only what came after the one before it.
    const merged = new Map(heldBefore);
    for (const item of summary.held) merged.set(item.kind, (merged.get(item.kind) ?? 0) + item.count);
    const held = [...merged].map(([kind, count]) => ({ kind, count })).sort((a, b) => heldOrder(a.kind) - heldOrder(b.kind));
    const counts = { ...tally(job.outcomes), ...summary, held };
    job.summary = { ...counts, whatItHeld: whatTheFilesHeld(counts), gearOffered: [...gear].sort() };
    job.progress.currentFile = null;
  };
  const finished = new Promise<void>((resolve) => {
    let fruitlessRestarts = 0;
    // The files workers died on (refused already): every later worker passes over them.
    const diedOn: ReadingAt[] = [];
    const launch = (resumeAfter: ReadingAt | undefined): void => {
      let reading: { at: ReadingAt; file: string } | null = null;
      // How far this worker had everything done (stored, refused or counted, and told); null: nothing yet.
      let doneThrough: ReadingAt | null = null;
      // The file it was working on was finished and told (its outcome came) after it said so.
      let toldSinceReading = false;
      let otherFiles = 0;
      let held: HeldCount[] = [];
      let ended = false;
      let lastError: Error | null = null;
      let outcomesBefore = job.outcomes.length;
      const thread = new Worker(worker.script, {
        workerData: { ...request, ...(resumeAfter ? { resumeAfter } : {}), ...(diedOn.length > 0 ? { passOver: [...diedOn] } : {}) } satisfies ImportWorkerRequest,
        resourceLimits: worker.resourceLimits ?? WORKER_LIMITS,
        ...(worker.argv ? { argv: worker.argv } : {}),
      });
      current = thread;
      thread.on('message', (message: ImportWorkerMessage) => {
        if (message.type === 'progress') {
          Object.assign(job.progress, message.progress, { runsImported: job.progress.runsImported }); // counted here, across restarts
        } else if (message.type === 'outcome') {
          job.outcomes.push(message.outcome);
          if (message.outcome.status === 'imported') job.progress.runsImported += 1;
          if (reading !== null && message.outcome.file === reading.file && message.outcome.entry === reading.at.entry) toldSinceReading = true;
        } else if (message.type === 'reading') {
          reading = { at: message.at, file: message.file };
          toldSinceReading = false;
          otherFiles = message.otherFiles;
          doneThrough = message.doneThrough;
          held = message.held;
        } else if (message.type === 'done') {
          ended = true;
          for (const name of message.summary.gearOffered) gear.add(name);
          finish({
            otherFiles: otherFilesBefore + message.summary.otherFiles,
            held: message.summary.held,
            notes: message.summary.notes,
            cancelled: message.summary.cancelled || cancelled,
            gearOffered: [],
          });
        } else if (message.type === 'failed') {
          ended = true;
          job.failure = message.message;
        }
        if (message.type !== 'reading') changed();
      });
      thread.on('error', (error) => {
        lastError = error;
      });
      thread.on('exit', () => {
        current = null;
        if (ended) return resolve();
        otherFilesBefore += otherFiles;
        for (const item of held) heldBefore.set(item.kind, (heldBefore.get(item.kind) ?? 0) + item.count);
        if (cancelled) {
          finish({ otherFiles: otherFilesBefore, held: [], notes: [], cancelled: true, gearOffered: [] });
          changed();
          return resolve();
        }
        const at = reading as { at: ReadingAt; file: string } | null;
        fruitlessRestarts = job.outcomes.length > outcomesBefore || at !== null ? 0 : fruitlessRestarts + 1;
        if (at === null || fruitlessRestarts > MAX_RESTARTS_WITHOUT_PROGRESS) {
          job.failure = lastError === null ? 'The import stopped unexpectedly.' : `The import stopped unexpectedly (${(lastError as Error).message}).`;
          changed();
          return resolve();
        }
        if (toldSinceReading) {
          // It died after that file was stored and told (before it said what came next): nothing to
          // refuse; a new worker goes on after it (outcomes come in file order, so all before it are done).
          changed();
          launch(at.at);
          return;
        }
        // The file it died on is that file's outcome; a new worker goes on from the first file not
        // done (files read ahead of the writer were not stored: they are read again), passing over
        // the files workers died on.
        const why = deathReason(lastError, worker.resourceLimits ?? WORKER_LIMITS);
        job.outcomes.push({ file: at.file, entry: at.at.entry, recording: null, track: null, untimed: false, status: 'refused', sport: null, code: why.code, reason: why.reason, runId: null, distanceMetres: null, points: null, startedAt: null, warnings: [], format: null, deviceName: null });
        outcomesBefore = job.outcomes.length;
        changed();
        diedOn.push(at.at);
        launch((doneThrough as ReadingAt | null) ?? resumeAfter);
      });
    };
    launch(request.resumeAfter);
  });
  const cancel = (): void => {
    if (cancelled) return;
    cancelled = true;
    const thread = current;
    if (thread === null) return;
    thread.postMessage({ type: 'cancel' });
    setTimeout(() => void thread.terminate(), CANCEL_GRACE_MS).unref();
  };
  return Object.assign(job, { cancel, finished, onChange });
}

/**
 * Runs a one-file task (a JSON import) in a worker thread with
 * `resourceLimits`, and resolves with its result. Rejects with the task's own `StanceError`
 * (re-made on this side), or a `StanceError` saying the file needed more than the worker may use.
 */
export function runWorkerTask<Result>(request: Exclude<WorkerRequest, ImportWorkerRequest>, worker: WorkerScript): Promise<Result> {
  return new Promise<Result>((resolve, reject) => {
    let settled = false;
    let lastError: Error | null = null;
    const thread = new Worker(worker.script, { workerData: request, resourceLimits: worker.resourceLimits ?? WORKER_LIMITS, ...(worker.argv ? { argv: worker.argv } : {}) });
    thread.on('message', (message: ImportWorkerMessage) => {
      if (message.type === 'result') {
        settled = true;
        resolve(message.result as Result);
      } else if (message.type === 'failed') {
        settled = true;
        reject(message.stance ? new StanceError(message.stance.kind, message.message, message.stance.field) : new Error(message.message));
      }
    });
    thread.on('error', (error) => {
      lastError = error;
    });
    thread.on('exit', () => {
      if (settled) return;
      const what = request.task === 'json' ? 'This export' : 'This file';
      const limits = worker.resourceLimits ?? WORKER_LIMITS;
      const outOfMemory = deathReason(lastError, limits).reason.includes('memory');
      reject(
        new StanceError(
          'refused',
          outOfMemory
            ? `${what} needed more than the ${(limits.maxOldGenerationSizeMb ?? 0).toLocaleString('en')} MB of memory Stance gives an import, far more than any real one, so it was stopped. Nothing was imported.`
            : `Stance stopped while reading ${what.toLowerCase()} (${(lastError as Error | null)?.message ?? 'the reader ended unexpectedly'}). Nothing was imported.`,
        ),
      );
    });
  });
}

/** The same batch on this thread (no worker script): used where none is built, e.g. unit tests of the channels. */
export function startImportHere(db: StanceDatabase, request: Omit<ImportWorkerRequest, 'databasePath' | 'nativeBinding'>): ImportJob {
  const job = emptyJob();
  const { onChange, changed } = changeListeners();
  const controller = new AbortController();
  const finished = importBatch(db, request.sources, {
    timeZone: request.timeZone,
    signal: controller.signal,
    ...(request.allowNearDuplicates ? { allowNearDuplicates: true } : {}),
    onOutcome: (outcome) => {
      job.outcomes.push(outcome);
      changed();
    },
    onProgress: (progress) => {
      Object.assign(job.progress, progress);
      changed();
    },
  }).then(
    (summary) => {
      job.summary = summary;
      changed();
    },
    (error: unknown) => {
      job.failure = (error as Error).message;
      changed();
    },
  );
  return Object.assign(job, { cancel: () => controller.abort(), finished, onChange });
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
