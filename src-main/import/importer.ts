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
import type { TransformOptions } from 'node:stream';
import type { StanceDatabase } from '../db/open';
import { ORIGINAL_GZIP_LEVEL, deriveActivities, storeDerived, type ActivityContext, type ActivityOutcome, type Derived, type DerivedSummary } from './activities';
import { readRecording, type ReadRunOptions } from './read-run';
import type { RecordedFile } from '../track/recording';
import { isImportRefusal, type RefusalReason } from '../track/refusals';
import { deriveRun, type RunWarning } from '../track/derive';

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
      refusal: RefusalReason | 'no-duration' | 'unreadable' | 'implausible';
      warnings: RunWarning[];
    };

export { describeRun, NEAR_DUPLICATE_DISTANCE_SHARE, NEAR_DUPLICATE_START_MS, ORIGINAL_GZIP_LEVEL } from './activities';

interface KeptOriginal {
  source: Uint8Array | AsyncIterable<Uint8Array>;
  /** The gzip of every byte read, once the source has been read to its end. */
  compressed: () => Promise<Buffer>;
  /** Stops compressing (the file was refused): no more work is queued. */
  discard: () => void;
}

/** Bytes of a streamed file the compressor may hold unread before the reading waits for it. */
const STREAM_GZIP_AHEAD_BYTES = 1024 * 1024;

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
 * files compress in one go; a stream is passed on chunk by chunk, each compressed while it is
 * parsed, waiting only when the compressor falls over a megabyte behind, so unread chunks never
 * pile up in memory.
 */
function keepOriginal(source: Uint8Array | AsyncIterable<Uint8Array>): KeptOriginal {
  const whole = source instanceof Uint8Array;
  // zlib's streams are Transforms and take a Transform's options (Node's typings leave them out).
  const options: zlib.ZlibOptions & TransformOptions = {
    level: ORIGINAL_GZIP_LEVEL,
    chunkSize: whole ? Math.min(4 * 1024 * 1024, Math.max(64 * 1024, source.length >>> 3)) : 256 * 1024,
    writableHighWaterMark: STREAM_GZIP_AHEAD_BYTES,
  };
  const gzip = zlib.createGzip(options);
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
      gzip.write(chunk);
      // Parsed while the thread pool compresses it: waiting for the compressor before handing the
      // chunk on made the two take turns (a 100 MB GPX waited ~0.6 s for gzip). Waiting after it,
      // and only when the compressor is `STREAM_GZIP_AHEAD_BYTES` behind, still bounds memory.
      yield chunk;
      if (gzip.writableNeedDrain) await drained(gzip);
    }
  }
  return { source: tee(), compressed, discard };
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
 * see db/tables/runs.ts `findNearDuplicateRun`), or refused with its reason — in one transaction each, so one
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
  const context: ActivityContext = {
    file,
    entry: null,
    timeZone: request.timeZone,
    ...(request.given ? { given: request.given } : {}),
    ...(request.trackNumber ? { trackNumber: request.trackNumber } : {}),
    ...(request.allowNearDuplicates ? { allowNearDuplicates: true } : {}),
  };
  const tee = keepOriginal(request.source);
  let recording: RecordedFile;
  let derived: (Derived | DerivedSummary | ActivityOutcome)[];
  try {
    const options: ReadRunOptions = {
      ...(request.given ? { startTime: request.given.startUtcMs } : {}),
      ...(request.trackNumber ? { trackNumber: request.trackNumber } : {}),
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.onProgress ? { onProgress: request.onProgress } : {}),
    };
    recording = await readRecording(tee.source, options);
    derived = oneRun ? [{ track: null, ref: null, number: null, run: deriveRun(recording, options) }] : deriveActivities(recording, context);
  } catch (error) {
    tee.discard();
    return [refused(file, null, error)];
  }
  if (!derived.some((item) => 'run' in item)) tee.discard();
  const original = derived.some((item) => 'run' in item) ? await tee.compressed() : Buffer.alloc(0);
  // The one storing path (activities.ts): the same duplicate rules and rows as every other import.
  const outcomes = storeDerived(db, recording, derived, context, () => original, now);
  return outcomes.map((stored, index) => {
    const item = derived[index];
    const runWarnings = item !== undefined && 'run' in item ? item.run.warnings : [];
    return asGpxOutcome(stored, runWarnings, request.given !== undefined);
  });
}

/** The refusal reason of an outcome code ('needs-start-time' is the file without times; codes that are no refusal read 'unreadable'). */
function refusalOf(code: ActivityOutcome['code'], startGiven: boolean): RefusalReason | 'no-duration' | 'unreadable' | 'implausible' {
  if (code === 'needs-start-time') return startGiven ? 'no-duration' : 'no-times';
  if (code === 'other-sport' || code === 'near-duplicate' || code === 'same-points' || code === null) return 'unreadable';
  if (code === 'times-not-forward') return 'no-duration';
  if (code === 'longer-than-one-run' || code === 'further-than-one-run') return 'times-unusable';
  return code;
}

/** An outcome of the one storing path as this module's callers (the window's one-file channel, proofs, bench) know it. */
function asGpxOutcome(stored: ActivityOutcome, runWarnings: RunWarning[], startGiven: boolean): GpxImportOutcome {
  const track = stored.track;
  const warnings = runWarnings;
  switch (stored.status) {
    case 'imported':
      return { file: stored.file, track, status: 'imported', runId: stored.runId ?? 0, distanceMetres: stored.distanceMetres ?? 0, points: stored.points ?? 0, startedAt: stored.startedAt ?? '', untimed: stored.untimed, warnings };
    case 'duplicate':
      return { file: stored.file, track, status: 'duplicate', duplicateOf: stored.code === 'near-duplicate' ? 'near' : 'same-points', runId: stored.runId ?? 0, distanceMetres: stored.distanceMetres ?? 0, points: stored.points ?? 0, reason: stored.reason ?? '', warnings };
    default:
      return { file: stored.file, track, status: 'refused', reason: stored.reason ?? '', refusal: refusalOf(stored.code, startGiven), warnings: [] };
  }
}
