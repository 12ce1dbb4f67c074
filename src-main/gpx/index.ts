/**
 * Stance's GPX import core: bytes of a GPX file in, a `DerivedRun` (or a `GpxRefusal`) out.
 * Pure: it stores nothing and reads nothing but the bytes given.
 *
 *   const run = await parseGpx(fs.createReadStream(file));        // stream: never held whole
 *   const run = parseGpxSync(buffer, { startTime: Date.parse(…) }); // a Buffer in memory
 */
import { deriveRun, type DeriveOptions, type DerivedRun } from './derive';
import { DEFAULT_GPX_LIMITS, GpxFileReader, type GpxReadingLimits, type ParsedGpx } from './parse';
import { refuse } from './refusals';

export interface ParseGpxOptions extends DeriveOptions {
  /** Tighter or looser reading limits (defaults: depth 64, 64 KiB per value, 2,000,000 points). */
  limits?: Partial<GpxReadingLimits>;
  /** Cancels a long import; the promise rejects with a `cancelled` refusal. */
  signal?: AbortSignal;
  /** Called after each chunk with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
}

/** Largest piece of a Buffer handed to the XML reader at once. */
const BUFFER_SLICE_BYTES = 256 * 1024;

function readerFor(options: ParseGpxOptions): GpxFileReader {
  return new GpxFileReader({ ...DEFAULT_GPX_LIMITS, ...options.limits });
}

/** Reads a GPX file given as bytes in memory, synchronously. */
export function readGpxSync(bytes: Uint8Array, options: ParseGpxOptions = {}): ParsedGpx {
  const reader = readerFor(options);
  for (let offset = 0; offset < bytes.length; offset += BUFFER_SLICE_BYTES) {
    if (options.signal?.aborted) throw refuse.cancelled();
    reader.write(bytes.subarray(offset, offset + BUFFER_SLICE_BYTES));
    options.onProgress?.(Math.min(bytes.length, offset + BUFFER_SLICE_BYTES));
  }
  return reader.finish();
}

/** Reads a GPX file from a Buffer or any async source of byte chunks (a Node Readable stream). */
export async function readGpx(source: Uint8Array | AsyncIterable<Uint8Array>, options: ParseGpxOptions = {}): Promise<ParsedGpx> {
  if (source instanceof Uint8Array) return readGpxSync(source, options);
  const reader = readerFor(options);
  let bytesRead = 0;
  for await (const chunk of source) {
    if (options.signal?.aborted) throw refuse.cancelled();
    if (typeof chunk === 'string') throw new TypeError('parseGpx needs bytes: open the stream without an encoding');
    reader.write(chunk);
    bytesRead += chunk.length;
    options.onProgress?.(bytesRead);
  }
  if (options.signal?.aborted) throw refuse.cancelled();
  return reader.finish();
}

/** Parses and derives a run from a GPX file. Rejects with a `GpxRefusal` when the file is not an importable run. */
export async function parseGpx(source: Uint8Array | AsyncIterable<Uint8Array>, options: ParseGpxOptions = {}): Promise<DerivedRun> {
  return deriveRun(await readGpx(source, options), options);
}

/** `parseGpx` for a Buffer already in memory, without a promise. */
export function parseGpxSync(bytes: Uint8Array, options: ParseGpxOptions = {}): DerivedRun {
  return deriveRun(readGpxSync(bytes, options), options);
}

export { deriveRun } from './derive';
export type { DerivedRun, DeriveOptions, GpxWarning, GpxWarningCode, RunStreams } from './derive';
export type { Split } from './splits';
export { METRES_PER_KILOMETRE, METRES_PER_MILE } from './splits';
export { GpxRefusal, isGpxRefusal, type GpxRefusalReason } from './refusals';
export { encodeStreams, decodeStreams } from './streams-codec';
export type { RunFingerprint } from './fingerprint';
export type { ParsedGpx, RecordedTrack, GpxReadingLimits } from './parse';
export { DEFAULT_GPX_LIMITS } from './parse';
export { haversineMetres, EARTH_MEAN_RADIUS_METRES } from './track-maths';
