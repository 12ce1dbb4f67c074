/**
 * Claims that survive repeated looks: a group-sequential design with the information measured
 * in pain onsets.
 *
 * A runner opens the Insights every week. If each look tested at 5%, a year of looks would claim
 * an effect that is not there far more often than 5% of the time (the issue measured 25.5%). So
 * the yes/no claim is only ever decided at fixed information milestones — when the analysis
 * (fixed-analysis.ts: the whole history of the main complaint) reaches 10, 15, 20, 25, 30, 40,
 * 50, 60, 70 and 80 pain onsets — each on the runs up to the one that brought the onsets to that
 * number. After 80 the analysis is finished and its verdict stays (a runner may start a new
 * analysis after a change of routine). Why 80: at the 80–90 onsets a year of a runner with
 * flare-ups, it is reached within about a year, where issue 17's power target is set; stopping
 * at 60 left a third of the year's information unused (33% power against 50%), going on to 150
 * spent too little by the end of the first year (19%).
 *
 * The boundaries spend 3.5% on "earlier" (z ≥ u_k) and 1% on "later" (z ≤ −l_k), each side with
 * the Lan–DeMets O'Brien–Fleming-type spending function (Lan & DeMets 1983, Biometrika
 * 70:659–663; gsDesign's sfLDOF for a one-sided α): α(t) = 2·(1 − Φ(z₁₋α/₂ / √t)), t = onsets / 80,
 * so very little is spent early (when a handful of onsets would make a fluke look convincing).
 * Between milestones a look shows the same decision: a week's new runs can change the estimate
 * and its interval, never the claim. The boundaries are found by the recursive integration of
 * Armitage, McPherson & Rowe (1969, J R Stat Soc A 132:235–244), as in Jennison & Turnbull (2000),
 * "Group Sequential Methods", ch. 19, for a statistic whose increments between milestones are
 * independent with variance proportional to the onsets (the Cox score, Tsiatis 1981). A claim
 * either way counts against the promised 5%.
 *
 * The proof that weekly looks over one, two and three years keep the false-claim rate at or under
 * 5% with dependent runs is the seeded simulation in scripts/prove-insights.ts (npm run
 * proof:insights).
 */
import { normalCdf, normalQuantile } from './distributions';

/** Pain onsets at which the claim is decided. */
export const ONSET_MILESTONES: readonly number[] = [10, 15, 20, 25, 30, 40, 50, 60, 70, 80];
/** The promise: the false-claim rate, both directions together, at most 5% over all looks. */
export const CLAIM_ALPHA = 0.05;
/**
 * What the milestones spend, split between the two directions and fixed in advance: the runner's
 * question is whether skipping brings the pain on EARLIER, so 3.5% is spent on that claim and 1%
 * on "later" (also the direction reverse causation produces): 4.5% in all. The half point kept
 * back is the margin for the approximations (the standardised week-shift score is close to, not
 * exactly, normal with dependent runs): spending the full 5% gave 5.0% false claims (upper 95%
 * bound 6.5%) in the on/off-weeks simulation over two years; issue 17's proof decides.
 */
export const EARLIER_ALPHA = 0.035;
export const LATER_ALPHA = 0.01;

/**
 * Lan–DeMets O'Brien–Fleming-type spending of a one-sided `alpha` (gsDesign's sfLDOF):
 * α(t) = 2·(1 − Φ(z₁₋α/₂ / √t)).
 */
export function obrienFlemingOneSided(t: number, alpha: number): number {
  if (!(t > 0)) return 0;
  if (t >= 1) return alpha;
  return 2 * (1 - normalCdf(normalQuantile(1 - alpha / 2) / Math.sqrt(t)));
}

/**
 * Boundaries Z_k ≥ u_k (upper, spending `upperAlpha`) and Z_k ≤ −l_k (lower, spending
 * `lowerAlpha`) at increasing information levels, each side with O'Brien–Fleming-type spending,
 * by the same recursive integration as groupSequentialBoundaries over the continuation region
 * (−l_k√I_k, u_k√I_k). Throws a RangeError for information that does not increase.
 */
export function asymmetricBoundaries(information: readonly number[], upperAlpha: number, lowerAlpha: number): { upper: number[]; lower: number[] } {
  information.forEach((value, index) => {
    if (!(value > 0) || (index > 0 && !(value > information[index - 1]!))) throw new RangeError('Information levels must be positive and increasing');
  });
  const last = information[information.length - 1]!;
  const upper: number[] = [];
  const lower: number[] = [];
  let nodes: Float64Array | null = null;
  let weightedDensity: Float64Array | null = null;
  let spentUpper = 0;
  let spentLower = 0;
  information.forEach((info, k) => {
    const root = Math.sqrt(info);
    const spread = Math.sqrt(info - (k > 0 ? information[k - 1]! : 0));
    // P(S_k ≥ c√I, no earlier crossing) and P(S_k ≤ −c√I, no earlier crossing).
    const above = (c: number): number => {
      if (nodes === null || weightedDensity === null) return 1 - normalCdf(c);
      let total = 0;
      for (let j = 0; j < nodes.length; j++) total += weightedDensity[j]! * (1 - normalCdf((c * root - nodes[j]!) / spread));
      return total;
    };
    const below = (c: number): number => {
      if (nodes === null || weightedDensity === null) return normalCdf(-c);
      let total = 0;
      for (let j = 0; j < nodes.length; j++) total += weightedDensity[j]! * normalCdf((-c * root - nodes[j]!) / spread);
      return total;
    };
    const solve = (probability: (c: number) => number, target: number): number => {
      if (target <= 1e-15) return 12;
      let low = 0;
      let high = 12;
      for (let step = 0; step < 80; step++) {
        const middle = (low + high) / 2;
        if (probability(middle) > target) low = middle;
        else high = middle;
      }
      return (low + high) / 2;
    };
    const u = solve(above, obrienFlemingOneSided(info / last, upperAlpha) - spentUpper);
    const l = solve(below, obrienFlemingOneSided(info / last, lowerAlpha) - spentLower);
    upper.push(u);
    lower.push(l);
    spentUpper += above(u);
    spentLower += below(l);
    if (k === information.length - 1) return;
    const from = -l * root;
    const to = u * root;
    const step = (to - from) / (NODES - 1);
    const nextNodes = new Float64Array(NODES);
    const nextWeighted = new Float64Array(NODES);
    for (let i = 0; i < NODES; i++) {
      const x = from + i * step;
      nextNodes[i] = x;
      let density = 0;
      if (nodes === null || weightedDensity === null) density = normalDensity(x / root) / root;
      else for (let j = 0; j < nodes.length; j++) density += (weightedDensity[j]! * normalDensity((x - nodes[j]!) / spread)) / spread;
      const simpson = i === 0 || i === NODES - 1 ? 1 : i % 2 === 1 ? 4 : 2;
      nextWeighted[i] = (density * simpson * step) / 3;
    }
    nodes = nextNodes;
    weightedDensity = nextWeighted;
  });
  return { upper, lower };
}

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

/**
 * asymmetricBoundaries(ONSET_MILESTONES, EARLIER_ALPHA, LATER_ALPHA), written out: the design's
 * constants, so that no open of the Insights waits for the integration (issue 22: it cost the first
 * open of every start about 0.2 s). tests/analysis/sequential.test.ts checks they are exactly,
 * digit for digit, what asymmetricBoundaries computes; change them only with the design.
 */
const MILESTONE_BOUNDARIES: { upper: number[]; lower: number[] } = {
  upper: [
    5.8490889679040805, 4.730390525121228, 4.0613490968816475, 3.608471544115668, 3.2780855035992653, 2.7853505881360707, 2.4708711298428288,
    2.243396720886512, 2.069044157511783, 1.929932221548765,
  ],
  lower: [
    7.191502686826194, 5.834108372168448, 5.020870822921269, 4.466258305687296, 4.059444157848665, 3.4694747290837356, 3.080385700335448,
    2.797596995619278, 2.5804799450734013, 2.4071167644287605,
  ],
};

/** The boundaries at ONSET_MILESTONES: `upper` for "earlier" (3.5%), `lower` for "later" (1%), precomputed (MILESTONE_BOUNDARIES). */
export function milestoneBoundaries(): { upper: number[]; lower: number[] } {
  return MILESTONE_BOUNDARIES;
}

export interface MilestoneEvidence {
  onsets: number;
  /** The bar for "earlier": z ≥ boundary. */
  boundary: number;
  /** The bar for "later": z ≤ −laterBoundary. */
  laterBoundary: number;
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

/** One milestone's evidence: the standardised score and, where known, the one-sided rank p of each direction. */
export interface EvidenceAtMilestone {
  z: number | null;
  reachedOn: string;
  /** Rank-based week-shift p for "earlier" (share of shifts with a score at least the observed). */
  pEarlier?: number | null;
  /** The same for "later". */
  pLater?: number | null;
  /** Week shifts behind the rank p (its finest step is 1 / (shifts + 1)). */
  shifts?: number | null;
}

/**
 * The claim from the evidence at each milestone reached so far (`evidence[k]` for milestone k:
 * the z at that milestone, positive when more days since glute work went with earlier pain, and
 * the date it was reached), and the evidence now (`currentZ` at `currentOnsets`). The first
 * milestone whose z reaches its boundary (z ≥ u_k for "earlier", z ≤ −l_k for "later") decides
 * the claim, and it stands (the design stops there). Where the one-sided rank p of that direction
 * is given, the milestone counts as crossed only when it is at most the boundary's nominal level
 * (1 − Φ(u_k)), or the finest the shifts allow (1 / (shifts + 1): no shift as extreme), as well: a guard against the normal approximation of the standardised score where
 * flare-ups give the shifted scores heavy tails (issue 17's simulation). Below the bar, the onsets
 * still needed: the first milestone ahead whose "earlier" (or "later") boundary the present z
 * would reach if the effect stayed as it is (z grows with √onsets).
 */
export function sequentialDecision(evidence: readonly EvidenceAtMilestone[], currentZ: number | null, currentOnsets: number): SequentialDecision {
  const { upper, lower } = milestoneBoundaries();
  const looks: MilestoneEvidence[] = ONSET_MILESTONES.map((onsets, index) => {
    const reached = evidence[index];
    const z = reached?.z ?? null;
    const u = upper[index]!;
    const l = lower[index]!;
    // The rank p cannot go below 1 / (shifts + 1): where the nominal level is finer than that, the
    // observed score must be beyond every shifted one.
    const finest = reached?.shifts !== undefined && reached.shifts !== null ? 1 / (reached.shifts + 1) : 0;
    const earlierRank = reached?.pEarlier === undefined || (reached.pEarlier !== null && reached.pEarlier <= Math.max(1 - normalCdf(u), finest));
    const laterRank = reached?.pLater === undefined || (reached.pLater !== null && reached.pLater <= Math.max(1 - normalCdf(l), finest));
    return {
      onsets,
      boundary: u,
      laterBoundary: l,
      reachedOn: reached?.reachedOn ?? null,
      z,
      crossed: z !== null && ((z >= u && earlierRank) || (z <= -l && laterRank)),
    };
  });
  const claimedAt = looks.find((look) => look.crossed) ?? null;
  const finished = evidence.length >= ONSET_MILESTONES.length;
  let moreOnsetsNeeded: number | null = null;
  if (claimedAt === null && !finished && currentZ !== null && currentOnsets > 0 && currentZ !== 0) {
    for (let index = evidence.length; index < ONSET_MILESTONES.length; index++) {
      const onsets = ONSET_MILESTONES[index]!;
      const bar = currentZ > 0 ? upper[index]! : lower[index]!;
      if (Math.abs(currentZ) * Math.sqrt(onsets / currentOnsets) >= bar) {
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
