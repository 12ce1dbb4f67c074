/**
 * The next run, by two published rules (shared/next-run.ts says which and why): the long-run
 * spike limit from the runs' distances, and build / hold / step back from the pain-monitoring
 * model applied to the latest run whose knee pain was recorded. Pure: dates are the runner's
 * local calendar (YYYY-MM-DD), distances metres.
 */
import { addDays } from '../shared/calendar';
import type { PainStatus } from '../shared/domain';
import type { NextRunAdvice, NextRunGuidance, NextRunReason, RunSpikeCheck } from '../shared/next-run';
import { SETTLED_BY_MORNING_MAX, type RunPainScores } from '../shared/pain-monitoring';
import { dayNumber } from './exposure';
import { longRunSpikes, SPIKE_ABOVE, SPIKE_WINDOW_DAYS, stretchStarts } from './timeline';

/** The highest score the model accepts during or after a run (Silbernagel et al. 2007). */
export const ACCEPTABLE_PAIN_MAX = 5;
/** How far back the pain rule looks for the latest run with its pain recorded, in days (today included). */
export const PAIN_LOOKBACK_DAYS = 14;

export interface NextRunRun {
  id: number;
  localDate: string;
  distanceMetres: number;
  painStatus: PainStatus;
  /** During (worst of its pain sites), after, next morning; null where not given. */
  scores: RunPainScores;
}

export interface NextRunInput {
  /** Every run of the history (any order). */
  runs: readonly NextRunRun[];
  /** Today on the runner's calendar. */
  today: string;
  /** The worst pain of this week and of last week through the pain-monitoring model (PainWeek), with their run counts. */
  thisWeek: { runs: number; worstScore: number };
  lastWeek: { runs: number; worstScore: number };
}

/**
 * The longest run of the 30 days before `day` and the spike limit (110% of it), by the same rule
 * as the Insights' long-run spikes: null when `day` is within the first 30 days of a stretch of
 * running (the first run, or the first after more than 4 weeks without one).
 */
export function spikeLimitOn(runs: readonly Pick<NextRunRun, 'localDate' | 'distanceMetres'>[], day: string): { longestMetres: number; spikeAboveMetres: number } | null {
  const before = runs.filter((run) => run.localDate < day);
  if (before.length === 0) return null;
  const dayIndex = dayNumber(day);
  // Stretches as the Insights draw them, with the day itself as a run day.
  const starts = stretchStarts([...before.map((run) => dayNumber(run.localDate)), dayIndex]);
  const stretchStart = starts.filter((start) => start <= dayIndex).pop()!;
  if (dayIndex - stretchStart < SPIKE_WINDOW_DAYS) return null;
  let longest = 0;
  for (const run of before) if (dayNumber(run.localDate) >= dayIndex - SPIKE_WINDOW_DAYS) longest = Math.max(longest, run.distanceMetres);
  if (longest <= 0) return null;
  return { longestMetres: longest, spikeAboveMetres: longest * SPIKE_ABOVE };
}

/** Whether one run was a spike against the 30 days before it (the Insights' rule, longRunSpikes). Null for an unknown run id. */
export function runSpikeCheck(runs: readonly Pick<NextRunRun, 'id' | 'localDate' | 'distanceMetres'>[], runId: number): RunSpikeCheck | null {
  const run = runs.find((candidate) => candidate.id === runId);
  if (!run) return null;
  const point = longRunSpikes(runs, run.localDate, run.localDate).find((candidate) => candidate.runId === runId);
  if (!point) return null;
  const longest = point.longestPrevious30DaysMetres !== null && point.longestPrevious30DaysMetres > 0 ? point.longestPrevious30DaysMetres : null;
  return {
    runId,
    distanceMetres: run.distanceMetres,
    longestPrevious30DaysMetres: longest,
    spikeAboveMetres: longest === null ? null : longest * SPIKE_ABOVE,
    spike: point.spike,
  };
}

function judge(run: NextRunRun, today: string): { advice: NextRunAdvice; reason: NextRunReason } {
  if (run.painStatus === 'none') return { advice: 'build', reason: 'pain_free' };
  const { during, after, nextMorning } = run.scores;
  const worst = Math.max(during ?? 0, after ?? 0, nextMorning ?? 0);
  if (worst > ACCEPTABLE_PAIN_MAX) return { advice: 'step_back', reason: 'too_much' };
  if (nextMorning !== null && nextMorning > SETTLED_BY_MORNING_MAX) return { advice: 'step_back', reason: 'not_settled' };
  if (nextMorning === null) return today > run.localDate ? { advice: 'hold', reason: 'morning_due' } : { advice: 'hold', reason: 'morning_to_come' };
  return { advice: 'build', reason: 'settled' };
}

/**
 * What Today says about the next run: how long it can be before it is a spike, and whether to
 * build, hold or step back by the pain-monitoring model.
 *
 * The pain rule judges the latest run of the last 14 days whose pain was recorded ('pain' or
 * 'none'); "unknown" without one. A run within the model (build) still holds when this week's
 * worst pain rose from last week's (both weeks with runs), the model's third rule.
 */
export function nextRunGuidance(input: NextRunInput): NextRunGuidance {
  const { today } = input;
  const ranToday = input.runs.some((run) => run.localDate === today);
  const forDate = ranToday ? addDays(today, 1) : today;
  const limit = spikeLimitOn(input.runs, forDate);
  const recorded = input.runs
    .filter((run) => run.painStatus !== 'unrecorded' && run.localDate <= today && run.localDate > addDays(today, -PAIN_LOOKBACK_DAYS))
    .sort((a, b) => (a.localDate < b.localDate ? -1 : a.localDate > b.localDate ? 1 : a.id - b.id));
  const latest = recorded[recorded.length - 1];
  const base = {
    forDate,
    longestRecentMetres: limit?.longestMetres ?? null,
    spikeAboveMetres: limit?.spikeAboveMetres ?? null,
  };
  if (!latest) return { ...base, advice: 'unknown', reason: 'no_records', judgedRun: null, rising: null };
  const judgedRun = { runId: latest.id, localDate: latest.localDate, distanceMetres: latest.distanceMetres, scores: latest.scores };
  let { advice, reason } = judge(latest, today);
  let rising: NextRunGuidance['rising'] = null;
  const rose = input.lastWeek.runs > 0 && input.thisWeek.runs > 0 && input.thisWeek.worstScore > input.lastWeek.worstScore;
  if (advice === 'build' && rose) {
    advice = 'hold';
    reason = 'rising';
    rising = { lastWeekWorst: input.lastWeek.worstScore, thisWeekWorst: input.thisWeek.worstScore };
  }
  return { ...base, advice, reason, judgedRun, rising };
}
