import { describe, expect, it } from 'vitest';
import { groupSequentialBoundaries, milestoneBoundaries, obrienFlemingSpending, ONSET_MILESTONES, sequentialDecision } from '../../src-main/analysis/sequential';
import { seededRandom } from '../../src-main/analysis/example-history';
import { normalQuantile } from '../../src-main/analysis/distributions';

describe('group-sequential boundaries', () => {
  it('match the published Lan–DeMets O’Brien–Fleming boundaries for five equally spaced looks', () => {
    // gsDesign::gsDesign(k = 5, test.type = 2, alpha = 0.025, sfu = sfLDOF)$upper$bound (two-sided 5%).
    const published = [4.8769, 3.357, 2.6803, 2.2898, 2.031];
    groupSequentialBoundaries([1, 2, 3, 4, 5]).forEach((value, index) => expect(value).toBeCloseTo(published[index]!, 3));
  });

  it('spend 5% in all over the milestones, shown by simulating the statistic (seeded)', () => {
    const boundaries = milestoneBoundaries();
    expect(boundaries).toHaveLength(ONSET_MILESTONES.length);
    expect(boundaries[0]).toBeGreaterThan(5); // a handful of onsets cannot make a claim
    expect(boundaries[boundaries.length - 1]).toBeLessThan(2.1);
    const random = seededRandom(11);
    const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    let crossed = 0;
    const paths = 40_000;
    for (let path = 0; path < paths; path++) {
      let sum = 0;
      let previous = 0;
      for (let k = 0; k < ONSET_MILESTONES.length; k++) {
        const onsets = ONSET_MILESTONES[k]!;
        sum += gaussian() * Math.sqrt(onsets - previous);
        previous = onsets;
        if (Math.abs(sum / Math.sqrt(onsets)) >= boundaries[k]!) {
          crossed += 1;
          break;
        }
      }
    }
    // 5% ± 3 binomial standard errors.
    expect(Math.abs(crossed / paths - 0.05)).toBeLessThan(3 * Math.sqrt(0.05 * 0.95 / paths));
    // Testing every milestone at 5% instead would claim far more often: that is what the boundaries prevent.
    expect(obrienFlemingSpending(1)).toBe(0.05);
    expect(normalQuantile(0.975)).toBeLessThan(boundaries[0]!);
  });
});

describe('the claim', () => {
  it('is made at the first milestone whose evidence crosses its boundary, and stands', () => {
    const decision = sequentialDecision(
      [
        { z: 2.5, reachedOn: '2026-01-10' }, // below 5.37: no claim at 10 onsets despite p ≈ 0.01
        { z: 4.5, reachedOn: '2026-02-01' }, // crosses 4.33
        { z: 1, reachedOn: '2026-03-01' },
      ],
      1,
      22,
    );
    expect(decision.claim).toBe('earlier');
    expect(decision.claimedAt?.onsets).toBe(15);
    expect(decision.looks[0]!.crossed).toBe(false);
  });

  it('below the bar says how many more onsets an effect of the present size would need', () => {
    const decision = sequentialDecision([{ z: 1.5, reachedOn: '2026-01-10' }, { z: 2, reachedOn: '2026-02-01' }], -2.2, 18);
    expect(decision.claim).toBeNull();
    // −2.2 at 18 onsets grows as √n: 25 → 2.59 (< 3.30), 30 → 2.84 (< 3.00), 40 → 3.28 (≥ 2.54).
    expect(decision.moreOnsetsNeeded).toBe(40 - 18);
    expect(sequentialDecision([], 0.1, 5).moreOnsetsNeeded).toBeNull();
  });

  it('is final once the last milestone is reached', () => {
    const all = ONSET_MILESTONES.map((_, index) => ({ z: 0.5, reachedOn: `2026-0${1 + (index % 9)}-01` }));
    expect(sequentialDecision(all, 0.5, 70)).toMatchObject({ claim: null, finished: true, moreOnsetsNeeded: null });
  });
});

describe('the rank guard', () => {
  it('a milestone whose plain week-shift p is above 5% is not crossed, however large its z', () => {
    const decision = sequentialDecision([{ z: 6, reachedOn: '2026-01-10', pValue: 0.09 }], 6, 10);
    expect(decision.looks[0]!.crossed).toBe(false);
    expect(decision.claim).toBeNull();
    expect(sequentialDecision([{ z: 6, reachedOn: '2026-01-10', pValue: 0.02 }], 6, 10).claim).toBe('earlier');
  });
});
