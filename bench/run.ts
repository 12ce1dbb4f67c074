/**
 * `npm run bench`: every measurement of issue 22's table in one run, each part printing its own
 * lines as it goes, then the table — before (the figures the issue was filed with, on a quiet
 * machine at load about 1), now (this run), the target, met or not — with the load average at
 * the start and the end (the ratios against the reference tools, measured in this same run,
 * matter more than absolute times on a busy machine).
 *
 *   npm run bench                       every part
 *   npm run bench -- cli gpx fit archive insights    only those parts
 *
 * Parts: cli (bench/cli.bench.ts), gpx (bench/gpx.bench.ts), fit (one FIT run against
 * fit-file-parser) and archive (the 1,000-activity archive; both bench/archive.bench.ts), insights (bench/insights.bench.ts, with a
 * load generator for the load-4 line, bench/load.ts), hostile (issue 18: the main event loop's
 * longest stall during a JSON import and a batch with hostile members, bench/hostile.bench.ts).
 * health (issue 19: a ten-year Apple Health export, bench/apple-health.bench.ts, generated once
 * into the temp folder, over 500 MB of export.xml). beforepain (issue 21: "what came before the pain"
across ten years of painful runs with 1 Hz tracks, bench/before-pain.bench.ts). Tests never assert timings; this does.
 */
import os from 'node:os';
import { benchArchive, benchFit, type ArchiveBenchResult, type FitBenchResult } from './archive.bench';
import { benchCliStart, type CliBenchResult } from './cli.bench';
import { benchGpx, type GpxBenchResult } from './gpx.bench';
import { benchHealth, type HealthBenchResult } from './apple-health.bench';
import { benchInsights, type InsightsBenchResult } from './insights.bench';
import { benchHostile, type HostileBenchResult } from './hostile.bench';
import { benchBeforePain, type BeforePainBenchResult } from './before-pain.bench';

const PARTS = ['cli', 'gpx', 'fit', 'archive', 'insights', 'hostile', 'health', 'beforepain'] as const;
type Part = (typeof PARTS)[number];

interface Row {
  measurement: string;
  before: string;
  now: string;
  target: string;
  met: boolean | null;
}

const load = () => os.loadavg().map((value) => value.toFixed(1)).join(' / ');

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((arg): arg is Part => (PARTS as readonly string[]).includes(arg));
  const unknown = process.argv.slice(2).filter((arg) => !(PARTS as readonly string[]).includes(arg));
  if (unknown.length > 0) throw new Error(`Unknown bench part(s): ${unknown.join(', ')}. Parts: ${PARTS.join(', ')}.`);
  const parts = new Set<Part>(asked.length > 0 ? asked : PARTS);
  const loadAtStart = load();
  console.log(`Stance benchmark — Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average (1 / 5 / 15 min) ${loadAtStart}\n`);

  let cli: CliBenchResult | undefined;
  let gpx: GpxBenchResult | undefined;
  let fit: FitBenchResult | undefined;
  let archive: ArchiveBenchResult | undefined;
  let insights: InsightsBenchResult | undefined;
  if (parts.has('cli')) {
    cli = await benchCliStart();
    console.log('');
  }
  if (parts.has('gpx')) {
    gpx = await benchGpx();
    console.log('');
  }
  if (parts.has('fit')) {
    fit = await benchFit();
    console.log('');
  }
  if (parts.has('archive')) {
    archive = await benchArchive();
    console.log('');
  }
  if (parts.has('insights')) insights = await benchInsights({ loadProcesses: 4 });
  let hostile: HostileBenchResult | undefined;
  if (parts.has('hostile')) {
    console.log('');
    hostile = await benchHostile();
  }
  let health: HealthBenchResult | undefined;
  if (parts.has('health')) {
    console.log('');
    health = benchHealth();
  }

  let beforePainAcross: BeforePainBenchResult | undefined;
  if (parts.has('beforepain')) {
    console.log('');
    beforePainAcross = await benchBeforePain({ loadProcesses: 4 });
  }

  const rows: Row[] = [];
  const times = (value: number) => `${value.toFixed(1)}×`;
  if (gpx) {
    const { stanceMs, gpxjsMs, togeojsonMs } = gpx.long;
    rows.push({ measurement: '18,000-point GPX, whole import against gpxjs’s parse', before: '8.3× faster', now: `${times(gpxjsMs / stanceMs)} faster (${stanceMs.toFixed(1)} ms against ${gpxjsMs.toFixed(1)} ms)`, target: '≥ 8×', met: gpxjsMs / stanceMs >= 8 });
    rows.push({ measurement: '  … against togeojson’s', before: '26.8× faster', now: `${times(togeojsonMs / stanceMs)} faster (against ${togeojsonMs.toFixed(1)} ms)`, target: '≥ 25×', met: togeojsonMs / stanceMs >= 25 });
    const { megabytes, xmllintSeconds, stanceSeconds, peakRssMb } = gpx.large;
    rows.push({ measurement: `${megabytes.toFixed(0)} MB GPX against xmllint --stream`, before: '5.4× its time (2.75 s against 0.51 s)', now: `${(stanceSeconds / xmllintSeconds).toFixed(2)}× its time (${stanceSeconds.toFixed(2)} s against ${xmllintSeconds.toFixed(2)} s)`, target: '≤ 2.5×', met: stanceSeconds / xmllintSeconds <= 2.5 });
    rows.push({ measurement: '  … peak memory', before: '219 MB', now: `${peakRssMb.toFixed(0)} MB`, target: '< 250 MB', met: peakRssMb < 250 });
  }
  if (fit) {
    rows.push({ measurement: `one FIT run (${fit.points.toLocaleString('en')} points): whole import against fit-file-parser’s parse alone`, before: '2.97× (11.5 ms against 3.9 ms)', now: `${(fit.wholeMs / fit.parseMs).toFixed(2)}× (${fit.wholeMs.toFixed(1)} ms against ${fit.parseMs.toFixed(1)} ms)`, target: '≤ 2×', met: fit.wholeMs / fit.parseMs <= 2 });
  }
  if (archive) {
    rows.push({ measurement: `${archive.activities.toLocaleString('en')}-activity archive (FIT, GPX, TCX, gzipped)`, before: '47.8 activities/s', now: `${archive.perSecond.toFixed(1)} activities/s (${archive.seconds.toFixed(1)} s)`, target: `≥ 100/s on ${os.cpus().length} cores`, met: archive.perSecond >= 100 });
    rows.push({ measurement: '  … peak memory (main + workers)', before: '377 MB', now: `${archive.peakRssMb.toFixed(0)} MB`, target: '< 400 MB', met: archive.peakRssMb < 400 });
    rows.push({ measurement: '  … main event loop’s longest stall', before: '21.9 ms', now: `${archive.stallMs.toFixed(1)} ms`, target: '≤ 50 ms', met: archive.stallMs <= 50 });
  }
  if (insights) {
    const { allYearsFirstOpen: first, underLoad, pageDrawn } = insights;
    rows.push({ measurement: 'Insights numbers, all ten years (3,650 runs), first open', before: '54.3 ms (58 ms CPU)', now: `${first.median.toFixed(1)} ms (${first.cpu.median.toFixed(1)} ms CPU)`, target: '< 50 ms', met: first.median < 50 });
    rows.push({ measurement: `  … with ${underLoad.processes} busy processes beside it (load ${underLoad.loadAverage.toFixed(1)})`, before: '—', now: `${underLoad.median.toFixed(1)} ms (${underLoad.cpu.median.toFixed(1)} ms CPU)`, target: '< 50 ms', met: underLoad.median < 50 });
    rows.push({ measurement: 'Insights page drawn', before: '706 ms', now: `${pageDrawn.median.toFixed(0)} ms`, target: '< 1 s', met: pageDrawn.median < 1000 });
  }
  if (hostile) {
    // Issue 18's lines: the main process never waits on a file (beside the machine's own noise, measured the same way).
    rows.push({ measurement: 'main event loop’s longest stall over 5 s with no import (the machine’s own noise)', before: '—', now: `${hostile.idle.stallMs.toFixed(1)} ms`, target: '—', met: null });
    rows.push({ measurement: `main event loop’s longest stall during a JSON import (${hostile.json.megabytes.toFixed(0)} MB export, in the worker)`, before: '45 s (200,000 nested [ through the window)', now: `${hostile.json.stallMs.toFixed(1)} ms`, target: '≤ 50 ms', met: hostile.json.stallMs <= 50 });
    rows.push({ measurement: '  … during a hostile JSON import (5 million nested [)', before: 'over 120 s', now: `${hostile.hostileJson.stallMs.toFixed(1)} ms (refused in ${hostile.hostileJson.seconds.toFixed(1)} s)`, target: '≤ 50 ms', met: hostile.hostileJson.stallMs <= 50 });
    rows.push({ measurement: '  … during a batch with hostile members (1,000,000-record FIT in a zip, 64 MB FIT of empty records)', before: '15.3 s (20 MB FIT through the window)', now: `${hostile.batch.stallMs.toFixed(1)} ms (${hostile.batch.seconds.toFixed(1)} s)`, target: '≤ 50 ms', met: hostile.batch.stallMs <= 50 });
  }
  if (health) {
    // Issue 19: a ten-year Apple Health export, export.xml read as a stream.
    rows.push({ measurement: `Apple Health export.zip, ${health.exportXmlMb.toFixed(0)} MB export.xml, ${health.workouts.toLocaleString('en')} workouts (${health.imported.toLocaleString('en')} runs imported)`, before: '—', now: `${health.seconds.toFixed(1)} s`, target: '—', met: null });
    rows.push({ measurement: '  … peak memory', before: '—', now: `${health.peakRssMb.toFixed(0)} MB`, target: '< export.xml’s size', met: health.peakRssMb < health.exportXmlMb });
  }
  if (beforePainAcross) {
    // Issue 21: the Insights' "what came before the pain", on Electron's main process.
    const { reference, referenceUnderLoad, firstOpen, repeatOpen, afterOneEdit, sliced, underLoad, tracks, points } = beforePainAcross;
    const was = `${reference.median.toFixed(0)} ms (${reference.cpu.median.toFixed(0)} ms CPU), every open — this run`;
    rows.push({ measurement: `what came before the pain, ${tracks.toLocaleString('en')} painful runs with tracks (${(points / 1e6).toFixed(1)} M points), first open`, before: was, now: `${firstOpen.median.toFixed(0)} ms (${firstOpen.cpu.median.toFixed(0)} ms CPU)`, target: '—', met: null });
    rows.push({ measurement: '  … repeat open', before: was, now: `${repeatOpen.median.toFixed(1)} ms (${repeatOpen.cpu.median.toFixed(1)} ms CPU)`, target: '≤ 50 ms', met: repeatOpen.median <= 50 });
    rows.push({ measurement: '  … after one pain record changed', before: was, now: `${afterOneEdit.median.toFixed(1)} ms (${afterOneEdit.cpu.median.toFixed(1)} ms CPU)`, target: '≤ 50 ms', met: afterOneEdit.median <= 50 });
    rows.push({ measurement: '  … first open as the main process serves it (in slices): longest stall of the event loop', before: `the whole call, every open (${reference.median.toFixed(0)} ms)`, now: `${sliced.stall.median.toFixed(1)} ms (first open ${sliced.median.toFixed(0)} ms, ${sliced.cpu.median.toFixed(0)} ms CPU)`, target: '≤ 50 ms', met: sliced.stall.median <= 50 });
    rows.push({ measurement: `  … the same, ${underLoad.processes} busy processes beside it (load ${underLoad.loadAverage.toFixed(1)})`, before: `the whole call (${referenceUnderLoad.median.toFixed(0)} ms) — this run`, now: `${underLoad.stall.median.toFixed(1)} ms (first open ${underLoad.median.toFixed(0)} ms, ${underLoad.cpu.median.toFixed(0)} ms CPU)`, target: '≤ 50 ms', met: underLoad.stall.median <= 50 });
  }
  if (cli) {
    rows.push({ measurement: 'command line: one 66 KB GPX, spawn to first line', before: '5.5 s through tsx at load 5', now: `${cli.builtMs.toFixed(0)} ms (bare node ${cli.bareNodeMs.toFixed(0)} ms; tsx ${cli.tsxMs.toFixed(0)} ms)`, target: '< 0.5 s', met: cli.builtMs < 500 });
  }

  console.log(`\nIssue 22's table — load average at the start ${loadAtStart}, at the end ${load()} (1 / 5 / 15 min), ${os.cpus().length} cores. "before": the figures the issue was filed with (quiet machine, load about 1).`);
  console.log('| measurement | before | now | target | |');
  console.log('|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.measurement} | ${row.before} | ${row.now} | ${row.target} | ${row.met === null ? '' : row.met ? 'met' : 'MISSED'} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
