/**
 * The import worker opens the database through db/open.ts like every other entry point (issue
 * 23): when the data folder is deleted under a running worker import, its next run is refused in
 * words, and the job ends saying how far it got and what was stored — never "imported: all".
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startImportWorker, type WorkerScript } from '../../src-main/import/jobs';
import { fitActivity, straightRun } from '../formats/fit/generate-fit';
import { openTempDatabase } from '../support/temp-db';
import { zipOf } from '../support/zip-writer';

const root = path.resolve(__dirname, '../..');
const WORKER: WorkerScript = { script: path.join(root, 'scripts/ts-worker.cjs'), argv: [path.join(root, 'src-main/import/worker.ts')] };

let file: string;
let folder: string;
let cleanup: () => void;
beforeEach(async () => {
  ({ file, folder, cleanup } = await openTempDatabase());
});
afterEach(() => cleanup());

const archive = (count: number): Buffer =>
  zipOf(Array.from({ length: count }, (_, n) => ({ name: `activities/${n + 1}.fit`, bytes: fitActivity([{ sport: 1, points: straightRun({ startUtcMs: Date.UTC(2024, 0, 1 + n, 7), seconds: 900, latitude: 50 + n / 100 }) }]) })));

describe('the import worker when the data folder is deleted under it', () => {
  it('refuses the next run in words and ends with the truth about what was stored', async () => {
    const job = startImportWorker({ databasePath: file, sources: [{ name: 'export.zip', bytes: archive(300) }], timeZone: 'UTC' }, WORKER);
    while (job.outcomes.filter((outcome) => outcome.status === 'imported').length < 3 && job.summary === null && job.failure === null) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    fs.rmSync(folder, { recursive: true, force: true });
    await job.finished;

    // Not a success: no summary claiming the 300.
    expect(job.summary).toBeNull();
    const imported = job.outcomes.filter((outcome) => outcome.status === 'imported').length;
    expect(imported).toBeGreaterThanOrEqual(3);
    expect(imported).toBeLessThan(300);
    const failure = job.failure ?? '';
    expect(failure).toContain(`The data folder ${folder} was deleted or moved while Stance was open, so this was not saved.`);
    expect(failure).toMatch(new RegExp(`The import stopped after \\d+ of 300 files\\. The ${imported} runs imported before that were saved into the database that is no longer there, so they are not in Stance now\\.`));
    expect(failure).toContain('Running the same import again finishes the rest');
    expect(failure).not.toMatch(/SQLITE|sqlite3|no such|ENOENT/);
    // Nothing was recreated in the deleted place.
    expect(fs.existsSync(folder)).toBe(false);
  });
});
