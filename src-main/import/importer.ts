/**
 * GPX file → one run in the database, all of it or none.
 *
 * The file is read once, as a stream: the same chunks feed the XML reader and a gzip of the
 * original bytes (kept so a better importer can re-derive the run later). The derived per-point
 * streams are stored compactly (streams-codec). One transaction per file: the run, its track and
 * nothing else. The same run imported twice (same points, even from a re-exported file) is
 * recognised and skipped.
 */
import zlib from 'node:zlib';
import type { StanceDatabase } from '../db/open';
import { isoUtc, utcToLocal } from '../db/local-time';
import { encodeStreams } from '../track/streams-codec';
import { MAX_RUN_METRES, MAX_RUN_SECONDS } from '../shared/contract';
import { readRun, type ReadRunOptions } from './read-run';
import { isImportRefusal, type RefusalReason } from '../track/refusals';
import type { DerivedRun, RunWarning } from '../track/derive';

export interface GpxImportRequest {
  /** The name the runner knows the file by (shown in the summary; stored with the track). */
  fileName: string;
  /** The file's bytes, whole or as a stream of chunks. */
  source: Uint8Array | AsyncIterable<Uint8Array>;
  /** The runner's time zone: the run's local date and time are read in it. */
  timeZone: string;
  /** For a file without times: when the run started and how long it took, as the runner says. */
  given?: { startUtcMs: number; durationSeconds: number };
  /** For a file holding several recordings: which track to import (1-based). */
  trackNumber?: number;
  signal?: AbortSignal;
  onProgress?: (bytesRead: number) => void;
}

export type GpxImportOutcome =
  | {
      file: string;
      status: 'imported';
      runId: number;
      distanceMetres: number;
      points: number;
      startedAt: string;
      warnings: RunWarning[];
    }
  | { file: string; status: 'duplicate'; runId: number; distanceMetres: number; points: number; reason: string }
  | { file: string; status: 'refused'; reason: string; refusal: RefusalReason | 'no-duration' | 'unreadable' };

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

/** A derived figure if it is one a run can have (0 ≤ value < limit), else nothing rather than nonsense. */
function plausible(value: number | null, limit: number): number | null {
  return value !== null && Number.isFinite(value) && value >= 0 && value < limit ? value : null;
}

export async function importGpxFile(db: StanceDatabase, request: GpxImportRequest, now: Date): Promise<GpxImportOutcome> {
  const file = request.fileName;
  const tee = keepOriginal(request.source);
  let run: DerivedRun;
  try {
    const options: ReadRunOptions = {
      ...(request.given ? { startTime: request.given.startUtcMs } : {}),
      ...(request.trackNumber ? { trackNumber: request.trackNumber } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    };
    run = await readRun(tee.source, options);
  } catch (error) {
    tee.discard();
    if (isImportRefusal(error)) return { file, status: 'refused', reason: error.message, refusal: error.reason };
    return {
      file,
      status: 'refused',
      reason: `Stance could not read this file (${(error as Error).message}). Nothing was imported.`,
      refusal: 'unreadable',
    };
  }

  if (!(run.distanceMetres >= 1)) {
    tee.discard();
    return {
      file,
      status: 'refused',
      refusal: 'too-few-points',
      reason: 'The points in this file never move, so there is no distance to import. Nothing was imported.',
    };
  }
  const durationSeconds = run.elapsedSeconds ?? request.given?.durationSeconds ?? null;
  if (!durationSeconds || !(durationSeconds > 0)) {
    tee.discard();
    return {
      file,
      status: 'refused',
      refusal: 'no-duration',
      reason: 'This file has no times, so Stance cannot tell how long the run took. Give its date, start time and duration to import it.',
    };
  }
  // What no single run can be (the runs table refuses it too): say so in words rather than fail on a CHECK.
  if (durationSeconds > MAX_RUN_SECONDS || run.distanceMetres > MAX_RUN_METRES) {
    tee.discard();
    return {
      file,
      status: 'refused',
      refusal: 'times-unusable',
      reason:
        durationSeconds > MAX_RUN_SECONDS
          ? "This file's times span more than ten days, so they cannot time one run (a watch with a wrong clock?). Nothing was imported."
          : 'This file covers more than 1,000 km, far more than one run. Nothing was imported.',
    };
  }
  const original = await tee.compressed();
  const streams = encodeStreams(run.streams);
  const startedAt = new Date(run.startUtcMs);
  const local = utcToLocal(startedAt, request.timeZone);
  const stamp = isoUtc(now);

  return db.transaction((): GpxImportOutcome => {
    const duplicate = findDuplicate(db, run);
    if (duplicate) {
      return {
        file,
        status: 'duplicate',
        runId: duplicate.runId,
        distanceMetres: duplicate.distanceMetres,
        points: run.pointCount,
        reason: 'This run is already in Stance (the same points were imported before), so it was skipped.',
      };
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
      original,
      streams,
      JSON.stringify({ km: run.splitsPerKilometre, mi: run.splitsPerMile, warnings: run.warnings }),
      stamp,
    );
    return {
      file,
      status: 'imported',
      runId,
      distanceMetres: run.distanceMetres,
      points: run.pointCount,
      startedAt: isoUtc(startedAt),
      warnings: run.warnings,
    };
  })();
}
