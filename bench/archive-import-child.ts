/**
 * The archive import in a process of its own (bench/archive.bench.ts), so that its peak memory is
 * the import's alone — this thread playing Electron's main process, the import worker and its
 * reader threads, all threads of this one process — and not the benchmark's own heap (which
 * built the archive and, in a whole `npm run bench`, read a 105 MB GPX before).
 *
 *   node archive-import-child.cjs <json: { archive, databasePath, backupsFolder, worker, reader }>
 *
 * This thread starts the import worker (import/jobs.ts) as the app's main process does, polls the
 * job every 250 ms as the window does, answers a read on its own connection meanwhile, and measures
 * its own event loop's longest stall (perf_hooks.monitorEventLoopDelay, 10 ms resolution, and a
 * 1 ms timer's longest gap). Prints one JSON line (`ArchiveChildResult`).
 *
 * Peak memory is the process's peak resident set (getrusage's ru_maxrss, `process.resourceUsage().maxRSS`,
 * which on Linux is /proc's VmHWM): every thread's heap and every buffer, at its highest, not sampled.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openStanceDatabase } from '../src-main/db/open';
import { startImportWorker } from '../src-main/import/jobs';
import { readerCount } from '../src-main/import/reader-pool';

/** What the child measured (one JSON line on stdout). */
export interface ArchiveChildResult {
  seconds: number;
  /** CPU seconds of the whole process (every thread: main, worker, readers), user + system. */
  cpuSeconds: number;
  peakRssMb: number;
  /** The largest RSS seen by the 250 ms poll (for comparison with the true peak). */
  polledPeakRssMb: number;
  stallMs: number;
  timerGapMs: number;
  readers: number;
  imported: number;
  duplicate: number;
  refused: number;
  runs: number;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2]!) as { archive: string; databasePath: string; backupsFolder: string; worker: string; reader: string };
  const db = await openStanceDatabase(args.databasePath, { backupsFolder: args.backupsFolder });
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let longestTimerGap = 0;
  let lastTick = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    longestTimerGap = Math.max(longestTimerGap, now - lastTick - 1);
    lastTick = now;
  }, 1);
  let polledPeak = process.memoryUsage().rss;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  histogram.enable();
  const job = startImportWorker(
    { databasePath: args.databasePath, backupsFolder: args.backupsFolder, sources: [{ path: args.archive }], timeZone: 'Europe/Paris', readers: { script: args.reader } },
    { script: args.worker },
  );
  const poller = setInterval(() => {
    polledPeak = Math.max(polledPeak, process.memoryUsage().rss);
    // What the window's poll costs main: a copy of progress and the outcomes since the last poll.
    void JSON.stringify({ progress: job.progress, outcomes: job.outcomes.slice(-50) });
    // Main keeps answering reads from its own connection meanwhile.
    db.prepare('SELECT count(*) FROM runs').get();
  }, 250);
  await job.finished;
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  histogram.disable();
  clearInterval(poller);
  clearInterval(ticker);
  polledPeak = Math.max(polledPeak, process.memoryUsage().rss);
  if (job.failure !== null || job.summary === null) throw new Error(`The import failed: ${job.failure}`);
  const runs = (db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;
  db.close();
  const result: ArchiveChildResult = {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    polledPeakRssMb: polledPeak / 1024 / 1024,
    stallMs: histogram.max / 1e6,
    timerGapMs: longestTimerGap,
    readers: readerCount(),
    imported: job.summary.imported,
    duplicate: job.summary.duplicate,
    refused: job.summary.refused,
    runs,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
