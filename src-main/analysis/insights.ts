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
import { defaultSettings, type MainComplaint, type WeekStartDay } from '../shared/domain';
import {
  DAYS_SINCE_CAP,
  headlineRatio,
  type AnalysisPeriod,
  type FixedAnalysisSummary,
  type GroupSurvival,
  type Insights,
  type InsightsFilters,
  type ModelSummary,
  type RunExposure,
  type ViewDescription,
} from '../shared/insights';
import { gluteExposureCalculator, runExposures, type InsightsHistory } from './exposure';
import { complaintFilters, fixedAnalysisWithRuns, headlineGroups, type FixedAnalysis } from './fixed-analysis';
import { fitPrimaryModel, gluteCalendar, MIN_ONSETS_FOR_MODEL, modelRuns, primaryModel } from './primary-model';
import { kaplanMeier, medianSurvivalInterval, type SurvivalObservation } from './survival';
import { acuteChronicDays, LOAD_JUMP_ABOVE, longRunSpikes, SPIKE_ABOVE, weeklySummaries } from './timeline';

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


/** What the page and the Report need from the fixed analysis. */
export function summariseFixed(analysis: FixedAnalysis): FixedAnalysisSummary {
  const periods = analysis.periods.map((period): AnalysisPeriod => {
    const decided = period.sequential.claimedAt ?? (period.sequential.finished ? (period.sequential.looks[period.sequential.looks.length - 1] ?? null) : null);
    const headline = headlineRatio(period.exposure, period.groups, period.problem);
    return {
      from: period.from,
      to: period.to,
      current: period.current,
      verdict: period.verdict,
      decidedAt: decided === null || decided.reachedOn === null ? null : { onsets: decided.onsets, on: decided.reachedOn },
      groups: period.groups,
      runs: period.runs,
      onsets: period.onsets,
      ratio: headline.term,
      why: headline.why,
      ratioWithUnnotedPainFree: period.groups.skipped.unnoted + period.groups.usual.unnoted > 0 ? period.exposureWithUnnotedPainFree : null,
    };
  });
  const current = periods[periods.length - 1];
  return { complaint: analysis.complaint, periods, canStartNew: current !== undefined && current.decidedAt !== null };
}

/** The fixed analysis's context: the main complaint (Settings) and the dates the runner began new analyses. */
export interface AnalysisContext {
  complaint: MainComplaint;
  periodStarts: readonly string[];
}

export const defaultAnalysisContext: AnalysisContext = { complaint: defaultSettings.mainComplaint, periodStarts: [] };

/**
 * Every number on the Insights page. The VERDICT (and the model summary, the milestones and the
 * headline ratio) come from the fixed analysis of `context` (fixed-analysis.ts), whatever the
 * filters. The FILTERS (dates, site, side) choose the runs of the pictures, the counts beside them
 * and, when they differ from the fixed analysis's current period for the main complaint, a
 * descriptive estimate (`description`). With no dates given the view is the current period.
 */
export function computeInsights(history: InsightsHistory, filters: InsightsFilters, weekStartsOn: WeekStartDay, context: AnalysisContext = defaultAnalysisContext): ComputedInsights {
  let firstRunDate: string | null = null;
  let lastRunDate: string | null = null;
  for (const run of history.runs) {
    if (firstRunDate === null || run.localDate < firstRunDate) firstRunDate = run.localDate;
    if (lastRunDate === null || run.localDate > lastRunDate) lastRunDate = run.localDate;
  }
  const { analysis, currentNoted } = fixedAnalysisWithRuns(history, context.complaint, context.periodStarts);
  const fixed = summariseFixed(analysis);
  const currentPeriod = analysis.periods[analysis.periods.length - 1] ?? null;
  const isDefault = filters.fromDate === null && filters.toDate === null;
  // The default view: the current analysis period (from its first run with a pain note), to the last run.
  const defaultFrom = currentPeriod?.from ?? firstRunDate;
  const from = filters.fromDate ?? (filters.toDate === null ? defaultFrom : firstRunDate);
  const to = filters.toDate ?? lastRunDate;
  const mainFilters = complaintFilters(context.complaint);
  const exposures = runExposures(history, { ...filters, fromDate: from, toDate: to });
  const runs = exposures.runs;
  const viewIsFixed =
    currentPeriod !== null && from === currentPeriod.from && to === lastRunDate && filters.location === mainFilters.location && filters.side === mainFilters.side;
  // Runs in view whose pain was never noted, with their glute exposure (for the per-group counts).
  const unnotedInView = exposures.unrecordedLeftOut > 0 ? unnotedExposures(history, from, to) : [];
  const groups = headlineGroups(runs, unnotedInView);
  const skippedRuns = runs.filter((run) => run.daysSinceGluteSession !== null && run.daysSinceGluteSession >= DAYS_SINCE_CAP);
  const usualRuns = runs.filter((run) => run.daysSinceGluteSession !== null && run.daysSinceGluteSession < DAYS_SINCE_CAP);
  const calendar = gluteCalendar(history.gluteSessionDates, history.beforeRunSessionDates);
  // The model summary of the fixed analysis's current period (its runs: unnoted left out, as the analysis saw them).
  const periodRuns = currentPeriod === null ? [] : currentNoted;
  const model: ModelSummary =
    currentPeriod === null
      ? { ...primaryModel([], calendar), sequential: { looks: [], claim: null, claimedAt: null, moreOnsetsNeeded: null, finished: false } }
      : { ...primaryModel(periodRuns, calendar, { sequential: false }), sequential: currentPeriod.sequential };
  let description: ViewDescription | null = null;
  if (!viewIsFixed && runs.length > 0) {
    const fit = fitPrimaryModel(modelRuns(runs));
    const headline = headlineRatio(fit.exposure, groups, fit.problem);
    description = { groups, ratio: headline.term, why: headline.why };
  }
  const hasRange = from !== null && to !== null && from <= to;
  const painEvents = runs.filter((run) => run.pain).length;
  const counts = {
    runsInRange: exposures.runsInRange,
    unrecordedLeftOut: exposures.unrecordedLeftOut,
    analysed: runs.length,
    painEvents,
    painFree: runs.length - painEvents,
    usual: usualRuns.length,
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
    survival: { usual: groupSurvival(usualRuns), skipped: groupSurvival(skippedRuns) },
    fixed,
    description,
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
    verdict: currentPeriod?.verdict ?? 'too_little',
    minimums: { runsPerGroup: MIN_RUNS_PER_GROUP, painEvents: MIN_PAIN_EVENTS },
  };
}

/** The glute exposure of the unnoted runs between two dates (one pass). */
function unnotedExposures(history: InsightsHistory, from: string | null, to: string | null): Pick<RunExposure, 'daysSinceGluteSession'>[] {
  const exposureOf = gluteExposureCalculator(history.gluteSessionDates, history.plans, history.beforeRunSessionDates);
  const result: Pick<RunExposure, 'daysSinceGluteSession'>[] = [];
  for (const run of history.runs) {
    if (run.painStatus !== 'unrecorded') continue;
    if ((from !== null && run.localDate < from) || (to !== null && run.localDate > to)) continue;
    result.push({ daysSinceGluteSession: exposureOf(run.localDate).daysSinceGluteSession });
  }
  return result;
}
