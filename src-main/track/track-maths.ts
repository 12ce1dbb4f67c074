/**
 * Distance and time along a recorded track.
 *
 * Distance: haversine on a sphere of the WGS84 mean radius (6,371,008.8 m). Over the tens of
 * metres between consecutive GPS fixes its error against the ellipsoid (≤ 0.5 %) is far below
 * GPS noise; the tests check it against Vincenty's ellipsoidal formula.
 *
 * Which points count (`keepBelievablePoints`), per segment:
 *  - a point whose time is not after the last kept point's (a repeated or backwards timestamp)
 *    is left out;
 *  - a point that would mean moving faster than `maxRunningSpeed` (12 m/s ≈ 43 km/h, faster than
 *    any sprinter) from the last kept point is a GPS spike and is left out. After a real jump
 *    (the receiver lost its fix and catches up), later points become believable again from the
 *    last kept point as time passes, and the straight line across the jump is counted;
 *  - a segment's first point has nothing before it to be checked against: when the next
 *    `CONFIRMING_POINTS` points all disagree with it but agree with each other, the first point
 *    is the spike and is left out instead.
 *  Untimed points (a file without times) cannot be speed-checked and are all kept.
 *
 * Pieces: the kept points of each segment form a piece. Distance is never counted between
 * pieces; the time between them is a pause.
 *
 * Moving time: the time between consecutive kept points of a piece, minus pauses. A pause is a
 * stretch of consecutive intervals slower than `pauseSpeed` (0.5 m/s) lasting more than
 * `shortestPause` (10 s) in total — standing at a crossing, or a watch's auto-pause gap. Shorter
 * slow stretches (slowing to turn) stay moving time.
 */

export const EARTH_MEAN_RADIUS_METRES = 6_371_008.8;

const RADIANS = Math.PI / 180;

export function haversineMetres(latitudeA: number, longitudeA: number, latitudeB: number, longitudeB: number): number {
  const phiA = latitudeA * RADIANS;
  const phiB = latitudeB * RADIANS;
  const sinHalfDPhi = Math.sin((phiB - phiA) / 2);
  const sinHalfDLambda = Math.sin(((longitudeB - longitudeA) * RADIANS) / 2);
  const h = sinHalfDPhi * sinHalfDPhi + Math.cos(phiA) * Math.cos(phiB) * sinHalfDLambda * sinHalfDLambda;
  return 2 * EARTH_MEAN_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface TrackMathsSettings {
  /** Faster than this between two fixes is a GPS spike (m/s). */
  maxRunningSpeed: number;
  /** Slower than this is standing still (m/s). */
  pauseSpeed: number;
  /** A slow stretch longer than this is a pause (s). */
  shortestPause: number;
}

export const DEFAULT_TRACK_MATHS: TrackMathsSettings = { maxRunningSpeed: 12, pauseSpeed: 0.5, shortestPause: 10 };

/** Points after a segment's first point that, agreeing with each other but not with it, prove it a spike. */
export const CONFIRMING_POINTS = 5;

export interface KeptPoints {
  /** Indices into the input columns of the points that count, ascending. */
  indices: Uint32Array;
  /** Indices into `indices` where a piece (segment) starts (first is 0). */
  pieceStarts: Uint32Array;
  spikesLeftOut: number;
  repeatedOrBackwardTimesLeftOut: number;
}

interface PositionsAndTimes {
  latitude: Float64Array;
  longitude: Float64Array;
  /** UTC ms or NaN. */
  utcMs: Float64Array;
}

/**
 * Chooses the points that count. `segmentStarts` are indices into the columns (ascending, first 0);
 * `timed` says whether times are to be used at all.
 */
export function keepBelievablePoints(
  track: PositionsAndTimes,
  segmentStarts: Uint32Array,
  timed: boolean,
  settings: TrackMathsSettings = DEFAULT_TRACK_MATHS,
): KeptPoints {
  const { latitude, longitude, utcMs } = track;
  const count = latitude.length;
  const indices = new Uint32Array(count);
  const pieceStarts: number[] = [];
  let kept = 0;
  let spikes = 0;
  let badTimes = 0;
  /** Points left out right after a segment's first point, in case that first point is the spike. */
  const leftOutAfterFirst: number[] = [];

  const secondsBetween = (from: number, to: number): number => ((utcMs[to] ?? 0) - (utcMs[from] ?? 0)) / 1000;
  const agreesWith = (from: number, to: number): boolean => {
    const seconds = secondsBetween(from, to);
    if (!(seconds > 0)) return false;
    const metres = haversineMetres(latitude[from] ?? 0, longitude[from] ?? 0, latitude[to] ?? 0, longitude[to] ?? 0);
    return metres / seconds <= settings.maxRunningSpeed;
  };
  const countLeftOut = (anchor: number, index: number): void => {
    if (secondsBetween(anchor, index) > 0) spikes += 1;
    else badTimes += 1;
  };

  for (let segment = 0; segment < segmentStarts.length; segment += 1) {
    const start = segmentStarts[segment] ?? 0;
    const end = segment + 1 < segmentStarts.length ? (segmentStarts[segment + 1] ?? count) : count;
    if (end <= start) continue;
    const pieceStart = kept;
    pieceStarts.push(pieceStart);
    indices[kept++] = start;
    let anchor = start;
    leftOutAfterFirst.length = 0;
    for (let i = start + 1; i < end; i += 1) {
      if (!timed || agreesWith(anchor, i)) {
        for (const index of leftOutAfterFirst) countLeftOut(anchor, index);
        leftOutAfterFirst.length = 0;
        indices[kept++] = i;
        anchor = i;
        continue;
      }
      if (kept - pieceStart > 1) {
        countLeftOut(anchor, i);
        continue;
      }
      // Still on the segment's first point: if the points after it agree with each other, it was the spike.
      leftOutAfterFirst.push(i);
      if (leftOutAfterFirst.length >= CONFIRMING_POINTS && pointsAgree(leftOutAfterFirst, agreesWith)) {
        countLeftOut(leftOutAfterFirst[0] ?? i, anchor);
        kept = pieceStart;
        for (const index of leftOutAfterFirst) indices[kept++] = index;
        anchor = i;
        leftOutAfterFirst.length = 0;
      } else if (leftOutAfterFirst.length >= CONFIRMING_POINTS) {
        countLeftOut(anchor, leftOutAfterFirst.shift() ?? i);
      }
    }
    for (const index of leftOutAfterFirst) countLeftOut(anchor, index);
    leftOutAfterFirst.length = 0;
  }

  return {
    indices: indices.slice(0, kept),
    pieceStarts: Uint32Array.from(pieceStarts),
    spikesLeftOut: spikes,
    repeatedOrBackwardTimesLeftOut: badTimes,
  };
}

function pointsAgree(points: readonly number[], agreesWith: (from: number, to: number) => boolean): boolean {
  for (let k = 1; k < points.length; k += 1) {
    if (!agreesWith(points[k - 1] ?? 0, points[k] ?? 0)) return false;
  }
  return true;
}

/** Metres from the start at every kept point; distance does not grow across piece boundaries. */
export function metresAlong(latitude: Float64Array, longitude: Float64Array, pieceStarts: Uint32Array): Float64Array {
  const count = latitude.length;
  const along = new Float64Array(count);
  let piece = 1;
  let nextPieceStart = pieceStarts[1] ?? count;
  for (let i = 1; i < count; i += 1) {
    if (i === nextPieceStart) {
      along[i] = along[i - 1] ?? 0;
      piece += 1;
      nextPieceStart = pieceStarts[piece] ?? count;
      continue;
    }
    along[i] =
      (along[i - 1] ?? 0) + haversineMetres(latitude[i - 1] ?? 0, longitude[i - 1] ?? 0, latitude[i] ?? 0, longitude[i] ?? 0);
  }
  return along;
}

/**
 * Per interval (point i-1 → i, stored at i; index 0 unused): 1 when it is moving time, 0 when it is a
 * pause or crosses a piece boundary.
 */
export function movingIntervals(
  metresFromStart: Float64Array,
  secondsFromStart: Float64Array,
  pieceStarts: Uint32Array,
  settings: TrackMathsSettings = DEFAULT_TRACK_MATHS,
): Uint8Array {
  const count = metresFromStart.length;
  const moving = new Uint8Array(count);
  const isPieceStart = new Uint8Array(count);
  for (const start of pieceStarts) if (start < count) isPieceStart[start] = 1;
  let slowStart = -1;
  let slowSeconds = 0;
  const closeSlowStretch = (endExclusive: number): void => {
    if (slowStart < 0) return;
    const fill = slowSeconds > settings.shortestPause ? 0 : 1;
    for (let k = slowStart; k < endExclusive; k += 1) moving[k] = fill;
    slowStart = -1;
    slowSeconds = 0;
  };
  for (let i = 1; i < count; i += 1) {
    if (isPieceStart[i] === 1) {
      closeSlowStretch(i);
      moving[i] = 0;
      continue;
    }
    const seconds = (secondsFromStart[i] ?? 0) - (secondsFromStart[i - 1] ?? 0);
    const metres = (metresFromStart[i] ?? 0) - (metresFromStart[i - 1] ?? 0);
    if (!(seconds > 0)) {
      moving[i] = 0;
      continue;
    }
    if (metres / seconds < settings.pauseSpeed) {
      if (slowStart < 0) slowStart = i;
      slowSeconds += seconds;
    } else {
      closeSlowStretch(i);
      moving[i] = 1;
    }
  }
  closeSlowStretch(count);
  return moving;
}

/** Gives every untimed point between two timed points of the same segment a time, in proportion to distance. */
export function interpolateMissingTimes(
  track: PositionsAndTimes,
  segmentStarts: Uint32Array,
): { utcMs: Float64Array; interpolated: number } {
  const { latitude, longitude } = track;
  const utcMs = Float64Array.from(track.utcMs);
  const count = utcMs.length;
  let interpolated = 0;
  for (let segment = 0; segment < segmentStarts.length; segment += 1) {
    const start = segmentStarts[segment] ?? 0;
    const end = segment + 1 < segmentStarts.length ? (segmentStarts[segment + 1] ?? count) : count;
    let lastTimed = -1;
    for (let i = start; i < end; i += 1) {
      if (Number.isNaN(utcMs[i] ?? Number.NaN)) continue;
      if (lastTimed >= 0 && i - lastTimed > 1) {
        const steps: number[] = [];
        let total = 0;
        for (let k = lastTimed + 1; k <= i; k += 1) {
          total += haversineMetres(latitude[k - 1] ?? 0, longitude[k - 1] ?? 0, latitude[k] ?? 0, longitude[k] ?? 0);
          steps.push(total);
        }
        const from = utcMs[lastTimed] ?? 0;
        const span = (utcMs[i] ?? 0) - from;
        for (let k = lastTimed + 1; k < i; k += 1) {
          const share = total > 0 ? (steps[k - lastTimed - 1] ?? 0) / total : (k - lastTimed) / (i - lastTimed);
          utcMs[k] = from + span * share;
          interpolated += 1;
        }
      }
      lastTimed = i;
    }
  }
  return { utcMs, interpolated };
}
