/**
 * Exposure and outcome per run: the model behind the Insights page.
 *
 * Only runs whose pain was recorded are analysed ('none' or 'pain'); runs whose pain was never
 * recorded ('unrecorded') are left out and counted, so the page can say how many.
 *
 * EXPOSURE — the glute work before a run, on the runner's local calendar (the run's local_date
 * and the sessions' local dates; no clock time or time zone enters, so daylight-saving changes
 * cannot shift a day):
 * - days since the last glute session: calendar days from the latest glute session done before
 *   the run. A session on the same day as the run counts only when the runner said it was done
 *   before the run (strength_sessions.same_day_run = 'before'); by default ('after') it does not:
 *   work done after a run cannot have protected that run, and most runners who lift on a run day
 *   do it afterwards. Then the count goes back to the session before (1 day or more).
 * - sessions done: glute sessions in the 7 calendar days ending on the run's day (that day's only
 *   when done before the run).
 * - sessions planned: what the plan(s) in force called for over those 7 days, day by day
 *   (plannedSessions: N a week is N/7 a day, every N days is 1/N a day), so a plan changed
 *   mid-week counts each day by the plan of that day.
 * - on plan when done ≥ floor(planned + 1e-9), else skipped. (The 1e-9 keeps a sum such as 2.9999999 from
 *   rounding down to 2; floor lets "every 2 days" = 3.5 a week be met by 3.)
 * - Days with no plan in force at all are judged against 3 sessions a week, and the run is
 *   flagged so the page can say so.
 *
 * OUTCOME — how far into the run the pain began:
 * - pain at one or more sites matching the filters: the earliest matching onset (an event);
 * - pain-free ('none'), or pain only at sites that do not match the filters: pain-free through
 *   the whole distance, right-censored at the run's distance. Never missing, never "pain at the end".
 * - pain at a matching site that was already there at the start of the run (marked so, or an
 *   onset at 0 m): not an onset at 0 m. The run is kept out of the onset analysis and counted apart
 *   ("sore at the start"): the question is when the pain begins, and on these runs it had already begun.
 * - a run marked "cut short because of the knee" stays what it is (censored at its distance if
 *   pain-free); the page shows whether counting those as onsets where the runner stopped changes
 *   the answer (primary-model.ts).
 */
import { addDays } from '../shared/calendar';
import type { PainStatus } from '../shared/domain';
import {
  DEFAULT_SESSIONS_PER_WEEK,
  type InsightLocation,
  type InsightSide,
  type InsightsFilters,
  type RunExposure,
} from '../shared/insights';
import type { PainLocation, PainSide } from '../shared/pain';
import { daysSinceSession, planInForce, plannedSessions, sessionsDone, sessionsPerDay, type PlanTerms } from './glute-plan';

export interface PainSiteRecord {
  onsetMetres: number;
  location: PainLocation;
  side: PainSide;
  /** The pain was already there when the run started. */
  presentAtStart: boolean;
}

export interface RunRecord {
  id: number;
  localDate: string;
  distanceMetres: number;
  painStatus: PainStatus;
  /** The run's pain sites (empty unless painStatus is 'pain'). */
  sites: PainSiteRecord[];
  /** Marked by the runner as cut short because of the knee. */
  cutShort: boolean;
}

/** Everything the Insights need, from the database or from the built-in example. */
export interface InsightsHistory {
  runs: RunRecord[];
  /** One local date per glute session, sorted ascending. */
  gluteSessionDates: string[];
  /** The dates (one per session, sorted) of the glute sessions marked as done before a run that day. */
  beforeRunSessionDates: string[];
  plans: PlanTerms[];
}

/** The plan assumed on days with no plan in force: 3 sessions a week, from the beginning of time. */
export const defaultPlan: PlanTerms = {
  effectiveFrom: '0000-01-01',
  kind: 'per_week',
  sessionsPerWeek: DEFAULT_SESSIONS_PER_WEEK,
  everyNDays: null,
};

/** The runner's plans with the default filling every day before the first of them. */
export function plansWithDefault(plans: readonly PlanTerms[]): PlanTerms[] {
  return [defaultPlan, ...plans];
}

/** True when a pain site counts under the filters. A site on 'both' sides matches left and right. */
export function siteMatches(site: Pick<PainSiteRecord, 'location' | 'side'>, location: InsightLocation, side: InsightSide): boolean {
  if (location !== 'any' && site.location !== location) return false;
  if (side !== 'any' && site.side !== side && site.side !== 'both') return false;
  return true;
}

/** The outcome of a run: null when its pain was never recorded (left out), 'sore_at_start' when the pain was already there. */
export function runOutcome(
  run: Pick<RunRecord, 'distanceMetres' | 'painStatus' | 'sites'>,
  filters: Pick<InsightsFilters, 'location' | 'side'>,
): { pain: boolean; outcomeMetres: number } | 'sore_at_start' | null {
  if (run.painStatus === 'unrecorded') return null;
  let earliest = Infinity;
  if (run.painStatus === 'pain') {
    for (const site of run.sites) {
      if (!siteMatches(site, filters.location, filters.side)) continue;
      if (site.presentAtStart || site.onsetMetres <= 0) return 'sore_at_start';
      if (site.onsetMetres < earliest) earliest = site.onsetMetres;
    }
  }
  if (earliest === Infinity) return { pain: false, outcomeMetres: run.distanceMetres };
  // An onset a hair past the distance (GPS rounding, allowed by the schema) is still inside the run.
  return { pain: true, outcomeMetres: Math.min(earliest, run.distanceMetres) };
}

/**
 * Days since 1970-01-01 of a YYYY-MM-DD date, by Hinnant's days_from_civil: integer arithmetic
 * on the digits, no Date object (the same numbers as shared/calendar.ts, which the tests check;
 * this one is for the loops over ten years of runs).
 */
export function dayNumber(date: string): number {
  // (No helper closure: this runs for every run, many times over.)
  let year = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
  const month = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const day = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  if (month <= 2) year -= 1;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/**
 * The YYYY-MM-DD date of a day number (days since 1970-01-01), by Hinnant's civil_from_days: the
 * inverse of dayNumber, the same string as new Date(day · 86 400 000).toISOString().slice(0, 10)
 * for years 0000–9999 (tests/analysis/exposure.test.ts checks it), without a Date object.
 */
export function dateOfDayNumber(day: number): string {
  const shifted = day + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${dayOfMonth < 10 ? '0' : ''}${dayOfMonth}`;
}

/** Index of the first number in a sorted list that is ≥ `value`. */
export function firstIndexAtLeast(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] as number) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

export interface GluteExposure {
  daysSinceGluteSession: number | null;
  sessionsDone: number;
  sessionsPlanned: number;
  judgedByDefaultPlan: boolean;
  onPlan: boolean;
}

/**
 * The glute work before a run on `runDate`, straight from the definitions in analysis/glute-plan
 * (daysSinceSession, sessionsDone, plannedSessions, planInForce). `plans` are the runner's own.
 */
export function gluteExposure(
  runDate: string,
  sessionDates: readonly string[],
  plans: readonly PlanTerms[],
  beforeRunSessionDates: readonly string[] = [],
): GluteExposure {
  const windowStart = addDays(runDate, -6);
  // Sessions that count for this run: every one on an earlier day, and those of its day done before it.
  const counted = sessionDates.filter((date) => date < runDate).concat(beforeRunSessionDates.filter((date) => date === runDate));
  const done = sessionsDone(counted, windowStart, runDate);
  const planned = plannedSessions(plansWithDefault(plans), windowStart, runDate);
  return {
    daysSinceGluteSession: daysSinceSession(counted, runDate),
    sessionsDone: done,
    sessionsPlanned: planned,
    judgedByDefaultPlan: planInForce(plans, windowStart) === null,
    onPlan: isOnPlan(done, planned),
  };
}

export function isOnPlan(done: number, planned: number): boolean {
  return done >= Math.floor(planned + 1e-9);
}

/**
 * gluteExposure for many runs at once, the same numbers (tests/analysis/exposure.test.ts checks
 * it on generated histories) in a fraction of the time: session dates and plan starts become day
 * numbers once, each run costs two binary searches, and the planned sessions are 7 × the plan's
 * sessions a day unless a plan began inside the run's 7 days (then the day-by-day sum).
 */
/**
 * plannedSessions(plansWithDefault(plans), from, to) for windows ending on `to`, `days` long:
 * days × the plan's sessions a day when no plan began inside the window (then one plan held on
 * every day of it), else the day-by-day sum.
 */
export function plannedSessionsCalculator(plans: readonly PlanTerms[]): (to: string, days: number) => number {
  const planStartDays = plans.map((plan) => dayNumber(plan.effectiveFrom));
  const withDefault = plansWithDefault(plans);
  return (to, days) => {
    const toDay = dayNumber(to);
    let planBeganInWindow = false;
    for (const day of planStartDays) if (day > toDay - days + 1 && day <= toDay) planBeganInWindow = true;
    if (planBeganInWindow) return plannedSessions(withDefault, addDays(to, -(days - 1)), to);
    return days * sessionsPerDay(planInForce(plans, to) ?? defaultPlan);
  };
}

export function gluteExposureCalculator(
  sortedSessionDates: readonly string[],
  plans: readonly PlanTerms[],
  beforeRunSessionDates: readonly string[] = [],
): (runDate: string) => GluteExposure {
  const sessionDays = sortedSessionDates.map(dayNumber);
  const beforeRunByDay = new Map<number, number>();
  for (const date of beforeRunSessionDates) beforeRunByDay.set(dayNumber(date), (beforeRunByDay.get(dayNumber(date)) ?? 0) + 1);
  const firstPlanDay = plans.reduce((first, plan) => Math.min(first, dayNumber(plan.effectiveFrom)), Infinity);
  const plannedOver = plannedSessionsCalculator(plans);
  return (runDate) => {
    const runDay = dayNumber(runDate);
    const windowStartDay = runDay - 6;
    const beforeRunDay = firstIndexAtLeast(sessionDays, runDay);
    const sameDayBefore = beforeRunByDay.get(runDay) ?? 0;
    const done = beforeRunDay - firstIndexAtLeast(sessionDays, windowStartDay) + sameDayBefore;
    const last = sameDayBefore > 0 ? runDay : beforeRunDay > 0 ? (sessionDays[beforeRunDay - 1] as number) : null;
    const planned = plannedOver(runDate, 7);
    return {
      daysSinceGluteSession: last === null ? null : runDay - last,
      sessionsDone: done,
      sessionsPlanned: planned,
      judgedByDefaultPlan: windowStartDay < firstPlanDay,
      onPlan: isOnPlan(done, planned),
    };
  };
}

export interface RunExposures {
  /** Analysed runs in the date range, oldest first. */
  runs: RunExposure[];
  /** Runs in the range whose matching pain was already there at the start. */
  soreAtStart: (RunExposure & { soreAtStart: true })[];
  runsInRange: number;
  unrecordedLeftOut: number;
}

/**
 * Metres run in the 7 calendar days before a day (that day not included), over every run of the
 * history (recorded or not): a prefix sum by day number.
 */
export function previousWeekMetresCalculator(runs: readonly Pick<RunRecord, 'localDate' | 'distanceMetres'>[]): (date: string) => number {
  if (runs.length === 0) return () => 0;
  let first = Infinity;
  let last = -Infinity;
  const days = runs.map((run) => dayNumber(run.localDate));
  for (const day of days) {
    if (day < first) first = day;
    if (day > last) last = day;
  }
  const cumulative = new Float64Array(last - first + 2);
  runs.forEach((run, index) => (cumulative[days[index]! - first + 1]! += run.distanceMetres));
  for (let index = 1; index < cumulative.length; index++) cumulative[index]! += cumulative[index - 1]!;
  // cumulative[k] = metres on days first … first + k − 1.
  const upTo = (day: number) => cumulative[Math.max(0, Math.min(cumulative.length - 1, day - first))]!;
  return (date) => {
    const day = dayNumber(date);
    return upTo(day) - upTo(day - 7);
  };
}

/**
 * Metres of the runs earlier on the same local day, per run: a second run of a day carries the
 * first in its recent load (issue 17). `runs` list one day's runs in the order they were run
 * (the database reads them by start time; a history sorted by date keeps that order). One pass.
 */
export function earlierSameDayMetres<R extends Pick<RunRecord, 'localDate' | 'distanceMetres'>>(runs: readonly R[]): Map<R, number> {
  const byDay = new Map<string, number>();
  const earlier = new Map<R, number>();
  for (const run of runs) {
    const before = byDay.get(run.localDate) ?? 0;
    if (before > 0) earlier.set(run, before);
    byDay.set(run.localDate, before + run.distanceMetres);
  }
  return earlier;
}

/**
 * Exposure and outcome for every run in the date range with its pain recorded. A run's
 * `previousWeekMetres` is the 7 calendar days before its day plus the runs earlier that day.
 */
export function runExposures(history: InsightsHistory, filters: Pick<InsightsFilters, 'location' | 'side'> & { fromDate: string | null; toDate: string | null }): RunExposures {
  const inRange = history.runs.filter(
    (run) => (filters.fromDate === null || run.localDate >= filters.fromDate) && (filters.toDate === null || run.localDate <= filters.toDate),
  );
  const exposureOf = gluteExposureCalculator(history.gluteSessionDates, history.plans, history.beforeRunSessionDates);
  const previousWeek = previousWeekMetresCalculator(history.runs);
  const earlierToday = earlierSameDayMetres(history.runs);
  const runs: RunExposure[] = [];
  const soreAtStart: RunExposures['soreAtStart'] = [];
  let unrecordedLeftOut = 0;
  for (const run of inRange) {
    const outcome = runOutcome(run, filters);
    if (outcome === null) {
      unrecordedLeftOut += 1;
      continue;
    }
    const glute = exposureOf(run.localDate);
    // (Object literals, not spreads: this runs for every run of ten years.)
    const exposure: RunExposure = {
      runId: run.id,
      localDate: run.localDate,
      distanceMetres: run.distanceMetres,
      cutShort: run.cutShort,
      previousWeekMetres: previousWeek(run.localDate) + (earlierToday.get(run) ?? 0),
      daysSinceGluteSession: glute.daysSinceGluteSession,
      sessionsDone: glute.sessionsDone,
      sessionsPlanned: glute.sessionsPlanned,
      judgedByDefaultPlan: glute.judgedByDefaultPlan,
      onPlan: glute.onPlan,
      pain: outcome === 'sore_at_start' ? true : outcome.pain,
      outcomeMetres: outcome === 'sore_at_start' ? 0 : outcome.outcomeMetres,
    };
    if (outcome === 'sore_at_start') soreAtStart.push({ ...exposure, soreAtStart: true });
    else runs.push(exposure);
  }
  const byDate = (a: RunExposure, b: RunExposure) => (a.localDate < b.localDate ? -1 : a.localDate > b.localDate ? 1 : a.runId - b.runId);
  runs.sort(byDate);
  soreAtStart.sort(byDate);
  return { runs, soreAtStart, runsInRange: inRange.length, unrecordedLeftOut };
}
