/**
 * Hostile-file benchmark (part of npm run bench, bench/run.ts; issue 18): the main event loop's
 * longest stall while the import worker (bundled by esbuild as the app bundles it) reads
 *  1. a JSON export (300 GPS runs written by Stance's own export) through the window's JSON import
 *     (`runWorkerTask` with task 'json', as `data:importJson` does), then a hostile one (5 million
 *     nested `[`);
 *  2. a batch with one hostile member: a 200-activity zip holding a FIT file of a million records
 *     (allowed by the bounds, hundreds of MB decoded), beside a 64 MB FIT file of empty records.
 * Measured with perf_hooks.monitorEventLoopDelay (10 ms resolution) on this thread, which plays
 * Electron's main process. Target: ≤ 50 ms. Tests never assert timings; this does.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { buildSync } from 'esbuild';
import { openStanceDatabase } from '../src-main/db/open';
import { writeJsonExport } from '../src-main/db/services/export';
import { importActivities } from '../src-main/import/activities';
import { runWorkerTask, startImportWorker, type WorkerScript } from '../src-main/import/jobs';
import { fitActivity, straightRun } from '../tests/formats/fit/generate-fit';
import { gpxOf } from '../tests/support/activity-files';
import { zipOf } from '../tests/support/zip-writer';
import { emptyRecordsFit, nestedJson, timedRecordsFit } from '../tests/hostile/hostile-files';

/** What the hostile part measured: longest stalls of the main event loop, ms, and how long each import took, s. */
export interface HostileBenchResult {
  /** The same measurement for 5 s with no import at all: what the machine's load alone costs. */
  idle: { stallMs: number };
  json: { stallMs: number; seconds: number; megabytes: number };
  hostileJson: { stallMs: number; seconds: number };
  batch: { stallMs: number; seconds: number; imported: number; refused: number };
}

function bundleWorker(): WorkerScript {
  const outfile = path.join(__dirname, '../node_modules/.cache/stance-bench/import-worker.js');
  buildSync({ entryPoints: [path.join(__dirname, '../src-main/import/worker.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, external: ['better-sqlite3'], logLevel: 'warning' });
  return { script: outfile };
}

async function stallDuring(work: () => Promise<unknown>): Promise<{ stallMs: number; seconds: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  const started = performance.now();
  histogram.enable();
  const keepBusy = setInterval(() => undefined, 5); // the window's traffic, in miniature
  try {
    await work();
  } finally {
    histogram.disable();
    clearInterval(keepBusy);
  }
  return { stallMs: histogram.max / 1e6, seconds: (performance.now() - started) / 1000 };
}

const runPoints = (n: number) => straightRun({ startUtcMs: Date.UTC(2022, 0, 1) + n * 86_400_000 + 7 * 3600_000, seconds: 2400, latitude: 48 + (n % 50) / 100 });

/** The hostile part of `npm run bench`: prints its lines and returns its figures. */
export async function benchHostile(): Promise<HostileBenchResult> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-hostile-bench-'));
  try {
    const worker = bundleWorker();
    // A real export: 300 GPS runs imported, then exported by Stance.
    const source = await openStanceDatabase(path.join(scratch, 'source.sqlite'), { backupsFolder: path.join(scratch, 'backups') });
    for (let n = 0; n < 300; n += 1) importActivities(source, Buffer.from(gpxOf(runPoints(n))), { file: `${n}.gpx`, entry: null, timeZone: 'UTC' }, new Date());
    const exportFile = path.join(scratch, 'export.json');
    writeJsonExport(source, exportFile, new Date());
    source.close();
    const exportBytes = fs.readFileSync(exportFile);

    const idle = await stallDuring(() => new Promise((resolve) => setTimeout(resolve, 5000)));
    console.log(`Main event loop's longest stall over 5 s with no import at all (this machine's own noise): ${idle.stallMs.toFixed(1)} ms`);
    const databasePath = path.join(scratch, 'stance.sqlite');
    const db = await openStanceDatabase(databasePath, { backupsFolder: path.join(scratch, 'backups') });
    const json = await stallDuring(() => runWorkerTask({ task: 'json', databasePath, bytes: exportBytes, backupsFolder: path.join(scratch, 'backups'), nowMs: Date.now() }, worker));
    const megabytes = exportBytes.length / 1024 / 1024;
    console.log(`JSON import of a ${megabytes.toFixed(1)} MB export (300 GPS runs) in the import worker: ${json.seconds.toFixed(1)} s; main event loop's longest stall ${json.stallMs.toFixed(1)} ms (target ≤ 50 ms)`);
    const hostileJson = await stallDuring(() => runWorkerTask({ task: 'json', databasePath, bytes: nestedJson(5_000_000), backupsFolder: path.join(scratch, 'backups'), nowMs: Date.now() }, worker).catch(() => undefined));
    console.log(`JSON import of 5 million nested [ (10 MB), refused: ${hostileJson.seconds.toFixed(1)} s; main event loop's longest stall ${hostileJson.stallMs.toFixed(1)} ms`);

    const members = [];
    for (let n = 0; n < 200; n += 1) members.push({ name: `activities/${n}.fit`, bytes: fitActivity([{ sport: 1, points: runPoints(400 + n) }]) });
    members.splice(100, 0, { name: 'activities/million.fit', bytes: timedRecordsFit(1_000_000) });
    const archive = path.join(scratch, 'export.zip');
    fs.writeFileSync(archive, zipOf(members));
    let summary = { imported: 0, refused: 0 };
    const batch = await stallDuring(async () => {
      const job = startImportWorker({ databasePath, sources: [{ path: archive }, { name: 'empty.fit', bytes: emptyRecordsFit(64_000_000) }], timeZone: 'UTC' }, worker);
      await job.finished;
      summary = { imported: job.summary?.imported ?? 0, refused: job.summary?.refused ?? 0 };
    });
    db.close();
    console.log(`Batch with hostile members (a 200-run zip holding a 1,000,000-record FIT file, and a 64 MB FIT file of empty records): ${summary.imported} imported, ${summary.refused} refused in ${batch.seconds.toFixed(1)} s; main event loop's longest stall ${batch.stallMs.toFixed(1)} ms (target ≤ 50 ms)`);
    return { idle, json: { ...json, megabytes }, hostileJson, batch: { ...batch, ...summary } };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
