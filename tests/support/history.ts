/**
 * Writes a generated runner's history (src-main/analysis/example-history.ts) straight into a
 * Stance database, in one transaction: runs with their pain, glute sessions (plus, to reach a
 * total, other strength sessions), plans and daily check-ins. Used by the db and e2e tests and
 * by the benchmark (bench/insights.bench.ts).
 */
import type { StanceDatabase } from '../../src-main/db/open';
import { generateHistory, type ExampleOptions, type GeneratedHistory } from '../../src-main/analysis/example-history';
import { addDays } from '../../src-main/shared/calendar';
import { isoUtc, localToUtc } from '../../src-main/db/local-time';

export interface WriteOptions {
  timeZone?: string;
  /** Add non-glute (core) strength sessions until there are this many strength sessions in all. */
  totalStrengthSessions?: number;
}

export function writeHistory(db: StanceDatabase, history: GeneratedHistory, options: WriteOptions = {}): void {
  const timeZone = options.timeZone ?? 'Europe/London';
  const stamp = '2026-01-01T00:00:00Z';
  const insertRun = db.prepare(
    `INSERT INTO runs (started_at, time_zone, local_date, local_time, distance_m, duration_s, source, pain_status, cut_short_by_knee, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, 'manual', ?, ?, ?, ?)`,
  );
  const insertPain = db.prepare(
    `INSERT INTO run_pain (run_id, onset_m, location, side, worst_score, action, present_at_start) VALUES (?, ?, ?, ?, ?, 'kept_going', ?)`,
  );
  const insertSession = db.prepare('INSERT INTO strength_sessions (local_date, created_at, updated_at) VALUES (?, ?, ?)');
  const insertSessionExercise = db.prepare('INSERT INTO session_exercises (session_id, exercise_id, position) VALUES (?, ?, 0)');
  const insertPlan = db.prepare(
    'INSERT INTO glute_plans (effective_from, kind, sessions_per_week, every_n_days, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const insertCheckin = db.prepare(
    "INSERT INTO pain_checkins (local_date, context, left_score, right_score, created_at) VALUES (?, 'general', ?, ?, ?)",
  );
  const exerciseOf = (category: string) => (db.prepare('SELECT id FROM exercises WHERE category = ? LIMIT 1').get(category) as { id: number }).id;
  const clamshell = exerciseOf('glute_hip');
  const sidePlank = exerciseOf('core');

  db.transaction(() => {
    for (const run of history.runs) {
      const startedAt = isoUtc(localToUtc(run.localDate, run.localTime, timeZone));
      const id = insertRun.run(
        startedAt,
        timeZone,
        run.localDate,
        run.localTime,
        run.distanceMetres,
        run.durationSeconds,
        run.painStatus,
        run.cutShort ? 1 : 0,
        stamp,
        stamp,
      ).lastInsertRowid;
      for (const site of run.sites) insertPain.run(id, site.onsetMetres, site.location, site.side, site.worstScore, site.presentAtStart ? 1 : 0);
    }
    for (const date of history.gluteSessionDates) {
      insertSessionExercise.run(insertSession.run(date, stamp, stamp).lastInsertRowid, clamshell);
    }
    const first = history.runs[0]?.localDate ?? history.gluteSessionDates[0];
    const others = Math.max(0, (options.totalStrengthSessions ?? 0) - history.gluteSessionDates.length);
    for (let index = 0; index < others && first; index++) {
      // Core work spread over the history: strength sessions that are not glute work.
      insertSessionExercise.run(insertSession.run(addDays(first, index * 3 + 1), stamp, stamp).lastInsertRowid, sidePlank);
    }
    for (const plan of history.plans) insertPlan.run(plan.effectiveFrom, plan.kind, plan.sessionsPerWeek, plan.everyNDays, stamp);
    for (const checkin of history.checkins) insertCheckin.run(checkin.localDate, checkin.leftScore, checkin.rightScore, stamp);
  })();
}

/** Generates a history and writes it: the one call most tests need. */
export function writeGeneratedHistory(db: StanceDatabase, options: ExampleOptions, writeOptions: WriteOptions = {}): GeneratedHistory {
  const history = generateHistory(options);
  writeHistory(db, history, writeOptions);
  return history;
}

/** Ten years as the benchmark asks: 3,650 runs, 1,500 strength sessions, 3,650 check-ins. */
export const TEN_YEARS: ExampleOptions = { endDate: '2026-11-20', days: 3650, runsPerWeek: 7, checkins: true, seed: 10 };
