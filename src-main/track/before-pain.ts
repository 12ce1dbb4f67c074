/**
 * What came before the pain: the last kilometre (or the last five minutes) before the knee pain
 * began, described against the rest of the same run. Pure: stored streams in, figures out.
 */
import type { BeforePain, StretchFigures } from '../shared/before-pain';
import type { RunProfile } from './streams-codec';
import { DEFAULT_ELEVATION, measureClimb, pausedIntervals } from './elevation';
import { movingIntervals } from './track-maths';

/** The stretch is the last kilometre before the onset when the onset came at or after 1,000 m. */
export const STRETCH_METRES = 1000;
/** Otherwise, on a timed run, the last five minutes (300 s) before it. */
export const STRETCH_SECONDS = 300;
/** Per-km figures of a part shorter than this (metres) would be noise: that part is not described. */
const MIN_PART_METRES = 200;

interface Sums {
  metres: number;
  climb: number;
  descent: number;
  movingSeconds: number;
  movingMetres: number;
  cadenceSum: number;
  cadenceSeconds: number;
  heartSum: number;
  heartSeconds: number;
}

const emptySums = (): Sums => ({ metres: 0, climb: 0, descent: 0, movingSeconds: 0, movingMetres: 0, cadenceSum: 0, cadenceSeconds: 0, heartSum: 0, heartSeconds: 0 });

function figures(sums: Sums, hasElevation: boolean): StretchFigures {
  const perKm = (metres: number) => (metres / sums.metres) * 1000;
  return {
    metres: sums.metres,
    climbPerKm: hasElevation ? perKm(sums.climb) : null,
    descentPerKm: hasElevation ? perKm(sums.descent) : null,
    gradePercent: hasElevation ? ((sums.climb - sums.descent) / sums.metres) * 100 : null,
    movingPaceSecondsPerKm: sums.movingMetres > 0 && sums.movingSeconds > 0 ? (sums.movingSeconds / sums.movingMetres) * 1000 : null,
    cadenceStepsPerMinute: sums.cadenceSeconds > 0 ? sums.cadenceSum / sums.cadenceSeconds : null,
    heartRate: sums.heartSeconds > 0 ? sums.heartSum / sums.heartSeconds : null,
  };
}

/** Seconds from the start at `metres` along the track, interpolated between points; NaN without times. */
function secondsAt(streams: RunProfile, metres: number): number {
  const along = streams.metresFromStart;
  let i = 0;
  while (i + 1 < along.length && along[i + 1]! < metres) i++;
  const j = Math.min(i + 1, along.length - 1);
  const a = along[i]!;
  const b = along[j]!;
  const ta = streams.secondsFromStart[i]!;
  const tb = streams.secondsFromStart[j]!;
  return b > a ? ta + ((tb - ta) * (Math.min(Math.max(metres, a), b) - a)) / (b - a) : ta;
}

/** Metres along the track at `seconds` from the start (the first point at or after it). */
function metresAt(streams: RunProfile, seconds: number): number {
  const times = streams.secondsFromStart;
  let i = 0;
  while (i + 1 < times.length && times[i]! < seconds) i++;
  return streams.metresFromStart[i]!;
}

/**
 * The stretch before the knee pain began, against the rest of the run.
 *
 * - Stretch: the last `STRETCH_METRES` (1,000 m) before `onsetMetres` when the onset came at or
 *   after 1 km; otherwise, on a timed run, the last `STRETCH_SECONDS` (300 s) before it. Each
 *   interval between two recorded points (i−1 → i) belongs to the stretch when the distance at
 *   point i lies in (start, onset]; everything else is "the rest" (before the stretch, and after
 *   the onset if the runner went on). `painFree` is the part before the stretch alone (start →
 *   stretch start), for comparisons with pain-free running.
 * - Climb and descent: the run's own measure (track/elevation.ts: 10 m smoothing, 3 m dead band,
 *   nothing counted across pieces or pauses), each interval's counted share summed per part,
 *   divided by the part's distance: metres per km. Average grade (per cent) = (climb − descent) ÷
 *   distance × 100.
 * - Pace: moving pace, seconds per km over the part's moving intervals (track/track-maths.ts
 *   `movingIntervals`: stops and auto-pause gaps left out).
 * - Cadence (steps per minute, both feet, as stored by the readers) and heart rate (bpm): means
 *   weighted by moving seconds over intervals where they were recorded.
 *
 * Returns null when there is nothing to compare: no points, an onset at 0 m or beyond the
 * track, an onset before 1 km on a run without times, an onset before 1 km and 5 minutes, or a
 * stretch or rest under 200 m.
 */
export function beforePain(runId: number, streams: RunProfile, onsetMetres: number): BeforePain | null {
  const along = streams.metresFromStart;
  const count = along.length;
  if (count < 2 || !(onsetMetres > 0)) return null;
  const total = along[count - 1]!;
  const onset = Math.min(onsetMetres, total);
  if (onsetMetres > total + 50) return null;
  const timed = Number.isFinite(streams.secondsFromStart[0] ?? Number.NaN);
  let basis: BeforePain['basis'];
  let start: number;
  if (onset >= STRETCH_METRES) {
    basis = 'km';
    start = onset - STRETCH_METRES;
  } else {
    if (!timed) return null;
    const onsetSeconds = secondsAt(streams, onset);
    if (onsetSeconds < STRETCH_SECONDS) return null;
    basis = 'five-minutes';
    start = metresAt(streams, onsetSeconds - STRETCH_SECONDS);
  }

  const moving = timed ? movingIntervals(along, streams.secondsFromStart, streams.pieceStarts) : null;
  const climb = measureClimb(
    streams.elevationMetres,
    along,
    DEFAULT_ELEVATION,
    streams.pieceStarts,
    moving ? pausedIntervals(moving, along, streams.secondsFromStart) : null,
  );
  const hasElevation = climb.gainMetres !== null;
  const before = emptySums();
  const rest = emptySums();
  const painFree = emptySums();
  for (let i = 1; i < count; i++) {
    const here = along[i]!;
    const part = here > start && here <= onset ? before : rest;
    const alsoPainFree = here <= start;
    const metres = here - along[i - 1]!;
    part.metres += metres;
    if (alsoPainFree) painFree.metres += metres;
    const counted = climb.climbCountedAt[i]!;
    for (const sums of alsoPainFree ? [part, painFree] : [part]) {
      if (counted > 0) sums.climb += counted;
      else if (counted < 0) sums.descent -= counted;
    }
    if (moving && moving[i] === 1) {
      const seconds = streams.secondsFromStart[i]! - streams.secondsFromStart[i - 1]!;
      part.movingSeconds += seconds;
      part.movingMetres += metres;
      if (alsoPainFree) {
        painFree.movingSeconds += seconds;
        painFree.movingMetres += metres;
      }
      const cadence = streams.cadence[i]!;
      if (Number.isFinite(cadence) && cadence > 0) {
        for (const sums of alsoPainFree ? [part, painFree] : [part]) {
          sums.cadenceSum += cadence * seconds;
          sums.cadenceSeconds += seconds;
        }
      }
      const heart = streams.heartRate[i]!;
      if (Number.isFinite(heart) && heart > 0) {
        for (const sums of alsoPainFree ? [part, painFree] : [part]) {
          sums.heartSum += heart * seconds;
          sums.heartSeconds += seconds;
        }
      }
    }
  }
  if (before.metres < MIN_PART_METRES || rest.metres < MIN_PART_METRES) return null;
  return {
    runId,
    onsetMetres,
    basis,
    stretchStartMetres: start,
    before: figures(before, hasElevation),
    rest: figures(rest, hasElevation),
    painFree: painFree.metres >= MIN_PART_METRES ? figures(painFree, hasElevation) : null,
  };
}
