/**
 * "How far can I run today?": what Today says about the next run, from two published rules.
 *
 * - The pain-monitoring model (Silbernagel et al., Am J Sports Med 2007;35:897–906): pain up to
 *   5/10 during and after the activity is acceptable if it has settled by the next morning
 *   (here: 2/10 or less, shared/pain-monitoring.ts) and does not rise from week to week; then the
 *   load can be built up. Pain above 5, or pain not settled the next morning, means stepping back.
 * - The long-run spike (Frandsen et al., Br J Sports Med 2025;59:1203): a run longer than 110% of
 *   the longest run of the previous 30 days raised the rate of overuse injury 1.5–2.3× in 5,205
 *   runners. The same rule the Insights use (analysis/timeline.ts).
 *
 * Guidance from published models, never a diagnosis: every place it is shown names the sources.
 * Pure types and words' sources: no node or electron imports.
 */
import type { RunPainScores } from './pain-monitoring';

export const SPIKE_SOURCE = 'long-run spike rule (Frandsen et al., Br J Sports Med 2025: runs over 110% of the longest of the previous 30 days raised overuse injury rates 1.5–2.3×)';

/** What the model says to do next: build up, hold at what you have been running, step back; unknown without pain records. */
export type NextRunAdvice = 'build' | 'hold' | 'step_back' | 'unknown';

/**
 * Why: the run judged and what it showed.
 * - no_records: no run of the last 14 days has its knee pain recorded.
 * - pain_free: the latest recorded run was pain-free.
 * - settled: the latest recorded run hurt within 0–5 and had settled (≤ 2/10) by the next morning.
 * - morning_due: it hurt within 0–5 and the next morning has come, but its score was not given.
 * - morning_to_come: it hurt within 0–5 today (or last night): the next morning has not come.
 * - rising: this week's worst pain rose from last week's (the run itself was within the model).
 * - too_much: a score (during, after or the next morning) was above 5.
 * - not_settled: the next morning it still hurt above 2/10.
 */
export type NextRunReason = 'no_records' | 'pain_free' | 'settled' | 'morning_due' | 'morning_to_come' | 'rising' | 'too_much' | 'not_settled';

export interface JudgedRun {
  runId: number;
  /** The run's local date (YYYY-MM-DD). */
  localDate: string;
  distanceMetres: number;
  /** Its scores during (the worst of its pain sites), after, and the next morning; all null for a pain-free run. */
  scores: RunPainScores;
}

export interface NextRunGuidance {
  /** The day the next run is thought of: today, or tomorrow when the runner has run today. */
  forDate: string;
  /**
   * The longest run of the 30 days before `forDate` (metres); null when there is not enough
   * history to tell a spike (the first 30 days of running, or after a break of more than 4 weeks).
   */
  longestRecentMetres: number | null;
  /** Runs longer than this (110% of the longest) are spikes; null as above. */
  spikeAboveMetres: number | null;
  advice: NextRunAdvice;
  reason: NextRunReason;
  /** The run the pain rule judged (the latest run of the last 14 days with its pain recorded); null for no_records. */
  judgedRun: JudgedRun | null;
  /** This week's and last week's worst pain, when `reason` is 'rising'. */
  rising: { lastWeekWorst: number; thisWeekWorst: number } | null;
}

/** A run measured against the longest run of the 30 days before it (the run page's spike line). */
export interface RunSpikeCheck {
  runId: number;
  distanceMetres: number;
  /** Null when there was not enough history (the first 30 days of running, or after a break of more than 4 weeks). */
  longestPrevious30DaysMetres: number | null;
  /** 110% of that longest run; null as above. */
  spikeAboveMetres: number | null;
  spike: boolean;
}
