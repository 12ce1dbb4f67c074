/**
 * The glute plan against what was done, on the runner's own calendar (local dates, YYYY-MM-DD).
 * Pure functions: the Today page and the Insights' exposure per run both use them.
 *
 * "Skipped glute work" is defined against the plan in force on each day: a plan of N sessions
 * a week asks N/7 of a session of each day, a plan of one session every N days asks 1/N, and
 * a window's planned sessions are the sum over its days. Changing the plan changes only the
 * days from its start on.
 */
import { addDays, daysBetween, datesFrom } from '../shared/calendar';
import type { GlutePlan } from '../shared/domain';

export type PlanTerms = Pick<GlutePlan, 'effectiveFrom' | 'kind' | 'sessionsPerWeek' | 'everyNDays'>;

/** The plan in force on `date`: the latest begun on or before it. `plans` in any order. */
export function planInForce<P extends PlanTerms>(plans: readonly P[], date: string): P | null {
  let chosen: P | null = null;
  for (const plan of plans) {
    if (plan.effectiveFrom <= date && (!chosen || plan.effectiveFrom > chosen.effectiveFrom)) chosen = plan;
  }
  return chosen;
}

/** Sessions a plan asks for per day. */
export function sessionsPerDay(plan: PlanTerms): number {
  if (plan.kind === 'per_week') return (plan.sessionsPerWeek ?? 0) / 7;
  return plan.everyNDays ? 1 / plan.everyNDays : 0;
}

/** Days between sessions that the plan implies: every N days, or 7/N rounded down for N a week. */
export function plannedGapDays(plan: PlanTerms): number {
  if (plan.kind === 'every_n_days') return Math.max(1, plan.everyNDays ?? 1);
  return Math.max(1, Math.floor(7 / Math.max(1, plan.sessionsPerWeek ?? 1)));
}

/** Sessions the plans in force called for from `from` to `to`, both days included. */
export function plannedSessions(plans: readonly PlanTerms[], from: string, to: string): number {
  let total = 0;
  for (const date of datesFrom(from, to)) {
    const plan = planInForce(plans, date);
    if (plan) total += sessionsPerDay(plan);
  }
  return total;
}

/** Sessions done from `from` to `to`, both included; `sessionDates` holds one date per session. */
export function sessionsDone(sessionDates: readonly string[], from: string, to: string): number {
  return sessionDates.filter((date) => date >= from && date <= to).length;
}

/** The latest session on or before `date`, or null. */
export function lastSessionOnOrBefore(sessionDates: readonly string[], date: string): string | null {
  let latest: string | null = null;
  for (const session of sessionDates) if (session <= date && (!latest || session > latest)) latest = session;
  return latest;
}

/** Calendar days from the last session on or before `date` to `date`; null with no session yet. */
export function daysSinceSession(sessionDates: readonly string[], date: string): number | null {
  const last = lastSessionOnOrBefore(sessionDates, date);
  return last === null ? null : daysBetween(last, date);
}

/**
 * When the next session is due under `plan`: the planned gap after the last session, or today
 * when there has been none. Overdue days count from that due date to today.
 */
export function nextSessionDue(plan: PlanTerms, lastSession: string | null, today: string): { nextDue: string; daysOverdue: number } {
  if (lastSession === null) return { nextDue: today, daysOverdue: 0 };
  const due = addDays(lastSession, plannedGapDays(plan));
  const overdue = Math.max(0, daysBetween(due, today));
  return { nextDue: overdue > 0 ? today : due, daysOverdue: overdue };
}
