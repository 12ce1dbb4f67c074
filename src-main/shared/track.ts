import type { SourceFormatId } from './import-formats';

/** A run's GPS track as the run page draws it. Pure types, shared with the renderer. */

/** One mile or kilometre of a run (the last may be partial). Same shape as track/splits.ts's Split. */
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
  format: SourceFormatId | null;
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

/** Which recording of a file: its first track's number (1-based) and name; null for the file as a whole. */
export type GpxRecordingRef = { index: number; name: string | null } | null;

/** What happened to one recording of an imported file (a file of one recording has one). */
export type GpxRecordingResult =
  | {
      track: GpxRecordingRef;
      status: 'imported';
      runId: number;
      distanceMetres: number;
      points: number;
      startedAt: string;
      /** The file had no times: the runner's start and duration were used; the run has no splits. */
      untimed: boolean;
      warnings: string[];
    }
  | {
      track: GpxRecordingRef;
      status: 'duplicate';
      /** 'same-points': imported before; 'near': a run starting within 2 minutes with a distance within 3 % ("Import anyway" is offered). */
      duplicateOf: 'same-points' | 'near';
      runId: number;
      distanceMetres: number;
      points: number;
      reason: string;
      warnings: string[];
    }
  | { track: GpxRecordingRef; status: 'refused'; reason: string; refusal: string; warnings: string[] };

/** What happened to one file of an import: one result per recording in it. */
export interface GpxImportResult {
  file: string;
  recordings: GpxRecordingResult[];
}

/**
 * What a run from a file without times has, in the words the import window and the run page
 * both use: the distance, an average pace from the duration the runner gave — and nothing that
 * needs times along the way.
 */
export const UNTIMED_RUN_SUMMARY =
  'From a file without times: the start and duration are the ones you gave; the run has its distance and an average pace from that duration, but no splits, no pace chart and no moving time.';

/** The largest GPX file Stance reads: 300 MB (a whole day of 1 Hz recording is about 90 MB). */
export const MAX_GPX_BYTES = 300 * 1024 * 1024;

/** What a runner is told about a file over MAX_GPX_BYTES: refused before a byte is read. */
export function tooLargeReason(bytes: number): string {
  return `This file is ${Math.round(bytes / 1024 / 1024).toLocaleString('en')} MB — over 300 MB, far larger than one run, so it was not read. Nothing was imported.`;
}
