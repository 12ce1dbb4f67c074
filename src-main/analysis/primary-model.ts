/**
 * The primary model behind the Insights' answer: a Cox proportional-hazards model on the
 * distance scale, its week-shift permutation test, and the group-sequential claim.
 *
 * OUTCOME: the distance into the run at which the chosen pain began; a pain-free run is
 * right-censored at its distance (exposure.ts). Runs that were sore at the start are not in it.
 *
 * COVARIATES (in this order):
 * 1. exposure — 7 or more days since the last glute session before the run (1), against 0–6
 *    days (0). A session on the run's day counts only when done before the run. Why a step at 7:
 *    the question is "when I skip my glute work", and plans are 2–3 sessions a week, so a week
 *    with none is what skipping means; 0–6 days is the runner's usual rhythm, in which the
 *    data can hardly separate day 2 from day 4. Its hazard ratio reads directly: "after 7+ days
 *    without glute work, the pain was about h× as likely to start at any given point of a run".
 *    (A linear term in days capped at 7 found the simulated effect less often: it spends its
 *    information on differences inside the usual rhythm.) A runner whose routine never leaves 7
 *    days empty gets a worded "cannot compare" instead of an estimate. Runs before the first
 *    glute session ever logged have no "days since" and are left out of the model (the page
 *    counts them).
 * 2. the distance run in the 7 calendar days before the run's day, per 10 km: recent load is a
 *    plausible cause of both knee pain and of skipping strength work (a busy week).
 * 3. a calendar trend, per year since the first analysed run: the knee may get better (or worse)
 *    over months whatever the glute work, and adherence drifts too.
 * No others: every added covariate costs power on one runner's data, and these are the ones the
 * design (docs: DESIGN.md, Statistics) names.
 *
 * P-VALUE THAT SURVIVES DEPENDENT RUNS (weekShiftTest): a runner's runs are not independent
 * (flare-ups, reactive adherence after a painful week), so the model's Wald p is too optimistic.
 * The glute calendar is shifted against the runs by whole weeks, circularly over the weeks the
 * runs span (a toroidal shift, as in ecology's "torus translation" tests, Harms et al. 2001,
 * J Ecol 89:947–959): each shift keeps the runs with their outcomes and dependence, and the
 * glute calendar with its own rhythm (weekday habits included, because shifts are whole weeks),
 * and breaks only the link between the two. The statistic is the Cox score for the exposure in
 * the model with the adjusters (fitted once, Breslow ties). With the adjusters fixed that score is
 * Σ exposure × martingale residual over the runs, so the residuals are summed per calendar day
 * once and each shift costs one pass over the days that hold runs (or the skipped days, if
 * fewer). p = (1 + shifts with |score| ≥ the observed) / (1 + shifts). With more than 199
 * possible shifts, 199 are drawn with a fixed seed: the page shows the same p on every open.
 *
 * CLAIM: the group-sequential rule of sequential.ts, on the score standardised by the spread of
 * the shifted scores (z = (U − mean) / (sd·√(1 + 1/K)), referred to Student's t with K − 1
 * degrees of freedom and mapped to the normal scale): that keeps the shift test's robustness to
 * dependence while giving the small p-values the early boundaries need. A milestone also needs
 * the plain (rank-based) week-shift p at that milestone to be ≤ 5%: with flare-ups the shifted
 * scores have heavier tails than the t reference, and the simulation found 5.2% false claims in
 * that scenario without this guard.
 */
import { DAYS_SINCE_CAP, type ModelSummary, type ModelTerm, type RunExposure } from '../shared/insights';
import { coxProportionalHazards, type CoxObservation } from './cox';
import { normalQuantile, studentTCdf } from './distributions';
import { seededRandom } from './example-history';
import { dayNumber, firstIndexAtLeast } from './exposure';
import { ONSET_MILESTONES, sequentialDecision, type EvidenceAtMilestone } from './sequential';
import { ContentCache } from './content-cache';

/** Fewest pain onsets before the model is fitted at all. */
export const MIN_ONSETS_FOR_MODEL = 5;
/** Most week shifts drawn for the permutation test. */
export const MAX_SHIFTS = 199;
const SHIFT_SEED = 20_251_203;

export const exposureMeaning = '7+ days since the last glute session, against 0–6 days';

export type ModelRun = Pick<RunExposure, 'runId' | 'localDate' | 'daysSinceGluteSession' | 'pain' | 'outcomeMetres' | 'previousWeekMetres' | 'cutShort'>;

/** The glute calendar as day numbers, for shifting. */
export interface GluteCalendar {
  /** Day numbers (days since 1970-01-01) of every glute session, sorted. */
  sessionDays: number[];
  /** Day number → glute sessions that day done before a run. */
  beforeRunByDay: Map<number, number>;
}

export function gluteCalendar(sessionDates: readonly string[], beforeRunSessionDates: readonly string[]): GluteCalendar {
  const beforeRunByDay = new Map<number, number>();
  for (const date of beforeRunSessionDates) beforeRunByDay.set(dayNumber(date), (beforeRunByDay.get(dayNumber(date)) ?? 0) + 1);
  return { sessionDays: sessionDates.map(dayNumber).sort((a, b) => a - b), beforeRunByDay };
}

/** Local copy: hot loops read it on every run (an imported binding can be a getter in CommonJS builds). */
const CAP = DAYS_SINCE_CAP;
/** 1 for 7+ days since the last glute session, else 0. */
const skippedWeek = (days: number) => (days >= CAP ? 1 : 0);

/** The adjusters after the exposure: [meaning, value of a run]. */
interface Adjuster {
  meaning: string;
  value: (run: ModelRun, day: number, firstDay: number) => number;
}
const baseAdjusters: Adjuster[] = [
  { meaning: 'each extra 10 km run in the 7 days before', value: (run) => run.previousWeekMetres / 10_000 },
  { meaning: 'each year later in the calendar', value: (_run, day, firstDay) => (day - firstDay) / 365.25 },
];
/** The adjusters of the model, in order (see the top of this file). */
const ADJUSTERS: readonly Adjuster[] = baseAdjusters;

function covariatesOf(run: ModelRun, firstDay: number): number[] {
  const day = dayNumber(run.localDate);
  const values = [skippedWeek(run.daysSinceGluteSession ?? DAYS_SINCE_CAP)];
  for (const adjuster of ADJUSTERS) values.push(adjuster.value(run, day, firstDay));
  return values;
}

function term(meaning: string, fit: { hazardRatios: number[]; lower: number[]; upper: number[]; waldP: number[] }, index: number): ModelTerm {
  return { meaning, hazardRatio: fit.hazardRatios[index]!, lower: fit.lower[index]!, upper: fit.upper[index]!, waldP: fit.waldP[index]! };
}

/** The runs the model uses: those with a "days since" (a glute session logged before them). */
export function modelRuns<R extends ModelRun>(runs: readonly R[]): R[] {
  return runs.filter((run) => run.daysSinceGluteSession !== null);
}

export type PrimaryFit = { exposure: ModelTerm | null; adjusters: ModelTerm[]; problem: string | null };

/**
 * The Cox fit of the primary model, in words where it cannot be fitted. A pure function of the
 * runs' model inputs: an open of the Insights asks for the same fit up to three times (the fixed
 * analysis, the model summary, the view's description), so recent fits are kept (fitCache).
 */
export function fitPrimaryModel(runs: readonly ModelRun[], options: { cutShortAsOnsets?: boolean } = {}): PrimaryFit {
  const used = modelRuns(runs);
  const key = fitKey(used, options.cutShortAsOnsets === true);
  const cached = fitCache.get(key);
  if (cached !== undefined) return cached;
  const fit = fitUncached(used, options);
  // Shared by every caller from now on: frozen, so that no caller can change another's numbers.
  if (fit.exposure !== null) Object.freeze(fit.exposure);
  for (const adjuster of fit.adjusters) Object.freeze(adjuster);
  Object.freeze(fit.adjusters);
  fitCache.set(key, Object.freeze(fit));
  return fit;
}

const fitCache = new ContentCache<PrimaryFit>(32);

/** What the fit reads of each run: day, outcome, onset, cut short, previous week, days since (a ContentCache key). */
function fitKey(used: readonly ModelRun[], cutShortAsOnsets: boolean): Float64Array {
  const values = new Float64Array(6 * used.length + 1);
  let at = 0;
  values[at++] = cutShortAsOnsets ? 1 : 0;
  for (const run of used) {
    values[at++] = dayNumber(run.localDate);
    values[at++] = run.outcomeMetres;
    values[at++] = run.pain ? 1 : 0;
    values[at++] = run.cutShort ? 1 : 0;
    values[at++] = run.previousWeekMetres;
    values[at++] = run.daysSinceGluteSession ?? -1;
  }
  return values;
}

function fitUncached(used: readonly ModelRun[], options: { cutShortAsOnsets?: boolean }): PrimaryFit {
  const onsets = used.filter((run) => run.pain || (options.cutShortAsOnsets === true && run.cutShort)).length;
  if (onsets < MIN_ONSETS_FOR_MODEL) {
    return { exposure: null, adjusters: [], problem: `The model needs at least ${MIN_ONSETS_FOR_MODEL} pain onsets after a logged glute session; there ${onsets === 1 ? 'is' : 'are'} ${onsets}.` };
  }
  const firstDay = dayNumber(used[0]!.localDate);
  const observations: CoxObservation[] = used.map((run) => ({
    time: run.outcomeMetres,
    event: run.pain || (options.cutShortAsOnsets === true && run.cutShort),
    covariates: covariatesOf(run, firstDay),
  }));
  // A covariate with one value (all runs in one week: no trend) is dropped rather than failing the model.
  const all = observations[0]!.covariates.map((_, index) => index);
  const varies = all.map((index) => observations.some((observation) => observation.covariates[index] !== observations[0]!.covariates[index]));
  if (!varies[0]) {
    return { exposure: null, adjusters: [], problem: `None of these runs came ${DAYS_SINCE_CAP}+ days after a glute session (or all did), so the model has nothing to compare yet.` };
  }
  const kept = all.filter((index) => varies[index]);
  // (With every covariate kept, the observations as they are: no copy of ten years of runs.)
  const fit = coxProportionalHazards(
    kept.length === all.length ? observations : observations.map((observation) => ({ ...observation, covariates: kept.map((index) => observation.covariates[index]!) })),
  );
  if (!fit.estimable) {
    const problem =
      fit.problem === 'separation'
        ? 'The estimate runs off to infinity: the pain onsets are split too neatly by the days since glute work (or by the adjusters). More runs will settle it.'
        : fit.problem === 'collinear'
          ? 'Days since glute work moved in lockstep with the distance run or the calendar, so their effects cannot be told apart.'
          : fit.message;
    return { exposure: null, adjusters: [], problem };
  }
  const adjusters = kept.slice(1).map((index, position) => term(ADJUSTERS[index - 1]!.meaning, fit, position + 1));
  return { exposure: term(exposureMeaning, fit, 0), adjusters, problem: null };
}

/**
 * Risk weights exp(η) of the adjusters-only Cox model (distance in the previous 7 days, trend),
 * fitted once; all 1 when it cannot be fitted (too few onsets or a constant adjuster).
 */
function adjusterWeights(runs: readonly ModelRun[], firstDay: number): Float64Array {
  const weights = new Float64Array(runs.length).fill(1);
  const observations = runs.map((run) => ({ time: run.outcomeMetres, event: run.pain, covariates: covariatesOf(run, firstDay).slice(1) }));
  const varies = ADJUSTERS.map((_, index) => index).filter((index) => observations.some((observation) => observation.covariates[index] !== observations[0]?.covariates[index]));
  if (varies.length === 0) return weights;
  const fit = coxProportionalHazards(
    varies.length === ADJUSTERS.length ? observations : observations.map((observation) => ({ ...observation, covariates: varies.map((index) => observation.covariates[index]!) })),
    { ties: 'breslow' },
  );
  if (!fit.estimable) return weights;
  runs.forEach((_, row) => {
    let eta = 0;
    varies.forEach((index, position) => (eta += fit.coefficients[position]! * (observations[row]!.covariates[index]! - 0)));
    weights[row] = Math.exp(eta);
  });
  // Scale to keep exp() moderate: only ratios of weights matter.
  const largest = Math.max(...weights);
  for (let row = 0; row < weights.length; row++) weights[row]! /= largest;
  return weights;
}

export interface WeekShiftResult {
  /** Permutation p-value, two-sided. */
  pValue: number;
  /** One-sided: the share of shifts (with the observed) whose score is at least the observed ("earlier"). */
  pEarlier: number;
  /** One-sided: at most the observed ("later"). */
  pLater: number;
  shifts: number;
  /** Standardised score on the normal scale (positive: more days since, earlier pain); null when the shifts do not vary. */
  z: number | null;
}

/**
 * The week-shift permutation test of the exposure (see the top of this file). `runs` are the
 * model's runs in date order. Null with fewer than 3 whole weeks to shift or fewer than 2 onsets.
 */
export function weekShiftTest(runs: readonly ModelRun[], calendar: GluteCalendar): WeekShiftResult | null {
  const n = runs.length;
  const onsets = runs.reduce((count, run) => count + (run.pain ? 1 : 0), 0);
  if (n < 2 || onsets < 2) return null;
  const runDays = runs.map((run) => dayNumber(run.localDate));
  const firstRunDay = Math.min(...runDays);
  const lastRunDay = Math.max(...runDays);
  // The span: the week before the first run (so its look-back needs no wrap) to the last run, in whole weeks.
  const spanStart = firstRunDay - DAYS_SINCE_CAP;
  const weeks = Math.ceil((lastRunDay - spanStart + 1) / 7);
  const spanDays = weeks * 7;
  if (weeks < 3) return null;
  // Only what was known by the last run's day: the evidence at a milestone never changes later.
  const sessions = new Uint8Array(spanDays);
  const beforeRun = new Uint8Array(spanDays);
  const from = firstIndexAtLeast(calendar.sessionDays, spanStart);
  const to = firstIndexAtLeast(calendar.sessionDays, lastRunDay + 1);
  for (let index = from; index < to; index++) sessions[calendar.sessionDays[index]! - spanStart] = 1;
  for (const [day, count] of calendar.beforeRunByDay) if (day >= spanStart && day <= lastRunDay && count > 0) beforeRun[day - spanStart] = 1;
  const key = cacheKey(runs, sessions, beforeRun);
  const cached = shiftCache.get(key);
  if (cached !== undefined) return cached;

  // The score is linear in the exposure column: with the adjusters' weights w fixed, the Breslow
  // score U = Σ_events (x_k − S1/S0 at its distance) regroups as U = Σ_runs x_j · (δ_j − w_j·H_j),
  // where H_j = Σ over the onset distances t ≤ the run's outcome of (onsets at t) / S0(t) is the
  // Breslow cumulative hazard and δ_j is 1 for an onset (the martingale residual of the
  // adjusters-only model; Therneau & Grambsch 2000, §4.2 and §6.2). Only x moves with a shift, so
  // the residuals are found once, summed per calendar day, and each shift costs one pass over the
  // days that hold runs (or over the skipped days, when fewer).
  const firstDay = firstRunDay;
  const weights = adjusterWeights(runs, firstDay);
  // The distinct outcome distances, ascending (a numeric typed-array sort: no comparator), and per
  // distance the weight of the runs that end there and the onsets at it.
  const distances = new Float64Array(n);
  for (let row = 0; row < n; row++) distances[row] = runs[row]!.outcomeMetres;
  distances.sort();
  let groups = 0;
  for (let k = 0; k < n; k++) if (k === 0 || distances[k] !== distances[k - 1]) distances[groups++] = distances[k]!;
  const distinct = distances.subarray(0, groups);
  const groupOf = new Int32Array(n);
  const weightEnding = new Float64Array(groups);
  const onsetsAt = new Float64Array(groups);
  for (let row = 0; row < n; row++) {
    const group = firstIndexAtLeast(distinct, runs[row]!.outcomeMetres);
    groupOf[row] = group;
    weightEnding[group]! += weights[row]!;
    if (runs[row]!.pain) onsetsAt[group]! += 1;
  }
  // Risk sets from the longest distance down (all runs at a tied distance are in its risk set);
  // then H from the shortest distance up.
  const increment = new Float64Array(groups);
  let atRisk = 0;
  for (let group = groups - 1; group >= 0; group--) {
    atRisk += weightEnding[group]!;
    increment[group] = onsetsAt[group]! / atRisk;
  }
  const cumulativeHazard = new Float64Array(groups);
  let hazard = 0;
  for (let group = 0; group < groups; group++) cumulativeHazard[group] = hazard += increment[group]!;
  // The residuals summed per day of the span.
  const residualOnDay = new Float64Array(spanDays);
  for (let row = 0; row < n; row++) {
    residualOnDay[runDays[row]! - spanStart]! += (runs[row]!.pain ? 1 : 0) - weights[row]! * cumulativeHazard[groupOf[row]!]!;
  }
  const runDayList: number[] = [];
  for (let day = 0; day < spanDays; day++) if (residualOnDay[day] !== 0) runDayList.push(day);
  // 1 where a run on that day of the (circular) calendar comes 7+ days after the last glute
  // session: no session done before a run that day, none in the 6 days before. A shift by w
  // weeks reads this at day − 7w.
  const skippedDayList: number[] = [];
  for (let day = 0; day < spanDays; day++) {
    let skipped = beforeRun[day] === 1 ? 0 : 1;
    for (let back = 1; skipped === 1 && back < CAP; back++) {
      const earlier = day - back < 0 ? day - back + spanDays : day - back;
      if (sessions[earlier] === 1) skipped = 0;
    }
    if (skipped === 1) skippedDayList.push(day);
  }
  // score(shift) = Σ over run days d of skipped(d − shift) · residual(d) = Σ over skipped days s of
  // residual(s + shift): one pass over whichever list is shorter. The arrays are laid out twice
  // over, so that a shifted day needs no wrap-around test.
  const bySkippedDays = skippedDayList.length < runDayList.length;
  const days = Int32Array.from(bySkippedDays ? skippedDayList : runDayList);
  const values = new Float64Array(2 * spanDays);
  if (bySkippedDays) {
    values.set(residualOnDay);
    values.set(residualOnDay, spanDays);
  } else {
    for (const day of skippedDayList) values[day] = values[day + spanDays] = 1;
  }
  let coefficients: Float64Array | null = null;
  if (!bySkippedDays) {
    coefficients = new Float64Array(runDayList.length);
    for (let k = 0; k < runDayList.length; k++) coefficients[k] = residualOnDay[runDayList[k]!]!;
  }

  const score = (shiftDays: number): number => {
    let total = 0;
    if (coefficients === null) {
      for (let k = 0; k < days.length; k++) total += values[days[k]! + shiftDays]!;
    } else {
      // The run's day on the shifted calendar (circular over the span): exposure × residual.
      const offset = spanDays - shiftDays;
      for (let k = 0; k < days.length; k++) total += values[days[k]! + offset]! * coefficients[k]!;
    }
    return total;
  };

  // The observed score uses the real calendar (no shift). It differs from the circular one only
  // for sessions more than the span away, which cannot reach a capped look-back of 7 days.
  const observed = score(0);
  const possible = Array.from({ length: weeks - 1 }, (_, index) => index + 1);
  let shifts = possible;
  if (possible.length > MAX_SHIFTS) {
    const random = seededRandom(SHIFT_SEED ^ weeks);
    for (let index = possible.length - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1));
      [possible[index], possible[other]] = [possible[other]!, possible[index]!];
    }
    shifts = possible.slice(0, MAX_SHIFTS);
  }
  const shifted = shifts.map((weeksShifted) => score(weeksShifted * 7));
  const tolerance = 1e-9 * Math.max(1, Math.abs(observed));
  const asExtreme = shifted.filter((value) => Math.abs(value) >= Math.abs(observed) - tolerance).length;
  const pValue = (1 + asExtreme) / (1 + shifted.length);
  let atLeast = 0;
  let atMost = 0;
  for (const value of shifted) {
    if (value >= observed - tolerance) atLeast++;
    if (value <= observed + tolerance) atMost++;
  }
  const pEarlier = (1 + atLeast) / (1 + shifted.length);
  const pLater = (1 + atMost) / (1 + shifted.length);
  const mean = shifted.reduce((sum, value) => sum + value, 0) / shifted.length;
  const variance = shifted.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, shifted.length - 1);
  let z: number | null = null;
  if (shifted.length >= 4 && variance > 1e-18 * Math.max(1, observed * observed)) {
    const t = (observed - mean) / Math.sqrt(variance * (1 + 1 / shifted.length));
    const tail = studentTCdf(-Math.abs(t), shifted.length - 1);
    const normal = -normalQuantile(Math.max(tail, 1e-300));
    z = t >= 0 ? normal : -normal;
  }
  const result = { pValue, pEarlier, pLater, shifts: shifted.length, z };
  shiftCache.set(key, result);
  return result;
}

/**
 * The week-shift test is a pure function of the runs and the glute calendar up to the last run,
 * and the evidence at a milestone is recomputed on every open: a small cache of recent results
 * (keyed by their content) saves most of that work.
 */
const shiftCache = new ContentCache<WeekShiftResult>(256);

/** Empties the caches of the week-shift tests and the model fits (the benchmark times the work done on a first open). */
export function clearAnalysisCaches(): void {
  shiftCache.clear();
  fitCache.clear();
}

/**
 * The cache key (a ContentCache key): the runs' day, outcome, onset flag and previous-week
 * distance, then the two calendars' bytes after their length: equal keys mean equal inputs.
 */
function cacheKey(runs: readonly ModelRun[], sessions: Uint8Array, beforeRun: Uint8Array): Float64Array {
  const values = new Float64Array(4 * runs.length + 1 + Math.ceil((sessions.length + beforeRun.length) / 8));
  let at = 0;
  for (const run of runs) {
    values[at++] = dayNumber(run.localDate);
    values[at++] = run.outcomeMetres;
    values[at++] = run.pain ? 1 : 0;
    values[at++] = run.previousWeekMetres;
  }
  values[at++] = sessions.length;
  const calendars = new Uint8Array(values.buffer, at * 8);
  calendars.set(sessions);
  calendars.set(beforeRun, sessions.length);
  return values;
}

/**
 * The whole model summary for the analysed runs (date order): the fit, the permutation test, the
 * claim decided at the onset milestones, and the check with runs cut short counted as onsets.
 */
export function primaryModel(runs: readonly ModelRun[], calendar: GluteCalendar, options: { sequential?: boolean } = {}): ModelSummary {
  const used = modelRuns(runs);
  const fit = fitPrimaryModel(used);
  const onsets = used.filter((run) => run.pain).length;
  const permutation = onsets >= MIN_ONSETS_FOR_MODEL ? weekShiftTest(used, calendar) : null;
  if (options.sequential === false) {
    // The caller (the fixed analysis) decides the claim; this is the estimate and its test only.
    const cutShort = used.filter((run) => run.cutShort && !run.pain).length;
    return {
      exposure: fit.exposure,
      adjusters: fit.adjusters,
      problem: fit.problem,
      runs: used.length,
      onsets,
      permutation: permutation === null ? null : { pValue: permutation.pValue, shifts: permutation.shifts },
      sequential: { looks: [], claim: null, claimedAt: null, moreOnsetsNeeded: null, finished: false },
      cutShortSensitivity: cutShort > 0 ? { runs: cutShort, ...pick(fitPrimaryModel(used, { cutShortAsOnsets: true })) } : null,
    };
  }

  // The evidence at each milestone reached: the runs up to the one that brought the onsets there.
  const evidence: EvidenceAtMilestone[] = [];
  let seen = 0;
  let milestone = 0;
  used.forEach((run, index) => {
    if (!run.pain) return;
    seen += 1;
    if (milestone < ONSET_MILESTONES.length && seen === ONSET_MILESTONES[milestone]) {
      const upTo = used.slice(0, index + 1);
      const atMilestone = milestone === ONSET_MILESTONES.length - 1 && index === used.length - 1 ? permutation : weekShiftTest(upTo, calendar);
      evidence.push({ z: atMilestone?.z ?? null, reachedOn: run.localDate, pEarlier: atMilestone?.pEarlier ?? null, pLater: atMilestone?.pLater ?? null, shifts: atMilestone?.shifts ?? null });
      milestone += 1;
    }
  });
  const sequential = sequentialDecision(evidence, permutation?.z ?? null, onsets);

  const cutShortPainFree = used.filter((run) => run.cutShort && !run.pain).length;
  const cutShortSensitivity = cutShortPainFree > 0 ? { runs: cutShortPainFree, ...pick(fitPrimaryModel(used, { cutShortAsOnsets: true })) } : null;
  return {
    exposure: fit.exposure,
    adjusters: fit.adjusters,
    problem: fit.problem,
    runs: used.length,
    onsets,
    permutation: permutation === null ? null : { pValue: permutation.pValue, shifts: permutation.shifts },
    sequential,
    cutShortSensitivity,
  };
}

function pick(fit: ReturnType<typeof fitPrimaryModel>): { exposure: ModelTerm | null; problem: string | null } {
  return { exposure: fit.exposure, problem: fit.problem };
}
