/**
 * The FIT reader's entry points: bytes of a FIT activity file in, the neutral `RecordedFile`
 * (track/recording.ts) out. FIT files are small (an hour's run is ~100–300 KB), so a stream is
 * gathered into memory (up to `MAX_FIT_BYTES`) and read at once. Throws (or rejects with) an
 * `ImportRefusal`; see read.ts for what is refused and how each FIT message is read.
 */
import type { RecordedFile } from '../../track/recording';
import { refuse } from '../../track/refusals';
import { MAX_FIT_BYTES, readFitBytes } from './read';

export interface ReadFitOptions {
  signal?: AbortSignal;
  onProgress?: (bytesRead: number) => void;
}

/** Reads a FIT file given as bytes in memory. */
export function readFitSync(bytes: Uint8Array, options: ReadFitOptions = {}): RecordedFile {
  if (options.signal?.aborted) throw refuse.cancelled();
  const recording = readFitBytes(bytes);
  options.onProgress?.(bytes.length);
  return recording;
}

/** Reads a FIT file from bytes or any async source of byte chunks. */
export async function readFit(source: Uint8Array | AsyncIterable<Uint8Array>, options: ReadFitOptions = {}): Promise<RecordedFile> {
  if (source instanceof Uint8Array) return readFitSync(source, options);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of source) {
    if (options.signal?.aborted) throw refuse.cancelled();
    total += chunk.length;
    if (total > MAX_FIT_BYTES) throw refuse.damagedFit(`it is over ${MAX_FIT_BYTES / 1024 / 1024} MB, far larger than any activity`);
    chunks.push(chunk);
    options.onProgress?.(total);
  }
  return readFitSync(Buffer.concat(chunks), options);
}

export { MAX_FIT_BYTES, fitCrc } from './read';
