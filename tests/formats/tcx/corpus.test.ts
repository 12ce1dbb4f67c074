/**
 * Every TCX file of the shared corpus imported into a real database with the outcome a runner
 * would see, and TCX files written here for the format's known traps. Runs with GPS: distance
 * within 1% of gpsbabel's reading of the same file, measured independently.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StanceDatabase } from '../../../src-main/db/open';
import { importActivities, type ActivityOutcome } from '../../../src-main/import/activities';
import { decodeStreams } from '../../../src-main/track/streams-codec';
import { gpsbabelGpx, metresBetween } from '../gpsbabel-measure';
import { openTempDatabase } from '../../support/temp-db';

const corpus = path.resolve(__dirname, '../../../../shared/fit-tcx-corpus');
const NOW = new Date('2026-11-29T12:00:00Z');

let db: StanceDatabase;
let cleanup: () => void;
beforeEach(async () => {
  ({ db, cleanup } = await openTempDatabase());
});
afterEach(() => cleanup());

function importBytes(bytes: Uint8Array, file: string): ActivityOutcome[] {
  return importActivities(db, bytes, { file, entry: null, timeZone: 'UTC' }, NOW);
}
const importFile = (file: string): ActivityOutcome[] => importBytes(fs.readFileSync(path.join(corpus, file)), file);

interface StoredRun {
  distance_m: number;
  duration_s: number;
  moving_s: number | null;
  avg_heart_rate: number | null;
  started_at: string;
  source_format: string;
  device_name: string | null;
  streams: Buffer;
}
const stored = (runId: number): StoredRun =>
  db.prepare('SELECT runs.*, run_tracks.source_format, run_tracks.device_name, run_tracks.streams FROM runs JOIN run_tracks ON run_tracks.run_id = runs.id WHERE runs.id = ?').get(runId) as StoredRun;
const runCount = (): number => (db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n;

function expectWithinOnePercentOfGpsbabel(file: string, run: StoredRun): void {
  const start = Date.parse(run.started_at);
  const independent = metresBetween(gpsbabelGpx(path.join(corpus, file), 'tcx'), start, start + run.duration_s * 1000);
  expect(Math.abs(run.distance_m - independent) / independent).toBeLessThan(0.01);
}

describe('TCX corpus', () => {
  it('tcxparser__test.tcx: a run of 3 laps with heart rate, within 1% of gpsbabel and of its laps\' 4,689 m', () => {
    const [only] = importFile('tcxparser__test.tcx');
    expect(only).toMatchObject({ status: 'imported', sport: 'running', format: 'tcx', deviceName: 'Forerunner 410 Software Version 2.20' });
    const run = stored(only!.runId!);
    expectWithinOnePercentOfGpsbabel('tcxparser__test.tcx', run);
    expect(Math.abs(run.distance_m - 4689) / 4689).toBeLessThan(0.01);
    expect(run.avg_heart_rate).toBeGreaterThan(100);
    expect(run.source_format).toBe('tcx');
  });

  it('tcxparser__no_hr.tcx: the same run without heart rate; and it is the same run as test.tcx', () => {
    const [only] = importFile('tcxparser__no_hr.tcx');
    const run = stored(only!.runId!);
    expectWithinOnePercentOfGpsbabel('tcxparser__no_hr.tcx', run);
    expect(run.avg_heart_rate).toBeNull();
    expect(importFile('tcxparser__test.tcx')).toMatchObject([{ status: 'duplicate', runId: only!.runId }]);
  });

  it('togeojson__sample.tcx: 19 points over three tracks whose device distance runs on across the breaks: the route is measured, the laps\' 8.3 km is not believed', () => {
    const [only] = importFile('togeojson__sample.tcx');
    expect(only!.status).toBe('imported');
    const run = stored(only!.runId!);
    expectWithinOnePercentOfGpsbabel('togeojson__sample.tcx', run);
    expect(only!.warnings).toContain("The file's laps add up to 8.35 km, but its recorded route measures 3.32 km; Stance uses the route.");
  });

  const others: [string, string][] = [
    ['tcxparser__sup_activity_1.tcx', 'other'],
    ['togeojson__garmin_connect.tcx', 'cycling'],
    ['togeojson__tour_hr.tcx', 'cycling'],
    ['togeojson__bad.tcx', 'cycling'],
  ];
  for (const [file, sport] of others) {
    it(`${file}: skipped as ${sport}`, () => {
      const named = sport === 'other' ? '“Other”' : sport;
      expect(importFile(file)).toMatchObject([{ status: 'skipped', sport, reason: `Its device marks this activity as ${named}, not running, so it was skipped.` }]);
      expect(runCount()).toBe(0);
    });
  }

  it('togeojson__tcx-courses.tcx: a course is a planned route, refused', () => {
    expect(importFile('togeojson__tcx-courses.tcx')).toMatchObject([
      { status: 'refused', code: 'route-only', reason: 'This TCX file holds a course (a planned route), not a recorded run — nothing was imported. Export the activity itself from your watch or app.' },
    ]);
  });
});

/** A TCX file of the given activities (raw XML inside <Activities>). */
function tcx(activities: string): Uint8Array {
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2" xmlns:ns3="http://www.garmin.com/xmlschemas/ActivityExtension/v2">
  <Activities>${activities}</Activities>
</TrainingCenterDatabase>`);
}

interface PointSpec { second: number; metres: number; position?: boolean; cadence?: number; speed?: number }
function trackpoint(startMs: number, point: PointSpec): string {
  const position = point.position === false ? '' : `<Position><LatitudeDegrees>${(51.5 + (point.metres % 100_000) / 111_195).toFixed(7)}</LatitudeDegrees><LongitudeDegrees>-0.1</LongitudeDegrees></Position>`;
  const cadence = point.cadence === undefined ? '' : `<Extensions><ns3:TPX><ns3:Speed>${point.speed ?? 3}</ns3:Speed><ns3:RunCadence>${point.cadence}</ns3:RunCadence></ns3:TPX></Extensions>`;
  return `<Trackpoint><Time>${new Date(startMs + point.second * 1000).toISOString()}</Time>${position}<DistanceMeters>${point.metres}</DistanceMeters><HeartRateBpm><Value>150</Value></HeartRateBpm>${cadence}</Trackpoint>`;
}
function track(startMs: number, points: PointSpec[]): string {
  return `<Track>${points.map((p) => trackpoint(startMs, p)).join('')}</Track>`;
}
const range = (from: number, to: number, each: (s: number) => PointSpec): PointSpec[] => Array.from({ length: to - from + 1 }, (_, k) => each(from + k));

describe('TCX traps', () => {
  const start = Date.UTC(2024, 5, 1, 6, 0, 0);

  it('a track break is a pause: neither distance nor moving time', () => {
    const bytes = tcx(`<Activity Sport="Running"><Id>${new Date(start).toISOString()}</Id><Lap StartTime="${new Date(start).toISOString()}"><TotalTimeSeconds>1080</TotalTimeSeconds><DistanceMeters>3000</DistanceMeters>
      ${track(start, range(0, 500, (s) => ({ second: s, metres: s * 3 })))}
      ${track(start, range(600, 1100, (s) => ({ second: s, metres: 1500 + (s - 600) * 3 })))}</Lap></Activity>`);
    const [only] = importBytes(bytes, 'break.tcx');
    const run = stored(only!.runId!);
    expect(run.duration_s).toBe(1100);
    expect(run.moving_s).toBeCloseTo(1000, 0);
    expect(run.distance_m).toBeGreaterThan(2990);
    expect(run.distance_m).toBeLessThan(3010);
  });

  it('a first point without position is left out; RunCadence (strides per minute) is stored as steps per minute', () => {
    const points = range(0, 600, (s) => ({ second: s, metres: s * 3, cadence: 86, speed: 3 }));
    points[0] = { second: 0, metres: 0, position: false };
    const [only] = importBytes(tcx(`<Activity Sport="Running"><Id>${new Date(start).toISOString()}</Id><Lap StartTime="${new Date(start).toISOString()}">${track(start, points)}</Lap></Activity>`), 'first.tcx');
    expect(only!.status).toBe('imported');
    const streams = decodeStreams(stored(only!.runId!).streams);
    expect(streams.cadence[5]).toBe(172);
    expect(streams.latitude[0]).toBeGreaterThan(51);
  });

  it('a treadmill leg of a multisport session, its distance counting on from the ride before: the leg\'s own laps and distance', () => {
    const rideStart = start;
    const runStart = start + 3_600_000;
    const bytes = tcx(`<MultiSportSession><Id>${new Date(rideStart).toISOString()}</Id>
      <FirstSport><Activity Sport="Biking"><Id>${new Date(rideStart).toISOString()}</Id><Lap StartTime="${new Date(rideStart).toISOString()}"><TotalTimeSeconds>3000</TotalTimeSeconds><DistanceMeters>25000</DistanceMeters>${track(rideStart, range(0, 300, (s) => ({ second: s * 10, metres: s * 83 })))}</Lap></Activity></FirstSport>
      <NextSport><Activity Sport="Running"><Id>${new Date(runStart).toISOString()}</Id><Lap StartTime="${new Date(runStart).toISOString()}"><TotalTimeSeconds>1200</TotalTimeSeconds><DistanceMeters>3600</DistanceMeters>${track(runStart, range(0, 1200, (s) => ({ second: s, metres: 25000 + s * 3, position: false })))}</Lap></Activity></NextSport>
    </MultiSportSession>`);
    const outcomes = importBytes(bytes, 'brick.tcx');
    expect(outcomes.map((o) => [o.recording, o.status, o.sport])).toEqual([[1, 'skipped', 'cycling'], [2, 'imported', 'running']]);
    const run = stored(outcomes[1]!.runId!);
    expect(run.distance_m).toBe(3600);
    const streams = decodeStreams(run.streams);
    expect(streams.metresFromStart[0]).toBe(0);
    expect(streams.metresFromStart[streams.metresFromStart.length - 1]).toBeCloseTo(3600, 0);
  });

  it('garbage device distances do not reach a run without GPS', () => {
    const points = range(0, 900, (s) => ({ second: s, metres: s * 3, position: false }));
    points[0] = { second: 0, metres: 8348.5, position: false };
    points[400] = { second: 400, metres: -5, position: false };
    const [only] = importBytes(tcx(`<Activity Sport="Running"><Id>${new Date(start).toISOString()}</Id><Lap StartTime="${new Date(start).toISOString()}"><TotalTimeSeconds>900</TotalTimeSeconds><DistanceMeters>NaN</DistanceMeters>${track(start, points)}</Lap></Activity>`), 'garbage.tcx');
    expect(only!.status).toBe('imported');
    expect(stored(only!.runId!).distance_m).toBeCloseTo(2700 - 3, 0);
  });

  it('a TCX file with no activity and no course is refused as not an activity', () => {
    expect(importBytes(tcx(''), 'empty.tcx')).toMatchObject([{ status: 'refused', code: 'not-an-activity' }]);
  });
});
