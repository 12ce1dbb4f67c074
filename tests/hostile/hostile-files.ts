/**
 * Generators of files shaped to cost time or memory rather than to break parsing (issue 18),
 * made in the tests at the size that hung or crashed Stance — never committed as big files.
 */
import zlib from 'node:zlib';
import { fitCrc } from '../../src-main/formats/fit/read';
import type { StanceDatabase } from '../../src-main/db/open';

/** FIT's epoch: 1989-12-31T00:00:00Z. */
const FIT_EPOCH_MS = Date.UTC(1989, 11, 31);

function fitFile(data: Buffer): Uint8Array {
  const header = Buffer.alloc(14);
  header[0] = 14;
  header[1] = 0x20;
  header.writeUInt16LE(2132, 2);
  header.writeUInt32LE(data.length, 4);
  header.write('.FIT', 8, 'latin1');
  header.writeUInt16LE(fitCrc(header, 0, 12), 12);
  const body = Buffer.concat([header, data, Buffer.alloc(2)]);
  body.writeUInt16LE(fitCrc(body, 0, body.length - 2), body.length - 2);
  return body;
}

/**
 * A FIT file of `count` empty `record` messages (a definition of message 20 with no field, then
 * one header byte per record), every CRC valid: about `count` bytes.
 */
export function emptyRecordsFit(count: number): Uint8Array {
  const data = Buffer.alloc(6 + count);
  data.set([0x40, 0, 0, 20, 0, 0], 0); // definition, local 0, little-endian, message 20, no fields
  return fitFile(data); // the data messages are the zero bytes after it: header 0x00 = local 0
}

/**
 * A FIT file of `count` records one second apart, each holding only its timestamp (field 253):
 * a recording the bounds allow (one record a second) that decodes into `count` objects.
 */
export function timedRecordsFit(count: number, startUtcMs = Date.UTC(2024, 4, 4, 7)): Uint8Array {
  const data = Buffer.alloc(9 + count * 5);
  data.set([0x40, 0, 0, 20, 0, 1, 253, 4, 0x86], 0); // one field: timestamp, uint32
  const start = Math.round((startUtcMs - FIT_EPOCH_MS) / 1000);
  for (let k = 0; k < count; k += 1) {
    const at = 9 + k * 5;
    data[at] = 0x00;
    data.writeUInt32LE(start + k, at + 1);
  }
  return fitFile(data);
}

/**
 * A zip whose directory holds `entries` entries all pointing at the same member's data (a
 * deflated run of zeros `memberBytes` long, just under the 1 MiB ratio floor), so a 1 MB file
 * declares `entries` × `memberBytes` unpacked. `namePadding` lengthens the entries' names, so the
 * archive is large enough to hold its entries apart and only their offsets show they overlap.
 */
export function overlappingZip(entries: number, memberBytes = 1024 * 1024 - 1, namePadding = 0): Buffer {
  const plain = Buffer.alloc(memberBytes, 0x20);
  const data = zlib.deflateRawSync(plain);
  const crc = zlib.crc32(plain);
  const name = Buffer.from('run.gpx');
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(memberBytes, 22);
  local.writeUInt16LE(name.length, 26);
  const centrals: Buffer[] = [];
  for (let k = 0; k < entries; k += 1) {
    const entryName = Buffer.from(`runs/${'x'.repeat(namePadding)}${k}.gpx`); // padding: room enough that only the offsets tell
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(memberBytes, 24);
    central.writeUInt16LE(entryName.length, 28);
    central.writeUInt32LE(0, 42); // every entry at the one member's offset
    centrals.push(central, entryName);
  }
  const directory = Buffer.concat(centrals);
  const localBytes = 30 + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries, 8);
  end.writeUInt16LE(entries, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(localBytes, 16);
  return Buffer.concat([local, name, data, directory, end]);
}

/**
 * An `activities.csv` of `bytes` bytes: one row of ever more two-character fields (`q,` `x,` …,
 * letters varied so it does not compress like a bomb; zip it stored).
 */
export function commaColumnCsv(bytes: number): Buffer {
  const text = Buffer.alloc(bytes, 0x2c);
  let state = 12345;
  for (let i = 0; i < bytes; i += 2) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    text[i] = 0x61 + (state >>> 16) % 26;
  }
  return text;
}

/** JSON nesting `depth` arrays deep: `[[[…]]]`. */
export function nestedJson(depth: number): Buffer {
  const text = Buffer.alloc(depth * 2);
  text.fill(0x5b, 0, depth);
  text.fill(0x5d, depth);
  return text;
}

/** A Stance-export-shaped JSON whose `exportedAt` is a string of `length` bytes. */
export function longStringJson(length: number): Buffer {
  const head = Buffer.from('{"format":"stance-export","formatVersion":1,"schemaVersion":1,"exportedAt":"');
  const tail = Buffer.from('","tables":{}}');
  const text = Buffer.alloc(head.length + length + tail.length, 0x61);
  head.copy(text, 0);
  tail.copy(text, head.length + length);
  return text;
}

/** The database is whole: integrity_check ok and no dangling reference. */
export function databaseIsWhole(db: StanceDatabase): boolean {
  const integrity = db.pragma('integrity_check', { simple: true });
  const dangling = db.pragma('foreign_key_check') as unknown[];
  return integrity === 'ok' && dangling.length === 0;
}
