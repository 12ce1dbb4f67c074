import { chiSquareUpperTail } from './distributions';
import { checkSurvivalObservations, tallyByTime, type SurvivalObservation } from './survival';

export interface LogRankTest {
  /** (O_A − E_A)² / V; null when V = 0 (no events, or one group empty), where the test is undefined. */
  chiSquare: number | null;
  /** P(χ²₁ > chiSquare); null exactly when chiSquare is. */
  pValue: number | null;
  df: 1;
  observedA: number;
  expectedA: number;
  observedB: number;
  expectedB: number;
  /** Hypergeometric variance V of O_A − E_A, summed over event times. */
  variance: number;
}

/**
 * The log-rank (Mantel–Haenszel) test that two groups of runs — say, with and without glute
 * work in the days before — have the same time-to-pain curve. Identical to R's
 * survdiff(…, rho = 0).
 *
 * At each distinct event time t in the pooled data, with n_A, n_B still pain-free just before t
 * (n = n_A + n_B) and d pain onsets between them:
 *   E_A += d · n_A / n,   V += d · (n_A / n) · (n_B / n) · (n − d) / (n − 1)   (0 when n = 1).
 * Ties follow the Kaplan–Meier convention (events before censorings at the same time).
 * The statistic is compared with a chi-square on 1 degree of freedom.
 */
export function logRank(groupA: readonly SurvivalObservation[], groupB: readonly SurvivalObservation[]): LogRankTest {
  checkSurvivalObservations(groupA);
  checkSurvivalObservations(groupB);
  const tallyA = new Map(tallyByTime(groupA).map((tally) => [tally.time, tally]));
  const tallyB = new Map(tallyByTime(groupB).map((tally) => [tally.time, tally]));
  const times = [...new Set([...tallyA.keys(), ...tallyB.keys()])].sort((a, b) => a - b);

  let atRiskA = groupA.length;
  let atRiskB = groupB.length;
  let observedA = 0;
  let observedB = 0;
  let expectedA = 0;
  let variance = 0;
  for (const time of times) {
    const a = tallyA.get(time) ?? { events: 0, censored: 0 };
    const b = tallyB.get(time) ?? { events: 0, censored: 0 };
    const events = a.events + b.events;
    if (events > 0) {
      const atRisk = atRiskA + atRiskB;
      const shareA = atRiskA / atRisk;
      expectedA += events * shareA;
      if (atRisk > 1) variance += (events * shareA * (1 - shareA) * (atRisk - events)) / (atRisk - 1);
      observedA += a.events;
      observedB += b.events;
    }
    atRiskA -= a.events + a.censored;
    atRiskB -= b.events + b.censored;
  }

  const expectedB = observedA + observedB - expectedA;
  const chiSquare = variance > 0 ? (observedA - expectedA) ** 2 / variance : null;
  const pValue = chiSquare === null ? null : chiSquareUpperTail(chiSquare, 1);
  return { chiSquare, pValue, df: 1, observedA, expectedA, observedB, expectedB, variance };
}
