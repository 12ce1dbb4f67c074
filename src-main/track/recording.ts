/**
 * The format-neutral recording: what every reader in `formats/` (GPX, FIT, TCX) returns for
 * one file, and the only thing `deriveRun` reads. A reader turns bytes into this and nothing
 * more — no run rules, no database. Everything a runner would call "the run" (which points
 * count, distance, pauses, splits, climbing) is decided later, in `track/derive.ts`.
 *
 * Shape, in one picture:
 *
 *   RecordedFile
 *   ├─ points: TrackPointColumns     every kept point of the file, in file order, column by column
 *   ├─ segmentStarts: Uint32Array    where each segment (GPX <trkseg>, TCX <Track>, FIT timer
 *   │                                start after a stop) begins, as indices into `points`
 *   ├─ tracks: RecordedTrack[]       each separate recording in the file (GPX <trk>, FIT session,
 *   │   ├─ firstPoint, pointCount    TCX <Activity>): a contiguous range of `points`
 *   │   ├─ sport, laps, timerEvents, deviceTotals
 *   ├─ metadata                      format, file title, device, creator
 *   ├─ counts of what was left out   for the warnings and refusals
 *   └─ fingerprint                   sha256 of the bytes and of the normalised points
 *
 * Units are SI and UTC throughout: metres, seconds, UTC milliseconds since 1970, degrees
 * (WGS84). "Not recorded" is NaN in every float column and null elsewhere.
 */
import type { SourceFormatId } from '../shared/import-formats';
import type { RunFingerprint } from './fingerprint';
import type { TrackPointColumns } from './point-columns';

/** The format a recording was read from (the one list: shared/import-formats.ts). */
export type SourceFormat = SourceFormatId;

/**
 * The sport a device says a recording is, lower case, in FIT's vocabulary where one exists
 * (`running`, `cycling`, `walking`, `hiking`, `swimming`, …) plus its sub-sport where it matters
 * (`treadmill`, `trail`, `track`, `indoor`, `virtual`). null when the file does not say
 * (most GPX files: GPX has only a free-text `<type>`).
 */
export interface RecordedSport {
  sport: string;
  subSport: string | null;
}

/** One lap as the device recorded it (FIT lap message, TCX <Lap>). GPX has none. */
export interface RecordedLap {
  /** UTC ms of the lap's first instant. */
  startUtcMs: number;
  /** Seconds the lap lasted, pauses included; NaN when not recorded. */
  elapsedSeconds: number;
  /** Seconds the timer ran in the lap (pauses excluded); NaN when not recorded. */
  timerSeconds: number;
  /** The device's own distance for the lap, metres; NaN when not recorded. */
  distanceMetres: number;
  /** Index into `RecordedFile.points` of the lap's first point; null when the lap holds no point. */
  firstPoint: number | null;
}

/**
 * A timer event (FIT event `timer` start/stop, a TCX track break): the runner pressed stop or
 * start, or the device auto-paused. Moving time excludes the spans between a stop and the next start.
 */
export interface TimerEvent {
  utcMs: number;
  kind: 'start' | 'stop';
}

/** What the device itself summed up for a recording (FIT session, TCX lap totals), metres and seconds; NaN when absent. */
export interface DeviceTotals {
  distanceMetres: number;
  elapsedSeconds: number;
  timerSeconds: number;
}

/** One separate recording inside a file: a GPX <trk>, a FIT session, a TCX <Activity>. */
export interface RecordedTrack {
  /** 1-based, in file order, counting every recording the format has (empty GPX <trk> too). */
  trackNumber: number;
  /** Its own name as plain text (GPX <trk><name>, TCX <Id>/<Notes>), or null. */
  name: string | null;
  /** Index of its first kept point in `RecordedFile.points`. */
  firstPoint: number;
  /** How many points with a readable position (or, for FIT/TCX without GPS, a time) it holds. */
  pointCount: number;
  /** What the device says the sport was; null when the format does not say. */
  sport: RecordedSport | null;
  /** Laps in time order; empty when the format has none. */
  laps: RecordedLap[];
  /** Timer stops and starts in time order; empty when the format has none (GPX). */
  timerEvents: TimerEvent[];
  /** The device's own totals; null when the format has none (GPX). */
  deviceTotals: DeviceTotals | null;
  /**
   * sha256 of this recording's own points (same normalisation as `RunFingerprint.pointsSha256`),
   * for formats whose files often hold several recordings (FIT sessions, TCX activities); absent
   * when the file's fingerprint is the recording's (GPX).
   */
  pointsSha256?: string;
  /** How the runner rated the effort on the watch after the recording (FIT session), where the file has it. */
  effortFromDevice?: EffortFromDevice | null;
  /**
   * When the recording started (UTC ms) as the device says (FIT session `start_time`, Polar
   * `startTime`), for a recording whose totals make a run without any point; null or absent otherwise.
   */
  startUtcMs?: number | null;
  /** The activity type as the file writes it (GPX `<type>`: "running", "biking", "9"), when it writes one. */
  typeWritten?: string | null;
  /** Points the reader left out of this recording, by why (FIT); absent when none was. */
  leftOut?: PointsLeftOut;
}

/** Points a reader left out of a recording, by cause, so a refusal or warning can say why. */
export interface PointsLeftOut {
  /** The recording's points before any was left out. */
  recorded: number;
  /** Dated before 1990 or after 2099 (a clock not set); `exampleUtcMs` is one of their dates. */
  datedOutside: number;
  exampleUtcMs: number | null;
  /** A latitude beyond ±90° or a longitude beyond ±180°; `exampleLatitude`/`exampleLongitude` one of them. */
  offTheGlobe: number;
  exampleLatitude: number | null;
  exampleLongitude: number | null;
  /** Dated more than a minute after its session ended (FIT: the session's start + elapsed time). */
  afterTheEnd: number;
  /** How far after the session's end the latest of them is, seconds. */
  latestAfterEndSeconds: number;
}

/** The watch's own after-run rating (FIT session `workout_rpe`, `workout_feel`). */
export interface EffortFromDevice {
  /** Rate of perceived exertion, 1–10 (FIT stores it ×10); null when not rated. */
  rpe: number | null;
  /** How the runner felt, in Garmin's five words; null when not rated. */
  feel: 'very weak' | 'weak' | 'normal' | 'strong' | 'very strong' | null;
}

/** Facts about the file as a whole. */
export interface RecordingMetadata {
  format: SourceFormat;
  /** The file's own title (GPX <metadata><name>), as plain text; null when absent. */
  title: string | null;
  /** The device that recorded it ("Garmin Forerunner 255"), where the file says; null otherwise. */
  deviceName: string | null;
  /** The program that wrote the file (GPX `creator`, FIT file_id manufacturer/product); null otherwise. */
  creator: string | null;
}

/** Counts of what a reader saw and left out, so the run rules can warn or refuse in words. */
export interface ReadingCounts {
  /** Point elements / records seen, including those left out for an unreadable position. */
  pointElements: number;
  /** GPX <rtept> (planned-route points): not a recording. */
  routePoints: number;
  /** GPX <rte> / TCX <Course>: planned routes, not recordings. */
  routes: number;
  /** GPX <wpt>: saved places. */
  waypoints: number;
  pointsWithUnreadablePosition: number;
  /** Non-empty time values that are not dates. */
  unreadableTimes: number;
  /** Times before 1990 or after 2099 (a receiver without a clock fix). */
  unbelievableTimes: number;
  /** Times written without Z or an offset (read as UTC). */
  timesWithoutZone: number;
}

/** What every reader returns for one file. */
export interface RecordedFile {
  metadata: RecordingMetadata;
  /** Every kept point, in file order. */
  points: TrackPointColumns;
  /** Index of the first point of every segment that holds points, ascending; a track boundary is a segment boundary. */
  segmentStarts: Uint32Array;
  tracks: RecordedTrack[];
  counts: ReadingCounts;
  /** The first UTC offset written in a point's time (`+01:00` → 60); null when every time says Z or nothing (always null for FIT). */
  writtenUtcOffsetMinutes: number | null;
  /** The text had characters that could not be decoded (replaced by U+FFFD). */
  hadUndecodableText: boolean;
  fingerprint: RunFingerprint;
}

/** A `RecordedTrack` with nothing but its points (what a GPX <trk> is). */
export function plainTrack(trackNumber: number, firstPoint: number): RecordedTrack {
  return { trackNumber, name: null, firstPoint, pointCount: 0, sport: null, laps: [], timerEvents: [], deviceTotals: null };
}
