/**
 * A run without a track, read from an export rather than typed: a Strava manual entry (a row of
 * activities.csv with no file), an Apple Health indoor run (a workout without a route), a FIT
 * session without records (a watch's manual activity), a Polar Flow session without samples.
 * Stored like a run typed by hand — date, time, distance, duration, name in the notes — in one
 * transaction taken in the database's write turn, checked first by the runs table's record rule
 * (db/tables: the one door every writer goes through), with `runs.source` saying where it came
 * from (shared/import-formats.ts), and the
 * same near-duplicate rule as every import (a run already there starting within 2 minutes with a
 * distance within 3 % is this one: see db/tables/runs.ts `findNearDuplicateRun`).
 */
import type { StanceDatabase } from '../db/open';
import { isoUtc, utcToLocal } from '../db/local-time';
import { getSettings } from '../db/settings';
import { MAX_RUN_METRES, MAX_RUN_SECONDS } from '../shared/contract';
import type { SourceFormatId } from '../shared/import-formats';
import { checkNewRecord, RecordProblem } from '../db/tables';
import { inWriteTurn } from '../db/write-turn';
import { StanceError } from '../shared/errors';
import { describeRun, type ActivityContext, type ActivityOutcome } from './activities';
import { findNearDuplicateRun } from '../db/tables/runs';

/** One activity an export sums up without a track. Metres, seconds, UTC ms. */
export interface SummaryActivity {
  startUtcMs: number;
  distanceMetres: number;
  /** Seconds from start to end, pauses included. */
  elapsedSeconds: number;
  /** Seconds in motion, when the export says; null otherwise. */
  movingSeconds: number | null;
  /** The activity's name in the export ("Morning Run"); kept at the start of the run's notes. */
  name: string | null;
  /** The description in the export; kept in the run's notes after the name. */
  description?: string | null;
  /** The sport as the export names it ("Run", "running", "HKWorkoutActivityTypeRunning"). */
  sport: string | null;
  averageHeartRate?: number | null;
  /** Where it came from (stored as `runs.source`). */
  source: SourceFormatId;
  /** Why there is no track, in words, shown as the outcome's warning ("Strava manual entry: no route"). */
  withoutTrack: string;
  deviceName?: string | null;
  surface?: 'treadmill' | 'trail' | 'track' | 'road' | null;
}

function base(context: Pick<ActivityContext, 'file' | 'entry'>, activity: SummaryActivity): ActivityOutcome {
  return {
    file: context.file,
    entry: context.entry,
    recording: null,
    track: null,
    untimed: false,
    status: 'refused',
    sport: activity.sport,
    reason: null,
    code: null,
    runId: null,
    distanceMetres: null,
    points: null,
    startedAt: null,
    warnings: [],
    format: activity.source,
    deviceName: activity.deviceName ?? null,
  };
}

/**
 * Stores one summary activity as a run without a track, or says why not (a duplicate; figures no
 * run can have). Never throws for bad figures; rethrows a database failure. `now` stamps the row.
 */
export function storeSummaryRun(db: StanceDatabase, activity: SummaryActivity, context: ActivityContext, now: Date): ActivityOutcome {
  const outcome = base(context, activity);
  const { startUtcMs, distanceMetres, elapsedSeconds } = activity;
  if (!Number.isFinite(startUtcMs) || !(distanceMetres > 0) || !(elapsedSeconds > 0)) {
    const missing = !Number.isFinite(startUtcMs) ? 'no start time' : !(distanceMetres > 0) ? 'no distance' : 'no duration';
    return { ...outcome, status: 'refused', code: 'unreadable', reason: `This activity has ${missing}, so it cannot be a run. Nothing was imported.` };
  }
  if (elapsedSeconds > MAX_RUN_SECONDS || distanceMetres > MAX_RUN_METRES) {
    return { ...outcome, status: 'refused', code: elapsedSeconds > MAX_RUN_SECONDS ? 'longer-than-one-run' : 'further-than-one-run', reason: 'Its figures are more than one run can be (over 1,000 km or ten days). Nothing was imported.' };
  }
  const startedAt = isoUtc(new Date(startUtcMs));
  const unit = getSettings(db).units;
  const notes = [activity.name, activity.description].filter((part): part is string => typeof part === 'string' && part.trim().length > 0).join('\n\n').slice(0, 5000);
  const moving = activity.movingSeconds !== null && activity.movingSeconds > 0 ? Math.min(activity.movingSeconds, elapsedSeconds) : null;
  const heartRate = activity.averageHeartRate !== undefined && activity.averageHeartRate !== null && activity.averageHeartRate > 0 && activity.averageHeartRate < 300 ? activity.averageHeartRate : null;
  const stamp = isoUtc(now);
  const local = utcToLocal(new Date(startUtcMs), context.timeZone);
  const row = {
    started_at: startedAt,
    time_zone: context.timeZone,
    local_date: local.localDate,
    local_time: local.localTime,
    distance_m: distanceMetres,
    duration_s: elapsedSeconds,
    moving_s: moving,
    elevation_gain_m: null,
    elevation_loss_m: null,
    avg_heart_rate: heartRate,
    effort: null,
    effort_from_watch: 0,
    surface: activity.surface ?? null,
    shoe_id: null,
    notes,
    source: activity.source,
    pain_status: 'unrecorded',
    created_at: stamp,
    updated_at: stamp,
  } as const;
  try {
    checkNewRecord('runs', row, { db, now });
  } catch (error) {
    if (!(error instanceof RecordProblem) && !(error instanceof StanceError)) throw error;
    return { ...outcome, status: 'refused', code: 'implausible', reason: `This activity holds figures no run can have (${error.message}). Nothing was imported.` };
  }
  return inWriteTurn(db, (): ActivityOutcome => {
    if (context.allowNearDuplicates !== true) {
      const near = findNearDuplicateRun(db, startUtcMs, distanceMetres);
      if (near !== undefined) {
        const currentYear = Number(utcToLocal(now, context.timeZone).localDate.slice(0, 4));
        return {
          ...outcome,
          status: 'duplicate',
          code: 'near-duplicate',
          runId: near.runId,
          distanceMetres: near.distanceMetres,
          startedAt: near.startedAt,
          reason: `Skipped: probably the same run as ${describeRun(near.localDate, near.distanceMetres, unit, currentYear)} (it started within 2 minutes of it and its distance is within 3 %).`,
        };
      }
    }
    const runId = Number(
      db
        .prepare(
          `INSERT INTO runs (started_at, time_zone, local_date, local_time, distance_m, duration_s, moving_s, avg_heart_rate, surface, shoe_id, notes, source, created_at, updated_at)
           VALUES (@startedAt, @timeZone, @localDate, @localTime, @distance, @duration, @moving, @heartRate, @surface, @shoeId, @notes, @source, @stamp, @stamp)`,
        )
        .run({
          startedAt,
          timeZone: context.timeZone,
          ...local,
          distance: distanceMetres,
          duration: elapsedSeconds,
          moving,
          heartRate,
          surface: activity.surface ?? null,
          shoeId: context.shoeId ?? null,
          notes,
          source: activity.source,
          stamp,
        }).lastInsertRowid,
    );
    return { ...outcome, status: 'imported', runId, distanceMetres, points: 0, startedAt, warnings: [activity.withoutTrack] };
  });
}
