/**
 * Killed mid-write: a child process imports a batch of GPX runs and is killed with SIGKILL at
 * a random moment, many times over. Each time the database opens, passes integrity_check and
 * foreign_key_check, every run committed before the kill is there, and every file is either
 * wholly in (its run, its track, every point, the original bytes) or wholly out.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { openStanceDatabase } from '../../src-main/db/open';
import { decodeStreams, parseGpxSync } from '../../src-main/import/index';
import { tempFolder } from '../support/temp-db';
import { gpxText } from '../support/gpx-text';
import { proofCount } from '../support/proofs';

const root = path.resolve(__dirname, '../..');
// The child runs in ONE process (node with tsx's loader). The `tsx` command itself starts node as
// a grandchild, which SIGKILL on `tsx` would not reach: the "killed" importer would keep writing.
const childCommand = [process.execPath, '--import', 'tsx'];
const child = path.join(root, 'tests/support/import-batch-child.ts');
const KILLS = proofCount(6, 100);
const FILES = 16;

const work = tempFolder('stance-killed-');
afterAll(() => work.cleanup());

/** Mulberry32, so a failing run can be repeated from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Expected {
  name: string;
  bytes: Buffer;
  points: number;
  pointsSha256: string;
}

function makeBatch(): Expected[] {
  const folder = path.join(work.folder, 'gpx');
  fs.mkdirSync(folder, { recursive: true });
  return Array.from({ length: FILES }, (_, k) => {
    const name = `run-${String(k).padStart(2, '0')}.gpx`;
    const bytes = Buffer.from(gpxText({ seconds: 1200 + k * 37, seed: k + 1, start: new Date(Date.UTC(2025, 0, 1 + k, 7)).toISOString().replace('.000Z', 'Z'), withCadence: true }));
    fs.writeFileSync(path.join(folder, name), bytes);
    const parsed = parseGpxSync(bytes);
    return { name, bytes, points: parsed.pointCount, pointsSha256: parsed.fingerprint.pointsSha256 };
  });
}

/** Runs the child and kills it `afterMs` after it says it is ready. Returns the lines it printed. */
function runAndKill(databasePath: string, files: string[], afterMs: number): Promise<{ lines: string[]; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const process_ = spawn(childCommand[0]!, [...childCommand.slice(1), child, databasePath, ...files], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    process_.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (!timer && out.includes('ready\n')) timer = setTimeout(() => process_.kill('SIGKILL'), afterMs);
    });
    process_.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    process_.on('error', reject);
    process_.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${err}`));
      else resolve({ lines: out.split('\n').filter(Boolean), killed: signal === 'SIGKILL' });
    });
  });
}

describe('killed mid-write', () => {
  it(`a batch import killed at ${KILLS} random moments leaves a sound database, each file wholly in or out`, async () => {
    const batch = makeBatch();
    const files = batch.map((file) => path.join(work.folder, 'gpx', file.name));
    const byName = new Map(batch.map((file) => [file.name, file]));

    // How long a whole batch takes, so kills land across it.
    const timing = path.join(work.folder, 'timing', 'stance.sqlite');
    const started = Date.now();
    const whole = await runAndKill(timing, files, 600_000);
    const batchMs = Math.max(200, Date.now() - started - 300);
    expect(whole.lines.filter((line) => line.startsWith('imported'))).toHaveLength(FILES);

    const next = random(20261121);
    let killedMidBatch = 0;
    const midBatchWanted = Math.ceil(KILLS / 3);
    // On a loaded machine the batch's pace varies, so a kill may land before the first or after
    // the last file: keep killing (up to 4× as often) until enough kills landed mid-batch.
    for (let attempt = 0; attempt < KILLS || (killedMidBatch < midBatchWanted && attempt < 4 * KILLS); attempt += 1) {
      const databasePath = path.join(work.folder, `kill-${attempt}`, 'stance.sqlite');
      const { lines, killed } = await runAndKill(databasePath, files, Math.floor(next() * batchMs));
      const committed = lines.filter((line) => line.startsWith('imported ')).map((line) => line.slice('imported '.length));
      if (killed && committed.length < FILES) killedMidBatch += 1;
      if (!fs.existsSync(databasePath)) continue; // killed before the database was made

      const db = await openStanceDatabase(databasePath, { backupsFolder: path.join(path.dirname(databasePath), 'backups') });
      try {
        expect(db.pragma('integrity_check', { simple: true }), `attempt ${attempt}`).toBe('ok');
        expect(db.pragma('foreign_key_check')).toEqual([]);
        const runs = db
          .prepare(
            `SELECT runs.id, run_tracks.file_name, run_tracks.point_count, run_tracks.points_sha256, run_tracks.streams, run_tracks.original_gzip
             FROM runs LEFT JOIN run_tracks ON run_tracks.run_id = runs.id`,
          )
          .all() as { id: number; file_name: string | null; point_count: number; points_sha256: string; streams: Buffer; original_gzip: Buffer }[];
        expect((db.prepare('SELECT count(*) AS n FROM run_tracks').get() as { n: number }).n).toBe(runs.length);
        // Every run committed before the kill survived it.
        expect(runs.length).toBeGreaterThanOrEqual(committed.length);
        const seen = new Set<string>();
        for (const run of runs) {
          const expected = byName.get(run.file_name ?? '');
          expect(expected, `run ${run.id} has its track`).toBeDefined();
          expect(seen.has(expected!.name)).toBe(false);
          seen.add(expected!.name);
          expect(run.point_count).toBe(expected!.points);
          expect(run.points_sha256).toBe(expected!.pointsSha256);
          expect(decodeStreams(run.streams).latitude.length).toBe(expected!.points);
          expect(zlib.gunzipSync(run.original_gzip).equals(expected!.bytes)).toBe(true);
        }
        for (const name of committed) expect(seen.has(name)).toBe(true);
      } finally {
        db.close();
      }
    }
    // The kills really did land in the middle of batches.
    expect(killedMidBatch).toBeGreaterThanOrEqual(midBatchWanted);
  }, 900_000);
});
