import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignedArm, BLOCK_ORDERS, redrawMatrix } from '../../../src-main/analysis/experiment/assignment';
import { PreparedLogRank } from '../../../src-main/analysis/experiment/log-rank-score';
import { drawUniformInt, KeystreamUniforms, newExperimentSeed } from '../../../src-main/analysis/experiment/random-source';
import { randomisationTest } from '../../../src-main/analysis/experiment/randomisation-test';
import { weeklyLooks, type WeeklyObservation } from '../../../src-main/analysis/experiment/weekly-looks';
import { logRank } from '../../../src-main/analysis/log-rank';

const SEED = 'a'.repeat(64);

describe('assignment', () => {
  it('re-draws the same arm from the same seed, and every block of four run days has two of each', () => {
    const seed = newExperimentSeed();
    const arms = Array.from({ length: 400 }, (_, unit) => assignedArm(seed, 'run_day_blocks_of_4', unit));
    expect(Array.from({ length: 400 }, (_, unit) => assignedArm(seed, 'run_day_blocks_of_4', unit))).toEqual(arms);
    for (let block = 0; block < 100; block++) expect(arms.slice(block * 4, block * 4 + 4).filter((arm) => arm === 'activation')).toHaveLength(2);
    // All six orders turn up, each about a sixth of the time.
    const orders = new Map<string, number>();
    for (let block = 0; block < 100; block++) {
      const key = arms.slice(block * 4, block * 4 + 4).join(',');
      orders.set(key, (orders.get(key) ?? 0) + 1);
    }
    expect(orders.size).toBe(6);
  });

  it('pairs whole weeks: one activation week and one without in each pair', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{64}$/), fc.integer({ min: 0, max: 500 }), (seed, pair) => {
        const first = assignedArm(seed, 'whole_weeks_in_pairs', pair * 2);
        const second = assignedArm(seed, 'whole_weeks_in_pairs', pair * 2 + 1);
        expect(first).not.toBe(second);
      }),
    );
  });

  it('a different seed draws differently; a malformed seed is refused', () => {
    const a = Array.from({ length: 40 }, (_, unit) => assignedArm(SEED, 'run_day_blocks_of_4', unit)).join();
    const b = Array.from({ length: 40 }, (_, unit) => assignedArm('b'.repeat(64), 'run_day_blocks_of_4', unit)).join();
    expect(a).not.toBe(b);
    expect(() => assignedArm('xyz', 'run_day_blocks_of_4', 0)).toThrow(/64 hexadecimal/);
    expect(() => assignedArm(SEED, 'run_day_blocks_of_4', -1)).toThrow(RangeError);
  });

  it('draws uniformly: each of 6 values about 1/6 of 60,000 draws, from HMAC and from the keystream', () => {
    const fromHmac = new Array(6).fill(0);
    for (let index = 0; index < 6_000; index++) fromHmac[drawUniformInt(SEED, `t:${index}`, 6)] += 1;
    const stream = new KeystreamUniforms(SEED, 'uniform');
    const fromStream = new Array(6).fill(0);
    for (let index = 0; index < 60_000; index++) fromStream[stream.nextInt(6)] += 1;
    for (const count of fromHmac) expect(Math.abs(count - 1_000)).toBeLessThan(150);
    for (const count of fromStream) expect(Math.abs(count - 10_000)).toBeLessThan(400);
  });

  it('re-draw r of a unit is the same however many units an analysis asks for', () => {
    const short = redrawMatrix(SEED, 'x', 'run_day_blocks_of_4', 10, 50);
    const long = redrawMatrix(SEED, 'x', 'run_day_blocks_of_4', 23, 50);
    for (let redraw = 0; redraw < 50; redraw++) {
      expect([...short.subarray(redraw * 10, redraw * 10 + 10)]).toEqual([...long.subarray(redraw * 23, redraw * 23 + 10)]);
      const row = [...long.subarray(redraw * 23, redraw * 23 + 20)];
      for (let block = 0; block < 5; block++) expect(BLOCK_ORDERS.map((order) => order.map(Number).join())).toContain(row.slice(block * 4, block * 4 + 4).join());
    }
  });
});

describe('log-rank score on the distance scale', () => {
  it('matches the project log-rank test (R survdiff) for any runs and arms', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ time: fc.integer({ min: 0, max: 30 }).map((k) => k * 500), event: fc.boolean(), arm: fc.boolean() }), { minLength: 2, maxLength: 40 }),
        (runs) => {
          const activation = Uint8Array.from(runs, (run) => (run.arm ? 1 : 0));
          const statistic = new PreparedLogRank(runs.map((run, unit) => ({ unit, time: run.time, event: run.event }))).statistic(activation);
          const reference = logRank(
            runs.filter((run) => run.arm).map(({ time, event }) => ({ time, event })),
            runs.filter((run) => !run.arm).map(({ time, event }) => ({ time, event })),
          );
          expect(statistic.score).toBeCloseTo(reference.observedA - reference.expectedA, 9);
          expect(statistic.variance).toBeCloseTo(reference.variance, 9);
        },
      ),
    );
  });
});

/** Runs of an experiment in which activation halves the hazard (or, with ratio 1, does nothing). */
function experimentRuns(seed: string, hazardRatio: number, weeks: number, randomSeed: number): { observations: WeeklyObservation[]; activation: Uint8Array } {
  let state = randomSeed;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const observations: WeeklyObservation[] = [];
  const arms: number[] = [];
  for (let week = 0; week < weeks; week++) {
    for (let run = 0; run < 4; run++) {
      const unit = arms.length;
      arms.push(assignedArm(seed, 'run_day_blocks_of_4', unit) === 'activation' ? 1 : 0);
      const distance = 6_000 + random() * 6_000;
      const onset = 9_000 * Math.sqrt(-Math.log(1 - random()) / (arms[unit] === 1 ? hazardRatio : 1));
      observations.push({ unit, week, time: Math.round(Math.min(onset, distance)), event: onset < distance });
    }
  }
  return { observations, activation: Uint8Array.from(arms) };
}

describe('randomisation test and weekly looks', () => {
  it('the same seed gives the same p-value; a strong effect gives a small one', () => {
    const { observations, activation } = experimentRuns(SEED, 0.2, 16, 7);
    const first = randomisationTest({ observations, activation, scheme: 'run_day_blocks_of_4', seed: SEED, label: 'final', redraws: 2_000 });
    const again = randomisationTest({ observations, activation, scheme: 'run_day_blocks_of_4', seed: SEED, label: 'final', redraws: 2_000 });
    expect(again).toEqual(first);
    expect(first.z).toBeLessThan(0);
    expect(first.pValue).toBeLessThan(0.01);
  });

  it('claims "later with activation" when activation delays the pain strongly, and stops at the claim', () => {
    const { observations, activation } = experimentRuns(SEED, 0.2, 30, 11);
    const result = weeklyLooks({ observations, activation, scheme: 'run_day_blocks_of_4', seed: SEED, length: { unit: 'painful_runs', painfulRuns: 70 }, weeksCompleted: 30, redraws: 1_000 });
    expect(result.claim).toBe('later_with_activation');
    expect(result.finished).toBe(true);
    expect(result.analyses[result.analyses.length - 1]!.claims).toBe(true);
    expect(result.analyses.slice(0, -1).every((analysis) => !analysis.claims)).toBe(true);
    // Analyses fall every 10 painful runs.
    expect(result.analyses.map((analysis) => analysis.onsets).every((onsets) => onsets % 10 === 0)).toBe(true);
  });

  it('spends nothing early: no claim at 10 painful runs however extreme', () => {
    const { observations, activation } = experimentRuns(SEED, 0.05, 10, 3);
    const result = weeklyLooks({ observations, activation, scheme: 'run_day_blocks_of_4', seed: SEED, length: { unit: "painful_runs", painfulRuns: 70 }, weeksCompleted: 10, redraws: 1_000 });
    expect(result.analyses[0]!.onsets).toBe(10);
    expect(result.analyses[0]!.claims).toBe(false);
    expect(result.analyses[0]!.boundary).toBe(Infinity);
  });

  it('a length in weeks ends with an analysis on all runs at the planned end', () => {
    const { observations, activation } = experimentRuns(SEED, 1, 8, 5);
    const result = weeklyLooks({ observations, activation, scheme: 'run_day_blocks_of_4', seed: SEED, length: { unit: 'weeks', weeks: 8 }, weeksCompleted: 12, redraws: 500 });
    expect(result.finished).toBe(true);
    expect(result.weeksLooked).toBe(8);
    const last = result.analyses[result.analyses.length - 1]!;
    expect(last.fraction).toBe(1);
    expect(last.runs).toBe(observations.length);
    expect(last.alphaSpent).toBeCloseTo(0.05, 10);
  });
});
