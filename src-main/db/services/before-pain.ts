/** The run page's and the Insights' "what came before the pain": a run's stored streams and earliest pain onset, through track/before-pain.ts. */
import type { Statement } from 'better-sqlite3';
import type { StanceDatabase } from '../open';
import type { BeforePain, BeforePainRun } from '../../shared/before-pain';
import { beforePain } from '../../track/before-pain';
import { decodeProfile } from '../../track/streams-codec';

/**
 * The stretch before the pain began on run `runId`, against the rest of the run; null when the
 * run has no stored track, no recorded pain onset, or too little either side to compare
 * (see `beforePain`). The onset is the earliest of the run's pain sites (metres).
 */
export function readBeforePain(db: StanceDatabase, runId: number): BeforePain | null {
  const onset = db.prepare('SELECT MIN(onset_m) AS onset FROM run_pain WHERE run_id = ?').get(runId) as { onset: number | null };
  if (onset.onset === null) return null;
  const track = db.prepare('SELECT streams FROM run_tracks WHERE run_id = ?').get(runId) as { streams: Buffer } | undefined;
  if (!track) return null;
  return beforePain(runId, decodeProfile(track.streams), onset.onset);
}

/**
 * What `readBeforePainAcrossRuns` remembers of one run: its figures and what they were computed
 * from. A run's stored streams never change in place (no writer updates run_tracks.streams: a
 * track is inserted with its run and goes with it), and they are derived from the track's points
 * alone, which points_sha256 fingerprints (with point_count beside it); with the earliest onset
 * that is everything `beforePain` reads. (Both columns come before the row's blobs: reading them
 * walks no overflow pages, unlike imported_at, stored after the streams.)
 */
interface Remembered {
  pointsSha256: string;
  pointCount: number;
  onset: number;
  found: BeforePain | null;
}

/** Per open database (connection): run id → its remembered figures. Gone with the connection. */
const rememberedByDatabase = new WeakMap<StanceDatabase, Map<number, Remembered>>();

/** Frozen all the way down: the remembered figures are shared by every later caller. */
function frozen(found: BeforePain | null): BeforePain | null {
  if (found === null) return null;
  Object.freeze(found.before);
  Object.freeze(found.rest);
  if (found.painFree) Object.freeze(found.painFree);
  return Object.freeze(found);
}

interface AcrossRow {
  runId: number;
  localDate: string;
  distanceMetres: number;
  onset: number;
  pointsSha256: string;
  pointCount: number;
}

/** Every painful run with a track, oldest first, with what its figures depend on (no streams). */
function acrossRows(db: StanceDatabase): AcrossRow[] {
  return db
    .prepare(
      `SELECT runs.id AS runId, runs.local_date AS localDate, runs.distance_m AS distanceMetres, MIN(run_pain.onset_m) AS onset,
              run_tracks.points_sha256 AS pointsSha256, run_tracks.point_count AS pointCount
       FROM runs JOIN run_pain ON run_pain.run_id = runs.id JOIN run_tracks ON run_tracks.run_id = runs.id
       GROUP BY runs.id ORDER BY runs.local_date, runs.local_time, runs.id`,
    )
    .all() as AcrossRow[];
}

/** The remembered figures of `row` when they were computed from its present track and onset. */
function stillTrue(remembered: Remembered | undefined, row: AcrossRow): remembered is Remembered {
  return remembered !== undefined && remembered.pointsSha256 === row.pointsSha256 && remembered.pointCount === row.pointCount && Object.is(remembered.onset, row.onset);
}

/** The statement reading one track's streams, prepared once per connection. */
const streamsStatements = new WeakMap<StanceDatabase, Statement>();
function streamsOf(db: StanceDatabase): Statement {
  let statement = streamsStatements.get(db);
  if (!statement) streamsStatements.set(db, (statement = db.prepare('SELECT streams FROM run_tracks WHERE run_id = ?').pluck()));
  return statement;
}

/** Computes `row`'s figures from its stored streams (read within the caller's synchronous stretch, so they match `row`). */
function computed(db: StanceDatabase, row: AcrossRow): Remembered {
  const streams = streamsOf(db).get(row.runId) as Buffer;
  return { pointsSha256: row.pointsSha256, pointCount: row.pointCount, onset: row.onset, found: frozen(beforePain(row.runId, decodeProfile(streams), row.onset)) };
}

/**
 * Every run with a stored track and a recorded pain onset, oldest first, each with its stretch
 * before the pain against the rest of the run (`beforePain`; null where there is too little
 * either side). For the Insights' description across runs.
 *
 * Each run's figures are computed once per open database and remembered with what they depend on
 * (the track's points_sha256 and point_count, and the earliest onset, metres); a later call
 * recomputes only runs whose track or onset changed, and reads no streams otherwise. Runs gone
 * from the database are forgotten. The figures returned are frozen (shared between calls).
 * Throws as `decodeStreams` does when a stored track is damaged.
 */
export function readBeforePainAcrossRuns(db: StanceDatabase): BeforePainRun[] {
  const rows = acrossRows(db);
  const before = rememberedByDatabase.get(db);
  const now = new Map<number, Remembered>();
  const result = rows.map((row) => {
    let remembered = before?.get(row.runId);
    if (!stillTrue(remembered, row)) remembered = computed(db, row);
    now.set(row.runId, remembered);
    return { runId: row.runId, localDate: row.localDate, distanceMetres: row.distanceMetres, found: remembered.found };
  });
  rememberedByDatabase.set(db, now);
  return result;
}

/** How long (ms of wall time) one synchronous stretch of `readBeforePainAcrossRunsInSlices` may compute before it lets others run. */
export const BEFORE_PAIN_SLICE_MS = 8;

/**
 * The same list as `readBeforePainAcrossRuns`, for the main process: the runs not yet remembered
 * are computed a few at a time (stretches of about `sliceMs`, one run at least), letting other
 * requests and events run in between (setImmediate), so that ten years of painful runs never hold
 * the main process for long. Each run's key (earliest onset, track) is read again with its
 * streams, so what is remembered is true of the database at that moment whatever was saved
 * meanwhile; the list itself is then read in one synchronous call (`readBeforePainAcrossRuns`:
 * every run remembered, or the few changed since recomputed there).
 */
export async function readBeforePainAcrossRunsInSlices(db: StanceDatabase, sliceMs = BEFORE_PAIN_SLICE_MS): Promise<BeforePainRun[]> {
  const known = rememberedByDatabase.get(db);
  const missing = acrossRows(db)
    .filter((row) => !stillTrue(known?.get(row.runId), row))
    .map((row) => row.runId);
  if (missing.length > 1) {
    const one = db.prepare(
      `SELECT runs.id AS runId, runs.local_date AS localDate, runs.distance_m AS distanceMetres, MIN(run_pain.onset_m) AS onset,
              run_tracks.points_sha256 AS pointsSha256, run_tracks.point_count AS pointCount
       FROM runs JOIN run_pain ON run_pain.run_id = runs.id JOIN run_tracks ON run_tracks.run_id = runs.id
       WHERE runs.id = ? GROUP BY runs.id`,
    );
    let next = 0;
    while (next < missing.length) {
      const started = performance.now();
      let remembered = rememberedByDatabase.get(db);
      if (!remembered) rememberedByDatabase.set(db, (remembered = new Map()));
      do {
        const row = one.get(missing[next++]) as AcrossRow | undefined;
        if (row && !stillTrue(remembered.get(row.runId), row)) remembered.set(row.runId, computed(db, row));
      } while (next < missing.length && performance.now() - started < sliceMs);
      if (next < missing.length) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return readBeforePainAcrossRuns(db);
}

/** Forgets what `readBeforePainAcrossRuns` remembered for `db`: the next call computes every run afresh (the benchmark's first open). */
export function forgetBeforePain(db: StanceDatabase): void {
  rememberedByDatabase.delete(db);
}
