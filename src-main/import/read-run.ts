/**
 * The one dispatcher between bytes and the neutral recording: sniff the content (sniff.ts),
 * hand it to the reader registered for that format, and derive the run (track/derive.ts).
 * Actual Budget's `parse-file.ts` is the model: one reader per format behind one door.
 *
 * A new format is one entry in `READERS`; nothing else here, in track/ or in the database changes.
 * Archives (gzip, zip) are opened before this (import/archive.ts); a kind with no reader goes to
 * the GPX reader, which refuses it in words ("This is not a GPX file…").
 */
import { readFit, readFitSync } from '../formats/fit/index';
import { readGpx, readGpxSync, type ReadGpxOptions } from '../formats/gpx/index';
import { readTcx, readTcxSync } from '../formats/tcx/index';
import { readPolar, readPolarSync } from '../formats/polar/index';
import { deriveRun, type DeriveOptions, type DerivedRun } from '../track/derive';
import type { RecordedFile, SourceFormat } from '../track/recording';
import { SNIFF_BYTES, sniffKind, type SniffedKind } from './sniff';

/** Options every reader accepts (limits are the GPX/XML reader's; others ignore what they do not use). */
export type ReadOptions = ReadGpxOptions;

/** A reader: bytes (whole, or as chunks) → the neutral recording, or an `ImportRefusal` thrown. */
export interface FormatReader {
  format: SourceFormat;
  read(source: Uint8Array | AsyncIterable<Uint8Array>, options: ReadOptions): Promise<RecordedFile>;
  readSync(bytes: Uint8Array, options: ReadOptions): RecordedFile;
}

const GPX_READER: FormatReader = { format: 'gpx', read: readGpx, readSync: readGpxSync };

/** The reader for each sniffed kind; kinds missing here fall back to the GPX reader (which refuses them). */
const READERS: Partial<Record<SniffedKind, FormatReader>> = {
  gpx: GPX_READER,
  fit: { format: 'fit', read: readFit, readSync: readFitSync },
  tcx: { format: 'tcx', read: readTcx, readSync: readTcxSync },
  json: { format: 'polar', read: readPolar, readSync: readPolarSync },
};

/** The reader for bytes beginning with `firstBytes`. */
export function readerFor(firstBytes: Uint8Array): FormatReader {
  return READERS[sniffKind(firstBytes)] ?? GPX_READER;
}

/** The first chunk(s) of a stream, enough to sniff, and the whole stream again with them put back. */
async function peek(source: AsyncIterable<Uint8Array>): Promise<{ head: Uint8Array; whole: AsyncIterable<Uint8Array> }> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Uint8Array[] = [];
  let takenBytes = 0;
  let ended = false;
  while (takenBytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    taken.push(next.value);
    takenBytes += next.value.length;
  }
  const head = taken.length === 1 ? (taken[0] ?? new Uint8Array(0)) : Buffer.concat(taken);
  async function* whole(): AsyncGenerator<Uint8Array> {
    for (const chunk of taken) yield chunk;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      yield next.value;
    }
  }
  return { head, whole: whole() };
}

/** Reads any supported file into the neutral recording. Rejects with an `ImportRefusal`. */
export async function readRecording(source: Uint8Array | AsyncIterable<Uint8Array>, options: ReadOptions = {}): Promise<RecordedFile> {
  if (source instanceof Uint8Array) return readerFor(source).readSync(source, options);
  const { head, whole } = await peek(source);
  return readerFor(head).read(whole, options);
}

/** `readRecording` for bytes in memory, without a promise. */
export function readRecordingSync(bytes: Uint8Array, options: ReadOptions = {}): RecordedFile {
  return readerFor(bytes).readSync(bytes, options);
}

export interface ReadRunOptions extends ReadOptions, DeriveOptions {}

/** Reads a file and derives its run. Rejects with an `ImportRefusal` when the file is not an importable run. */
export async function readRun(source: Uint8Array | AsyncIterable<Uint8Array>, options: ReadRunOptions = {}): Promise<DerivedRun> {
  return deriveRun(await readRecording(source, options), options);
}

/** `readRun` for bytes in memory, without a promise. */
export function readRunSync(bytes: Uint8Array, options: ReadRunOptions = {}): DerivedRun {
  return deriveRun(readRecordingSync(bytes, options), options);
}

/** GPX bytes → run, without sniffing (the GPX reader's own path; tests and the benchmark use it). */
export async function parseGpx(source: Uint8Array | AsyncIterable<Uint8Array>, options: ReadRunOptions = {}): Promise<DerivedRun> {
  return deriveRun(await readGpx(source, options), options);
}

/** `parseGpx` for bytes in memory, without a promise. */
export function parseGpxSync(bytes: Uint8Array, options: ReadRunOptions = {}): DerivedRun {
  return deriveRun(readGpxSync(bytes, options), options);
}
