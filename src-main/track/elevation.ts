/**
 * Climb and descent from recorded elevations, without counting noise as hills.
 *
 * Method (two steps):
 *  1. Light smoothing: each point's elevation is replaced by the mean of the recorded
 *     elevations within ±`smoothingMetres` (10 m) of it along the track — about ±3 s of
 *     running at 1 Hz. Points with no elevation are ignored; standing still averages the
 *     noise of all fixes taken there. Computed with prefix sums, O(n).
 *  2. Dead-band hysteresis of `thresholdMetres` (3 m): a climb or descent is counted only once
 *     the smoothed elevation has moved 3 m away from the last turning point; from then on
 *     every further metre in the same direction counts at once, so a 0 → 10 → 0 m hill gives
 *     exactly 10 m up and 10 m down, while ±2 m wobbles give nothing.
 *
 * Summing every positive difference of raw GPS elevations counts receiver noise as climbing
 * (tens of metres per flat hour at 1 Hz); the dead band removes it, at the price of ignoring
 * real undulations under 3 m.
 */

export interface ElevationSettings {
  smoothingMetres: number;
  thresholdMetres: number;
}

export const DEFAULT_ELEVATION: ElevationSettings = { smoothingMetres: 10, thresholdMetres: 3 };

export interface ClimbAndDescent {
  /** Total climb in metres; null when the track has no elevations. */
  gainMetres: number | null;
  lossMetres: number | null;
  /** Climb counted at each point (metres; up > 0, down < 0), so splits can add up their share. */
  climbCountedAt: Float32Array;
  smoothedElevationMetres: Float32Array;
}

export function smoothElevation(
  elevationMetres: Float32Array,
  metresFromStart: Float64Array,
  smoothingMetres: number,
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
  for (let i = 0; i < count; i += 1) {
    const here = metresFromStart[i] ?? 0;
    while ((metresFromStart[low] ?? 0) < here - smoothingMetres) low += 1;
    if (high < i) high = i;
    while (high + 1 < count && (metresFromStart[high + 1] ?? 0) <= here + smoothingMetres) high += 1;
    const n = (prefixCount[high + 1] ?? 0) - (prefixCount[low] ?? 0);
    smoothed[i] = Number.isNaN(elevationMetres[i] ?? Number.NaN) || n === 0
      ? Number.NaN
      : ((prefixSum[high + 1] ?? 0) - (prefixSum[low] ?? 0)) / n;
  }
  return smoothed;
}

export function measureClimb(
  elevationMetres: Float32Array,
  metresFromStart: Float64Array,
  settings: ElevationSettings = DEFAULT_ELEVATION,
): ClimbAndDescent {
  const count = elevationMetres.length;
  const smoothed = smoothElevation(elevationMetres, metresFromStart, settings.smoothingMetres);
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
