/**
 * What the Insights page shows, as numbers: the answer to "when I skip my glute work, does the
 * knee pain come on earlier in the run?". Pure TypeScript; the renderer imports the types.
 *
 * Distances are metres (the page shows miles or km); dates are the runner's local calendar
 * dates, YYYY-MM-DD. The model is described in src-main/analysis/exposure.ts, primary-model.ts,
 * sequential.ts and insights.ts.
 */
import type { MainComplaint } from './domain';
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

/** The exposure: runs 7 or more days after the last glute session ("7+") against those 0–6 days after. */
export const DAYS_SINCE_CAP = 7;

/** One run with its pain recorded: its exposure (glute work before it) and its outcome. */
export interface RunExposure {
  runId: number;
  localDate: string;
  distanceMetres: number;
  /**
   * Calendar days from the last glute session done before the run: a session on an earlier day,
   * or on the run's day when it was marked as done before the run. Null with none yet.
   */
  daysSinceGluteSession: number | null;
  /** Glute sessions in the 7 calendar days ending on the run's day (that day's only if done before the run). */
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
  /** The runner marked the run as cut short because of the knee. */
  cutShort: boolean;
  /** Metres run in the 7 calendar days before the run's day and earlier that day (all runs, recorded or not). */
  previousWeekMetres: number;
}

/** What the page draws of each analysed run (the full RunExposure stays in main: a smaller answer crosses IPC faster). */
export type RunPoint = Pick<RunExposure, 'runId' | 'localDate' | 'daysSinceGluteSession' | 'onPlan' | 'pain' | 'outcomeMetres' | 'cutShort'>;

/** A run whose matching pain was already there when it started: kept out of the onset analysis and shown apart. */
export interface SoreAtStartRun {
  runId: number;
  localDate: string;
  distanceMetres: number;
  daysSinceGluteSession: number | null;
}

export interface SurvivalPoint {
  /** Metres into the run. */
  distanceMetres: number;
  /** Share of runs still pain-free past this distance (Kaplan–Meier). */
  stillPainFree: number;
  /** 95% pointwise interval (log-log); null where it does not exist (the share has fallen to 0). */
  lower: number | null;
  upper: number | null;
  atRisk: number;
}

export interface GroupSurvival {
  runs: number;
  painEvents: number;
  /** Starts at distance 0 (all pain-free), one point per distance at which pain began. */
  curve: SurvivalPoint[];
  /** Longest run in the group: where the curve ends. */
  longestMetres: number;
  /** Distance at which half of these runs were still pain-free, and its 95% interval; null when not reached. */
  halfStillPainFreeAt: number | null;
  halfLower: number | null;
  halfUpper: number | null;
}

/** One coefficient of the model, on the hazard-ratio scale. */
export interface ModelTerm {
  /** What a step of 1 in the covariate means, in words ("7+ days since the last glute session, against a session that day"). */
  meaning: string;
  hazardRatio: number;
  lower: number;
  upper: number;
  waldP: number;
}

/** One information milestone of the group-sequential claim rule. */
export interface SequentialLook {
  /** Pain onsets at this milestone. */
  onsets: number;
  /** z the evidence must reach here for "earlier" (Lan–DeMets O'Brien–Fleming spending of 3.5%). */
  boundary: number;
  /** −z the evidence must reach here for "later" (spending 1%). */
  laterBoundary: number;
  /** Reached: the date of the run that brought the onsets to this number; null when not yet. */
  reachedOn: string | null;
  /** The evidence (permutation-calibrated z) at this milestone; null when not reached or not computable. */
  z: number | null;
  crossed: boolean;
}

export interface ModelSummary {
  /** The fitted model's exposure term (7+ days since the last glute session against 0–6); null when it could not be fitted. */
  exposure: ModelTerm | null;
  /** The adjusters: distance in the previous 7 days (per 10 km) and the calendar trend (per year). */
  adjusters: ModelTerm[];
  /** Why the model could not be fitted, in words; null when it was. */
  problem: string | null;
  runs: number;
  onsets: number;
  /** The week-shift permutation test of the exposure (seeded: the same number on every open); null when it cannot be run. */
  permutation: { pValue: number; shifts: number } | null;
  /** The yes/no claim, decided at onset milestones only, so that weekly looks keep the false-claim rate at 5%. */
  sequential: {
    looks: SequentialLook[];
    /** 'earlier': pain came earlier with more days since glute work; 'later': the reverse; null: no claim. */
    claim: 'earlier' | 'later' | null;
    /** The milestone at which the claim was made. */
    claimedAt: SequentialLook | null;
    /** About how many more pain onsets the next milestone needs, if the effect stays as estimated now; null when even the last would not do. */
    moreOnsetsNeeded: number | null;
    /** True once the last milestone has been reached: the 5% has been spent and the answer is final. */
    finished: boolean;
  };
  /** The same model with runs cut short because of the knee counted as onsets where they stopped; null with none marked. */
  cutShortSensitivity: { runs: number; exposure: ModelTerm | null; problem: string | null } | null;
}

export interface WeekSummary {
  /** First day of the week (the runner's chosen week start). */
  weekStart: string;
  gluteSessionsDone: number;
  /** Sessions the runner's plan(s) called for that week; null when no plan was in force on any day of it. */
  gluteSessionsPlanned: number | null;
  /** All runs that week, recorded or not. */
  distanceMetres: number;
  /** The week is cut by the edge of the range: not judged as missed or met. */
  partial: boolean;
  /** Fewer sessions than planned in a whole week with a plan. */
  missed: boolean;
  /** Weeks without any run left out just before this one (a gap of more than 4 weeks); 0 otherwise. */
  gapWeeksBefore: number;
  /** The weekly OSTRC-O2 knee check's severity (0–100) for this week; null or absent when not answered. */
  ostrcSeverity?: number | null;
}

export interface LoadPoint {
  date: string;
  /** Acute (7-day) over chronic (28-day) EWMA of daily distance; null for the first 28 days of running and after a gap. */
  ratio: number | null;
  /** Weeks without running left out just before this day (a gap of more than 4 weeks); 0 otherwise. */
  gapWeeksBefore: number;
}

/** A run and the longest run of the 30 days before it (Frandsen et al. 2025). */
export interface LongRunPoint {
  runId: number;
  localDate: string;
  distanceMetres: number;
  /** Longest run of the 30 days before; null when there is not enough history (the first 30 days of running or after a gap). */
  longestPrevious30DaysMetres: number | null;
  /** Longer than 110% of that longest run. */
  spike: boolean;
  gapWeeksBefore: number;
}

export type InsightsVerdict =
  | 'too_little'
  | 'earlier_when_skipped'
  | 'later_when_skipped'
  | 'cannot_tell_yet'
  | 'no_clear_difference';

export interface Insights {
  /** 'example': a made-up runner's year (never stored), shown while the runner has no data of their own. */
  source: 'yours' | 'example';
  /** The runner chose to hide the example (kept in the settings table). */
  exampleHidden: boolean;
  /** True when the runner has recorded pain for at least one run. */
  hasOwnData: boolean;
  filters: InsightsFilters;
  /** The range analysed: the filters', or by default the last 12 months that hold runs. */
  range: { from: string | null; to: string | null; isDefault: boolean };
  /** First and last local dates of the runs in the data (before the date filter); null with none. */
  firstRunDate: string | null;
  lastRunDate: string | null;
  counts: {
    /** Runs in the date range, recorded or not. */
    runsInRange: number;
    /** Runs whose pain was never recorded: left out of the analysis. */
    unrecordedLeftOut: number;
    /** Runs analysed (pain recorded: 'none' or 'pain', and not sore at the start). */
    analysed: number;
    painEvents: number;
    painFree: number;
    /** Analysed runs 0–6 days after the last glute session (the headline's "usual" group). */
    usual: number;
    /** Analysed runs 7+ days after the last glute session (the headline's "7+ days" group). */
    skipped: number;
    /** Runs (some of) whose week had no glute plan: judged against 3 sessions a week. */
    judgedByDefaultPlan: number;
    /** Runs before the first glute session ever logged: no "days since", left out of the model. */
    noGluteSessionYet: number;
    /** Runs whose pain was already there at the start: kept out of the onset analysis. */
    soreAtStart: number;
    /** Analysed runs marked as cut short because of the knee. */
    cutShort: number;
  };
  runs: RunPoint[];
  soreAtStartRuns: SoreAtStartRun[];
  model: ModelSummary;
  /** Pictures of the data: Kaplan–Meier curves of the headline's groups (0–6 days and 7+ days since glute work), for the view's runs. */
  survival: { usual: GroupSurvival; skipped: GroupSurvival };
  /** The analysis fixed in advance that owns the verdict (analysis/fixed-analysis.ts). */
  fixed: FixedAnalysisSummary;
  /**
   * The view (range, site, side) when it is not the fixed analysis's current period for the main
   * complaint: a descriptive estimate of its runs, never a test. Null on the default view.
   */
  description: ViewDescription | null;
  weeks: WeekSummary[];
  load: {
    longRuns: LongRunPoint[];
    spikeAbove: number;
    days: LoadPoint[];
    jumps: LoadPoint[];
    jumpAbove: number;
  };
  verdict: InsightsVerdict;
  /** Thresholds behind 'too_little'. */
  minimums: { runsPerGroup: number; painEvents: number };
}

/** Runs of one of the headline's groups, with how many lack a pain note. */
export interface GroupCount {
  /** Runs with a pain note in the group (analysed). */
  runs: number;
  /** Pain onsets among them. */
  onsets: number;
  /** Runs in the group whose pain was never noted (not analysed; see the verdict's rule). */
  unnoted: number;
}

/** The headline's two groups: 7+ days since the last glute session, and 0–6 days. */
export interface HeadlineGroups {
  skipped: GroupCount;
  usual: GroupCount;
}

/** Fewest pain onsets in EACH group for the headline to give a ratio. */
export const MIN_ONSETS_PER_GROUP_FOR_RATIO = 5;
/** Widest 95% interval (upper ÷ lower) the headline still gives as a ratio. */
export const MAX_INTERVAL_SPAN_FOR_RATIO = 10;

/**
 * The headline's ratio, or why there is none, in words: fewer than MIN_ONSETS_PER_GROUP_FOR_RATIO
 * onsets in either group, a fit that cannot be made (separation: all onsets in one group), or an
 * interval more than MAX_INTERVAL_SPAN_FOR_RATIO-fold wide. `problem` is the model's own words
 * when it could not be fitted.
 */
export function headlineRatio(term: ModelTerm | null, groups: HeadlineGroups, problem: string | null): { term: ModelTerm | null; why: string | null } {
  const group = (count: GroupCount, name: string) =>
    `${count.runs} ${count.runs === 1 ? 'run' : 'runs'} ${name}, ${count.onsets} with pain`;
  const skipped = group(groups.skipped, 'after 7+ days without glute work');
  const usual = group(groups.usual, 'after 0–6 days');
  const totalOnsets = groups.skipped.onsets + groups.usual.onsets;
  if (totalOnsets >= 2 * MIN_ONSETS_PER_GROUP_FOR_RATIO && (groups.skipped.onsets === 0 || groups.usual.onsets === 0)) {
    const where = groups.skipped.onsets === 0 ? 'after 0–6 days' : 'after 7+ days without glute work';
    return {
      term: null,
      why: `All ${totalOnsets} pain onsets came ${where} (${skipped}; ${usual}). The groups are split completely, so no ratio can be estimated: it would run off to infinity. This is not yet a finding — the verdict below is decided by its own rule.`,
    };
  }
  if (groups.skipped.onsets < MIN_ONSETS_PER_GROUP_FOR_RATIO || groups.usual.onsets < MIN_ONSETS_PER_GROUP_FOR_RATIO) {
    return {
      term: null,
      why: `${skipped}; ${usual}: too few to estimate. A ratio needs at least ${MIN_ONSETS_PER_GROUP_FOR_RATIO} pain onsets in each group.`,
    };
  }
  if (term === null) return { term: null, why: problem ?? 'The model could not be fitted to these runs.' };
  if (term.upper / term.lower > MAX_INTERVAL_SPAN_FOR_RATIO) {
    return {
      term: null,
      why: `${skipped}; ${usual}. The 95% interval runs from ${term.lower.toFixed(2)} to ${term.upper.toFixed(2)}, more than ${MAX_INTERVAL_SPAN_FOR_RATIO}-fold wide: too wide to read a ratio from.`,
    };
  }
  return { term, why: null };
}

/** One analysis period of the fixed analysis, with its verdict. */
export interface AnalysisPeriod {
  /** First and last local dates it covers. */
  from: string;
  to: string;
  /** The period now running. */
  current: boolean;
  verdict: InsightsVerdict;
  /** The milestone at which the verdict was decided (claim or last milestone), and its date; null while undecided. */
  decidedAt: { onsets: number; on: string } | null;
  groups: HeadlineGroups;
  /** The model's runs (with a pain note and a glute session before them) and onsets. */
  runs: number;
  onsets: number;
  /** The headline ratio (null with the reason in `why`). Its interval is not protected against repeated looks. */
  ratio: ModelTerm | null;
  why: string | null;
  /** The same model with unnoted runs counted as pain-free to their full distance (null when none or not fittable). */
  ratioWithUnnotedPainFree: ModelTerm | null;
}

export interface FixedAnalysisSummary {
  complaint: MainComplaint;
  /** Oldest first; the last is the current one. Empty while no run has a pain note. */
  periods: AnalysisPeriod[];
  /** True when the current period's verdict is decided, so the runner may start a new analysis. */
  canStartNew: boolean;
}

/** The descriptive estimate of the runs in view, labelled "a description, not a test". */
export interface ViewDescription {
  groups: HeadlineGroups;
  ratio: ModelTerm | null;
  why: string | null;
}

export const painLocationWords: Record<InsightLocation, string> = {
  lateral_knee: 'outside-of-the-knee',
  front_knee: 'front-of-the-knee',
  hip: 'hip',
  other: 'other',
  any: 'any',
};

export type { PainLocation };
