/**
 * Climb and descent from recorded elevations, without counting noise as hills.
 *
 * Method (two steps), run separately on each piece of the run (a segment, or the points after
 * a GPS jump): nothing is ever counted between two pieces, nor across a pause —
 *  1. Light smoothing: each point's elevation is replaced by the mean of the recorded
 *     elevations of its own stretch (piece, or part of one between pauses) within ±`smoothingMetres` (10 m) of it along the track — about
 *     ±3 s of running at 1 Hz. Points with no elevation are ignored; standing still averages the
 *     noise of all fixes taken there. Computed with prefix sums, O(n).
 *  2. Dead-band hysteresis of `thresholdMetres` (3 m): a climb or descent is counted only once
 *     the smoothed elevation has moved 3 m away from the last turning point; from then on
 *     every further metre in the same direction counts at once, so a 0 → 10 → 0 m hill gives
 *     exactly 10 m up and 10 m down, while ±2 m wobbles give nothing.
 *
 *     At the start of a piece, and after every pause (an interval of 20 s or more in which the
 *     runner moved under 10 m: a stop, a watch's auto-pause gap), the reference is set again to the elevation there without counting the change:
 *     the 77.5 m between two segments an hour apart, or a barometer drifting while the runner
 *     stands, is not climbing.
 *
 * The dead band is a Schmitt trigger (hysteresis; O. H. Schmitt, "A thermionic trigger", J. Sci.
 * Instrum. 15, 1938) on the smoothed profile — the same idea as the "elevation threshold" of
 * GPS tools. Summing every positive difference of raw GPS elevations counts receiver noise as
 * climbing (tens of metres per flat hour at 1 Hz); the dead band removes it, at the price of
 * ignoring real undulations under 3 m. Checked against gpxpy 1.5.0's `get_uphill_downhill`
 * (3-point weighted smoothing, 0.3/0.4/0.3, per segment) on the shared corpus: within ±25 %
 * wherever gpxpy finds more than 10 m (tests/track/elevation.test.ts).
 */

export interface ElevationSettings {
  smoothingMetres: number;
  thresholdMetres: number;
}

export const DEFAULT_ELEVATION: ElevationSettings = { smoothingMetres: 10, thresholdMetres: 3 };

/**
 * Per interval (i-1 → i, at i), 1 where the watch stood paused: an interval `movingIntervals`
 * counts as paused that lasted at least `PAUSE_GAP_SECONDS` (20 s) and covered under
 * `STANDING_METRES` (10 m) — a stop or an auto-pause gap. Short slow intervals (a steep walk
 * uphill recorded every few seconds) are not pauses here: their climb counts.
 */
export function pausedIntervals(moving: Uint8Array, metresFromStart: Float64Array, secondsFromStart: Float64Array): Uint8Array {
  const count = moving.length;
  const paused = new Uint8Array(count);
  for (let i = 1; i < count; i += 1) {
    if (moving[i] !== 0) continue;
    const seconds = (secondsFromStart[i] ?? 0) - (secondsFromStart[i - 1] ?? 0);
    const metres = (metresFromStart[i] ?? 0) - (metresFromStart[i - 1] ?? 0);
    if (seconds >= PAUSE_GAP_SECONDS && metres < STANDING_METRES) paused[i] = 1;
  }
  return paused;
}

const PAUSE_GAP_SECONDS = 20;
const STANDING_METRES = 10;

export interface ClimbAndDescent {
  /** Total climb in metres; null when the track has no elevations. */
  gainMetres: number | null;
  lossMetres: number | null;
  /** Climb counted at each point (metres; up > 0, down < 0), so splits can add up their share. */
  climbCountedAt: Float32Array;
  smoothedElevationMetres: Float32Array;
}

/**
 * Each point's elevation (metres) replaced by the mean of its piece's recorded elevations within
 * ±`smoothingMetres` along the track; NaN where the point has none. `pieceStarts` ascending, first 0.
 */
export function smoothElevation(
  elevationMetres: Float32Array,
  metresFromStart: Float64Array,
  smoothingMetres: number,
  pieceStarts: Uint32Array = Uint32Array.of(0),
): Float32Array {
  const count = elevationMetres.length;
  const prefixSum = new Float64Array(count + 1);
  const prefixCount = new Uint32Array(count + 1);
  for (let i = 0; i < count; i += 1) {
    const metres = elevationMetres[i] ?? Number.NaN;
    const has = !Number.isNaN(metres);
    prefixSum[i + 1] = (prefixSum[i] ?? 0) + (has ? metres : 0);
    prefixCount[i + 1] = (prefixCount[i] ?? 0) + (has ? 1 : 0);
  }
  const smoothed = new Float32Array(count);
  let low = 0;
  let high = 0;
  let piece = 0;
  let pieceStart = 0;
  let pieceEnd = pieceStarts.length > 1 ? (pieceStarts[1] ?? count) : count;
  for (let i = 0; i < count; i += 1) {
    while (i >= pieceEnd) {
      piece += 1;
      pieceStart = pieceEnd;
      pieceEnd = piece + 1 < pieceStarts.length ? (pieceStarts[piece + 1] ?? count) : count;
      low = pieceStart;
      high = pieceStart;
    }
    const here = metresFromStart[i] ?? 0;
    if (low < pieceStart) low = pieceStart;
    while ((metresFromStart[low] ?? 0) < here - smoothingMetres) low += 1;
    if (high < i) high = i;
    while (high + 1 < pieceEnd && (metresFromStart[high + 1] ?? 0) <= here + smoothingMetres) high += 1;
    const n = (prefixCount[high + 1] ?? 0) - (prefixCount[low] ?? 0);
    smoothed[i] = Number.isNaN(elevationMetres[i] ?? Number.NaN) || n === 0
      ? Number.NaN
      : ((prefixSum[high + 1] ?? 0) - (prefixSum[low] ?? 0)) / n;
  }
  return smoothed;
}

/**
 * Climb and descent in metres by the method above. `pieceStarts` (ascending, first 0) and
 * `pauseBefore` (per interval, see `pausedIntervals`) say where nothing may be counted; without
 * them the whole track is one piece with no pause.
 */
export function measureClimb(
  elevationMetres: Float32Array,
  metresFromStart: Float64Array,
  settings: ElevationSettings = DEFAULT_ELEVATION,
  pieceStarts: Uint32Array = Uint32Array.of(0),
  pauseBefore: Uint8Array | null = null,
): ClimbAndDescent {
  const count = elevationMetres.length;
  // Climbing is measured within stretches: a new one at every piece start and after every pause.
  const isStretchStart = new Uint8Array(count);
  for (const start of pieceStarts) if (start < count) isStretchStart[start] = 1;
  if (pauseBefore !== null) for (let i = 1; i < count; i += 1) if (pauseBefore[i] === 1) isStretchStart[i] = 1;
  const stretchStarts: number[] = [0];
  for (let i = 1; i < count; i += 1) if (isStretchStart[i] === 1) stretchStarts.push(i);
  const smoothed = smoothElevation(elevationMetres, metresFromStart, settings.smoothingMetres, Uint32Array.from(stretchStarts));
  const isPieceStart = isStretchStart;
  let previousWithElevation = -1;
  const climbCountedAt = new Float32Array(count);
  let turningPoint = Number.NaN;
  let direction = 0; // +1 climbing, -1 descending, 0 not yet known
  let gain = 0;
  let loss = 0;
  let anyElevation = false;
  for (let i = 0; i < count; i += 1) {
    const metres = smoothed[i] ?? Number.NaN;
    if (Number.isNaN(metres)) continue;
    if (!anyElevation) {
      anyElevation = true;
      turningPoint = metres;
      previousWithElevation = i;
      continue;
    }
    // A new piece, or a pause since the last point with an elevation: start again from here.
    let restart = false;
    for (let k = previousWithElevation + 1; k <= i && !restart; k += 1) {
      if (isPieceStart[k] === 1) restart = true;
    }
    previousWithElevation = i;
    if (restart) {
      turningPoint = metres;
      direction = 0;
      continue;
    }
    const change = metres - turningPoint;
    if (direction >= 0 && change > 0 && (direction > 0 || change >= settings.thresholdMetres)) {
      direction = 1;
      gain += change;
      climbCountedAt[i] = change;
      turningPoint = metres;
    } else if (direction <= 0 && change < 0 && (direction < 0 || -change >= settings.thresholdMetres)) {
      direction = -1;
      loss -= change;
      climbCountedAt[i] = change;
      turningPoint = metres;
    } else if (direction > 0 && -change >= settings.thresholdMetres) {
      direction = -1;
      loss -= change;
      climbCountedAt[i] = change;
      turningPoint = metres;
    } else if (direction < 0 && change >= settings.thresholdMetres) {
      direction = 1;
      gain += change;
      climbCountedAt[i] = change;
      turningPoint = metres;
    }
  }
  return {
    gainMetres: anyElevation ? gain : null,
    lossMetres: anyElevation ? loss : null,
    climbCountedAt,
    smoothedElevationMetres: smoothed,
  };
}
