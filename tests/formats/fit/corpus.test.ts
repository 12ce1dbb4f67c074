/**
 * Every FIT file of the shared corpus (../shared/fit-tcx-corpus, real files from other projects'
 * test data; README.md there gives each one's sport and distances) imported into a real database,
 * with the outcome a runner would see. Runs with GPS: distance within 1% of gpsbabel's reading of
 * the same file measured independently; runs without GPS: the watch's own distance, exactly.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StanceDatabase } from '../../../src-main/db/open';
import { importActivities, type ActivityOutcome } from '../../../src-main/import/activities';
import { decodeStreams } from '../../../src-main/track/streams-codec';
import { thinRoute } from '../../../src-main/track/track-view';
import { gpsbabelGpx, metresBetween } from '../gpsbabel-measure';
import { openTempDatabase } from '../../support/temp-db';
import { fitActivity, straightRun } from './generate-fit';

const corpus = path.resolve(__dirname, '../../../../shared/fit-tcx-corpus');
const NOW = new Date('2026-11-29T12:00:00Z');

let db: StanceDatabase;
let cleanup: () => void;
beforeEach(async () => {
  ({ db, cleanup } = await openTempDatabase());
});
afterEach(() => cleanup());

function importFile(file: string): ActivityOutcome[] {
  return importActivities(db, fs.readFileSync(path.join(corpus, file)), { file, entry: null, timeZone: 'Europe/Oslo' }, NOW);
}

interface StoredRun {
  distance_m: number;
  duration_s: number;
  moving_s: number | null;
  avg_heart_rate: number | null;
  effort: number | null;
  effort_from_watch: number;
  surface: string | null;
  source_format: string;
  device_name: string | null;
  sport: string | null;
  started_at: string;
  streams: Buffer;
}

function stored(runId: number): StoredRun {
  return db
    .prepare('SELECT runs.*, run_tracks.source_format, run_tracks.device_name, run_tracks.sport, run_tracks.streams FROM runs JOIN run_tracks ON run_tracks.run_id = runs.id WHERE runs.id = ?')
    .get(runId) as StoredRun;
}

const DAMAGED = (why: string): string =>
  `This FIT file is damaged: ${why}. Stance imports a FIT file only when every byte of it checks out — nothing was imported. Copy the file from the watch again, or export the activity again from its app.`;

describe('FIT corpus: runs', () => {
  const gpsRuns: [string, number, string][] = [
    ['fitparse__activity-small-fenix2-run.fit', 9008, 'Garmin Fenix 2'],
    ['fitparser__running-with-developer-data.fit', 5383, 'Garmin Fenix 5 X'],
    ['fitparse__garmin-fenix-5-run.fit', 158, 'Garmin Fenix 5'],
  ];
  for (const [file, deviceMetres, device] of gpsRuns) {
    it(`${file}: one run, within 1% of gpsbabel's route and of the watch's ${deviceMetres} m, from the ${device}`, () => {
      const outcomes = importFile(file);
      expect(outcomes.map((o) => [o.status, o.sport, o.format, o.deviceName])).toEqual([['imported', 'running', 'fit', device]]);
      const run = stored(outcomes[0]!.runId!);
      const start = Date.parse(run.started_at);
      const independent = metresBetween(gpsbabelGpx(path.join(corpus, file), 'fit'), start, start + run.duration_s * 1000);
      expect(Math.abs(run.distance_m - independent) / independent).toBeLessThan(0.01);
      expect(Math.abs(run.distance_m - deviceMetres) / deviceMetres).toBeLessThan(0.03);
      expect([run.source_format, run.device_name, run.sport]).toEqual(['fit', device, 'running']);
      const streams = decodeStreams(run.streams);
      const cadence = Array.from(streams.cadence).filter((c) => c > 0);
      // Steps per minute (both feet), not FIT's strides of one leg.
      expect(cadence.reduce((a, b) => a + b, 0) / cadence.length).toBeGreaterThan(140);
      expect(run.avg_heart_rate).toBeGreaterThan(60);
    });
  }

  it('fitparse__compressed-speed-distance.fit: no GPS, so the watch\'s 10,249 m and its timer, no route', () => {
    const [only] = importFile('fitparse__compressed-speed-distance.fit');
    expect(only).toMatchObject({ status: 'imported', sport: 'running', deviceName: 'Garmin Forerunner 70' });
    expect(only!.warnings).toContain('This run has no GPS route: its distance and time are the watch’s own (a treadmill or indoor run, or GPS off).');
    const run = stored(only!.runId!);
    expect(run.distance_m).toBeCloseTo(10248.67, 2);
    expect(run.duration_s).toBeCloseTo(3883.273, 3);
    expect(run.moving_s).toBeCloseTo(3772.75, 2); // the timer was stopped for a while
    const streams = decodeStreams(run.streams);
    expect(thinRoute(streams)).toEqual([]); // no route drawn
    // The unpacked footpod distance reaches (nearly) the session's total.
    expect(streams.metresFromStart[streams.metresFromStart.length - 1]).toBeGreaterThan(10_000);
  });

  it('fitparse__activity-large-fenxi2-multisport.fit: its two running legs are two runs; transitions and the ride are skipped', () => {
    const outcomes = importFile('fitparse__activity-large-fenxi2-multisport.fit');
    expect(outcomes.map((o) => [o.recording, o.status, o.sport])).toEqual([
      [1, 'skipped', 'generic'],
      [2, 'skipped', 'transition'],
      [3, 'imported', 'running'],
      [4, 'skipped', 'transition'],
      [5, 'imported', 'running'],
      [6, 'skipped', 'transition'],
      [7, 'skipped', 'cycling'],
    ]);
    expect(outcomes[6]!.reason).toBe('Its device marks this activity as cycling, not running, so it was skipped.');
    const gpx = gpsbabelGpx(path.join(corpus, 'fitparse__activity-large-fenxi2-multisport.fit'), 'fit');
    for (const [k, deviceMetres] of [[2, 2245.23], [4, 12740.37]] as const) {
      const run = stored(outcomes[k]!.runId!);
      const start = Date.parse(run.started_at);
      const independent = metresBetween(gpx, start, start + run.duration_s * 1000);
      expect(Math.abs(run.distance_m - independent) / independent).toBeLessThan(0.01);
      expect(Math.abs(run.distance_m - deviceMetres) / deviceMetres).toBeLessThan(0.01);
    }
    expect((db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n).toBe(2);
  });
});

describe('FIT corpus: other sports are skipped, naming the sport', () => {
  const others: [string, string][] = [
    ['fitparse__garmin-fenix-5-walk.fit', 'walking'],
    ['fitparse__garmin-fenix-5-bike.fit', 'cycling'],
    ['fitparse__20170518-191602-1740899583.fit', 'fitness equipment (indoor rowing)'],
    ['fitparse__event_timestamp.fit', 'swimming (lap swimming)'], // two FIT files chained in one
    ['fitparse__sample-activity-indoor-trainer.fit', 'cycling'],
    ['fitparser__snorkeling-unknown-sport.fit', 'snorkeling'],
  ];
  for (const [file, sport] of others) {
    it(`${file}: skipped as ${sport}`, () => {
      expect(importFile(file)).toMatchObject([{ status: 'skipped', sport, code: 'other-sport', reason: `Its device marks this activity as ${sport}, not running, so it was skipped.` }]);
      expect((db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n).toBe(0);
    });
  }
});

describe('FIT corpus: damaged files are refused, saying so', () => {
  const damaged: [string, string][] = [
    ['fitparse__activity-filecrc.fit', 'its checksum (CRC) does not match its contents'],
    ['fitparse__activity-unexpected-eof.fit', 'it is cut off (its header promises 771 bytes, the file has 768)'],
    ['fitparse__activity-settings-corruptheader.fit', 'its header is damaged (it says the file is 771 bytes long, but it has 854)'],
    // Its header promises 19 bytes more than the app wrote: cut off, so refused like any other.
    ['fitparse__strava-android-app-201.10-b1218918.fit', 'it is cut off (its header promises 78,252 bytes, the file has 78,233)'],
  ];
  for (const [file, why] of damaged) {
    it(`${file}: refused (${why.split(' (')[0]})`, () => {
      expect(importFile(file)).toMatchObject([{ status: 'refused', code: 'damaged-file', reason: DAMAGED(why) }]);
      expect((db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number }).n).toBe(0);
    });
  }
});

describe('FIT written by a watch with the runner’s rating', () => {
  const start = Date.UTC(2024, 4, 4, 7, 0, 0);
  it('RPE pre-fills the effort (marked as from the watch), feel is kept, pauses are not moving time', () => {
    const bytes = fitActivity([{ sport: 1, subSport: 3, points: straightRun({ startUtcMs: start, seconds: 1200 }), rpe: 7, feel: 75, pauses: [[start + 300_000, start + 420_000]] }]);
    const [only] = importActivities(db, bytes, { file: 'trail.fit', entry: null, timeZone: 'Europe/London' }, NOW);
    expect(only).toMatchObject({ status: 'imported', sport: 'running (trail)', deviceName: 'Garmin Forerunner 255' });
    const run = stored(only!.runId!);
    expect([run.effort, run.effort_from_watch, run.surface]).toEqual([7, 1, 'trail']);
    expect(run.duration_s).toBe(1200);
    expect(run.moving_s).toBeCloseTo(1080, 0);
    expect(run.distance_m).toBeCloseTo(3 * 1080, -1); // the 2 minutes stopped are not distance
    const feel = db.prepare('SELECT watch_feel FROM run_tracks WHERE run_id = ?').get(only!.runId) as { watch_feel: string };
    expect(feel.watch_feel).toBe('strong');
    const cadence = decodeStreams(run.streams).cadence;
    expect(cadence[10]).toBeCloseTo(171, 0);
  });

  it('a treadmill run with positions keeps no route and the watch\'s distance', () => {
    const bytes = fitActivity([{ sport: 1, subSport: 1, points: straightRun({ startUtcMs: start, seconds: 600, metresPerSecond: 2.9 }), totalDistanceMetres: 1745 }]);
    const [only] = importActivities(db, bytes, { file: 'treadmill.fit', entry: null, timeZone: 'UTC' }, NOW);
    expect(only).toMatchObject({ status: 'imported', sport: 'running (treadmill)', distanceMetres: 1745 });
    expect(stored(only!.runId!).surface).toBe('treadmill');
  });

  it('the same FIT file twice is one run', () => {
    const bytes = fitActivity([{ sport: 1, points: straightRun({ startUtcMs: start, seconds: 600 }) }]);
    importActivities(db, bytes, { file: 'a.fit', entry: null, timeZone: 'UTC' }, NOW);
    expect(importActivities(db, bytes, { file: 'a.fit', entry: null, timeZone: 'UTC' }, NOW)).toMatchObject([{ status: 'duplicate', code: 'same-points' }]);
  });
});
