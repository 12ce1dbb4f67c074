/**
 * Polar Flow's account export ("Download your data" at account.polar.com): one JSON file per
 * training session (`training-session-<date>-<id>-<uuid>.json`) beside account, settings and
 * daily-activity files. This reader turns one training-session file into the neutral recording
 * (track/recording.ts); other files of the export are not sessions (`isPolarTrainingSession`).
 *
 * Two layouts are read (both seen in real exports):
 *  - the 2019–2021 layout: `startTime` / `stopTime` in the session's local time with
 *    `timeZoneOffset` (minutes), `distance` (metres), `duration` ("PT1800S"), `sport`
 *    ("RUNNING", "TRAIL_RUNNING"…), and `exercises[]` each with the same and `samples`:
 *    `heartRate[]` / `distance[]` / `altitude[]` / `cadence[]` ({dateTime, value}) and
 *    `recordedRoute[]` ({dateTime, latitude, longitude, altitude});
 *  - the newer layout: `durationMillis`, `distanceMeters`, `sport: {id}` (Polar's sport ids:
 *    1 running, 2 cycling…), exercises with `routes.route.wayPoints[]` ({latitude, longitude,
 *    altitude, elapsedMillis}) and `samples.samples[]` ({type: "HEART_RATE", intervalMillis, values}).
 * Sample times are written without a zone: read as UTC when that puts the first sample at the
 * session's start, else as the session's local time (exports differ).
 *
 * Each exercise is one recording, its sport the exercise's (or the session's); a running
 * exercise with a route keeps its positions, one without keeps its heart rate over time and the
 * watch's distance, one without any sample is a run without a track (its totals).
 *
 * The files are read whole with JSON.parse: a session of a 24-hour ultra at 1 s is ~30 MB;
 * the batch's member limit (import/archive.ts) bounds what arrives here.
 */
import { createHash } from 'node:crypto';
import { PointFingerprinter } from '../../track/fingerprint';
import { GrowingIndexList, GrowingPointColumns } from '../../track/point-columns';
import type { RecordedFile, RecordedTrack } from '../../track/recording';
import { refuse } from '../../track/refusals';
import { isBelievableRecordingTime } from '../../track/timestamps';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : Number.NaN);

/** Polar's numeric sport ids (Polar AccessLink "sport id") for the common sports. */
const POLAR_SPORT_IDS: Record<string, string> = {
  '1': 'RUNNING',
  '2': 'CYCLING',
  '3': 'WALKING',
  '4': 'JOGGING',
  '5': 'MOUNTAIN_BIKING',
  '6': 'CROSS-COUNTRY_SKIING',
  '11': 'HIKING',
  '15': 'OTHER_INDOOR',
  '16': 'OTHER_OUTDOOR',
  '17': 'ROAD_RUNNING',
  '18': 'TRAIL_RUNNING',
  '23': 'SWIMMING',
  '27': 'TREADMILL_RUNNING',
  '103': 'POOL_SWIMMING',
};

/** Polar's sport word ("TRAIL_RUNNING") → the neutral sport and sub-sport. */
export function polarSport(raw: unknown): { sport: string; subSport: string | null; words: string } {
  const word = isObject(raw) ? String(raw.id ?? raw.name ?? '') : String(raw ?? '');
  const name = (POLAR_SPORT_IDS[word] ?? word).toUpperCase().trim();
  const words = name.toLowerCase().replace(/_/g, ' ') || 'an unknown sport';
  if (/SKI|BIK|CYCL/.test(name)) return { sport: /SKI/.test(name) ? 'skiing' : 'cycling', subSport: null, words };
  if (name === 'JOGGING' || /RUNNING$/.test(name) || name === 'RUNNING' || name === 'ULTRARUNNING_RUNNING') {
    const subSport = /TREADMILL/.test(name) ? 'treadmill' : /TRAIL/.test(name) ? 'trail' : /TRACK/.test(name) ? 'track' : /ROAD/.test(name) ? 'road' : null;
    return { sport: 'running', subSport, words };
  }
  if (/WALK/.test(name)) return { sport: 'walking', subSport: null, words };
  if (/HIK/.test(name)) return { sport: 'hiking', subSport: null, words };
  if (/SWIM/.test(name)) return { sport: 'swimming', subSport: null, words };
  return { sport: words, subSport: null, words };
}

/** "PT1800S", "PT1H2M3.5S" → seconds; NaN when not an ISO 8601 duration. */
export function isoDurationSeconds(text: unknown): number {
  if (typeof text !== 'string') return Number.NaN;
  const match = /^P(?:(\d+(?:\.\d+)?)D)?T?(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(text.trim());
  if (match === null || text.trim() === 'P' || text.trim() === 'PT') return Number.NaN;
  return Number(match[1] ?? 0) * 86400 + Number(match[2] ?? 0) * 3600 + Number(match[3] ?? 0) * 60 + Number(match[4] ?? 0);
}

/** A time written without a zone ("2024-05-04T07:30:00.000") as if it were UTC; NaN when not a time. */
function naiveMs(text: unknown): number {
  if (typeof text !== 'string') return Number.NaN;
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (match === null) return Number.NaN;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6]), Number((match[7] ?? '0').padEnd(3, '0').slice(0, 3)));
  const zone = match[8];
  if (zone === undefined || zone === 'Z') return ms;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.replace(/[+:-]/g, '');
  return ms - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}

/** Whether parsed JSON is a Polar training session (it has exercises, or a sport and a start). */
export function isPolarTrainingSession(json: unknown): json is Json {
  return isObject(json) && (Array.isArray(json.exercises) || ('sport' in json && 'startTime' in json && ('duration' in json || 'durationMillis' in json)));
}

interface TimedValue {
  ms: number;
  value: number;
}

/** Reads one training session's JSON (bytes of UTF-8). Throws an `ImportRefusal`. */
export function readPolarSessionBytes(bytes: Uint8Array): RecordedFile {
  if (bytes.length === 0) throw refuse.emptyFile();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'));
  } catch (error) {
    throw refuse.notAnActivity(`no activity Stance can read (it is not valid JSON: ${(error as Error).message})`);
  }
  if (!isPolarTrainingSession(json)) throw refuse.notAnActivity('no training session (a Polar Flow account, settings or daily-activity file)');
  const session = json;
  const sessionOffsetMinutes = num(session.timeZoneOffset ?? session.timezoneOffset);
  const exercises = list(session.exercises).filter(isObject);
  if (exercises.length === 0) exercises.push(session);

  const points = new GrowingPointColumns(4096);
  const segmentStarts = new GrowingIndexList();
  const tracks: RecordedTrack[] = [];
  const filePrint = new PointFingerprinter();
  let pointElements = 0;

  exercises.forEach((exercise, k) => {
    const offsetMinutes = Number.isFinite(num(exercise.timezoneOffset ?? exercise.timeZoneOffset)) ? num(exercise.timezoneOffset ?? exercise.timeZoneOffset) : sessionOffsetMinutes;
    const offsetMs = Number.isFinite(offsetMinutes) ? offsetMinutes * 60_000 : 0;
    const startNaive = naiveMs(exercise.startTime ?? session.startTime);
    const startWritten = typeof (exercise.startTime ?? session.startTime) === 'string' ? String(exercise.startTime ?? session.startTime) : '';
    const startHasZone = /Z|[+-]\d{2}:?\d{2}$/.test(startWritten);
    const startUtcMs = startHasZone ? startNaive : startNaive - offsetMs;
    const durationSeconds = Number.isFinite(isoDurationSeconds(exercise.duration)) ? isoDurationSeconds(exercise.duration) : num(exercise.durationMillis ?? session.durationMillis) / 1000 || isoDurationSeconds(session.duration);
    const distanceMetres = num(exercise.distance ?? exercise.distanceMeters ?? session.distance ?? session.distanceMeters);
    const sport = polarSport(exercise.sport ?? session.sport);
    const samples = isObject(exercise.samples) ? exercise.samples : {};

    // Sample times: UTC or local? Whichever puts the first one nearer the start.
    const route = list(samples.recordedRoute).filter(isObject);
    const heartRateSamples = list(samples.heartRate).filter(isObject);
    const firstSample = naiveMs(route[0]?.dateTime ?? heartRateSamples[0]?.dateTime);
    const sampleShift = Number.isFinite(firstSample) && Math.abs(firstSample - offsetMs - startUtcMs) < Math.abs(firstSample - startUtcMs) ? offsetMs : 0;
    const at = (text: unknown): number => naiveMs(text) - sampleShift;

    const heartRate: TimedValue[] = heartRateSamples.map((sample) => ({ ms: at(sample.dateTime), value: num(sample.value) })).filter((s) => Number.isFinite(s.ms));
    const deviceDistance: TimedValue[] = list(samples.distance)
      .filter(isObject)
      .map((sample) => ({ ms: at(sample.dateTime), value: num(sample.value) }))
      .filter((s) => Number.isFinite(s.ms));
    // The newer layout: routes.route.wayPoints with elapsedMillis; samples.samples with intervals.
    const wayPoints = list(isObject(exercise.routes) && isObject(exercise.routes.route) ? exercise.routes.route.wayPoints : []).filter(isObject);
    for (const series of list(samples.samples).filter(isObject)) {
      const interval = num(series.intervalMillis);
      if (!(interval > 0)) continue;
      const values = list(series.values);
      const target = series.type === 'HEART_RATE' ? heartRate : series.type === 'DISTANCE' ? deviceDistance : null;
      if (target === null) continue;
      values.forEach((value, i) => target.push({ ms: startUtcMs + i * interval, value: num(value) }));
    }
    const positions = [
      ...route.map((p) => ({ ms: at(p.dateTime), latitude: num(p.latitude), longitude: num(p.longitude), altitude: num(p.altitude) })),
      ...wayPoints.map((p) => ({ ms: startUtcMs + num(p.elapsedMillis), latitude: num(p.latitude), longitude: num(p.longitude), altitude: num(p.altitude) })),
    ].filter((p) => Number.isFinite(p.ms) && Math.abs(p.latitude) <= 90 && Math.abs(p.longitude) <= 180 && !(p.latitude === 0 && p.longitude === 0));
    positions.sort((a, b) => a.ms - b.ms);
    heartRate.sort((a, b) => a.ms - b.ms);
    deviceDistance.sort((a, b) => a.ms - b.ms);
    pointElements += positions.length + heartRate.length;

    const withRoute = positions.length >= 2 && sport.subSport !== 'treadmill';
    const firstPoint = points.count;
    const trackPrint = new PointFingerprinter();
    let cursor = 0;
    const heartRateAt = (ms: number): number => {
      while (cursor + 1 < heartRate.length && (heartRate[cursor + 1]?.ms ?? Infinity) <= ms) cursor += 1;
      const sample = heartRate[cursor];
      return sample !== undefined && Math.abs(sample.ms - ms) <= 60_000 && sample.value >= 20 && sample.value <= 260 ? sample.value : Number.NaN;
    };
    const times = withRoute ? positions.map((p) => p.ms) : [...new Set([...heartRate.map((s) => s.ms), ...deviceDistance.map((s) => s.ms)])].sort((a, b) => a - b);
    let distanceCursor = 0;
    let lastMs = Number.NEGATIVE_INFINITY;
    times.forEach((ms, i) => {
      if (!isBelievableRecordingTime(ms) || ms <= lastMs) return;
      lastMs = ms;
      while (distanceCursor + 1 < deviceDistance.length && (deviceDistance[distanceCursor + 1]?.ms ?? Infinity) <= ms) distanceCursor += 1;
      const distanceSample = deviceDistance[distanceCursor];
      const position = withRoute ? positions[i] : undefined;
      if (points.count === firstPoint) segmentStarts.push(points.count);
      points.push({
        latitude: position?.latitude ?? Number.NaN,
        longitude: position?.longitude ?? Number.NaN,
        elevationMetres: position !== undefined && position.altitude > -500 && position.altitude < 9000 ? position.altitude : Number.NaN,
        utcMs: ms,
        heartRate: heartRateAt(ms),
        cadence: Number.NaN,
        powerWatts: Number.NaN,
        temperatureCelsius: Number.NaN,
        deviceDistanceMetres: distanceSample !== undefined && distanceSample.ms <= ms && distanceSample.value >= 0 ? distanceSample.value : Number.NaN,
      });
      trackPrint.add(position?.latitude ?? 0, position?.longitude ?? 0, ms);
      filePrint.add(position?.latitude ?? 0, position?.longitude ?? 0, ms);
    });
    tracks.push({
      trackNumber: k + 1,
      name: typeof session.name === 'string' && session.name.trim() !== '' ? session.name.trim().slice(0, 1000) : null,
      firstPoint,
      pointCount: points.count - firstPoint,
      sport: { sport: sport.sport, subSport: sport.subSport },
      laps: [],
      timerEvents: [],
      deviceTotals: { distanceMetres, elapsedSeconds: durationSeconds, timerSeconds: durationSeconds },
      pointsSha256: trackPrint.digest(),
      effortFromDevice: null,
      startUtcMs: Number.isFinite(startUtcMs) ? startUtcMs : null,
    });
  });

  return {
    metadata: { format: 'polar', title: typeof session.name === 'string' ? session.name.slice(0, 1000) : null, deviceName: deviceNameOf(session), creator: 'Polar Flow' },
    points: points.columns(),
    segmentStarts: segmentStarts.toArray(),
    tracks,
    counts: { pointElements, routePoints: 0, routes: 0, waypoints: 0, pointsWithUnreadablePosition: 0, unreadableTimes: 0, unbelievableTimes: 0, timesWithoutZone: 0 },
    writtenUtcOffsetMinutes: Number.isFinite(sessionOffsetMinutes) ? sessionOffsetMinutes : null,
    hadUndecodableText: false,
    fingerprint: { fileSha256: createHash('sha256').update(bytes).digest('hex'), pointsSha256: filePrint.digest() },
  };
}

function deviceNameOf(session: Json): string | null {
  const device = session.deviceId ?? session.device ?? session.product;
  if (typeof device === 'string' && device.trim() !== '') return `Polar ${device.trim()}`.slice(0, 200);
  if (isObject(device) && typeof device.name === 'string') return device.name.slice(0, 200);
  return null;
}
