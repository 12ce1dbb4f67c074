import type { StanceDatabase } from './open';
import type { Run } from '../shared/domain';
import type { ValidInput } from '../shared/contract';
import { StanceError } from '../shared/errors';
import { isoUtc, utcToLocal } from './local-time';
import { checkRunDraft } from './tables/runs';

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

export function addRun(db: StanceDatabase, draft: ValidInput<'runs:add'>, now: Date): Run {
  const startedAt = checkRunDraft(db, draft, now);
  const stamp = isoUtc(now);
  const result = db
    .prepare(
      `INSERT INTO runs (started_at, time_zone, local_date, local_time, distance_m, duration_s, effort, surface,
                         shoe_id, notes, source, created_at, updated_at)
       VALUES (@startedAt, @timeZone, @localDate, @localTime, @distanceMetres, @durationSeconds, @effort, @surface,
               @shoeId, @notes, 'manual', @stamp, @stamp)`,
    )
    .run({ ...draft, ...utcToLocal(startedAt, draft.timeZone), startedAt: isoUtc(startedAt), stamp });
  return getRun(db, Number(result.lastInsertRowid));
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
  db.prepare(
    `UPDATE runs SET started_at = @startedAt, time_zone = @timeZone, local_date = @localDate, local_time = @localTime,
                     distance_m = @distanceMetres, duration_s = @durationSeconds, effort = @effort, surface = @surface,
                     shoe_id = @shoeId, notes = @notes, updated_at = @stamp
     WHERE id = @id`,
  ).run({ ...draft, ...utcToLocal(startedAt, draft.timeZone), startedAt: isoUtc(startedAt), stamp: isoUtc(now), id });
  return getRun(db, id);
}

/** Deletes a run with its pain record and track (one statement; the schema cascades). */
export function deleteRun(db: StanceDatabase, id: number): { deleted: number } {
  const result = db.prepare('DELETE FROM runs WHERE id = ?').run(id);
  if (result.changes === 0) throw new StanceError('refused', 'That run no longer exists. It may have been deleted already.');
  return { deleted: id };
}
