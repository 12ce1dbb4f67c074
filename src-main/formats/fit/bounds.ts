/**
 * How many messages a FIT file holds, counted before it is parsed, so a file shaped to cost time
 * or memory (millions of empty records with valid CRCs) is refused in a fraction of a second
 * instead of being decoded into millions of objects.
 *
 * The walk follows the FIT protocol's framing only ("Record Header", "Definition Message", "Data
 * Message"; compressed-timestamp headers): a definition gives the size of its data messages, so
 * every message is skipped by its size without decoding a field — except a record's `timestamp`
 * (field 253) and a session's `total_elapsed_time` (field 7, ms), read to know how long the
 * activity lasts. No recursion; one pass; constant memory.
 *
 * The rules (README "Bounds before parsing"):
 *  - at most `MAX_FIT_RECORDS` records (FIT `record`, message 20) in all: one a second for 11½
 *    days, longer than any recorded activity;
 *  - at most `MAX_FIT_MESSAGES` data messages of any kind (records, HRV beats, events, laps…);
 *  - no more records than `RECORDS_PER_SECOND` per second of the activity (its records' time span
 *    or its longest session's elapsed time, whichever is longer), plus `RECORDS_ALLOWANCE`: a watch
 *    records at most once a second ("smart recording" less often), so a file holding far more
 *    records than its seconds is not a recording.
 */
import { refuse } from '../../track/refusals';

export const MAX_FIT_RECORDS = 1_000_000;
export const MAX_FIT_MESSAGES = 3_000_000;
export const RECORDS_PER_SECOND = 2;
export const RECORDS_ALLOWANCE = 3_600;

/** What the framing walk found in one FIT file (its [start, end) byte range). */
export interface FitMessageCounts {
  dataMessages: number;
  records: number;
  /** Seconds between the earliest and the latest record timestamp (0 with fewer than two). */
  recordSpanSeconds: number;
  /** The longest session's total elapsed time, seconds (0 when none says). */
  longestSessionSeconds: number;
}

interface Definition {
  global: number;
  littleEndian: boolean;
  size: number;
  /** Byte offset of field 253 (timestamp, uint32) inside the data message, or -1. */
  timestampAt: number;
  /** Byte offset of session field 7 (total_elapsed_time, uint32 ms), or -1. */
  elapsedAt: number;
}

const RECORD = 20;
const SESSION = 18;
/** A FIT timestamp of 0xFFFFFFFF is "invalid"; below 0x10000000 it is a device-relative time. */
const INVALID_U32 = 0xffffffff;

function u32(bytes: Uint8Array, at: number, littleEndian: boolean): number {
  const a = bytes[at] ?? 0;
  const b = bytes[at + 1] ?? 0;
  const c = bytes[at + 2] ?? 0;
  const d = bytes[at + 3] ?? 0;
  return (littleEndian ? a | (b << 8) | (c << 16) | (d << 24) : d | (c << 8) | (b << 16) | (a << 24)) >>> 0;
}

/**
 * Walks the messages of one FIT file between `start` (its header) and `end` (after its CRC).
 * Stops early (returning what it counted) once a limit is passed. A framing fault is left to the
 * parser, which refuses it with its own reason; this walk only counts.
 */
export function countFitMessages(bytes: Uint8Array, start: number, end: number): FitMessageCounts {
  const headerSize = bytes[start] ?? 12;
  const dataEnd = end - 2;
  const definitions = new Array<Definition | undefined>(16);
  let at = start + headerSize;
  let dataMessages = 0;
  let records = 0;
  let firstRecord = Number.POSITIVE_INFINITY;
  let lastRecord = Number.NEGATIVE_INFINITY;
  let lastTimestamp = -1;
  let longestSession = 0;
  while (at < dataEnd) {
    const header = bytes[at] ?? 0;
    at += 1;
    if ((header & 0x80) !== 0) {
      // A compressed-timestamp header: a data message of local type 0–3, its time a 5-bit offset.
      const definition = definitions[(header >> 5) & 0x03];
      if (definition === undefined) break;
      dataMessages += 1;
      if (definition.global === RECORD) {
        records += 1;
        if (lastTimestamp >= 0) {
          const offset = header & 0x1f;
          lastTimestamp += (offset - (lastTimestamp & 0x1f)) & 0x1f;
          if (lastTimestamp < firstRecord) firstRecord = lastTimestamp;
          if (lastTimestamp > lastRecord) lastRecord = lastTimestamp;
        }
      }
      at += definition.size;
    } else if ((header & 0x40) !== 0) {
      if (at + 5 > dataEnd) break;
      const littleEndian = (bytes[at + 1] ?? 0) === 0;
      const global = littleEndian ? (bytes[at + 2] ?? 0) | ((bytes[at + 3] ?? 0) << 8) : ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0);
      const fields = bytes[at + 4] ?? 0;
      at += 5;
      let size = 0;
      let timestampAt = -1;
      let elapsedAt = -1;
      for (let f = 0; f < fields; f += 1, at += 3) {
        const number = bytes[at] ?? 0;
        const fieldSize = bytes[at + 1] ?? 0;
        if (number === 253 && fieldSize === 4) timestampAt = size;
        if (global === SESSION && number === 7 && fieldSize === 4) elapsedAt = size;
        size += fieldSize;
      }
      if ((header & 0x20) !== 0) {
        const developerFields = bytes[at] ?? 0;
        at += 1;
        for (let f = 0; f < developerFields; f += 1, at += 3) size += bytes[at + 1] ?? 0;
      }
      definitions[header & 0x0f] = { global, littleEndian, size, timestampAt, elapsedAt };
    } else {
      const definition = definitions[header & 0x0f];
      if (definition === undefined) break;
      dataMessages += 1;
      if (definition.global === RECORD) {
        records += 1;
        if (definition.timestampAt >= 0) {
          const timestamp = u32(bytes, at + definition.timestampAt, definition.littleEndian);
          if (timestamp !== INVALID_U32 && timestamp >= 0x10000000) {
            lastTimestamp = timestamp;
            if (timestamp < firstRecord) firstRecord = timestamp;
            if (timestamp > lastRecord) lastRecord = timestamp;
          }
        }
      } else if (definition.global === SESSION && definition.elapsedAt >= 0) {
        const elapsedMs = u32(bytes, at + definition.elapsedAt, definition.littleEndian);
        if (elapsedMs !== INVALID_U32) longestSession = Math.max(longestSession, elapsedMs / 1000);
      }
      at += definition.size;
    }
    if (dataMessages > MAX_FIT_MESSAGES || records > MAX_FIT_RECORDS) break;
  }
  return {
    dataMessages,
    records,
    recordSpanSeconds: lastRecord > firstRecord ? lastRecord - firstRecord : 0,
    longestSessionSeconds: longestSession,
  };
}

/** Records a file lasting `seconds` may hold (see the module comment). */
export function recordsAllowedFor(seconds: number): number {
  return Math.min(MAX_FIT_RECORDS, Math.floor(RECORDS_PER_SECOND * seconds) + RECORDS_ALLOWANCE);
}

function duration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 3 * 86_400) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} days`;
}

/**
 * Refuses a FIT file whose message counts break the rules of the module comment (throws an
 * `ImportRefusal` 'too-many-points' naming the count and the rule). Call before parsing.
 */
export function checkFitCounts(counts: FitMessageCounts): void {
  const plural = (n: number, word: string): string => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;
  if (counts.records > MAX_FIT_RECORDS) {
    throw refuse.tooManyFitRecords(`it holds more than ${plural(MAX_FIT_RECORDS, 'record')} (one a second for 11½ days), more than any activity`);
  }
  if (counts.dataMessages > MAX_FIT_MESSAGES) {
    throw refuse.tooManyFitRecords(`it holds more than ${plural(MAX_FIT_MESSAGES, 'message')}, more than any activity`);
  }
  const seconds = Math.max(counts.recordSpanSeconds, counts.longestSessionSeconds);
  if (counts.records > recordsAllowedFor(seconds)) {
    throw refuse.tooManyFitRecords(
      seconds > 0
        ? `it holds ${plural(counts.records, 'record')} for an activity of ${duration(seconds)} — a watch records at most about one a second`
        : `it holds ${plural(counts.records, 'record')} but none says when it was recorded — a watch records at most about one a second`,
    );
  }
}
