/**
 * A batch import: files, folders and archives in; one outcome per activity out, as each is
 * decided; progress; cancel between files. Used by the CLI, the import worker (worker.ts) and
 * the benchmark. Each run is stored in its own transaction (activities.ts), so a cancelled or
 * interrupted batch keeps what it imported, and running it again adds nothing (duplicates).
 *
 *  - A folder is searched (recursively, in name order) for files; files in it that are not
 *    activities (photos, notes) are counted, not refused. A file named on its own that is not an
 *    activity is refused, saying so.
 *  - Archives are opened by archive.ts (caps on entries, size and compression ratio; nesting).
 *  - A file's failure is that file's outcome: whatever opening, unpacking or reading it throws (a
 *    file gone, or turned into a folder or a pipe after it was listed; a reader out of stack) is
 *    its refusal in words, and the batch goes on. `onReading` tells, before each file and member,
 *    where the batch is, so a worker that died there can be replaced by one that goes on after it
 *    (`resumeAfter`; jobs.ts).
 *  - Strava's activities.csv names, describes and types the activities it lists (strava-export.ts):
 *    those of other types are skipped without reading their files; their gear is matched to the
 *    runner's shoes by name, and gear names with no shoe are offered (`gearOffered`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseNotWritableError, type StanceDatabase } from '../db/open';
import { databaseFault } from '../db/file-access';
import { StanceError } from '../shared/errors';
import { readActivities, refusedFile, storeRead, type ActivityContext, type ActivityOutcome, type ReadActivities } from './activities';
import { membersOf, type ArchiveLimits, type Member } from './archive';
import type { ReaderPool } from './reader-pool';
import { activityFileKey, isStravaRunType, readStravaActivities, type StravaActivity } from './strava-export';

/** Something the runner gave: a path (file or folder), or a file's bytes with its name (the window). */
export type ImportSource = { path: string } | { name: string; bytes: Uint8Array; /** From a folder the runner gave (the window): not an activity → counted, not refused. */ inFolder?: boolean };

export interface BatchProgress {
  /** Activity files (and archive members) read so far, and how many are known of (it grows as archives are opened). */
  filesRead: number;
  filesTotal: number;
  runsImported: number;
  /** The file (or archive member) being read. */
  currentFile: string | null;
}

export interface BatchSummary {
  imported: number;
  duplicate: number;
  skipped: number;
  refused: number;
  /** Files inside folders or archives that are not activities (photos, CSV, JSON). */
  otherFiles: number;
  cancelled: boolean;
  /** Gear names from an export (Strava) used on imported runs that match none of the runner's shoes. */
  gearOffered: string[];
}

export interface BatchOptions {
  timeZone: string;
  /** The stamp of the rows (default: the clock, read per file). */
  now?: () => Date;
  signal?: AbortSignal;
  allowNearDuplicates?: boolean;
  /**
   * For GPX recordings without times: the start (UTC ms) and duration (s) the runner gives
   * (the CLI's --date/--start/--duration); used for every untimed recording in the batch.
   */
  given?: { startUtcMs: number; durationSeconds?: number };
  limits?: Partial<ArchiveLimits>;
  onOutcome?: (outcome: ActivityOutcome) => void;
  onProgress?: (progress: BatchProgress) => void;
  /**
   * Told which file (the index of the expanded source: a folder's files each count) and archive
   * member (null: the file itself) is about to be read, before it is — so whoever restarts a
   * worker that died on it knows where to go on from (jobs.ts).
   */
  onReading?: (reading: { at: ReadingAt; file: string; otherFilesSoFar: number }) => void;
  /** Go on after `resumeAfter`: everything before it, and it, is passed over unread (counted as read). */
  resumeAfter?: ReadingAt;
  /**
   * Reader threads (reader-pool.ts): an archive's members are read in them, up to `depth` ahead,
   * while this thread stores each in order. A file given on its own, and every file without
   * them, is read here, then stored.
   * Read-ahead stops at the end of each file, folder entry or archive given, so a restart after
   * this thread died (`onReading`, `resumeAfter`) never passes over a file not yet stored.
   */
  readers?: ReaderPool;
}

/** A file being read (here, or in a reader thread), waiting to be stored in its turn. */
interface Reading {
  read: Promise<ReadActivities>;
  /** The file's bytes, when read here (its original is compressed only if a run is stored). */
  bytes: Uint8Array | undefined;
  context: ActivityContext;
  listed: StravaActivity | undefined;
  shoeId: number | null;
  at: ReadingAt;
}

/** A place in a batch: the expanded source's index and the archive member (null: the file itself). */
export interface ReadingAt {
  source: number;
  entry: string | null;
}

/** Every regular file under `folder`, recursively, in name order (checked with lstat: symbolic links, pipes and devices are not followed or read). */
function filesUnder(folder: string): string[] {
  const found: string[] = [];
  // An explicit stack, not recursion: folders nested thousands deep cannot overflow the call stack.
  const stack: { dir: string; names: string[]; next: number }[] = [{ dir: folder, names: namesIn(folder), next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1] as { dir: string; names: string[]; next: number };
    const name = top.names[top.next];
    if (name === undefined) {
      stack.pop();
      continue;
    }
    top.next += 1;
    const child = path.join(top.dir, name);
    const stat = fs.lstatSync(child, { throwIfNoEntry: false });
    if (stat?.isDirectory()) stack.push({ dir: child, names: namesIn(child), next: 0 });
    else if (stat?.isFile()) found.push(child);
  }
  return found;
}

/** A folder's entries in name order; none when it is gone or unreadable since it was listed. */
function namesIn(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}

interface Expanded {
  source: { path: string } | { bytes: Uint8Array };
  shownAs: string;
  inFolder: boolean;
}

function expand(sources: readonly ImportSource[]): Expanded[] {
  const expanded: Expanded[] = [];
  for (const source of sources) {
    if ('bytes' in source) {
      expanded.push({ source: { bytes: source.bytes }, shownAs: source.name, inFolder: source.inFolder === true });
      continue;
    }
    const stat = fs.statSync(source.path, { throwIfNoEntry: false });
    if (stat?.isDirectory()) for (const file of filesUnder(source.path)) expanded.push({ source: { path: file }, shownAs: file, inFolder: true });
    else expanded.push({ source: { path: source.path }, shownAs: source.path, inFolder: false });
  }
  return expanded;
}

function shoeIdFor(db: StanceDatabase, gear: string): number | null {
  const row = db.prepare('SELECT id FROM shoes WHERE name = ? COLLATE NOCASE').get(gear.trim()) as { id: number } | undefined;
  return row?.id ?? null;
}

/**
 * A batch stopped by the database (not by a file): what happened in words, how far it got, what
 * was stored, and that running it again finishes the rest (runs already imported are recognised).
 * SQLite's own words never reach the runner (db/file-access.ts words them).
 */
export class BatchStoppedError extends StanceError {
  constructor(
    message: string,
    /** Files (and archive members) finished before the one that could not be stored. */
    readonly filesDone: number,
    readonly runsImported: number,
  ) {
    super('failed', message);
  }
}

function batchStopped(error: unknown, db: StanceDatabase, summary: BatchSummary, progress: BatchProgress): BatchStoppedError {
  const cause = error instanceof StanceError ? error.message : (databaseFault(error, db.name)?.message ?? `Stance could not save to its database (${(error as Error).message}).`);
  const filesDone = Math.max(0, progress.filesRead - 1);
  const runs = summary.imported === 1 ? '1 run' : `${summary.imported} runs`;
  const gone = error instanceof DatabaseNotWritableError && /deleted or moved|replaced/.test(error.message);
  const were = summary.imported === 1 ? 'was' : 'were';
  const stored =
    summary.imported === 0
      ? 'No run had been imported before that.'
      : gone
        ? `The ${runs} imported before that ${were} saved into the database that is no longer there, so ${summary.imported === 1 ? 'it is' : 'they are'} not in Stance now.`
        : `${runs} ${were} imported before that, and ${summary.imported === 1 ? 'it stays' : 'they stay'}.`;
  return new BatchStoppedError(
    `${cause} The import stopped after ${filesDone} of ${progress.filesTotal} files. ${stored} Running the same import again finishes the rest: runs already imported are recognised and skipped.`,
    filesDone,
    summary.imported,
  );
}

/**
 * Imports everything in `sources`; see the module comment. Never throws for a bad file.
 * @throws BatchStoppedError when the database refuses a write (deleted, read-only, full disk…),
 *   saying how far the batch got and what it stored.
 */
export async function importBatch(db: StanceDatabase, sources: readonly ImportSource[], options: BatchOptions): Promise<BatchSummary> {
  const summary: BatchSummary = { imported: 0, duplicate: 0, skipped: 0, refused: 0, otherFiles: 0, cancelled: false, gearOffered: [] };
  const gearOffered = new Set<string>();
  const expanded = expand(sources);
  const progress: BatchProgress = { filesRead: 0, filesTotal: expanded.length, runsImported: 0, currentFile: null };
  const report = (outcome: ActivityOutcome): void => {
    summary[outcome.status] += 1;
    if (outcome.status === 'imported') progress.runsImported += 1;
    options.onOutcome?.(outcome);
  };
  const clock = options.now ?? (() => new Date());
  // Files read ahead, stored in order (one at a time without reader threads).
  const reading: Reading[] = [];
  const depth = options.readers?.depth ?? 1;
  const storeOldest = async (): Promise<void> => {
    const next = reading.shift();
    if (next === undefined) return;
    if (options.readers && next.at.entry !== null) options.onReading?.({ at: next.at, file: next.context.file, otherFilesSoFar: summary.otherFiles });
    let read: ReadActivities;
    try {
      read = await next.read;
    } catch (error) {
      // The reader died on this file (its memory limit, a crash): this file's outcome, not the batch's.
      read = { recording: null, derived: [refusedFile(next.context, new Error(`Stance stopped while reading it: ${(error as Error).message}`))], original: null };
    }
    let outcomes: ActivityOutcome[];
    try {
      outcomes = storeRead(db, read, next.context, clock(), next.bytes);
    } catch (error) {
      throw batchStopped(error, db, summary, progress);
    }
    for (const outcome of outcomes) {
      report(outcome);
      if (outcome.status === 'imported' && next.listed?.gear && next.shoeId === null) gearOffered.add(next.listed.gear);
    }
    options.onProgress?.({ ...progress });
    // Let the event loop breathe between files (timers, messages to a worker's parent, cancel).
    await new Promise<void>((resolve) => setImmediate(resolve));
  };

  const resume = options.resumeAfter;
  for (const [sourceIndex, item] of expanded.entries()) {
    if (options.signal?.aborted) {
      summary.cancelled = true;
      break;
    }
    if (resume !== undefined && (sourceIndex < resume.source || (sourceIndex === resume.source && resume.entry === null))) {
      progress.filesRead += 1; // done (or died on) before the restart
      continue;
    }
    const refuseItem = (entry: string | null, code: ActivityOutcome['code'], reason: string): void => {
      report({ file: item.shownAs, entry, recording: null, track: null, untimed: false, status: 'refused', sport: null, code, reason, runId: null, distanceMetres: null, points: null, startedAt: null, warnings: [], format: null, deviceName: null });
    };
    if ('path' in item.source && !fs.existsSync(item.source.path)) {
      refuseItem(null, 'not-a-file', 'There is no such file or folder (it may have been moved or deleted since it was chosen). Nothing was imported.');
      progress.filesRead += 1;
      continue;
    }
    options.onReading?.({ at: { source: sourceIndex, entry: null }, file: item.shownAs, otherFilesSoFar: summary.otherFiles });
    let strava = new Map<string, StravaActivity>();
    // A restarted worker passes over the members before (and the one) it died on, unread.
    let reached = resume === undefined || sourceIndex !== resume.source;
    const target = resume?.entry ?? null;
    const members = membersOf(item.source, {
      ...(options.limits ? { limits: options.limits } : {}),
      ...(reached
        ? {}
        : {
            shouldRead: (entry: string): boolean => {
              if (reached) return true;
              if (entry === target) {
                reached = true;
                return false;
              }
              return target !== null && target.startsWith(`${entry}/`); // the archive holding it
            },
          }),
      onIndexFile: (file) => {
        strava = readStravaActivities(file.text);
        progress.filesTotal -= 1; // an index, not an activity file
      },
      onZipOpened: (files) => {
        progress.filesTotal += files - 1; // the archive counted as one file until now
      },
    });
    let readAny = false;
    for (;;) {
      if (options.signal?.aborted) {
        summary.cancelled = true;
        break;
      }
      let next: IteratorResult<Member>;
      try {
        next = await members.next();
      } catch (error) {
        // Whatever opening or unpacking throws (a file gone, changed or unreadable under it) is this file's outcome.
        const code = (error as NodeJS.ErrnoException).code;
        refuseItem(null, 'not-a-file', code === 'ENOENT'
          ? 'This file is gone (moved or deleted while the import ran). Nothing was imported from it.'
          : `Stance could not read this file (${(error as Error).message}). Nothing was imported from it.`);
        if (!readAny) progress.filesRead += 1;
        break;
      }
      if (next.done === true) break;
      readAny = true;
      const member = next.value;
      const base = { file: item.shownAs, entry: member.entry, recording: null, track: null, untimed: false, sport: null, runId: null, distanceMetres: null, points: null, startedAt: null, warnings: [], format: null, deviceName: null };
      progress.filesRead += 1;
      if (member.kind === 'passed') continue;
      progress.currentFile = member.entry ?? item.shownAs;
      options.onProgress?.({ ...progress, filesRead: progress.filesRead - 1 });
      // An activity Strava's index lists as another sport is skipped, whatever its file holds.
      const listed = member.entry === null ? undefined : strava.get(activityFileKey(member.entry));
      if (listed !== undefined && !isStravaRunType(listed.type)) {
        report({ ...base, status: 'skipped', sport: listed.type, code: 'other-sport', reason: `Strava lists this activity as a ${listed.type}, not a run, so it was skipped.` });
        options.onProgress?.({ ...progress });
        continue;
      }
      if (member.kind === 'other') {
        summary.otherFiles += 1;
        options.onProgress?.({ ...progress });
        continue;
      }
      if (member.kind === 'refused') {
        if (member.entry === null && item.inFolder && member.refusal.reason === 'unknown-format') summary.otherFiles += 1;
        else report({ ...base, status: 'refused', code: member.refusal.reason, reason: member.refusal.message });
        options.onProgress?.({ ...progress });
        continue;
      }
      // Read in reader threads, a member is this thread's work only when it is stored: told then (storeOldest).
      if (member.entry !== null && !options.readers) options.onReading?.({ at: { source: sourceIndex, entry: member.entry }, file: item.shownAs, otherFilesSoFar: summary.otherFiles });
      const shoeId = listed?.gear ? shoeIdFor(db, listed.gear) : null;
      const context: ActivityContext = {
        file: item.shownAs,
        entry: member.entry,
        timeZone: options.timeZone,
        ...(listed ? { name: listed.name, description: listed.description, shoeId } : {}),
        ...(options.allowNearDuplicates ? { allowNearDuplicates: true } : {}),
        ...(options.given ? { given: options.given } : {}),
      };
      // An archive's members go to the reader threads; a file given on its own is read here (there is
      // nothing to read beside it, and no reader is started for it: `stance import run.gpx` answers at once).
      const readers = member.entry !== null ? options.readers : undefined;
      const read = readers ? readers.read(member.bytes, context) : Promise.resolve(readActivities(member.bytes, context, { gzipOriginal: false }));
      read.catch(() => undefined); // awaited in its turn (storeOldest); until then its failure is not "unhandled"
      reading.push({ read, bytes: readers ? undefined : member.bytes, context, listed, shoeId, at: { source: sourceIndex, entry: member.entry } });
      while (reading.length >= (readers ? depth : 1)) await storeOldest();
    }
    if (summary.cancelled) {
      reading.length = 0; // being read, not stored: not imported
      await members.return(undefined);
      break;
    }
    // The end of this file, folder entry or archive: what is still being read is stored now, in order.
    while (reading.length > 0) await storeOldest();
  }
  progress.currentFile = null;
  options.onProgress?.({ ...progress });
  summary.gearOffered = [...gearOffered].sort();
  return summary;
}
