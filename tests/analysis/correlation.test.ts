import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averageRanks, spearman } from '../../src-main/analysis';
import { expectRelativelyClose } from './close-to';

// datasets::mtcars (Henderson & Velleman 1981, from Motor Trend 1974), columns in row order.
const mtcarsMpg = [
  21, 21, 22.8, 21.4, 18.7, 18.1, 14.3, 24.4, 22.8, 19.2, 17.8, 16.4, 17.3, 15.2, 10.4, 10.4, 14.7, 32.4, 30.4, 33.9,
  21.5, 15.5, 15.2, 13.3, 19.2, 27.3, 26, 30.4, 15.8, 19.7, 15, 21.4,
];
const mtcarsWt = [
  2.62, 2.875, 2.32, 3.215, 3.44, 3.46, 3.57, 3.19, 3.15, 3.44, 3.44, 4.07, 3.73, 3.78, 5.25, 5.424, 5.345, 2.2, 1.615,
  1.835, 2.465, 3.52, 3.435, 3.84, 3.845, 1.935, 2.14, 1.513, 3.17, 2.77, 3.57, 2.78,
];
const mtcarsHp = [
  110, 110, 93, 110, 175, 105, 245, 62, 95, 123, 123, 180, 180, 180, 205, 215, 230, 66, 52, 65, 97, 150, 150, 245, 175, 66,
  91, 113, 264, 175, 335, 109,
];
const mtcarsQsec = [
  16.46, 17.02, 18.61, 19.44, 17.02, 20.22, 15.84, 20, 22.9, 18.3, 18.9, 17.4, 17.6, 18, 17.98, 17.82, 17.42, 19.47, 18.52,
  19.9, 20.01, 16.87, 17.3, 15.41, 17.05, 18.9, 16.7, 16.9, 14.5, 15.5, 14.6, 18.6,
];

describe('spearman against R cor.test(method = "spearman", exact = FALSE)', () => {
  // tests/analysis/reference/references.R, R 4.2.2. The interval is not printed by cor.test;
  // references.R computes it from its definition,
  //   tanh(atanh(rho) + c(-1, 1) * qnorm(0.975) * sqrt(1.06 / (n - 3)))   (Fieller et al. 1957).
  //
  //   cor.test(mtcars$mpg, mtcars$wt, method = "spearman", exact = FALSE)
  //   S = 10292.31861352, p-value = 1.48759485813e-11, rho = -0.886422033270298
  //   p = 1.48759485812743e-11; CI: -0.944661767634971, -0.774011803061892
  it('mtcars mpg vs weight (ties in both)', () => {
    expect(new Set(mtcarsWt).size).toBeLessThan(mtcarsWt.length);
    const result = spearman(mtcarsMpg, mtcarsWt);
    expect(result.n).toBe(32);
    expectRelativelyClose(result.rho, -0.886422033270298, 1e-12);
    expectRelativelyClose(result.pValue, 1.48759485812743e-11, 1e-10);
    expectRelativelyClose(result.lower, -0.944661767634971, 1e-12);
    expectRelativelyClose(result.upper, -0.774011803061892, 1e-12);
  });

  //   cor.test(mtcars$hp, mtcars$qsec, method = "spearman", exact = FALSE)
  //   rho = -0.66660602135505; p = 3.10534425313097e-05
  //   CI: -0.827238843928868, -0.405232707552062
  it('mtcars horsepower vs quarter-mile time', () => {
    const result = spearman(mtcarsHp, mtcarsQsec);
    expectRelativelyClose(result.rho, -0.66660602135505, 1e-12);
    expectRelativelyClose(result.pValue, 3.10534425313097e-5, 1e-10);
    expectRelativelyClose(result.lower, -0.827238843928868, 1e-12);
    expectRelativelyClose(result.upper, -0.405232707552062, 1e-12);
  });

  //   cor.test(c(1, 2, 2, 3, 5, 5), c(2, 1, 4, 4, 6, 3), method = "spearman", exact = FALSE)
  //   rho = 0.582154398175869; p = 0.225415555100891
  //   CI: -0.461584915179972, 0.94989980597749
  it('a small tied sample (n = 6)', () => {
    const result = spearman([1, 2, 2, 3, 5, 5], [2, 1, 4, 4, 6, 3]);
    expectRelativelyClose(result.rho, 0.582154398175869, 1e-12);
    expectRelativelyClose(result.pValue, 0.225415555100891, 1e-10);
    expectRelativelyClose(result.lower, -0.461584915179972, 1e-12);
    expectRelativelyClose(result.upper, 0.94989980597749, 1e-12);
  });
});

describe('averageRanks', () => {
  it('gives tied values the mean of the ranks they span', () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(averageRanks([3, 1, 3, 3, 2])).toEqual([4, 1, 4, 4, 2]);
    expect(averageRanks([])).toEqual([]);
  });
});

describe('spearman edge cases: undefined quantities are null, never NaN', () => {
  it('empty and single pairs have no correlation', () => {
    expect(spearman([], [])).toEqual({ rho: null, pValue: null, n: 0, lower: null, upper: null });
    expect(spearman([1], [2])).toEqual({ rho: null, pValue: null, n: 1, lower: null, upper: null });
  });

  it('n = 2 gives rho = ±1 but no p-value or interval', () => {
    expect(spearman([1, 2], [5, 3])).toEqual({ rho: -1, pValue: null, n: 2, lower: null, upper: null });
  });

  it('n = 3 gives a p-value on 1 df but no interval (needs n ≥ 4)', () => {
    const result = spearman([1, 2, 3], [1, 3, 2]);
    expect(result.rho).toBeCloseTo(0.5, 15);
    // t = 0.5·√(1/0.75) on 1 df; two-sided p = 1 − (2/π)·atan(t) for the Cauchy distribution.
    expect(result.pValue).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(0.5 / Math.sqrt(0.75)), 12);
    expect(result.lower).toBeNull();
    expect(result.upper).toBeNull();
  });

  it('a constant variable has no correlation', () => {
    expect(spearman([4, 4, 4, 4, 4], [1, 2, 3, 4, 5])).toEqual({ rho: null, pValue: null, n: 5, lower: null, upper: null });
  });

  it('a perfect monotone relation gives rho = 1, p = 0 and the interval [1, 1]', () => {
    expect(spearman([1, 2, 3, 4, 5], [1, 4, 9, 16, 25])).toEqual({ rho: 1, pValue: 0, n: 5, lower: 1, upper: 1 });
  });

  it('rejects unequal lengths and non-finite values', () => {
    expect(() => spearman([1, 2, 3], [1, 2])).toThrow(RangeError);
    expect(() => spearman([1, Number.NaN, 3], [1, 2, 3])).toThrow(RangeError);
  });
});

const pairsArbitrary = fc
  .array(fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -1000, max: 1000 })), { minLength: 2, maxLength: 60 })
  .map((pairs) => ({ x: pairs.map(([x]) => x), y: pairs.map(([, y]) => y) }));

describe('spearman invariants (property-based)', () => {
  it('rho lies in [−1, 1], the p-value in [0, 1], and lower ≤ rho ≤ upper', () => {
    fc.assert(
      fc.property(pairsArbitrary, ({ x, y }) => {
        const { rho, pValue, lower, upper } = spearman(x, y);
        if (rho === null) return;
        expect(Math.abs(rho)).toBeLessThanOrEqual(1);
        if (pValue !== null) {
          expect(pValue).toBeGreaterThanOrEqual(0);
          expect(pValue).toBeLessThanOrEqual(1);
        }
        if (lower !== null && upper !== null) {
          expect(lower).toBeLessThanOrEqual(rho);
          expect(rho).toBeLessThanOrEqual(upper);
          expect(lower).toBeGreaterThanOrEqual(-1);
          expect(upper).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('is unchanged by strictly increasing transforms and flips sign under decreasing ones', () => {
    fc.assert(
      fc.property(pairsArbitrary, ({ x, y }) => {
        const original = spearman(x, y);
        // x³ + 5x and 2^(y/100) are strictly increasing (and exact or order-preserving here).
        const increasing = spearman(
          x.map((value) => value ** 3 + 5 * value),
          y.map((value) => 2 ** (value / 100)),
        );
        expect(increasing).toEqual(original);
        const decreasing = spearman(
          x.map((value) => -value),
          y,
        );
        if (original.rho === null) expect(decreasing.rho).toBeNull();
        else expect(decreasing.rho).toBeCloseTo(-original.rho, 12);
      }),
    );
  });

  it('is symmetric in x and y and ignores the order of the pairs', () => {
    fc.assert(
      fc.property(pairsArbitrary, ({ x, y }) => {
        const original = spearman(x, y);
        expect(spearman(y, x)).toEqual(original);
        const reversed = spearman([...x].reverse(), [...y].reverse());
        if (original.rho === null) expect(reversed.rho).toBeNull();
        else expect(reversed.rho).toBeCloseTo(original.rho, 12);
      }),
    );
  });
});
