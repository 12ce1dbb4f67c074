/** The Polar Flow reader's entry points (see read.ts): a training session's JSON bytes → the neutral recording. */
import type { RecordedFile } from '../../track/recording';
import { readPolarSessionBytes } from './read';

/** Reads one training-session JSON held in memory. Throws an `ImportRefusal`. */
export function readPolarSync(bytes: Uint8Array): RecordedFile {
  return readPolarSessionBytes(bytes);
}

/** Reads one training-session JSON from bytes or a stream of chunks (gathered: sessions are read whole). */
export async function readPolar(source: Uint8Array | AsyncIterable<Uint8Array>): Promise<RecordedFile> {
  if (source instanceof Uint8Array) return readPolarSync(source);
  const chunks: Uint8Array[] = [];
  for await (const chunk of source) chunks.push(chunk);
  return readPolarSync(Buffer.concat(chunks));
}

export { isPolarTrainingSession, polarSport } from './read';
