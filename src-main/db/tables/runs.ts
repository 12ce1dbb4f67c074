/** Runs: typed in the window or imported from a file (then with a row in run_tracks). */
import { runDraftSchema, type ValidInput } from '../../shared/contract';
import { StanceError } from '../../shared/errors';
import type { Statement } from 'better-sqlite3';
import type { StanceDatabase } from '../open';
import { painStatuses } from '../../shared/domain';
import { isoUtc, localToUtc, utcToLocal } from '../local-time';
import type { TableDescription } from './table';
import { flag, id, instant, nonNegativeNumber, passes, problem, text } from './rules';
import { asHoursMinutesSeconds, inRunnerDistance, inRunnerElevation, pacePerRunnerUnit } from './unit-columns';
import { isRunSource, SOURCE_FORMATS } from '../../shared/import-formats';

/** How far ahead of the clock a start may be: a watch a little fast, a zone picked wrong by an hour or two. */
export const FUTURE_TOLERANCE_MS = 3 * 3600 * 1000;
/** Faster than this on average is a typing mistake (the 100 m world record is about 10.4 m/s). */
export const FASTEST_PLAUSIBLE_METRES_PER_SECOND = 10.5;

/**
 * The run rule's checks that need more than the input's shape: the start not in the future
 * (beyond FUTURE_TOLERANCE_MS) nor before 1970, an average pace no faster than a world record
 * (FASTEST_PLAUSIBLE_METRES_PER_SECOND), the shoes in the list. Returns the start instant (UTC).
 *
 * @throws StanceError ('invalid') naming the field, in the window's words.
 */
export function checkRunDraft(db: StanceDatabase, draft: ValidInput<'runs:add'>, now: Date): Date {
  const startedAt = localToUtc(draft.localDate, draft.localTime, draft.timeZone);
  if (startedAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) {
    throw new StanceError('invalid', 'That start is in the future. Give the date and time the run began.', 'localDate');
  }
  if (startedAt.getUTCFullYear() < 1970) {
    throw new StanceError('invalid', 'That date is before 1970. Check the year.', 'localDate');
  }
  if (draft.distanceMetres / draft.durationSeconds > FASTEST_PLAUSIBLE_METRES_PER_SECOND) {
    throw new StanceError(
      'invalid',
      'That pace is faster than a world record. Check the distance, its units, and the duration (h:mm:ss).',
      'durationSeconds',
    );
  }
  if (draft.shoeId !== null) {
    const shoe = db.prepare('SELECT id FROM shoes WHERE id = ?').get(draft.shoeId);
    if (!shoe) throw new StanceError('invalid', 'Those shoes are no longer in your list. Pick others.', 'shoeId');
  }
  return startedAt;
}

/** A run starting this close to an existing one (either way)… */
export const NEAR_DUPLICATE_START_MS = 2 * 60_000;
/** …with a distance this close (share of the larger), is probably the same run. */
export const NEAR_DUPLICATE_DISTANCE_SHARE = 0.03;

const nearRunsByConnection = new WeakMap<StanceDatabase, Statement<[string, string, number], NearRun>>();

/** A run already stored, as the duplicate rule found it. */
export interface NearRun {
  runId: number;
  distanceMetres: number;
  startedAt: string;
  localDate: string;
  localTime: string;
}

/**
 * The ONE duplicate rule for runs, whatever door they come by (the file import since issue 10,
 * the window since issue 23): a run already in Stance that is probably this one, started within
 * NEAR_DUPLICATE_START_MS (either way) with a distance within NEAR_DUPLICATE_DISTANCE_SHARE of
 * the larger of the two — the same run recorded twice (watch and phone), exported twice (FIT and
 * GPX), or typed twice. `startUtcMs` in UTC ms, `distanceMetres` in metres.
 */
export function findNearDuplicateRun(db: StanceDatabase, startUtcMs: number, distanceMetres: number): NearRun | undefined {
  let statement = nearRunsByConnection.get(db);
  if (statement === undefined) {
    statement = db.prepare<[string, string, number], NearRun>(
      `SELECT id AS runId, distance_m AS distanceMetres, started_at AS startedAt, local_date AS localDate, local_time AS localTime FROM runs
       WHERE started_at BETWEEN ? AND ? ORDER BY abs(distance_m - ?) LIMIT 5`,
    );
    nearRunsByConnection.set(db, statement); // prepared once per connection: a batch asks thousands of times
  }
  const candidates = statement
    .all(isoUtc(new Date(startUtcMs - NEAR_DUPLICATE_START_MS)), isoUtc(new Date(startUtcMs + NEAR_DUPLICATE_START_MS)), distanceMetres);
  return candidates.find((candidate) => Math.abs(candidate.distanceMetres - distanceMetres) <= NEAR_DUPLICATE_DISTANCE_SHARE * Math.max(candidate.distanceMetres, distanceMetres));
}

export const runs: TableDescription<'runs'> = {
  name: 'runs',
  columns: [
    'id', 'started_at', 'time_zone', 'local_date', 'local_time', 'distance_m', 'duration_s', 'moving_s', 'elevation_gain_m',
    'elevation_loss_m', 'avg_heart_rate', 'effort', 'surface', 'shoe_id', 'notes', 'source', 'pain_status', 'created_at', 'updated_at',
    'cut_short_by_knee', 'pain_not_recorded', 'effort_from_watch',
  ],
  exported: true,
  exportOrder: 'id',
  parents: { shoe_id: 'shoes' },
  unitColumns: [inRunnerDistance('distance_m'), asHoursMinutesSeconds('duration_s'), asHoursMinutesSeconds('moving_s'), inRunnerElevation('elevation_gain_m'), inRunnerElevation('elevation_loss_m'), pacePerRunnerUnit],
  naturalKey: {
    words: "the GPS track's points (run_tracks.points_sha256) when the run has one; otherwise the same start instant and distance (within half a metre), among those there before the import. A recognised run keeps its own track and pain record.",
    find: ({ db, values, row, file, addedByThisImport }) => {
      const points = file.trackOfRun.get(row.id as number);
      if (points !== undefined) {
        const byTrack = db.prepare('SELECT run_id FROM run_tracks WHERE points_sha256 = ?').pluck().get(points) as number | undefined;
        if (byTrack !== undefined) return byTrack;
      }
      return (
        db.prepare('SELECT id FROM runs WHERE started_at = ? AND abs(distance_m - ?) < 0.5 ORDER BY id').pluck().all(values.started_at, values.distance_m) as number[]
      ).find((id) => !addedByThisImport(id));
    },
  },
  check: (row, context) => {
    id(row, 'id');
    id(row, 'shoe_id', true);
    const draft = {
      localDate: row.local_date,
      localTime: row.local_time,
      timeZone: row.time_zone,
      distanceMetres: row.distance_m,
      durationSeconds: row.duration_s,
      effort: row.effort,
      surface: row.surface,
      shoeId: null, // the reference is checked against the file's shoes
      notes: text(row.notes),
    };
    passes(runDraftSchema, draft);
    checkRunDraft(context.db, runDraftSchema.parse(draft), context.now);
    instant(row, 'started_at', context);
    const local = utcToLocal(new Date(String(row.started_at)), String(row.time_zone));
    if (local.localDate !== row.local_date || local.localTime !== row.local_time) {
      problem(`its start (${String(row.started_at)}) is not ${String(row.local_date)} ${String(row.local_time)} in ${String(row.time_zone)}`);
    }
    if (row.moving_s !== null && (typeof row.moving_s !== 'number' || !(row.moving_s > 0) || row.moving_s > (row.duration_s as number))) problem('its moving time is out of range');
    nonNegativeNumber(row, 'elevation_gain_m', 100_000);
    nonNegativeNumber(row, 'elevation_loss_m', 100_000);
    if (row.avg_heart_rate !== null && (typeof row.avg_heart_rate !== 'number' || !(row.avg_heart_rate > 0) || row.avg_heart_rate >= 300)) problem('its average heart rate is out of range');
    // 'gpx' also stands for any file imported before migration 007 named the format.
    if (!isRunSource(row.source)) problem(`its source is not "manual" or a format Stance reads (${SOURCE_FORMATS.map((format) => format.id).join(', ')})`);
    if (!(painStatuses as readonly unknown[]).includes(row.pain_status)) problem('its pain status is not one Stance knows');
    flag(row, 'cut_short_by_knee', 2);
    flag(row, 'pain_not_recorded', 3);
    flag(row, 'effort_from_watch', 4);
    if (row.effort_from_watch === 1 && row.effort === null) problem('it says its effort came from the watch, but it has no effort');
    if (row.pain_not_recorded === 1 && row.pain_status !== 'unrecorded') problem('a run marked "not recorded" has a pain note');
    instant(row, 'created_at', context);
    instant(row, 'updated_at', context);
  },
};
