/**
 * Claims that survive repeated looks: a group-sequential design with the information measured
 * in pain onsets.
 *
 * A runner opens the Insights every week. If each look tested at 5%, a year of looks would claim
 * an effect that is not there far more often than 5% of the time (the issue measured 25.5%). So
 * the yes/no claim is only ever decided at fixed information milestones — when the analysed runs
 * reach 10, 15, 20, 25, 30, 40, 50 and 60 pain onsets — each on the runs up to the one that
 * brought the onsets to that number, and the boundaries spend the 5% over the milestones with the
 * Lan–DeMets O'Brien–Fleming-type spending function (Lan & DeMets 1983, Biometrika 70:659–663),
 * α/2 on each side, as gsDesign's sfLDOF and rpact's "asOF" define it:
 *
 *   α(t) = 2 · 2·(1 − Φ(z₁₋α/₄ / √t)),   t = onsets / 60   (two-sided total; α(1) = α),
 *
 * so very little is spent early (when a handful of onsets would make a fluke look convincing) and
 * the last milestone tests at close to 5%. Between milestones a look shows the same decision: a
 * week's new runs can change the estimate and its interval, never the claim. The boundaries are
 * found by the recursive integration of Armitage, McPherson & Rowe (1969, J R Stat Soc A
 * 132:235–244), as in Jennison & Turnbull (2000), "Group Sequential Methods", ch. 19, for a
 * statistic whose increments between milestones are independent with variance proportional to
 * the onsets (the Cox score, Tsiatis 1981). Two-sided: a claim either way ("earlier" or
 * "later") counts against the 5%.
 *
 * The proof that weekly looks keep the false-claim rate at or under 5% with dependent runs is the
 * seeded simulation in scripts/prove-insights.ts (npm run test:proofs).
 */
import { normalCdf, normalQuantile } from './distributions';

/** Pain onsets at which the claim is decided. */
export const ONSET_MILESTONES: readonly number[] = [10, 15, 20, 25, 30, 40, 50, 60];
/** Overall two-sided false-claim rate. */
export const CLAIM_ALPHA = 0.05;

/**
 * Lan–DeMets O'Brien–Fleming-type spending, two-sided (α/2 a side, each spent as gsDesign's
 * sfLDOF spends a one-sided α/2): the α spent by information fraction t (0 < t ≤ 1).
 */
export function obrienFlemingSpending(t: number, alpha = CLAIM_ALPHA): number {
  if (!(t > 0)) return 0;
  if (t >= 1) return alpha;
  return 4 * (1 - normalCdf(normalQuantile(1 - alpha / 4) / Math.sqrt(t)));
}

const NODES = 401;

/**
 * Two-sided group-sequential boundaries |Z_k| ≥ c_k for looks at the given information levels
 * (any increasing positive numbers; here pain onsets), spending `alpha` with `spending`.
 * Returns the c_k. Throws a RangeError for information that does not increase.
 */
export function groupSequentialBoundaries(
  information: readonly number[],
  alpha = CLAIM_ALPHA,
  spending: (t: number, alpha: number) => number = obrienFlemingSpending,
): number[] {
  information.forEach((value, index) => {
    if (!(value > 0) || (index > 0 && !(value > information[index - 1]!))) throw new RangeError('Information levels must be positive and increasing');
  });
  const last = information[information.length - 1]!;
  const boundaries: number[] = [];
  // The sub-density of S_k = Z_k·√I_k over paths that have not crossed yet, at Simpson nodes.
  let nodes: Float64Array | null = null;
  let weightedDensity: Float64Array | null = null; // Simpson weight × density at each node
  let spent = 0;
  information.forEach((info, k) => {
    const target = spending(info / last, alpha) - spent;
    const root = Math.sqrt(info);
    const previousInfo = k > 0 ? information[k - 1]! : 0;
    const spread = Math.sqrt(info - previousInfo);
    const crossing = (c: number): number => {
      if (nodes === null || weightedDensity === null) return 2 * (1 - normalCdf(c));
      let total = 0;
      for (let j = 0; j < nodes.length; j++) {
        const u = nodes[j]!;
        total += weightedDensity[j]! * (normalCdf((-c * root - u) / spread) + 1 - normalCdf((c * root - u) / spread));
      }
      return total;
    };
    let c: number;
    if (target <= 1e-15) c = 12;
    else {
      let low = 0;
      let high = 12;
      for (let step = 0; step < 80; step++) {
        const middle = (low + high) / 2;
        if (crossing(middle) > target) low = middle;
        else high = middle;
      }
      c = (low + high) / 2;
    }
    boundaries.push(c);
    spent += crossing(c);
    if (k === information.length - 1) return;
    // Density of S_k at Simpson nodes over the continuation region (−c√I, c√I).
    const half = c * root;
    const step = (2 * half) / (NODES - 1);
    const nextNodes = new Float64Array(NODES);
    const nextWeighted = new Float64Array(NODES);
    for (let i = 0; i < NODES; i++) {
      const s = -half + i * step;
      nextNodes[i] = s;
      let density = 0;
      if (nodes === null || weightedDensity === null) density = normalDensity(s / root) / root;
      else for (let j = 0; j < nodes.length; j++) density += (weightedDensity[j]! * normalDensity((s - nodes[j]!) / spread)) / spread;
      const simpson = i === 0 || i === NODES - 1 ? 1 : i % 2 === 1 ? 4 : 2;
      nextWeighted[i] = (density * simpson * step) / 3;
    }
    nodes = nextNodes;
    weightedDensity = nextWeighted;
  });
  return boundaries;
}

function normalDensity(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

let cachedBoundaries: number[] | null = null;
/** The boundaries at ONSET_MILESTONES (computed once). */
export function milestoneBoundaries(): number[] {
  cachedBoundaries ??= groupSequentialBoundaries(ONSET_MILESTONES);
  return cachedBoundaries;
}

export interface MilestoneEvidence {
  onsets: number;
  boundary: number;
  reachedOn: string | null;
  z: number | null;
  crossed: boolean;
}

export interface SequentialDecision {
  looks: MilestoneEvidence[];
  claim: 'earlier' | 'later' | null;
  claimedAt: MilestoneEvidence | null;
  moreOnsetsNeeded: number | null;
  finished: boolean;
}

/**
 * The claim from the evidence at each milestone reached so far (`evidence[k]` for milestone k:
 * the z at that milestone, positive when more days since glute work went with earlier pain, and
 * the date it was reached), and the evidence now (`currentZ` at `currentOnsets`). The first
 * milestone whose |z| reaches its boundary decides the claim, and it stands (the design stops
 * there). Below the bar, the onsets still needed: the first milestone ahead whose boundary the
 * present z would reach if the effect stayed as it is (z grows with √onsets). Where `pValue`
 * (the rank-based week-shift p at that milestone) is given, a milestone counts as crossed only
 * when it is at most 5% as well.
 */
export function sequentialDecision(
  evidence: readonly { z: number | null; reachedOn: string; pValue?: number | null }[],
  currentZ: number | null,
  currentOnsets: number,
): SequentialDecision {
  const boundaries = milestoneBoundaries();
  const looks: MilestoneEvidence[] = ONSET_MILESTONES.map((onsets, index) => {
    const reached = evidence[index];
    const z = reached?.z ?? null;
    // The rank-based week-shift p must agree (≤ 5%): a guard against the normal approximation of
    // the standardised score where flare-ups give the shifted scores heavy tails.
    const rankAgrees = reached?.pValue === undefined || (reached.pValue !== null && reached.pValue <= CLAIM_ALPHA);
    return {
      onsets,
      boundary: boundaries[index]!,
      reachedOn: reached?.reachedOn ?? null,
      z,
      crossed: z !== null && Math.abs(z) >= boundaries[index]! && rankAgrees,
    };
  });
  const claimedAt = looks.find((look) => look.crossed) ?? null;
  const finished = evidence.length >= ONSET_MILESTONES.length;
  let moreOnsetsNeeded: number | null = null;
  if (claimedAt === null && !finished && currentZ !== null && currentOnsets > 0 && currentZ !== 0) {
    for (let index = evidence.length; index < ONSET_MILESTONES.length; index++) {
      const onsets = ONSET_MILESTONES[index]!;
      if (Math.abs(currentZ) * Math.sqrt(onsets / currentOnsets) >= boundaries[index]!) {
        moreOnsetsNeeded = Math.max(1, onsets - currentOnsets);
        break;
      }
    }
  }
  return {
    looks,
    claim: claimedAt === null ? null : (claimedAt.z as number) > 0 ? 'earlier' : 'later',
    claimedAt,
    moreOnsetsNeeded,
    finished,
  };
}
