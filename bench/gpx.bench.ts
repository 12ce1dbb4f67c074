/**
 * GPX benchmark (npm run bench): Stance's WHOLE import (parse, derive, store in SQLite) against
 * parsing alone by @tmcw/togeojson over @xmldom/xmldom and by @we-gold/gpxjs (over xmldom-qsa,
 * its documented Node DOM), measured in this one run, printed as ratios. And a 100 MB file:
 * Stance's import (in a child process, for its peak memory) against libxml2's own streaming
 * parser, `xmllint --stream --noout`, on the same file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gpx as togeojsonGpx } from '@tmcw/togeojson';
import { DOMParser as XmldomParser } from '@xmldom/xmldom';
import { parseGPXWithCustomParser } from '@we-gold/gpxjs';
import { DOMParser as QsaParser } from 'xmldom-qsa';
import { openStanceDatabase, type StanceDatabase } from '../src-main/db/open';
import { importGpxFile } from '../src-main/gpx/importer';
import { generateRunGpx, writeLargeGpxFile } from '../tests/gpx/generate';

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
  return togeojsonGpx(new XmldomParser().parseFromString(text, 'text/xml') as unknown as Document);
}

function parseWithGpxjs(text: string): unknown {
  const [parsed, error] = parseGPXWithCustomParser(text, (source: string) => new QsaParser().parseFromString(source, 'text/xml') as unknown as Document);
  if (error) throw error;
  return parsed;
}

let databaseNumber = 0;
async function freshDatabase(): Promise<StanceDatabase> {
  databaseNumber++;
  return openStanceDatabase(path.join(scratch, `db-${databaseNumber}.sqlite`), { backupsFolder: path.join(scratch, 'backups') });
}

/** Stance's whole import of one file's bytes into a database; the run is deleted after, so the next import is not a duplicate. */
async function stanceImport(db: StanceDatabase, name: string, bytes: Buffer): Promise<void> {
  const outcome = await importGpxFile(db, { fileName: name, source: bytes, timeZone: 'UTC' }, new Date());
  if (outcome.status === 'imported') db.prepare('DELETE FROM runs WHERE id = ?').run(outcome.runId);
}

function row(label: string, ms: number, reference?: number): string {
  const ratio = reference === undefined ? '' : `${(reference / ms).toFixed(1)}×`;
  return `  ${label.padEnd(46)} ${ms.toFixed(1).padStart(9)} ms ${ratio.padStart(8)}`;
}

async function main() {
  console.log(`GPX benchmark — Node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'})\n`);

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
  console.log(`The corpus: ${corpus.length} files, ${(corpus.reduce((sum, f) => sum + f.bytes.length, 0) / 1e6).toFixed(1)} MB (median of 5)`);
  console.log(row('Stance whole import (parse+derive+store)', stanceCorpus));
  console.log(row('gpxjs parse only (Stance is … faster)', gpxjsCorpus, gpxjsCorpus) + `  Stance ${(gpxjsCorpus / stanceCorpus).toFixed(1)}× faster`);
  console.log(row('togeojson parse only', togeojsonCorpus, togeojsonCorpus) + `  Stance ${(togeojsonCorpus / stanceCorpus).toFixed(1)}× faster`);

  // 2. A five-hour 1 Hz run with heart rate: 18,000 points.
  const longRun = generateRunGpx({ seconds: 18_000, withHeartRate: true });
  const longBytes = Buffer.from(longRun);
  const longDb = await freshDatabase();
  const stanceLong = await time(() => stanceImport(longDb, 'five-hours.gpx', longBytes), 7);
  const gpxjsLong = await time(() => parseWithGpxjs(longRun), 5);
  const togeojsonLong = await time(() => parseWithTogeojson(longRun), 5);
  console.log(`\nFive-hour 1 Hz run with heart rate: 18,000 points, ${(longBytes.length / 1e6).toFixed(1)} MB (median)`);
  console.log(row('Stance whole import (parse+derive+store)', stanceLong));
  console.log(row('gpxjs parse only', gpxjsLong) + `  Stance ${(gpxjsLong / stanceLong).toFixed(1)}× faster (target ≥ 5×)`);
  console.log(row('togeojson parse only', togeojsonLong) + `  Stance ${(togeojsonLong / stanceLong).toFixed(1)}× faster (target ≥ 20×)`);

  // 3. A 100 MB file: Stance in a child process (peak memory) against xmllint --stream.
  const largeFile = path.join(scratch, 'large.gpx');
  const written = await writeLargeGpxFile(largeFile, 100 * 1024 * 1024);
  console.log(`\nA ${(written.bytes / 1e6).toFixed(0)} MB file, ${written.points.toLocaleString('en')} points`);
  const xmllintSeconds: number[] = [];
  for (let i = 0; i < 2; i++) {
    const started = performance.now();
    execFileSync('xmllint', ['--stream', '--noout', largeFile]);
    xmllintSeconds.push((performance.now() - started) / 1000);
  }
  const tsx = path.join(root, 'node_modules/.bin/tsx');
  const child = spawnSync(tsx, [path.join(__dirname, 'gpx-import-child.ts'), largeFile], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`child import failed: ${child.stderr}`);
  const large = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { seconds: number; peakRssMb: number; status: string; points: number };
  const xmllint = Math.min(...xmllintSeconds);
  console.log(`  xmllint --stream --noout                        ${xmllint.toFixed(2)} s`);
  console.log(
    `  Stance whole import (child process)             ${large.seconds.toFixed(2)} s = ${(large.seconds / xmllint).toFixed(1)}× xmllint (target ≤ 2.5×), ` +
      `peak RSS ${large.peakRssMb.toFixed(0)} MB (target < 250 MB), ${large.status}, ${large.points.toLocaleString('en')} points`,
  );
  fs.rmSync(scratch, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
