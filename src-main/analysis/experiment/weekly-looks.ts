/**
 * Weekly looks that keep the experiment's false-claim rate at or under 5%: a sequential
 * randomisation test. The runner may open the result every week; the claim is decided only at
 * analyses planned in the protocol, and the 5% is spent over them by the Lan–DeMets
 * O'Brien–Fleming-type function (../sequential.ts `obrienFlemingSpending`; Lan & DeMets 1983,
 * Biometrika 70:659–663) — with the boundaries taken from the randomisation itself, not from a
 * normal approximation:
 *
 * - an analysis each time the experiment's painful runs reach a multiple of 10 (10, 20, 30, …), on
 *   the runs up to the one that brought them to that number, and one at the planned end on all
 *   runs (for a length in painful runs the end is the analysis at that number);
 * - the fraction done at an analysis is fixed by the protocol, never by the arms: onsets over the
 *   planned onsets, or whole weeks done over the weeks planned; the end is 1;
 * - the reference set is the assignment actually drawn plus `redraws` re-draws made exactly as the
 *   protocol draws (./assignment.ts `redrawMatrix`; re-draw r is the same assignment at every
 *   analysis). At analysis k every member still "in" (not yet past a boundary) whose |Z| (the
 *   log-rank Z of ./log-rank-score.ts) is above the analysis's boundary is "out"; the boundary is
 *   the lowest that puts at most ⌊α(t_k)·(redraws + 1)⌋ members out in all, ties never split.
 *   The experiment claims at the first analysis at which the drawn assignment itself goes out.
 *
 * Under "activation makes no difference" the drawn assignment is one more draw from the protocol,
 * exchangeable with the re-draws, and the rule treats every member alike; so the chance that it
 * is one of those that go out is at most ⌊α·(redraws+1)⌋/(redraws+1) ≤ α, whatever the flare-ups,
 * trends or habits, and however the analyses' statistics depend on one another (for the same
 * argument at one analysis: Edgington & Onghena 2007, "Randomization Tests", ch. 1 and 11). The
 * simulation in scripts/prove-experiment.ts shows it with a look every week.
 */
import { CLAIM_ALPHA, obrienFlemingSpending } from '../sequential';
import { redrawMatrix, type AssignmentScheme } from './assignment';
import { PreparedLogRank, type ExperimentObservation } from './log-rank-score';
import { DEFAULT_REDRAWS } from './randomisation-test';

export type ExperimentLength = { unit: 'weeks'; weeks: number } | { unit: 'painful_runs'; painfulRuns: number };

export interface WeeklyObservation extends ExperimentObservation {
  /** Experiment week of the run, 0 for the first seven days. */
  week: number;
}

export type ExperimentClaim = 'later_with_activation' | 'earlier_with_activation';

/** Painful runs between planned analyses. */
export const ANALYSIS_EVERY_PAINFUL_RUNS = 10;

export interface PlannedAnalysis {
  /** Whole weeks done when it was reached (it is shown from the look after that week on). */
  week: number;
  runs: number;
  onsets: number;
  /** Share of the experiment done, 0–1, as the protocol measures it; 1 at the planned end. */
  fraction: number;
  /** α spent by this analysis, in all: α(fraction). */
  alphaSpent: number;
  /** |Z| above which a member still in goes out here (Infinity: none may yet). */
  boundary: number;
  /** Log-rank Z of the drawn assignment (negative: pain later with activation); null with no onset or an empty arm. */
  z: number | null;
  /** Plain randomisation p of this analysis: the share of the reference set with |Z| at least the drawn one's (null while no α may be spent yet: the re-draws are not made). */
  pValue: number | null;
  claims: boolean;
}

export interface SequentialExperimentResult {
  analyses: PlannedAnalysis[];
  claim: ExperimentClaim | null;
  claimedAtWeek: number | null;
  /** True once the planned length has been reached or a claim made. */
  finished: boolean;
  /** Whole weeks looked at (≤ weeksCompleted: the looks stop at the planned end or the claim). */
  weeksLooked: number;
  runs: number;
  onsets: number;
}

export interface WeeklyLooksInput {
  /** The experiment's runs in the order they were run. */
  observations: readonly WeeklyObservation[];
  activation: Uint8Array;
  scheme: AssignmentScheme;
  seed: string;
  length: ExperimentLength;
  /** Whole weeks completed so far; a look is made after each of them (up to the planned end). */
  weeksCompleted: number;
  redraws?: number;
  alpha?: number;
}

/** Share of the experiment done after `week` weeks with `onsets` onsets. */
export function fractionDone(length: ExperimentLength, week: number, onsets: number): number {
  return Math.min(1, length.unit === 'weeks' ? week / length.weeks : onsets / length.painfulRuns);
}

/** The weekly looks so far: the planned analyses reached and the claim, if one was made. */
export function weeklyLooks(input: WeeklyLooksInput): SequentialExperimentResult {
  const alpha = input.alpha ?? CLAIM_ALPHA;
  const runs = input.observations;
  // First which analyses are reached and when (this depends on onsets, never on arms); then the
  // boundaries, each depending only on the analyses before it.
  const plan: { week: number; runs: number; onsets: number; fraction: number }[] = [];
  let included = 0;
  let onsets = 0;
  let weeksLooked = 0;
  let ended = false;
  for (let week = 1; week <= input.weeksCompleted && !ended; week++) {
    weeksLooked = week;
    while (included < runs.length && runs[included]!.week < week) {
      if (runs[included]!.event) {
        onsets += 1;
        const fraction = fractionDone(input.length, week, onsets);
        if (input.length.unit === 'painful_runs') {
          if (onsets % ANALYSIS_EVERY_PAINFUL_RUNS === 0 || fraction >= 1) plan.push({ week, runs: included + 1, onsets, fraction });
          if (fraction >= 1) ended = true;
        } else if (onsets % ANALYSIS_EVERY_PAINFUL_RUNS === 0 && fraction < 1) {
          // A milestone in the last week is left to the analysis at the end, which has all its runs.
          plan.push({ week, runs: included + 1, onsets, fraction });
        }
      }
      included += 1;
      if (ended) break;
    }
    if (!ended && input.length.unit === 'weeks' && week >= input.length.weeks) {
      ended = true;
      const previous = plan[plan.length - 1];
      if (onsets > (previous?.onsets ?? 0)) plan.push({ week, runs: included, onsets, fraction: 1 });
    }
  }
  const redraws = input.redraws ?? DEFAULT_REDRAWS;
  const lastRuns = plan.length > 0 ? plan[plan.length - 1]!.runs : 0;
  const unitCount = runs.slice(0, lastRuns).reduce((most, run) => Math.max(most, run.unit + 1), 0);
  const members = redraws + 1;
  const matrix = plan.length > 0 ? redrawMatrix(input.seed, 'sequential', input.scheme, unitCount, redraws) : new Uint8Array(0);
  const drawn = input.activation.subarray(0, unitCount);
  if (drawn.length < unitCount) throw new RangeError('Every run needs the arm its day or week was given');
  const stillIn = new Uint8Array(members).fill(1);
  const sizes = new Float64Array(members);
  let goneOut = 0;
  const analyses: PlannedAnalysis[] = [];
  let claim: ExperimentClaim | null = null;
  let claimedAtWeek: number | null = null;
  for (const analysis of plan) {
    const prepared = new PreparedLogRank(runs.slice(0, analysis.runs));
    const z = prepared.statistic(drawn).z;
    const alphaSpent = obrienFlemingSpending(analysis.fraction, alpha);
    const allowed = Math.floor(alphaSpent * members + 1e-9) - goneOut;
    sizes[0] = z === null ? 0 : Math.abs(z);
    // When no member may go out yet (early, little α spent) the re-draws decide nothing: skip them.
    if (allowed <= 0) {
      analyses.push({ ...analysis, alphaSpent, boundary: Infinity, z, pValue: null, claims: false });
      continue;
    }
    for (let redraw = 0; redraw < redraws; redraw++) {
      sizes[redraw + 1] = Math.abs(prepared.statistic(matrix.subarray(redraw * unitCount, (redraw + 1) * unitCount)).z ?? 0);
    }
    const inSizes: number[] = [];
    for (let member = 0; member < members; member++) if (stillIn[member] === 1) inSizes.push(sizes[member]!);
    inSizes.sort((a, b) => b - a);
    // Members strictly above the (allowed+1)-th largest go out: at most `allowed`, ties never split.
    let boundary = Infinity;
    if (allowed > 0) boundary = allowed < inSizes.length ? inSizes[allowed]! : 0;
    let atLeast = 0;
    for (let member = 0; member < members; member++) {
      if (z !== null && sizes[member]! >= sizes[0]! - 1e-9) atLeast += 1;
      if (stillIn[member] === 1 && sizes[member]! > boundary && sizes[member]! > 0) {
        stillIn[member] = 0;
        goneOut += 1;
      }
    }
    const claims = z !== null && stillIn[0] === 0;
    analyses.push({ ...analysis, alphaSpent, boundary: allowed > 0 ? boundary : Infinity, z, pValue: z === null ? null : atLeast / members, claims });
    if (claims) {
      claim = (z as number) < 0 ? 'later_with_activation' : 'earlier_with_activation';
      claimedAtWeek = analysis.week;
      break;
    }
  }
  const lastAnalysis = analyses[analyses.length - 1];
  const finished = claim !== null || ended;
  return {
    analyses,
    claim,
    claimedAtWeek,
    finished,
    weeksLooked: claim !== null ? (claimedAtWeek as number) : weeksLooked,
    runs: claim !== null ? (lastAnalysis as PlannedAnalysis).runs : included,
    onsets: claim !== null ? (lastAnalysis as PlannedAnalysis).onsets : onsets,
  };
}
