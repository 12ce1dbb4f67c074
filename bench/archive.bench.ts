/**
 * Archive benchmark (part of npm run bench, bench/run.ts):
 *
 *  1. A 1,000-activity export — a zip of gzipped FIT, GPX and TCX runs (a third each, 40–60 min
 *     at one point a second) — imported by Stance's import worker (src-main/import/worker.ts,
 *     bundled by esbuild as the app bundles it) into a new database, while a thread plays
 *     Electron's main process, in a fresh process of its own (bench/archive-import-child.ts; the
 *     worker reads the files in reader threads, one per core, import/reader-pool.ts, and stores
 *     them): it polls the job every 250 ms as the window does and measures its own event loop's
 *     longest stall (perf_hooks.monitorEventLoopDelay, 10 ms resolution, and a 1 ms timer's
 *     longest gap). Printed: whole import time, activities per second, CPU time of every thread,
 *     the process's peak resident memory (main, worker and readers are threads of that one
 *     process; getrusage's maxRSS, not a sample), the longest stall.
 *  2. Stance's whole import of one FIT run (parse, derive, check duplicates, store in SQLite)
 *     against fit-file-parser's parse alone of the same bytes, medians measured in this one run,
 *     printed as a ratio.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import FitParser from 'fit-file-parser';
import { openStanceDatabase } from '../src-main/db/open';
import { importActivities } from '../src-main/import/activities';
import { fitActivity, straightRun } from '../tests/formats/fit/generate-fit';
import { gpxOf, tcxOf } from '../tests/support/activity-files';
import { zipOf } from '../tests/support/zip-writer';
import type { ArchiveChildResult } from './archive-import-child';

const ACTIVITIES = 1000;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-archive-bench-'));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** A wandering run (not a straight line), so derive and the codecs see realistic points. */
function runPoints(n: number) {
  const seconds = 2400 + (n % 21) * 60;
  const points = straightRun({ startUtcMs: Date.UTC(2022, 0, 1) + n * 86_400_000 + 6.5 * 3600_000, seconds, latitude: 48 + (n % 50) / 100, metresPerSecond: 2.8 + (n % 7) / 10 });
  return points.map((point, k) => ({ ...point, longitude: point.longitude! + Math.sin(k / 120) * 0.002, heartRate: 130 + (k % 40), altitudeMetres: 100 + 20 * Math.sin(k / 300) }));
}

function buildArchive(): { file: string; bytes: number } {
  const members = [];
  for (let n = 0; n < ACTIVITIES; n++) {
    const points = runPoints(n);
    const kind = n % 3;
    const bytes = kind === 0 ? fitActivity([{ sport: 1, points }]) : Buffer.from(kind === 1 ? gpxOf(points, `Run ${n}`) : tcxOf(points));
    members.push({ name: `activities/${n + 1}.${['fit', 'gpx', 'tcx'][kind]}.gz`, bytes: zlib.gzipSync(bytes, { level: 6 }), deflate: false });
  }
  const file = path.join(scratch, 'export.zip');
  const zip = zipOf(members);
  fs.writeFileSync(file, zip);
  return { file, bytes: zip.length };
}

/** The import worker, its reader threads and the child playing main, bundled by esbuild as the app bundles them. */
function bundleWorker(): { worker: string; reader: string; child: string } {
  // Inside the project, so the bundle finds better-sqlite3 in node_modules as the app's does.
  const outdir = path.join(__dirname, '../node_modules/.cache/stance-bench');
  buildSync({
    entryPoints: {
      'import-worker': path.join(__dirname, '../src-main/import/worker.ts'),
      'import-reader': path.join(__dirname, '../src-main/import/reader-worker.ts'),
      'archive-import-child': path.join(__dirname, 'archive-import-child.ts'),
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outdir,
    external: ['better-sqlite3'],
    logLevel: 'warning',
  });
  return { worker: path.join(outdir, 'import-worker.js'), reader: path.join(outdir, 'import-reader.js'), child: path.join(outdir, 'archive-import-child.js') };
}

/** What the archive import measured. */
export interface ArchiveBenchResult {
  activities: number;
  seconds: number;
  perSecond: number;
  /** Peak resident memory of the importing process (main, the import worker and its readers: threads of one process). */
  peakRssMb: number;
  /** The main thread's longest event-loop stall meanwhile (histogram max), ms. */
  stallMs: number;
  /** CPU seconds of the importing process, every thread. */
  cpuSeconds: number;
}

async function archiveImport(): Promise<ArchiveBenchResult> {
  const built = Date.now();
  const archive = buildArchive();
  console.log(`Archive: ${ACTIVITIES.toLocaleString('en')} activities (FIT, GPX, TCX, each gzipped) in one zip of ${(archive.bytes / 1024 / 1024).toFixed(1)} MB, made in ${((Date.now() - built) / 1000).toFixed(1)} s.`);
  const scripts = bundleWorker();
  // The import runs in a fresh process (bench/archive-import-child.ts) playing Electron's main:
  // its peak memory is then the import's, not this process's (which built the archive).
  const request = { archive: archive.file, databasePath: path.join(scratch, 'stance.sqlite'), backupsFolder: path.join(scratch, 'backups'), worker: scripts.worker, reader: scripts.reader };
  const child = spawnSync(process.execPath, [scripts.child, JSON.stringify(request)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (child.status !== 0) throw new Error(`The archive import failed: ${child.stderr}`);
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ArchiveChildResult;
  const { seconds } = result;
  console.log(`Import (its own process playing main; the import worker with its own connection, reading in ${result.readers} reader threads): ${result.imported} imported, ${result.duplicate} duplicates, ${result.refused} refused; ${result.runs} runs in the database.`);
  console.log(`  whole import: ${seconds.toFixed(1)} s — ${(ACTIVITIES / seconds).toFixed(1)} activities/s; CPU (every thread) ${result.cpuSeconds.toFixed(1)} s, ${((result.cpuSeconds / ACTIVITIES) * 1000).toFixed(1)} ms per activity`);
  console.log(`  peak memory of the importing process (main + worker + readers, peak RSS): ${result.peakRssMb.toFixed(0)} MB (the 250 ms poll saw ${result.polledPeakRssMb.toFixed(0)} MB)`);
  console.log(`  main event loop's longest stall: ${result.stallMs.toFixed(1)} ms (event-loop delay histogram max; a 1 ms timer's longest extra gap: ${result.timerGapMs.toFixed(1)} ms; target ≤ 50 ms)`);
  return { activities: ACTIVITIES, seconds, perSecond: ACTIVITIES / seconds, peakRssMb: result.peakRssMb, stallMs: result.stallMs, cpuSeconds: result.cpuSeconds };
}

/** One FIT run: Stance's whole import and fit-file-parser's parse alone, medians in ms. */
export interface FitBenchResult {
  points: number;
  parseMs: number;
  wholeMs: number;
}

async function fitRatio(): Promise<FitBenchResult> {
  const bytes = fitActivity([{ sport: 1, points: runPoints(7) }]);
  const parseAlone = (): void => {
    new FitParser({ force: false, mode: 'list' }).parse(Buffer.from(bytes) as Buffer<ArrayBuffer>, (error) => {
      if (error) throw new Error(error);
    });
  };
  const db = await openStanceDatabase(path.join(scratch, 'ratio.sqlite'), { backupsFolder: path.join(scratch, 'backups') });
  const wholeImport = (): void => {
    const [outcome] = importActivities(db, bytes, { file: 'run.fit', entry: null, timeZone: 'UTC' }, new Date());
    if (outcome?.status !== 'imported') throw new Error(`not imported: ${outcome?.reason}`);
  };
  // So the next round imports again (not a duplicate): outside the timing, as it is no part of an import.
  const forget = (): void => void db.prepare('DELETE FROM runs').run();
  // Alternating rounds, so that both see the same machine (it is shared and busy); medians of each.
  const parseSamples: number[] = [];
  const wholeSamples: number[] = [];
  for (let round = 0; round < 45; round++) {
    let t = performance.now();
    parseAlone();
    const parseMs = performance.now() - t;
    t = performance.now();
    wholeImport();
    const wholeMs = performance.now() - t;
    forget();
    if (round >= 5) {
      parseSamples.push(parseMs);
      wholeSamples.push(wholeMs);
    }
  }
  const parse = median(parseSamples);
  const whole = median(wholeSamples);
  db.close();
  console.log(`One FIT run (${runPoints(7).length.toLocaleString('en')} points, ${(bytes.length / 1024).toFixed(0)} KB): fit-file-parser's parse alone ${parse.toFixed(1)} ms; Stance's whole import (parse, derive, duplicate checks, store) ${whole.toFixed(1)} ms — ratio ${(whole / parse).toFixed(2)}×`);
  return { points: runPoints(7).length, parseMs: parse, wholeMs: whole };
}

/** The FIT part of `npm run bench` (bench/run.ts): prints its line and returns its figures. */
export async function benchFit(): Promise<FitBenchResult> {
  return fitRatio();
}

/** The archive part of `npm run bench` (bench/run.ts): prints its lines and returns its figures. */
export async function benchArchive(): Promise<ArchiveBenchResult> {
  try {
    return await archiveImport();
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
