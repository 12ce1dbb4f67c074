/**
 * Whole histories: Strava-style and Garmin-style exports, gzipped files, folders; hostile archives
 * (a zip bomb, a lying size, a member named ../x, nesting too deep); cancel between files; the
 * same archive twice; the same run as FIT and as GPX. Against a real database file.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StanceDatabase } from '../../src-main/db/open';
import type { ActivityOutcome } from '../../src-main/import/activities';
import { importBatch, type BatchOptions, type ImportSource } from '../../src-main/import/batch';
import { fitActivity, straightRun } from '../formats/fit/generate-fit';
import { gpxOf, tcxOf } from '../support/activity-files';
import { countRows, openTempDatabase } from '../support/temp-db';
import { zipOf } from '../support/zip-writer';

const NOW = new Date('2026-11-29T12:00:00Z');
const day = (n: number, hour = 7): number => Date.UTC(2024, 3, 1 + n, hour, 0, 0);
const run = (n: number, seconds = 1800) => straightRun({ startUtcMs: day(n), seconds, latitude: 50 + n / 100 });
const gz = (text: string | Uint8Array): Buffer => zlib.gzipSync(typeof text === 'string' ? Buffer.from(text) : text);

let db: StanceDatabase;
let folder: string;
let cleanup: () => void;
beforeEach(async () => {
  ({ db, folder, cleanup } = await openTempDatabase());
});
afterEach(() => cleanup());

async function importAll(sources: ImportSource[], options: Partial<BatchOptions> = {}) {
  const outcomes: ActivityOutcome[] = [];
  const summary = await importBatch(db, sources, { timeZone: 'Europe/London', now: () => NOW, onOutcome: (o) => outcomes.push(o), ...options });
  return { outcomes, summary };
}

function stravaExport(): Buffer {
  const csv = [
    'Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Filename,Activity Gear',
    '1,"Apr 2, 2024, 7:00:00 AM",Easy loop,Run,"Legs heavy, knee fine",1800,5.4,activities/1.fit.gz,Pegasus 40',
    '2,"Apr 3, 2024, 7:00:00 AM","Tempo, then hills",Run,"Knee ached at 6 km\nstopped",1800,5.4,activities/2.gpx.gz,Kinvara 14',
    '3,"Apr 4, 2024, 7:00:00 AM",Commute,Ride,,1800,12,activities/3.tcx.gz,',
    '4,"Apr 5, 2024, 7:00:00 AM",Dog walk,Walk,,1800,2,activities/4.fit.gz,',
    '5,"Apr 6, 2024, 7:00:00 AM",Track session,Run,,1800,5.4,activities/5.tcx.gz,',
    '6,"Apr 7, 2024, 7:00:00 AM",Manual entry,Run,,1800,5,,',
  ].join('\n');
  return zipOf([
    { name: 'activities.csv', bytes: Buffer.from(csv) },
    { name: 'activities/', bytes: new Uint8Array(0), deflate: false },
    { name: 'activities/1.fit.gz', bytes: gz(fitActivity([{ sport: 1, points: run(1) }])), deflate: false },
    { name: 'activities/2.gpx.gz', bytes: gz(gpxOf(run(2))), deflate: false },
    { name: 'activities/3.tcx.gz', bytes: gz('Strava says this is a ride: it is skipped without being read as an activity'), deflate: false },
    { name: 'activities/4.fit.gz', bytes: gz(fitActivity([{ sport: 11, points: run(4) }])), deflate: false },
    { name: 'activities/5.tcx.gz', bytes: gz(tcxOf(run(5))), deflate: false },
    { name: 'media/IMG_0001.jpg', bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) },
    { name: 'profile.csv', bytes: Buffer.from('Athlete ID,Email\n1,runner@example.org\n') },
  ]);
}

describe('Strava’s export', () => {
  it('imports the runs with their names, descriptions and shoes; skips the ride and the walk by their Strava type; offers unknown gear as shoes', async () => {
    db.prepare("INSERT INTO shoes (name, created_at) VALUES ('Pegasus 40', '2024-01-01T00:00:00Z')").run();
    const zipPath = path.join(folder, 'export_12345.zip');
    fs.writeFileSync(zipPath, stravaExport());
    const { outcomes, summary } = await importAll([{ path: zipPath }]);
    expect(outcomes.map((o) => [o.entry, o.status, o.format])).toEqual([
      ['activities.csv › row 7 “Manual entry”', 'imported', 'strava'],
      ['activities/1.fit.gz', 'imported', 'fit'],
      ['activities/2.gpx.gz', 'imported', 'gpx'],
      ['activities/3.tcx.gz', 'skipped', null],
      ['activities/4.fit.gz', 'skipped', null],
      ['activities/5.tcx.gz', 'imported', 'tcx'],
    ]);
    expect(outcomes[3]!.reason).toBe('Strava lists this activity as a Ride, not a run, so it was skipped.');
    // The manual entry (a row without a file): a run without a track, marked as from Strava.
    expect(db.prepare("SELECT local_date, round(distance_m) AS metres, duration_s, notes, source FROM runs WHERE source = 'strava'").all()).toEqual([
      { local_date: '2024-04-07', metres: 5000, duration_s: 1800, notes: 'Manual entry', source: 'strava' },
    ]);
    expect(summary).toMatchObject({ imported: 4, skipped: 2, refused: 0, duplicate: 0, otherFiles: 2, cancelled: false, gearOffered: ['Kinvara 14'] });
    const rows = db
      .prepare('SELECT run_tracks.track_name AS name, runs.notes, shoes.name AS shoe, run_tracks.archive_entry AS entry FROM runs JOIN run_tracks ON run_tracks.run_id = runs.id LEFT JOIN shoes ON shoes.id = runs.shoe_id ORDER BY runs.started_at')
      .all();
    expect(rows).toEqual([
      { name: 'Easy loop', notes: 'Legs heavy, knee fine', shoe: 'Pegasus 40', entry: 'activities/1.fit.gz' },
      { name: 'Tempo, then hills', notes: 'Knee ached at 6 km\nstopped', shoe: null, entry: 'activities/2.gpx.gz' },
      { name: 'Track session', notes: '', shoe: null, entry: 'activities/5.tcx.gz' },
    ]);
  });

  it('importing the same export again adds nothing', async () => {
    const zipPath = path.join(folder, 'export.zip');
    fs.writeFileSync(zipPath, stravaExport());
    await importAll([{ path: zipPath }]);
    const before = countRows(db, 'runs');
    const { summary } = await importAll([{ path: zipPath }]);
    expect(summary).toMatchObject({ imported: 0, duplicate: 4, skipped: 2 });
    expect(countRows(db, 'runs')).toBe(before);
  });
});

describe('Garmin’s export: zips nested under DI_CONNECT/', () => {
  it('reads the FIT files inside the nested part zips, ignoring the JSON beside them', async () => {
    const part1 = zipOf([
      { name: 'runner@example.org_1001.fit', bytes: fitActivity([{ sport: 1, points: run(1) }]) },
      { name: 'runner@example.org_1002.fit', bytes: fitActivity([{ sport: 2, points: run(2) }]) },
    ]);
    const part2 = zipOf([{ name: 'runner@example.org_1003.fit', bytes: fitActivity([{ sport: 1, subSport: 1, points: straightRun({ startUtcMs: day(3), seconds: 1200, gps: false }) }]) }]);
    const outer = zipOf([
      { name: 'DI_CONNECT/DI-Connect-Fitness/runner_summarizedActivities.json', bytes: Buffer.from('[{"summarizedActivitiesExport":[]}]') },
      { name: 'DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip', bytes: part1, deflate: false },
      { name: 'DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part2.zip', bytes: part2, deflate: false },
    ]);
    const { outcomes, summary } = await importAll([{ name: 'garmin-export.zip', bytes: outer }]);
    expect(outcomes.map((o) => [o.entry, o.status, o.sport])).toEqual([
      ['DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/runner@example.org_1001.fit', 'imported', 'running'],
      ['DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/runner@example.org_1002.fit', 'skipped', 'cycling'],
      ['DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part2.zip/runner@example.org_1003.fit', 'imported', 'running (treadmill)'],
    ]);
    expect(outcomes[2]!.distanceMetres).toBe(3600);
    expect(summary.otherFiles).toBe(1);
  });

  it('refuses archives nested three deep', async () => {
    const inner = zipOf([{ name: 'a.fit', bytes: fitActivity([{ sport: 1, points: run(1) }]) }]);
    const middle = zipOf([{ name: 'inner.zip', bytes: inner }]);
    const outer = zipOf([{ name: 'middle.zip', bytes: middle }]);
    const { outcomes } = await importAll([{ name: 'deep.zip', bytes: outer }]);
    expect(outcomes).toMatchObject([{ entry: 'middle.zip/inner.zip', status: 'refused', code: 'archive-refused', reason: "This file in the archive was not imported: archives are nested more than 2 deep. The archive's other files were read on their own." }]);
    expect(countRows(db, 'runs')).toBe(0);
  });
});

describe('hostile archives', () => {
  it('a zip bomb (a member compressed 1,000 to 1) is refused from its directory, before anything is unpacked', async () => {
    const zeros = new Uint8Array(200 * 1024 * 1024);
    const bomb = zipOf([
      { name: 'a.gpx', bytes: Buffer.from(gpxOf(run(1))) },
      { name: 'huge.gpx', bytes: zeros },
    ]);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const { outcomes } = await importAll([{ name: 'bomb.zip', bytes: bomb }]);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ entry: null, status: 'refused', code: 'archive-refused' });
    expect(outcomes[0]!.reason).toMatch(/^This archive was not opened: a member is compressed [\d,]+ to 1, far more than any activity file — it looks like a zip bomb — nothing was imported\.$/);
    expect(countRows(db, 'runs')).toBe(0);
  });

  it('a member whose header understates its size is stopped while unpacking; the honest member beside it is imported', async () => {
    const liar = zipOf([
      { name: 'liar.gpx', bytes: new Uint8Array(5 * 1024 * 1024).fill(0x20), declaredSize: 1000 },
      { name: 'honest.gpx', bytes: Buffer.from(gpxOf(run(1))) },
    ]);
    const { outcomes } = await importAll([{ name: 'liar.zip', bytes: liar }]);
    expect(outcomes.map((o) => [o.entry, o.status])).toEqual([['liar.gpx', 'refused'], ['honest.gpx', 'imported']]);
    expect(outcomes[0]!.reason).toMatch(/^This file in the archive was not imported: it cannot be unpacked \(.*\)\. The archive's other files were read on their own\.$/);
  });

  it('an archive larger unpacked than allowed is refused as a whole', async () => {
    const archive = zipOf([1, 2, 3].map((n) => ({ name: `${n}.gpx`, bytes: Buffer.from(gpxOf(run(n))) })));
    const { outcomes } = await importAll([{ name: 'big.zip', bytes: archive }], { limits: { maxTotalBytes: 100_000 } });
    expect(outcomes).toMatchObject([{ status: 'refused', reason: 'This archive was not opened: it unpacks to more than 0 MB — nothing was imported.' }]);
  });

  it('members named ../x or /etc/x are refused by name (never used as paths); the others are imported', async () => {
    const archive = zipOf([
      { name: '../x', bytes: Buffer.from(gpxOf(run(1))) },
      { name: '/etc/x.gpx', bytes: Buffer.from(gpxOf(run(2))) },
      { name: 'runs/ok.gpx', bytes: Buffer.from(gpxOf(run(3))) },
    ]);
    const { outcomes } = await importAll([{ name: 'names.zip', bytes: archive }]);
    expect(outcomes.map((o) => [o.entry, o.status, o.reason])).toEqual([
      ['../x', 'refused', 'This file in the archive was not imported: its name "../x" points outside the archive (it climbs out with “..”). The archive\'s other files were read on their own.'],
      ['/etc/x.gpx', 'refused', 'This file in the archive was not imported: its name "/etc/x.gpx" points outside the archive (it is an absolute path). The archive\'s other files were read on their own.'],
      ['runs/ok.gpx', 'imported', null],
    ]);
    expect(fs.existsSync(path.join(folder, '..', 'x'))).toBe(false);
    expect(countRows(db, 'runs')).toBe(1);
  });

  it('a gzip bomb is refused', async () => {
    const bomb = zlib.gzipSync(new Uint8Array(400 * 1024 * 1024));
    const { outcomes } = await importAll([{ name: 'run.gpx.gz', bytes: bomb }]);
    expect(outcomes).toMatchObject([{ status: 'refused', reason: 'This archive was not opened: it unpacks to more than 300 MB — nothing was imported.' }]);
  });
});

describe('files, folders and formats together', () => {
  it('a .fit.gz, a .tcx.gz and a folder with a note in it; the note is counted, not refused', async () => {
    const runs = path.join(folder, 'runs');
    fs.mkdirSync(path.join(runs, '2024'), { recursive: true });
    fs.writeFileSync(path.join(runs, '2024', 'a.fit.gz'), gz(fitActivity([{ sport: 1, points: run(1) }])));
    fs.writeFileSync(path.join(runs, '2024', 'b.tcx.gz'), gz(tcxOf(run(2))));
    fs.writeFileSync(path.join(runs, 'notes.txt'), 'shoes: Pegasus');
    fs.writeFileSync(path.join(runs, 'c.gpx'), gpxOf(run(3)));
    const { outcomes, summary } = await importAll([{ path: runs }]);
    expect(outcomes.map((o) => [path.basename(o.file), o.status, o.format])).toEqual([
      ['a.fit.gz', 'imported', 'fit'],
      ['b.tcx.gz', 'imported', 'tcx'],
      ['c.gpx', 'imported', 'gpx'],
    ]);
    expect(summary.otherFiles).toBe(1);
  });

  it('a file named on its own that is no activity is refused, saying so', async () => {
    const { outcomes } = await importAll([{ name: 'photo.jpg', bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0]) }]);
    expect(outcomes).toMatchObject([
      {
        status: 'refused',
        code: 'unknown-format',
        reason:
          'This is a photo or video (not activities), not an activity — nothing was imported. Stance reads GPX, FIT, TCX, Strava export, Apple Health export and Polar Flow export. It also opens .gz and .zip files and folders holding them.',
      },
    ]);
  });

  it('the same run as FIT (from the watch) and as GPX (from Strava, every other second) is one run', async () => {
    const points = run(1);
    const fit = fitActivity([{ sport: 1, points }]);
    const gpx = gpxOf(points.filter((_, k) => k % 2 === 0));
    const { outcomes } = await importAll([{ name: 'watch.fit', bytes: fit }, { name: 'strava.gpx', bytes: Buffer.from(gpx) }]);
    expect(outcomes.map((o) => [o.status, o.code])).toEqual([['imported', null], ['duplicate', 'near-duplicate']]);
    expect(outcomes[1]!.reason).toBe('Skipped: probably the same run as Tue 2 Apr 2024, 3.4 mi (it started within 2 minutes of it and its distance is within 3 %).');
    expect(countRows(db, 'runs')).toBe(1);
    const again = await importAll([{ name: 'strava.gpx', bytes: Buffer.from(gpx) }], { allowNearDuplicates: true });
    expect(again.outcomes[0]!.status).toBe('imported');
  });

  it('a GPX file of several recordings inside an archive: one outcome per recording, each its own run; an untimed track named', async () => {
    const corpus = path.resolve(__dirname, '../../../shared/gpx-corpus');
    const archive = zipOf([
      { name: 'gpx/mapbox__multitrackgpx.gpx', bytes: fs.readFileSync(path.join(corpus, 'mapbox__multitrackgpx.gpx')) },
      { name: 'gpx/korita.gpx.gz', bytes: gz(fs.readFileSync(path.join(corpus, 'tkrajina__korita-zbevnica.gpx'))), deflate: false },
    ]);
    const { outcomes, summary } = await importAll([{ name: 'history.zip', bytes: archive }]);
    expect(outcomes.map((o) => [o.entry, o.recording, o.track?.name ?? null, o.status])).toEqual([
      ['gpx/mapbox__multitrackgpx.gpx', 1, 'Tag 1', 'imported'],
      ['gpx/mapbox__multitrackgpx.gpx', 2, 'Tag 2', 'imported'],
      ['gpx/mapbox__multitrackgpx.gpx', 3, 'Tag 3', 'imported'],
      ['gpx/korita.gpx.gz', 2, '03-OCT-10 #2', 'refused'],
      ['gpx/korita.gpx.gz', 3, 'ACTIVE LOG', 'imported'],
    ]);
    expect(outcomes[3]!.reason).toMatch(/^Track “03-OCT-10 #2” \(8\.6 km\) has no times/);
    expect(summary).toMatchObject({ imported: 4, refused: 1 });
    expect(countRows(db, 'runs')).toBe(4);
    // The same archive again: every recording recognised, nothing added.
    const again = await importAll([{ name: 'history.zip', bytes: archive }]);
    expect(again.outcomes.map((o) => o.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'refused', 'duplicate']);
    expect(countRows(db, 'runs')).toBe(4);
  });

  it('cancel stops between files; what was imported stays; progress counts files read of the total', async () => {
    const archive = zipOf([1, 2, 3, 4].map((n) => ({ name: `${n}.fit`, bytes: fitActivity([{ sport: 1, points: run(n, 600) }]) })));
    const controller = new AbortController();
    const progress: string[] = [];
    const { outcomes, summary } = await importAll([{ name: 'four.zip', bytes: archive }], {
      signal: controller.signal,
      onOutcome: () => {
        if (countRows(db, 'runs') === 2) controller.abort();
      },
      onProgress: (p) => progress.push(`${p.filesRead}/${p.filesTotal} ${p.runsImported} ${p.currentFile ?? '-'}`),
    });
    void outcomes;
    expect(summary).toMatchObject({ imported: 2, cancelled: true });
    expect(countRows(db, 'runs')).toBe(2);
    expect(progress.slice(0, 4)).toEqual(['0/4 0 1.fit', '1/4 1 1.fit', '1/4 1 2.fit', '2/4 2 2.fit']);
  });
});
