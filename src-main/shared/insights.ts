/**
 * What the Insights page shows, as numbers: the answer to "when I skip my glute work, does the
 * knee pain come on earlier in the run?". Pure TypeScript; the renderer imports the types.
 *
 * Distances are metres (the page shows miles or km); dates are the runner's local calendar
 * dates, YYYY-MM-DD. The model is described in src-main/analysis/exposure.ts and insights.ts.
 */
import type { PainLocation } from './pain';

export const insightLocations = ['lateral_knee', 'front_knee', 'hip', 'other', 'any'] as const;
export type InsightLocation = (typeof insightLocations)[number];

export const insightSides = ['any', 'left', 'right'] as const;
export type InsightSide = (typeof insightSides)[number];

export interface InsightsFilters {
  /** First local date of the runs analysed, inclusive; null from the first run. */
  fromDate: string | null;
  /** Last local date, inclusive; null up to the last run. */
  toDate: string | null;
  /** Which pain counts as "the pain": outside of the knee (the IT band) by default. */
  location: InsightLocation;
  /** 'left' also matches pain recorded on both sides; so does 'right'. */
  side: InsightSide;
}

export const defaultInsightsFilters: InsightsFilters = { fromDate: null, toDate: null, location: 'lateral_knee', side: 'any' };

/** The plan a run with no glute plan in force is judged against (and the page says so). */
export const DEFAULT_SESSIONS_PER_WEEK = 3;

/** One run with its pain recorded: its exposure (glute work before it) and its outcome. */
export interface RunExposure {
  runId: number;
  localDate: string;
  distanceMetres: number;
  /** Calendar days from the last glute session on or before the run's day; null with none yet. */
  daysSinceGluteSession: number | null;
  /** Glute sessions in the 7 calendar days ending on the run's day (that day included). */
  sessionsDone: number;
  /** Sessions the plan(s) in force called for over those 7 days, day by day. */
  sessionsPlanned: number;
  /** True when some of those days had no plan and were judged against 3 sessions a week. */
  judgedByDefaultPlan: boolean;
  /** sessionsDone ≥ floor(sessionsPlanned). */
  onPlan: boolean;
  /** True: pain (matching the filters) began at `outcomeMetres`. False: pain-free for the whole run. */
  pain: boolean;
  /** The onset distance, or the run's full distance for a pain-free (right-censored) run. */
  outcomeMetres: number;
}

/** What the page draws of each analysed run (the full RunExposure stays in main: a smaller answer crosses IPC faster). */
export type RunPoint = Pick<RunExposure, 'runId' | 'localDate' | 'daysSinceGluteSession' | 'onPlan' | 'pain' | 'outcomeMetres'>;

export interface SurvivalPoint {
  /** Metres into the run. */
  distanceMetres: number;
  /** Share of runs still pain-free past this distance (Kaplan–Meier). */
  stillPainFree: number;
  lower: number;
  upper: number;
  atRisk: number;
}

export interface GroupSurvival {
  runs: number;
  painEvents: number;
  /** Starts at distance 0 (all pain-free), one point per distance at which pain began. */
  curve: SurvivalPoint[];
  /** Longest run in the group: where the curve ends. */
  longestMetres: number;
  /** Median pain-free distance and its 95% interval; null when not reached. */
  median: number | null;
  medianLower: number | null;
  medianUpper: number | null;
}

export interface CorrelationResult {
  rho: number | null;
  lower: number | null;
  upper: number | null;
  pValue: number | null;
  n: number;
}

export interface WeekSummary {
  /** First day of the week (the runner's chosen week start). */
  weekStart: string;
  gluteSessionsDone: number;
  /** Sessions the plan(s) in force called for that week (3 a week on days with no plan). */
  gluteSessionsPlanned: number;
  /** All runs that week, recorded or not. */
  distanceMetres: number;
}

export interface LoadPoint {
  date: string;
  /** Acute (7-day) over chronic (28-day) EWMA of daily distance; null before 28 days of history. */
  ratio: number | null;
}

export type InsightsVerdict =
  | 'too_little'
  | 'earlier_when_skipped'
  | 'later_when_skipped'
  | 'no_clear_difference';

export interface Insights {
  /** 'example': a made-up runner's year (never stored), shown while the runner has no data of their own. */
  source: 'yours' | 'example';
  /** The runner chose to hide the example (kept in the settings table). */
  exampleHidden: boolean;
  /** True when the runner has recorded pain for at least one run. */
  hasOwnData: boolean;
  filters: InsightsFilters;
  /** First and last local dates of the runs in the data (before the date filter); null with none. */
  firstRunDate: string | null;
  lastRunDate: string | null;
  counts: {
    /** Runs in the date range, recorded or not. */
    runsInRange: number;
    /** Runs whose pain was never recorded: left out of the analysis. */
    unrecordedLeftOut: number;
    /** Runs analysed (pain recorded: 'none' or 'pain'). */
    analysed: number;
    painEvents: number;
    painFree: number;
    onPlan: number;
    skipped: number;
    /** Runs (some of) whose week had no glute plan: judged against 3 sessions a week. */
    judgedByDefaultPlan: number;
    /** Runs before the first glute session ever logged: no "days since". */
    noGluteSessionYet: number;
  };
  runs: RunPoint[];
  /** Onset (or pain-free distance) against days since the last glute session. */
  correlation: {
    /** All analysed runs; pain-free runs at their full distance (a lower bound). Used for the reading. */
    allRuns: CorrelationResult;
    /** Pain onsets only: shown for comparison; biased by leaving the pain-free runs out. */
    onsetsOnly: CorrelationResult;
  };
  survival: {
    onPlan: GroupSurvival;
    skipped: GroupSurvival;
    /** Log-rank test between the two; null when it cannot be computed (no events, one group empty). */
    logRank: { chiSquare: number; pValue: number; observedSkipped: number; expectedSkipped: number } | null;
  };
  weeks: WeekSummary[];
  load: { days: LoadPoint[]; jumps: LoadPoint[]; jumpAbove: number };
  verdict: InsightsVerdict;
  /** Thresholds behind 'too_little'. */
  minimums: { runsPerGroup: number; painEvents: number };
}

export const painLocationWords: Record<InsightLocation, string> = {
  lateral_knee: 'outside-of-the-knee',
  front_knee: 'front-of-the-knee',
  hip: 'hip',
  other: 'other',
  any: 'any',
};

export type { PainLocation };
