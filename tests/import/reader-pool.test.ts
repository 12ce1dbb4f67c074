/**
 * The import's reader threads (src-main/import/reader-pool.ts): files read on every core, stored
 * by the batch's one writer in file order. What a runner would notice: the same runs, the same
 * outcomes in the same order, as a batch read on one thread; a file whose reader dies is that
 * file's refusal, and the rest of the batch is imported.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { readActivities } from '../../src-main/import/activities';
import { importBatch } from '../../src-main/import/batch';
import { forTheWriter, ReaderPool, type ReaderScript } from '../../src-main/import/reader-pool';
import { openTempDatabase } from '../support/temp-db';
import { gpxOf } from '../support/activity-files';
import { straightRun } from '../formats/fit/generate-fit';
import { zipOf } from '../support/zip-writer';

const root = path.resolve(__dirname, '../..');
const READER: ReaderScript = { script: path.join(root, 'scripts/ts-worker.cjs'), argv: [path.join(root, 'src-main/import/reader-worker.ts')] };
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
  const tracks = database.db.prepare('SELECT run_id, file_name, points_sha256, point_count, length(original_gzip) > 0 AS kept, streams, splits_json FROM run_tracks ORDER BY run_id').all();
  return { summary, outcomes, runs, tracks };
}

describe('reading in reader threads, storing in one', () => {
  it('imports the shared corpora, zipped, exactly as one thread does: the same outcomes, in order, and the same runs', async () => {
    const readers = new ReaderPool(READER, 2);
    cleanups.push(() => readers.close());
    // Reader threads read an archive's members (a file given on its own is read on the batch's thread).
    const members = corpora.flatMap((folder) => fs.readdirSync(folder).sort().filter((name) => fs.statSync(path.join(folder, name)).isFile()).map((name) => ({ name: `${path.basename(folder)}/${name}`, bytes: fs.readFileSync(path.join(folder, name)) })));
    const where = await openTempDatabase();
    cleanups.push(where.cleanup);
    const archive = path.join(where.folder, 'export.zip');
    fs.writeFileSync(archive, zipOf(members));
    const sources = [{ path: archive }];
    const alone = await batch(undefined, sources);
    const pooled = await batch(readers, sources);
    expect(pooled.summary).toEqual(alone.summary);
    expect(pooled.summary.imported).toBeGreaterThan(20);
    expect(pooled.outcomes).toEqual(alone.outcomes);
    expect(pooled.runs).toEqual(alone.runs);
    expect(pooled.tracks).toEqual(alone.tracks);
    expect((pooled.tracks as { kept: number }[]).every((track) => track.kept === 1)).toBe(true);
  }, 120_000);

  it('a file its reader dies on is refused, saying so; the files before and after it are imported', async () => {
    const dying = new ReaderPool({ script: path.join(__dirname, 'support/dying-reader.cjs') }, 2);
    cleanups.push(() => dying.close());
    const database = await openTempDatabase();
    cleanups.push(database.cleanup);
    const members = [];
    for (let day = 1; day <= 5; day++) {
      const points = straightRun({ startUtcMs: Date.UTC(2025, 4, day, 7), seconds: 1200 });
      members.push({ name: `run-${day}.gpx`, bytes: Buffer.from(gpxOf(points, day === 3 ? 'STANCE-KILL-THE-READER' : `Run ${day}`)) });
    }
    const archive = path.join(database.folder, 'runs.zip');
    fs.writeFileSync(archive, zipOf(members));
    const outcomes: { entry: string | null; status: string; reason: string | null }[] = [];
    const summary = await importBatch(database.db, [{ path: archive }], { timeZone: 'UTC', readers: dying, onOutcome: (outcome) => outcomes.push(outcome) });
    expect(outcomes.map((outcome) => [outcome.entry, outcome.status])).toEqual([
      ['run-1.gpx', 'imported'],
      ['run-2.gpx', 'imported'],
      ['run-3.gpx', 'refused'],
      ['run-4.gpx', 'imported'],
      ['run-5.gpx', 'imported'],
    ]);
    expect(outcomes[2]!.reason).toMatch(/^Stance could not read this file \(Stance stopped while reading it: .*\)\. Nothing was imported\.$/);
    expect(summary).toMatchObject({ imported: 4, refused: 1 });
    expect((database.db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n).toBe(4);
  }, 120_000);
});

describe('what crosses from a reader to the writer', () => {
  const file = Buffer.from(gpxOf(straightRun({ startUtcMs: Date.UTC(2025, 4, 1, 7), seconds: 1800 }), 'Morning run'));
  const read = () => readActivities(file, { file: 'run.gpx', entry: null, timeZone: 'UTC' });

  it('carries the runs whole and the recording without its points; hands over only buffers it owns whole', () => {
    const before = read();
    const runs = before.derived.filter((item) => 'run' in item);
    expect(runs.length).toBeGreaterThan(0);
    const expected = structuredClone(before.derived);
    const { read: sent, transfer } = forTheWriter(before);
    expect(sent.recording?.points.count).toBe(0);
    expect(sent.recording?.metadata).toEqual(before.recording?.metadata);
    expect(sent.recording?.tracks).toEqual(before.recording?.tracks);
    // Every handed-over buffer is wholly one array's own; none is handed over twice.
    expect(new Set(transfer).size).toBe(transfer.length);
    const arrays = sent.derived.flatMap((item) => ('run' in item ? Object.values(item.run.streams) : [])).concat(sent.original ?? []);
    for (const buffer of transfer) expect(arrays.filter((array) => array.buffer === buffer && array.byteOffset === 0 && array.byteLength === buffer.byteLength)).toHaveLength(1);
    // The writer receives what it would have without the hand-over (as a structured clone would give it).
    const received = structuredClone(sent, { transfer });
    expect(received.derived).toEqual(expected);
  });

  it('never hands over memory a view shares with other data (a slice of a bigger buffer, Node\'s Buffer pool): it copies it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 64 }), fc.integer({ min: 1, max: 200 }), (before, after, length) => {
        const base = read();
        const run = base.derived.find((item) => 'run' in item)!;
        if (!('run' in run)) return;
        // The streams as views in the middle of bigger buffers, and the original a small pooled Buffer.
        const shared = new Float64Array(before + length + after).fill(7);
        run.run.streams.latitude = shared.subarray(before, before + length);
        run.run.streams.longitude = shared.subarray(before, before + length);
        const pooled = Buffer.from([0x1f, 0x8b, 1, 2, 3]);
        const { read: sent, transfer } = forTheWriter({ ...base, original: pooled });
        expect(transfer).not.toContain(shared.buffer);
        expect(transfer).not.toContain(pooled.buffer);
        const sentRun = sent.derived.find((item) => 'run' in item)!;
        if (!('run' in sentRun)) return;
        expect(Array.from(sentRun.run.streams.latitude)).toEqual(new Array(length).fill(7));
        expect(sentRun.run.streams.latitude.buffer).not.toBe(sentRun.run.streams.longitude.buffer);
        expect(Array.from(sent.original!)).toEqual([0x1f, 0x8b, 1, 2, 3]);
        // What was shared is untouched.
        expect(shared.length).toBe(before + length + after);
        expect(pooled.length).toBe(5);
      }),
      { numRuns: 40 },
    );
  });
});
