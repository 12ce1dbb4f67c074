/**
 * Every number on the Insights page, from a history (the database's or the built-in example's).
 * Pure: no database, no clock.
 *
 * Statistical choices, in plain words:
 * - "Still pain-free at this distance": Kaplan–Meier curves of the distance to pain onset, one for
 *   runs after on-plan glute work and one after skipped work, pain-free runs right-censored at
 *   their distance; 95% pointwise bands on the log-log scale; medians with Brookmeyer–Crowley
 *   intervals; the two compared by the log-rank test.
 * - Onset against days since the last glute session: Spearman's ρ over ALL analysed runs, a
 *   pain-free run entering at its full distance (a lower bound of its pain-free distance). If
 *   neither the pain nor the run lengths depend on the days since glute work, that observed
 *   distance does not either, so the test keeps its level; a real effect is diluted (ρ shrinks
 *   towards 0), never invented. ρ on the onsets alone is also given, for comparison only: it
 *   drops the pain-free runs, which are the long pain-free ones, so it is biased.
 * - The verdict claims a difference only when the log-rank p < 0.05, with at least 5 runs in
 *   each group and at least 5 pain onsets in all; otherwise "too little" or "no clear difference".
 */
import { addDays, weekStart as weekStartOf } from '../shared/calendar';
import type { WeekStartDay } from '../shared/domain';
import type {
  CorrelationResult,
  GroupSurvival,
  Insights,
  InsightsFilters,
  InsightsVerdict,
  LoadPoint,
  RunExposure,
  WeekSummary,
} from '../shared/insights';
import { spearman } from './correlation';
import { acuteChronicRatio } from './load';
import { logRank } from './log-rank';
import { kaplanMeier, medianSurvivalInterval, type SurvivalObservation } from './survival';
import { dayNumber, firstIndexAtLeast, plannedSessionsCalculator, runExposures, type InsightsHistory } from './exposure';

export const MIN_RUNS_PER_GROUP = 5;
export const MIN_PAIN_EVENTS = 5;
export const LOAD_JUMP_ABOVE = 1.5;

export type ComputedInsights = Omit<Insights, 'source' | 'exampleHidden' | 'hasOwnData'>;

function observations(runs: readonly RunExposure[]): SurvivalObservation[] {
  return runs.map((run) => ({ time: run.outcomeMetres, event: run.pain }));
}

export function groupSurvival(runs: readonly RunExposure[]): GroupSurvival {
  const curve = kaplanMeier(observations(runs));
  const median = medianSurvivalInterval(curve);
  const longestMetres = runs.reduce((longest, run) => Math.max(longest, run.outcomeMetres), 0);
  return {
    runs: runs.length,
    painEvents: runs.filter((run) => run.pain).length,
    curve: [
      { distanceMetres: 0, stillPainFree: 1, lower: 1, upper: 1, atRisk: runs.length },
      ...curve.steps.map((step) => ({
        distanceMetres: step.time,
        stillPainFree: step.survival,
        lower: step.lower,
        upper: step.upper,
        atRisk: step.atRisk,
      })),
    ],
    longestMetres,
    median: median.median,
    medianLower: median.lower,
    medianUpper: median.upper,
  };
}

function correlation(runs: readonly RunExposure[]): CorrelationResult {
  const withDays = runs.filter((run) => run.daysSinceGluteSession !== null);
  const result = spearman(
    withDays.map((run) => run.daysSinceGluteSession as number),
    withDays.map((run) => run.outcomeMetres),
  );
  return { rho: result.rho, lower: result.lower, upper: result.upper, pValue: result.pValue, n: result.n };
}

function weeklySummaries(history: InsightsHistory, from: string, to: string, weekStartsOn: WeekStartDay): WeekSummary[] {
  const plannedOver = plannedSessionsCalculator(history.plans);
  const sessionDays = history.gluteSessionDates.map(dayNumber);
  // Distance by day number, then by week: no date strings in the loop over runs.
  const fromDay = dayNumber(from);
  const toDay = dayNumber(to);
  const firstWeek = weekStartOf(from, weekStartsOn);
  const firstWeekDay = dayNumber(firstWeek);
  const distanceByWeek = new Float64Array(Math.floor((toDay - firstWeekDay) / 7) + 1);
  for (const run of history.runs) {
    const day = dayNumber(run.localDate);
    if (day < fromDay || day > toDay) continue;
    const week = Math.floor((day - firstWeekDay) / 7);
    distanceByWeek[week] = (distanceByWeek[week] ?? 0) + run.distanceMetres;
  }
  const weeks: WeekSummary[] = [];
  let start = firstWeek;
  for (let week = 0; week < distanceByWeek.length; week++) {
    const startDay = firstWeekDay + 7 * week;
    const end = addDays(start, 6);
    weeks.push({
      weekStart: start,
      gluteSessionsDone: firstIndexAtLeast(sessionDays, startDay + 7) - firstIndexAtLeast(sessionDays, startDay),
      gluteSessionsPlanned: plannedOver(end, 7),
      distanceMetres: distanceByWeek[week] ?? 0,
    });
    start = addDays(start, 7);
  }
  return weeks;
}

function trainingLoad(history: InsightsHistory, from: string, to: string): Insights['load'] {
  // Over the whole history, so that the 28-day average has warmed up by the start of the range.
  const load = acuteChronicRatio(
    history.runs.map((run) => ({ date: run.localDate, distanceMetres: run.distanceMetres })),
    { jumpAbove: LOAD_JUMP_ABOVE },
  );
  const inRange = (day: { date: string }) => day.date >= from && day.date <= to;
  const point = (day: { date: string; ratio: number | null }): LoadPoint => ({ date: day.date, ratio: day.ratio === null ? null : Math.round(day.ratio * 1e4) / 1e4 });
  return { days: load.days.filter(inRange).map(point), jumps: load.jumps.filter(inRange).map(point), jumpAbove: LOAD_JUMP_ABOVE };
}

export function verdictOf(survival: ComputedInsights['survival']): InsightsVerdict {
  const { onPlan, skipped, logRank: test } = survival;
  const enough =
    onPlan.runs >= MIN_RUNS_PER_GROUP && skipped.runs >= MIN_RUNS_PER_GROUP && onPlan.painEvents + skipped.painEvents >= MIN_PAIN_EVENTS;
  if (!enough || test === null) return 'too_little';
  if (!(test.pValue < 0.05)) return 'no_clear_difference';
  return test.observedSkipped > test.expectedSkipped ? 'earlier_when_skipped' : 'later_when_skipped';
}

export function computeInsights(history: InsightsHistory, filters: InsightsFilters, weekStartsOn: WeekStartDay): ComputedInsights {
  let firstRunDate: string | null = null;
  let lastRunDate: string | null = null;
  for (const run of history.runs) {
    if (firstRunDate === null || run.localDate < firstRunDate) firstRunDate = run.localDate;
    if (lastRunDate === null || run.localDate > lastRunDate) lastRunDate = run.localDate;
  }
  const exposures = runExposures(history, filters);
  const runs = exposures.runs;
  const onPlanRuns = runs.filter((run) => run.onPlan);
  const skippedRuns = runs.filter((run) => !run.onPlan);

  const test = onPlanRuns.length > 0 && skippedRuns.length > 0 ? logRank(observations(skippedRuns), observations(onPlanRuns)) : null;
  const survival: ComputedInsights['survival'] = {
    onPlan: groupSurvival(onPlanRuns),
    skipped: groupSurvival(skippedRuns),
    logRank:
      test && test.chiSquare !== null && test.pValue !== null
        ? { chiSquare: test.chiSquare, pValue: test.pValue, observedSkipped: test.observedA, expectedSkipped: test.expectedA }
        : null,
  };

  const from = filters.fromDate ?? firstRunDate;
  const to = filters.toDate ?? lastRunDate;
  const hasRange = from !== null && to !== null && from <= to;
  const painEvents = runs.filter((run) => run.pain).length;

  return {
    filters,
    firstRunDate,
    lastRunDate,
    counts: {
      runsInRange: exposures.runsInRange,
      unrecordedLeftOut: exposures.unrecordedLeftOut,
      analysed: runs.length,
      painEvents,
      painFree: runs.length - painEvents,
      onPlan: onPlanRuns.length,
      skipped: skippedRuns.length,
      judgedByDefaultPlan: runs.filter((run) => run.judgedByDefaultPlan).length,
      noGluteSessionYet: runs.filter((run) => run.daysSinceGluteSession === null).length,
    },
    runs: runs.map((run) => ({
      runId: run.runId,
      localDate: run.localDate,
      daysSinceGluteSession: run.daysSinceGluteSession,
      onPlan: run.onPlan,
      pain: run.pain,
      outcomeMetres: Math.round(run.outcomeMetres * 10) / 10,
    })),
    correlation: { allRuns: correlation(runs), onsetsOnly: correlation(runs.filter((run) => run.pain)) },
    survival,
    weeks: hasRange ? weeklySummaries(history, from, to, weekStartsOn) : [],
    load: hasRange ? trainingLoad(history, from, to) : { days: [], jumps: [], jumpAbove: LOAD_JUMP_ABOVE },
    verdict: verdictOf(survival),
    minimums: { runsPerGroup: MIN_RUNS_PER_GROUP, painEvents: MIN_PAIN_EVENTS },
  };
}
