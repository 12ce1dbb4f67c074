/**
 * The import door: sniff a file, read it with its format's reader, derive the run, apply the
 * duplicate rules and store it (importer.ts). Re-exports what callers outside import/ need.
 */
export { readRecording, readRecordingSync, readRun, readRunSync, parseGpx, parseGpxSync, readerFor } from './read-run';
export type { FormatReader, ReadOptions, ReadRunOptions } from './read-run';
export { sniffKind, type SniffedKind } from './sniff';
export { deriveRun } from '../track/derive';
export type { DerivedRun, DeriveOptions, RunWarning, RunWarningCode, RunStreams } from '../track/derive';
export { ImportRefusal, isImportRefusal, type RefusalReason } from '../track/refusals';
export { encodeStreams, decodeStreams } from '../track/streams-codec';
export type { RecordedFile, RecordedTrack } from '../track/recording';
