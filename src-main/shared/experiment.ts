/**
 * The randomised experiment as the window sees it (issue 20): the protocol the runner fixes,
 * the line Today shows before a run, and the result. Pure TypeScript: no node, no electron.
 *
 * Units: distances in metres, instants in UTC (ISO 8601 with Z), days as local dates YYYY-MM-DD.
 */
import type { PainLocation } from './pain';

export type ExperimentArm = 'activation' | 'none';
export type AssignmentSchemeName = 'run_day_blocks_of_4' | 'whole_weeks_in_pairs';
export type ActivationDone = 'done' | 'not_done' | 'partly';
export type ComplaintSide = 'left' | 'right' | 'either';

export interface ActivationExercise {
  /** As named in the exercise library. */
  name: string;
  sets: number;
  /** Repetitions per set (per side when `perSide`); null for a timed exercise. */
  reps: number | null;
  /** Seconds per set for a timed exercise; null otherwise. */
  seconds: number | null;
  perSide: boolean;
}

export type ExperimentLengthTerms = { unit: 'weeks'; weeks: number } | { unit: 'painful_runs'; painfulRuns: number };

/** The rule that decides, as fixed (the same for every experiment of this version of Stance). */
export interface ExperimentDecisionRule {
  primary: 'intention_to_treat';
  statistic: 'log_rank_distance_to_onset';
  pValue: 'randomisation';
  redraws: number;
  alpha: number;
  spending: 'lan_demets_obrien_fleming';
  analysesEveryPainfulRuns: number;
  secondary: 'as_done';
}

/** Everything a fixed protocol holds; stored as canonical JSON and hashed. */
export interface ExperimentProtocolContents {
  version: 1;
  routine: { exercises: ActivationExercise[]; minutes: number };
  length: ExperimentLengthTerms;
  scheme: AssignmentSchemeName;
  outcome: { location: PainLocation; side: ComplaintSide };
  /** The experiment's first day (local date); its weeks count from here. */
  startDate: string;
  rule: ExperimentDecisionRule;
  /** 32 random bytes as 64 hex characters; every assignment is drawn from it. */
  seed: string;
}

export interface ExperimentProtocol {
  id: number;
  contents: ExperimentProtocolContents;
  /** The canonical JSON exactly as stored and hashed. */
  canonical: string;
  sha256: string;
  fixedAt: string;
  stoppedAt: string | null;
  stopReason: string | null;
}

/** JSON with object keys sorted at every level and no spaces: one text for one protocol. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

/** The default activation routine: banded single-leg squats 2 × 20 each side and lateral band walks, about 5 minutes. */
export const DEFAULT_ACTIVATION_ROUTINE: ExperimentProtocolContents['routine'] = {
  exercises: [
    { name: 'Banded single-leg squat (3/4 depth)', sets: 2, reps: 20, seconds: null, perSide: true },
    { name: 'Lateral band walk', sets: 2, reps: 15, seconds: null, perSide: true },
  ],
  minutes: 5,
};

/** The line Today shows before the next run. */
export interface ExperimentTodayLine {
  protocolId: number;
  arm: ExperimentArm;
  /** Run day k (from 1) or week k of the experiment. */
  unitNumber: number;
  scheme: AssignmentSchemeName;
  drawnAt: string;
  /** Runs of the experiment still waiting for the answer "was the activation done?". */
  unanswered: { runId: number; localDate: string; distanceMetres: number; arm: ExperimentArm }[];
  routine: ExperimentProtocolContents['routine'];
  /** 'running': a line to show; 'finished': the planned end or a claim was reached (no more draws). */
  state: 'running' | 'finished' | 'not_started';
  startDate: string;
}

/** How the runner's own recent running would carry an experiment (the setup page). */
export interface OwnRunningForecast {
  /** Over the last 12 weeks of runs with a pain note. */
  weeksLookedAt: number;
  runsPerWeek: number;
  /** Share of noted runs on which the main complaint began. */
  painfulShare: number | null;
  painfulRunsPerWeek: number | null;
  /** Weeks to reach the default number of painful runs at that pace; null without pain. */
  weeksForDefault: number | null;
}

/** One row of the proof's table (scripts/prove-experiment.ts), as the setup page quotes it. */
export interface ExperimentPowerRow {
  hazardRatio: number;
  weeks: number;
  runsPerWeek: number;
  power: number;
}

export interface ExperimentSetup {
  active: ExperimentProtocol | null;
  past: ExperimentProtocol[];
  defaults: {
    routine: ExperimentProtocolContents['routine'];
    painfulRuns: number;
    scheme: AssignmentSchemeName;
    outcome: { location: PainLocation; side: ComplaintSide };
    startDate: string;
  };
  forecast: OwnRunningForecast;
  /** Exercises of the library to build the routine from. */
  exerciseNames: string[];
  rule: ExperimentDecisionRule;
}

export interface ExperimentCurveStep {
  /** Metres into the run. */
  distanceMetres: number;
  /** Share still pain-free just after it. */
  painFree: number;
  atRisk: number;
  events: number;
}

export interface ExperimentArmSummary {
  arm: ExperimentArm;
  runs: number;
  onsets: number;
  /** Runs in the analysis, censored (pain-free) at their distance. */
  painFree: number;
  /** For the activation arm: runs answered done / partly / not done / unanswered. */
  adherence: Record<ActivationDone | 'unanswered', number>;
  /** Kaplan–Meier steps of distance to onset; pain-free runs censored. */
  curve: ExperimentCurveStep[];
  /** Distances of the censored runs (drawn as ticks). */
  censoredAt: number[];
  medianMetres: number | null;
}

export interface ExperimentEstimate {
  /** Hazard of onset with activation over without (Cox, Efron ties); below 1: pain later with activation. */
  hazardRatio: number;
  lower: number;
  upper: number;
}

export interface ExperimentAnalysisRow {
  week: number;
  onsets: number;
  runs: number;
  alphaSpent: number;
  z: number | null;
  pValue: number | null;
  claims: boolean;
}

export type ExperimentVerdict =
  | 'later_with_activation'
  | 'earlier_with_activation'
  | 'no_difference_found'
  | 'cannot_tell_yet'
  | 'stopped_early';

export interface ExperimentRunRow {
  runId: number;
  localDate: string;
  distanceMetres: number;
  unitNumber: number;
  arm: ExperimentArm;
  activationDone: ActivationDone | null;
  /** Metres into the run the main complaint began; null pain-free; 'at_start' / 'unnoted' / 'not_recorded' left out. */
  outcome: { kind: 'onset'; metres: number } | { kind: 'pain_free' } | { kind: 'at_start' } | { kind: 'unnoted' } | { kind: 'not_recorded' };
  worstScore: number | null;
}

export interface ExperimentResult {
  protocol: ExperimentProtocol;
  /** Local date of the look; weeks done. */
  asOf: string;
  weeksDone: number;
  endDate: string | null;
  arms: [ExperimentArmSummary, ExperimentArmSummary];
  /** Intention to treat, all analysed runs: the estimate now (null when it cannot be estimated yet). */
  estimate: ExperimentEstimate | null;
  estimateProblem: string | null;
  /** Plain randomisation p of all analysed runs now (as the last analysis would compute it). */
  randomisationP: number | null;
  /** Secondary, as actually done (done vs not done; partly left out): an estimate only, never a claim. */
  asDone: { estimate: ExperimentEstimate | null; runsDone: number; runsNotDone: number; problem: string | null };
  analyses: ExperimentAnalysisRow[];
  verdict: ExperimentVerdict;
  claimedAtWeek: number | null;
  finished: boolean;
  runs: ExperimentRunRow[];
  periods: { unitNumber: number; arm: ExperimentArm; drawnAt: string; localDate: string | null; runs: number }[];
  deviations: string[];
  harms: { runId: number; localDate: string; worstScore: number; arm: ExperimentArm }[];
  /** Runs on experiment days that no assignment shown beforehand covers: ordinary runs, listed. */
  runsOutside: { runId: number; localDate: string }[];
}
