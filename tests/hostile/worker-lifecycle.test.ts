/**
 * Issue 18: the import worker's lifecycle. A file that costs more memory than the worker may use
 * ends that worker, never the app: it becomes that file's worded outcome and a new worker goes on
 * with the rest of the batch (also inside an archive). Cancel takes effect inside a file that
 * holds the worker for seconds. Real worker threads, real database files.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StanceDatabase } from '../../src-main/db/open';
import { startImportWorker, type WorkerScript } from '../../src-main/import/jobs';
import type { ImportSource } from '../../src-main/import/batch';
import { fitActivity, straightRun } from '../formats/fit/generate-fit';
import { gpxOf } from '../support/activity-files';
import { proofCount } from '../support/proofs';
import { countRows, openTempDatabase } from '../support/temp-db';
import { zipOf } from '../support/zip-writer';
import { databaseIsWhole, emptyRecordsFit, timedRecordsFit } from './hostile-files';

const root = path.resolve(__dirname, '../..');
const WORKER: WorkerScript = { script: path.join(root, 'scripts/ts-worker.cjs'), argv: [path.join(root, 'src-main/import/worker.ts')] };
/** A worker given little memory, so a file the bounds allow but that decodes large ends it. */
const SMALL_WORKER: WorkerScript = { ...WORKER, resourceLimits: { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 16 } };
/** Records one second apart (4.6 days): allowed by the bounds, far more than 64 MB decoded. */
const MANY = 400_000;

const day = (n: number): number => Date.UTC(2024, 3, 1 + n, 7);
const run = (n: number) => straightRun({ startUtcMs: day(n), seconds: 900, latitude: 50 + n / 100 });
const goodFit = (n: number): Uint8Array => fitActivity([{ sport: 1, points: run(n) }]);
const goodGpx = (n: number): Buffer => Buffer.from(gpxOf(run(n)));
/** A million records one second apart (11½ days): allowed by the bounds, hundreds of MB decoded. */
const MILLION = 1_000_000;

let db: StanceDatabase;
let file: string;
let cleanup: () => void;
beforeEach(async () => {
  ({ db, file, cleanup } = await openTempDatabase());
});
afterEach(() => cleanup());

function importInWorker(sources: ImportSource[], worker: WorkerScript) {
  return startImportWorker({ databasePath: file, sources, timeZone: 'Europe/London' }, worker);
}

/** This thread's connection can take the write lock: the dead worker left no transaction open. */
function writeLockIsFree(): boolean {
  db.exec('BEGIN IMMEDIATE; ROLLBACK');
  return true;
}

// Real worker threads compile the worker from source (tsx) at each start: slow on a loaded machine.
describe('a file that needs more memory than the worker may use', { timeout: 240_000 }, () => {
  it('becomes that file\'s outcome; a new worker imports the rest of the batch', async () => {
    const job = importInWorker(
      [{ name: 'before.fit', bytes: goodFit(1) }, { name: 'huge.fit', bytes: timedRecordsFit(MANY) }, { name: 'after.gpx', bytes: goodGpx(2) }, { name: 'last.fit', bytes: goodFit(3) }],
      SMALL_WORKER,
    );
    await job.finished;
    expect(job.failure).toBeNull();
    const huge = job.outcomes.find((o) => o.file === 'huge.fit');
    expect(huge).toMatchObject({ status: 'refused', code: 'reader-failed' });
    expect(huge?.reason).toMatch(/^Reading this file needed more than the 64 MB of memory Stance gives an import — far more than any activity file — so it was stopped\. Nothing was imported from it; the rest of the import went on\.$/);
    expect(job.outcomes.filter((o) => o.status === 'imported').map((o) => o.file)).toEqual(['before.fit', 'after.gpx', 'last.fit']);
    expect(job.summary).toMatchObject({ imported: 3, refused: 1, cancelled: false });
    expect(job.progress).toMatchObject({ runsImported: 3, currentFile: null });
    expect(countRows(db, 'runs')).toBe(3);
    expect(databaseIsWhole(db)).toBe(true);
    expect(writeLockIsFree()).toBe(true);
  });

  it('inside an archive: only that member is refused; the new worker goes on after it, unpacking nothing twice', async () => {
    const zip = zipOf([
      { name: 'activities/1.fit', bytes: goodFit(1) },
      { name: 'activities/huge.fit', bytes: timedRecordsFit(MANY) },
      { name: 'activities/2.gpx', bytes: goodGpx(2) },
    ]);
    const job = importInWorker([{ name: 'export.zip', bytes: zip }, { name: 'after.fit', bytes: goodFit(3) }], SMALL_WORKER);
    await job.finished;
    expect(job.failure).toBeNull();
    expect(job.outcomes.map((o) => [o.file, o.entry, o.status])).toEqual([
      ['export.zip', 'activities/1.fit', 'imported'],
      ['export.zip', 'activities/huge.fit', 'refused'],
      ['export.zip', 'activities/2.gpx', 'imported'],
      ['after.fit', null, 'imported'],
    ]);
    expect(countRows(db, 'runs')).toBe(3);
    expect(databaseIsWhole(db)).toBe(true);
  });
});

describe('a Strava export whose member ends the worker (the new worker reads activities.csv again)', { timeout: 240_000 }, () => {
  it('the activities after it keep the index: its names, a ride still skipped, the manual entry imported once; what the files held counted whole', async () => {
    const csv = [
      'Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,Elapsed Time,Distance,Filename',
      '1,"Apr 2, 2024, 7:00:00 AM",Easy loop,Run,,900,2.5,activities/1.fit',
      '2,"Apr 3, 2024, 7:00:00 AM",Long one,Run,,900,2.5,activities/2.fit',
      '3,"Apr 4, 2024, 7:00:00 AM",Commute,Ride,,900,2.5,activities/3.gpx',
      '4,"Apr 5, 2024, 7:00:00 AM",Hill repeats,Run,,900,2.5,activities/4.gpx',
      '5,"Apr 6, 2024, 7:00:00 AM",Treadmill,Run,,1800,5,',
    ].join('\n');
    const zip = zipOf([
      { name: 'activities.csv', bytes: Buffer.from(csv) },
      { name: 'activities/1.fit', bytes: goodFit(1) },
      { name: 'media/before.jpg', bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 1]) },
      { name: 'activities/2.fit', bytes: timedRecordsFit(MANY) },
      { name: 'media/after.jpg', bytes: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 2]) },
      // A ride the file cannot tell from a run (an untyped GPX): only the index says so.
      { name: 'activities/3.gpx', bytes: goodGpx(3) },
      { name: 'activities/4.gpx', bytes: goodGpx(4) },
    ]);
    const job = importInWorker([{ name: 'export_123.zip', bytes: zip }], SMALL_WORKER);
    await job.finished;
    expect(job.failure).toBeNull();
    expect(job.outcomes.map((o) => [o.entry, o.status, o.code])).toEqual([
      ['activities.csv › row 6 “Treadmill”', 'imported', null],
      ['activities/1.fit', 'imported', null],
      ['activities/2.fit', 'refused', 'reader-failed'],
      ['activities/3.gpx', 'skipped', 'other-sport'],
      ['activities/4.gpx', 'imported', null],
    ]);
    expect(job.outcomes[3]?.reason).toBe('Strava lists this activity as a Ride, not a run, so it was skipped.');
    const names = db.prepare('SELECT track_name FROM run_tracks ORDER BY track_name').all() as { track_name: string }[];
    expect(names.map((row) => row.track_name)).toEqual(['Easy loop', 'Hill repeats']);
    expect(countRows(db, 'runs')).toBe(3);
    // What the files held is counted across the restart (a photo before it, one after), and no "No run was imported".
    expect(job.summary).toMatchObject({ imported: 3, skipped: 1, refused: 1, otherFiles: 2, held: [{ kind: 'photo', count: 2 }], whatItHeld: null });
  });
});

describe('an Apple Health export whose route ends the worker (the new worker reads export.xml again)', { timeout: 240_000 }, () => {
  it('the routes after it keep their workouts: a ride still skipped, a run named, the indoor run imported once', async () => {
    const workout = (type: string, n: number, route: string | null) =>
      `<Workout workoutActivityType="HKWorkoutActivityType${type}" duration="15" durationUnit="min" sourceName="Watch" startDate="2024-04-0${1 + n} 07:00:00 +0000" endDate="2024-04-0${1 + n} 07:15:00 +0000">` +
      (route === null ? '<WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" sum="2.5" unit="km"/>' : `<WorkoutRoute><FileReference path="/workout-routes/${route}"/></WorkoutRoute>`) +
      '</Workout>';
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<HealthData locale="en_GB">
 <ExportDate value="2024-05-10 20:00:00 +0000"/>
 ${workout('Running', 1, 'route_1.gpx')}
 ${workout('Running', 2, 'route_2.fit')}
 ${workout('Cycling', 3, 'route_3.gpx')}
 ${workout('Running', 4, 'route_4.gpx')}
 ${workout('Running', 5, null)}
</HealthData>`;
    const untyped = (n: number): Buffer => Buffer.from(gpxOf(run(n)).replace(/<type>[^<]*<\/type>/g, ''));
    const zip = zipOf([
      { name: 'apple_health_export/export.xml', bytes: Buffer.from(xml) },
      { name: 'apple_health_export/workout-routes/route_1.gpx', bytes: untyped(1) },
      { name: 'apple_health_export/workout-routes/route_2.fit', bytes: timedRecordsFit(MANY) },
      // A ride's route the file cannot tell from a run: only export.xml says so.
      { name: 'apple_health_export/workout-routes/route_3.gpx', bytes: untyped(3) },
      { name: 'apple_health_export/workout-routes/route_4.gpx', bytes: untyped(4) },
    ]);
    const job = importInWorker([{ name: 'export.zip', bytes: zip }], SMALL_WORKER);
    await job.finished;
    expect(job.failure).toBeNull();
    const byEntry = new Map(job.outcomes.map((o) => [o.entry, [o.status, o.code]]));
    expect(byEntry.get('apple_health_export/workout-routes/route_1.gpx')).toEqual(['imported', null]);
    expect(byEntry.get('apple_health_export/workout-routes/route_2.fit')).toEqual(['refused', 'reader-failed']);
    expect(byEntry.get('apple_health_export/workout-routes/route_4.gpx')).toEqual(['imported', null]);
    expect(byEntry.has('apple_health_export/workout-routes/route_3.gpx')).toBe(false); // skipped with its workout, named once
    expect(job.outcomes.filter((o) => o.status === 'skipped').map((o) => o.sport)).toEqual(['cycling']);
    expect(job.outcomes.filter((o) => o.status === 'duplicate')).toEqual([]);
    // Runs 1 and 4 with their routes, and the indoor run 5 once; the ride is not a run.
    expect(db.prepare('SELECT local_date FROM runs ORDER BY local_date').pluck().all()).toEqual(['2024-04-02', '2024-04-05', '2024-04-06']);
    expect(countRows(db, 'run_tracks')).toBe(2);
  });
});

describe('FIT files of millions of empty records through the worker (64 MB ran 342 s to 5.5 GB and ended the job)', { timeout: 240_000 }, () => {
  it('is refused by its bounds; the rest of the batch is read', async () => {
    const job = importInWorker(
      [{ name: 'before.fit', bytes: goodFit(1) }, { name: 'empty.fit', bytes: emptyRecordsFit(proofCount(8_000_000, 64_000_000)) }, { name: 'after.gpx', bytes: goodGpx(2) }],
      WORKER,
    );
    await job.finished;
    expect(job.failure).toBeNull();
    expect(job.outcomes.find((o) => o.file === 'empty.fit')?.reason).toMatch(/^This FIT file is not a recording: it holds more than 1,000,000 records/);
    expect(job.summary).toMatchObject({ imported: 2, refused: 1 });
    expect(databaseIsWhole(db)).toBe(true);
  });
});

describe('Cancel', { timeout: 240_000 }, () => {
  it('takes effect inside a file that holds the worker for seconds; what was imported stays, whole', async () => {
    const job = importInWorker([{ name: 'before.fit', bytes: goodFit(1) }, { name: 'long.fit', bytes: timedRecordsFit(MILLION) }, { name: 'after.gpx', bytes: goodGpx(2) }], WORKER);
    while (job.progress.currentFile !== 'long.fit' && job.summary === null && job.failure === null) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 300)); // well inside its parse
    const askedAt = performance.now();
    job.cancel();
    await job.finished;
    const tookMs = performance.now() - askedAt;
    console.log(`cancel inside a 1,000,000-record FIT file took effect in ${Math.round(tookMs)} ms`);
    expect(job.failure).toBeNull();
    expect(job.summary?.cancelled).toBe(true);
    expect(job.outcomes.map((o) => [o.file, o.status])).toEqual([['before.fit', 'imported']]); // long.fit never finished, after.gpx never started
    expect(countRows(db, 'runs')).toBe(1);
    expect(databaseIsWhole(db)).toBe(true);
    expect(writeLockIsFree()).toBe(true);
  });
});
