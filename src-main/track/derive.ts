/**
 * From what the file holds to what its runs are: which tracks make each separate recording,
 * which points count, how far, how long, how much climbing, splits, heart rate — or a refusal
 * saying why a recording is not a run. Reads only the neutral `RecordedFile` (recording.ts).
 *
 * The decisions, in order (each one a defined outcome a runner can understand):
 *  1. No track: a route-only file, a waypoints-only file, or nothing → the file is refused.
 *     Tracks with no points → refused as empty; no readable position → refused.
 *  2. Fewer than two distinct points (position or time differ) → refused.
 *  3. Times. A track "can time a run" when at least two of its points have different, believable
 *     times and at least half its points are timed. A file where no track can → refused as a whole
 *     (`no-times`, or `times-unusable` when the times are one instant, too few, or before 1990),
 *     unless the caller gives `startTime`: then the run gets distance and elevation, no splits,
 *     pace, elapsed or moving time (the importer takes the duration the runner gives).
 *  4. Separate recordings (`deriveRuns`): identical copies of a track count once; timed tracks,
 *     in time order, are one recording while each starts within 3 hours after the previous one
 *     ended (and not more than a minute before); an untimed track is left out when its positions
 *     all repeat the timed tracks' (Garmin units save such an untimed copy of the active log), and
 *     otherwise is a recording of its own, refused by name ("Track “X” (8.6 km) has no times")
 *     unless a start is given. Each recording has its own outcome. `deriveRun` wants exactly one.
 *  5. Time order (time-order.ts): newest-first segments reversed, clock steps kept whole,
 *     repeated segments left out, overlapping ones merged when the same points, else refused.
 *  6. Inside a timed track, untimed points between timed ones get a time in proportion to
 *     distance; untimed points at the ends of a segment are left out (warned).
 *  7. Repeated/backwards times and GPS spikes are left out (see track-maths); if spikes are more
 *     than a quarter of the points, the recording is too fast to be a run → refused.
 *  8. Climb per stretch, never across a segment gap or a pause (elevation.ts).
 */
import { createHash } from 'node:crypto';
import { DEFAULT_ELEVATION, measureClimb, pausedIntervals } from './elevation';
import { PointFingerprinter, type RunFingerprint } from './fingerprint';
import type { RecordedFile, RecordedTrack, SourceFormat } from './recording';
import type { TrackPointColumns } from './point-columns';
import { ImportRefusal, refuse } from './refusals';
import { putInTimeOrder } from './time-order';
import { UNTIMED_RUN_SUMMARY } from '../shared/track';
import { METRES_PER_KILOMETRE, METRES_PER_MILE, splitsEvery, type Split } from './splits';
import {
  DEFAULT_TRACK_MATHS,
  haversineMetres,
  interpolateMissingTimes,
  keepBelievablePoints,
  metresAlong,
  movingIntervals,
  type TrackMathsSettings,
} from './track-maths';

/** The per-point streams of a run, one entry per kept point, as typed arrays. */
export interface RunStreams {
  latitude: Float64Array;
  longitude: Float64Array;
  /** Metres as recorded (not smoothed); NaN where absent. */
  elevationMetres: Float32Array;
  /** Seconds since the first point; NaN everywhere when the file had no times. */
  secondsFromStart: Float64Array;
  /** Distance covered up to each point (spikes and gaps excluded). */
  metresFromStart: Float64Array;
  /** Beats per minute; NaN where not recorded. */
  heartRate: Float32Array;
  /** As recorded by the device (Garmin: strides per minute of one foot); NaN where not recorded. */
  cadence: Float32Array;
  powerWatts: Float32Array;
  /** Index of the first point of each piece (a segment, or after a GPS jump); a map breaks the line there. Starts with 0. */
  pieceStarts: Uint32Array;
}

export type RunWarningCode =
  | 'times-without-zone'
  | 'unreadable-times'
  | 'points-without-position'
  | 'untimed-tracks-left-out'
  | 'times-filled-in'
  | 'untimed-points-left-out'
  | 'repeated-times-left-out'
  | 'spikes-left-out'
  | 'tracks-joined'
  | 'start-time-given'
  | 'no-distance'
  | 'undecodable-text'
  | 'identical-copy-left-out'
  | 'read-in-time-order'
  | 'repeated-segment-left-out'
  | 'clock-stepped-back'
  /** An untyped GPX track moving at a cyclist's speed (import/activities.ts). */
  | 'cyclist-speed'
  /** A reader left points out (dated outside 1990–2099, off the globe, after the session's end): track/left-out.ts. */
  | 'points-left-out';

export interface RunWarning {
  code: RunWarningCode;
  /** A plain sentence for the runner. */
  message: string;
}

export interface DerivedRun {
  /** UTC milliseconds of the first kept point (or the start time given for an untimed file). */
  startUtcMs: number;
  /** Where the start came from: the file's times, or `options.startTime`. */
  startTimeFrom: 'file' | 'given';
  /** The UTC offset written in the file's times (`+01:00` → 60), if any; the importer still chooses the time zone. */
  utcOffsetMinutes: number | null;
  /** The track's name (or the file's), as plain text. */
  name: string | null;
  distanceMetres: number;
  /** First to last point, pauses included; null without times. */
  elapsedSeconds: number | null;
  /** Pauses and gaps between segments excluded; null without times. */
  movingSeconds: number | null;
  elevationGainMetres: number | null;
  elevationLossMetres: number | null;
  averageHeartRate: number | null;
  maxHeartRate: number | null;
  /** Points that count (the length of every stream). */
  pointCount: number;
  splitsPerKilometre: Split[];
  splitsPerMile: Split[];
  streams: RunStreams;
  warnings: RunWarning[];
  fingerprint: RunFingerprint;
  /** Which recordings (`RecordedTrack.trackNumber`, 1-based: GPX <trk>, FIT session…) the run was made from. */
  tracksUsed: number[];
  /** The file format the recording was read from. */
  sourceFormat: SourceFormat;
  /** The recording device, where the file says. */
  deviceName: string | null;
}

export interface DeriveOptions {
  /** For a file without times: when the run started (UTC ms or a Date). Ignored when the file has times. */
  startTime?: number | Date;
  /** Import only this <trk> (1-based), e.g. from a file holding several recordings. */
  trackNumber?: number;
  trackMaths?: Partial<TrackMathsSettings>;
}

/** Two tracks further apart than this are separate recordings. */
export const LONGEST_GAP_WITHIN_A_RUN_MS = 3 * 3600_000;
/** Untimed tracks whose end and next start are further apart than this are separate recordings. */
export const LONGEST_JUMP_BETWEEN_UNTIMED_TRACKS_METRES = 1000;
/** Spikes beyond this share of the points mean the recording is not a run. */
const MOST_SPIKES_IN_A_RUN = 0.25;

interface Gathered {
  columns: TrackPointColumns;
  segmentStarts: Uint32Array;
}

/** Copies the chosen points (ascending indices) into new columns, remapping segment starts. */
function gather(columns: TrackPointColumns, segmentStarts: Uint32Array, chosen: Uint32Array, extraStarts: ReadonlySet<number> = new Set()): Gathered {
  const n = chosen.length;
  // The chosen points as runs of consecutive indices [from, to) landing at `at`: usually a few
  // runs (a whole track, a run minus its spikes), each copied as one block rather than point by point.
  const runFrom: number[] = [];
  const runTo: number[] = [];
  const runAt: number[] = [];
  for (let k = 0; k < n; ) {
    const first = chosen[k] ?? 0;
    let end = k + 1;
    while (end < n && chosen[end] === first + (end - k)) end += 1;
    runFrom.push(first);
    runTo.push(first + (end - k));
    runAt.push(k);
    k = end;
  }
  // Many short runs (every other point kept): point by point is cheaper than a block copy each.
  const byBlock = runFrom.length * 16 <= n;
  const pick = <T extends Float64Array | Float32Array>(from: T, to: T): T => {
    if (!byBlock) {
      for (let k = 0; k < n; k += 1) to[k] = from[chosen[k] ?? 0] ?? Number.NaN;
      return to;
    }
    for (let r = 0; r < runFrom.length; r += 1) {
      const start = runFrom[r] ?? 0;
      const end = runTo[r] ?? 0;
      const at = runAt[r] ?? 0;
      if (end <= from.length) to.set(from.subarray(start, end), at);
      else for (let k = 0; k < end - start; k += 1) to[at + k] = from[start + k] ?? Number.NaN; // past the end: not recorded
    }
    return to;
  };
  const pick64 = (from: Float64Array): Float64Array => pick(from, new Float64Array(n));
  const pick32 = (from: Float32Array): Float32Array => pick(from, new Float32Array(n));
  const isStart = new Set<number>(extraStarts);
  for (const start of segmentStarts) isStart.add(start);
  const starts: number[] = [];
  let previous = -2;
  for (let k = 0; k < n; k += 1) {
    const index = chosen[k] ?? 0;
    // A new segment starts at a segment start, or where chosen points skip over one.
    if (k === 0 || isStart.has(index) || (index !== previous + 1 && startsBetween(segmentStarts, previous, index))) starts.push(k);
    previous = index;
  }
  return {
    columns: {
      count: n,
      latitude: pick64(columns.latitude),
      longitude: pick64(columns.longitude),
      elevationMetres: pick32(columns.elevationMetres),
      utcMs: pick64(columns.utcMs),
      heartRate: pick32(columns.heartRate),
      cadence: pick32(columns.cadence),
      powerWatts: pick32(columns.powerWatts),
      temperatureCelsius: pick32(columns.temperatureCelsius),
      deviceDistanceMetres: pick64(columns.deviceDistanceMetres),
    },
    segmentStarts: Uint32Array.from(starts),
  };
}

/** Whether a segment starts in (afterIndex, upToIndex]; binary search over the ascending starts. */
function startsBetween(segmentStarts: Uint32Array, afterIndex: number, upToIndex: number): boolean {
  let low = 0;
  let high = segmentStarts.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((segmentStarts[middle] ?? 0) <= afterIndex) low = middle + 1;
    else high = middle;
  }
  return low < segmentStarts.length && (segmentStarts[low] ?? 0) <= upToIndex;
}

function isoMinute(utcMs: number): string {
  return `${new Date(utcMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

interface TrackTimes {
  track: RecordedTrack;
  firstMs: number;
  lastMs: number;
  timedPoints: number;
  hasTimes: boolean;
}

function timesOf(track: RecordedTrack, utcMs: Float64Array): TrackTimes {
  let firstMs = Number.NaN;
  let lastMs = Number.NaN;
  let timedPoints = 0;
  let minMs = Number.POSITIVE_INFINITY;
  let maxMs = Number.NEGATIVE_INFINITY;
  for (let i = track.firstPoint; i < track.firstPoint + track.pointCount; i += 1) {
    const ms = utcMs[i] ?? Number.NaN;
    if (Number.isNaN(ms)) continue;
    if (timedPoints === 0) firstMs = ms;
    lastMs = ms;
    timedPoints += 1;
    if (ms < minMs) minMs = ms;
    if (ms > maxMs) maxMs = ms;
  }
  return { track, firstMs, lastMs, timedPoints, hasTimes: timedPoints >= 2 && maxMs > minMs };
}

function countDistinctPoints(columns: TrackPointColumns, tracks: readonly RecordedTrack[]): number {
  let distinct = 0;
  for (const track of tracks) {
    for (let i = track.firstPoint; i < track.firstPoint + track.pointCount; i += 1) {
      const same =
        i > track.firstPoint &&
        columns.latitude[i] === columns.latitude[i - 1] &&
        columns.longitude[i] === columns.longitude[i - 1] &&
        Object.is(columns.utcMs[i], columns.utcMs[i - 1]);
      if (!same) distinct += 1;
      if (distinct >= 2) return distinct;
    }
  }
  return distinct;
}

function pointRange(tracks: readonly RecordedTrack[]): Uint32Array {
  const total = tracks.reduce((sum, track) => sum + track.pointCount, 0);
  const chosen = new Uint32Array(total);
  let k = 0;
  for (const track of tracks) for (let i = 0; i < track.pointCount; i += 1) chosen[k++] = track.firstPoint + i;
  return chosen;
}

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}


/** One separate recording of a file and what it makes: a run, or a refusal saying why not. */
export interface RecordingOutcome {
  /** The recording as the runner knows it: its first track's number (1-based) and name. */
  track: { index: number; name: string | null };
  /** Every track (`RecordedTrack.trackNumber`) joined into this recording. */
  tracksUsed: number[];
  result: { run: DerivedRun } | { refusal: ImportRefusal };
}

/** A track whose times can time a run: two different times, and at least half its points timed. */
function canTime(times: TrackTimes): boolean {
  return times.hasTimes && times.timedPoints * 2 >= times.track.pointCount;
}

function trackLabel(track: RecordedTrack): string {
  return track.name === null ? `${track.trackNumber}` : `“${track.name}”`;
}

/** Metres along a track's points, segment gaps included (a label's rough length, not a run's distance). */
function roughTrackMetres(columns: TrackPointColumns, track: RecordedTrack): number {
  let metres = 0;
  for (let i = track.firstPoint + 1; i < track.firstPoint + track.pointCount; i += 1) {
    metres += haversineMetres(columns.latitude[i - 1] ?? 0, columns.longitude[i - 1] ?? 0, columns.latitude[i] ?? 0, columns.longitude[i] ?? 0);
  }
  return metres;
}

/** Positions (whole micro-degrees) of a track, as one string per point. */
function positionKeys(columns: TrackPointColumns, track: RecordedTrack): string[] {
  const keys: string[] = [];
  for (let i = track.firstPoint; i < track.firstPoint + track.pointCount; i += 1) {
    keys.push(`${Math.round((columns.latitude[i] ?? 0) * 1e6)},${Math.round((columns.longitude[i] ?? 0) * 1e6)}`);
  }
  return keys;
}

/** sha256 of a track's positions and times, exactly (for recognising identical copies). */
function pointsKey(columns: TrackPointColumns, track: RecordedTrack): string {
  const from = track.firstPoint;
  const to = track.firstPoint + track.pointCount;
  const bytes = (column: Float64Array): Buffer => Buffer.from(column.buffer, column.byteOffset + from * 8, (to - from) * 8);
  return createHash('sha256').update(bytes(columns.latitude)).update(bytes(columns.longitude)).update(bytes(columns.utcMs)).digest('hex');
}

/** The file-level refusals: nothing in the file is a recording at all. */
function refuseWithoutRecordings(parsed: RecordedFile): void {
  if (parsed.tracks.length === 0) {
    if (parsed.counts.routes > 0) throw refuse.routeOnly();
    if (parsed.counts.waypoints > 0) throw refuse.waypointsOnly();
    throw refuse.noTrack();
  }
  if (parsed.counts.pointElements === 0) {
    if (parsed.counts.routePoints > 0) throw refuse.routeOnly();
    throw refuse.emptyTrack();
  }
  if (parsed.points.count === 0) throw refuse.noValidPositions(parsed.counts.pointElements);
}

interface RecordingPlan {
  tracks: RecordedTrack[];
  timed: boolean;
  /** Why an untimed or badly timed recording cannot be timed, for its refusal. */
  untimedBecause: 'no-times' | 'same-instant' | 'before-1990' | 'few-times';
  notes: RunWarning[];
}

/**
 * Splits a file's tracks into its separate recordings (see the rules at the top of this file) and
 * derives each one. Throws an `ImportRefusal` only when the file holds no recording at all (no
 * track, a route, waypoints, no readable position); every recording's own refusal is in its outcome.
 */
export function deriveRuns(parsed: RecordedFile, options: DeriveOptions = {}): RecordingOutcome[] {
  refuseWithoutRecordings(parsed);
  const startGiven = options.startTime === undefined ? null : Number(options.startTime);
  if (startGiven !== null && !Number.isFinite(startGiven)) throw new RangeError('options.startTime is not a valid time');

  let candidates = parsed.tracks.filter((track) => track.pointCount > 0);
  if (options.trackNumber !== undefined) {
    const asked = parsed.tracks.find((track) => track.trackNumber === options.trackNumber);
    if (asked === undefined) throw refuse.noSuchTrack(options.trackNumber, parsed.tracks.length);
    if (asked.pointCount === 0) throw refuse.emptyTrack();
    candidates = [asked];
  }
  if (countDistinctPoints(parsed.points, candidates) < 2) throw refuse.tooFewPoints();

  // Identical copies (same positions and times) count once.
  const seen = new Map<string, RecordedTrack>();
  const copiesOf = new Map<RecordedTrack, number>();
  const distinct: RecordedTrack[] = [];
  for (const track of candidates) {
    const key = candidates.length > 1 ? pointsKey(parsed.points, track) : '';
    const original = seen.get(key);
    if (original !== undefined) {
      copiesOf.set(original, (copiesOf.get(original) ?? 0) + 1);
      continue;
    }
    seen.set(key, track);
    distinct.push(track);
  }

  const times = distinct.map((track) => timesOf(track, parsed.points.utcMs));
  const timedTimes = times.filter(canTime).sort((a, b) => a.firstMs - b.firstMs || a.track.trackNumber - b.track.trackNumber);
  // A file with no usable times at all is refused as a whole (one reason, not one per track).
  if (timedTimes.length === 0 && startGiven === null) {
    const withSomeTimes = times.filter((entry) => entry.hasTimes);
    if (withSomeTimes.length > 0) {
      const timedPoints = withSomeTimes.reduce((sum, entry) => sum + entry.timedPoints, 0);
      const allPoints = times.reduce((sum, entry) => sum + entry.track.pointCount, 0);
      throw refuse.timesUnusable(`only ${timedPoints.toLocaleString('en')} of its ${allPoints.toLocaleString('en')} points have a time`);
    }
    const anyTime = times.find((entry) => entry.timedPoints > 0);
    if (anyTime !== undefined) throw refuse.timesUnusable(`every point has the same time, ${isoMinute(anyTime.firstMs)}`);
    if (parsed.counts.unbelievableTimes > 0) {
      throw refuse.timesUnusable('they are dated before 1990 or after 2099 — the receiver had not set its clock');
    }
    throw refuse.noTimes();
  }
  const plans: RecordingPlan[] = [];
  const noteCopies = (plan: RecordingPlan): void => {
    const copies = plan.tracks.reduce((sum, track) => sum + (copiesOf.get(track) ?? 0), 0);
    if (copies > 0) {
      plan.notes.push({
        code: 'identical-copy-left-out',
        message: `${plural(copies, 'identical copy', 'identical copies')} of this recording in the same file ${copies === 1 ? 'was' : 'were'} counted once.`,
      });
    }
  };

  // Timed tracks: one recording while each starts within 3 hours after the previous one ended.
  for (const current of timedTimes) {
    const plan = plans[plans.length - 1];
    let lastMs = Number.NaN;
    if (plan !== undefined) {
      lastMs = Number.NEGATIVE_INFINITY;
      for (const track of plan.tracks) lastMs = Math.max(lastMs, timesOf(track, parsed.points.utcMs).lastMs);
    }
    const gapMs = current.firstMs - lastMs;
    if (plan !== undefined && plan.timed && gapMs >= -60_000 && gapMs <= LONGEST_GAP_WITHIN_A_RUN_MS) {
      plan.tracks.push(current.track);
    } else {
      plans.push({ tracks: [current.track], timed: true, untimedBecause: 'no-times', notes: [] });
    }
  }
  // Untimed tracks: a positional copy of a timed track is left out (Garmin units save one);
  // the others are recordings of their own, joined while each starts within 1 km of the last's end.
  const timedPositions = new Set<string>();
  if (times.some((entry) => !canTime(entry))) {
    for (const entry of timedTimes) for (const key of positionKeys(parsed.points, entry.track)) timedPositions.add(key);
  }
  const untimedCopies: RecordedTrack[] = [];
  const untimedPlans: RecordingPlan[] = [];
  for (const entry of times) {
    if (canTime(entry)) continue;
    const track = entry.track;
    if (timedPositions.size > 0 && positionKeys(parsed.points, track).every((key) => timedPositions.has(key))) {
      untimedCopies.push(track);
      continue;
    }
    const because: RecordingPlan['untimedBecause'] =
      entry.timedPoints === 0 ? 'no-times' : entry.hasTimes ? 'few-times' : 'same-instant';
    const previous = untimedPlans[untimedPlans.length - 1];
    const previousTrack = previous?.tracks[previous.tracks.length - 1];
    if (previous !== undefined && previousTrack !== undefined && previous.untimedBecause === because) {
      const last = previousTrack.firstPoint + previousTrack.pointCount - 1;
      const apartMetres = haversineMetres(
        parsed.points.latitude[last] ?? 0, parsed.points.longitude[last] ?? 0,
        parsed.points.latitude[track.firstPoint] ?? 0, parsed.points.longitude[track.firstPoint] ?? 0,
      );
      if (apartMetres <= LONGEST_JUMP_BETWEEN_UNTIMED_TRACKS_METRES) {
        previous.tracks.push(track);
        continue;
      }
    }
    untimedPlans.push({ tracks: [track], timed: false, untimedBecause: because, notes: [] });
  }
  if (timedTimes.length === 0 && parsed.counts.unbelievableTimes > 0) {
    for (const plan of untimedPlans) if (plan.untimedBecause === 'no-times') plan.untimedBecause = 'before-1990';
  }
  if (untimedCopies.length > 0 && plans[0] !== undefined) {
    const points = untimedCopies.reduce((sum, track) => sum + track.pointCount, 0);
    plans[0].notes.push({
      code: 'untimed-tracks-left-out',
      message: `${plural(untimedCopies.length, 'track')} without times (${plural(points, 'point')}) ${untimedCopies.length === 1 ? 'was' : 'were'} left out: ${untimedCopies.length === 1 ? 'it repeats' : 'they repeat'} the timed track's positions (a device often saves such an untimed copy).`,
    });
  }
  for (const plan of untimedPlans) plans.push(plan);
  for (const plan of plans) noteCopies(plan);
  plans.sort((a, b) => (a.tracks[0]?.trackNumber ?? 0) - (b.tracks[0]?.trackNumber ?? 0));

  const severalRecordings = plans.length > 1;
  const anyTimed = plans.some((plan) => plan.timed);
  const usesGivenStart = untimedPlans.length === 1 && startGiven !== null;
  return plans.map((plan): RecordingOutcome => {
    const first = plan.tracks[0];
    const outcome = { track: { index: first?.trackNumber ?? 1, name: first?.name ?? null }, tracksUsed: plan.tracks.map((track) => track.trackNumber) };
    try {
      if (countDistinctPoints(parsed.points, plan.tracks) < 2) throw refuse.tooFewPoints();
      if (!plan.timed && !usesGivenStart) {
        const points = plan.tracks.reduce((sum, track) => sum + track.pointCount, 0);
        const timedPoints = plan.tracks.reduce((sum, track) => sum + timesOf(track, parsed.points.utcMs).timedPoints, 0);
        const label = severalRecordings || anyTimed
          ? `${plan.tracks.map(trackLabel).join(' + ')} (${formatKm(plan.tracks.reduce((sum, track) => sum + roughTrackMetres(parsed.points, track), 0))})`
          : null;
        const firstTimed = plan.tracks.map((track) => timesOf(track, parsed.points.utcMs)).find((entry) => entry.timedPoints > 0);
        switch (plan.untimedBecause) {
          case 'no-times':
            throw refuse.noTimes(label);
          case 'before-1990':
            throw refuse.timesUnusable('they are dated before 1990 or after 2099 — the receiver had not set its clock', label);
          case 'same-instant':
            throw refuse.timesUnusable(`every point has the same time, ${isoMinute(firstTimed?.firstMs ?? 0)}`, label);
          case 'few-times':
            throw refuse.timesUnusable(`only ${timedPoints.toLocaleString('en')} of its ${points.toLocaleString('en')} points have a time`, label);
        }
      }
      const run = deriveRecording(parsed, plan, options, {
        startGiven: plan.timed ? null : startGiven,
        startGivenButUnused: plan.timed && startGiven !== null && !usesGivenStart,
        wholeFile: !severalRecordings && untimedCopies.length === 0 && copiesOf.size === 0,
      });
      return { ...outcome, result: { run } };
    } catch (error) {
      if (error instanceof ImportRefusal) return { ...outcome, result: { refusal: error } };
      throw error;
    }
  });
}

/** "22 min", "45 s", "1 h 5 min" for a span of milliseconds. */
function durationWords(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function formatKm(metres: number): string {
  return `${(metres / 1000).toFixed(1)} km`;
}

/**
 * The one run a file makes. Throws an `ImportRefusal` when it is not one importable run: its own
 * refusal for a file of one recording; 'several-recordings' for a file holding several (choose one
 * with `options.trackNumber`, or import them all with `deriveRuns`).
 */
export function deriveRun(parsed: RecordedFile, options: DeriveOptions = {}): DerivedRun {
  const outcomes = deriveRuns(parsed, options);
  if (outcomes.length > 1) {
    throw refuse.severalRecordings(
      outcomes.length,
      outcomes.map((outcome) => {
        const run = 'run' in outcome.result ? outcome.result.run : null;
        return run !== null && run.startTimeFrom === 'file' ? `starting ${isoMinute(run.startUtcMs)}` : `“${outcome.track.name ?? `track ${outcome.track.index}`}”`;
      }),
    );
  }
  const only = outcomes[0];
  if (only === undefined) throw refuse.emptyTrack();
  if ('refusal' in only.result) throw only.result.refusal;
  return only.result.run;
}

interface RecordingContext {
  startGiven: number | null;
  startGivenButUnused: boolean;
  /** The recording is every track of the file: its points fingerprint is the file's. */
  wholeFile: boolean;
}

function deriveRecording(parsed: RecordedFile, plan: RecordingPlan, options: DeriveOptions, context: RecordingContext): DerivedRun {
  const settings: TrackMathsSettings = { ...DEFAULT_TRACK_MATHS, ...options.trackMaths };
  const warnings: RunWarning[] = [...plan.notes];
  const warn = (code: RunWarningCode, message: string): void => {
    warnings.push({ code, message });
  };
  const timed = plan.timed;
  const startGiven = context.startGiven;
  const usedTracks = plan.tracks.slice().sort((a, b) => a.trackNumber - b.trackNumber);
  if (countDistinctPoints(parsed.points, usedTracks) < 2) throw refuse.tooFewPoints();
  if (context.startGivenButUnused) {
    warn('start-time-given', 'The file has its own times, so those were used rather than the start time given.');
  }
  if (!timed) {
    warn('start-time-given', UNTIMED_RUN_SUMMARY);
  }
  if (usedTracks.length > 1) {
    warn('tracks-joined', `The file's ${usedTracks.length} tracks were joined into one run; the gaps between them count as pauses, not distance.`);
  }

  // The chosen tracks' points, every track boundary a segment boundary.
  const trackStarts = new Set(usedTracks.map((track) => track.firstPoint));
  let working = gather(parsed.points, parsed.segmentStarts, pointRange(usedTracks), trackStarts);

  // 4b. Time order: newest-first segments, clock steps, repeated and overlapping segments.
  let bogusTimesDropped = 0;
  if (timed) {
    const order = putInTimeOrder(working.columns, working.segmentStarts, settings);
    bogusTimesDropped = order.bogusTimesDropped;
    working = { columns: order.columns, segmentStarts: order.segmentStarts };
    if (order.reversedSegments > 0) {
      warn('read-in-time-order', `The file lists ${order.reversedSegments === 1 ? "this recording's points" : `the points of ${plural(order.reversedSegments, 'segment')}`} newest first; they were read in time order.`);
    }
    if (order.segmentsReordered) {
      warn('read-in-time-order', "The file's segments are not in time order; they were taken in time order.");
    }
    if (order.repeatedSegmentsLeftOut > 0) {
      warn('repeated-segment-left-out', `${plural(order.repeatedSegmentsLeftOut, 'segment')} repeating another segment's points (the app wrote ${order.repeatedSegmentsLeftOut === 1 ? 'it' : 'them'} twice) ${order.repeatedSegmentsLeftOut === 1 ? 'was' : 'were'} left out, so nothing is counted twice.`);
    }
    if (order.mergedSegments > 0) {
      warn('repeated-segment-left-out', `${plural(order.mergedSegments, 'segment')} overlapping the one before with the same points ${order.mergedSegments === 1 ? 'was' : 'were'} merged into it, so nothing is counted twice.`);
    }
    if (order.bogusTimesDropped > 0) {
      warn('times-filled-in', `${plural(order.bogusTimesDropped, 'point')} had a time out of step with the points around ${order.bogusTimesDropped === 1 ? 'it' : 'them'}; ${order.bogusTimesDropped === 1 ? 'its time was' : 'their times were'} taken from its neighbours.`);
    }
    for (const step of order.clockSteps) {
      const where = step.metresFromStart < 1000 ? `${Math.round(step.metresFromStart)} m` : formatKm(step.metresFromStart);
      warn('clock-stepped-back', `The watch's clock went back ${durationWords(step.backMs)} at ${where}; the run was kept whole, and its time counts only the time that went forward.`);
    }
  }

  // 5. Fill in or leave out untimed points of timed tracks.
  if (timed) {
    const filled = interpolateMissingTimes(working.columns, working.segmentStarts);
    const withTime = new Uint32Array(filled.utcMs.length);
    let timedPoints = 0;
    for (let i = 0; i < filled.utcMs.length; i += 1) if (!Number.isNaN(filled.utcMs[i] ?? Number.NaN)) withTime[timedPoints++] = i;
    const untimedLeftOut = filled.utcMs.length - timedPoints;
    working = { columns: { ...working.columns, utcMs: filled.utcMs }, segmentStarts: working.segmentStarts };
    // Points whose bogus time was dropped (time-order.ts) have had their warning already.
    filled.interpolated -= Math.min(filled.interpolated, bogusTimesDropped);
    if (filled.interpolated > 0) {
      warn('times-filled-in', `${plural(filled.interpolated, 'point')} had no time; ${filled.interpolated === 1 ? 'its time was' : 'their times were'} filled in from the points around ${filled.interpolated === 1 ? 'it' : 'them'}.`);
    }
    if (untimedLeftOut > 0) {
      warn('untimed-points-left-out', `${plural(untimedLeftOut, 'point')} without a time at the start or end of a segment ${untimedLeftOut === 1 ? 'was' : 'were'} left out.`);
      working = gather(working.columns, working.segmentStarts, withTime.subarray(0, timedPoints));
    }
  } else {
    working = { columns: { ...working.columns, utcMs: new Float64Array(working.columns.count).fill(Number.NaN) }, segmentStarts: working.segmentStarts };
  }

  // 6. Which points count.
  const kept = keepBelievablePoints(working.columns, working.segmentStarts, timed, settings);
  if (timed && kept.spikesLeftOut > MOST_SPIKES_IN_A_RUN * working.columns.count) {
    throw refuse.tooFastForARun(Math.round(settings.maxRunningSpeed * 3.6));
  }
  const run = gather(working.columns, working.segmentStarts, kept.indices).columns;
  const pieceStarts = kept.pieceStarts;
  if (kept.spikesLeftOut > 0) {
    warn('spikes-left-out', `${plural(kept.spikesLeftOut, 'GPS spike')} (a point implying over ${Math.round(settings.maxRunningSpeed * 3.6)} km/h) ${kept.spikesLeftOut === 1 ? 'was' : 'were'} left out of the distance.`);
  }
  if (kept.repeatedOrBackwardTimesLeftOut > 0) {
    warn('repeated-times-left-out', `${plural(kept.repeatedOrBackwardTimesLeftOut, 'point')} with a repeated or backwards time ${kept.repeatedOrBackwardTimesLeftOut === 1 ? 'was' : 'were'} left out.`);
  }

  const count = run.count;
  const metresFromStart = metresAlong(run.latitude, run.longitude, pieceStarts);
  const firstMs = run.utcMs[0] ?? Number.NaN;
  const secondsFromStart = new Float64Array(count);
  for (let i = 0; i < count; i += 1) secondsFromStart[i] = timed ? ((run.utcMs[i] ?? 0) - firstMs) / 1000 : Number.NaN;
  const moving = movingIntervals(metresFromStart, secondsFromStart, pieceStarts, settings);

  let movingSeconds = 0;
  let lastSeconds = 0;
  for (let i = 1; i < count; i += 1) {
    const seconds = secondsFromStart[i] ?? 0;
    if (moving[i] === 1) movingSeconds += seconds - (secondsFromStart[i - 1] ?? 0);
    if (seconds > lastSeconds) lastSeconds = seconds;
  }

  const climb = measureClimb(run.elevationMetres, metresFromStart, DEFAULT_ELEVATION, pieceStarts, timed ? pausedIntervals(moving, metresFromStart, secondsFromStart) : null);
  let heartRateSum = 0;
  let heartRateReadings = 0;
  let maxHeartRate = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i += 1) {
    const bpm = run.heartRate[i] ?? Number.NaN;
    if (Number.isNaN(bpm)) continue;
    heartRateSum += bpm;
    heartRateReadings += 1;
    if (bpm > maxHeartRate) maxHeartRate = bpm;
  }

  const splitInputs = {
    metresFromStart,
    secondsFromStart,
    moving,
    climbCountedAt: climb.climbCountedAt,
    hasElevation: climb.gainMetres !== null,
    heartRate: run.heartRate,
  };
  const distanceMetres = count > 0 ? (metresFromStart[count - 1] ?? 0) : 0;

  if (distanceMetres === 0) warn('no-distance', 'The recorded points never move, so the run has no distance (a treadmill run?).');
  if (parsed.counts.timesWithoutZone > 0 && timed) {
    warn('times-without-zone', `${plural(parsed.counts.timesWithoutZone, 'time')} in this file ${parsed.counts.timesWithoutZone === 1 ? 'has' : 'have'} no time zone; ${parsed.counts.timesWithoutZone === 1 ? 'it was' : 'they were'} read as UTC, as GPX requires. Check the start time.`);
  }
  if (parsed.counts.unreadableTimes > 0 || parsed.counts.unbelievableTimes > 0) {
    const bad = parsed.counts.unreadableTimes + parsed.counts.unbelievableTimes;
    warn('unreadable-times', `${plural(bad, 'time')} in this file could not be read or ${bad === 1 ? 'was' : 'were'} not believable, and ${bad === 1 ? 'was' : 'were'} ignored.`);
  }
  if (parsed.counts.pointsWithUnreadablePosition > 0) {
    warn('points-without-position', `${plural(parsed.counts.pointsWithUnreadablePosition, 'point')} without a readable position ${parsed.counts.pointsWithUnreadablePosition === 1 ? 'was' : 'were'} left out.`);
  }
  if (parsed.hadUndecodableText) {
    warn('undecodable-text', 'Some letters in the names could not be read (the file is not in the text encoding it claims).');
  }

  const name = usedTracks.find((track) => track.name !== null)?.name ?? parsed.metadata.title;
  let fingerprint = parsed.fingerprint;
  if (!context.wholeFile) {
    const points = new PointFingerprinter();
    for (const track of usedTracks) {
      for (let i = track.firstPoint; i < track.firstPoint + track.pointCount; i += 1) {
        points.add(parsed.points.latitude[i] ?? 0, parsed.points.longitude[i] ?? 0, parsed.points.utcMs[i] ?? Number.NaN);
      }
    }
    fingerprint = { fileSha256: parsed.fingerprint.fileSha256, pointsSha256: points.digest() };
  }
  return {
    startUtcMs: timed ? firstMs : (startGiven ?? 0),
    startTimeFrom: timed ? 'file' : 'given',
    utcOffsetMinutes: timed ? parsed.writtenUtcOffsetMinutes : null,
    name: name ?? null,
    distanceMetres,
    elapsedSeconds: timed ? lastSeconds : null,
    movingSeconds: timed ? movingSeconds : null,
    elevationGainMetres: climb.gainMetres,
    elevationLossMetres: climb.lossMetres,
    averageHeartRate: heartRateReadings > 0 ? heartRateSum / heartRateReadings : null,
    maxHeartRate: heartRateReadings > 0 ? maxHeartRate : null,
    pointCount: count,
    // Without times there is no pace to split: the run page shows distance and the average pace only.
    splitsPerKilometre: timed ? splitsEvery(METRES_PER_KILOMETRE, splitInputs) : [],
    splitsPerMile: timed ? splitsEvery(METRES_PER_MILE, splitInputs) : [],
    streams: {
      latitude: run.latitude,
      longitude: run.longitude,
      elevationMetres: run.elevationMetres,
      secondsFromStart,
      metresFromStart,
      heartRate: run.heartRate,
      cadence: run.cadence,
      powerWatts: run.powerWatts,
      pieceStarts,
    },
    warnings,
    fingerprint,
    tracksUsed: usedTracks.map((track) => track.trackNumber),
    sourceFormat: parsed.metadata.format,
    deviceName: parsed.metadata.deviceName,
  };
}
