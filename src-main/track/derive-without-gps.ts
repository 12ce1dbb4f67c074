/**
 * The run a recording without positions makes (a treadmill or indoor run, a watch with GPS off,
 * a footpod): its distance and times are the device's own, there is no route.
 *
 * Rules:
 *  - distance = the device's total for the recording (FIT session `total_distance`, TCX lap
 *    `DistanceMeters` summed) when it has one; else the last per-point device distance minus the
 *    first. No positions are measured, so this is "equal to the device figure" by construction;
 *  - elapsed = the device's total elapsed time, else last − first point time; moving = the
 *    device's timer time (pauses excluded), else the sum of the intervals inside segments;
 *  - the per-point streams keep time, device distance, heart rate and cadence; latitude and
 *    longitude are 0,0 — "no position", as GPX receivers write it — and the run page draws no
 *    route (track/track-view.ts); splits come from the device distance;
 *  - a recording with neither a device distance nor two timed points is refused.
 */
import type { DerivedRun, RunWarning } from './derive';
import type { RecordedFile, RecordedTrack } from './recording';
import { refuse } from './refusals';
import { METRES_PER_KILOMETRE, METRES_PER_MILE, splitsEvery } from './splits';

/** Whether a recording of this file has too few positions to have a route (so `deriveRunWithoutGps` applies). */
export function hasNoRoute(recording: RecordedFile, track: RecordedTrack): boolean {
  let positioned = 0;
  for (let i = track.firstPoint; i < track.firstPoint + track.pointCount; i += 1) {
    if (Number.isFinite(recording.points.latitude[i] ?? Number.NaN)) {
      positioned += 1;
      if (positioned >= 2) return false;
    }
  }
  return true;
}

/**
 * Derives the run of one recording without positions (see the module comment). Throws an
 * `ImportRefusal` when it has no distance or no times.
 */
export function deriveRunWithoutGps(recording: RecordedFile, track: RecordedTrack, pointsSha256: string): DerivedRun {
  const from = track.firstPoint;
  const count = track.pointCount;
  const columns = recording.points;
  if (count < 2) throw refuse.tooFewPoints();
  const firstMs = columns.utcMs[from] ?? Number.NaN;
  const lastMs = columns.utcMs[from + count - 1] ?? Number.NaN;
  if (!(lastMs > firstMs)) throw refuse.timesUnusable('every point has the same time');

  const secondsFromStart = new Float64Array(count);
  const metresFromStart = new Float64Array(count);
  const heartRate = new Float32Array(count);
  const cadence = new Float32Array(count);
  const powerWatts = new Float32Array(count);
  let firstDistance = Number.NaN;
  let carried = 0;
  for (let k = 0; k < count; k += 1) {
    const i = from + k;
    secondsFromStart[k] = ((columns.utcMs[i] ?? firstMs) - firstMs) / 1000;
    const device = columns.deviceDistanceMetres[i] ?? Number.NaN;
    if (Number.isFinite(device)) {
      if (Number.isNaN(firstDistance)) firstDistance = device;
      carried = Math.max(carried, device - firstDistance); // never backwards
    }
    metresFromStart[k] = carried;
    heartRate[k] = columns.heartRate[i] ?? Number.NaN;
    cadence[k] = columns.cadence[i] ?? Number.NaN;
    powerWatts[k] = columns.powerWatts[i] ?? Number.NaN;
  }
  const totals = track.deviceTotals;
  const deviceTotal = totals !== null && totals.distanceMetres > 0 ? totals.distanceMetres : Number.NaN;
  const distanceMetres = Number.isFinite(deviceTotal) ? deviceTotal : (metresFromStart[count - 1] ?? 0);
  if (!(distanceMetres > 0)) {
    throw refuse.noValidPositions(count);
  }

  // Moving: every interval inside a segment (a timer stop/start begins a new segment).
  const isStart = new Set<number>();
  for (const start of recording.segmentStarts) if (start >= from && start < from + count) isStart.add(start - from);
  const moving = new Uint8Array(count);
  let movingSum = 0;
  for (let k = 1; k < count; k += 1) {
    if (isStart.has(k)) continue;
    moving[k] = 1;
    movingSum += (secondsFromStart[k] ?? 0) - (secondsFromStart[k - 1] ?? 0);
  }
  const elapsedSeconds = totals !== null && totals.elapsedSeconds > 0 ? totals.elapsedSeconds : (lastMs - firstMs) / 1000;
  const movingSeconds = totals !== null && totals.timerSeconds > 0 ? Math.min(totals.timerSeconds, elapsedSeconds) : movingSum;

  let heartRateSum = 0;
  let readings = 0;
  let maxHeartRate = Number.NEGATIVE_INFINITY;
  for (const bpm of heartRate) {
    if (Number.isNaN(bpm)) continue;
    heartRateSum += bpm;
    readings += 1;
    maxHeartRate = Math.max(maxHeartRate, bpm);
  }
  const splitInputs = {
    metresFromStart,
    secondsFromStart,
    moving,
    climbCountedAt: new Float32Array(count),
    hasElevation: false,
    heartRate,
  };
  const warnings: RunWarning[] = [
    { code: 'no-distance', message: 'This run has no GPS route: its distance and time are the watch’s own (a treadmill or indoor run, or GPS off).' },
  ];
  return {
    startUtcMs: firstMs,
    startTimeFrom: 'file',
    utcOffsetMinutes: null,
    name: track.name,
    distanceMetres,
    elapsedSeconds,
    movingSeconds,
    elevationGainMetres: null,
    elevationLossMetres: null,
    averageHeartRate: readings > 0 ? heartRateSum / readings : null,
    maxHeartRate: readings > 0 ? maxHeartRate : null,
    pointCount: count,
    splitsPerKilometre: splitsEvery(METRES_PER_KILOMETRE, splitInputs),
    splitsPerMile: splitsEvery(METRES_PER_MILE, splitInputs),
    streams: {
      latitude: new Float64Array(count), // 0,0 = no position (the stored streams have no NaN for positions); no route is drawn
      longitude: new Float64Array(count),
      elevationMetres: new Float32Array(count).fill(Number.NaN),
      secondsFromStart,
      metresFromStart,
      heartRate,
      cadence,
      powerWatts,
      pieceStarts: Uint32Array.from([0]),
    },
    warnings,
    fingerprint: { fileSha256: recording.fingerprint.fileSha256, pointsSha256 },
    tracksUsed: [track.trackNumber],
    sourceFormat: recording.metadata.format,
    deviceName: recording.metadata.deviceName,
  };
}
