/**
 * From the stored streams to what the run page draws: the route thinned for an SVG, and
 * elevation, pace and heart rate against distance at a few hundred evenly spaced samples.
 */
import { UNTIMED_RUN_SUMMARY, type RunTrackView, type TrackSplit } from '../shared/track';
import type { RunStreams } from './derive';

const PROFILE_SAMPLES = 400;
const ROUTE_POINTS = 1500;
/** Pace is smoothed over this distance, so GPS jitter does not draw a comb. */
const PACE_WINDOW_METRES = 200;

function finiteOrNull(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : value;
}

/** Every k-th point of each piece (always its first and last), about `budget` in all; none for a run without GPS. */
export function thinRoute(streams: RunStreams, budget = ROUTE_POINTS): [number, number][][] {
  const count = streams.latitude.length;
  // A run without GPS (treadmill, indoor; track/derive-without-gps.ts) stores every point at 0,0: no route to draw.
  if (streams.latitude.every((value, i) => value === 0 && streams.longitude[i] === 0)) return [];
  const step = Math.max(1, Math.ceil(count / budget));
  const starts = [...streams.pieceStarts, count];
  const pieces: [number, number][][] = [];
  for (let p = 0; p + 1 < starts.length; p++) {
    const from = starts[p]!;
    const to = starts[p + 1]!;
    if (to <= from) continue;
    const piece: [number, number][] = [];
    for (let i = from; i < to; i += step) piece.push([streams.latitude[i]!, streams.longitude[i]!]);
    if ((to - 1 - from) % step !== 0) piece.push([streams.latitude[to - 1]!, streams.longitude[to - 1]!]);
    pieces.push(piece);
  }
  return pieces;
}

/** The index of the last point at or before `metres` (streams are sorted by distance). */
function indexAt(metresFromStart: Float64Array, metres: number, hint: number): number {
  let i = hint;
  while (i + 1 < metresFromStart.length && metresFromStart[i + 1]! <= metres) i++;
  return i;
}

export function profileOf(streams: RunStreams, samples = PROFILE_SAMPLES): RunTrackView['profile'] {
  const along = streams.metresFromStart;
  const count = along.length;
  const total = count > 0 ? along[count - 1]! : 0;
  const profile: RunTrackView['profile'] = { metres: [], elevationMetres: [], paceSecondsPerKm: [], heartRate: [] };
  if (count === 0 || total <= 0) return profile;
  const timed = Number.isFinite(streams.secondsFromStart[0] ?? Number.NaN);
  let here = 0;
  let behind = 0;
  for (let s = 0; s <= samples; s++) {
    const metres = (total * s) / samples;
    here = indexAt(along, metres, here);
    behind = indexAt(along, Math.max(0, metres - PACE_WINDOW_METRES), behind);
    let pace: number | null = null;
    if (timed && here > behind) {
      const seconds = streams.secondsFromStart[here]! - streams.secondsFromStart[behind]!;
      const covered = along[here]! - along[behind]!;
      // Slower than 20 min/km over the window is standing still: leave a gap, not a spike.
      if (covered > PACE_WINDOW_METRES / 4 && seconds > 0 && seconds / covered < 1.2) pace = (seconds / covered) * 1000;
    }
    profile.metres.push(Math.round(metres * 10) / 10);
    profile.elevationMetres.push(finiteOrNull(streams.elevationMetres[here]));
    profile.paceSecondsPerKm.push(pace === null ? null : Math.round(pace * 10) / 10);
    profile.heartRate.push(finiteOrNull(streams.heartRate[here]));
  }
  return profile;
}

export function trackView(
  stored: { runId: number; fileName: string; trackName: string | null; pointCount: number; splitsJson: string },
  streams: RunStreams,
): RunTrackView {
  const extras = JSON.parse(stored.splitsJson) as { km?: TrackSplit[]; mi?: TrackSplit[]; warnings?: { message: string }[] };
  return {
    runId: stored.runId,
    fileName: stored.fileName,
    trackName: stored.trackName,
    pointCount: stored.pointCount,
    hasTimes: Number.isFinite(streams.secondsFromStart[0] ?? Number.NaN),
    route: thinRoute(streams),
    profile: profileOf(streams),
    splits: { km: extras.km ?? [], mi: extras.mi ?? [] },
    // What a run without times has is said once, by the run page beside its chart (UNTIMED_RUN_SUMMARY),
    // so that sentence — in today's words or an older import's — is not repeated among the notes.
    warnings: (extras.warnings ?? [])
      .map((warning) => warning.message)
      .filter((message) => message !== UNTIMED_RUN_SUMMARY && !message.startsWith('This file has no times')),
  };
}
