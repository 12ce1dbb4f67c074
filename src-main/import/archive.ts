/**
 * Opening what a runner drops in: a file, a `.gz` of one, a `.zip` of files and folders (Strava's
 * bulk export, Garmin's account export with zips nested under DI_CONNECT/), each known by its
 * content (sniff.ts), never by its name. Yields the members that are activity files (GPX, FIT,
 * TCX), each with its bytes in memory, or a refusal for a member that cannot be opened.
 *
 * Safety (zip bombs and hostile names):
 *  - entry names are only ever shown, never used as paths: nothing is written to disk; a name
 *    that would point outside the archive (`../x`, `/etc/x`, `C:\x`) is refused as a member;
 *  - before anything is unpacked, the zip's central directory is read and the archive is
 *    refused as a whole when it holds more than `maxEntries` entries, more than `maxTotalBytes`
 *    unpacked (counted across nested archives), a member over `maxMemberBytes`, or a member of
 *    over 1 MiB compressed more than `maxCompressionRatio` to 1 (real GPX/TCX text compresses
 *    10–30×, FIT 2–5×; deflate bombs 1,000×). yauzl then checks every member's real unpacked size
 *    against the declared one while unpacking (`validateEntrySizes`), so a lying header fails too;
 *  - a `.gz` is unpacked with zlib's `maxOutputLength` (the same member and ratio limits);
 *  - archives nest at most `maxZipDepth` zips deep (Garmin: export → part zip → FIT); a `.gz`
 *    may wrap a member at any level but not another `.gz`.
 *  - two entries whose data overlap (each entry's local header and data, by its offset and compressed
 *    size, must lie apart from every other's) are refused: real archives never share bytes between
 *    entries, and thousands of entries pointing at one member, each just under the ratio floor, is how
 *    a small zip declares gigabytes; so is a directory declaring more than `maxCompressionRatio` times
 *    the archive's own size in all;
 *  - Strava's `activities.csv` over `MAX_INDEX_BYTES` is not read (its activities are read from their
 *    own files; the index's outcome says so);
 *  - a path is opened without following a FIFO's wait (O_NONBLOCK) and checked with fstat: only a
 *    regular file is read, through the descriptor opened, so a file swapped for a folder or a pipe
 *    after it was listed is refused in words.
 * All of this is refused in well under a second, before a large member is inflated. A member's
 * refusal says only that member was not imported; the archive's other members are read on.
 */
import fs from 'node:fs';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import { tooLargeReason } from '../shared/track';
import { ImportRefusal, refuse } from '../track/refusals';
import type { HeldKind } from '../shared/import-formats';
import { heldKindOf } from './held';
import { sniffKind } from './sniff';

export interface ArchiveLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxMemberBytes: number;
  maxCompressionRatio: number;
  maxZipDepth: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 100_000,
  maxTotalBytes: 16 * 1024 ** 3,
  maxMemberBytes: 300 * 1024 ** 2,
  maxCompressionRatio: 200,
  maxZipDepth: 2,
};

/** Members smaller than this are never judged by their compression ratio (a tiny file of zeros is harmless). */
const RATIO_FLOOR_BYTES = 1024 * 1024;

/**
 * The largest Strava `activities.csv` read: 64 MB. Twenty years of daily activities with long
 * descriptions make a few MB; the index is read into memory as text, so it is bounded first.
 */
export const MAX_INDEX_BYTES = 64 * 1024 * 1024;

/** Apple Health's export.xml, handed over as a stream (it reaches gigabytes) before the archive's other members. */
export interface StreamedIndexFile {
  /** Entry path inside the archive (or the file's path). */
  entry: string;
  stream: AsyncIterable<Uint8Array>;
}

/** Whether a member is Apple Health's export.xml (read as a stream, never held whole). */
export function isHealthExportName(name: string): boolean {
  return /(^|\/)export\.xml$/i.test(name);
}

/** Whether a JSON member is a Polar Flow training session (by its name, or the keys near its start). */
function isPolarSessionMember(name: string | null, head: Uint8Array): boolean {
  if (name !== null && /training-session/i.test(name)) return true;
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, 4096)).toString('utf8');
  return /"exportVersion"/.test(text) && /"(exercises|sport)"/.test(text) && /"startTime"/.test(text);
}

/** The fixed part of a zip local file header (APPNOTE 4.3.7): every entry's data lies at least this far past its offset. */
const LOCAL_HEADER_BYTES = 30;
/** The fixed part of a central directory header (APPNOTE 4.3.12). */
const CENTRAL_HEADER_BYTES = 46;

const openFd = promisify(fs.open);
const closeFd = promisify(fs.close);
const fstatFd = promisify(fs.fstat);
const readFd = promisify(fs.read);

/** What a path that is not a regular file is, in words. */
function notARegularFile(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/**
 * Opens `file` for reading without waiting on a FIFO (O_NONBLOCK) and checks with fstat, on the
 * descriptor opened, that it is a regular file. Returns the descriptor and its size.
 * @throws ImportRefusal ('not-a-file') for a folder, pipe, device or socket.
 */
async function openRegularFile(file: string): Promise<{ fd: number; size: number }> {
  const fd = await openFd(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const stat = await fstatFd(fd);
    if (!stat.isFile()) throw new ImportRefusal('not-a-file', `This is ${notARegularFile(stat)}, not a file, so it was not read — nothing was imported.`);
    return { fd, size: stat.size };
  } catch (error) {
    await closeFd(fd).catch(() => undefined);
    throw error;
  }
}

async function readWhole(fd: number, size: number): Promise<Buffer> {
  const buffer = Buffer.alloc(size);
  let at = 0;
  while (at < size) {
    const { bytesRead } = await readFd(fd, buffer, at, size - at, at);
    if (bytesRead === 0) break; // cut short while read: what is there is judged
    at += bytesRead;
  }
  return at === size ? buffer : buffer.subarray(0, at);
}

/** The kinds of activity file a member can be (read by import/read-run.ts). */
export type ActivityKind = 'gpx' | 'tcx' | 'fit' | 'polar';

/** One activity file found in what the runner gave. */
export type Member =
  | { kind: 'file'; entry: string | null; bytes: Uint8Array; sniffed: ActivityKind }
  /** `held`: what a refused top-level file is when it is no activity (a photo, a Zepp CSV), for the summary. */
  | { kind: 'refused'; entry: string | null; refusal: ImportRefusal; held?: HeldKind }
  /** A member that is not an activity file (a photo, a CSV, a JSON): counted by kind, not reported one by one. */
  | { kind: 'other'; entry: string; held: HeldKind }
  /** A member `shouldRead` said to pass over, unread. */
  | { kind: 'passed'; entry: string };

/** What an archive's `activities.csv` (Strava) says; read before the members. */
export interface ArchiveIndexFile {
  /** Entry path (inside the outermost zip) → the file's text. */
  entry: string;
  text: string;
}

export interface MemberOptions {
  limits?: Partial<ArchiveLimits>;
  /** Receives every `activities.csv` (Strava) before the other members of its archive (awaited before going on). */
  onIndexFile?: (file: ArchiveIndexFile) => void | Promise<void>;
  /** Told how many files (not folders) a zip holds, as soon as its directory is read (for progress). */
  onZipOpened?: (files: number) => void;
  /**
   * Asked before a member (its shown path) is unpacked; false skips it unread (a restarted worker
   * passing over what it already did). Not asked of a Strava `activities.csv` within its size
   * limit: that is always read (`onIndexFile`), so the members after a restart keep its names and
   * types. Default: every member is read.
   */
  shouldRead?: (entry: string) => boolean;
  /** Receives Apple Health's export.xml as a stream before the other members of its archive; the members wait until it resolves. */
  onStreamedIndex?: (file: StreamedIndexFile) => Promise<void>;
  /**
   * Asked of Apple Health's export.xml (its shown path) when `shouldRead` is given: true reads it
   * again without asking `shouldRead` (a restarted worker, so the routes after the restart keep their
   * workouts' types). Default: never.
   */
  readIndexAgain?: (entry: string) => boolean;
}

/** Shared across one top-level file and everything nested in it. */
interface Budget {
  limits: ArchiveLimits;
  unpackedBytes: number;
  onZipOpened?: ((files: number) => void) | undefined;
  shouldRead?: (entry: string) => boolean;
  onStreamedIndex?: ((file: StreamedIndexFile) => Promise<void>) | undefined;
  readIndexAgain?: ((entry: string) => boolean) | undefined;
}

/** A refusal of `entry`: the whole archive when it is the top level (null), else only that member. */
function refusalOf(entry: string | null, why: string): ImportRefusal {
  return entry === null ? refuse.archiveRefused(why) : refuse.memberRefused(why);
}

/** A problem with an archive or member, worded once it is known which of the two it concerns. */
class ArchiveProblem extends Error {}

const mb = (bytes: number): string => `${Math.round(bytes / 1024 ** 2).toLocaleString('en')} MB`;

function joinEntry(outer: string | null, inner: string): string {
  return outer === null ? inner : `${outer}/${inner}`;
}

/** Why a member's name is refused, or null: absolute, a drive letter, a backslash, or a `..` part. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\0')) return 'it contains a NUL character';
  const problem = yauzl.validateFileName(name);
  if (problem !== null) {
    if (problem.includes('absolute')) return 'it is an absolute path';
    if (problem.includes('relative')) return 'it climbs out with “..”';
    return 'it uses a backslash';
  }
  if (/^[A-Za-z]:/.test(name)) return 'it names a drive';
  return null;
}

function gunzipMember(bytes: Uint8Array, budget: Budget): Buffer {
  const limits = budget.limits;
  const allowed = Math.min(limits.maxMemberBytes, limits.maxTotalBytes - budget.unpackedBytes);
  let unpacked: Buffer;
  try {
    unpacked = zlib.gunzipSync(bytes, { maxOutputLength: Math.max(1, allowed) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new ArchiveProblem(`it unpacks to more than ${mb(allowed)}`);
    }
    throw new ArchiveProblem(`the gzip data is damaged (${(error as Error).message})`);
  }
  if (unpacked.length > RATIO_FLOOR_BYTES && unpacked.length > limits.maxCompressionRatio * bytes.length) {
    throw new ArchiveProblem(`it is compressed ${Math.round(unpacked.length / bytes.length).toLocaleString('en')} to 1, far more than any activity file — it looks like a zip bomb`);
  }
  budget.unpackedBytes += unpacked.length;
  return unpacked;
}

/** A zip from a descriptor (closed by `zip.close()`, or here when it cannot be read) or bytes in memory. */
function openZip(source: number | Buffer): Promise<yauzl.ZipFile> {
  const options: yauzl.Options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false };
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, zip: yauzl.ZipFile): void => {
      if (error && typeof source === 'number') fs.close(source, () => undefined);
      if (error) reject(error);
      else resolve(zip);
    };
    if (typeof source === 'number') yauzl.fromFd(source, options, done);
    else yauzl.fromBuffer(source, options, done);
  });
}

/**
 * Refuses a directory whose entries' data overlap, or which declares far more than its own size
 * (see the module comment). `entries` as listed; `archiveBytes` the zip's own size.
 */
function checkDirectory(entries: readonly yauzl.Entry[], archiveBytes: number, declared: number, limits: ArchiveLimits): void {
  const extents = entries.map((entry) => ({ start: entry.relativeOffsetOfLocalHeader, end: entry.relativeOffsetOfLocalHeader + LOCAL_HEADER_BYTES + entry.compressedSize }));
  extents.sort((a, b) => a.start - b.start);
  let reach = -1;
  let overlapping = 0;
  for (const extent of extents) {
    if (extent.start < reach) overlapping += 1;
    reach = Math.max(reach, extent.end);
  }
  if (overlapping > 0) {
    throw new ArchiveProblem(
      `${overlapping.toLocaleString('en')} of its ${entries.length.toLocaleString('en')} entries point at data another entry already uses (their bytes overlap), which no real archive does — it looks like a zip bomb`,
    );
  }
  if (declared > RATIO_FLOOR_BYTES && declared > limits.maxCompressionRatio * Math.max(1, archiveBytes)) {
    throw new ArchiveProblem(`its directory declares ${mb(declared)} unpacked from ${mb(archiveBytes)}, over ${limits.maxCompressionRatio} to 1 — it looks like a zip bomb`);
  }
}

function listEntries(zip: yauzl.ZipFile, limits: ArchiveLimits): Promise<yauzl.Entry[]> {
  if (zip.entryCount > limits.maxEntries) {
    return Promise.reject(new ArchiveProblem(`it holds ${zip.entryCount.toLocaleString('en')} entries, more than the ${limits.maxEntries.toLocaleString('en')} Stance opens`));
  }
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

function openMemberStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)));
  });
}

function readZipMember(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
  });
}

function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer;
  return yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, raw, entry.extraFields, false);
}

/**
 * The members of one thing the runner gave (a path on disk, or bytes with a name), in archive
 * order. `onIndexFile` receives every `activities.csv` found at any level before that archive's
 * other members are yielded. Refusals of a whole top-level archive are yielded as one refused
 * member with `entry` null.
 */
export async function* membersOf(
  source: { path: string } | { bytes: Uint8Array },
  options: MemberOptions = {},
): AsyncGenerator<Member> {
  const budget: Budget = { limits: { ...DEFAULT_ARCHIVE_LIMITS, ...options.limits }, unpackedBytes: 0, onZipOpened: options.onZipOpened, ...(options.shouldRead ? { shouldRead: options.shouldRead } : {}), onStreamedIndex: options.onStreamedIndex, readIndexAgain: options.readIndexAgain };
  if ('bytes' in source) {
    const kind = sniffKind(source.bytes.subarray(0, 4096));
    if (kind === 'zip') {
      yield* zipMembers(Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.length), source.bytes.length, null, 1, budget, options.onIndexFile);
      return;
    }
    if (kind === 'apple-health' && options.onStreamedIndex !== undefined) {
      yield* streamedIndex(options.onStreamedIndex, 'export.xml', (async function* () {
        yield source.bytes;
      })());
      return;
    }
    yield* plainMembers(source.bytes, null, 1, budget, options.onIndexFile, false);
    return;
  }
  let opened: { fd: number; size: number };
  try {
    opened = await openRegularFile(source.path);
  } catch (error) {
    if (error instanceof ImportRefusal) {
      yield { kind: 'refused', entry: null, refusal: error };
      return;
    }
    throw error;
  }
  const { fd, size } = opened;
  let handedToZip = false;
  try {
    const head = Buffer.alloc(Math.min(4096, size));
    if (head.length > 0) await readFd(fd, head, 0, head.length, 0);
    const kind = sniffKind(head);
    if (kind === 'zip') {
      handedToZip = true; // yauzl closes the descriptor when the zip is closed
      yield* zipMembers(fd, size, null, 1, budget, options.onIndexFile);
      return;
    }
    if (kind === 'apple-health' && options.onStreamedIndex !== undefined) {
      // export.xml on its own (an unpacked export): streamed from the descriptor opened, never held whole.
      handedToZip = true; // the stream closes the descriptor
      yield* streamedIndex(options.onStreamedIndex, source.path, fs.createReadStream('', { fd, highWaterMark: 1024 * 1024 }));
      return;
    }
    if (size > budget.limits.maxMemberBytes) {
      yield { kind: 'refused', entry: null, refusal: new ImportRefusal('too-long', tooLargeReason(size)) };
      return;
    }
    const bytes = await readWhole(fd, size);
    yield* plainMembers(bytes, null, 1, budget, options.onIndexFile, false);
  } finally {
    if (!handedToZip) await closeFd(fd).catch(() => undefined);
  }
}

/** Hands Apple Health's export.xml to its reader; its refusal is the member's. */
async function* streamedIndex(onStreamedIndex: (file: StreamedIndexFile) => Promise<void>, entry: string, stream: AsyncIterable<Uint8Array>): AsyncGenerator<Member> {
  try {
    await onStreamedIndex({ entry, stream });
  } catch (error) {
    if (!(error instanceof ImportRefusal)) throw error;
    yield { kind: 'refused', entry: entry === 'export.xml' ? null : entry, refusal: error };
  }
}

async function* plainMembers(
  bytes: Uint8Array,
  entry: string | null,
  zipDepth: number,
  budget: Budget,
  onIndexFile: ((file: ArchiveIndexFile) => void | Promise<void>) | undefined,
  insideGzip: boolean,
): AsyncGenerator<Member> {
  const kind = sniffKind(bytes.subarray(0, 4096));
  try {
    if (kind === 'gzip') {
      if (insideGzip) throw new ArchiveProblem('it is a .gz inside a .gz');
      yield* plainMembers(gunzipMember(bytes, budget), entry, zipDepth, budget, onIndexFile, true);
      return;
    }
    if (kind === 'zip') {
      if (zipDepth + 1 > budget.limits.maxZipDepth) throw new ArchiveProblem(`archives are nested more than ${budget.limits.maxZipDepth} deep`);
      yield* zipMembers(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), bytes.length, entry, zipDepth + 1, budget, onIndexFile);
      return;
    }
  } catch (error) {
    if (error instanceof ArchiveProblem) {
      yield { kind: 'refused', entry, refusal: refusalOf(entry, error.message) };
      return;
    }
    if (error instanceof ImportRefusal) {
      yield { kind: 'refused', entry, refusal: error };
      return;
    }
    throw error;
  }
  if (kind === 'json' && isPolarSessionMember(entry, bytes)) {
    yield { kind: 'file', entry, bytes, sniffed: 'polar' };
    return;
  }
  if (kind === 'unknown' || kind === 'json' || kind === 'apple-health') {
    const held = heldKindOf(entry ?? '', bytes.subarray(0, 4096));
    if (entry === null) yield { kind: 'refused', entry, refusal: bytes.length === 0 ? refuse.emptyFile() : refuse.unknownFormat(), held };
    else yield { kind: 'other', entry, held };
    return;
  }
  yield { kind: 'file', entry, bytes, sniffed: kind };
}

async function* zipMembers(
  source: number | Buffer,
  archiveBytes: number,
  outerEntry: string | null,
  zipDepth: number,
  budget: Budget,
  onIndexFile: ((file: ArchiveIndexFile) => void | Promise<void>) | undefined,
): AsyncGenerator<Member> {
  const limits = budget.limits;
  let zip: yauzl.ZipFile;
  let entries: yauzl.Entry[];
  try {
    zip = await openZip(source);
  } catch (error) {
    yield { kind: 'refused', entry: outerEntry, refusal: refusalOf(outerEntry, `it is not a readable zip file (${(error as Error).message})`) };
    return;
  }
  try {
    try {
      // Entries that do not share bytes need a local and a central header each: a directory listing
      // more than the archive can hold is refused before one entry is read.
      if (zip.entryCount * (LOCAL_HEADER_BYTES + CENTRAL_HEADER_BYTES) > archiveBytes) {
        throw new ArchiveProblem(
          `its directory lists ${zip.entryCount.toLocaleString('en')} entries, more than its ${archiveBytes.toLocaleString('en')} bytes can hold apart (each needs at least ${LOCAL_HEADER_BYTES + CENTRAL_HEADER_BYTES} bytes), so its entries share data, which no real archive does — it looks like a zip bomb`,
        );
      }
      entries = await listEntries(zip, limits);
      // Judge the archive by its directory before unpacking anything.
      let declared = 0;
      for (const entry of entries) {
        declared += entry.uncompressedSize;
        const streamed = budget.onStreamedIndex !== undefined && isHealthExportName(entryName(entry));
        if (entry.uncompressedSize > limits.maxMemberBytes && !streamed) throw new ArchiveProblem(`a member unpacks to ${mb(entry.uncompressedSize)}, more than the ${mb(limits.maxMemberBytes)} any activity file needs`);
        if (entry.uncompressedSize > RATIO_FLOOR_BYTES && entry.uncompressedSize > limits.maxCompressionRatio * Math.max(1, entry.compressedSize)) {
          throw new ArchiveProblem(`a member is compressed ${Math.round(entry.uncompressedSize / Math.max(1, entry.compressedSize)).toLocaleString('en')} to 1, far more than any activity file — it looks like a zip bomb`);
        }
      }
      if (budget.unpackedBytes + declared > limits.maxTotalBytes) throw new ArchiveProblem(`it unpacks to more than ${mb(limits.maxTotalBytes)}`);
      checkDirectory(entries, archiveBytes, declared, limits);
    } catch (error) {
      yield { kind: 'refused', entry: outerEntry, refusal: refusalOf(outerEntry, error instanceof ArchiveProblem ? error.message : `it is not a readable zip file (${(error as Error).message})`) };
      return;
    }
    // activities.csv first (Strava), so the activities' names and types are known when they come.
    const named = entries.map((entry) => ({ entry, name: entryName(entry) }));
    budget.onZipOpened?.(named.filter(({ name }) => !name.endsWith('/')).length);
    const isIndex = (name: string): boolean => /(^|\/)activities\.csv$/i.test(name) || isHealthExportName(name);
    named.sort((a, b) => Number(isIndex(b.name)) - Number(isIndex(a.name)));
    for (const { entry, name } of named) {
      const shown = joinEntry(outerEntry, name);
      if (name.endsWith('/')) continue; // a folder
      // Strava's index is read again by a restarted worker (its activities' names and types), never passed over.
      const rereadIndex =
        (/(^|\/)activities\.csv$/i.test(name) && onIndexFile !== undefined && entry.uncompressedSize <= MAX_INDEX_BYTES) ||
        // Apple Health's export.xml likewise (streamed), unless it is the member the worker died on.
        (isHealthExportName(name) && budget.onStreamedIndex !== undefined && budget.readIndexAgain?.(shown) === true);
      if (budget.shouldRead !== undefined && !rereadIndex && !budget.shouldRead(shown)) {
        yield { kind: 'passed', entry: shown };
        continue;
      }
      const unsafe = unsafeEntryName(name);
      if (unsafe !== null) {
        yield { kind: 'refused', entry: shown, refusal: refuse.memberRefused(`its name ${JSON.stringify(name.slice(0, 200))} points outside the archive (${unsafe})`) };
        continue;
      }
      if (entry.isEncrypted()) {
        yield { kind: 'refused', entry: shown, refusal: refuse.memberRefused('it is encrypted') };
        continue;
      }
      if (isHealthExportName(name) && budget.onStreamedIndex !== undefined) {
        // Apple Health's export.xml: streamed, never held whole; its workouts decide the routes that follow.
        let stream: NodeJS.ReadableStream;
        try {
          stream = await openMemberStream(zip, entry);
        } catch (error) {
          yield { kind: 'refused', entry: shown, refusal: refuse.memberRefused(`it cannot be unpacked (${(error as Error).message})`) };
          continue;
        }
        budget.unpackedBytes += entry.uncompressedSize;
        yield* streamedIndex(budget.onStreamedIndex, shown, stream as AsyncIterable<Uint8Array>);
        continue;
      }
      const index = /(^|\/)activities\.csv$/i.test(name) && onIndexFile !== undefined;
      if (index && entry.uncompressedSize > MAX_INDEX_BYTES) {
        yield { kind: 'refused', entry: shown, refusal: refuse.memberRefused(`this Strava index is ${mb(entry.uncompressedSize)}, over the ${mb(MAX_INDEX_BYTES)} Stance reads (twenty years of activities make a few MB), so the activities were read from their own files, without Strava's names, descriptions and sports`) };
        continue;
      }
      let bytes: Buffer;
      try {
        bytes = await readZipMember(zip, entry);
      } catch (error) {
        yield { kind: 'refused', entry: shown, refusal: refuse.memberRefused(`it cannot be unpacked (${(error as Error).message})`) };
        continue;
      }
      budget.unpackedBytes += bytes.length;
      if (index) {
        try {
          await onIndexFile({ entry: name, text: bytes.toString('utf8') });
        } catch (error) {
          if (!(error instanceof ImportRefusal)) throw error;
          yield { kind: 'refused', entry: shown, refusal: error };
        }
        continue;
      }
      yield* plainMembers(bytes, shown, zipDepth, budget, onIndexFile, false);
    }
  } finally {
    zip.close();
  }
}
