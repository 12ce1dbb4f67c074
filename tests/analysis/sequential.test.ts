import { describe, expect, it } from 'vitest';
import {
  asymmetricBoundaries,
  EARLIER_ALPHA,
  groupSequentialBoundaries,
  LATER_ALPHA,
  milestoneBoundaries,
  obrienFlemingSpending,
  ONSET_MILESTONES,
  sequentialDecision,
} from '../../src-main/analysis/sequential';
import { seededRandom } from '../../src-main/analysis/example-history';
import { normalQuantile } from '../../src-main/analysis/distributions';

describe('group-sequential boundaries', () => {
  it('match the published Lan–DeMets O’Brien–Fleming boundaries for five equally spaced looks', () => {
    // gsDesign::gsDesign(k = 5, test.type = 2, alpha = 0.025, sfu = sfLDOF)$upper$bound (two-sided 5%).
    const published = [4.8769, 3.357, 2.6803, 2.2898, 2.031];
    groupSequentialBoundaries([1, 2, 3, 4, 5]).forEach((value, index) => expect(value).toBeCloseTo(published[index]!, 3));
    // The two-boundary recursion gives the same with 2.5% on each side.
    const both = asymmetricBoundaries([1, 2, 3, 4, 5], 0.025, 0.025);
    both.upper.forEach((value, index) => expect(value).toBeCloseTo(published[index]!, 3));
    both.lower.forEach((value, index) => expect(value).toBeCloseTo(published[index]!, 3));
  });

  it('at the milestones are exactly what the integration gives (they are written out so that no open waits for it)', () => {
    const computed = asymmetricBoundaries(ONSET_MILESTONES, EARLIER_ALPHA, LATER_ALPHA);
    const written = milestoneBoundaries();
    expect(written.upper).toHaveLength(ONSET_MILESTONES.length);
    expect(written.lower).toHaveLength(ONSET_MILESTONES.length);
    // Bit for bit: the written numbers are the computed doubles.
    computed.upper.forEach((value, index) => expect(Object.is(written.upper[index], value), `upper ${index}`).toBe(true));
    computed.lower.forEach((value, index) => expect(Object.is(written.lower[index], value), `lower ${index}`).toBe(true));
  });

  it('spend 3.5% on "earlier" and 1% on "later" over the milestones, shown by simulating the statistic (seeded)', () => {
    const { upper, lower } = milestoneBoundaries();
    expect(upper).toHaveLength(ONSET_MILESTONES.length);
    expect(upper[0]).toBeGreaterThan(5); // a handful of onsets cannot make a claim
    expect(upper[upper.length - 1]).toBeLessThan(1.95);
    expect(lower[lower.length - 1]).toBeGreaterThan(2.3);
    const random = seededRandom(11);
    const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    let earlier = 0;
    let later = 0;
    const paths = 40_000;
    for (let path = 0; path < paths; path++) {
      let sum = 0;
      let previous = 0;
      for (let k = 0; k < ONSET_MILESTONES.length; k++) {
        const onsets = ONSET_MILESTONES[k]!;
        sum += gaussian() * Math.sqrt(onsets - previous);
        previous = onsets;
        const z = sum / Math.sqrt(onsets);
        if (z >= upper[k]!) {
          earlier += 1;
          break;
        }
        if (z <= -lower[k]!) {
          later += 1;
          break;
        }
      }
    }
    // Each side's share ± 3 binomial standard errors; 5% in all.
    expect(Math.abs(earlier / paths - EARLIER_ALPHA)).toBeLessThan(3 * Math.sqrt((EARLIER_ALPHA * (1 - EARLIER_ALPHA)) / paths));
    expect(Math.abs(later / paths - LATER_ALPHA)).toBeLessThan(3 * Math.sqrt((LATER_ALPHA * (1 - LATER_ALPHA)) / paths));
    // Testing every milestone at 5% instead would claim far more often: that is what the boundaries prevent.
    expect(obrienFlemingSpending(1)).toBe(0.05);
    expect(normalQuantile(0.975)).toBeLessThan(upper[0]!);
  });
});

describe('the claim', () => {
  it('is made at the first milestone whose evidence crosses its boundary, and stands', () => {
    const decision = sequentialDecision(
      [
        { z: 2.5, reachedOn: '2026-01-10' }, // below 5.85: no claim at 10 onsets despite p ≈ 0.01
        { z: 4.8, reachedOn: '2026-02-01' }, // crosses 4.73
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
    const decision = sequentialDecision([{ z: 1.5, reachedOn: '2026-01-10' }, { z: 2, reachedOn: '2026-02-01' }], 2.2, 18);
    expect(decision.claim).toBeNull();
    // 2.2 at 18 onsets grows as √n: 25 → 2.59 (< 3.61), 30 → 2.84 (< 3.28), 40 → 3.28 (≥ 2.79).
    expect(decision.moreOnsetsNeeded).toBe(40 - 18);
    // "Later" has the stricter bar (1%): −2.2 reaches it only at 50 onsets (3.67 ≥ 3.08).
    expect(sequentialDecision([{ z: -1.5, reachedOn: '2026-01-10' }, { z: -2, reachedOn: '2026-02-01' }], -2.2, 18).moreOnsetsNeeded).toBe(50 - 18);
    expect(sequentialDecision([], 0.1, 5).moreOnsetsNeeded).toBeNull();
  });

  it('is final once the last milestone is reached', () => {
    const all = ONSET_MILESTONES.map((_, index) => ({ z: 0.5, reachedOn: `2026-0${1 + (index % 9)}-01` }));
    expect(sequentialDecision(all, 0.5, 90)).toMatchObject({ claim: null, finished: true, moreOnsetsNeeded: null });
  });
});

describe('the rank guard', () => {
  it('a milestone whose one-sided week-shift rank p is above the bar’s nominal level is not crossed, however large its z', () => {
    // At 10 onsets the "earlier" bar is 5.85: nominal level 1 − Φ(5.69) ≈ 6e-9, which no rank p of ≤ 199 shifts reaches.
    const decision = sequentialDecision([{ z: 6, reachedOn: '2026-01-10', pEarlier: 0.005, pLater: 1 }], 6, 10);
    expect(decision.looks[0]!.crossed).toBe(false);
    expect(decision.claim).toBeNull();
    // At the last milestone (bar 1.93, nominal ≈ 2.7%) a rank p of 2% passes, 4% does not.
    const before = ONSET_MILESTONES.slice(0, -1).map(() => ({ z: 0, reachedOn: '2026-01-10', pEarlier: 0.5, pLater: 0.5 }));
    expect(sequentialDecision([...before, { z: 2, reachedOn: '2026-09-10', pEarlier: 0.02, pLater: 0.99 }], 2, 80).claim).toBe('earlier');
    expect(sequentialDecision([...before, { z: 2, reachedOn: '2026-09-10', pEarlier: 0.04, pLater: 0.99 }], 2, 80).claim).toBeNull();
  });
});
