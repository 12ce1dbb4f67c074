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
 *  - Export indexes are read before the files they describe, whether in a zip or an unpacked
 *    folder:
 *     - Strava's activities.csv (strava-export.ts) names, describes and types the activities it
 *       lists: those of other types are skipped without reading their files; their gear is
 *       matched to the runner's shoes by name, and gear names with no shoe are offered
 *       (`gearOffered`); rows without a file (manual entries) that are runs become runs without
 *       a track. An index that cannot be understood is said so (`notes`), and each file is then
 *       judged by its own content;
 *     - Apple Health's export.xml (formats/apple-health) is streamed: its running workouts with a
 *       route are imported from their route (`workout-routes/*.gpx`, matched by the workout's
 *       FileReference, else by time), those without one (indoor runs) from the workout's own
 *       distance and duration; every other workout is skipped, named, and its route with it.
 *  - Never "0 imported" alone: the summary counts what the files held that gave no run (`held`)
 *    and, when nothing was imported, says so with the formats Stance reads (`whatItHeld`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseNotWritableError, type StanceDatabase } from '../db/open';
import { databaseFault } from '../db/file-access';
import { StanceError } from '../shared/errors';
import { readActivities, refusedFile, storeRead, type ActivityContext, type ActivityOutcome, type ReadActivities } from './activities';
import { isHealthExportName, membersOf, type ArchiveLimits, type Member, type StreamedIndexFile } from './archive';
import { utcToLocal } from '../db/local-time';
import { readHealthExport, healthRouteKey, type HealthWorkout } from '../formats/apple-health/read-export';
import { describeHeld, formatsStanceReads, RECOGNISED_NOT_READ, type HeldCount, type HeldKind } from '../shared/import-formats';
import { readRecordingSync } from './read-run';
import { heldKindOf } from './held';
import { storeSummaryRun, type SummaryActivity } from './summary-run';
import { isImportRefusal } from '../track/refusals';
import type { ReaderPool } from './reader-pool';
import { activityFileKey, isStravaRunType, readStravaIndex, type StravaActivity, type StravaIndex } from './strava-export';

/** What the runner said about one file they gave again (the window's "Import anyway", a date for a file without times). */
export interface SourceOptions {
  /** Import its runs even where one already in Stance started within 2 minutes with a distance within 3 %. */
  allowNearDuplicates?: boolean;
  /** For its GPX recordings without times: the start (UTC ms) and duration (s) the runner gives. */
  given?: { startUtcMs: number; durationSeconds?: number };
}

/** Something the runner gave: a path (file or folder), or a file's bytes with its name (the window), with what they said about it. */
export type ImportSource = ({ path: string } | { name: string; bytes: Uint8Array; /** From a folder the runner gave (the window): not an activity → counted, not refused. */ inFolder?: boolean }) & SourceOptions;

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
  /** The same files by kind ("Zepp/Amazfit workout summary CSV", "photo or video"). */
  held: HeldCount[];
  /** What the batch learnt about the exports it read, in sentences ("Strava's activities.csv could not be understood…"). */
  notes: string[];
  /**
   * When nothing was imported nor found already in Stance: what the files held and which formats
   * Stance reads, in one sentence ("42 files: 40 Zepp/Amazfit workout summary CSVs (…). Stance reads …"); else null.
   */
  whatItHeld: string | null;
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
   * member (null: the file itself) this thread is about to work on — unpack it, read it, or store
   * what a reader read of it — and how far everything is done (`doneThrough`: every file up to
   * and including it stored, refused or counted, and told; null when nothing is yet in this
   * call), so whoever restarts a worker that died knows which file it died on, and where to go on
   * from without losing or repeating a file (jobs.ts).
   */
  onReading?: (reading: { at: ReadingAt; file: string; otherFilesSoFar: number; /** The same files by kind. */ heldSoFar: HeldCount[]; doneThrough: ReadingAt | null }) => void;
  /** Go on after `resumeAfter`: everything before it, and it, is passed over unread (counted as read). */
  resumeAfter?: ReadingAt;
  /** Places passed over unread wherever they are (counted as read): the files a worker died on, refused already. */
  passOver?: readonly ReadingAt[];
  /**
   * Reader threads (reader-pool.ts): an archive's members, and the files of a batch of several
   * (a folder's), are read in them, up to `depth` files and `readAheadBytes` bytes ahead, while
   * this thread stores each in order; outcomes, counts and progress are told in file order, as
   * without them. A file given on its own is read here (no reader is started for it).
   * Read-ahead goes on across files; what is read ahead is stored before an export's index is
   * read (Strava's activities.csv, Apple Health's export.xml) and before the next export begins.
   */
  readers?: ReaderPool;
}

/**
 * A file being read (here, or in a reader thread), waiting to be stored in its turn; or (`tell`)
 * one decided without reading — refused, skipped, or not an activity — waiting to be told in its
 * turn, so that outcomes and counts come in file order.
 */
interface Reading {
  read: Promise<ReadActivities> | null;
  /** Decided without reading: tells its outcome or counts it (`read` is null). */
  tell?: () => void;
  /** Read in a reader thread: this thread works on it again when it stores it. */
  viaReaders: boolean;
  /** The last of its source (file, folder entry or archive) still waiting: with it, the whole source is done. */
  endsSource: boolean;
  /** The file's bytes, when read here (its original is compressed only if a run is stored). */
  bytes: Uint8Array | undefined;
  /** How many bytes the file has (unpacked): what it counts against the readers' read-ahead. */
  size: number;
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
  /** Which thing the runner gave it came from: a folder's files (and the window's folder) share one export, indexes first. */
  group: number;
  /** What the runner said about the thing it came from. */
  options: SourceOptions;
}

const isStravaIndexName = (name: string): boolean => /(^|[/\\])activities\.csv$/i.test(name);

/** Largest activities.csv read from a folder (a 20-year Strava history is ~5 MB). */
const MAX_FOLDER_INDEX_BYTES = 64 * 1024 * 1024;

function indexesFirst(items: Expanded[]): Expanded[] {
  const rank = (item: Expanded): number => (isStravaIndexName(item.shownAs) || isHealthExportName(item.shownAs.replace(/\\/g, '/')) ? 0 : 1);
  return [...items].sort((a, b) => rank(a) - rank(b));
}

function expand(sources: readonly ImportSource[]): Expanded[] {
  const expanded: Expanded[] = [];
  const windowFolder: Expanded[] = [];
  let group = 0;
  for (const source of sources) {
    group += 1;
    const options: SourceOptions = { ...(source.allowNearDuplicates ? { allowNearDuplicates: true } : {}), ...(source.given ? { given: source.given } : {}) };
    if ('bytes' in source) {
      const item = { source: { bytes: source.bytes }, shownAs: source.name, inFolder: source.inFolder === true, group, options };
      if (item.inFolder) windowFolder.push({ ...item, group: 0 });
      else expanded.push(item);
      continue;
    }
    const stat = fs.statSync(source.path, { throwIfNoEntry: false });
    if (stat?.isDirectory()) expanded.push(...indexesFirst(filesUnder(source.path).map((file) => ({ source: { path: file }, shownAs: file, inFolder: true, group, options }))));
    else expanded.push({ source: { path: source.path }, shownAs: source.path, inFolder: false, group, options });
  }
  return [...expanded, ...indexesFirst(windowFolder)];
}

/** What one export (a zip, a folder) has told so far. */
interface ExportState {
  strava: StravaIndex | null;
  health: {
    entry: string;
    file: string;
    workouts: HealthWorkout[];
    byRoute: Map<string, HealthWorkout>;
    /** Running workouts whose route has not come yet. */
    waiting: Set<HealthWorkout>;
  } | null;
}

const DAY_WORDS = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "4 May 2024, 07:30": a workout as the summary names it. */
function workoutLabel(workout: HealthWorkout, timeZone: string): string {
  if (!Number.isFinite(workout.startUtcMs)) return `${workout.activity} workout`;
  const local = utcToLocal(new Date(workout.startUtcMs), timeZone);
  return `${DAY_WORDS.format(new Date(`${local.localDate}T00:00:00Z`))}, ${local.localTime}`;
}

/** The reason a file named on its own that is not an activity gives, by what it is. */
function notAnActivityReason(held: HeldKind): string {
  const known = RECOGNISED_NOT_READ.find((entry) => entry.id === held);
  const what = known === undefined || held === 'other' ? 'a file Stance does not recognise' : `a ${known.name} (${known.why})`;
  return `This is ${what}, not an activity — nothing was imported. ${formatsStanceReads()} It also opens .gz and .zip files and folders holding them.`;
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
  const summary: BatchSummary = { imported: 0, duplicate: 0, skipped: 0, refused: 0, otherFiles: 0, held: [], notes: [], whatItHeld: null, cancelled: false, gearOffered: [] };
  const heldCounts = new Map<HeldKind, number>();
  const countHeld = (kind: HeldKind): void => {
    summary.otherFiles += 1;
    heldCounts.set(kind, (heldCounts.get(kind) ?? 0) + 1);
  };
  /** What the files that gave no run held so far, by kind (`RECOGNISED_NOT_READ`'s order). */
  const heldList = (): HeldCount[] => RECOGNISED_NOT_READ.map((entry) => ({ kind: entry.id, count: heldCounts.get(entry.id) ?? 0 })).filter((entry) => entry.count > 0);
  /** Told with each `onReading`, so a worker started after one that died counts what that one saw. */
  const soFar = (): { otherFilesSoFar: number; heldSoFar: HeldCount[] } => ({ otherFilesSoFar: summary.otherFiles, heldSoFar: heldList() });
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
  // Files read ahead (by the reader threads) but not stored yet are not counted as read: a worker
  // ended on cancel leaves the window's "N not started" true (files total less files read).
  const tellProgress = (shown: BatchProgress): void => options.onProgress?.({ ...shown, filesRead: Math.max(0, shown.filesRead - reading.length) });
  const depth = options.readers?.depth ?? 1;
  // Bytes of the files being read ahead (reader-pool.ts READ_AHEAD_BYTES bounds them).
  let readingBytes = 0;
  // Every file up to here is done and told (see `onReading`).
  let doneThrough: ReadingAt | null = null;
  const tellReading = (at: ReadingAt, file: string): void => options.onReading?.({ at, file, ...soFar(), doneThrough });
  const done = (entry: Reading): void => {
    doneThrough = entry.endsSource ? { source: entry.at.source, entry: null } : entry.at;
  };
  const storeOldest = async (): Promise<void> => {
    const next = reading.shift();
    if (next === undefined) return;
    readingBytes -= next.size;
    if (next.read === null) {
      next.tell?.();
      done(next);
      tellProgress({ ...progress });
      return;
    }
    if (next.viaReaders) tellReading(next.at, next.context.file);
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
      throw batchStopped(error, db, summary, { ...progress, filesRead: progress.filesRead - reading.length });
    }
    for (const outcome of outcomes) {
      report(outcome);
      if (outcome.status === 'imported' && next.listed?.gear && next.shoeId === null) gearOffered.add(next.listed.gear);
    }
    done(next);
    tellProgress({ ...progress });
    // Let the event loop breathe between files (timers, messages to a worker's parent, cancel).
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  /** Stores (and tells) everything read ahead, in order. */
  const storeAll = async (): Promise<void> => {
    while (reading.length > 0) await storeOldest();
  };
  /** What was decided about a file without reading it (`tell`: its outcome or count), told in its turn: now, or after the files read ahead of it. */
  const inTurn = (at: ReadingAt, file: string, tell: () => void): void => {
    if (reading.length === 0) {
      tell();
      doneThrough = at;
      return;
    }
    reading.push({ read: null, tell, viaReaders: false, endsSource: false, bytes: undefined, size: 0, context: { file, entry: at.entry, timeZone: options.timeZone }, listed: undefined, shoeId: null, at });
  };

  /** A run without a track stored; a database failure stops the batch in words, as a file's run does. */
  const storeSummary = (activity: SummaryActivity, context: ActivityContext, now: Date): ActivityOutcome => {
    try {
      return storeSummaryRun(db, activity, context, now);
    } catch (error) {
      throw batchStopped(error, db, summary, progress);
    }
  };
  const nearDuplicates = options.allowNearDuplicates ? { allowNearDuplicates: true } : {};
  const blank: Omit<ActivityOutcome, 'file' | 'entry' | 'status' | 'reason' | 'code'> = { recording: null, track: null, untimed: false, sport: null, runId: null, distanceMetres: null, points: null, startedAt: null, warnings: [], format: null, deviceName: null };

  /** Strava's index: kept for the files after it; its manual entries stored now. */
  const readStravaIndexText = (state: ExportState, file: string, entry: string | null, text: string, storeManualEntries: boolean): void => {
    let index: StravaIndex;
    try {
      index = readStravaIndex(text);
    } catch (error) {
      if (!isImportRefusal(error)) throw error;
      summary.notes.push(`Strava’s activities.csv was not read: ${error.message}`);
      if (entry !== null) throw error; // inside an archive: the index's refusal is its member's outcome
      return;
    }
    state.strava = index;
    if (!index.understood) {
      summary.notes.push(`${index.problem ?? 'Strava’s activities.csv could not be understood'}, so each file was judged by its own content (FIT and TCX name their sport, GPX its type).`);
      return;
    }
    if (index.layout === 'older-layout') summary.notes.push('Strava’s activities.csv is in Strava’s older layout; it was read as such.');
    else if (index.language !== null && index.language !== 'English') summary.notes.push(`Strava’s activities.csv has ${index.language} headers; it was read as such.`);
    for (const manual of storeManualEntries ? index.manualEntries : []) {
      const where = { file, entry: `${entry ?? 'activities.csv'} › row ${manual.row}${manual.name ? ` “${manual.name}”` : ''}` };
      if (!isStravaRunType(manual.type)) {
        report({ ...blank, ...where, status: 'skipped', sport: manual.type, code: 'other-sport', format: 'strava', reason: `Strava lists this manual entry as a ${manual.type}, not a run, so it was skipped.` });
        continue;
      }
      const shoeId = manual.gear ? shoeIdFor(db, manual.gear) : null;
      const context: ActivityContext = { ...where, timeZone: options.timeZone, shoeId, ...nearDuplicates };
      const outcome = storeSummary(
        {
          startUtcMs: manual.startUtcMs,
          distanceMetres: manual.distanceMetres,
          elapsedSeconds: manual.elapsedSeconds,
          movingSeconds: Number.isFinite(manual.movingSeconds) ? manual.movingSeconds : null,
          name: manual.name,
          description: manual.description,
          sport: manual.type,
          source: 'strava',
          withoutTrack: 'A manual entry on Strava (typed, not recorded): imported as a run without a route.',
        },
        context,
        clock(),
      );
      report(outcome);
      if (outcome.status === 'imported' && manual.gear && shoeId === null) gearOffered.add(manual.gear);
    }
  };

  /**
   * Apple Health's export.xml: its workouts, read as a stream; runs without a route stored now.
   * `again`: read again by a restarted worker, which told and stored all that before it died:
   * only the workouts are learnt, for the routes that follow.
   */
  const readHealthIndex = async (state: ExportState, file: string, index: StreamedIndexFile, again = false): Promise<void> => {
    await storeAll(); // its runs without a route are stored in their turn
    progress.currentFile = index.entry;
    tellProgress({ ...progress });
    const health = await readHealthExport(index.stream, { ...(options.signal ? { signal: options.signal } : {}) });
    const byRoute = new Map<string, HealthWorkout>();
    const waiting = new Set<HealthWorkout>();
    state.health = { entry: index.entry, file, workouts: health.workouts, byRoute, waiting };
    if (again) {
      for (const workout of health.workouts) {
        for (const key of workout.routeKeys) byRoute.set(key, workout);
        if (workout.isRun && workout.routeKeys.length > 0) waiting.add(workout);
      }
      return;
    }
    const runs = health.workouts.filter((workout) => workout.isRun).length;
    summary.notes.push(
      `Apple Health export: ${health.workouts.length.toLocaleString('en')} workouts, ${runs.toLocaleString('en')} of them runs; ${health.records.toLocaleString('en')} other health records passed over` +
        `${health.xmlErrors > 0 ? `; ${health.xmlErrors} damaged spots in export.xml read past` : ''}.`,
    );
    for (const workout of health.workouts) {
      for (const key of workout.routeKeys) byRoute.set(key, workout);
      const where = { file, entry: `${index.entry} › ${workoutLabel(workout, options.timeZone)}` };
      if (!workout.isRun) {
        report({ ...blank, ...where, status: 'skipped', sport: workout.activity, code: 'other-sport', format: 'apple-health', reason: `Apple Health lists this workout as ${workout.activity}, not a run, so it was skipped${workout.routeKeys.length > 0 ? ' with its route' : ''}.` });
        continue;
      }
      if (workout.routeKeys.length > 0) waiting.add(workout);
      else storeHealthWorkout(where, workout, workout.indoor ? 'An indoor run in Apple Health (no route): imported from the workout’s distance and time.' : 'This Apple Health run has no route (GPS off or not saved): imported from the workout’s distance and time.');
    }
  };

  const storeHealthWorkout = (where: { file: string; entry: string }, workout: HealthWorkout, withoutTrack: string): void => {
    report(
      storeSummary(
        {
          startUtcMs: workout.startUtcMs,
          distanceMetres: workout.distanceMetres,
          elapsedSeconds: workout.durationSeconds,
          movingSeconds: null,
          name: null,
          sport: workout.activity,
          averageHeartRate: Number.isFinite(workout.averageHeartRate) ? workout.averageHeartRate : null,
          source: 'apple-health',
          deviceName: workout.sourceName,
          surface: workout.indoor ? 'treadmill' : null,
          withoutTrack,
        },
        { ...where, timeZone: options.timeZone, ...nearDuplicates },
        clock(),
      ),
    );
  };

  /** The workout a route member belongs to: by its FileReference, else by its first point's time. */
  const workoutOfRoute = (state: ExportState, entry: string, bytes: Uint8Array): HealthWorkout | undefined => {
    const health = state.health;
    if (health === null || !/workout-routes\//i.test(entry)) return undefined;
    const named = health.byRoute.get(healthRouteKey(entry));
    if (named !== undefined) return named;
    let startMs = Number.NaN;
    try {
      const recording = readRecordingSync(bytes);
      startMs = recording.points.utcMs.find((ms) => Number.isFinite(ms)) ?? Number.NaN;
    } catch {
      return undefined;
    }
    return health.workouts.find((workout) => startMs >= workout.startUtcMs - 120_000 && startMs <= (Number.isFinite(workout.endUtcMs) ? workout.endUtcMs : workout.startUtcMs + workout.durationSeconds * 1000));
  };

  /** Running workouts whose route never came: their own distance and time (at the end of their export). */
  const settleExport = (state: ExportState): void => {
    if (state.health === null) return;
    for (const workout of state.health.waiting) {
      storeHealthWorkout(
        { file: state.health.file, entry: `${state.health.entry} › ${workoutLabel(workout, options.timeZone)}` },
        workout,
        'This Apple Health run’s route file is not in the export: imported from the workout’s distance and time, without a route.',
      );
    }
    state.health = null;
  };

  const resume = options.resumeAfter;
  let state: ExportState = { strava: null, health: null };
  let group = -1;
  for (const [sourceIndex, item] of expanded.entries()) {
    if (options.signal?.aborted) {
      summary.cancelled = true;
      break;
    }
    if (item.group !== group) {
      await storeAll(); // the export before is finished before it is settled
      settleExport(state);
      state = { strava: null, health: null };
      group = item.group;
    }
    const passOverHere = (options.passOver ?? []).filter((place) => place.source === sourceIndex);
    const passedOver =
      (resume !== undefined && (sourceIndex < resume.source || (sourceIndex === resume.source && resume.entry === null))) || passOverHere.some((place) => place.entry === null);
    // An unpacked Strava export: its activities.csv read before its files (again after a restart, for their names and types).
    if (item.inFolder && isStravaIndexName(item.shownAs)) {
      await storeAll(); // its manual entries are stored in their turn
      const bytes = 'path' in item.source ? ((fs.statSync(item.source.path, { throwIfNoEntry: false })?.size ?? Infinity) <= MAX_FOLDER_INDEX_BYTES ? fs.readFileSync(item.source.path) : null) : item.source.bytes;
      if (bytes === null) summary.notes.push('Strava’s activities.csv is over 64 MB or gone and was not read, so each file was judged by its own content.');
      else readStravaIndexText(state, item.shownAs, null, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'), !passedOver);
      progress.filesRead += 1;
      continue;
    }
    if (passedOver) {
      progress.filesRead += 1; // done (or died on) before the restart
      continue;
    }
    // Told in its turn, after the files read ahead of it.
    const refuseItem = (entry: string | null, code: ActivityOutcome['code'], reason: string): void => {
      inTurn({ source: sourceIndex, entry }, item.shownAs, () => report({ ...blank, file: item.shownAs, entry, status: 'refused', code, reason }));
    };
    if ('path' in item.source && !fs.existsSync(item.source.path)) {
      refuseItem(null, 'not-a-file', 'There is no such file or folder (it may have been moved or deleted since it was chosen). Nothing was imported.');
      progress.filesRead += 1;
      continue;
    }
    tellReading({ source: sourceIndex, entry: null }, item.shownAs);
    // A restarted worker passes over the members before (and the one) it died on, unread, and any member it died on since.
    let reached = resume === undefined || sourceIndex !== resume.source;
    const target = resume?.entry ?? null;
    const membersPassedOver = new Set(passOverHere.map((place) => place.entry));
    const members = membersOf(item.source, {
      ...(options.limits ? { limits: options.limits } : {}),
      ...(reached && membersPassedOver.size === 0
        ? {}
        : {
            shouldRead: (entry: string): boolean => {
              if (membersPassedOver.has(entry)) return false;
              if (reached) return true;
              if (entry === target) {
                reached = true;
                return false;
              }
              return target !== null && target.startsWith(`${entry}/`); // the archive holding it
            },
          }),
      onIndexFile: async (file) => {
        await storeAll(); // its manual entries are stored in their turn
        if (reached) readStravaIndexText(state, item.shownAs, file.entry, file.text, true);
        else {
          // A restarted worker reads the index again for the activities after it, quietly: its manual
          // entries and its refusal were told by the worker before.
          try {
            readStravaIndexText(state, item.shownAs, file.entry, file.text, false);
          } catch (error) {
            if (!isImportRefusal(error)) throw error;
            return;
          }
        }
        progress.filesTotal -= 1; // an index, not an activity file
      },
      onStreamedIndex: async (file) => {
        // Read again by a restarted worker (not yet at the member it died on): quietly, for the routes after it.
        await readHealthIndex(state, item.shownAs, { ...file, entry: 'path' in item.source && file.entry === item.source.path ? path.basename(file.entry) : file.entry }, !reached);
      },
      readIndexAgain: (entry) => !reached && entry !== target,
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
      if (member.kind === 'passed') {
        // A route the worker before did (or died on): its workout is not waiting for it any more.
        const workout = member.entry === null ? undefined : state.health?.byRoute.get(healthRouteKey(member.entry));
        if (workout !== undefined) state.health?.waiting.delete(workout);
        continue;
      }
      progress.currentFile = member.entry ?? item.shownAs;
      tellProgress({ ...progress, filesRead: progress.filesRead - 1 });
      // An activity Strava's index lists as another sport is skipped, whatever its file holds.
      const listed: StravaActivity | undefined = member.entry === null || state.strava === null ? undefined : state.strava.byFile.get(activityFileKey(member.entry));
      // Decided without reading: told (or counted) in its turn, after the files read ahead of it.
      const at: ReadingAt = { source: sourceIndex, entry: member.entry };
      if (listed !== undefined && !isStravaRunType(listed.type)) {
        inTurn(at, item.shownAs, () => report({ ...base, status: 'skipped', sport: listed.type, code: 'other-sport', reason: `Strava lists this activity as a ${listed.type}, not a run, so it was skipped.` }));
        tellProgress({ ...progress });
        continue;
      }
      if (member.kind === 'other') {
        const held = member.held;
        inTurn(at, item.shownAs, () => countHeld(held));
        tellProgress({ ...progress });
        continue;
      }
      if (member.kind === 'refused') {
        const refusal = member.refusal;
        // What its content did not tell, its name may (notes.txt is a document).
        const held = member.held === undefined || member.held === 'other' ? heldKindOf(item.shownAs, 'bytes' in item.source ? item.source.bytes.subarray(0, 4096) : new Uint8Array(0)) : member.held;
        inTurn(at, item.shownAs, () => {
          if (member.entry === null && refusal.reason === 'unknown-format') {
            if (item.inFolder) countHeld(held);
            else report({ ...base, status: 'refused', code: 'unknown-format', reason: notAnActivityReason(held) });
          } else report({ ...base, status: 'refused', code: refusal.reason, reason: refusal.message });
        });
        tellProgress({ ...progress });
        continue;
      }
      // A route of Apple Health's export: imported only when its workout is a run.
      const entryShown = member.entry ?? (item.inFolder ? item.shownAs : null);
      const workout = entryShown === null ? undefined : workoutOfRoute(state, entryShown, member.bytes);
      if (workout !== undefined) {
        state.health?.waiting.delete(workout);
        if (!workout.isRun) {
          tellProgress({ ...progress }); // skipped, named, with its workout
          continue;
        }
      }
      // An archive's members, and each file of a batch of several, go to the reader threads; a file
      // given on its own is read here (no reader is started for it: `stance import run.gpx` answers at once).
      const readers = member.entry !== null || expanded.length > 1 ? options.readers : undefined;
      // Read in reader threads, a member is this thread's work again when it is stored: told then (storeOldest).
      if (member.entry !== null && !readers) tellReading(at, item.shownAs);
      const shoeId = listed?.gear ? shoeIdFor(db, listed.gear) : null;
      const context: ActivityContext = {
        file: item.shownAs,
        entry: member.entry,
        timeZone: options.timeZone,
        ...(listed ? { name: listed.name, description: listed.description, shoeId } : {}),
        ...(workout !== undefined ? { name: `Apple Health ${workout.activity}` } : {}),
        ...(options.allowNearDuplicates || item.options.allowNearDuplicates ? { allowNearDuplicates: true } : {}),
        ...(item.options.given ?? options.given ? { given: item.options.given ?? options.given } : {}),
      };
      const size = member.bytes.length;
      // Read ahead by count and by bytes: files already being read are stored first while this one would pass the bound.
      while (readers && reading.length > 0 && readingBytes + size > readers.readAheadBytes) await storeOldest();
      // An archive member's bytes, and a file's read from disk, are their own (unpacked or read for
      // them) and not used here after: handed over, not copied. Bytes the caller gave are copied.
      const handOver = member.entry !== null || 'path' in item.source;
      const read = readers ? readers.read(member.bytes, context, { handOver }) : Promise.resolve(readActivities(member.bytes, context, { gzipOriginal: false }));
      read.catch(() => undefined); // awaited in its turn (storeOldest); until then its failure is not "unhandled"
      reading.push({ read, viaReaders: readers !== undefined, endsSource: false, bytes: readers ? undefined : member.bytes, size, context, listed, shoeId, at });
      readingBytes += size;
      while (reading.length >= (readers ? depth : 1)) await storeOldest();
    }
    if (summary.cancelled) {
      // Being read ahead, not stored: not imported, so not counted as read either (the window's
      // "N not started" is the files total less the files read).
      progress.filesRead -= reading.length;
      reading.length = 0;
      readingBytes = 0;
      tellProgress({ ...progress });
      await members.return(undefined);
      break;
    }
    // The end of this file, folder entry or archive: done now, or with the last of it still read ahead.
    const last = reading.at(-1);
    if (last === undefined) doneThrough = { source: sourceIndex, entry: null };
    else if (last.at.source === sourceIndex) last.endsSource = true;
  }
  if (summary.cancelled) {
    // Being read ahead, not stored: not imported, so not counted as read either.
    progress.filesRead -= reading.length;
    reading.length = 0;
    readingBytes = 0;
  } else {
    await storeAll();
    settleExport(state);
  }
  progress.currentFile = null;
  tellProgress({ ...progress });
  summary.gearOffered = [...gearOffered].sort();
  summary.held = heldList();
  summary.whatItHeld = whatTheFilesHeld(summary);
  return summary;
}

/**
 * When a batch imported nothing and found nothing already in Stance: what its files held and
 * which formats Stance reads, in one sentence ("No run was imported. 42 files were not
 * activities: 40 Zepp/Amazfit workout summary CSVs (…); 2 photos or videos (…). Stance reads …");
 * otherwise null. From the batch's counts (jobs.ts puts a restarted batch's together first).
 */
export function whatTheFilesHeld(counts: Pick<BatchSummary, 'imported' | 'duplicate' | 'skipped' | 'refused' | 'otherFiles' | 'held'>): string | null {
  if (counts.imported > 0 || counts.duplicate > 0) return null;
  const files = counts.otherFiles + counts.skipped + counts.refused;
  if (files === 0) return `Nothing to import was found. ${formatsStanceReads()}`;
  const held = describeHeld(counts.held);
  return `No run was imported. ${counts.otherFiles > 0 ? `${counts.otherFiles.toLocaleString('en')} ${counts.otherFiles === 1 ? 'file was' : 'files were'} not activities: ${held}. ` : ''}${formatsStanceReads()}`;
}
