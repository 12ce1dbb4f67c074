/**
 * The TCX reader's entry points: bytes of a TCX file in, the neutral `RecordedFile` out (see
 * read.ts for what is read and the choice of distance). Throws (or rejects with) an `ImportRefusal`.
 */
import type { RecordedFile } from '../../track/recording';
import { refuse } from '../../track/refusals';
import { DEFAULT_TCX_LIMITS, TcxFileReader, type TcxReadingLimits } from './read';

export interface ReadTcxOptions {
  limits?: Partial<TcxReadingLimits>;
  signal?: AbortSignal;
  onProgress?: (bytesRead: number) => void;
}

const BUFFER_SLICE_BYTES = 256 * 1024;

/** Reads a TCX file given as bytes in memory, synchronously. */
export function readTcxSync(bytes: Uint8Array, options: ReadTcxOptions = {}): RecordedFile {
  const reader = new TcxFileReader({ ...DEFAULT_TCX_LIMITS, ...options.limits });
  for (let offset = 0; offset < bytes.length; offset += BUFFER_SLICE_BYTES) {
    if (options.signal?.aborted) throw refuse.cancelled();
    reader.write(bytes.subarray(offset, offset + BUFFER_SLICE_BYTES));
    options.onProgress?.(Math.min(bytes.length, offset + BUFFER_SLICE_BYTES));
  }
  return reader.finish();
}

/** Reads a TCX file from bytes or any async source of byte chunks. */
export async function readTcx(source: Uint8Array | AsyncIterable<Uint8Array>, options: ReadTcxOptions = {}): Promise<RecordedFile> {
  if (source instanceof Uint8Array) return readTcxSync(source, options);
  const reader = new TcxFileReader({ ...DEFAULT_TCX_LIMITS, ...options.limits });
  let bytesRead = 0;
  for await (const chunk of source) {
    if (options.signal?.aborted) throw refuse.cancelled();
    reader.write(chunk);
    bytesRead += chunk.length;
    options.onProgress?.(bytesRead);
  }
  return reader.finish();
}

export { DEFAULT_TCX_LIMITS, TcxFileReader, type TcxReadingLimits } from './read';
