/**
 * The import worker: a real worker thread with its own connection to a real database file,
 * importing an archive while this thread keeps its own connection open; cancel between files.
 */
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StanceDatabase } from '../../src-main/db/open';
import { startImportWorker, type WorkerScript } from '../../src-main/import/jobs';
import { fitActivity, straightRun } from '../formats/fit/generate-fit';
import { countRows, openTempDatabase } from '../support/temp-db';
import { zipOf } from '../support/zip-writer';

const root = path.resolve(__dirname, '../..');
/** The worker from source: scripts/ts-worker.cjs registers tsx, then runs src-main/import/worker.ts. */
const WORKER: WorkerScript = { script: path.join(root, 'scripts/ts-worker.cjs'), argv: [path.join(root, 'src-main/import/worker.ts')] };

let db: StanceDatabase;
let file: string;
let cleanup: () => void;
beforeEach(async () => {
  ({ db, file, cleanup } = await openTempDatabase());
});
afterEach(() => cleanup());

const archive = (count: number): Buffer =>
  zipOf(Array.from({ length: count }, (_, n) => ({ name: `activities/${n + 1}.fit`, bytes: fitActivity([{ sport: 1, points: straightRun({ startUtcMs: Date.UTC(2024, 0, 1 + n, 7), seconds: 900, latitude: 50 + n / 100 }) }]) })));

describe('the import worker', () => {
  it('imports an archive on another thread, reporting progress and every outcome; the same archive again adds nothing', async () => {
    const bytes = archive(12);
    const job = startImportWorker({ databasePath: file, sources: [{ name: 'export.zip', bytes }], timeZone: 'UTC' }, WORKER);
    await job.finished;
    expect(job.failure).toBeNull();
    expect(job.summary).toMatchObject({ imported: 12, cancelled: false });
    expect(job.outcomes.map((o) => o.entry)).toEqual(Array.from({ length: 12 }, (_, n) => `activities/${n + 1}.fit`));
    expect(job.progress).toMatchObject({ filesRead: 12, filesTotal: 12, runsImported: 12, currentFile: null });
    expect(countRows(db, 'runs')).toBe(12); // seen through this thread's own connection
    expect(threadId).toBe(0);

    const again = startImportWorker({ databasePath: file, sources: [{ name: 'export.zip', bytes }], timeZone: 'UTC' }, WORKER);
    await again.finished;
    expect(again.summary).toMatchObject({ imported: 0, duplicate: 12 });
    expect(countRows(db, 'runs')).toBe(12);
  });

  it('cancel stops it between files; the runs imported before stay, whole', async () => {
    const job = startImportWorker({ databasePath: file, sources: [{ name: 'export.zip', bytes: archive(300) }], timeZone: 'UTC' }, WORKER);
    while (job.outcomes.length < 3 && job.summary === null) await new Promise((resolve) => setTimeout(resolve, 5));
    job.cancel();
    await job.finished;
    expect(job.summary?.cancelled).toBe(true);
    const imported = job.summary!.imported;
    expect(imported).toBeGreaterThanOrEqual(3);
    expect(imported).toBeLessThan(300);
    expect(countRows(db, 'runs')).toBe(imported);
    expect(countRows(db, 'run_tracks')).toBe(imported);
  });
});
