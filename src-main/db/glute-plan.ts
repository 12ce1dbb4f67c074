import type { StanceDatabase } from './open';
import type { GlutePlan } from '../shared/domain';
import type { ValidInput } from '../shared/contract';
import { StanceError } from '../shared/errors';
import { isoUtc } from './local-time';
import { checkStored } from './tables';

interface PlanRow {
  id: number;
  effective_from: string;
  kind: GlutePlan['kind'];
  sessions_per_week: number | null;
  every_n_days: number | null;
}

/** Every plan the runner has had, oldest first. */
export function planHistory(db: StanceDatabase): GlutePlan[] {
  const rows = db
    .prepare('SELECT id, effective_from, kind, sessions_per_week, every_n_days FROM glute_plans ORDER BY effective_from')
    .all() as PlanRow[];
  return rows.map((row) => ({
    id: row.id,
    effectiveFrom: row.effective_from,
    kind: row.kind,
    sessionsPerWeek: row.sessions_per_week,
    everyNDays: row.every_n_days,
  }));
}

/**
 * Starts a plan from a date. Earlier plans stay in force for the days before it, so history
 * keeps the plan each day was judged by. A plan from the same date replaces that one.
 *
 * A plan that is the same as the one following it (moving a plan's start earlier) takes that
 * one's place rather than standing beside it: consecutive identical plans are one plan, so the
 * history never shows the same plan twice in a row. One transaction.
 */
export function setPlan(db: StanceDatabase, plan: ValidInput<'plan:set'>, now: Date): GlutePlan[] {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO glute_plans (effective_from, kind, sessions_per_week, every_n_days, created_at)
       VALUES (@effectiveFrom, @kind, @sessionsPerWeek, @everyNDays, @createdAt)
       ON CONFLICT (effective_from) DO UPDATE SET
         kind = excluded.kind, sessions_per_week = excluded.sessions_per_week, every_n_days = excluded.every_n_days`,
    ).run({ ...plan, createdAt: isoUtc(now) });
    const history = planHistory(db);
    const remove = db.prepare('DELETE FROM glute_plans WHERE id = ?');
    for (let index = 1; index < history.length; index++) {
      const before = history[index - 1]!;
      const plan = history[index]!;
      if (before.kind === plan.kind && before.sessionsPerWeek === plan.sessionsPerWeek && before.everyNDays === plan.everyNDays) {
        remove.run(plan.id);
        history[index] = before;
      }
    }
    checkStored(db, 'glute_plans', 'effective_from = ?', [plan.effectiveFrom], { db, now }, 'glute plan');
  })();
  return planHistory(db);
}

/** Removes one plan from the history (a plan entered by mistake). */
export function deletePlan(db: StanceDatabase, id: number): GlutePlan[] {
  const result = db.prepare('DELETE FROM glute_plans WHERE id = ?').run(id);
  if (result.changes === 0) throw new StanceError('refused', 'That plan is no longer in your history.');
  return planHistory(db);
}

/**
 * One local date per glute session: a strength session with at least one glute or hip
 * exercise. Recovery entries (foam rolling, stretching…) are never glute work.
 */
export function gluteSessionDates(db: StanceDatabase): string[] {
  const rows = db
    .prepare(
      `SELECT s.local_date FROM strength_sessions s
       WHERE EXISTS (SELECT 1 FROM session_exercises se JOIN exercises e ON e.id = se.exercise_id
                     WHERE se.session_id = s.id AND e.category = 'glute_hip')
       ORDER BY s.local_date`,
    )
    .all() as { local_date: string }[];
  return rows.map((row) => row.local_date);
}
