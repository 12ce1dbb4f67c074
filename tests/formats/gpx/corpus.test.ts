/**
 * Every file of the shared corpus (../shared/gpx-corpus, real files from other projects) and
 * what a runner gets from it. Good files: distance within 1 % of an independent computation
 * (regexp extraction + Vincenty on the WGS84 ellipsoid, see independent-distance.ts). Files that
 * are not a run: the exact refusal reason and message.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGpxSync } from '../../../src-main/formats/gpx/index';
import { ImportRefusal, parseGpx, parseGpxSync, type DerivedRun } from '../../../src-main/import/index';
import { deriveRuns } from '../../../src-main/track/derive';
import { independentTrackMetres } from './independent-distance';

const corpus = path.resolve(__dirname, '../../../../shared/gpx-corpus');
const read = (file: string): Buffer => fs.readFileSync(path.join(corpus, file));
const GIVEN_START = Date.UTC(2024, 0, 1, 8, 0, 0);

const CUT_OFF = 'The file ends in the middle (it looks cut off) — nothing was imported.';
const ROUTE = 'This file holds a planned route, not a recorded run — nothing was imported. Export the activity itself (with its times) from your watch or app.';
const WAYPOINTS = 'This file holds only waypoints (saved places), not a recorded run — nothing was imported.';
const ONE_POINT = 'This file holds only one recorded point — a run needs at least two — nothing was imported.';
const NO_TIMES = "This file has no times, so Stance cannot tell when the run was or how long it took — nothing was imported. Give the run's date, start time and duration to import its distance with an average pace.";
const unusable = (why: string): string =>
  `This file's times cannot time a run (${why}) — nothing was imported. Give the run's date, start time and duration to import its distance with an average pace.`;
const untimedTrack = (track: string): string =>
  `Track ${track} has no times, so Stance cannot tell when it was run or how long it took — nothing was imported from it. Import the file again with that run's date, start time and duration to import its distance with an average pace.`;
const TOO_FAST = 'Most of this recording moves faster than 43 km/h — it looks like a drive or a ride, not a run — nothing was imported.';

interface Refused { refused: ImportRefusal['reason']; message: string; withStartTime?: 'same' | 'imports' }
interface Imported {
  tracks?: number[];
  /** Extra checks a runner would notice. */
  check?: (run: DerivedRun) => void;
}
/** A file holding several recordings: each one's outcome, in the order of its first track. */
type Recording = ({ imported: true } & Imported) | ({ imported: false } & Refused);
interface Several { recordings: Recording[] }
type Expectation = Refused | Imported | Several;

const EXPECTED: Record<string, Expectation> = {
  'derived__run_gpxtpx_truncated.gpx': { refused: 'cut-off', message: CUT_OFF },
  'georust__caltopo-export.gpx': { recordings: [
    {
      imported: false,
      refused: 'times-unusable',
      message: "Track “Day 01” (0.0 km) has times that cannot time a run (every point has the same time, 2019-08-12 23:45 UTC) — nothing was imported from it. Import the file again with that run's date, start time and duration to import its distance with an average pace.",
    },
    { imported: true, tracks: [2], check: (run) => expect(run.name).toBe('Day 02') },
  ] },
  'georust__ecology-trail-and-lovers-lane-loop.gpx': { refused: 'route-only', message: ROUTE },
  'georust__garmin-activity.gpx': {
    check: (run) => {
      // ns3: prefix, not gpxtpx: — matched by namespace.
      expect(run.averageHeartRate).toBeGreaterThan(100);
      expect(run.maxHeartRate).toBe(171);
      expect(run.streams.cadence.filter((c) => !Number.isNaN(c)).length).toBe(988);
      expect(run.name).toBe('casual stroll');
      expect(run.splitsPerKilometre.length).toBe(13);
    },
  },
  'georust__garmin_with_extensions.gpx': { check: (run) => expect(run.movingSeconds!).toBeLessThan(run.elapsedSeconds!) },
  'georust__outdooractive-export.gpx': { refused: 'no-times', message: NO_TIMES, withStartTime: 'imports' },
  'georust__strava_route_example.gpx': { refused: 'no-times', message: NO_TIMES, withStartTime: 'imports' },
  'georust__wahoo_example.gpx': { check: (run) => {
    expect(run.distanceMetres).toBe(0);
    expect(run.warnings.map((w) => w.code)).toContain('no-distance');
  } },
  'gpxstudio__with_power_2.gpx': { refused: 'no-times', message: NO_TIMES, withStartTime: 'imports' },
  'mapbox__blue_hills.gpx': { recordings: [
    { imported: true, tracks: [1], check: (run) => expect(run.name).toBe('BIG LOOP') },
    { imported: true, tracks: [2], check: (run) => expect(run.name).toBe('BUCK HILL') },
    { imported: true, tracks: [3], check: (run) => expect(run.startUtcMs).toBe(Date.UTC(2001, 4, 26, 15, 15, 7)) },
  ] },
  'mapbox__missing_hr.gpx': { check: (run) => {
    expect(run.averageHeartRate).not.toBeNull();
    expect(run.streams.heartRate.some((bpm) => Number.isNaN(bpm))).toBe(true);
    expect(run.streams.pieceStarts.length).toBe(3);
  } },
  'mapbox__multitrackgpx.gpx': { recordings: [
    { imported: true, tracks: [1], check: (run) => expect(run.name).toBe('Tag 1') },
    { imported: true, tracks: [2], check: (run) => expect(run.name).toBe('Tag 2') },
    { imported: true, tracks: [3], check: (run) => expect(run.name).toBe('Tag 3') },
  ] },
  // An OpenStreetMap trace collection: two drives and an untimed trace of 19.6 km, each on its own.
  'mapbox__osm.gpx': { recordings: [
    { imported: false, refused: 'too-fast-for-a-run', message: TOO_FAST },
    { imported: false, refused: 'too-fast-for-a-run', message: TOO_FAST },
    { imported: false, refused: 'no-times', message: untimedTrack('3 (19.6 km)') },
  ] },
  'mapbox__run.gpx': { check: (run) => expect(run.maxHeartRate).toBe(203) },
  'mapbox__run_gpxtpx.gpx': { check: (run) => {
    expect(run.warnings.map((w) => w.code)).toContain('spikes-left-out');
    expect(run.name).toBe('Greeting SF with a dumb, dumb route');
  } },
  'mapbox__trek.gpx': { refused: 'route-only', message: ROUTE },
  'opentracksapp__gpx_timezone.gpx': { refused: 'too-few-points', message: ONE_POINT },
  'opentracksapp__legacy_gpx_trackpointextensions_incorrect.gpx': { check: (run) => {
    // 3 segments; the 2nd → 3rd jumps 2° of longitude (222 km): a gap, never distance.
    expect(run.distanceMetres).toBeLessThan(250);
    expect(run.utcOffsetMinutes).toBe(60);
    expect(run.startUtcMs).toBe(Date.UTC(2020, 1, 2, 2, 2, 3));
    expect(Array.from(run.streams.heartRate).filter((bpm) => !Number.isNaN(bpm))).toEqual([69]);
    expect(Array.from(run.streams.powerWatts).filter((w) => !Number.isNaN(w))).toEqual([50]);
  } },
  'placemark__Friday-Evening-Run.gpx': { check: (run) => {
    expect(run.streams.pieceStarts.length).toBe(3);
    expect(run.movingSeconds!).toBeLessThan(run.elapsedSeconds!);
  } },
  'placemark__apple_watch_route.gpx': {},
  'placemark__bad.gpx': {
    refused: 'no-valid-positions',
    message: 'None of the 2 points in this file has a readable position (latitude and longitude) — nothing was imported.',
  },
  'placemark__empty_ele.gpx': { refused: 'too-few-points', message: ONE_POINT },
  'placemark__empty_trk.gpx': { refused: 'empty-track', message: "This file's track is empty: it holds no recorded points — nothing was imported." },
  'placemark__north_core.gpx': { refused: 'no-times', message: NO_TIMES },
  'placemark__opencpn.gpx': { refused: 'route-only', message: ROUTE },
  'placemark__strava.gpx': { check: (run) => {
    expect(Array.from(run.streams.powerWatts).filter((w) => !Number.isNaN(w))).toEqual([75]); // bare <power>
    expect(run.maxHeartRate).toBe(160);
  } },
  'placemark__unique_trkpt.gpx': { refused: 'too-few-points', message: ONE_POINT },
  'placemark__wpt.gpx': { refused: 'waypoints-only', message: WAYPOINTS },
  'tkrajina__Mojstrovka.gpx': {
    refused: 'times-unusable',
    message: unusable('they are dated before 1990 or after 2099 — the receiver had not set its clock'),
    withStartTime: 'imports',
  },
  'tkrajina__cerknicko-without-times.gpx': { refused: 'times-unusable', message: unusable('only 5 of its 296 points have a time') },
  'tkrajina__gpx-with-node-with-comments.gpx': { refused: 'too-few-points', message: ONE_POINT },
  'tkrajina__gpx-without-xml-declaration.gpx': { refused: 'too-few-points', message: ONE_POINT },
  'tkrajina__gpx1.0_with_all_fields.gpx': { refused: 'too-few-points', message: ONE_POINT },
  'tkrajina__gpx1.1_with_all_fields.gpx': { refused: 'too-few-points', message: ONE_POINT },
  'tkrajina__iso8859-1encoded.gpx': { refused: 'waypoints-only', message: WAYPOINTS },
  // Garmin: an empty track, an untimed 8.6 km track of another stretch, and the timed active log in two tracks.
  'tkrajina__korita-zbevnica.gpx': { recordings: [
    { imported: false, refused: 'no-times', message: untimedTrack('“03-OCT-10 #2” (8.6 km)') },
    { imported: true, tracks: [3, 4], check: (run) => {
      expect(run.tracksUsed).toEqual([3, 4]);
      expect(run.warnings.map((w) => w.code)).toEqual(['tracks-joined']);
    } },
  ] },
  'tkrajina__track-with-empty-segment.gpx': {},
  'tkrajina__track-with-less-sec-time.gpx': { check: (run) => {
    expect(run.utcOffsetMinutes).toBe(60);
    expect(run.startUtcMs).toBe(Date.UTC(2015, 11, 11, 14, 43, 13));
    expect(run.elapsedSeconds).toBeCloseTo(0.994, 6);
  } },
  'tkrajina__track_with_speed.gpx': {},
  'tkrajina__unicode_with_bom.gpx': { refused: 'waypoints-only', message: WAYPOINTS },
};

function refusalOf(run: () => unknown): ImportRefusal {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal, but the file was imported');
}

describe('the shared GPX corpus', () => {
  const files = fs.readdirSync(corpus).filter((name) => name.endsWith('.gpx')).sort();

  it('has an expected outcome for every file', () => {
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  const checkImported = (file: string, run: DerivedRun, expected: Imported): void => {
    expect(run.startTimeFrom).toBe('file');
    const independent = independentTrackMetres(read(file).toString('latin1'), { onlyTracks: expected.tracks ?? [1] });
    if (independent === 0) expect(run.distanceMetres).toBe(0);
    else expect(Math.abs(run.distanceMetres - independent) / independent).toBeLessThan(0.01);
    expect(run.pointCount).toBe(run.streams.latitude.length);
    expect(run.elapsedSeconds).not.toBeNull();
    expect(run.movingSeconds!).toBeLessThanOrEqual(run.elapsedSeconds! + 1e-9);
    expect(run.fingerprint.pointsSha256).toMatch(/^[0-9a-f]{64}$/);
    expected.check?.(run);
  };

  for (const file of files) {
    const expected = EXPECTED[file];
    if (expected === undefined) continue;
    if ('recordings' in expected) {
      it(`${file}: ${expected.recordings.length} recordings, each with its own outcome`, () => {
        const outcomes = deriveRuns(readGpxSync(read(file)));
        expect(outcomes.map((outcome) => ('run' in outcome.result ? 'imported' : outcome.result.refusal.reason))).toEqual(
          expected.recordings.map((recording) => (recording.imported ? 'imported' : recording.refused)),
        );
        outcomes.forEach((outcome, k) => {
          const recording = expected.recordings[k];
          if (recording === undefined) return;
          if ('run' in outcome.result) {
            if (recording.imported) {
              expect(outcome.tracksUsed).toEqual(recording.tracks ?? [1]);
              checkImported(file, outcome.result.run, recording);
            }
          } else if (!recording.imported) {
            expect(outcome.result.refusal.message).toBe(recording.message);
          }
        });
        // Several runs from one file never share a fingerprint.
        const fingerprints = outcomes.flatMap((outcome) => ('run' in outcome.result ? [outcome.result.run.fingerprint.pointsSha256] : []));
        expect(new Set(fingerprints).size).toBe(fingerprints.length);
      });
    } else if ('refused' in expected) {
      it(`${file}: refused (${expected.refused})`, () => {
        const refusal = refusalOf(() => parseGpxSync(read(file)));
        expect(refusal.reason).toBe(expected.refused);
        expect(refusal.message).toBe(expected.message);
        if (expected.withStartTime === 'imports') {
          const run = parseGpxSync(read(file), { startTime: GIVEN_START });
          expect(run.startUtcMs).toBe(GIVEN_START);
          expect(run.startTimeFrom).toBe('given');
          expect(run.movingSeconds).toBeNull();
          expect(run.elapsedSeconds).toBeNull();
          expect(run.splitsPerKilometre).toEqual([]);
          const independent = independentTrackMetres(read(file).toString('latin1'), { onlyTracks: run.tracksUsed, timed: false });
          expect(Math.abs(run.distanceMetres - independent) / independent).toBeLessThan(0.01);
        }
      });
    } else {
      it(`${file}: imported, distance within 1% of Vincenty on the raw points`, async () => {
        checkImported(file, await parseGpx(read(file)), expected);
      });
    }
  }

  it('reads the same run from a stream of tiny chunks as from a Buffer', async () => {
    const bytes = read('mapbox__run_gpxtpx.gpx');
    async function* inSevenByteChunks(): AsyncGenerator<Buffer> {
      for (let at = 0; at < bytes.length; at += 7) yield bytes.subarray(at, at + 7);
    }
    const streamed = await parseGpx(inSevenByteChunks());
    const whole = parseGpxSync(bytes);
    expect(streamed.distanceMetres).toBe(whole.distanceMetres);
    expect(streamed.fingerprint).toEqual(whole.fingerprint);
  });

  it('reads a file from a Node read stream', async () => {
    const run = await parseGpx(fs.createReadStream(path.join(corpus, 'georust__garmin-activity.gpx'), { highWaterMark: 1024 }));
    expect(run.name).toBe('casual stroll');
  });

  it('the truncated upload is refused from a stream too', async () => {
    await expect(parseGpx(fs.createReadStream(path.join(corpus, 'derived__run_gpxtpx_truncated.gpx')))).rejects.toMatchObject({
      reason: 'cut-off',
      message: CUT_OFF,
    });
  });

  it('one track of a file holding several recordings can be chosen', () => {
    const run = parseGpxSync(read('mapbox__multitrackgpx.gpx'), { trackNumber: 2 });
    expect(run.name).toBe('Tag 2');
    expect(run.tracksUsed).toEqual([2]);
    const independent = independentTrackMetres(read('mapbox__multitrackgpx.gpx').toString('latin1'), { onlyTracks: [2] });
    expect(Math.abs(run.distanceMetres - independent) / independent).toBeLessThan(0.01);
    const refusal = refusalOf(() => parseGpxSync(read('mapbox__multitrackgpx.gpx'), { trackNumber: 9 }));
    expect(refusal.reason).toBe('no-such-track');
  });
});
