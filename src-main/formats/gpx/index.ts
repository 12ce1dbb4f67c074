/**
 * The GPX reader's entry points: bytes of a GPX file in, the neutral `RecordedFile`
 * (track/recording.ts) out. It stores nothing, decides nothing about the run, and reads nothing
 * but the bytes given. Throws (or rejects with) an `ImportRefusal` when the bytes are not a
 * readable GPX file.
 *
 *   const recording = await readGpx(fs.createReadStream(file)); // stream: never held whole
 *   const recording = readGpxSync(buffer);                      // a Buffer in memory
 */
import type { RecordedFile } from '../../track/recording';
import { refuse } from '../../track/refusals';
import { DEFAULT_GPX_LIMITS, GpxFileReader, type GpxReadingLimits } from './read';

export interface ReadGpxOptions {
  /** Tighter or looser reading limits (defaults: depth 64, 64 KiB per value, 2,000,000 points). */
  limits?: Partial<GpxReadingLimits>;
  /** Cancels a long read; throws a `cancelled` refusal. */
  signal?: AbortSignal;
  /** Called after each chunk with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
}

/** Largest piece of a Buffer handed to the XML reader at once. */
const BUFFER_SLICE_BYTES = 256 * 1024;

function readerFor(options: ReadGpxOptions): GpxFileReader {
  return new GpxFileReader({ ...DEFAULT_GPX_LIMITS, ...options.limits });
}

/** Reads a GPX file given as bytes in memory, synchronously. */
export function readGpxSync(bytes: Uint8Array, options: ReadGpxOptions = {}): RecordedFile {
  const reader = readerFor(options);
  for (let offset = 0; offset < bytes.length; offset += BUFFER_SLICE_BYTES) {
    if (options.signal?.aborted) throw refuse.cancelled();
    reader.write(bytes.subarray(offset, offset + BUFFER_SLICE_BYTES));
    options.onProgress?.(Math.min(bytes.length, offset + BUFFER_SLICE_BYTES));
  }
  return reader.finish();
}

/** Reads a GPX file from a Buffer or any async source of byte chunks (a Node Readable stream). */
export async function readGpx(source: Uint8Array | AsyncIterable<Uint8Array>, options: ReadGpxOptions = {}): Promise<RecordedFile> {
  if (source instanceof Uint8Array) return readGpxSync(source, options);
  const reader = readerFor(options);
  let bytesRead = 0;
  for await (const chunk of source) {
    if (options.signal?.aborted) throw refuse.cancelled();
    if (typeof chunk === 'string') throw new TypeError('readGpx needs bytes: open the stream without an encoding');
    reader.write(chunk);
    bytesRead += chunk.length;
    options.onProgress?.(bytesRead);
  }
  if (options.signal?.aborted) throw refuse.cancelled();
  return reader.finish();
}

export { DEFAULT_GPX_LIMITS, GpxFileReader, type GpxReadingLimits, type ParsedGpx } from './read';
