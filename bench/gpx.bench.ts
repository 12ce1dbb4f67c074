/**
 * GPX benchmark (part of npm run bench, bench/run.ts): Stance's WHOLE import (parse, derive, store in SQLite) against
 * parsing alone by @tmcw/togeojson over @xmldom/xmldom and by @we-gold/gpxjs (over xmldom-qsa,
 * its documented Node DOM), measured in this one run, printed as ratios. And a 100 MB file:
 * Stance's import in a child process (for its peak memory) against libxml2's own streaming
 * parser, `xmllint --stream --noout`, on the same file.
 *
 * The child runs as plain JavaScript bundled by esbuild (the bundler tsx itself runs on) before
 * it starts, so its time and memory are Stance's, not those of a TypeScript loader.
 * The xmldom parsers are given error handlers that drop warnings and recoverable errors (they
 * would print a line per oddity in the corpus); fatal errors still throw, as by default.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { gpx as togeojsonGpx } from '@tmcw/togeojson';
import { DOMParser as XmldomParser } from '@xmldom/xmldom';
import { parseGPXWithCustomParser } from '@we-gold/gpxjs';
import { DOMParser as QsaParser } from 'xmldom-qsa';
import { openStanceDatabase, type StanceDatabase } from '../src-main/db/open';
import { importGpxFile } from '../src-main/import/importer';
import { generateRunGpx, writeLargeGpxFile } from '../tests/formats/gpx/generate';

const root = path.resolve(__dirname, '..');
const corpusFolder = path.resolve(root, '../shared/gpx-corpus');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-bench-'));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Median milliseconds of `runs` calls after `warmup` unmeasured ones. */
async function time(fn: () => unknown, runs: number, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

function parseWithTogeojson(text: string): unknown {
  // Warnings and recoverable errors are dropped; a fatal error still stops the parse (xmldom throws after reporting it).
  const parser = new XmldomParser({ onError: () => undefined });
  return togeojsonGpx(parser.parseFromString(text, 'text/xml') as unknown as Document);
}

const quietQsa = {
  warning: () => undefined,
  error: () => undefined,
  fatalError: (message: string) => {
    throw new Error(message); // what xmldom-qsa's default does
  },
};

function parseWithGpxjs(text: string): unknown {
  const [parsed, error] = parseGPXWithCustomParser(
    text,
    (source: string) => new QsaParser({ errorHandler: quietQsa }).parseFromString(source, 'text/xml') as unknown as Document,
  );
  if (error) throw error;
  return parsed;
}

let databaseNumber = 0;
async function freshDatabase(): Promise<StanceDatabase> {
  databaseNumber++;
  return openStanceDatabase(path.join(scratch, `db-${databaseNumber}.sqlite`), { backupsFolder: path.join(scratch, 'backups') });
}

/** Stance's whole import of one file's bytes into a database; the run is deleted after, so the next import is not a duplicate. */
async function stanceImport(db: StanceDatabase, name: string, bytes: Buffer): Promise<number> {
  const outcome = await importGpxFile(db, { fileName: name, source: bytes, timeZone: 'UTC' }, new Date());
  if (outcome.status === 'imported') db.prepare('DELETE FROM runs WHERE id = ?').run(outcome.runId);
  return outcome.status === 'refused' ? 0 : outcome.points;
}

// ── The printed table ────────────────────────────────────────────────────────────────────────
const LABEL = 50;
const FIGURE = 11;
const RATIO = 26;
const TARGET = 16;
const targets: { what: string; met: boolean }[] = [];

function heading(text: string): void {
  console.log(`\n${text}`);
}

/** One line: label, figure, then optionally a ratio and a target with met/missed. */
function line(label: string, figure: string, ratio = '', target?: { text: string; met: boolean; what: string }): void {
  let out = `  ${label.padEnd(LABEL)}${figure.padStart(FIGURE)}  ${ratio.padEnd(RATIO)}`;
  if (target) {
    out += `${target.text.padEnd(TARGET)}${target.met ? 'met' : 'MISSED'}`;
    targets.push({ what: target.what, met: target.met });
  }
  console.log(out.trimEnd());
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;
const faster = (other: number, stance: number): string => `Stance ${(other / stance).toFixed(1)}× faster`;

/** Bundles the child (esbuild, as tsx uses) so that it runs as plain JavaScript. */
function bundleChild(): string {
  const outfile = path.join(root, 'node_modules/.cache/stance-bench/gpx-import-child.cjs');
  buildSync({
    entryPoints: [path.join(__dirname, 'gpx-import-child.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    external: ['better-sqlite3'], // native: loaded from node_modules as usual
    logLevel: 'warning',
  });
  return outfile;
}

interface ChildResult {
  seconds: number;
  peakRssMb: number;
  status: string;
  points: number;
}

function importInChild(script: string, file: string): ChildResult {
  const child = spawnSync(process.execPath, [script, file], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`child import failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as ChildResult;
}

/** What the GPX part measured (medians in ms; the large file in seconds and MB). */
export interface GpxBenchResult {
  long: { stanceMs: number; gpxjsMs: number; togeojsonMs: number };
  large: { megabytes: number; points: number; xmllintSeconds: number; stanceSeconds: number; peakRssMb: number };
}

/** The GPX part of `npm run bench` (bench/run.ts): prints its lines and returns its figures. */
export async function benchGpx(): Promise<GpxBenchResult> {
  console.log(`GPX benchmark — Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load ${os.loadavg()[0]!.toFixed(1)}`);
  console.log(`Stance's figures are its whole import (parse + derive + store in SQLite); gpxjs and togeojson only parse.`);

  // 1. The corpus: every file, all three tools (refused files cost Stance a refusal; the others may throw).
  const corpus = fs
    .readdirSync(corpusFolder)
    .filter((name) => name.endsWith('.gpx'))
    .map((name) => ({ name, bytes: fs.readFileSync(path.join(corpusFolder, name)) }));
  const texts = corpus.map(({ bytes }) => bytes.toString('utf8'));
  const corpusDb = await freshDatabase();
  const stanceCorpus = await time(async () => {
    for (const file of corpus) await stanceImport(corpusDb, file.name, file.bytes);
  }, 5);
  const togeojsonCorpus = await time(() => texts.forEach((text) => { try { parseWithTogeojson(text); } catch { /* malformed */ } }), 5);
  const gpxjsCorpus = await time(() => texts.forEach((text) => { try { parseWithGpxjs(text); } catch { /* malformed */ } }), 5);
  heading(`The corpus: ${corpus.length} files, ${(corpus.reduce((sum, f) => sum + f.bytes.length, 0) / 1e6).toFixed(1)} MB (median of 5; no target)`);
  line('Stance whole import', ms(stanceCorpus));
  line('gpxjs parse only', ms(gpxjsCorpus), faster(gpxjsCorpus, stanceCorpus));
  line('togeojson parse only', ms(togeojsonCorpus), faster(togeojsonCorpus, stanceCorpus));

  // 2. A five-hour 1 Hz run with heart rate: 18,000 points.
  const longRun = generateRunGpx({ seconds: 18_000, withHeartRate: true });
  const longBytes = Buffer.from(longRun);
  const longDb = await freshDatabase();
  const points = await stanceImport(longDb, 'five-hours.gpx', longBytes);
  if (points !== 18_000) throw new Error(`the five-hour run imported ${points} points, not 18,000`);
  const stanceLong = await time(() => stanceImport(longDb, 'five-hours.gpx', longBytes), 7);
  const gpxjsLong = await time(() => parseWithGpxjs(longRun), 5);
  const togeojsonLong = await time(() => parseWithTogeojson(longRun), 5);
  heading(`Five-hour 1 Hz run with heart rate: 18,000 points, ${(longBytes.length / 1e6).toFixed(1)} MB (median of 7 / 5)`);
  line('Stance whole import', ms(stanceLong));
  line('gpxjs parse only', ms(gpxjsLong), faster(gpxjsLong, stanceLong), {
    text: 'target ≥ 8×', met: gpxjsLong / stanceLong >= 8, what: '18,000 points: 8× faster than gpxjs',
  });
  line('togeojson parse only', ms(togeojsonLong), faster(togeojsonLong, stanceLong), {
    text: 'target ≥ 25×', met: togeojsonLong / stanceLong >= 25, what: '18,000 points: 25× faster than togeojson',
  });

  // 3. A 100 MB file: Stance in a child process (peak memory) against xmllint --stream, best of two each.
  const largeFile = path.join(scratch, 'large.gpx');
  const written = await writeLargeGpxFile(largeFile, 100 * 1024 * 1024);
  const childScript = bundleChild();
  const xmllintSeconds: number[] = [];
  const stanceRuns: ChildResult[] = [];
  for (let i = 0; i < 2; i++) {
    const started = performance.now();
    execFileSync('xmllint', ['--stream', '--noout', largeFile]);
    xmllintSeconds.push((performance.now() - started) / 1000);
    const run = importInChild(childScript, largeFile);
    if (run.status !== 'imported' || run.points !== written.points) {
      throw new Error(`the large file was ${run.status} with ${run.points} points, not imported with ${written.points}`);
    }
    stanceRuns.push(run);
  }
  const xmllint = Math.min(...xmllintSeconds);
  const stanceSeconds = Math.min(...stanceRuns.map((run) => run.seconds));
  const peakRssMb = Math.max(...stanceRuns.map((run) => run.peakRssMb));
  heading(`A ${(written.bytes / 1e6).toFixed(0)} MB file, ${written.points.toLocaleString('en')} points (best of 2; peak memory: the larger)`);
  line('xmllint --stream --noout (libxml2)', `${xmllint.toFixed(2)} s`);
  line('Stance whole import (child process, bundled JS)', `${stanceSeconds.toFixed(2)} s`, `${(stanceSeconds / xmllint).toFixed(1)}× xmllint's time`, {
    text: 'target ≤ 2.5×', met: stanceSeconds / xmllint <= 2.5, what: '100 MB: within 2.5× xmllint --stream',
  });
  line('Stance peak memory (child VmHWM)', `${peakRssMb.toFixed(0)} MB`, '', {
    text: 'target < 250 MB', met: peakRssMb < 250, what: '100 MB: peak memory under 250 MB',
  });

  fs.rmSync(scratch, { recursive: true, force: true });
  return {
    long: { stanceMs: stanceLong, gpxjsMs: gpxjsLong, togeojsonMs: togeojsonLong },
    large: { megabytes: written.bytes / 1e6, points: written.points, xmllintSeconds: xmllint, stanceSeconds, peakRssMb },
  };
}
