/**
 * The Cox proportional-hazards model (Cox 1972, "Regression models and life-tables", J R Stat
 * Soc B 34:187–220), fitted by maximising the partial likelihood with Newton–Raphson, as R's
 * survival::coxph does (Therneau & Grambsch 2000, "Modeling Survival Data", ch. 3).
 *
 * In Stance the time scale is the distance into a run (metres) and the event is the onset of
 * knee pain; a pain-free run is right-censored at its distance. Any non-negative time scale works.
 *
 * Ties (several onsets at the same distance):
 * - 'efron' (the default, as in R): Efron (1977), J Am Stat Assoc 72:557–565. At a time with d
 *   events the k-th of them (k = 0…d−1) sees the risk set minus k/d of the tied events' weight.
 * - 'breslow': Breslow (1974), Biometrics 30:89–99: every tied event sees the whole risk set.
 *
 * Numbers, as R computes them:
 * - covariates are centred on their means (this changes no estimate; it keeps exp() in range);
 * - Newton–Raphson from β = 0 with step halving when the log partial likelihood falls
 *   (coxph.control: iteration until the relative change in it is tiny); here it runs to full
 *   convergence, so R's estimates are matched to far better than 1e-6;
 * - standard errors: the square roots of the diagonal of the inverse information matrix at β̂;
 * - 95% intervals: exp(β̂ ± 1.959964·se) on the hazard-ratio scale; Wald p: 2·(1 − Φ(|β̂/se|));
 * - likelihood-ratio test: 2·(ℓ(β̂) − ℓ(0)) against χ² with p degrees of freedom;
 * - score (log-rank) test: U(0)ᵀ I(0)⁻¹ U(0) against χ² with p degrees of freedom.
 *
 * Data the model cannot use get a worded result (`estimable: false`) instead of NaN or a hang:
 * no events; a covariate with one value only; covariates that are exact linear combinations of
 * others (collinear); and separation (monotone likelihood: the estimate runs off to infinity,
 * e.g. every onset happened in runs with the highest value of a covariate). Where R fits such
 * data it warns ("coefficient may be infinite") or prints NA.
 */
import { chiSquareUpperTail, normalCdf, twoSidedNormalCriticalValue } from './distributions';

export interface CoxObservation {
  /** Time to the event or to censoring (in Stance: metres into the run), finite and ≥ 0. */
  time: number;
  /** True: the event (pain onset) happened at `time`; false: right-censored at `time`. */
  event: boolean;
  /** One number per covariate, the same count in every observation, all finite. */
  covariates: number[];
}

export interface CoxOptions {
  /** How tied event times are handled. Default 'efron' (as R's coxph). */
  ties?: 'efron' | 'breslow';
}

/** A fitted model. Arrays are in covariate order; intervals are 95%. */
export interface CoxFit {
  estimable: true;
  coefficients: number[];
  standardErrors: number[];
  hazardRatios: number[];
  lower: number[];
  upper: number[];
  waldP: number[];
  /** Log partial likelihood at the estimate. */
  logLikelihood: number;
  /** Log partial likelihood at β = 0. */
  nullLogLikelihood: number;
  likelihoodRatioP: number;
  scoreP: number;
  events: number;
  observations: number;
  iterations: number;
}

export type CoxProblem = 'no_observations' | 'no_events' | 'constant_covariate' | 'collinear' | 'separation';

/** Data the model cannot be fitted to, with the reason in words. */
export interface CoxNotEstimable {
  estimable: false;
  problem: CoxProblem;
  /** The covariate (index) at fault, where there is one. */
  covariate: number | null;
  /** A sentence a reader can act on. */
  message: string;
  events: number;
  observations: number;
}

export type CoxResult = CoxFit | CoxNotEstimable;

const MAX_ITERATIONS = 60;
/** |β·sd(x)| beyond this means a hazard ratio of e^25 per standard deviation: the estimate is running off to infinity. */
const SEPARATION_LIMIT = 25;

/**
 * Fits a Cox proportional-hazards model. Throws a RangeError for malformed input (a time that
 * is negative or not finite, covariates of different lengths, non-finite covariates); returns
 * `{ estimable: false, … }` with a message for data the model cannot be fitted to.
 */
export function coxProportionalHazards(observations: readonly CoxObservation[], options: CoxOptions = {}): CoxResult {
  const ties = options.ties ?? 'efron';
  if (ties !== 'efron' && ties !== 'breslow') throw new RangeError(`ties must be 'efron' or 'breslow', not ${String(ties)}`);
  const n = observations.length;
  const p = n > 0 ? observations[0]!.covariates.length : 0;
  let events = 0;
  for (let index = 0; index < n; index++) {
    const observation = observations[index]!;
    if (!Number.isFinite(observation.time) || observation.time < 0) {
      throw new RangeError(`Observation ${index} has time ${observation.time}; times must be finite and ≥ 0`);
    }
    if (observation.covariates.length !== p) {
      throw new RangeError(`Observation ${index} has ${observation.covariates.length} covariates; observation 0 has ${p}`);
    }
    for (let column = 0; column < p; column++) {
      const value = observation.covariates[column]!;
      if (!Number.isFinite(value)) throw new RangeError(`Observation ${index}, covariate ${column} is ${value}; covariates must be finite numbers`);
    }
    if (observation.event) events += 1;
  }
  const notEstimable = (problem: CoxProblem, covariate: number | null, message: string): CoxNotEstimable => ({
    estimable: false,
    problem,
    covariate,
    message,
    events,
    observations: n,
  });
  if (n === 0) return notEstimable('no_observations', null, 'There are no observations to fit the model to.');
  if (p === 0) throw new RangeError('The model needs at least one covariate');
  if (events === 0) return notEstimable('no_events', null, 'No events (pain onsets) yet: the model needs at least one to say anything.');

  // Order by time, longest first, so that the risk set grows as we go; at tied times, censored
  // observations come first (they are in the risk set of the events at that time either way).
  // (Plain loops, not TypedArray.from with a mapping function, which is slow in V8.)
  const order = riskSetOrder(observations);
  const times = new Float64Array(n);
  const status = new Uint8Array(n);
  const x = new Float64Array(n * p);
  const means = new Float64Array(p);
  for (const observation of observations) for (let j = 0; j < p; j++) means[j]! += observation.covariates[j]! / n;
  const sds = new Float64Array(p);
  order.forEach((source, row) => {
    const observation = observations[source]!;
    times[row] = observation.time;
    status[row] = observation.event ? 1 : 0;
    for (let j = 0; j < p; j++) {
      const centred = observation.covariates[j]! - means[j]!;
      x[row * p + j] = centred;
      sds[j]! += (centred * centred) / n;
    }
  });
  for (let j = 0; j < p; j++) sds[j] = Math.sqrt(sds[j]!);

  // A covariate with one value, or one that others determine exactly, cannot be estimated.
  for (let j = 0; j < p; j++) {
    const scale = Math.max(1, Math.abs(means[j]!));
    if (sds[j]! <= 1e-12 * scale) {
      return notEstimable('constant_covariate', j, `Covariate ${j + 1} has the same value in every observation, so its effect cannot be estimated.`);
    }
  }
  const collinear = firstDependentColumn(x, n, p, sds);
  if (collinear !== null) {
    return notEstimable(
      'collinear',
      collinear,
      `Covariate ${collinear + 1} is an exact combination of the ones before it (collinear), so their effects cannot be told apart.`,
    );
  }

  const work = new PartialLikelihood(times, status, x, n, p, ties === 'efron');
  let beta: Float64Array = new Float64Array(p);
  let current = work.evaluate(beta);
  const nullLogLikelihood = current.logLikelihood;
  const scoreAtZero = current.gradient;
  const informationAtZero = current.information;
  let iterations = 0;
  let converged = false;
  for (; iterations < MAX_ITERATIONS; iterations++) {
    const step = solveSymmetric(current.information, current.gradient, p);
    if (step === null) break;
    let candidate = addScaled(beta, step, 1);
    let next = work.evaluate(candidate);
    // Step halving, as coxph does, when the likelihood went down (or overflowed).
    let halvings = 0;
    while ((!Number.isFinite(next.logLikelihood) || next.logLikelihood < current.logLikelihood - 1e-12 * Math.abs(current.logLikelihood)) && halvings < 30) {
      halvings += 1;
      candidate = addScaled(beta, step, 1 / 2 ** halvings);
      next = work.evaluate(candidate);
    }
    const change = Math.abs(next.logLikelihood - current.logLikelihood);
    const largestStep = Math.max(...Array.from(candidate, (value, j) => Math.abs(value - beta[j]!) * sds[j]!));
    beta = candidate;
    current = next;
    if (!Number.isFinite(current.logLikelihood)) break;
    if (Array.from(beta, (value, j) => Math.abs(value) * sds[j]!).some((size) => size > SEPARATION_LIMIT)) break;
    if (change <= 1e-13 * Math.max(1, Math.abs(current.logLikelihood)) && largestStep < 1e-9) {
      converged = true;
      iterations += 1;
      break;
    }
  }
  const runaway = Array.from(beta, (value, j) => Math.abs(value) * sds[j]!).findIndex((size) => size > SEPARATION_LIMIT / 2);
  const inverse = invertSymmetric(current.information, p);
  if (!converged || runaway >= 0 || inverse === null) {
    const covariate = runaway >= 0 ? runaway : null;
    return notEstimable(
      'separation',
      covariate,
      covariate === null
        ? 'The estimate does not settle (the hazard ratio runs off towards zero or infinity): the events are too neatly split by the covariates.'
        : `The estimate for covariate ${covariate + 1} runs off towards ${beta[covariate]! > 0 ? 'infinity' : 'zero'}: every event fell on one side of it (separation), so no finite hazard ratio fits.`,
    );
  }

  const z = twoSidedNormalCriticalValue(0.95);
  const coefficients = Array.from(beta);
  const standardErrors = coefficients.map((_, j) => Math.sqrt(Math.max(0, inverse[j * p + j]!)));
  const zeroInverse = invertSymmetric(informationAtZero, p);
  const scoreStatistic = zeroInverse === null ? 0 : quadraticForm(scoreAtZero, zeroInverse, p);
  const likelihoodRatio = Math.max(0, 2 * (current.logLikelihood - nullLogLikelihood));
  return {
    estimable: true,
    coefficients,
    standardErrors,
    hazardRatios: coefficients.map(Math.exp),
    lower: coefficients.map((b, j) => Math.exp(b - z * standardErrors[j]!)),
    upper: coefficients.map((b, j) => Math.exp(b + z * standardErrors[j]!)),
    waldP: coefficients.map((b, j) => 2 * normalCdf(-Math.abs(b / standardErrors[j]!))),
    logLikelihood: current.logLikelihood,
    nullLogLikelihood,
    likelihoodRatioP: chiSquareUpperTail(likelihoodRatio, p),
    scoreP: chiSquareUpperTail(Math.max(0, scoreStatistic), p),
    events,
    observations: n,
    iterations,
  };
}

/**
 * The observations' indices by time, longest first, censored before events at a tied time, and in
 * the given order within each (time, event) group: the order of a stable sort by that rule, found
 * with a numeric sort of the times and a counting pass (a comparator sort of ten years of runs was
 * the costliest part of a fit). tests/analysis/cox.test.ts checks it against the stable sort.
 */
export function riskSetOrder(observations: readonly Pick<CoxObservation, 'time' | 'event'>[]): number[] {
  const n = observations.length;
  const sorted = new Float64Array(n);
  for (let index = 0; index < n; index++) sorted[index] = observations[index]!.time;
  sorted.sort();
  // The distinct times, ascending (0 and −0 are one time, as in the comparator).
  let distinct = 0;
  for (let index = 0; index < n; index++) if (index === 0 || sorted[index] !== sorted[distinct - 1]) sorted[distinct++] = sorted[index]!;
  // Bucket of an observation: its time's place from the longest, then censored (0) before events (1).
  const bucketOf = new Int32Array(n);
  const counts = new Int32Array(2 * distinct + 1);
  for (let index = 0; index < n; index++) {
    const observation = observations[index]!;
    let low = 0;
    let high = distinct;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (sorted[middle]! < observation.time) low = middle + 1;
      else high = middle;
    }
    const bucket = 2 * (distinct - 1 - low) + (observation.event ? 1 : 0);
    bucketOf[index] = bucket;
    counts[bucket + 1]! += 1;
  }
  for (let bucket = 1; bucket < counts.length; bucket++) counts[bucket]! += counts[bucket - 1]!;
  const order = new Array<number>(n);
  for (let index = 0; index < n; index++) order[counts[bucketOf[index]!]!++] = index;
  return order;
}

interface Evaluation {
  logLikelihood: number;
  gradient: Float64Array;
  /** Negative Hessian, p × p row-major. */
  information: Float64Array;
}

/**
 * The log partial likelihood, its gradient and the information matrix at β, in one pass over the
 * observations sorted by decreasing time (risk-set sums accumulate as the time falls). `times`
 * (n, decreasing), `status` (n, 1 for an event), `x` (n × p, row-major, centred covariates);
 * `efron` for Efron's ties, else Breslow's. Exported for the tests of its written-out loops.
 */
export class PartialLikelihood {
  private readonly risk: Float64Array;
  private readonly s1: Float64Array;
  private readonly s2: Float64Array;
  private readonly d1: Float64Array;
  private readonly d2: Float64Array;
  private readonly a: Float64Array;

  constructor(
    private readonly times: Float64Array,
    private readonly status: Uint8Array,
    private readonly x: Float64Array,
    private readonly n: number,
    private readonly p: number,
    private readonly efron: boolean,
  ) {
    this.risk = new Float64Array(n);
    this.s1 = new Float64Array(p);
    this.s2 = new Float64Array(p * p);
    this.d1 = new Float64Array(p);
    this.d2 = new Float64Array(p * p);
    this.a = new Float64Array(p);
  }

  evaluate(beta: Float64Array): Evaluation {
    // The Insights' models have 3 covariates (exposure and two adjusters) and 2 (the adjusters
    // alone): those sizes have their own loops, over plain numbers instead of small arrays, doing
    // the same arithmetic in the same order (each sum gets the same terms in the same sequence),
    // so they give the very same doubles (tests/analysis/cox.test.ts compares them bit for bit).
    if (this.p === 3) return this.evaluateThree(beta);
    if (this.p === 2) return this.evaluateTwo(beta);
    return this.evaluateAny(beta);
  }

  /** evaluate for any number of covariates. */
  evaluateAny(beta: Float64Array): Evaluation {
    const { times, status, x, n, p, risk, s1, s2, d1, d2, a, efron } = this;
    for (let i = 0, row = 0; i < n; i++, row += p) {
      let eta = 0;
      for (let j = 0; j < p; j++) eta += x[row + j]! * beta[j]!;
      risk[i] = eta;
    }
    const gradient = new Float64Array(p);
    const information = new Float64Array(p * p);
    let logLikelihood = 0;
    let s0 = 0;
    s1.fill(0);
    s2.fill(0);
    d1.fill(0);
    d2.fill(0);
    let i = 0;
    while (i < n) {
      const time = times[i]!;
      // Every observation at this time joins the risk set; the events among them are tallied.
      let d0 = 0;
      let deaths = 0;
      // (d1 and d2 are zero here: they are cleared after each time with events below.)
      for (; i < n && times[i] === time; i++) {
        const eta = risk[i]!;
        const weight = Math.exp(eta);
        const row = i * p;
        s0 += weight;
        for (let j = 0; j < p; j++) {
          const xj = x[row + j]!;
          const weighted = weight * xj;
          s1[j]! += weighted;
          for (let k = 0; k <= j; k++) s2[j * p + k]! += weighted * x[row + k]!;
        }
        if (status[i] === 1) {
          deaths += 1;
          d0 += weight;
          logLikelihood += eta;
          for (let j = 0; j < p; j++) {
            const xj = x[row + j]!;
            const weighted = weight * xj;
            gradient[j]! += xj;
            d1[j]! += weighted;
            for (let k = 0; k <= j; k++) d2[j * p + k]! += weighted * x[row + k]!;
          }
        }
      }
      for (let k = 0; k < deaths; k++) {
        const fraction = efron ? k / deaths : 0;
        const denominator = s0 - fraction * d0;
        logLikelihood -= Math.log(denominator);
        for (let j = 0; j < p; j++) {
          a[j] = (s1[j]! - fraction * d1[j]!) / denominator;
          gradient[j]! -= a[j]!;
        }
        for (let j = 0; j < p; j++) {
          for (let l = 0; l <= j; l++) {
            information[j * p + l]! += (s2[j * p + l]! - fraction * d2[j * p + l]!) / denominator - a[j]! * a[l]!;
          }
        }
      }
      if (deaths > 0) {
        for (let j = 0; j < p; j++) d1[j] = 0;
        for (let j = 0; j < p * p; j++) d2[j] = 0;
      }
    }
    for (let j = 0; j < p; j++) for (let l = 0; l < j; l++) information[l * p + j] = information[j * p + l]!;
    return { logLikelihood, gradient, information };
  }

  /** evaluateAny for 3 covariates, written out. */
  private evaluateThree(beta: Float64Array): Evaluation {
    const { times, status, x, n, efron } = this;
    const b0 = beta[0]!;
    const b1 = beta[1]!;
    const b2 = beta[2]!;
    let logLikelihood = 0;
    let g0 = 0, g1 = 0, g2 = 0; // prettier-ignore
    let i00 = 0, i10 = 0, i11 = 0, i20 = 0, i21 = 0, i22 = 0; // prettier-ignore
    let s0 = 0;
    let s10 = 0, s11 = 0, s12 = 0; // prettier-ignore
    let s200 = 0, s210 = 0, s211 = 0, s220 = 0, s221 = 0, s222 = 0; // prettier-ignore
    let i = 0;
    while (i < n) {
      const time = times[i]!;
      let d0 = 0;
      let deaths = 0;
      let d10 = 0, d11 = 0, d12 = 0; // prettier-ignore
      let d200 = 0, d210 = 0, d211 = 0, d220 = 0, d221 = 0, d222 = 0; // prettier-ignore
      for (; i < n && times[i] === time; i++) {
        const row = i * 3;
        const x0 = x[row]!;
        const x1 = x[row + 1]!;
        const x2 = x[row + 2]!;
        let eta = 0;
        eta += x0 * b0;
        eta += x1 * b1;
        eta += x2 * b2;
        const weight = Math.exp(eta);
        s0 += weight;
        const w0 = weight * x0;
        s10 += w0;
        s200 += w0 * x0;
        const w1 = weight * x1;
        s11 += w1;
        s210 += w1 * x0;
        s211 += w1 * x1;
        const w2 = weight * x2;
        s12 += w2;
        s220 += w2 * x0;
        s221 += w2 * x1;
        s222 += w2 * x2;
        if (status[i] === 1) {
          deaths += 1;
          d0 += weight;
          logLikelihood += eta;
          g0 += x0;
          d10 += w0;
          d200 += w0 * x0;
          g1 += x1;
          d11 += w1;
          d210 += w1 * x0;
          d211 += w1 * x1;
          g2 += x2;
          d12 += w2;
          d220 += w2 * x0;
          d221 += w2 * x1;
          d222 += w2 * x2;
        }
      }
      for (let k = 0; k < deaths; k++) {
        const fraction = efron ? k / deaths : 0;
        const denominator = s0 - fraction * d0;
        logLikelihood -= Math.log(denominator);
        const a0 = (s10 - fraction * d10) / denominator;
        g0 -= a0;
        const a1 = (s11 - fraction * d11) / denominator;
        g1 -= a1;
        const a2 = (s12 - fraction * d12) / denominator;
        g2 -= a2;
        i00 += (s200 - fraction * d200) / denominator - a0 * a0;
        i10 += (s210 - fraction * d210) / denominator - a1 * a0;
        i11 += (s211 - fraction * d211) / denominator - a1 * a1;
        i20 += (s220 - fraction * d220) / denominator - a2 * a0;
        i21 += (s221 - fraction * d221) / denominator - a2 * a1;
        i22 += (s222 - fraction * d222) / denominator - a2 * a2;
      }
    }
    return {
      logLikelihood,
      gradient: Float64Array.of(g0, g1, g2),
      information: Float64Array.of(i00, i10, i20, i10, i11, i21, i20, i21, i22),
    };
  }

  /** evaluateAny for 2 covariates, written out. */
  private evaluateTwo(beta: Float64Array): Evaluation {
    const { times, status, x, n, efron } = this;
    const b0 = beta[0]!;
    const b1 = beta[1]!;
    let logLikelihood = 0;
    let g0 = 0, g1 = 0; // prettier-ignore
    let i00 = 0, i10 = 0, i11 = 0; // prettier-ignore
    let s0 = 0;
    let s10 = 0, s11 = 0; // prettier-ignore
    let s200 = 0, s210 = 0, s211 = 0; // prettier-ignore
    let i = 0;
    while (i < n) {
      const time = times[i]!;
      let d0 = 0;
      let deaths = 0;
      let d10 = 0, d11 = 0; // prettier-ignore
      let d200 = 0, d210 = 0, d211 = 0; // prettier-ignore
      for (; i < n && times[i] === time; i++) {
        const row = i * 2;
        const x0 = x[row]!;
        const x1 = x[row + 1]!;
        let eta = 0;
        eta += x0 * b0;
        eta += x1 * b1;
        const weight = Math.exp(eta);
        s0 += weight;
        const w0 = weight * x0;
        s10 += w0;
        s200 += w0 * x0;
        const w1 = weight * x1;
        s11 += w1;
        s210 += w1 * x0;
        s211 += w1 * x1;
        if (status[i] === 1) {
          deaths += 1;
          d0 += weight;
          logLikelihood += eta;
          g0 += x0;
          d10 += w0;
          d200 += w0 * x0;
          g1 += x1;
          d11 += w1;
          d210 += w1 * x0;
          d211 += w1 * x1;
        }
      }
      for (let k = 0; k < deaths; k++) {
        const fraction = efron ? k / deaths : 0;
        const denominator = s0 - fraction * d0;
        logLikelihood -= Math.log(denominator);
        const a0 = (s10 - fraction * d10) / denominator;
        g0 -= a0;
        const a1 = (s11 - fraction * d11) / denominator;
        g1 -= a1;
        i00 += (s200 - fraction * d200) / denominator - a0 * a0;
        i10 += (s210 - fraction * d210) / denominator - a1 * a0;
        i11 += (s211 - fraction * d211) / denominator - a1 * a1;
      }
    }
    return { logLikelihood, gradient: Float64Array.of(g0, g1), information: Float64Array.of(i00, i10, i10, i11) };
  }
}

function addScaled(base: Float64Array, step: Float64Array, scale: number): Float64Array {
  const sum = new Float64Array(base.length);
  for (let j = 0; j < base.length; j++) sum[j] = base[j]! + scale * step[j]!;
  return sum;
}

/**
 * Cholesky factor L (lower, row-major) of a symmetric positive-definite matrix; null when a pivot
 * is not clearly positive (relative tolerance 1e-11, as R's cholesky2 uses a small tolerance).
 */
function cholesky(matrix: Float64Array, p: number): Float64Array | null {
  const factor = new Float64Array(p * p);
  let largestDiagonal = 0;
  for (let j = 0; j < p; j++) largestDiagonal = Math.max(largestDiagonal, Math.abs(matrix[j * p + j]!));
  for (let j = 0; j < p; j++) {
    let diagonal = matrix[j * p + j]!;
    for (let k = 0; k < j; k++) diagonal -= factor[j * p + k]! ** 2;
    if (!(diagonal > 1e-11 * Math.max(largestDiagonal, Number.MIN_VALUE))) return null;
    const root = Math.sqrt(diagonal);
    factor[j * p + j] = root;
    for (let i = j + 1; i < p; i++) {
      let sum = matrix[i * p + j]!;
      for (let k = 0; k < j; k++) sum -= factor[i * p + k]! * factor[j * p + k]!;
      factor[i * p + j] = sum / root;
    }
  }
  return factor;
}

/** Solves A·s = b for symmetric positive-definite A; null when A is not. */
function solveSymmetric(matrix: Float64Array, right: Float64Array, p: number): Float64Array | null {
  const factor = cholesky(matrix, p);
  if (factor === null) return null;
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let sum = right[i]!;
    for (let k = 0; k < i; k++) sum -= factor[i * p + k]! * y[k]!;
    y[i] = sum / factor[i * p + i]!;
  }
  const solution = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < p; k++) sum -= factor[k * p + i]! * solution[k]!;
    solution[i] = sum / factor[i * p + i]!;
  }
  return solution;
}

function invertSymmetric(matrix: Float64Array, p: number): Float64Array | null {
  const inverse = new Float64Array(p * p);
  for (let column = 0; column < p; column++) {
    const unit = new Float64Array(p);
    unit[column] = 1;
    const solution = solveSymmetric(matrix, unit, p);
    if (solution === null) return null;
    for (let row = 0; row < p; row++) inverse[row * p + column] = solution[row]!;
  }
  return inverse;
}

function quadraticForm(vector: Float64Array, matrix: Float64Array, p: number): number {
  let total = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) total += vector[i]! * matrix[i * p + j]! * vector[j]!;
  return total;
}

/**
 * The first covariate that is (numerically) a linear combination of those before it, found by
 * a Cholesky factorisation of the correlation matrix of the centred covariates; null when none.
 */
function firstDependentColumn(x: Float64Array, n: number, p: number, sds: Float64Array): number | null {
  const correlation = new Float64Array(p * p);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p; j++) {
      const xj = x[i * p + j]! / sds[j]!;
      for (let k = 0; k <= j; k++) correlation[j * p + k]! += (xj * x[i * p + k]!) / sds[k]! / n;
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) correlation[k * p + j] = correlation[j * p + k]!;
  for (let columns = 1; columns <= p; columns++) {
    const leading = new Float64Array(columns * columns);
    for (let j = 0; j < columns; j++) for (let k = 0; k < columns; k++) leading[j * columns + k] = correlation[j * p + k]!;
    if (cholesky(leading, columns) === null) return columns - 1;
  }
  return null;
}
