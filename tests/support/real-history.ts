/**
 * A runner's history as it really arrives: a month of hand-logged runs with their pain and glute
 * sessions, plus a couple of old runs imported years ago (2010 and 2023), so the Insights'
 * timelines must cope with gaps of years. Written straight into a database in one transaction.
 */
import type { StanceDatabase } from '../../src-main/db/open';
import { addDays } from '../../src-main/shared/calendar';

const stamp = '2026-01-01T00:00:00Z';

export function writeRealHistory(db: StanceDatabase, options: { lastDate?: string; withOldRuns?: boolean } = {}): void {
  const lastDate = options.lastDate ?? '2026-11-20';
  const insertRun = db.prepare(
    `INSERT INTO runs (started_at, time_zone, local_date, local_time, distance_m, duration_s, source, pain_status, created_at, updated_at)
     VALUES (?, 'Europe/London', ?, '07:30', ?, ?, 'manual', ?, ?, ?)`,
  );
  const insertPain = db.prepare("INSERT INTO run_pain (run_id, onset_m, location, side, worst_score, action) VALUES (?, ?, 'lateral_knee', 'left', 4, 'slowed')");
  const glute = (db.prepare("SELECT id FROM exercises WHERE category = 'glute_hip' LIMIT 1").get() as { id: number }).id;
  const insertSession = db.prepare('INSERT INTO strength_sessions (local_date, created_at, updated_at) VALUES (?, ?, ?)');
  const insertSessionExercise = db.prepare('INSERT INTO session_exercises (session_id, exercise_id, position) VALUES (?, ?, 0)');
  const run = (date: string, metres: number, onset: number | null) => {
    const id = insertRun.run(`${date}T07:30:00Z`, date, metres, metres * 0.33, onset === null ? 'none' : 'pain', stamp, stamp).lastInsertRowid;
    if (onset !== null) insertPain.run(id, onset);
  };
  db.transaction(() => {
    if (options.withOldRuns !== false) {
      // Old GPX imports: one in 2010 and one in 2023, their pain never recorded.
      insertRun.run('2010-06-12T08:00:00Z', '2010-06-12', 10_400, 3300, 'unrecorded', stamp, stamp);
      insertRun.run('2023-04-02T08:00:00Z', '2023-04-02', 21_100, 7600, 'unrecorded', stamp, stamp);
    }
    // A month of hand-logged runs: glute work kept up for two weeks, then a skipped week.
    const first = addDays(lastDate, -30);
    const plan = [
      [0, 6_000, null],
      [2, 8_000, 6_400],
      [4, 5_000, null],
      [6, 14_000, 9_600],
      [9, 6_500, null],
      [11, 8_000, null],
      [13, 16_000, 11_200],
      [16, 6_000, 3_200],
      [18, 8_000, 4_000],
      [20, 18_000, 6_400],
      [23, 7_000, null],
      [26, 9_000, 7_200],
      [30, 6_000, null],
    ] as const;
    for (const [offset, metres, onset] of plan) run(addDays(first, offset), metres, onset);
    for (const offset of [-1, 1, 3, 5, 8, 10, 12, 22, 24, 27, 29]) {
      insertSessionExercise.run(insertSession.run(addDays(first, offset), stamp, stamp).lastInsertRowid, glute);
    }
    db.prepare("INSERT INTO glute_plans (effective_from, kind, sessions_per_week, every_n_days, created_at) VALUES (?, 'per_week', 3, NULL, ?)").run(
      addDays(first, -7),
      stamp,
    );
  })();
}
