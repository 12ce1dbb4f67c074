/**
 * Today's "your next run" and a run page's spike line, read from the database: every run's date,
 * distance, pain status and scores (during, after, next morning), and this week's and last week's
 * pain through the pain-monitoring model. The rules are in analysis/next-run.ts.
 */
import type { StanceDatabase } from '../open';
import { addDays, weekStart } from '../../shared/calendar';
import type { PainStatus } from '../../shared/domain';
import { StanceError } from '../../shared/errors';
import type { NextRunGuidance, RunSpikeCheck } from '../../shared/next-run';
import type { PainWeek } from '../../shared/pain-monitoring';
import { nextRunGuidance, runSpikeCheck, type NextRunRun } from '../../analysis/next-run';
import type { RunnerClock } from '../clinic-checkins';
import { painWeeks } from './clinic';
import { getSettings } from '../settings';
import { utcToLocal } from '../local-time';

/** Every run with its pain scores, oldest first. */
function runsWithScores(db: StanceDatabase): NextRunRun[] {
  const rows = db
    .prepare(
      `SELECT runs.id, runs.local_date, runs.distance_m, runs.pain_status,
              (SELECT MAX(worst_score) FROM run_pain WHERE run_pain.run_id = runs.id) AS during,
              f.after_score, f.next_morning_score
       FROM runs LEFT JOIN run_pain_followups f ON f.run_id = runs.id
       ORDER BY runs.local_date, runs.id`,
    )
    .all() as {
    id: number;
    local_date: string;
    distance_m: number;
    pain_status: PainStatus;
    during: number | null;
    after_score: number | null;
    next_morning_score: number | null;
  }[];
  return rows.map((row) => ({
    id: row.id,
    localDate: row.local_date,
    distanceMetres: row.distance_m,
    painStatus: row.pain_status,
    scores: { during: row.during, after: row.after_score, nextMorning: row.next_morning_score },
  }));
}

/** What Today says about the next run, on the runner's calendar at `clock` (see analysis/next-run.ts). */
export function readNextRun(db: StanceDatabase, clock: RunnerClock): NextRunGuidance {
  return db.transaction(() => {
    const today = utcToLocal(clock.now, clock.timeZone).localDate;
    const start = weekStart(today, getSettings(db).weekStartsOn);
    const [lastWeek, thisWeek] = painWeeks(db, addDays(start, -7), start, getSettings(db).weekStartsOn) as [PainWeek, PainWeek];
    return nextRunGuidance({ runs: runsWithScores(db), today, thisWeek, lastWeek });
  })();
}

/**
 * Whether a run was a spike: longer than 110% of the longest run of the 30 days before it.
 * @throws StanceError ('refused') for a run that does not exist.
 */
export function readRunSpike(db: StanceDatabase, runId: number): RunSpikeCheck {
  const check = runSpikeCheck(runsWithScores(db), runId);
  if (!check) throw new StanceError('refused', 'That run no longer exists. It may have been deleted.');
  return check;
}
