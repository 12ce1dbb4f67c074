/**
 * The randomisation test: the p-value comes from the coin itself, not from a normal
 * approximation. Under "activation makes no difference" every run would have hurt (or not) at
 * the same distance whatever arm it was given, so the assignments actually drawn are one draw
 * among all those the protocol could have made. Re-drawing them `redraws` times exactly as the
 * protocol draws them (./assignment.ts) and counting how often the log-rank |Z| is at least the
 * observed one gives the two-sided p = (1 + count)/(1 + redraws) — exact in the sense that it is
 * never below the true randomisation p-value in expectation (Phipson & Smyth 2010, Stat Appl Genet
 * Mol Biol 9:39; Edgington & Onghena 2007, "Randomization Tests", ch. 1 and on n-of-1 designs
 * ch. 11). It stays valid with flare-ups, trends, weather and reactive habits, because none of
 * these can change which arm the coin chose.
 *
 * `decideAgainst`: when only the decision "p ≤ α" is needed, re-drawing stops as soon as the
 * count makes p > α certain (the decision is the same as with all re-draws; Besag & Clifford 1991,
 * Biometrika 78:301–304, sequential Monte Carlo p-values). The p then reported is the lower
 * bound reached, flagged `stoppedEarly`.
 */
import { redrawAssignments, type AssignmentScheme } from './assignment';
import { PreparedLogRank, type ExperimentObservation } from './log-rank-score';
import { KeystreamUniforms } from './random-source';

/**
 * Re-draws per analysis (stored in each protocol's rule). 2,000 keeps the Monte Carlo standard
 * error of a p near 0.05 at 0.005, and the proof's 1,000 experiments per scenario within a
 * shared machine's reach; the false-claim guarantee holds exactly for any number.
 */
export const DEFAULT_REDRAWS = 2_000;

export interface RandomisationTest {
  /** Observed log-rank Z (negative: pain later with activation); null when there is no onset or an arm is empty. */
  z: number | null;
  /** (1 + re-draws at least as extreme)/(1 + re-draws); null when z is null. */
  pValue: number | null;
  redrawsMade: number;
  atLeastAsExtreme: number;
  stoppedEarly: boolean;
}

export interface RandomisationTestInput {
  observations: readonly ExperimentObservation[];
  /** Arm of each unit as drawn: 1 activation, 0 none; length ≥ every observation's unit + 1. */
  activation: Uint8Array;
  scheme: AssignmentScheme;
  /** The protocol's seed and a label naming this test (e.g. "look:week-6"): the re-draws are reproducible. */
  seed: string;
  label: string;
  redraws?: number;
  /** Stop as soon as p > decideAgainst is certain. */
  decideAgainst?: number;
}

/** The randomisation test of "activation before a run makes no difference to when the pain begins". */
export function randomisationTest(input: RandomisationTestInput): RandomisationTest {
  const redraws = input.redraws ?? DEFAULT_REDRAWS;
  if (!Number.isInteger(redraws) || redraws < 1) throw new RangeError('The number of re-draws must be a whole number ≥ 1');
  const prepared = new PreparedLogRank(input.observations);
  const observed = prepared.statistic(input.activation).z;
  if (observed === null) return { z: null, pValue: null, redrawsMade: 0, atLeastAsExtreme: 0, stoppedEarly: false };
  const unitCount = input.observations.reduce((most, observation) => Math.max(most, observation.unit + 1), 0);
  const stream = new KeystreamUniforms(input.seed, `rerandomise:${input.label}`);
  const arms = new Uint8Array(unitCount);
  const threshold = Math.abs(observed) - 1e-9;
  // p ≤ α  ⇔  count ≤ α·(1 + redraws) − 1.
  const mostAllowed = input.decideAgainst === undefined ? Infinity : input.decideAgainst * (1 + redraws) - 1;
  let count = 0;
  let made = 0;
  for (; made < redraws; made++) {
    redrawAssignments(input.scheme, unitCount, stream, arms);
    const z = prepared.statistic(arms).z;
    if (z !== null && Math.abs(z) >= threshold) {
      count += 1;
      if (count > mostAllowed) {
        made += 1;
        return { z: observed, pValue: (1 + count) / (1 + redraws), redrawsMade: made, atLeastAsExtreme: count, stoppedEarly: made < redraws };
      }
    }
  }
  return { z: observed, pValue: (1 + count) / (1 + redraws), redrawsMade: made, atLeastAsExtreme: count, stoppedEarly: false };
}
