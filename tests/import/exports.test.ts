/**
 * Every export a runner brings, read right (issue 19): each kind of case beyond the shared ones —
 * Strava's index in its older layout, in a language by content alone, and not understood at all;
 * Apple Health indoor runs and routes gone missing; Polar sessions without samples and of other
 * sports; GPX types (OpenTracks, Strava's numbers) and an untyped ride; FIT courses and a running
 * sport message without a session; TCX tracks split at every lap and white space before <?xml;
 * migration 007. Against a real database file, through the one batch path.
 */
import { FitBaseType, FitEncoder } from 'fit-file-parser';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StanceDatabase } from '../../src-main/db/open';
import type { ActivityOutcome } from '../../src-main/import/activities';
import { importBatch, type BatchSummary, type ImportSource } from '../../src-main/import/batch';
import { parseStravaDate, readStravaIndex } from '../../src-main/import/strava-export';
import { fitActivity, straightRun, type FitPoint } from '../formats/fit/generate-fit';
import { gpxOf, tcxOf } from '../support/activity-files';
import { countRows, openTempDatabase } from '../support/temp-db';
import { zipOf } from '../support/zip-writer';

const NOW = new Date('2026-11-29T12:00:00Z');
const day = (n: number, hour = 7): number => Date.UTC(2024, 3, 1 + n, hour, 0, 0);
const run = (n: number, seconds = 1800, metresPerSecond = 3) => straightRun({ startUtcMs: day(n), seconds, metresPerSecond, latitude: 50 + n / 100 });
const gz = (text: string | Uint8Array): Buffer => zlib.gzipSync(typeof text === 'string' ? Buffer.from(text) : text);

let db: StanceDatabase;
let cleanup: () => void;
beforeEach(async () => {
  ({ db, cleanup } = await openTempDatabase());
});
afterEach(() => cleanup());

async function importAll(sources: ImportSource[]): Promise<{ outcomes: ActivityOutcome[]; summary: BatchSummary }> {
  const outcomes: ActivityOutcome[] = [];
  const summary = await importBatch(db, sources, { timeZone: 'UTC', now: () => NOW, onOutcome: (o) => outcomes.push(o) });
  return { outcomes, summary };
}

describe('Strava’s activities.csv in every layout', () => {
  it('the older layout (id,date,name,type,…,filename): the ride skipped by its type, the manual run (metres) a run without a track', async () => {
    const csv = [
      'id,date,name,type,description,elapsed_time,distance,commute,gear,filename',
      '11,2017-06-02 07:00:00,Easy,Run,,1800,5400.0,false,Pegasus 34,activities/11.gpx.gz',
      '12,2017-06-03 07:00:00,Commute,Ride,,1800,12000.0,true,,activities/12.gpx.gz',
      '13,2017-06-04 18:30:00,Treadmill at the gym,Run,typed in later,2700,8046.7,false,,',
    ].join('\n');
    const zip = zipOf([
      { name: 'activities.csv', bytes: Buffer.from(csv) },
      { name: 'activities/11.gpx.gz', bytes: gz(gpxOf(run(1))) },
      { name: 'activities/12.gpx.gz', bytes: gz(gpxOf(run(2, 1800, 6))) },
    ]);
    const { outcomes, summary } = await importAll([{ name: 'export_2017.zip', bytes: zip }]);
    expect(outcomes.map((o) => [o.entry, o.status])).toEqual([
      ['activities.csv › row 4 “Treadmill at the gym”', 'imported'],
      ['activities/11.gpx.gz', 'imported'],
      ['activities/12.gpx.gz', 'skipped'],
    ]);
    expect(summary.notes).toContain('Strava’s activities.csv is in Strava’s older layout; it was read as such.');
    expect(db.prepare("SELECT local_date, local_time, round(distance_m, 1) AS metres, duration_s, notes FROM runs WHERE source = 'strava'").get()).toEqual({
      local_date: '2017-06-04',
      local_time: '18:30',
      metres: 8046.7,
      duration_s: 2700,
      notes: 'Treadmill at the gym\n\ntyped in later',
    });
  });

  it('headers in a language Stance has no words for: the file, type and date columns are told by their content', async () => {
    const csv = ['活動ID,活動日,活動名,活動タイプ,経過時間,距離,ファイル名', '21,"2024/04/05 7:00:00",朝ラン,Run,1800,"5.40",activities/21.fit.gz', '22,"2024/04/06 7:00:00",ライド,Ride,1800,"12.0",activities/22.fit.gz'].join('\n');
    const index = readStravaIndex(csv);
    expect(index).toMatchObject({ understood: true, layout: 'content' });
    expect(index.byFile.get('activities/22.fit')).toMatchObject({ type: 'Ride' });
  });

  it('an index that cannot be understood is said so, and each file is judged by its own sport', async () => {
    const zip = zipOf([
      { name: 'activities.csv', bytes: Buffer.from('foo;bar;baz\n1;2;3\n') },
      { name: 'activities/31.fit.gz', bytes: gz(fitActivity([{ sport: 1, points: run(1) }])) },
      { name: 'activities/32.fit.gz', bytes: gz(fitActivity([{ sport: 2, points: run(2, 1800, 7) }])) },
    ]);
    const { outcomes, summary } = await importAll([{ name: 'export.zip', bytes: zip }]);
    expect(outcomes.map((o) => [o.entry, o.status, o.sport])).toEqual([
      ['activities/31.fit.gz', 'imported', 'running'],
      ['activities/32.fit.gz', 'skipped', 'cycling'],
    ]);
    expect(summary.notes[0]).toMatch(/^Strava’s activities.csv could not be understood .*, so each file was judged by its own content/);
  });

  it('reads the dates Strava writes in each language, as UTC', () => {
    const at = Date.UTC(2024, 4, 6, 6, 0, 0);
    for (const written of ['May 6, 2024, 6:00:00 AM', '06.05.2024, 06:00:00', '6 mai 2024, 06:00:00', '6 may. 2024 6:00:00', '2024-05-06 06:00:00', '6 mei 2024 06:00:00']) {
      expect(parseStravaDate(written), written).toBe(at);
    }
    expect(parseStravaDate('May 6, 2024, 6:00:00 PM')).toBe(at + 12 * 3600_000);
  });
});

function healthExport(workouts: string, routes: { name: string; gpx: string }[]): Buffer {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!ELEMENT HealthData (ExportDate,Me,(Record|Workout)*)>
<!ATTLIST Workout workoutActivityType CDATA #REQUIRED>
]>
<HealthData locale="en_GB">
 <ExportDate value="2024-05-10 20:00:00 +0000"/>
 <Record type="HKQuantityTypeIdentifierStepCount" sourceName="Phone" unit="count" startDate="2024-05-04 07:00:00 +0000" endDate="2024-05-04 07:01:00 +0000" value="120"/>
${workouts}
</HealthData>`;
  return zipOf([{ name: 'apple_health_export/export.xml', bytes: Buffer.from(xml) }, ...routes.map((route) => ({ name: `apple_health_export/workout-routes/${route.name}`, bytes: Buffer.from(route.gpx) }))]);
}

describe('Apple Health’s export.zip', () => {
  it('an indoor run (no route) from its own distance and time; a run whose route file is missing likewise; a strength workout skipped, named', async () => {
    const zip = healthExport(
      `<Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="40" durationUnit="min" sourceName="Watch" startDate="2024-05-02 18:00:00 +0000" endDate="2024-05-02 18:40:00 +0000">
  <MetadataEntry key="HKIndoorWorkout" value="1"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" sum="7.2" unit="km"/>
  <WorkoutStatistics type="HKQuantityTypeIdentifierHeartRate" average="151" unit="count/min"/>
 </Workout>
 <Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="0.5" durationUnit="hr" totalDistance="3.1" totalDistanceUnit="mi" sourceName="Watch" startDate="2024-05-03 07:00:00 +0000" endDate="2024-05-03 07:30:00 +0000">
  <WorkoutRoute><FileReference path="/workout-routes/route_gone.gpx"/></WorkoutRoute>
 </Workout>
 <Workout workoutActivityType="HKWorkoutActivityTypeTraditionalStrengthTraining" duration="30" durationUnit="min" startDate="2024-05-04 17:00:00 +0000" endDate="2024-05-04 17:30:00 +0000"/>`,
      [],
    );
    const { outcomes, summary } = await importAll([{ name: 'export.zip', bytes: zip }]);
    expect(outcomes.map((o) => [o.status, o.sport])).toEqual([
      ['imported', 'running'],
      ['skipped', 'traditional strength training'],
      ['imported', 'running'],
    ]);
    expect(outcomes[1]!.reason).toBe('Apple Health lists this workout as traditional strength training, not a run, so it was skipped.');
    expect(summary.notes[0]).toBe('Apple Health export: 3 workouts, 2 of them runs; 1 other health records passed over.');
    expect(db.prepare('SELECT local_date, round(distance_m) AS metres, duration_s, avg_heart_rate AS bpm, surface, source FROM runs ORDER BY started_at').all()).toEqual([
      { local_date: '2024-05-02', metres: 7200, duration_s: 2400, bpm: 151, surface: 'treadmill', source: 'apple-health' },
      { local_date: '2024-05-03', metres: 4989, duration_s: 1800, bpm: null, surface: null, source: 'apple-health' },
    ]);
    expect(countRows(db, 'run_tracks')).toBe(0);
  });

  it('a route without a FileReference (older exports) is matched to its workout by time: a ride’s route is not a run', async () => {
    const ride = run(5, 1800, 7);
    const zip = healthExport(
      `<Workout workoutActivityType="HKWorkoutActivityTypeCycling" duration="30" durationUnit="min" startDate="2024-04-06 07:00:00 +0000" endDate="2024-04-06 07:30:00 +0000"><WorkoutRoute sourceName="Watch"/></Workout>`,
      [{ name: 'route_2024-04-06_7.00am.gpx', gpx: gpxOf(ride).replace('<type>running</type>', '') }],
    );
    const { outcomes } = await importAll([{ name: 'export.zip', bytes: zip }]);
    expect(outcomes.map((o) => [o.status, o.sport])).toEqual([['skipped', 'cycling']]);
    expect(countRows(db, 'runs')).toBe(0);
  });
});

describe('Polar Flow’s account export', () => {
  const session = (sport: string, samples: boolean): string =>
    JSON.stringify({
      exportVersion: '1.6',
      startTime: '2024-05-08T18:00:00.000',
      stopTime: '2024-05-08T18:45:00.000',
      timeZoneOffset: 60,
      distance: 8000,
      duration: 'PT2700S',
      sport,
      exercises: [{ startTime: '2024-05-08T18:00:00.000', duration: 'PT2700S', distance: 8000, sport, samples: samples ? { heartRate: [] } : {} }],
    });
  it('a running session without samples is a run without a track; a cycling session is skipped, named', async () => {
    const zip = zipOf([
      { name: 'polar-user-data-export/training-session-2024-05-08-1-a.json', bytes: Buffer.from(session('TREADMILL_RUNNING', false)) },
      { name: 'polar-user-data-export/training-session-2024-05-09-2-b.json', bytes: Buffer.from(session('ROAD_BIKING', true)) },
    ]);
    const { outcomes } = await importAll([{ name: 'polar.zip', bytes: zip }]);
    expect(outcomes.map((o) => [o.status, o.sport])).toEqual([
      ['imported', 'running (treadmill)'],
      ['skipped', 'cycling'],
    ]);
    expect(outcomes[1]!.reason).toBe('Polar Flow lists this session as cycling, not running, so it was skipped.');
    expect(db.prepare('SELECT started_at, distance_m, duration_s, surface, source FROM runs').get()).toEqual({ started_at: '2024-05-08T17:00:00Z', distance_m: 8000, duration_s: 2700, surface: 'treadmill', source: 'polar' });
  });
});

describe('a GPX file’s own type', () => {
  it('OpenTracks’ biking and Strava’s old numbered ride are skipped; Strava’s 9 is a run; an untyped track at a cyclist’s speed is imported with a warning', async () => {
    const typed = (points: FitPoint[], type: string) => gpxOf(points).replace('<type>running</type>', `<type>${type}</type>`);
    const { outcomes } = await importAll([
      { name: 'opentracks.gpx', bytes: Buffer.from(typed(run(1), 'biking')) },
      { name: 'strava-old-ride.gpx', bytes: Buffer.from(typed(run(2), '1')) },
      { name: 'strava-old-run.gpx', bytes: Buffer.from(typed(run(3), '9')) },
      { name: 'laufen.gpx', bytes: Buffer.from(typed(run(4), 'Laufen')) },
      { name: 'movescount.gpx', bytes: Buffer.from(gpxOf(run(5, 1800, 5.2)).replace('<type>running</type>', '')) },
    ]);
    expect(outcomes.map((o) => [o.file, o.status, o.sport])).toEqual([
      ['opentracks.gpx', 'skipped', 'biking'],
      ['strava-old-ride.gpx', 'skipped', '1'],
      ['strava-old-run.gpx', 'imported', 'running'],
      ['laufen.gpx', 'imported', 'running'],
      ['movescount.gpx', 'imported', null],
    ]);
    expect(outcomes[0]!.reason).toBe('Its file marks this track as biking (its GPX type), not a run, so it was skipped.');
    expect(outcomes[4]!.warnings).toEqual([
      'This file does not say which sport it was, and it moved at 18.7 km/h on average — a cyclist’s speed, not a runner’s. It was imported as a run; if it was a ride, delete it.',
    ]);
  });
});

const fitTime = (utcMs: number): number => FitEncoder.toFitTimestamp(new Date(utcMs));
const field = (number: number, size: number, baseType: number, value: number) => ({ number, size, baseType, value });

/** A FIT file of `fileType` (4 activity, 6 course) with records, an optional sport message and no session. */
function fitWithoutSession(fileType: number, sport: number | null, points: FitPoint[]): Uint8Array {
  const encoder = new FitEncoder();
  encoder.writeMessage(0, [field(0, 1, FitBaseType.Enum, fileType), field(1, 2, FitBaseType.Uint16, 1), field(4, 4, FitBaseType.Uint32, fitTime(points[0]!.utcMs))], 0);
  if (sport !== null) encoder.writeMessage(12, [field(0, 1, FitBaseType.Enum, sport), field(1, 1, FitBaseType.Enum, 0)], 1);
  for (const point of points) {
    encoder.writeMessage(
      20,
      [
        field(253, 4, FitBaseType.Uint32, fitTime(point.utcMs)),
        field(0, 4, FitBaseType.Sint32, Math.round((point.latitude! * 2 ** 31) / 180)),
        field(1, 4, FitBaseType.Sint32, Math.round((point.longitude! * 2 ** 31) / 180)),
        field(5, 4, FitBaseType.Uint32, Math.round(point.distanceMetres * 100)),
      ],
      2,
    );
  }
  return encoder.close();
}

describe('FIT files get their true outcome', () => {
  it('records with a running sport message and no session are a run; a course is “a course”', async () => {
    const { outcomes } = await importAll([
      { name: 'watch-died.fit', bytes: fitWithoutSession(4, 1, run(1, 600)) },
      { name: 'course.fit', bytes: fitWithoutSession(6, null, run(2, 600)) },
    ]);
    expect(outcomes).toMatchObject([
      { file: 'watch-died.fit', status: 'imported', sport: 'running' },
      { file: 'course.fit', status: 'refused', code: 'not-an-activity', reason: 'This file holds a course (a planned route to follow), not a recorded activity — nothing was imported.' },
    ]);
  });

  it('a records-only file whose sport message says cycling is named cycling, not generic', async () => {
    const { outcomes } = await importAll([{ name: 'ride.fit', bytes: fitWithoutSession(4, 2, run(1, 600, 7)) }]);
    expect(outcomes).toMatchObject([{ status: 'skipped', sport: 'cycling', reason: 'Its device marks this activity as cycling, not running, so it was skipped.' }]);
  });
});

describe('TCX', () => {
  it('a new <Track> at every lap, 1–3 s after the last point, is one stretch: moving time and distance are the whole run’s', async () => {
    const points = run(1, 1800);
    const laps = [0, 1, 2].map((k) => points.slice(k * 600, k * 600 + 599)); // a point or two missing between laps
    const lapXml = laps
      .map((lap) => {
        const first = lap[0]!;
        const last = lap[lap.length - 1]!;
        const track = lap
          .map((p) => `<Trackpoint><Time>${new Date(p.utcMs).toISOString()}</Time><Position><LatitudeDegrees>${p.latitude!.toFixed(7)}</LatitudeDegrees><LongitudeDegrees>${p.longitude!.toFixed(7)}</LongitudeDegrees></Position></Trackpoint>`)
          .join('');
        return `<Lap StartTime="${new Date(first.utcMs).toISOString()}"><TotalTimeSeconds>${(last.utcMs - first.utcMs) / 1000 + 2}</TotalTimeSeconds><DistanceMeters>${last.distanceMetres - first.distanceMetres + 6}</DistanceMeters><Track>${track}</Track></Lap>`;
      })
      .join('\n');
    const tcx = `  \n  <?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Running"><Id>${new Date(points[0]!.utcMs).toISOString()}</Id>
${lapXml}
</Activity></Activities></TrainingCenterDatabase>`;
    const { outcomes } = await importAll([{ name: 'suunto.tcx', bytes: Buffer.from(tcx) }]);
    expect(outcomes).toMatchObject([{ status: 'imported', format: 'tcx' }]);
    const row = db.prepare('SELECT distance_m, duration_s, moving_s FROM runs').get() as { distance_m: number; duration_s: number; moving_s: number };
    expect(row.distance_m).toBeCloseTo(5397, -1); // every gap between tracks counted as running
    expect(row.moving_s).toBeCloseTo(row.duration_s, 0);
  });

  it('a real Polar export with white space before <?xml is read', async () => {
    const { outcomes } = await importAll([{ name: 'polar.tcx', bytes: Buffer.from(`\r\n   ${tcxOf(run(2, 600))}`) }]);
    expect(outcomes).toMatchObject([{ status: 'imported', format: 'tcx' }]);
  });
});

describe('migration 007', () => {
  it('runs.source and run_tracks.source_format take any format of the list: a Polar run is stored; a word that is no source is still refused', () => {
    const insert = db.prepare(
      "INSERT INTO runs (started_at, time_zone, local_date, local_time, distance_m, duration_s, source, created_at, updated_at) VALUES ('2024-05-01T07:00:00Z', 'UTC', '2024-05-01', '07:00', 5000, 1800, ?, 'now', 'now')",
    );
    expect(() => insert.run('polar')).not.toThrow();
    expect(() => insert.run('apple-health')).not.toThrow();
    expect(() => insert.run('Not A Source!')).toThrow(/CHECK constraint/);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
