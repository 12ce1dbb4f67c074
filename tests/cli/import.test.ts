import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli';
import { tempFolder } from '../support/temp-db';
import { zipOf } from '../support/zip-writer';
import { fitActivity, straightRun } from '../formats/fit/generate-fit';

const root = path.resolve(__dirname, '../..');
const corpus = path.resolve(root, '../shared/gpx-corpus');
/** The built command line (`npm run build` → scripts/build-cli.mjs), as package.json's `bin` names it. */
const builtCli = path.join(root, 'out/cli/stance.mjs');
const cleanups: (() => void)[] = [];
beforeAll(() => {
  if (!fs.existsSync(builtCli)) throw new Error(`The built command line is missing (${builtCli}). Run \`npm run build\` first (npm test does).`);
});
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

async function cli(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out, err };
}

function folder(): string {
  const made = tempFolder();
  cleanups.push(made.cleanup);
  return made.folder;
}

function rows(db: string, table: string): number {
  const database = new Database(db, { readonly: true });
  try {
    return (database.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    database.close();
  }
}

describe('stance import', () => {
  it('imports a folder, one JSON object per recording, and exits 1 because some were refused', async () => {
    const db = path.join(folder(), 'stance.sqlite');
    const result = await cli(['import', corpus, '--db', db, '--json', '--time-zone', 'Europe/London']);
    expect(result.code).toBe(1);
    const all = result.out.map((line) => JSON.parse(line) as Record<string, unknown>);
    // The last line sums it up; every other line is one recording.
    expect(all[all.length - 1]).toMatchObject({ summary: { imported: 19, skipped: 2, whatItHeld: null } });
    const lines = all.slice(0, -1);
    // 40 files; four hold several recordings (blue_hills 3, multitrack 3, osm 3, caltopo 2) and korita two: 48 recordings.
    expect(lines).toHaveLength(48);
    const byFile = new Map(lines.map((line) => [path.basename(String(line.file)), line]));
    expect(byFile.get('georust__garmin-activity.gpx')).toMatchObject({
      status: 'imported', points: 988, reason: null, track: { index: 1, name: 'casual stroll' }, recording: null, format: 'gpx', warnings: [],
    });
    expect(Number(byFile.get('georust__garmin-activity.gpx')!.distanceMetres)).toBeCloseTo(12_821, -1);
    expect(byFile.get('placemark__wpt.gpx')).toEqual({
      file: path.join(corpus, 'placemark__wpt.gpx'),
      entry: null,
      recording: null,
      track: null,
      sport: null,
      format: null,
      device: null,
      warnings: [],
      status: 'refused',
      runId: null,
      distanceMetres: null,
      points: null,
      reason: 'This file holds only waypoints (saved places), not a recorded run — nothing was imported.',
    });
    // Each recording of a multi-recording file is its own line with its own outcome.
    const multitrack = lines.filter((line) => String(line.file).endsWith('mapbox__multitrackgpx.gpx'));
    expect(multitrack.map((line) => [line.track, line.recording, line.status])).toEqual([
      [{ index: 1, name: 'Tag 1' }, 1, 'imported'],
      [{ index: 2, name: 'Tag 2' }, 2, 'imported'],
      [{ index: 3, name: 'Tag 3' }, 3, 'imported'],
    ]);
    const korita = lines.filter((line) => String(line.file).endsWith('korita-zbevnica.gpx'));
    expect(korita.map((line) => line.status)).toEqual(['refused', 'imported']);
    expect(String(korita[0]!.reason)).toMatch(/^Track “03-OCT-10 #2” \(8\.6 km\) has no times.*\(stance import FILE --date YYYY-MM-DD --start HH:MM --duration H:MM:SS\)$/);
    expect(korita[1]!.warnings).toEqual(["The file's 2 tracks were joined into one run; the gaps between them count as pauses, not distance."]);
    // GPX files that say what they were: gpx.studio's ride (<type>Cycling</type>, no times) and OpenTracks' mountain-bike ride are skipped, named.
    expect(byFile.get('gpxstudio__with_power_2.gpx')).toMatchObject({ status: 'skipped', sport: 'Cycling', reason: 'Its file marks this track as Cycling (its GPX type), not a run, so it was skipped.' });
    expect(byFile.get('opentracksapp__legacy_gpx_trackpointextensions_incorrect.gpx')).toMatchObject({ status: 'skipped', sport: 'mountain biking' });
    const imported = lines.filter((line) => line.status === 'imported').length;
    expect(imported).toBe(19);
    expect(rows(db, 'runs')).toBe(imported);
    expect(rows(db, 'run_tracks')).toBe(imported);

    // Again: every imported run is recognised and skipped.
    const again = await cli(['import', corpus, '--db', db, '--json']);
    const statuses = again.out.slice(0, -1).map((line) => (JSON.parse(line) as { status: string }).status);
    expect(statuses.filter((status) => status === 'duplicate')).toHaveLength(imported);
    expect(statuses).not.toContain('imported');
    expect(rows(db, 'runs')).toBe(imported);
  });

  it('exits 0 when nothing was refused, and says what it did in words without --json', async () => {
    const db = path.join(folder(), 'stance.sqlite');
    const result = await cli(['import', path.join(corpus, 'mapbox__run.gpx'), path.join(corpus, 'placemark__strava.gpx'), '--db', db]);
    expect(result.code).toBe(0);
    expect(result.out[0]).toMatch(/^imported {3}.*mapbox__run\.gpx: 3\.10 km, 205 points \(run 1\)\n {11}warning: 1 point with a repeated or backwards time was left out\.$/);
    expect(result.err).toEqual(['2 imported, 0 duplicates skipped, 0 refused.']);
  });

  it('refuses a 1 GB file within seconds without reading it, and writes nothing', async () => {
    const where = folder();
    const huge = path.join(where, 'huge.gpx');
    fs.writeFileSync(huge, '<?xml version="1.0"?><gpx version="1.1"><trk><trkseg>');
    fs.truncateSync(huge, 1024 * 1024 * 1024); // sparse: a gigabyte on paper, nothing on disk
    const db = path.join(where, 'stance.sqlite');
    const started = Date.now();
    const result = await cli(['import', huge, '--db', db, '--json']);
    expect(Date.now() - started).toBeLessThan(30_000); // a hang guard, not a speed test
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out[0]!)).toMatchObject({
      status: 'refused',
      reason: 'This file is 1,024 MB — over 300 MB, far larger than one run, so it was not read. Nothing was imported.',
    });
    expect(rows(db, 'runs')).toBe(0);
  });

  it('never says “0 imported” alone: a folder of Zepp summaries and photos says what it held and which formats Stance reads, also with --json', async () => {
    const where = folder();
    const zepp = path.join(where, 'Zepp export', 'SPORT');
    fs.mkdirSync(zepp, { recursive: true });
    for (let k = 0; k < 3; k += 1) {
      fs.writeFileSync(path.join(zepp, `SPORT_${1700000000000 + k}.csv`), 'type,startTime,sportTime(s),maxPace(/meter),minPace(/meter),distance(m),avgPace(/meter),calories(kcal)\n1,2024-05-04 07:30:00+0000,1800,0.2,0.4,5000,0.36,350\n');
    }
    fs.writeFileSync(path.join(where, 'Zepp export', 'IMG_0001.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]));
    const db = path.join(where, 'stance.sqlite');
    const text = await cli(['import', path.join(where, 'Zepp export'), '--db', db]);
    expect(text.code).toBe(0);
    expect(text.err.join('\n')).toContain(
      'No run was imported. 4 files were not activities: 3 Zepp/Amazfit workout summary CSVs (summaries only, no routes or times of day Stance can use); 1 photo or video (not activities). Stance reads GPX, FIT, TCX, Strava export, Apple Health export and Polar Flow export.',
    );
    const json = await cli(['import', path.join(where, 'Zepp export'), '--db', db, '--json']);
    expect(json.out.map((line) => JSON.parse(line) as unknown)).toEqual([
      {
        summary: expect.objectContaining({
          imported: 0,
          otherFiles: 4,
          held: [
            { kind: 'zepp-summary', count: 3 },
            { kind: 'photo', count: 1 },
          ],
          whatItHeld: expect.stringContaining('3 Zepp/Amazfit workout summary CSVs'),
        }),
      },
    ]);
  });

  it('answers a command line it cannot read with usage and exit status 2', async () => {
    expect((await cli(['import'])).code).toBe(2);
    expect((await cli(['import', '/no/such/file.gpx'])).err[0]).toMatch(/^No such file or folder: \/no\/such\/file\.gpx\n\nUsage:/);
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli(['import', corpus, '--colour'])).code).toBe(2);
    expect((await cli(['import', corpus, '--time-zone', 'Mars/Base'])).err[0]).toMatch(/^Unknown time zone: Mars\/Base\n/);
  });

  it('is built: package.json names out/cli/stance.mjs as `stance`, a program with a shebang that answers --help', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    expect(path.resolve(root, manifest.bin.stance!)).toBe(builtCli);
    expect(manifest.scripts.cli).toBe('node out/cli/stance.mjs');
    expect(fs.readFileSync(builtCli, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(fs.statSync(builtCli).mode & 0o111).not.toBe(0);
    const help = spawnSync(builtCli, ['--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage:\n {2}stance import FILE_OR_FOLDER/);
    const unknown = spawnSync(process.execPath, [builtCli, 'frobnicate'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown command "frobnicate"/);
  });

  it('works as `npm run --silent cli -- import …`, the way scripts call it', () => {
    const db = path.join(folder(), 'stance.sqlite');
    const result = spawnSync('npm', ['run', '--silent', 'cli', '--', 'import', path.join(corpus, 'mapbox__run.gpx'), '--db', db, '--json'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout.trim().split('\n')[0]!)).toMatchObject({ status: 'imported', points: 205 });
  });

  it('times an untimed file with --date, --start and --duration, and names those options when they are missing', async () => {
    const db = path.join(folder(), 'stance.sqlite');
    const file = path.join(corpus, 'georust__outdooractive-export.gpx');
    const refused = await cli(['import', file, '--db', db, '--json']);
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.out[0]!).reason).toMatch(/\(stance import FILE --date YYYY-MM-DD --start HH:MM --duration H:MM:SS\)$/);
    const noDuration = await cli(['import', file, '--db', db, '--json', '--date', '2024-05-04', '--start', '07:30', '--time-zone', 'Europe/London']);
    expect(JSON.parse(noDuration.out[0]!)).toMatchObject({ status: 'refused' });
    expect(JSON.parse(noDuration.out[0]!).reason).toMatch(/Give its duration/);
    expect(rows(db, 'runs')).toBe(0);
    // The route is 46 km (a Kilimanjaro trek): a duration a runner could take (the run rules refuse a world-record pace).
    const timed = await cli(['import', file, '--db', db, '--json', '--date', '2024-05-04', '--start', '07:30', '--duration', '6:05:00', '--time-zone', 'Europe/London']);
    expect(timed.code).toBe(0);
    expect(JSON.parse(timed.out[0]!)).toMatchObject({ status: 'imported' });
    const database = new Database(db, { readonly: true });
    const run = database.prepare('SELECT local_date, local_time, duration_s, moving_s FROM runs').get();
    database.close();
    expect(run).toEqual({ local_date: '2024-05-04', local_time: '07:30', duration_s: 21900, moving_s: null });
    expect((await cli(['import', file, '--db', db, '--date', '4 May', '--start', '07:30'])).code).toBe(2);
    expect((await cli(['import', file, '--db', db, '--date', '2024-05-04'])).err[0]).toMatch(/needs both --date and --start/);
  });

  it('skips a near-duplicate with the run it probably is, and --allow-near-duplicates imports it', async () => {
    const db = path.join(folder(), 'stance.sqlite');
    const where = folder();
    const original = fs.readFileSync(path.join(corpus, 'mapbox__run.gpx'), 'latin1');
    // The same run as the phone recorded it: without elevations, and starting with the second point.
    const copy = path.join(where, 'same-run-from-the-phone.gpx');
    fs.writeFileSync(copy, original.replace(/<ele>[^<]*<\/ele>/g, '').replace(/<trkpt[\s\S]*?<\/trkpt>/, ''), 'latin1');
    expect((await cli(['import', path.join(corpus, 'mapbox__run.gpx'), '--db', db, '--time-zone', 'UTC'])).code).toBe(0);
    const second = await cli(['import', copy, '--db', db, '--json', '--time-zone', 'UTC']);
    const line = JSON.parse(second.out[0]!);
    expect(line).toMatchObject({ status: 'duplicate', runId: 1 });
    expect(line.reason).toMatch(/^Skipped: probably the same run as \w{3} \d{1,2} \w{3}( \d{4})?, (3\.1 km|1\.9 mi) .*--allow-near-duplicates\.$/);
    expect(rows(db, 'runs')).toBe(1);
    const anyway = await cli(['import', copy, '--db', db, '--json', '--allow-near-duplicates']);
    expect(JSON.parse(anyway.out[0]!)).toMatchObject({ status: 'imported', runId: 2 });
    expect(rows(db, 'runs')).toBe(2);
  });

  it('ends quietly when its output is closed early (| head), with no stack trace', () => {
    const db = path.join(folder(), 'stance.sqlite');
    const result = spawnSync('bash', ['-o', 'pipefail', '-c', `node out/cli/stance.mjs import ${JSON.stringify(corpus)} --db ${JSON.stringify(db)} --json | head -n 1`], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toMatch(/EPIPE|Error|at /);
    expect([0, 1]).toContain(result.status); // the import's own status: 1 here, as the corpus has refusals
  });

  it('takes FIT files and archives too: one JSON line per activity, with its archive entry, sport and warnings', async () => {
    const where = folder();
    const fitCorpus = path.resolve(root, '../shared/fit-tcx-corpus');
    const archive = path.join(where, 'export.zip');
    fs.writeFileSync(
      archive,
      zipOf([
        { name: 'a/run.fit', bytes: fitActivity([{ sport: 1, subSport: 1, points: straightRun({ startUtcMs: Date.UTC(2024, 1, 1, 7), seconds: 900, gps: false }) }]) },
        { name: 'a/ride.fit', bytes: fitActivity([{ sport: 2, points: straightRun({ startUtcMs: Date.UTC(2024, 1, 2, 7), seconds: 900 }) }]) },
      ]),
    );
    const db = path.join(where, 'stance.sqlite');
    const result = await cli(['import', path.join(fitCorpus, 'fitparse__activity-large-fenxi2-multisport.fit'), archive, '--db', db, '--json']);
    expect(result.code).toBe(0); // skipped sports are not failures
    const lines = result.out.slice(0, -1).map((line) => JSON.parse(line) as Record<string, unknown>); // the last line is the summary
    expect(lines.map((line) => [line.entry, line.recording, line.status, line.sport])).toEqual([
      [null, 1, 'skipped', 'generic'],
      [null, 2, 'skipped', 'transition'],
      [null, 3, 'imported', 'running'],
      [null, 4, 'skipped', 'transition'],
      [null, 5, 'imported', 'running'],
      [null, 6, 'skipped', 'transition'],
      [null, 7, 'skipped', 'cycling'],
      ['a/run.fit', null, 'imported', 'running (treadmill)'],
      ['a/ride.fit', null, 'skipped', 'cycling'],
    ]);
    expect(lines[7]).toMatchObject({ file: archive, format: 'fit', device: 'Garmin Forerunner 255', distanceMetres: 2700, warnings: ['This run has no GPS route: its distance and time are the watch’s own (a treadmill or indoor run, or GPS off).'] });
    expect(rows(db, 'runs')).toBe(3);
  });
});
