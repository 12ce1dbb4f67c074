/**
 * The log-rank statistic on the distance scale, prepared once for a set of runs so that it can be
 * recomputed for thousands of re-drawn assignments in O(runs) each.
 *
 * Each observation is one experiment run: `time` the distance into the run (metres) at which the
 * main complaint's pain began (`event: true`) or, for a pain-free run, its whole distance
 * (`event: false`, right-censored). `unit` is its assignment unit (run day or week).
 *
 * With A the activation arm: at each distinct onset distance t, n runs still pain-free just before
 * t of which n_A in A, d onsets of which d_A in A,
 *   U += d_A − d·n_A/n,   V += d·(n_A/n)(1 − n_A/n)(n − d)/(n − 1),   Z = U/√V,
 * the Cox partial-likelihood score for the arm at β = 0 with its information (Breslow ties) — the
 * same numbers as `logRank` in ../log-rank.ts and R's survdiff (ties: onsets before censorings at
 * the same distance). Z < 0: fewer onsets with activation than expected, i.e. the pain came on
 * later with activation.
 */
export interface ExperimentObservation {
  unit: number;
  time: number;
  event: boolean;
}

export interface ScoreStatistic {
  /** O_A − E_A. */
  score: number;
  /** Its hypergeometric variance; 0 when there is no onset or one arm is empty. */
  variance: number;
  /** score/√variance; null when the variance is 0. */
  z: number | null;
}

/** The observations sorted by distance and grouped at tied distances, ready for repeated scoring. */
export class PreparedLogRank {
  readonly size: number;
  /** Unit of each observation in sorted order. */
  private readonly units: Int32Array;
  private readonly events: Uint8Array;
  /** Start index of each group of tied distances, plus a final sentinel. */
  private readonly groupStarts: Int32Array;

  constructor(observations: readonly ExperimentObservation[]) {
    observations.forEach((observation, index) => {
      if (!Number.isFinite(observation.time) || observation.time < 0) throw new RangeError(`Observation ${index} has distance ${observation.time}; distances are finite and ≥ 0`);
      if (!Number.isInteger(observation.unit) || observation.unit < 0) throw new RangeError(`Observation ${index} has no assignment unit`);
    });
    const sorted = [...observations].sort((a, b) => a.time - b.time);
    this.size = sorted.length;
    this.units = Int32Array.from(sorted, (observation) => observation.unit);
    this.events = Uint8Array.from(sorted, (observation) => (observation.event ? 1 : 0));
    const starts: number[] = [];
    sorted.forEach((observation, index) => {
      if (index === 0 || observation.time !== sorted[index - 1]!.time) starts.push(index);
    });
    starts.push(sorted.length);
    this.groupStarts = Int32Array.from(starts);
  }

  /** The statistic when unit u is in the activation arm exactly when `activation[u]` is 1. */
  statistic(activation: Uint8Array): ScoreStatistic {
    let atRisk = this.size;
    let atRiskA = 0;
    for (let index = 0; index < this.size; index++) atRiskA += activation[this.units[index]!]!;
    let score = 0;
    let variance = 0;
    for (let group = 0; group + 1 < this.groupStarts.length; group++) {
      const from = this.groupStarts[group]!;
      const to = this.groupStarts[group + 1]!;
      let events = 0;
      let eventsA = 0;
      let leavingA = 0;
      for (let index = from; index < to; index++) {
        const inA = activation[this.units[index]!]!;
        leavingA += inA;
        if (this.events[index] === 1) {
          events += 1;
          eventsA += inA;
        }
      }
      if (events > 0) {
        const shareA = atRiskA / atRisk;
        score += eventsA - events * shareA;
        if (atRisk > 1) variance += (events * shareA * (1 - shareA) * (atRisk - events)) / (atRisk - 1);
      }
      atRisk -= to - from;
      atRiskA -= leavingA;
    }
    return { score, variance, z: variance > 1e-12 ? score / Math.sqrt(variance) : null };
  }
}
