/**
 * Per-kilometre and per-mile splits.
 *
 * A split ends where the distance from the start reaches the next whole kilometre (or mile);
 * inside the interval that crosses it, time is shared in proportion to distance. The last split
 * is usually partial (`isPartial`), and its pace is still per whole unit. Pace uses moving time
 * (pauses excluded). Elevation gain and loss are the climb counted at the split's points by the
 * run's hysteresis (so the splits add up exactly to the run's totals). Heart rate is the mean of
 * the readings at the split's points.
 */
import type { TrackSplit } from '../shared/track';
import { METRES_PER_KILOMETRE, METRES_PER_MILE } from '../shared/units';

export { METRES_PER_KILOMETRE, METRES_PER_MILE };

/** One mile or kilometre of a run (the last may be partial): the shape the run page shows. */
export type Split = TrackSplit;

export interface SplitInputs {
  metresFromStart: Float64Array;
  /** NaN everywhere when the run has no times. */
  secondsFromStart: Float64Array;
  /** 1 where interval i-1 → i is moving time (see track-maths movingIntervals). */
  moving: Uint8Array;
  climbCountedAt: Float32Array;
  hasElevation: boolean;
  heartRate: Float32Array;
}

interface SplitTotals {
  elapsed: number;
  moving: number;
  gain: number;
  loss: number;
  heartRateSum: number;
  heartRateReadings: number;
}

export function splitsEvery(unitMetres: number, inputs: SplitInputs): Split[] {
  const { metresFromStart, secondsFromStart, moving, climbCountedAt, heartRate } = inputs;
  const count = metresFromStart.length;
  const timed = count > 0 && !Number.isNaN(secondsFromStart[0] ?? Number.NaN);
  const totalMetres = count > 0 ? (metresFromStart[count - 1] ?? 0) : 0;
  const splits: Split[] = [];
  if (totalMetres <= 0) return splits;

  let totals: SplitTotals = { elapsed: 0, moving: 0, gain: 0, loss: 0, heartRateSum: 0, heartRateReadings: 0 };
  let splitStart = 0;
  let nextBoundary = unitMetres;

  const close = (endMetres: number, isPartial: boolean): void => {
    const distanceMetres = endMetres - splitStart;
    splits.push({
      number: splits.length + 1,
      startMetres: splitStart,
      distanceMetres,
      isPartial,
      elapsedSeconds: timed ? totals.elapsed : null,
      movingSeconds: timed ? totals.moving : null,
      paceSecondsPerUnit: timed && distanceMetres > 0 ? (totals.moving / distanceMetres) * unitMetres : null,
      elevationGainMetres: inputs.hasElevation ? totals.gain : null,
      elevationLossMetres: inputs.hasElevation ? totals.loss : null,
      averageHeartRate: totals.heartRateReadings > 0 ? totals.heartRateSum / totals.heartRateReadings : null,
    });
    splitStart = endMetres;
    totals = { elapsed: 0, moving: 0, gain: 0, loss: 0, heartRateSum: 0, heartRateReadings: 0 };
  };

  const addHeartRate = (i: number): void => {
    const bpm = heartRate[i] ?? Number.NaN;
    if (!Number.isNaN(bpm)) {
      totals.heartRateSum += bpm;
      totals.heartRateReadings += 1;
    }
  };

  addHeartRate(0);
  for (let i = 1; i < count; i += 1) {
    const fromMetres = metresFromStart[i - 1] ?? 0;
    const toMetres = metresFromStart[i] ?? 0;
    const seconds = timed ? Math.max(0, (secondsFromStart[i] ?? 0) - (secondsFromStart[i - 1] ?? 0)) : 0;
    const isMoving = moving[i] === 1;
    let doneMetres = fromMetres;
    // An interval may cross one boundary or, with sparse points, several.
    while (toMetres >= nextBoundary && nextBoundary < totalMetres) {
      const share = toMetres > fromMetres ? (nextBoundary - doneMetres) / (toMetres - fromMetres) : 0;
      totals.elapsed += seconds * share;
      if (isMoving) totals.moving += seconds * share;
      close(nextBoundary, false);
      doneMetres = nextBoundary;
      nextBoundary += unitMetres;
    }
    const rest = toMetres > fromMetres ? (toMetres - doneMetres) / (toMetres - fromMetres) : 1;
    totals.elapsed += seconds * rest;
    if (isMoving) totals.moving += seconds * rest;
    const climb = climbCountedAt[i] ?? 0;
    if (climb > 0) totals.gain += climb;
    else totals.loss -= climb;
    addHeartRate(i);
  }
  const lastLength = totalMetres - splitStart;
  const previous = splits[splits.length - 1];
  if (lastLength > 0.5 || previous === undefined) {
    close(totalMetres, Math.abs(lastLength - unitMetres) > 1e-6);
  } else {
    // Less than half a metre past the last boundary: not worth a split of its own.
    previous.distanceMetres += lastLength;
    if (previous.elapsedSeconds !== null) previous.elapsedSeconds += totals.elapsed;
    if (previous.movingSeconds !== null) previous.movingSeconds += totals.moving;
    if (previous.elevationGainMetres !== null) previous.elevationGainMetres += totals.gain;
    if (previous.elevationLossMetres !== null) previous.elevationLossMetres += totals.loss;
  }
  return splits;
}
