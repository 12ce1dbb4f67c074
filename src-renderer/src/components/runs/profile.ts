/**
 * The run page's pace and elevation profile as drawn: pace smoothed over a stated distance,
 * an axis that GPS outliers cannot stretch, and the readout at a point. Pure; tested in
 * profile.test.ts.
 */
import type { RunTrackView } from '../../../../src-main/shared/track';
import type { DistanceUnit } from '../../../../src-main/shared/domain';
import { fromElevationMetres, fromMetres, metresPer } from '../../../../src-main/shared/units';

/** Pace is averaged over this much distance, centred on each point (stated under the chart). */
export const PACE_WINDOW_METRES = 400;

/**
 * Pace (seconds per km) averaged over `windowMetres` centred on each point: total time over
 * total distance of the points in the window, i.e. each point's pace weighted by the distance
 * it covers. Null where the point has no pace (stopped, no times).
 */
export function smoothPace(metres: readonly number[], paceSecondsPerKm: readonly (number | null)[], windowMetres = PACE_WINDOW_METRES): (number | null)[] {
  const half = windowMetres / 2;
  const out: (number | null)[] = [];
  let low = 0;
  let high = 0;
  // Running sums over the window [low, high): distance covered and time taken (pace × distance).
  const step = (index: number) => (index === 0 ? 0 : Math.max(0, metres[index]! - metres[index - 1]!));
  let distance = 0;
  let seconds = 0;
  for (let index = 0; index < metres.length; index++) {
    const centre = metres[index]!;
    while (high < metres.length && metres[high]! <= centre + half) {
      const pace = paceSecondsPerKm[high];
      if (pace !== null && pace !== undefined) {
        distance += step(high);
        seconds += (pace * step(high)) / 1000;
      }
      high++;
    }
    while (low < high && metres[low]! < centre - half) {
      const pace = paceSecondsPerKm[low];
      if (pace !== null && pace !== undefined) {
        distance -= step(low);
        seconds -= (pace * step(low)) / 1000;
      }
      low++;
    }
    out.push(paceSecondsPerKm[index] === null || distance <= 0 ? null : (seconds / distance) * 1000);
  }
  return out;
}

/** The value below which `fraction` of the sorted values lie (linear interpolation). */
export function quantile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * fraction;
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/**
 * The pace axis, in minutes per unit: from the 2nd to the 98th percentile of the drawn pace
 * (a GPS spike cannot stretch it), widened to at least `minimumSpanMinutes` around the middle
 * so a steady run reads as steady rather than magnified into a jagged line; the ends are
 * rounded out to whole half-minutes.
 */
export function paceAxis(
  paceMinutes: readonly (number | null)[],
  minimumSpanMinutes = 2,
  /** The share of values left out at each end: 0.02 for raw paces; 0 for paces already smoothed, so every drawn point is on the axis. */
  trim = 0.02,
): { min: number; max: number } | null {
  const values = paceMinutes.filter((value): value is number => value !== null && Number.isFinite(value)).sort((a, b) => a - b);
  if (values.length === 0) return null;
  let min = quantile(values, trim);
  let max = quantile(values, 1 - trim);
  if (max - min < minimumSpanMinutes) {
    const middle = (min + max) / 2;
    min = middle - minimumSpanMinutes / 2;
    max = middle + minimumSpanMinutes / 2;
  } else {
    const pad = (max - min) * 0.08;
    min -= pad;
    max += pad;
  }
  // Whole half-minutes at the ends, so the axis starts and ends on readable paces.
  return { min: Math.max(0, Math.floor(min * 2) / 2), max: Math.ceil(max * 2) / 2 };
}

export interface ProfileReadout {
  /** Distance into the run, in the runner's unit. */
  distance: number;
  /** Smoothed pace, seconds per the runner's unit; null while stopped. */
  paceSeconds: number | null;
  heartRate: number | null;
  /** Elevation in feet (miles) or metres (km). */
  elevation: number | null;
}

/** What the readout says at point `index`, given the smoothed pace. */
export function readoutAt(profile: RunTrackView['profile'], smoothedPaceSecondsPerKm: readonly (number | null)[], index: number, units: DistanceUnit): ProfileReadout {
  const pace = smoothedPaceSecondsPerKm[index] ?? null;
  const elevation = profile.elevationMetres[index] ?? null;
  return {
    distance: fromMetres(profile.metres[index] ?? 0, units),
    paceSeconds: pace === null ? null : (pace * metresPer(units)) / 1000,
    heartRate: profile.heartRate[index] ?? null,
    elevation: elevation === null ? null : fromElevationMetres(elevation, units),
  };
}

/** The index of the point nearest `metres` along the run (binary search; metres ascend). */
export function nearestIndex(metres: readonly number[], target: number): number {
  let low = 0;
  let high = metres.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (metres[middle]! < target) low = middle + 1;
    else high = middle;
  }
  if (low > 0 && Math.abs(metres[low - 1]! - target) <= Math.abs(metres[low]! - target)) return low - 1;
  return low;
}
