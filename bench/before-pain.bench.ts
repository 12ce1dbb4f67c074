/**
 * Part of `npm run bench` (bench/run.ts): "what came before the pain" across runs
 * (`runs:beforePainAcross`, db/services/before-pain.ts `readBeforePainAcrossRuns`) on ten years
 * of history WITH tracks: every painful run of tests/support/history.ts's TEN_YEARS given a 1 Hz
 * track for its whole duration (tests/support/history-tracks.ts), as an import stores it. The
 * Insights page asks for it on every open and after every save that touches runs or pain, on
 * Electron's main process: while it runs, no window request is answered.
 *
 * Timed: a first open (nothing remembered: `forgetBeforePain` before each) in one synchronous
 * call, a repeat open, and a repeat open after one run's pain record changed (one run
 * recomputed); wall and CPU time. Then the first open as the main process serves it
 * (`readBeforePainAcrossRunsInSlices`): its wall and CPU time and the main event loop's longest
 * stall meanwhile (perf_hooks.monitorEventLoopDelay, 1 ms resolution), quiet and with busy
 * processes beside it (bench/load.ts), where the way before is timed again for comparison (its
 * whole call is one stall). Run with tsx.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openStanceDatabase } from '../src-main/db/open';
import { forgetBeforePain, readBeforePainAcrossRuns, readBeforePainAcrossRunsInSlices } from '../src-main/db/services/before-pain';
import { TEN_YEARS, writeGeneratedHistory } from '../tests/support/history';
import { writeHistoryTracks } from '../tests/support/history-tracks';
import { beforePain } from '../src-main/track/before-pain';
import { decodeStreams } from '../src-main/track/streams-codec';
import type { BeforePainRun } from '../src-main/shared/before-pain';
import { startLoad } from './load';

/** The reference, measured in the same run: the way before issue 21 (every painful run's whole streams decoded and described, every call). */
function decodeEverything(db: Parameters<typeof readBeforePainAcrossRuns>[0]): BeforePainRun[] {
  const rows = db
    .prepare(
      `SELECT runs.id AS runId, runs.local_date AS localDate, runs.distance_m AS distanceMetres, MIN(run_pain.onset_m) AS onset, run_tracks.streams AS streams
       FROM runs JOIN run_pain ON run_pain.run_id = runs.id JOIN run_tracks ON run_tracks.run_id = runs.id
       GROUP BY runs.id ORDER BY runs.local_date, runs.local_time, runs.id`,
    )
    .all() as { runId: number; localDate: string; distanceMetres: number; onset: number; streams: Buffer }[];
  return rows.map((row) => ({ runId: row.runId, localDate: row.localDate, distanceMetres: row.distanceMetres, found: beforePain(row.runId, decodeStreams(row.streams), row.onset) }));
}

interface Timing {
  median: number;
  min: number;
  max: number;
}

function stats(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** What the part measured, in ms. */
export interface BeforePainBenchResult {
  runs: number;
  tracks: number;
  points: number;
  /** The way before (`decodeEverything`), every open, in this same run. */
  reference: Timing & { cpu: Timing };
  firstOpen: Timing & { cpu: Timing };
  repeatOpen: Timing & { cpu: Timing };
  afterOneEdit: Timing & { cpu: Timing };
  /** The first open in slices (the IPC handler's way), with the event loop's longest stall (ms). */
  sliced: Timing & { cpu: Timing; stall: Timing };
  underLoad: Timing & { cpu: Timing; stall: Timing; processes: number; loadAverage: number };
  /** The way before under the same load: each call holds the main process throughout (its wall time is its stall). */
  referenceUnderLoad: Timing & { cpu: Timing };
}

/** One first open the main process's way, in slices: wall, CPU and the longest stall of the event loop meanwhile (ms). */
async function slicedOpen(db: Parameters<typeof readBeforePainAcrossRuns>[0]): Promise<{ wall: number; cpu: number; stall: number }> {
  forgetBeforePain(db);
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  const start = performance.now();
  const cpu = process.cpuUsage();
  await readBeforePainAcrossRunsInSlices(db);
  const used = process.cpuUsage(cpu);
  const wall = performance.now() - start;
  histogram.disable();
  return { wall, cpu: (used.user + used.system) / 1000, stall: histogram.max / 1e6 };
}

async function slicedSeries(db: Parameters<typeof readBeforePainAcrossRuns>[0], samples: number): Promise<Timing & { cpu: Timing; stall: Timing }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  const stall: number[] = [];
  for (let run = 0; run < samples; run++) {
    const one = await slicedOpen(db);
    wall.push(one.wall);
    cpu.push(one.cpu);
    stall.push(one.stall);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { ...stats(wall), cpu: stats(cpu), stall: stats(stall) };
}

function timed(what: () => void): { wall: number; cpu: number } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  what();
  const used = process.cpuUsage(cpu);
  return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
}

/** The "before the pain" part of `npm run bench`: prints its lines and returns its figures. */
export async function benchBeforePain(options: { loadProcesses: number; samples?: number }): Promise<BeforePainBenchResult> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-bench-bp-'));
  const samples = options.samples ?? 7;
  try {
    const db = await openStanceDatabase(path.join(folder, 'stance.sqlite'), { backupsFolder: path.join(folder, 'backups') });
    writeGeneratedHistory(db, TEN_YEARS, { totalStrengthSessions: 1500 });
    const tracks = writeHistoryTracks(db, { runs: 'painful', seed: 10 });
    const runs = (db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;
    const points = (db.prepare('SELECT sum(point_count) AS n FROM run_tracks').get() as { n: number }).n;
    console.log(`Before the pain: ${runs} runs, ${tracks} painful runs with a track, ${(points / 1e6).toFixed(1)} million points.`);

    const series = (prepare: () => void, read: () => unknown = () => readBeforePainAcrossRuns(db)) => {
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let run = 0; run < samples; run++) {
        prepare();
        const one = timed(read);
        wall.push(one.wall);
        cpu.push(one.cpu);
      }
      return { ...stats(wall), cpu: stats(cpu) };
    };
    decodeEverything(db); // warm-up
    const reference = series(() => undefined, () => decodeEverything(db));
    readBeforePainAcrossRuns(db);
    const firstOpen = series(() => forgetBeforePain(db));
    readBeforePainAcrossRuns(db);
    const repeatOpen = series(() => undefined);
    const painful = db.prepare('SELECT id, onset_m FROM run_pain ORDER BY id DESC LIMIT 1').get() as { id: number; onset_m: number };
    let nudge = 0;
    const afterOneEdit = series(() => {
      nudge = nudge === 0 ? 1 : 0;
      db.prepare('UPDATE run_pain SET onset_m = ? WHERE id = ?').run(painful.onset_m + nudge, painful.id);
    });

    const sliced = await slicedSeries(db, samples);
    const load = await startLoad(options.loadProcesses);
    let underLoad: BeforePainBenchResult['underLoad'];
    let referenceUnderLoad: BeforePainBenchResult['referenceUnderLoad'];
    try {
      underLoad = { ...(await slicedSeries(db, samples)), processes: options.loadProcesses, loadAverage: os.loadavg()[0]! };
      // The way before under the same load: the main process held for the whole call.
      referenceUnderLoad = series(() => undefined, () => decodeEverything(db));
    } finally {
      load.stop();
    }
    db.close();

    const line = (what: string, timing: Timing & { cpu: Timing }) =>
      console.log(`  ${what}: ${timing.median.toFixed(1)} ms (${timing.min.toFixed(1)}–${timing.max.toFixed(1)}), CPU ${timing.cpu.median.toFixed(1)} ms`);
    line('the way before (every track decoded whole, every open), this run', reference);
    line('first open in one call (nothing remembered)', firstOpen);
    line('repeat open', repeatOpen);
    line('repeat open after one pain record changed', afterOneEdit);
    const slicedLine = (what: string, timing: Timing & { cpu: Timing; stall: Timing }) =>
      console.log(`  ${what}: ${timing.median.toFixed(1)} ms (${timing.min.toFixed(1)}–${timing.max.toFixed(1)}), CPU ${timing.cpu.median.toFixed(1)} ms, longest stall of the event loop ${timing.stall.median.toFixed(1)} ms (worst ${timing.stall.max.toFixed(1)})`);
    slicedLine('first open in slices (the IPC handler)', sliced);
    line(`the way before, ${options.loadProcesses} busy processes beside it (the whole call is one stall)`, referenceUnderLoad);
    slicedLine(`the same, ${options.loadProcesses} busy processes beside it (load ${underLoad.loadAverage.toFixed(1)})`, underLoad);
    return { runs, tracks, points, reference, firstOpen, repeatOpen, afterOneEdit, sliced, underLoad, referenceUnderLoad };
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
