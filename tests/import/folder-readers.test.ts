/**
 * A folder of single files read in reader threads (src-main/import/batch.ts, reader-pool.ts):
 * read ahead across files, stored in order by one writer. What a runner would notice: the same
 * outcomes in the same order and the same runs as one thread gives; and when the import worker
 * dies in the middle of the folder, with files read ahead and not yet stored, the file it died on
 * is refused, every other file is imported once — none lost, none twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importBatch } from '../../src-main/import/batch';
import { startImportWorker, type WorkerScript } from '../../src-main/import/jobs';
import { ReaderPool, type ReaderScript } from '../../src-main/import/reader-pool';
import { countRows, openTempDatabase } from '../support/temp-db';
import { gpxOf } from '../support/activity-files';
import { fitActivity, straightRun } from '../formats/fit/generate-fit';

const root = path.resolve(__dirname, '../..');
const READER: ReaderScript = { script: path.join(root, 'scripts/ts-worker.cjs'), argv: [path.join(root, 'src-main/import/reader-worker.ts')] };
const DYING_WRITER: WorkerScript = { script: path.join(__dirname, 'support/dying-writer.cjs') };
const corpora = [path.resolve(root, '../shared/fit-tcx-corpus'), path.resolve(root, '../shared/gpx-corpus')];
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function batch(readers: ReaderPool | undefined, sources: { path: string }[]) {
  const database = await openTempDatabase();
  cleanups.push(database.cleanup);
  const outcomes: unknown[] = [];
  const summary = await importBatch(database.db, sources, {
    timeZone: 'Europe/London',
    now: () => new Date('2026-01-01T00:00:00Z'),
    ...(readers ? { readers } : {}),
    onOutcome: (outcome) => outcomes.push(outcome),
  });
  const runs = database.db.prepare('SELECT id, started_at, distance_m, duration_s, moving_s, elevation_gain_m, avg_heart_rate FROM runs ORDER BY id').all();
  const tracks = database.db.prepare('SELECT run_id, file_name, points_sha256, point_count, original_gzip, streams, splits_json FROM run_tracks ORDER BY run_id').all();
  return { summary, outcomes, runs, tracks };
}

describe('a folder read in reader threads', () => {
  it('imports the shared corpora folders exactly as one thread does: the same outcomes, in order, the same counts and the same rows', async () => {
    const readers = new ReaderPool(READER, 2);
    cleanups.push(() => readers.close());
    const sources = corpora.map((folder) => ({ path: folder }));
    const alone = await batch(undefined, sources);
    const pooled = await batch(readers, sources);
    expect(pooled.summary).toEqual(alone.summary);
    expect(pooled.summary.imported).toBeGreaterThan(20);
    expect(pooled.outcomes).toEqual(alone.outcomes);
    expect(pooled.runs).toEqual(alone.runs);
    expect(pooled.tracks).toEqual(alone.tracks);
  }, 180_000);

  it.each([
    ['as it opens a file, with the files before it read ahead and not stored: that file is refused', 'run-05-KILL-THE-WRITER.gpx', true],
    ['as it stores a file, with the files after it read ahead: that file is refused', 'run-05-KILL-THE-WRITER-ON-STORE.gpx', true],
    ['just after a file was stored and told, with the files after it read ahead: nothing is refused', 'run-05-KILL-THE-WRITER-AFTER-STORE.gpx', false],
  ])('the import worker dies %s; every other file is imported once', async (_when, killer, refused) => {
    const database = await openTempDatabase();
    cleanups.push(database.cleanup);
    const folder = path.join(database.folder, 'runs');
    fs.mkdirSync(folder);
    const names: string[] = [];
    for (let n = 1; n <= 9; n++) {
      const points = straightRun({ startUtcMs: Date.UTC(2025, 4, n, 7), seconds: 1500, latitude: 50 + n / 100 });
      const name = n === 5 ? killer : `run-0${n}.${n % 2 === 0 ? 'fit' : 'gpx'}`;
      names.push(name);
      fs.writeFileSync(path.join(folder, name), n % 2 === 0 ? fitActivity([{ sport: 1, points }]) : gpxOf(points, `Run ${n}`));
    }
    fs.writeFileSync(path.join(folder, 'notes.txt'), 'my knee hurt at 8 km');
    const job = startImportWorker({ databasePath: database.file, sources: [{ path: folder }], timeZone: 'Europe/London', readers: READER }, DYING_WRITER);
    await job.finished;
    expect(job.failure).toBeNull();
    const byFile = (name: string) => job.outcomes.filter((outcome) => path.basename(outcome.file) === name);
    for (const name of names) {
      if (name === killer && refused) expect(byFile(name).map((outcome) => [outcome.status, outcome.code])).toEqual([['refused', 'reader-failed']]);
      else expect(byFile(name).map((outcome) => outcome.status)).toEqual(['imported']);
    }
    const imported = refused ? 8 : 9;
    expect(job.outcomes).toHaveLength(9);
    expect(job.summary).toMatchObject({ imported, refused: 9 - imported, duplicate: 0, otherFiles: 1, cancelled: false });
    expect(job.progress).toMatchObject({ runsImported: imported, filesRead: 10, filesTotal: 10, currentFile: null });
    expect(countRows(database.db, 'runs')).toBe(imported);
    const stored = database.db.prepare('SELECT file_name FROM run_tracks ORDER BY run_id').all() as { file_name: string }[];
    expect(stored.map((row) => path.basename(row.file_name)).sort()).toEqual(names.filter((name) => name !== killer || !refused).sort());
  }, 240_000);
});
