import { twoSidedNormalCriticalValue } from './distributions';

/**
 * One run seen as a time-to-event observation. In Stance `time` is usually the distance into
 * the run (metres) at which knee pain started; it can be any non-negative scale.
 *
 * - `event: true`: the pain started at `time`.
 * - `event: false`: the run ended pain-free at `time` (right-censored): we only know the pain
 *   would have come later, if at all. A pain-free run is information, never missing data.
 */
export interface SurvivalObservation {
  time: number;
  event: boolean;
}

/**
 * The Kaplan–Meier estimate just after one distinct event time.
 *
 * - `atRisk`: observations with time ≥ `time` (still pain-free just before it).
 * - `events`: pain onsets at exactly `time`.
 * - `survival`: the product-limit estimate S(time) of staying pain-free past `time`.
 * - `stdErr`: Greenwood's standard error of S, S·√Σ d/(n(n−d)) (as R's summary.survfit prints).
 * - `lower`, `upper`: pointwise confidence interval for S on the log-log scale.
 */
export interface KaplanMeierStep {
  time: number;
  atRisk: number;
  events: number;
  survival: number;
  stdErr: number;
  lower: number;
  upper: number;
}

export interface KaplanMeierCurve {
  /** One step per distinct event time, in increasing time. Empty when nothing happened. */
  steps: KaplanMeierStep[];
  /** Smallest time at which the survival falls to 0.5 or below; null if it never does. */
  median: number | null;
}

export interface KaplanMeierOptions {
  /** Coverage of the pointwise intervals. Default 0.95. */
  confidenceLevel?: number;
}

/**
 * Tolerance when comparing a survival probability with 0.5, so that a product that is 0.5 in
 * exact arithmetic (e.g. 3/4 · 2/3) is not missed by rounding. R's quantile.survfit does the same.
 */
const HALF_TOLERANCE = 1e-12;

/** Rejects observations the estimator cannot interpret, naming the first offending one. */
export function checkSurvivalObservations(observations: readonly SurvivalObservation[]): void {
  observations.forEach((observation, index) => {
    if (!Number.isFinite(observation.time) || observation.time < 0) {
      throw new RangeError(`Observation ${index} has time ${observation.time}; times must be finite and ≥ 0`);
    }
    if (typeof observation.event !== 'boolean') {
      throw new RangeError(`Observation ${index} must say whether the event happened (true or false)`);
    }
  });
}

/** Events and censorings at one distinct time. */
export interface TiedObservations {
  time: number;
  events: number;
  censored: number;
}

/** Groups observations by distinct time, in increasing time. */
export function tallyByTime(observations: readonly SurvivalObservation[]): TiedObservations[] {
  const byTime = new Map<number, TiedObservations>();
  for (const { time, event } of observations) {
    const tally = byTime.get(time) ?? { time, events: 0, censored: 0 };
    if (event) tally.events += 1;
    else tally.censored += 1;
    byTime.set(time, tally);
  }
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

/**
 * Pointwise log-log confidence interval for S, as R's survfit(conf.type = "log-log"):
 * exp(−exp(log(−log S) ± z·σ / |log S|)) where σ² = Σ d/(n(n−d)) is Greenwood's variance of the
 * cumulative hazard. Unlike the plain interval it always lies inside [0, 1].
 *
 * At S = 0 (everyone still at risk had the event) the interval is undefined; R reports NA.
 * Here it collapses to [0, 0] so that every field stays a number. Steps only exist at event
 * times, so S = 1 never reaches this function.
 */
function logLogInterval(survival: number, greenwoodSum: number, criticalValue: number): { lower: number; upper: number } {
  if (survival <= 0) return { lower: 0, upper: 0 };
  const logSurvival = Math.log(survival);
  const halfWidth = (criticalValue * Math.sqrt(greenwoodSum)) / Math.abs(logSurvival);
  const centre = Math.log(-logSurvival);
  return {
    lower: Math.exp(-Math.exp(centre + halfWidth)),
    upper: Math.exp(-Math.exp(centre - halfWidth)),
  };
}

/**
 * The Kaplan–Meier (product-limit) estimate of the probability of staying pain-free past each
 * time, with Greenwood standard errors and log-log confidence intervals.
 *
 * Conventions (those of R's survival package, against which it is tested):
 * - One step per distinct event time; a time with only censorings makes no step, but those
 *   observations leave the risk set after it.
 * - Ties: events at time t happen before censorings at t, so a run that ended pain-free at t
 *   counts as at risk for pain at t.
 * - When the last observation is an event, S falls to 0: its `stdErr` is 0 (Greenwood's
 *   formula S·√(…) with S = 0; R prints NaN) and its interval is [0, 0] (R prints NA).
 * - `median` is the first step with S ≤ 0.5. Where S is exactly 0.5 over an interval R's
 *   print.survfit instead reports the midpoint of that interval; we report its start.
 *
 * Empty input gives no steps and a null median; so does input with no events (S stays 1).
 */
export function kaplanMeier(observations: readonly SurvivalObservation[], options: KaplanMeierOptions = {}): KaplanMeierCurve {
  checkSurvivalObservations(observations);
  const criticalValue = twoSidedNormalCriticalValue(options.confidenceLevel ?? 0.95);
  const steps: KaplanMeierStep[] = [];
  let atRisk = observations.length;
  let survival = 1;
  let greenwoodSum = 0;
  for (const { time, events, censored } of tallyByTime(observations)) {
    if (events > 0) {
      survival *= 1 - events / atRisk;
      const noOneLeftPainFree = events === atRisk;
      if (!noOneLeftPainFree) greenwoodSum += events / (atRisk * (atRisk - events));
      const stdErr = noOneLeftPainFree ? 0 : survival * Math.sqrt(greenwoodSum);
      steps.push({ time, atRisk, events, survival, stdErr, ...logLogInterval(survival, greenwoodSum, criticalValue) });
    }
    atRisk -= events + censored;
  }
  return { steps, median: firstTimeAtOrBelowHalf(steps, (step) => step.survival) };
}

function firstTimeAtOrBelowHalf(
  steps: readonly KaplanMeierStep[],
  curve: (step: KaplanMeierStep) => number | null,
): number | null {
  const step = steps.find((candidate) => {
    const value = curve(candidate);
    return value !== null && value <= 0.5 + HALF_TOLERANCE;
  });
  return step === undefined ? null : step.time;
}

export interface MedianSurvivalInterval {
  median: number | null;
  /** First time the lower confidence curve reaches 0.5; null if it never does. */
  lower: number | null;
  /** First time the upper confidence curve reaches 0.5; null if it never does (R prints NA). */
  upper: number | null;
}

/**
 * Confidence interval for the median time to pain (Brookmeyer & Crowley 1982, as R prints it
 * in the 0.95LCL / 0.95UCL columns of print(survfit(…))): the times at which the pointwise
 * lower and upper curves first fall to 0.5. With few events the upper limit is often null:
 * the data cannot rule out a median beyond the longest run.
 *
 * A final step where S falls to 0 has no real interval (its [0, 0] is a placeholder), so it is
 * skipped here, as R does with its NA: three runs that all hurt, at 1, 2 and 3 km, give a median
 * of 2 with limits 1 and null, exactly as R prints.
 */
export function medianSurvivalInterval(curve: KaplanMeierCurve): MedianSurvivalInterval {
  const intervalBound = (bound: 'lower' | 'upper') => (step: KaplanMeierStep) => (step.survival > 0 ? step[bound] : null);
  return {
    median: curve.median,
    lower: firstTimeAtOrBelowHalf(curve.steps, intervalBound('lower')),
    upper: firstTimeAtOrBelowHalf(curve.steps, intervalBound('upper')),
  };
}
