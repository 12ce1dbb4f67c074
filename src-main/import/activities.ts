/**
 * One file's bytes (GPX, FIT or TCX, already out of any archive) → one outcome per activity in
 * it, each run stored in its own transaction.
 *
 * Which recordings are runs (the sport rule, see README "Which activities become runs"):
 *  - a recording whose device names its sport (FIT session, TCX Activity) is a run when the sport
 *    is `running` (any sub-sport: road, trail, track, treadmill, indoor, virtual); every other
 *    sport — cycling, swimming, rowing, walking, hiking, skiing, snorkeling, multisport
 *    transitions, "generic" — is skipped, with the sport named. Walking and hiking are skipped
 *    too: their load on the knee is not a run's, and counting them would blur the distance at
 *    which a run's pain begins;
 *  - a file whose format names no sport (GPX) gives one outcome per recording, by the GPX rules
 *    (track/derive.ts `deriveRuns`: timed tracks joined while within 3 h, identical copies once,
 *    an untimed track refused by name unless the runner gives its start and duration).
 * A running recording without positions keeps the watch's distance and time
 * (track/derive-without-gps.ts).
 *
 * Duplicates (checked inside each run's transaction, against runs of any format):
 *  - the same points: the recording's points hash is already stored (the same file again, or the
 *    same recording re-exported as FIT, GPX or TCX with the same positions and seconds);
 *  - the near-duplicate rule (issue 10): a run already there starting within 2 minutes (either
 *    way) with a distance within 3% of the larger of the two — "Skipped: probably the same run as
 *    Sat 4 May, 10.2 km" (year added when not this year, unit by the runner's setting).
 *    `allowNearDuplicates` imports it anyway ("Import anyway" in the window,
 *    `--allow-near-duplicates` in the CLI).
 *
 * This is the only place runs are stored from recorded files: the window's batch (worker.ts),
 * the CLI (batch.ts) and the streaming one-file import (importer.ts) all end in `storeDerived`.
 */
import zlib from 'node:zlib';
import type { Statement } from 'better-sqlite3';
import type { StanceDatabase } from '../db/open';
import { isoUtc, utcToLocal } from '../db/local-time';
import { MAX_RUN_METRES, MAX_RUN_SECONDS } from '../shared/run-limits';
import { getSettings } from '../db/settings';
import type { DistanceUnit } from '../shared/domain';
import { deriveRun, deriveRuns, type DerivedRun } from '../track/derive';
import { deriveRunWithoutGps, hasNoRoute } from '../track/derive-without-gps';
import type { ImportOutcomeCode, SourceFormatId } from '../shared/import-formats';
import type { RecordedFile, RecordedTrack, SourceFormat } from '../track/recording';
import { storeSummaryRun, type SummaryActivity } from './summary-run';
import { isImportRefusal, type RefusalReason } from '../track/refusals';
import { leftOutRefusal, leftOutWarnings } from '../track/left-out';
import { encodeStreams } from '../track/streams-codec';
import { readRecordingSync } from './read-run';
import { linkRunToExperiment } from '../db/experiment';
import { checkNewRecord, RecordProblem } from '../db/tables';
import { findNearDuplicateRun } from '../db/tables/runs';
import { inWriteTurn } from '../db/write-turn';
import { StanceError } from '../shared/errors';
import { formatDistance, formatDuration } from '../shared/units';

/** What happened to one activity of one file (one JSON line of the CLI). */
export interface ActivityOutcome {
  /** The file as the runner named it (a path given, or the archive's name). */
  file: string;
  /** The member inside an archive (`activities/123.fit.gz`, `DI_CONNECT/…/x.zip/y.fit`); null for a plain file. */
  entry: string | null;
  /** 1-based recording within the file (FIT session, TCX activity, GPX track) when the file holds several; else null. */
  recording: number | null;
  /**
   * The recording as issue 10 named it: its (first) track's number, 1-based, and name (GPX
   * `<trk><name>`). Given for every GPX recording, even the only one; for FIT/TCX only when the
   * file holds several. Null for a file refused as a whole.
   */
  track: { index: number; name: string | null } | null;
  /** Imported from a file without times, with the runner's start and duration (no splits). */
  untimed: boolean;
  status: 'imported' | 'duplicate' | 'skipped' | 'refused';
  /** The device's sport ("running", "cycling", "treadmill running"…); null when the file does not say. */
  sport: string | null;
  /** Why it was skipped, refused or a duplicate, in a sentence; null when imported. */
  reason: string | null;
  /** A stable code for programs (shared/import-formats.ts): 'needs-start-time', a refusal reason, 'other-sport', 'near-duplicate', 'same-points'. */
  code: ImportOutcomeCode | null;
  runId: number | null;
  distanceMetres: number | null;
  /** Points of the run's recording that count (imported or duplicate); null otherwise. */
  points: number | null;
  /** UTC ISO start of the run (imported or matched), when known. */
  startedAt: string | null;
  warnings: string[];
  format: SourceFormatId | null;
  deviceName: string | null;
}

/** What a caller knows about the file beyond its bytes (e.g. from Strava's activities.csv). */
export interface ActivityContext {
  file: string;
  entry: string | null;
  timeZone: string;
  /** The activity's name from the export (stored as the track's name). */
  name?: string | null;
  /** The activity's description from the export (stored as the run's notes). */
  description?: string | null;
  /** The shoe to put on the run (an existing shoes.id). */
  shoeId?: number | null;
  allowNearDuplicates?: boolean;
  /**
   * For a GPX recording without times: when the run started (UTC ms) and how long it took
   * (seconds), as the runner says. Without `durationSeconds` such a recording is refused
   * ('no-duration'). Ignored for recordings that have times.
   */
  given?: { startUtcMs: number; durationSeconds?: number };
  /** Import only this track (1-based) of a GPX file holding several recordings. */
  trackNumber?: number;
}

/**
 * zlib level of the kept original. Level 3 runs 2.5× faster than the default 6 on GPX and the
 * file comes out about a fifth bigger (105 MB of GPX: 0.25 s → 6.8 MB, against 0.6 s → 5.7 MB),
 * which a year of daily hour-long runs easily affords (see tests/track/streams-and-size).
 */
export const ORIGINAL_GZIP_LEVEL = 3;

export { NEAR_DUPLICATE_DISTANCE_SHARE, NEAR_DUPLICATE_START_MS } from '../db/tables/runs';

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "Sat 4 May, 10.2 km" (or miles, by the runner's setting; "Thu 25 Oct 2012, 1.9 mi" outside
 * `currentYear`): how the runner knows a run in the list. `localDate` is YYYY-MM-DD.
 */
export function describeRun(localDate: string, distanceMetres: number, unit: DistanceUnit, currentYear: number): string {
  const [year, month, day] = localDate.split('-').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)).getUTCDay()] ?? '';
  const yearWords = year === currentYear ? '' : ` ${year ?? ''}`;
  return `${weekday} ${day ?? ''} ${MONTHS[(month ?? 1) - 1] ?? ''}${yearWords}, ${formatDistance(distanceMetres, unit, 1)}`;
}

function sportWords(track: RecordedTrack): string | null {
  if (track.sport === null) return null;
  const sport = track.sport.sport.replace(/_/g, ' ');
  return track.sport.subSport === null ? sport : `${sport} (${track.sport.subSport.replace(/_/g, ' ')})`;
}

/**
 * A GPX refusal as outcomes carry it: a recording without usable times (none, one instant, too
 * few, before 1990 — the only refusals track/derive.ts lifts when a start is given) is one the
 * runner can date ('needs-start-time'). Only GPX takes a given start (`ActivityContext.given`),
 * so only GPX refusals are mapped; every other code passes through.
 */
function gpxOutcomeCode(code: RefusalReason): ImportOutcomeCode {
  return code === 'no-times' || code === 'times-unusable' ? 'needs-start-time' : code;
}

function outcome(context: Pick<ActivityContext, 'file' | 'entry'>, recording: RecordedFile | null, fields: Partial<ActivityOutcome> & Pick<ActivityOutcome, 'status'>): ActivityOutcome {
  const code = fields.code ?? null;
  return {
    file: context.file,
    entry: context.entry,
    recording: null,
    track: null,
    untimed: false,
    sport: null,
    reason: null,
    runId: null,
    distanceMetres: null,
    points: null,
    startedAt: null,
    warnings: [],
    format: recording?.metadata.format ?? null,
    deviceName: recording?.metadata.deviceName ?? null,
    ...fields,
    code,
  };
}

/** A run derived from one recording, not yet stored. */
export interface Derived {
  /** The device's recording (FIT session, TCX activity); null for GPX, which names no sport. */
  track: RecordedTrack | null;
  /** The recording as the runner knows it (GPX: always; FIT/TCX: null when the file holds one). */
  ref: { index: number; name: string | null } | null;
  /** Its 1-based number when the file holds several recordings; else null. */
  number: number | null;
  run: DerivedRun;
}

/** A run of a recording that has totals but no point (a FIT session without records, a Polar session without samples), not yet stored. */
export interface DerivedSummary {
  track: RecordedTrack;
  ref: { index: number; name: string | null } | null;
  number: number | null;
  summary: SummaryActivity;
}

/**
 * An untyped GPX track moving faster than this on average (km/h, moving time) is a cyclist's
 * speed: imported, with a warning saying so (README "Which activities become runs").
 * 16 km/h is 3:45 per km held for the whole run, beyond nearly every recreational runner.
 */
export const CYCLIST_MOVING_KMH = 16;

/** "walking", "running (trail)", from a recording's sport. */
function typeWords(track: RecordedTrack): string {
  return track.typeWritten ?? sportWords(track) ?? 'another sport';
}

/** Words for a sport that is not running, for a skip: "a multisport transition", "walking". */
function notARunReason(track: RecordedTrack, format: SourceFormat): string {
  const sport = sportWords(track);
  if (format === 'gpx') return `Its file marks this track as ${typeWords(track)} (its GPX type), not a run, so it was skipped.`;
  if (track.sport?.sport === 'transition') return 'This is a multisport transition, not a run, so it was skipped.';
  if (track.sport?.sport === 'generic') return 'Its device does not say this activity was a run (its sport is “generic”), so it was skipped.';
  if (track.sport?.sport === 'other') return 'Its device marks this activity as “Other”, not running, so it was skipped.';
  if (format === 'polar') return `Polar Flow lists this session as ${sport ?? 'another sport'}, not running, so it was skipped.`;
  return `Its device marks this activity as ${sport ?? 'another sport'}, not running, so it was skipped.`;
}

/**
 * The runs (or skips/refusals) of one recorded file, by the sport rule at the top: one item per
 * recording. Throws an `ImportRefusal` when the file as a whole cannot give a run.
 */
export function deriveActivities(recording: RecordedFile, context: Pick<ActivityContext, 'file' | 'entry' | 'given' | 'trackNumber'>): (Derived | DerivedSummary | ActivityOutcome)[] {
  const format = recording.metadata.format;
  if (format === 'gpx') return deriveGpxActivities(recording, context);
  const several = recording.tracks.length > 1;
  return recording.tracks.map((track): Derived | DerivedSummary | ActivityOutcome => {
    const sport = sportWords(track);
    const number = several ? track.trackNumber : null;
    const ref = several ? { index: track.trackNumber, name: track.name } : null;
    if (track.sport?.sport !== 'running') {
      return outcome(context, recording, { recording: number, track: ref, status: 'skipped', sport, code: 'other-sport', reason: notARunReason(track, format) });
    }
    // Points the reader left out (dated outside 1990–2099, off the globe, after the session's end)
    // say so, even when the device's totals could have made a run without a track of it.
    const leftOutOfAll = leftOutRefusal(track);
    if (leftOutOfAll !== null) {
      return outcome(context, recording, { recording: number, track: ref, status: 'refused', sport, code: leftOutOfAll.reason, reason: leftOutOfAll.message });
    }
    const totals = track.deviceTotals;
    if (track.pointCount === 0 && totals !== null && typeof track.startUtcMs === 'number' && totals.distanceMetres > 0 && (totals.elapsedSeconds > 0 || totals.timerSeconds > 0)) {
      // No point at all, but the device's totals: a run without a track, like one typed by hand.
      const elapsed = totals.elapsedSeconds > 0 ? totals.elapsedSeconds : totals.timerSeconds;
      return {
        track,
        ref,
        number,
        summary: {
          startUtcMs: track.startUtcMs,
          distanceMetres: totals.distanceMetres,
          elapsedSeconds: elapsed,
          movingSeconds: totals.timerSeconds > 0 ? Math.min(totals.timerSeconds, elapsed) : null,
          name: track.name,
          sport,
          source: format,
          deviceName: recording.metadata.deviceName,
          surface: track.sport.subSport === 'treadmill' ? 'treadmill' : track.sport.subSport === 'trail' ? 'trail' : track.sport.subSport === 'track' ? 'track' : null,
          withoutTrack: 'This activity has no recorded points, only its totals: it was imported as a run without a route (like one typed by hand).',
        },
      };
    }
    try {
      const pointsSha256 = track.pointsSha256 ?? recording.fingerprint.pointsSha256;
      const run = hasNoRoute(recording, track)
        ? deriveRunWithoutGps(recording, track, pointsSha256)
        : { ...deriveRun(recording, { trackNumber: track.trackNumber }), fingerprint: { fileSha256: recording.fingerprint.fileSha256, pointsSha256 } };
      for (const warning of leftOutWarnings(track)) run.warnings.push(warning);
      return { track, ref, number, run };
    } catch (error) {
      if (!isImportRefusal(error)) throw error;
      return outcome(context, recording, { recording: number, track: ref, status: 'refused', sport, code: error.reason, reason: error.message });
    }
  });
}

/**
 * GPX: the GPX rules (track/derive.ts `deriveRuns`) make the runs; then each run's own
 * `<type>` decides — a track typed as another sport is skipped, naming it; an untyped one moving
 * at a cyclist's speed (`CYCLIST_MOVING_KMH`) is imported with a warning saying so.
 */
function deriveGpxActivities(recording: RecordedFile, context: Pick<ActivityContext, 'file' | 'entry' | 'given' | 'trackNumber'>): (Derived | ActivityOutcome)[] {
  const options = { ...(context.given ? { startTime: context.given.startUtcMs } : {}), ...(context.trackNumber ? { trackNumber: context.trackNumber } : {}) };
  const typedOther = recording.tracks.filter((track) => track.sport != null && track.sport.sport !== 'running');
  let recordings: ReturnType<typeof deriveRuns>;
  try {
    recordings = deriveRuns(recording, options);
  } catch (error) {
    // A file refused as a whole whose tracks all say another sport: it is that sport, not a bad run.
    const first = typedOther[0];
    if (isImportRefusal(error) && (first === undefined || typedOther.length !== recording.tracks.length) && gpxOutcomeCode(error.reason) === 'needs-start-time') {
      // No track of the file can time a run: the runner can date it (the window's form, the CLI's --date).
      return [outcome(context, recording, { status: 'refused', code: 'needs-start-time', reason: error.message })];
    }
    if (!isImportRefusal(error) || first === undefined || typedOther.length !== recording.tracks.length) throw error;
    return [outcome(context, recording, { track: { index: first.trackNumber, name: first.name }, status: 'skipped', sport: typeWords(first), code: 'other-sport', reason: notARunReason(first, 'gpx') })];
  }
  const several = recordings.length > 1;
  const trackOf = (index: number): RecordedTrack | undefined => recording.tracks.find((track) => track.trackNumber === index);
  return recordings.map((item): Derived | ActivityOutcome => {
    const ref = item.track;
    const number = several ? item.track.index : null;
    const used = 'run' in item.result ? item.result.run.tracksUsed : [item.track.index];
    const typed = used.map(trackOf).filter((track): track is RecordedTrack => track?.sport != null);
    const otherSport = typed.find((track) => track.sport?.sport !== 'running');
    if (otherSport !== undefined) {
      return outcome(context, recording, { recording: number, track: ref, status: 'skipped', sport: typeWords(otherSport), code: 'other-sport', reason: notARunReason(otherSport, 'gpx') });
    }
    if (!('run' in item.result)) return outcome(context, recording, { recording: number, track: ref, status: 'refused', code: gpxOutcomeCode(item.result.refusal.reason), reason: item.result.refusal.message });
    const run = item.result.run;
    const seconds = run.movingSeconds !== null && run.movingSeconds > 0 ? run.movingSeconds : (run.elapsedSeconds ?? 0);
    const kmh = seconds > 0 ? (run.distanceMetres / seconds) * 3.6 : 0;
    if (typed.length === 0 && kmh > CYCLIST_MOVING_KMH) {
      run.warnings.push({
        code: 'cyclist-speed',
        message: `This file does not say which sport it was, and it moved at ${kmh.toFixed(1)} km/h on average — a cyclist’s speed, not a runner’s. It was imported as a run; if it was a ride, delete it.`,
      });
    }
    return { track: typed[0] ?? null, ref, number, run };
  });
}

/** A derived figure if it is one a run can have (0 ≤ value < limit), else nothing rather than nonsense. */
function plausible(value: number | null, limit: number): number | null {
  return value !== null && Number.isFinite(value) && value >= 0 && value < limit ? value : null;
}

/**
 * Reads one file's bytes (any format Stance reads; not an archive) and stores each of its runs,
 * one transaction per run. Returns one outcome per activity; never throws for a bad file (a
 * refusal is an outcome). `now` stamps the rows.
 */
export function importActivities(db: StanceDatabase, bytes: Uint8Array, context: ActivityContext, now: Date): ActivityOutcome[] {
  // Read here, the original is compressed only when a run is stored (a file imported again costs no gzip).
  return storeRead(db, readActivities(bytes, context, { gzipOriginal: false }), context, now, bytes);
}

/**
 * One file read and its runs derived, not yet stored: what a reader (import/reader-pool.ts, in a
 * worker thread, or this thread) hands the one writer. `recording` is null when the file was
 * refused as a whole (`derived` then holds that one outcome). `original` is the gzip of the file's
 * bytes, made only when a run may be stored. Plain data: it crosses threads by structured clone,
 * the recording without its points (import/reader-pool.ts `forTheWriter`).
 */
export interface ReadActivities {
  recording: RecordedFile | null;
  derived: (Derived | DerivedSummary | ActivityOutcome)[];
  original: Uint8Array | null;
}

/**
 * The reading half of `importActivities`: no database. Never throws for a bad file.
 * `gzipOriginal` (default true): compress the original now, as a reader thread does, so the
 * writer only stores it.
 */
export function readActivities(bytes: Uint8Array, context: ActivityContext, options: { gzipOriginal?: boolean } = {}): ReadActivities {
  let recording: RecordedFile;
  let derived: (Derived | DerivedSummary | ActivityOutcome)[];
  try {
    recording = readRecordingSync(bytes);
    derived = deriveActivities(recording, context);
  } catch (error) {
    return { recording: null, derived: [refusedFile(context, error)], original: null };
  }
  const original = options.gzipOriginal !== false && derived.some((item) => 'run' in item) ? zlib.gzipSync(bytes, originalGzipOptions(recording)) : null;
  return { recording, derived, original };
}

/**
 * The writing half of `importActivities`: stores what `readActivities` gave, one transaction per
 * run. `bytes` (the file's) is compressed here when the reader did not (`gzipOriginal: false`).
 */
export function storeRead(db: StanceDatabase, read: ReadActivities, context: ActivityContext, now: Date, bytes?: Uint8Array): ActivityOutcome[] {
  const recording = read.recording;
  if (recording === null) return read.derived as ActivityOutcome[];
  const original = (): Buffer => {
    if (read.original !== null) return Buffer.from(read.original.buffer, read.original.byteOffset, read.original.byteLength);
    if (bytes === undefined) throw new Error('storeRead: neither the original nor its bytes');
    return zlib.gzipSync(bytes, originalGzipOptions(recording));
  };
  return storeDerived(db, recording, read.derived, context, original, now);
}

/**
 * zlib options for a kept original: level `ORIGINAL_GZIP_LEVEL` for XML (GPX, TCX); level 1 for
 * FIT, whose binary records gain little from a higher level (a 62 KB run: 42.4 KB at level 3,
 * 42.7 KB at level 1), with zlib's largest hash table (memLevel 9, 384 KB of zlib memory instead
 * of 256 KB): about a fifth faster on FIT files (a watch's 120 KB run: 1.0 ms against 1.2 ms)
 * for the same size within 1 %. Either way the original comes back byte for byte.
 */
export function originalGzipOptions(recording: RecordedFile): zlib.ZlibOptions {
  return recording.metadata.format === 'fit' ? { level: 1, memLevel: 9 } : { level: ORIGINAL_GZIP_LEVEL };
}

/** The outcome of a file refused as a whole (unreadable, damaged, no recording at all). */
export function refusedFile(context: Pick<ActivityContext, 'file' | 'entry'>, error: unknown): ActivityOutcome {
  if (isImportRefusal(error)) return outcome(context, null, { status: 'refused', code: error.reason, reason: error.message });
  const message = (error as Error).message;
  if (error instanceof RangeError && /call stack/i.test(message)) {
    return outcome(context, null, { status: 'refused', code: 'reader-failed', reason: 'Reading this file went deeper than Stance allows (it nests or repeats far more than any activity file). Nothing was imported.' });
  }
  if (error instanceof RangeError && /array length|allocation|string longer|buffer/i.test(message)) {
    return outcome(context, null, { status: 'refused', code: 'reader-failed', reason: `This file holds more than Stance can hold in memory at once (${message}), far more than any activity file. Nothing was imported.` });
  }
  return outcome(context, null, { status: 'refused', code: 'unreadable', reason: `Stance could not read this file (${message}). Nothing was imported.` });
}

/**
 * Stores each derived run of one file (from `deriveActivities`), one transaction each, in order;
 * skips, refusals and duplicates pass through as outcomes (one per item, same order).
 * `original` gives the gzip of the file's bytes (asked for once, only when a run is stored).
 * Throws only what is not the file's fault (a database failure).
 */
export function storeDerived(db: StanceDatabase, recording: RecordedFile, derived: readonly (Derived | DerivedSummary | ActivityOutcome)[], context: ActivityContext, original: () => Buffer, now: Date): ActivityOutcome[] {
  let kept: Buffer | null = null;
  let unit: DistanceUnit | null = null;
  return derived.map((item) => {
    if ('summary' in item) {
      const stored = storeSummaryRun(db, item.summary, context, now);
      return { ...stored, recording: item.number, track: item.ref, format: recording.metadata.format, deviceName: recording.metadata.deviceName };
    }
    if (!('run' in item)) return item;
    const { run, track, ref, number } = item;
    const sport = track === null ? null : sportWords(track);
    const base = { recording: number, track: ref, sport };
    if (!(run.distanceMetres >= 1)) {
      // Say the real cause: points left out because their times run backwards are not points that never move.
      const backwards = run.pointCount < 2 ? run.warnings.find((warning) => warning.code === 'repeated-times-left-out') : undefined;
      if (backwards !== undefined) {
        return outcome(context, recording, { ...base, status: 'refused', code: 'times-unusable', reason: `The times of this recording run backwards (${backwards.message.replace(/\.$/, '').toLowerCase()}), so what is left has no distance to import. Nothing was imported.` });
      }
      return outcome(context, recording, { ...base, status: 'refused', code: 'too-few-points', reason: 'The points of this recording never move, so there is no distance to import. Nothing was imported.' });
    }
    const untimed = run.startTimeFrom === 'given';
    const durationSeconds = untimed ? (context.given?.durationSeconds ?? null) : run.elapsedSeconds;
    if (durationSeconds === null || !(durationSeconds > 0)) {
      return outcome(context, recording, {
        ...base,
        status: 'refused',
        code: untimed ? 'needs-start-time' : 'times-not-forward',
        reason: untimed
          ? 'This file has no times, so Stance cannot tell how long the run took. Give its duration as well as its date and start time to import it. Nothing was imported.'
          : "This file's times do not move forward, so Stance cannot tell how long the run took. Nothing was imported.",
      });
    }
    if (durationSeconds > MAX_RUN_SECONDS || run.distanceMetres > MAX_RUN_METRES) {
      return outcome(context, recording, {
        ...base,
        status: 'refused',
        code: durationSeconds > MAX_RUN_SECONDS ? 'longer-than-one-run' : 'further-than-one-run',
        reason:
          durationSeconds > MAX_RUN_SECONDS
            ? "This file's times span more than ten days, so they cannot time one run (a watch with a wrong clock?). Nothing was imported."
            : 'This file covers more than 1,000 km, far more than one run. Nothing was imported.',
      });
    }
    kept ??= original();
    unit ??= getSettings(db).units;
    try {
      return storeRun(db, { run, track, recording, context, original: kept, durationSeconds, untimed, unit, base }, now);
    } catch (error) {
      // A figure the runs table refuses (its CHECKs) is the file's fault: refuse it in words. Anything else (a full disk) is not.
      if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT') !== true) throw error;
      return outcome(context, recording, { ...base, status: 'refused', code: 'unreadable', reason: `This recording holds figures no run can have (${(error as Error).message}). Nothing was imported.` });
    }
  });
}

interface StoreRequest {
  run: DerivedRun;
  track: RecordedTrack | null;
  recording: RecordedFile;
  context: ActivityContext;
  original: Buffer;
  durationSeconds: number;
  untimed: boolean;
  unit: DistanceUnit;
  base: { recording: number | null; track: { index: number; name: string | null } | null; sport: string | null };
}

/**
 * The outcome's words for a run the table rules refuse: what the file says ("This FIT run on a
 * treadmill says 999.0 km in 0:30:00 on Sat 4 May 2024") and the rule's own words ("That pace is
 * faster than a world record…"), then "Not imported."
 */
function refusedByRule(
  recording: RecordedFile,
  track: RecordedTrack | null,
  row: { local_date: string; distance_m: number; duration_s: number },
  unit: DistanceUnit,
  why: string,
): string {
  const format = recording.metadata.format.toUpperCase();
  const [year, month, day] = row.local_date.split('-').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)).getUTCDay()] ?? '';
  const where = track?.sport?.subSport === 'treadmill' ? ' on a treadmill' : '';
  const says = `${formatDistance(row.distance_m, unit, 1)} in ${formatDuration(row.duration_s)} on ${weekday} ${day ?? ''} ${MONTHS[(month ?? 1) - 1] ?? ''} ${year ?? ''}`;
  const first = /^.*?[.!?](\s|$)/.exec(why)?.[0].trim() ?? why; // the rule's finding; its advice is for a form
  return `This ${format} run${where} says ${says}. ${first.replace(/\.?$/, '.')} Not imported.`;
}

/** The statements storing a run, prepared once per connection (a batch stores thousands of runs). */
interface RunStatements {
  samePoints: Statement;
  insertRun: Statement;
  insertTrack: Statement;
}

const statementsByConnection = new WeakMap<StanceDatabase, RunStatements>();

function statementsOf(db: StanceDatabase): RunStatements {
  let statements = statementsByConnection.get(db);
  if (statements === undefined) {
    statements = {
      samePoints: db.prepare(
        'SELECT runs.id AS runId, runs.distance_m AS distanceMetres, runs.started_at AS startedAt FROM run_tracks JOIN runs ON runs.id = run_tracks.run_id WHERE run_tracks.points_sha256 = ? LIMIT 1',
      ),
      insertRun: db.prepare(
        `INSERT INTO runs (started_at, time_zone, local_date, local_time, distance_m, duration_s, moving_s, elevation_gain_m, elevation_loss_m,
                           avg_heart_rate, effort, effort_from_watch, surface, shoe_id, notes, source, pain_status, created_at, updated_at)
         VALUES (@started_at, @time_zone, @local_date, @local_time, @distance_m, @duration_s, @moving_s, @elevation_gain_m, @elevation_loss_m,
                 @avg_heart_rate, @effort, @effort_from_watch, @surface, @shoe_id, @notes, @source, @pain_status, @created_at, @updated_at)`,
      ),
      insertTrack: db.prepare(
        `INSERT INTO run_tracks (run_id, file_name, track_name, file_sha256, points_sha256, point_count, original_gzip, streams, splits_json, imported_at,
                                 source_format, device_name, sport, sub_sport, archive_entry, watch_feel, has_route)
         VALUES (@run_id, @file_name, @track_name, @file_sha256, @points_sha256, @point_count, @original_gzip, @streams, @splits_json, @imported_at,
                 @source_format, @device_name, @sport, @sub_sport, @archive_entry, @watch_feel, @has_route)`,
      ),
    };
    statementsByConnection.set(db, statements);
  }
  return statements;
}

function storeRun(db: StanceDatabase, request: StoreRequest, now: Date): ActivityOutcome {
  const { run, track, recording, context, original, durationSeconds, untimed, unit, base } = request;
  const startedAt = isoUtc(new Date(run.startUtcMs));
  const warnings = run.warnings.map((warning) => warning.message);
  const lapTotal = track?.deviceTotals?.distanceMetres ?? Number.NaN;
  if (recording.metadata.format === 'tcx' && Number.isFinite(lapTotal) && lapTotal > 0 && !Number.isNaN(run.streams.latitude[0] ?? Number.NaN) && Math.abs(lapTotal - run.distanceMetres) > 0.1 * lapTotal) {
    warnings.push(`The file's laps add up to ${(lapTotal / 1000).toFixed(2)} km, but its recorded route measures ${(run.distanceMetres / 1000).toFixed(2)} km; Stance uses the route.`);
  }
  const streams = encodeStreams(run.streams);
  const local = utcToLocal(new Date(run.startUtcMs), context.timeZone);
  const stamp = isoUtc(now);
  const effort = track?.effortFromDevice ?? null;
  const rpe = effort?.rpe != null && Number.isInteger(effort.rpe) && effort.rpe >= 1 && effort.rpe <= 10 ? effort.rpe : null;
  const moving = run.movingSeconds !== null && run.movingSeconds > 0 ? Math.min(run.movingSeconds, durationSeconds) : null;
  const subSport = track?.sport?.subSport ?? null;
  const surface = subSport === 'treadmill' ? 'treadmill' : subSport === 'trail' ? 'trail' : subSport === 'track' ? 'track' : null;
  const runRow = {
    started_at: startedAt,
    time_zone: context.timeZone,
    local_date: local.localDate,
    local_time: local.localTime,
    distance_m: Math.max(run.distanceMetres, 0.1),
    duration_s: durationSeconds,
    moving_s: moving,
    elevation_gain_m: plausible(run.elevationGainMetres, 100_000),
    elevation_loss_m: plausible(run.elevationLossMetres, 100_000),
    avg_heart_rate: plausible(run.averageHeartRate, 300) || null,
    effort: rpe,
    effort_from_watch: rpe !== null ? 1 : 0,
    surface,
    shoe_id: context.shoeId ?? null,
    notes: (context.description ?? '').slice(0, 5000),
    source: recording.metadata.format,
    pain_status: 'unrecorded',
    created_at: stamp,
    updated_at: stamp,
  } as const;
  const trackRow = {
    file_name: context.file.slice(0, 1000),
    track_name: (context.name ?? run.name)?.slice(0, 1000) ?? null,
    file_sha256: run.fingerprint.fileSha256,
    points_sha256: run.fingerprint.pointsSha256,
    point_count: run.pointCount,
    splits_json: JSON.stringify({ km: run.splitsPerKilometre, mi: run.splitsPerMile, warnings: run.warnings }),
    imported_at: stamp,
    source_format: recording.metadata.format,
    device_name: recording.metadata.deviceName?.slice(0, 200) ?? null,
    sport: track?.sport?.sport.slice(0, 60) ?? null,
    sub_sport: subSport?.slice(0, 60) ?? null,
    archive_entry: context.entry?.slice(0, 1000) ?? null,
    watch_feel: effort?.feel ?? null,
    has_route: run.streams.latitude.some((value, i) => value !== 0 || run.streams.longitude[i] !== 0) ? 1 : 0,
  };
  // The same rules as every other door (db/tables/): a run Stance stores, its export brings back.
  try {
    const rules = { db, now };
    checkNewRecord('runs', { ...runRow, shoe_id: null }, rules);
    checkNewRecord('run_tracks', trackRow, { ...rules, madeByStance: { originalGzip: original, points: run.streams } });
  } catch (error) {
    if (!(error instanceof RecordProblem) && !(error instanceof StanceError)) throw error;
    return outcome(context, recording, { ...base, status: 'refused', code: 'implausible', warnings, reason: refusedByRule(recording, track, runRow, unit, error.message) });
  }
  // One run, one transaction holding the write lock from its start: duplicates are checked and the
  // run stored under one lock, and another writer (a restore, a second import) is waited for.
  return inWriteTurn(db, (): ActivityOutcome => {
    const statements = statementsOf(db);
    const samePoints = statements.samePoints.get(run.fingerprint.pointsSha256) as { runId: number; distanceMetres: number; startedAt: string } | undefined;
    if (samePoints !== undefined) {
      return outcome(context, recording, { ...base, status: 'duplicate', code: 'same-points', warnings, points: run.pointCount, runId: samePoints.runId, distanceMetres: samePoints.distanceMetres, startedAt: samePoints.startedAt, reason: 'This run is already in Stance (the same points were imported before), so it was skipped.' });
    }
    if (context.allowNearDuplicates !== true) {
      const near = findNearDuplicateRun(db, run.startUtcMs, run.distanceMetres);
      if (near !== undefined) {
        const currentYear = Number(utcToLocal(now, context.timeZone).localDate.slice(0, 4));
        return outcome(context, recording, {
          ...base,
          status: 'duplicate',
          code: 'near-duplicate',
          points: run.pointCount,
          runId: near.runId,
          distanceMetres: near.distanceMetres,
          startedAt: near.startedAt,
          warnings,
          reason: `Skipped: probably the same run as ${describeRun(near.localDate, near.distanceMetres, unit, currentYear)} (it started within 2 minutes of it and its distance is within 3 %).`,
        });
      }
    }
    const runId = Number(statements.insertRun.run(runRow).lastInsertRowid);
    statements.insertTrack.run({ ...trackRow, run_id: runId, original_gzip: original, streams });
    linkRunToExperiment(db, runId);
    return outcome(context, recording, { ...base, status: 'imported', untimed, runId, distanceMetres: run.distanceMetres, points: run.pointCount, startedAt, warnings });
  });
}
