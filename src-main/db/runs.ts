import type { StanceDatabase } from './open';
import type { Run } from '../shared/domain';
import type { ValidInput } from '../shared/contract';
import { StanceError } from '../shared/errors';
import { isoUtc, utcToLocal } from './local-time';
import { checkRunDraft, findNearDuplicateRun } from './tables/runs';
import { linkRunToExperiment } from './experiment';
import { inWriteTurn } from './write-turn';
import { getSettings } from './settings';
import { dayWords } from '../shared/calendar';
import { formatDistance } from '../shared/units';
import { checkNewRecord, RecordProblem, type ExportRow } from './tables';

interface RunRow {
  id: number;
  started_at: string;
  time_zone: string;
  local_date: string;
  local_time: string;
  distance_m: number;
  duration_s: number;
  moving_s: number | null;
  elevation_gain_m: number | null;
  elevation_loss_m: number | null;
  avg_heart_rate: number | null;
  has_track: number;
  effort: number | null;
  surface: Run['surface'];
  shoe_id: number | null;
  shoe_name: string | null;
  notes: string;
  source: Run['source'];
  pain_status: Run['painStatus'];
}

const selectRuns = `
  SELECT runs.id, started_at, time_zone, local_date, local_time, distance_m, duration_s, moving_s, elevation_gain_m,
         elevation_loss_m, avg_heart_rate, EXISTS (SELECT 1 FROM run_tracks WHERE run_tracks.run_id = runs.id AND coalesce(run_tracks.has_route, 1) = 1) AS has_track,
         effort, surface, shoe_id, shoes.name AS shoe_name, notes, source, pain_status
  FROM runs LEFT JOIN shoes ON shoes.id = runs.shoe_id`;

function toRun(row: RunRow): Run {
  return {
    id: row.id,
    startedAt: row.started_at,
    timeZone: row.time_zone,
    localDate: row.local_date,
    localTime: row.local_time,
    distanceMetres: row.distance_m,
    durationSeconds: row.duration_s,
    movingSeconds: row.moving_s,
    elevationGainMetres: row.elevation_gain_m,
    elevationLossMetres: row.elevation_loss_m,
    averageHeartRate: row.avg_heart_rate,
    hasTrack: row.has_track === 1,
    effort: row.effort,
    surface: row.surface,
    shoeId: row.shoe_id,
    shoeName: row.shoe_name,
    notes: row.notes,
    source: row.source,
    painStatus: row.pain_status,
  };
}

export function getRun(db: StanceDatabase, id: number): Run {
  const row = db.prepare(`${selectRuns} WHERE runs.id = ?`).get(id) as RunRow | undefined;
  if (!row) throw new StanceError('refused', 'That run no longer exists. It may have been deleted.');
  return toRun(row);
}

export function listRuns(db: StanceDatabase, query: ValidInput<'runs:list'>): Run[] {
  const rows = db
    .prepare(
      `${selectRuns}
       WHERE (@fromDate IS NULL OR local_date >= @fromDate) AND (@toDate IS NULL OR local_date <= @toDate)
       ORDER BY started_at DESC, runs.id DESC`,
    )
    .all({ fromDate: query.fromDate ?? null, toDate: query.toDate ?? null }) as RunRow[];
  return rows.map(toRun);
}

/**
 * The runs table's rule on the row as it will be stored (db/tables/runs.ts, the same rule the
 * file import and the JSON import apply), so a typed run is one its export brings back.
 * @throws StanceError ('invalid') in the window's words.
 */
function checkRow(db: StanceDatabase, row: ExportRow, now: Date): void {
  try {
    checkNewRecord('runs', row, { db, now });
  } catch (error) {
    if (error instanceof RecordProblem) throw new StanceError('invalid', `This run cannot be saved: ${error.message}.`);
    throw error;
  }
}

/**
 * Adds a typed run, one transaction holding the write lock. A run the duplicate rule finds
 * already there (findNearDuplicateRun: within 2 minutes, distance within 3%, the file import's
 * rule) is refused with "You already logged a 5.0 mi run at 07:00 on Wed 4 Dec" (kind
 * 'duplicate'), in the runner's units, unless `draft.saveAnyway`.
 *
 * @throws StanceError ('invalid') for a run the runs rule refuses; ('duplicate') as above.
 */
export function addRun(db: StanceDatabase, input: ValidInput<'runs:add'>, now: Date): Run {
  const { saveAnyway, ...draft } = input;
  return inWriteTurn(db, () => {
    const startedAt = checkRunDraft(db, draft, now);
    if (saveAnyway !== true) {
      const near = findNearDuplicateRun(db, startedAt.getTime(), draft.distanceMetres);
      if (near !== undefined) {
        const { units } = getSettings(db);
        const currentYear = Number(utcToLocal(now, draft.timeZone).localDate.slice(0, 4));
        throw new StanceError('duplicate', `You already logged a ${formatDistance(near.distanceMetres, units, 1)} run at ${near.localTime} on ${dayWords(near.localDate, currentYear)}.`);
      }
    }
    return insertRun(db, draft, startedAt, now);
  });
}

function insertRun(db: StanceDatabase, draft: Omit<ValidInput<'runs:add'>, 'saveAnyway'>, startedAt: Date, now: Date): Run {
  const stamp = isoUtc(now);
  const local = utcToLocal(startedAt, draft.timeZone);
  checkRow(
    db,
    {
      started_at: isoUtc(startedAt), time_zone: draft.timeZone, local_date: local.localDate, local_time: local.localTime, distance_m: draft.distanceMetres,
      duration_s: draft.durationSeconds, moving_s: null, elevation_gain_m: null, elevation_loss_m: null, avg_heart_rate: null, effort: draft.effort,
      surface: draft.surface, shoe_id: draft.shoeId, notes: draft.notes, source: 'manual', pain_status: 'unrecorded', created_at: stamp, updated_at: stamp,
    },
    now,
  );
  // The run and its link to an experiment's assignment (if one was drawn for its day): one transaction.
  return db.transaction(() => {
    const result = db
      .prepare(
        `INSERT INTO runs (started_at, time_zone, local_date, local_time, distance_m, duration_s, effort, surface,
                           shoe_id, notes, source, created_at, updated_at)
         VALUES (@startedAt, @timeZone, @localDate, @localTime, @distanceMetres, @durationSeconds, @effort, @surface,
                 @shoeId, @notes, 'manual', @stamp, @stamp)`,
      )
      .run({ ...draft, ...utcToLocal(startedAt, draft.timeZone), startedAt: isoUtc(startedAt), stamp });
    linkRunToExperiment(db, Number(result.lastInsertRowid));
    return getRun(db, Number(result.lastInsertRowid));
  })();
}

/**
 * Changes a run's details. A run imported from GPX keeps its track; a distance shorter than a
 * recorded pain onset is refused (the pain record would no longer fit the run).
 */
export function updateRun(db: StanceDatabase, update: ValidInput<'runs:update'>, now: Date): Run {
  const { id, ...draft } = update;
  getRun(db, id);
  const startedAt = checkRunDraft(db, draft, now);
  const furthestOnset = db.prepare('SELECT max(onset_m) AS metres FROM run_pain WHERE run_id = ?').get(id) as { metres: number | null };
  if (furthestOnset.metres !== null && furthestOnset.metres > draft.distanceMetres + 0.5) {
    throw new StanceError(
      'invalid',
      'This run has knee pain recorded further in than that distance. Change the pain record first, or check the distance.',
      'distanceMetres',
    );
  }
  const stamp = isoUtc(now);
  const local = utcToLocal(startedAt, draft.timeZone);
  const stored = db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as ExportRow;
  const movingSeconds = typeof stored.moving_s === 'number' ? Math.min(stored.moving_s, draft.durationSeconds) : null; // the watch's moving time never exceeds the run
  const effortFromWatch = stored.effort_from_watch === 1 && draft.effort === stored.effort ? 1 : 0;
  checkRow(
    db,
    {
      ...stored, started_at: isoUtc(startedAt), time_zone: draft.timeZone, local_date: local.localDate, local_time: local.localTime, distance_m: draft.distanceMetres,
      duration_s: draft.durationSeconds, moving_s: movingSeconds, effort: draft.effort, effort_from_watch: effortFromWatch, surface: draft.surface, shoe_id: draft.shoeId, notes: draft.notes, updated_at: stamp,
    },
    now,
  );
  db.prepare(
    `UPDATE runs SET started_at = @startedAt, time_zone = @timeZone, local_date = @localDate, local_time = @localTime,
                     distance_m = @distanceMetres, duration_s = @durationSeconds, moving_s = @movingSeconds, effort = @effort,
                     effort_from_watch = @effortFromWatch, surface = @surface, shoe_id = @shoeId, notes = @notes, updated_at = @stamp
     WHERE id = @id`,
  ).run({ ...draft, ...local, startedAt: isoUtc(startedAt), movingSeconds, effortFromWatch, stamp, id });
  return getRun(db, id);
}

/** Deletes a run with its pain record and track (one statement; the schema cascades). */
export function deleteRun(db: StanceDatabase, id: number): { deleted: number } {
  const result = db.prepare('DELETE FROM runs WHERE id = ?').run(id);
  if (result.changes === 0) throw new StanceError('refused', 'That run no longer exists. It may have been deleted already.');
  return { deleted: id };
}
