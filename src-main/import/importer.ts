/**
 * A file → one run per recording in the database, each all of it or none.
 *
 * The file is read once, as a stream: the same chunks feed the XML reader and a gzip of the
 * original bytes (kept so a better importer can re-derive the run later). The derived per-point
 * streams are stored compactly (streams-codec). One transaction per recording: the run, its track
 * and nothing else. The same run imported twice (same points, even from a re-exported file) is
 * recognised and skipped, and so is a near-duplicate (the same run recorded by two devices or
 * exported twice: a start within 2 minutes and a distance within 3 %) unless the runner asks.
 */
import zlib from 'node:zlib';
import type { StanceDatabase } from '../db/open';
import { isoUtc, utcToLocal } from '../db/local-time';
import { encodeStreams } from '../track/streams-codec';
import { MAX_RUN_METRES, MAX_RUN_SECONDS } from '../shared/contract';
import { getSettings } from '../db/settings';
import type { DistanceUnit } from '../shared/domain';
import { formatDistance } from '../shared/units';
import { readRecording, type ReadRunOptions } from './read-run';
import { isImportRefusal, type RefusalReason } from '../track/refusals';
import { deriveRun, deriveRuns, type DerivedRun, type RecordingOutcome, type RunWarning } from '../track/derive';

export interface GpxImportRequest {
  /** The name the runner knows the file by (shown in the summary; stored with the track). */
  fileName: string;
  /** The file's bytes, whole or as a stream of chunks. */
  source: Uint8Array | AsyncIterable<Uint8Array>;
  /** The runner's time zone: the run's local date and time are read in it. */
  timeZone: string;
  /**
   * For a recording without times: when the run started (UTC ms) and how long it took (seconds),
   * as the runner says. Used only for recordings without times; without `durationSeconds` such a
   * recording is refused ('no-duration'), since every run has a duration.
   */
  given?: { startUtcMs: number; durationSeconds?: number };
  /** Import only this track (1-based) of a file holding several recordings. */
  trackNumber?: number;
  /** Import a run even when one already in Stance started within 2 minutes with a distance within 3 %. */
  allowNearDuplicates?: boolean;
  signal?: AbortSignal;
  onProgress?: (bytesRead: number) => void;
}

/** Which recording of the file an outcome is about: its first track's number (1-based) and name. */
export interface RecordingRef {
  index: number;
  name: string | null;
}

/** What happened to one recording of a file (a file of one recording has one outcome). */
export type GpxImportOutcome =
  | {
      file: string;
      track: RecordingRef | null;
      status: 'imported';
      runId: number;
      distanceMetres: number;
      points: number;
      startedAt: string;
      /** True when the file had no times and the runner's start and duration were used. */
      untimed: boolean;
      warnings: RunWarning[];
    }
  | {
      file: string;
      track: RecordingRef | null;
      status: 'duplicate';
      /** 'same-points': the same recording was imported before; 'near': a run starting within 2 min with a distance within 3 %. */
      duplicateOf: 'same-points' | 'near';
      runId: number;
      distanceMetres: number;
      points: number;
      reason: string;
      warnings: RunWarning[];
    }
  | {
      file: string;
      /** null when the file as a whole was refused (not readable, no recording at all). */
      track: RecordingRef | null;
      status: 'refused';
      reason: string;
      refusal: RefusalReason | 'no-duration' | 'unreadable';
      warnings: RunWarning[];
    };

/** A run starting this close to an existing one (either way)… */
export const NEAR_DUPLICATE_START_MS = 2 * 60_000;
/** …with a distance this close (share of the larger), is probably the same run. */
export const NEAR_DUPLICATE_DISTANCE_SHARE = 0.03;

/**
 * zlib level of the kept original. Level 3 runs 2.5× faster than the default 6 on GPX and the
 * file comes out about a fifth bigger (105 MB of GPX: 0.25 s → 6.8 MB, against 0.6 s → 5.7 MB),
 * which a year of daily hour-long runs easily affords (see tests/track/streams-and-size).
 */
export const ORIGINAL_GZIP_LEVEL = 3;

interface KeptOriginal {
  source: Uint8Array | AsyncIterable<Uint8Array>;
  /** The gzip of every byte read, once the source has been read to its end. */
  compressed: () => Promise<Buffer>;
  /** Stops compressing (the file was refused): no more work is queued. */
  discard: () => void;
}

/** Resolves when a writable stream wants more, or is gone. */
function drained(stream: zlib.Gzip): Promise<void> {
  return new Promise<void>((resolve) => {
    const settle = (): void => {
      stream.off('drain', settle);
      stream.off('close', settle);
      resolve();
    };
    stream.on('drain', settle);
    stream.on('close', settle);
  });
}

/**
 * Tees a byte source into a gzip of the original bytes while it is read. The compression runs
 * on libuv's thread pool, so it overlaps with the parse on the main thread: a Buffer is handed
 * over whole before the (synchronous) parse starts, with an output buffer large enough that most
 * files compress in one go; a stream is passed on chunk by chunk, waiting when the compressor
 * falls behind so unread chunks never pile up in memory.
 */
function keepOriginal(source: Uint8Array | AsyncIterable<Uint8Array>): KeptOriginal {
  const whole = source instanceof Uint8Array;
  const gzip = zlib.createGzip({
    level: ORIGINAL_GZIP_LEVEL,
    chunkSize: whole ? Math.min(4 * 1024 * 1024, Math.max(64 * 1024, source.length >>> 3)) : 256 * 1024,
  });
  const pieces: Buffer[] = [];
  gzip.on('data', (piece: Buffer) => pieces.push(piece));
  let failure: Error | null = null;
  const done = new Promise<void>((resolve, reject) => {
    gzip.on('end', resolve);
    gzip.on('error', (error: Error) => {
      failure = error;
      reject(error);
    });
  });
  done.catch(() => undefined); // read through `compressed()`; a discarded gzip's error matters to no one
  const compressed = async (): Promise<Buffer> => {
    gzip.end();
    await done;
    return Buffer.concat(pieces);
  };
  const discard = (): void => {
    gzip.destroy();
  };
  if (whole) {
    gzip.write(source);
    return { source, compressed, discard };
  }
  async function* tee(): AsyncGenerator<Uint8Array> {
    for await (const chunk of source as AsyncIterable<Uint8Array>) {
      if (failure !== null) throw failure;
      if (!gzip.write(chunk)) await drained(gzip);
      yield chunk;
    }
  }
  return { source: tee(), compressed, discard };
}

function findDuplicate(db: StanceDatabase, run: DerivedRun): { runId: number; distanceMetres: number } | undefined {
  return db
    .prepare(
      `SELECT runs.id AS runId, runs.distance_m AS distanceMetres FROM run_tracks JOIN runs ON runs.id = run_tracks.run_id
       WHERE run_tracks.points_sha256 = ? LIMIT 1`,
    )
    .get(run.fingerprint.pointsSha256) as { runId: number; distanceMetres: number } | undefined;
}

interface NearRun {
  runId: number;
  distanceMetres: number;
  localDate: string;
}

/**
 * A run already in Stance that is probably this one: started within `NEAR_DUPLICATE_START_MS`
 * (either way) with a distance within `NEAR_DUPLICATE_DISTANCE_SHARE` of the larger of the two —
 * the same run recorded twice (watch and phone), or exported twice (with and without elevations).
 */
function findNearDuplicate(db: StanceDatabase, startUtcMs: number, distanceMetres: number): NearRun | undefined {
  const candidates = db
    .prepare(
      `SELECT id AS runId, distance_m AS distanceMetres, local_date AS localDate FROM runs
       WHERE started_at BETWEEN ? AND ? ORDER BY abs(distance_m - ?) LIMIT 5`,
    )
    .all(isoUtc(new Date(startUtcMs - NEAR_DUPLICATE_START_MS)), isoUtc(new Date(startUtcMs + NEAR_DUPLICATE_START_MS)), distanceMetres) as NearRun[];
  return candidates.find(
    (candidate) => Math.abs(candidate.distanceMetres - distanceMetres) <= NEAR_DUPLICATE_DISTANCE_SHARE * Math.max(candidate.distanceMetres, distanceMetres),
  );
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * "Sat 4 May, 10.2 km" (or miles, by the runner's setting; "Thu 25 Oct 2012, 1.9 mi" outside
 * `currentYear`): how the runner knows a run in the list.
 */
export function describeRun(localDate: string, distanceMetres: number, unit: DistanceUnit, currentYear: number): string {
  const [year, month, day] = localDate.split('-').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1)).getUTCDay()] ?? '';
  const yearWords = year === currentYear ? '' : ` ${year ?? ''}`;
  return `${weekday} ${day ?? ''} ${MONTHS[(month ?? 1) - 1] ?? ''}${yearWords}, ${formatDistance(distanceMetres, unit, 1)}`;
}

/** A derived figure if it is one a run can have (0 ≤ value < limit), else nothing rather than nonsense. */
function plausible(value: number | null, limit: number): number | null {
  return value !== null && Number.isFinite(value) && value >= 0 && value < limit ? value : null;
}

function refused(file: string, track: RecordingRef | null, error: unknown): GpxImportOutcome {
  if (isImportRefusal(error)) return { file, track, status: 'refused', reason: error.message, refusal: error.reason, warnings: [] };
  return {
    file,
    track,
    status: 'refused',
    reason: `Stance could not read this file (${(error as Error).message}). Nothing was imported.`,
    refusal: 'unreadable',
    warnings: [],
  };
}

/**
 * Imports every recording of a file (GPX now; any format with a reader in read-run.ts): each one
 * becomes a run with its own outcome — imported, duplicate (the same points, or a near-duplicate:
 * see `findNearDuplicate`), or refused with its reason — in one transaction each, so one
 * recording's refusal never undoes another's import. The file is read once, as a stream. Never
 * throws for a bad file: a file refused as a whole gives one outcome with `track: null`.
 */
export async function importFile(db: StanceDatabase, request: GpxImportRequest, now: Date): Promise<GpxImportOutcome[]> {
  return importRecordings(db, request, now, false);
}

/**
 * The import of a file taken as one run (the proofs and the benchmark use it): a file holding
 * several recordings is refused ('several-recordings') unless `trackNumber` picks one.
 */
export async function importGpxFile(db: StanceDatabase, request: GpxImportRequest, now: Date): Promise<GpxImportOutcome> {
  const [outcome] = await importRecordings(db, request, now, true);
  if (outcome === undefined) throw new Error('importGpxFile: no outcome');
  return outcome;
}

async function importRecordings(db: StanceDatabase, request: GpxImportRequest, now: Date, oneRun: boolean): Promise<GpxImportOutcome[]> {
  const file = request.fileName;
  const tee = keepOriginal(request.source);
  let recordings: RecordingOutcome[];
  try {
    const options: ReadRunOptions = {
      ...(request.given ? { startTime: request.given.startUtcMs } : {}),
      ...(request.trackNumber ? { trackNumber: request.trackNumber } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    };
    const recording = await readRecording(tee.source, options);
    if (oneRun) {
      const run = deriveRun(recording, options);
      recordings = [{ track: { index: run.tracksUsed[0] ?? 1, name: run.name }, tracksUsed: run.tracksUsed, result: { run } }];
    } else {
      recordings = deriveRuns(recording, options);
    }
  } catch (error) {
    tee.discard();
    return [refused(file, null, error)];
  }
  const ref = (recording: RecordingOutcome): RecordingRef | null => (oneRun ? null : recording.track);
  if (!recordings.some((recording) => 'run' in recording.result)) {
    tee.discard();
    return recordings.map((recording) => refused(file, ref(recording), 'refusal' in recording.result ? recording.result.refusal : null));
  }
  const original = await tee.compressed();
  const unit = getSettings(db).units;
  return recordings.map((recording) => {
    if ('refusal' in recording.result) return refused(file, ref(recording), recording.result.refusal);
    return storeRun(db, recording.result.run, { file, track: ref(recording), original, request, now, unit });
  });
}

interface StoreContext {
  file: string;
  track: RecordingRef | null;
  original: Buffer;
  request: GpxImportRequest;
  now: Date;
  unit: DistanceUnit;
}

/** Stores one derived run and its track in one transaction, unless it is a duplicate or cannot be a run. */
function storeRun(db: StanceDatabase, run: DerivedRun, context: StoreContext): GpxImportOutcome {
  const { file, track, request, now } = context;
  const refuseWith = (refusal: RefusalReason | 'no-duration', reason: string): GpxImportOutcome => ({
    file, track, status: 'refused', refusal, reason, warnings: [],
  });
  if (!(run.distanceMetres >= 1)) {
    return refuseWith('too-few-points', 'The points in this file never move, so there is no distance to import. Nothing was imported.');
  }
  const untimed = run.startTimeFrom === 'given';
  const durationSeconds = untimed ? (request.given?.durationSeconds ?? null) : run.elapsedSeconds;
  if (!durationSeconds || !(durationSeconds > 0)) {
    return refuseWith(
      'no-duration',
      untimed
        ? 'This file has no times, so Stance cannot tell how long the run took. Give its duration as well as its date and start time to import it. Nothing was imported.'
        : "This file's times do not move forward, so Stance cannot tell how long the run took. Nothing was imported.",
    );
  }
  // What no single run can be (the runs table refuses it too): say so in words rather than fail on a CHECK.
  if (durationSeconds > MAX_RUN_SECONDS || run.distanceMetres > MAX_RUN_METRES) {
    return refuseWith(
      'times-unusable',
      durationSeconds > MAX_RUN_SECONDS
        ? "This file's times span more than ten days, so they cannot time one run (a watch with a wrong clock?). Nothing was imported."
        : 'This file covers more than 1,000 km, far more than one run. Nothing was imported.',
    );
  }
  const streams = encodeStreams(run.streams);
  const startedAt = new Date(run.startUtcMs);
  const local = utcToLocal(startedAt, request.timeZone);
  const stamp = isoUtc(now);

  return db.transaction((): GpxImportOutcome => {
    const duplicate = findDuplicate(db, run);
    if (duplicate) {
      return {
        file,
        track,
        status: 'duplicate',
        duplicateOf: 'same-points',
        runId: duplicate.runId,
        distanceMetres: duplicate.distanceMetres,
        points: run.pointCount,
        reason: 'This run is already in Stance (the same points were imported before), so it was skipped.',
        warnings: run.warnings,
      };
    }
    if (!request.allowNearDuplicates) {
      const near = findNearDuplicate(db, run.startUtcMs, run.distanceMetres);
      if (near) {
        return {
          file,
          track,
          status: 'duplicate',
          duplicateOf: 'near',
          runId: near.runId,
          distanceMetres: near.distanceMetres,
          points: run.pointCount,
          reason: `Skipped: probably the same run as ${describeRun(near.localDate, near.distanceMetres, context.unit, Number(utcToLocal(now, request.timeZone).localDate.slice(0, 4)))} (it started within 2 minutes of it and its distance is within 3 %).`,
          warnings: run.warnings,
        };
      }
    }
    const moving = run.movingSeconds !== null && run.movingSeconds > 0 ? Math.min(run.movingSeconds, durationSeconds) : null;
    const runId = Number(
      db
        .prepare(
          `INSERT INTO runs (started_at, time_zone, local_date, local_time, distance_m, duration_s, moving_s,
                             elevation_gain_m, elevation_loss_m, avg_heart_rate, notes, source, created_at, updated_at)
           VALUES (@startedAt, @timeZone, @localDate, @localTime, @distance, @duration, @moving, @gain, @loss, @heartRate,
                   '', 'gpx', @stamp, @stamp)`,
        )
        .run({
          startedAt: isoUtc(startedAt),
          timeZone: request.timeZone,
          ...local,
          distance: Math.max(run.distanceMetres, 0.1),
          duration: durationSeconds,
          moving,
          gain: plausible(run.elevationGainMetres, 100_000),
          loss: plausible(run.elevationLossMetres, 100_000),
          heartRate: plausible(run.averageHeartRate, 300) || null,
          stamp,
        }).lastInsertRowid,
    );
    db.prepare(
      `INSERT INTO run_tracks (run_id, file_name, track_name, file_sha256, points_sha256, point_count, original_gzip, streams,
                               splits_json, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      runId,
      file.slice(0, 1000),
      run.name?.slice(0, 1000) ?? null,
      run.fingerprint.fileSha256,
      run.fingerprint.pointsSha256,
      run.pointCount,
      context.original,
      streams,
      JSON.stringify({ km: run.splitsPerKilometre, mi: run.splitsPerMile, warnings: run.warnings }),
      stamp,
    );
    return {
      file,
      track,
      status: 'imported',
      runId,
      distanceMetres: run.distanceMetres,
      points: run.pointCount,
      startedAt: isoUtc(startedAt),
      untimed,
      warnings: run.warnings,
    };
  })();
}
