/** A run's GPS track as the run page draws it. Pure types, shared with the renderer. */

/** One mile or kilometre of a run (the last may be partial). Same shape as gpx/splits.ts's Split. */
export interface TrackSplit {
  number: number;
  startMetres: number;
  distanceMetres: number;
  isPartial: boolean;
  elapsedSeconds: number | null;
  movingSeconds: number | null;
  /** Moving seconds per whole unit (per km or per mile). */
  paceSecondsPerUnit: number | null;
  elevationGainMetres: number | null;
  elevationLossMetres: number | null;
  averageHeartRate: number | null;
}

export interface RunTrackView {
  runId: number;
  fileName: string;
  trackName: string | null;
  pointCount: number;
  hasTimes: boolean;
  /** The route, thinned for drawing: each piece is a polyline of [latitude, longitude]. */
  route: [number, number][][];
  /** Along the run, thinned to a few hundred samples. */
  profile: {
    metres: number[];
    elevationMetres: (number | null)[];
    /** Seconds per kilometre, smoothed over ~200 m; null while stopped or without times. */
    paceSecondsPerKm: (number | null)[];
    heartRate: (number | null)[];
  };
  splits: { km: TrackSplit[]; mi: TrackSplit[] };
  /** Plain sentences about what the import left out or assumed. */
  warnings: string[];
  /** Where the recording came from (runs imported before migration 004 say only their file). */
  source?: RecordingSourceView;
}

/** The file a run was imported from, as the run page shows it. */
export interface RecordingSourceView {
  format: 'gpx' | 'fit' | 'tcx' | null;
  /** "Garmin Forerunner 255", as the file names it; null when it does not. */
  deviceName: string | null;
  /** The device's sport, e.g. "running" with sub-sport "trail"; null when the file does not say. */
  sport: string | null;
  subSport: string | null;
  /** The member of an archive it came from (`activities/123.fit.gz`); null for a plain file. */
  archiveEntry: string | null;
  /** The run's effort (1–10) when it was pre-filled from the watch's own rating; null otherwise. */
  effortFromWatch: number | null;
  /** How the runner said they felt on the watch ("strong"); null when not rated. */
  watchFeel: string | null;
}

/** What happened to one file of an import. */
export type GpxImportResult =
  | { file: string; status: 'imported'; runId: number; distanceMetres: number; points: number; startedAt: string; warnings: string[] }
  | { file: string; status: 'duplicate'; runId: number; distanceMetres: number; points: number; reason: string }
  | { file: string; status: 'refused'; reason: string; refusal: string };

/** The largest GPX file Stance reads: 300 MB (a whole day of 1 Hz recording is about 90 MB). */
export const MAX_GPX_BYTES = 300 * 1024 * 1024;

/** What a runner is told about a file over MAX_GPX_BYTES: refused before a byte is read. */
export function tooLargeReason(bytes: number): string {
  return `This file is ${Math.round(bytes / 1024 / 1024).toLocaleString('en')} MB — over 300 MB, far larger than one run, so it was not read. Nothing was imported.`;
}
