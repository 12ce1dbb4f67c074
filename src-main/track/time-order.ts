/**
 * Putting one recording's points in time order before anything is measured.
 *
 * Devices and apps write the same run in surprising orders; each rule below comes from a
 * reported fault (GPX cases 90–93) and keeps every point the runner ran:
 *
 *  1. **Newest first.** A segment whose times mostly run backwards (more backward steps than
 *     forward ones between consecutive timed points) was written newest first: it is reversed.
 *  2. **Clock steps.** Inside a segment, a time more than `CLOCK_STEP_TOLERANCE_MS` (1 s) before
 *     the previous point's:
 *     - if it is not before the point two back, the previous point alone had a bogus time (an
 *       app wrote one point from the future): that time is dropped and filled in later from its
 *       neighbours, like any untimed point;
 *     - else, if the position carries on along the path (no further from the previous point than
 *       running at `maxRunningSpeed` for three typical intervals, plus 20 m of GPS noise), the
 *       device's clock stepped back: every later time of the segment is moved forward by the step
 *       plus one typical interval (the median interval between the segment's points), so the run
 *       stays whole and its elapsed time is the sum of its forward spans plus that one interval;
 *     - else (it jumped back to a place already passed: a replayed stretch) it is left to
 *       `keepBelievablePoints`, which leaves out points with backwards times, as before.
 *     Repeated times and sub-second skews (steps back of 1 s or less) are not steps either; they
 *     too stay with `keepBelievablePoints`.
 *  3. **Repeated segments.** A segment whose points (latitude, longitude and time, exactly) are the
 *     first points of another segment — all of it, or the other one is its prefix — repeats it (an
 *     app that rewrites its segments cumulatively): the shorter is left out (the later, when equal).
 *  4. **Segment order.** Segments are taken in the order of their first time, whatever the file's.
 *  5. **Overlap.** A segment starting more than 1 s before the previous one ends either repeats
 *     that stretch point for point (each of its points in the overlap has a point of the other with
 *     the same time and position) — then it is merged, its repeated points dropped — or it is a
 *     different recording of the same minutes, which cannot be one run: an `ImportRefusal`.
 *
 * Untimed points keep their place among their segment's points. The result's `utcMs` is a new
 * array; the input columns are not changed.
 */
import type { TrackPointColumns } from './point-columns';
import { refuse } from './refusals';
import { DEFAULT_TRACK_MATHS, haversineMetres, type TrackMathsSettings } from './track-maths';

/** A step back in time of this much or less is a skew or a repeat, not a clock step. */
export const CLOCK_STEP_TOLERANCE_MS = 1000;
/** Segments may overlap by this much (a device writing the last and first point at the same second). */
const OVERLAP_TOLERANCE_MS = 1000;
/** GPS noise allowed on top of running speed when deciding that a position carries on along the path. */
const CARRY_ON_NOISE_METRES = 20;

/** Where a clock stepped back: the point index in the result, how far back (ms), and distance along the path to it (m). */
export interface ClockStep {
  atPoint: number;
  backMs: number;
  metresFromStart: number;
}

export interface TimeOrder {
  columns: TrackPointColumns;
  /** Segment starts in the result, ascending, first 0. */
  segmentStarts: Uint32Array;
  /** Segments that were written newest first and were reversed. */
  reversedSegments: number;
  /** Segments left out because they repeat another one's points. */
  repeatedSegmentsLeftOut: number;
  /** Segments merged into the previous one because they overlapped it with the same points. */
  mergedSegments: number;
  /** Segments that were not in time order in the file and were reordered. */
  segmentsReordered: boolean;
  /** Points whose single bogus time was dropped (to be filled in from their neighbours). */
  bogusTimesDropped: number;
  clockSteps: ClockStep[];
}

interface Segment {
  /** Indices into the input columns, in the order they are to be read. */
  points: number[];
  /** Position of the segment in the file, for messages and stable ordering. */
  fileOrder: number;
  firstMs: number;
  lastMs: number;
}

function segmentRanges(count: number, segmentStarts: Uint32Array): [number, number][] {
  const ranges: [number, number][] = [];
  for (let k = 0; k < segmentStarts.length; k += 1) {
    const start = segmentStarts[k] ?? 0;
    const end = k + 1 < segmentStarts.length ? (segmentStarts[k + 1] ?? count) : count;
    if (end > start) ranges.push([start, end]);
  }
  return ranges;
}

/** Whether the recording needs any of the rules (most files do not: they are returned as they are, no copy). */
function needsOrdering(columns: TrackPointColumns, ranges: readonly [number, number][]): boolean {
  const utcMs = columns.utcMs;
  let previousLast = Number.NEGATIVE_INFINITY;
  for (const [start, end] of ranges) {
    let previous = Number.NaN;
    let first = Number.NaN;
    for (let i = start; i < end; i += 1) {
      const ms = utcMs[i] ?? Number.NaN;
      if (Number.isNaN(ms)) continue;
      if (Number.isNaN(first)) first = ms;
      if (ms < previous - CLOCK_STEP_TOLERANCE_MS) return true;
      previous = ms;
    }
    if (!Number.isNaN(first)) {
      if (first < previousLast - OVERLAP_TOLERANCE_MS) return true;
      previousLast = previous;
    }
  }
  return false;
}

function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function samePoint(columns: TrackPointColumns, utcMs: Float64Array, a: number, b: number): boolean {
  return (
    columns.latitude[a] === columns.latitude[b] &&
    columns.longitude[a] === columns.longitude[b] &&
    Object.is(utcMs[a], utcMs[b])
  );
}

function hhmm(utcMs: number): string {
  return `${new Date(utcMs).toISOString().slice(11, 16)} UTC`;
}

/**
 * Applies the rules in the module comment to one recording's points (`segmentStarts` ascending,
 * first 0). Throws an `ImportRefusal` ('overlapping-segments') when two segments overlap in time
 * with different points.
 */
export function putInTimeOrder(
  columns: TrackPointColumns,
  segmentStarts: Uint32Array,
  settings: TrackMathsSettings = DEFAULT_TRACK_MATHS,
): TimeOrder {
  const ranges = segmentRanges(columns.count, segmentStarts);
  const unchanged: TimeOrder = {
    columns, segmentStarts, reversedSegments: 0, repeatedSegmentsLeftOut: 0, mergedSegments: 0,
    segmentsReordered: false, bogusTimesDropped: 0, clockSteps: [],
  };
  if (!needsOrdering(columns, ranges)) return unchanged;

  const utcMs = Float64Array.from(columns.utcMs);
  let reversedSegments = 0;
  let bogusTimesDropped = 0;
  const stepsAt: { inputIndex: number; backMs: number }[] = [];
  const segments: Segment[] = [];

  ranges.forEach(([start, end], fileOrder) => {
    const points: number[] = [];
    for (let i = start; i < end; i += 1) points.push(i);
    // 1. Newest first?
    let forward = 0;
    let backward = 0;
    let previous = Number.NaN;
    for (const i of points) {
      const ms = utcMs[i] ?? Number.NaN;
      if (Number.isNaN(ms)) continue;
      if (ms > previous) forward += 1;
      else if (ms < previous) backward += 1;
      previous = ms;
    }
    if (backward > forward) {
      points.reverse();
      reversedSegments += 1;
    }
    // 2. Clock steps.
    const timed = points.filter((i) => !Number.isNaN(utcMs[i] ?? Number.NaN));
    const intervals: number[] = [];
    for (let k = 1; k < timed.length; k += 1) {
      const seconds = ((utcMs[timed[k] ?? 0] ?? 0) - (utcMs[timed[k - 1] ?? 0] ?? 0)) / 1000;
      if (seconds > 0) intervals.push(seconds);
    }
    const typicalSeconds = Math.min(60, median(intervals) || 1);
    const carryOnMetres = settings.maxRunningSpeed * typicalSeconds * 3 + CARRY_ON_NOISE_METRES;
    let shiftMs = 0;
    for (let k = 1; k < timed.length; k += 1) {
      const here = timed[k] ?? 0;
      const before = timed[k - 1] ?? 0;
      utcMs[here] = (utcMs[here] ?? 0) + shiftMs;
      const backMs = (utcMs[before] ?? 0) - (utcMs[here] ?? 0);
      if (!(backMs > CLOCK_STEP_TOLERANCE_MS)) continue;
      const twoBack = k >= 2 ? (timed[k - 2] ?? 0) : -1;
      if (twoBack >= 0 && !Number.isNaN(utcMs[twoBack] ?? Number.NaN) && (utcMs[here] ?? 0) >= (utcMs[twoBack] ?? 0)) {
        utcMs[before] = Number.NaN; // the point before had a bogus time
        bogusTimesDropped += 1;
        continue;
      }
      const apart = haversineMetres(
        columns.latitude[before] ?? 0, columns.longitude[before] ?? 0, columns.latitude[here] ?? 0, columns.longitude[here] ?? 0,
      );
      if (apart > carryOnMetres) continue; // a replayed stretch: keepBelievablePoints leaves it out
      const stepMs = backMs + typicalSeconds * 1000;
      shiftMs += stepMs;
      utcMs[here] = (utcMs[here] ?? 0) + stepMs;
      stepsAt.push({ inputIndex: here, backMs });
    }
    let firstMs = Number.NaN;
    let lastMs = Number.NaN;
    for (const i of points) {
      const ms = utcMs[i] ?? Number.NaN;
      if (Number.isNaN(ms)) continue;
      if (Number.isNaN(firstMs) || ms < firstMs) firstMs = ms;
      if (Number.isNaN(lastMs) || ms > lastMs) lastMs = ms;
    }
    segments.push({ points, fileOrder, firstMs, lastMs });
  });

  // 3. Repeated segments: the shorter of two that start with the same points.
  let repeatedSegmentsLeftOut = 0;
  const byFirstPoint = new Map<string, Segment[]>();
  const left: Segment[] = [];
  const dropped = new Set<Segment>();
  for (const segment of segments) {
    const first = segment.points[0] ?? 0;
    const key = `${columns.latitude[first]},${columns.longitude[first]},${utcMs[first]}`;
    const earlier = byFirstPoint.get(key) ?? [];
    for (const other of earlier) {
      if (dropped.has(other)) continue;
      const shorter = other.points.length < segment.points.length ? other : segment;
      const longer = shorter === other ? segment : other;
      if (shorter.points.every((index, k) => samePoint(columns, utcMs, index, longer.points[k] ?? 0))) {
        dropped.add(shorter);
        repeatedSegmentsLeftOut += 1;
        if (shorter === segment) break;
      }
    }
    earlier.push(segment);
    byFirstPoint.set(key, earlier);
  }
  for (const segment of segments) if (!dropped.has(segment)) left.push(segment);

  // 4. Time order (untimed segments keep their place after the segment before them).
  const ordered = left.slice();
  let lastKnown = Number.NEGATIVE_INFINITY;
  const sortKey = new Map<Segment, number>();
  for (const segment of ordered) {
    if (!Number.isNaN(segment.firstMs)) lastKnown = segment.firstMs;
    sortKey.set(segment, lastKnown);
  }
  ordered.sort((a, b) => (sortKey.get(a) ?? 0) - (sortKey.get(b) ?? 0) || a.fileOrder - b.fileOrder);
  const segmentsReordered = ordered.some((segment, k) => segment !== left[k]);

  // 5. Overlaps: merge provable repeats, refuse the rest.
  let mergedSegments = 0;
  const merged: Segment[] = [];
  for (const segment of ordered) {
    const previous = merged[merged.length - 1];
    if (previous === undefined || Number.isNaN(segment.firstMs) || Number.isNaN(previous.lastMs) || segment.firstMs >= previous.lastMs - OVERLAP_TOLERANCE_MS) {
      merged.push(segment);
      continue;
    }
    const previousAt = new Map<number, number[]>();
    for (const index of previous.points) {
      const ms = utcMs[index] ?? Number.NaN;
      if (Number.isNaN(ms)) continue;
      const list = previousAt.get(ms) ?? [];
      list.push(index);
      previousAt.set(ms, list);
    }
    const rest: number[] = [];
    let provable = true;
    for (const index of segment.points) {
      const ms = utcMs[index] ?? Number.NaN;
      if (rest.length === 0 && (Number.isNaN(ms) || ms <= previous.lastMs)) {
        const twins = previousAt.get(ms) ?? [];
        if (!twins.some((twin) => samePoint(columns, utcMs, twin, index))) {
          provable = false;
          break;
        }
        continue;
      }
      rest.push(index);
    }
    if (!provable) {
      throw refuse.overlappingSegments(segment.fileOrder + 1, hhmm(segment.firstMs), previous.fileOrder + 1, hhmm(previous.lastMs));
    }
    mergedSegments += 1;
    for (const index of rest) previous.points.push(index); // no spread: a long segment would overflow the stack
    if (!Number.isNaN(segment.lastMs) && segment.lastMs > previous.lastMs) previous.lastMs = segment.lastMs;
  }

  // Build the result.
  const chosen: number[] = [];
  const starts: number[] = [];
  for (const segment of merged) {
    if (segment.points.length === 0) continue;
    starts.push(chosen.length);
    for (const index of segment.points) chosen.push(index);
  }
  const n = chosen.length;
  const pick64 = (from: Float64Array): Float64Array => Float64Array.from(chosen, (index) => from[index] ?? Number.NaN);
  const pick32 = (from: Float32Array): Float32Array => Float32Array.from(chosen, (index) => from[index] ?? Number.NaN);
  const positionOf = new Map<number, number>();
  chosen.forEach((index, k) => positionOf.set(index, k));
  const latitude = pick64(columns.latitude);
  const longitude = pick64(columns.longitude);
  // Distance along the path to each step, for the warning (within segments, never across).
  const clockSteps: ClockStep[] = [];
  const stepAt = new Map<number, number>();
  for (const step of stepsAt) {
    const at = positionOf.get(step.inputIndex);
    if (at !== undefined) stepAt.set(at, step.backMs);
  }
  if (stepAt.size > 0) {
    const isStart = new Set(starts);
    let metres = 0;
    for (let k = 0; k < n; k += 1) {
      if (k > 0 && !isStart.has(k)) {
        metres += haversineMetres(latitude[k - 1] ?? 0, longitude[k - 1] ?? 0, latitude[k] ?? 0, longitude[k] ?? 0);
      }
      const backMs = stepAt.get(k);
      if (backMs !== undefined) clockSteps.push({ atPoint: k, backMs, metresFromStart: metres });
    }
  }
  return {
    columns: {
      count: n,
      latitude,
      longitude,
      elevationMetres: pick32(columns.elevationMetres),
      utcMs: pick64(utcMs),
      heartRate: pick32(columns.heartRate),
      cadence: pick32(columns.cadence),
      powerWatts: pick32(columns.powerWatts),
      temperatureCelsius: pick32(columns.temperatureCelsius),
      deviceDistanceMetres: pick64(columns.deviceDistanceMetres),
    },
    segmentStarts: Uint32Array.from(starts),
    reversedSegments,
    repeatedSegmentsLeftOut,
    mergedSegments,
    segmentsReordered,
    bogusTimesDropped,
    clockSteps,
  };
}
