/**
 * Every number on the Insights page, from a history (the database's or the built-in example's).
 * Pure: no database, no clock.
 *
 * What the page may claim, and from what (DESIGN.md, "Statistics: what the Insights may claim"):
 * - The answer comes from the primary model (primary-model.ts): a Cox model on the distance
 *   scale with days since the last glute session (capped at 7+) as the exposure, adjusted for the
 *   distance run in the previous 7 days and a calendar trend; its hazard ratio and 95% interval
 *   are the headline. Its p-value comes from shifting the glute calendar against the runs by whole
 *   weeks; the yes/no claim is decided only at pain-onset milestones with group-sequential
 *   boundaries (sequential.ts), so weekly looks keep the false-claim rate at or under 5%.
 * - Kaplan–Meier curves after on-plan weeks and after 7 days with fewer glute sessions than
 *   planned are pictures of the data, labelled so; "half of these runs were still pain-free at X"
 *   is read off them (never a median of the onsets alone, which would drop the pain-free runs).
 * - The timelines (timeline.ts) cover the range, with gaps drawn as breaks.
 * - The range is the filters' or, by default, the last 12 months that hold runs.
 */
import type { WeekStartDay } from '../shared/domain';
import type { GroupSurvival, Insights, InsightsFilters, InsightsVerdict, RunExposure } from '../shared/insights';
import { runExposures, type InsightsHistory } from './exposure';
import { gluteCalendar, MIN_ONSETS_FOR_MODEL, primaryModel } from './primary-model';
import { kaplanMeier, medianSurvivalInterval, type SurvivalObservation } from './survival';
import { acuteChronicDays, defaultRange, LOAD_JUMP_ABOVE, longRunSpikes, SPIKE_ABOVE, weeklySummaries } from './timeline';

export const MIN_RUNS_PER_GROUP = 5;
export const MIN_PAIN_EVENTS = MIN_ONSETS_FOR_MODEL;
export { LOAD_JUMP_ABOVE };

export type ComputedInsights = Omit<Insights, 'source' | 'exampleHidden' | 'hasOwnData'>;

function observations(runs: readonly RunExposure[]): SurvivalObservation[] {
  return runs.map((run) => ({ time: run.outcomeMetres, event: run.pain }));
}

/** The Kaplan–Meier picture of a group of runs, with where half of them were still pain-free. */
export function groupSurvival(runs: readonly RunExposure[]): GroupSurvival {
  const curve = kaplanMeier(observations(runs));
  const half = medianSurvivalInterval(curve);
  const longestMetres = runs.reduce((longest, run) => Math.max(longest, run.outcomeMetres), 0);
  return {
    runs: runs.length,
    painEvents: runs.filter((run) => run.pain).length,
    curve: [
      { distanceMetres: 0, stillPainFree: 1, lower: 1, upper: 1, atRisk: runs.length },
      ...curve.steps.map((step) => ({
        distanceMetres: step.time,
        stillPainFree: step.survival,
        // At 0% the interval does not exist (R prints NA): never "0% (0–0)".
        lower: step.survival > 0 ? step.lower : null,
        upper: step.survival > 0 ? step.upper : null,
        atRisk: step.atRisk,
      })),
    ],
    longestMetres,
    halfStillPainFreeAt: half.median,
    halfLower: half.lower,
    halfUpper: half.upper,
  };
}

function verdictOf(model: Insights['model'], counts: { onPlan: number; skipped: number }): InsightsVerdict {
  if (model.sequential.claim === 'earlier') return 'earlier_when_skipped';
  if (model.sequential.claim === 'later') return 'later_when_skipped';
  if (model.exposure === null || model.onsets < MIN_PAIN_EVENTS || counts.onPlan + counts.skipped < 2 * MIN_RUNS_PER_GROUP) return 'too_little';
  return model.sequential.finished ? 'no_clear_difference' : 'cannot_tell_yet';
}

export function computeInsights(history: InsightsHistory, filters: InsightsFilters, weekStartsOn: WeekStartDay): ComputedInsights {
  let firstRunDate: string | null = null;
  let lastRunDate: string | null = null;
  for (const run of history.runs) {
    if (firstRunDate === null || run.localDate < firstRunDate) firstRunDate = run.localDate;
    if (lastRunDate === null || run.localDate > lastRunDate) lastRunDate = run.localDate;
  }
  const isDefault = filters.fromDate === null && filters.toDate === null;
  const fallback = lastRunDate === null ? null : defaultRange(lastRunDate);
  const from = filters.fromDate ?? (filters.toDate === null ? (fallback?.from ?? null) : firstRunDate);
  const to = filters.toDate ?? lastRunDate;
  const exposures = runExposures(history, { ...filters, fromDate: from, toDate: to });
  const runs = exposures.runs;
  const onPlanRuns = runs.filter((run) => run.onPlan);
  const skippedRuns = runs.filter((run) => !run.onPlan);
  const model = primaryModel(runs, gluteCalendar(history.gluteSessionDates, history.beforeRunSessionDates));
  const hasRange = from !== null && to !== null && from <= to;
  const painEvents = runs.filter((run) => run.pain).length;
  const counts = {
    runsInRange: exposures.runsInRange,
    unrecordedLeftOut: exposures.unrecordedLeftOut,
    analysed: runs.length,
    painEvents,
    painFree: runs.length - painEvents,
    onPlan: onPlanRuns.length,
    skipped: skippedRuns.length,
    judgedByDefaultPlan: runs.filter((run) => run.judgedByDefaultPlan).length,
    noGluteSessionYet: runs.filter((run) => run.daysSinceGluteSession === null).length,
    soreAtStart: exposures.soreAtStart.length,
    cutShort: runs.filter((run) => run.cutShort).length,
  };
  const loadDays = hasRange ? acuteChronicDays(history.runs, from, to) : [];
  return {
    filters,
    range: { from, to, isDefault },
    firstRunDate,
    lastRunDate,
    counts,
    runs: runs.map((run) => ({
      runId: run.runId,
      localDate: run.localDate,
      daysSinceGluteSession: run.daysSinceGluteSession,
      onPlan: run.onPlan,
      pain: run.pain,
      outcomeMetres: Math.round(run.outcomeMetres * 10) / 10,
      cutShort: run.cutShort,
    })),
    soreAtStartRuns: exposures.soreAtStart.map((run) => ({
      runId: run.runId,
      localDate: run.localDate,
      distanceMetres: run.distanceMetres,
      daysSinceGluteSession: run.daysSinceGluteSession,
    })),
    model,
    survival: { onPlan: groupSurvival(onPlanRuns), skipped: groupSurvival(skippedRuns) },
    weeks: hasRange ? weeklySummaries(history.runs, history.gluteSessionDates, history.plans, from, to, weekStartsOn) : [],
    load: hasRange
      ? {
          longRuns: longRunSpikes(history.runs, from, to),
          spikeAbove: SPIKE_ABOVE,
          days: loadDays,
          jumps: loadDays.filter((day) => day.ratio !== null && day.ratio > LOAD_JUMP_ABOVE),
          jumpAbove: LOAD_JUMP_ABOVE,
        }
      : { longRuns: [], spikeAbove: SPIKE_ABOVE, days: [], jumps: [], jumpAbove: LOAD_JUMP_ABOVE },
    verdict: verdictOf(model, counts),
    minimums: { runsPerGroup: MIN_RUNS_PER_GROUP, painEvents: MIN_PAIN_EVENTS },
  };
}
