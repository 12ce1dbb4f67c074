import { studentTTwoSidedPValue, twoSidedNormalCriticalValue } from './distributions';

export interface SpearmanCorrelation {
  /** Spearman's ρ in [−1, 1]; null when n < 2 or either variable takes a single value. */
  rho: number | null;
  /** Two-sided p-value for ρ = 0 from the t approximation; null when n < 3 or rho is null. */
  pValue: number | null;
  /** Number of pairs. */
  n: number;
  /** Confidence interval for ρ (Fisher z, Fieller et al. SE); null when n < 4 or rho is null. */
  lower: number | null;
  upper: number | null;
}

export interface SpearmanOptions {
  /** Coverage of the interval. Default 0.95. */
  confidenceLevel?: number;
}

/**
 * Ranks 1…n, giving tied values the average of the ranks they span ("mid-ranks"), so that
 * [10, 20, 20, 30] ranks as [1, 2.5, 2.5, 4].
 */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((value, index) => ({ value, index })).sort((a, b) => a.value - b.value);
  const ranks = new Array<number>(values.length).fill(0);
  let start = 0;
  while (start < order.length) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]?.value === order[start]?.value) end += 1;
    const midRank = (start + end) / 2 + 1;
    for (let position = start; position <= end; position++) {
      const entry = order[position];
      if (entry !== undefined) ranks[entry.index] = midRank;
    }
    start = end + 1;
  }
  return ranks;
}

/** Pearson's product-moment correlation; null when either variable has no spread. */
export function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (n < 2) return null;
  const meanX = x.reduce((sum, value) => sum + value, 0) / n;
  const meanY = y.reduce((sum, value) => sum + value, 0) / n;
  let crossProducts = 0;
  let squaresX = 0;
  let squaresY = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] ?? 0) - meanX;
    const dy = (y[i] ?? 0) - meanY;
    crossProducts += dx * dy;
    squaresX += dx * dx;
    squaresY += dy * dy;
  }
  if (squaresX === 0 || squaresY === 0) return null;
  // Rounding can push |r| a hair past 1; the true value cannot be.
  return Math.max(-1, Math.min(1, crossProducts / Math.sqrt(squaresX * squaresY)));
}

/**
 * Two-sided p-value for ρ = 0 from t = ρ·√((n−2)/(1−ρ²)) on n − 2 degrees of freedom: what R's
 * cor.test(method = "spearman", exact = FALSE) reports (it is also R's choice for n > 1290).
 * |ρ| = 1 gives p = 0, as in R.
 */
function spearmanPValue(rho: number, n: number): number {
  const degreesOfFreedom = n - 2;
  if (Math.abs(rho) === 1) return 0;
  return studentTTwoSidedPValue(rho * Math.sqrt(degreesOfFreedom / (1 - rho * rho)), degreesOfFreedom);
}

/**
 * Confidence interval for ρ by Fisher's z = atanh(ρ) with the standard error √(1.06/(n−3))
 * proposed for Spearman's ρ by Fieller, Hartley & Pearson (1957), Biometrika 44:470–481
 * (Pearson's r would use √(1/(n−3))). It is an approximation: intervals for small n and
 * large |ρ| are rough, and Bonett & Wright (2000), Psychometrika 65:23–28, propose the wider
 * √((1 + ρ²/2)/(n−3)) instead. Back-transformed with tanh, so it stays within [−1, 1]; |ρ| = 1
 * gives the degenerate interval [ρ, ρ].
 */
function spearmanInterval(rho: number, n: number, confidenceLevel: number): { lower: number; upper: number } {
  const z = Math.atanh(rho);
  const halfWidth = twoSidedNormalCriticalValue(confidenceLevel) * Math.sqrt(1.06 / (n - 3));
  return { lower: Math.tanh(z - halfWidth), upper: Math.tanh(z + halfWidth) };
}

/**
 * Spearman's rank correlation between paired measurements, e.g. days since the last glute
 * session and the distance at which knee pain started. ρ is Pearson's correlation of the
 * mid-ranks, which handles ties the way R's cor(method = "spearman") does.
 *
 * Undefined quantities are null, never NaN: ρ for n < 2 or a constant variable, the p-value for
 * n < 3, the interval for n < 4. Throws on unequal lengths or non-finite values: drop
 * incomplete pairs before calling.
 */
export function spearman(x: readonly number[], y: readonly number[], options: SpearmanOptions = {}): SpearmanCorrelation {
  if (x.length !== y.length) throw new RangeError(`Spearman needs pairs: got ${x.length} and ${y.length} values`);
  const firstBad = [...x, ...y].findIndex((value) => !Number.isFinite(value));
  if (firstBad >= 0) throw new RangeError('Spearman needs finite numbers; drop incomplete pairs first');
  const n = x.length;
  const rho = pearson(averageRanks(x), averageRanks(y));
  if (rho === null) return { rho, pValue: null, n, lower: null, upper: null };
  const pValue = n >= 3 ? spearmanPValue(rho, n) : null;
  const interval = n >= 4 ? spearmanInterval(rho, n, options.confidenceLevel ?? 0.95) : { lower: null, upper: null };
  return { rho, pValue, n, ...interval };
}
