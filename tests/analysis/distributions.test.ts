import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  chiSquareCdf,
  chiSquareUpperTail,
  logBeta,
  logGamma,
  normalCdf,
  normalQuantile,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTTwoSidedPValue,
  twoSidedNormalCriticalValue,
} from '../../src-main/analysis';
import { expectRelativelyClose } from './close-to';

// Every reference below was printed by tests/analysis/reference/references.R with R 4.2.2
// (sprintf("%.15g")), section "## Distributions":
//
//   pt(q = -3, 0.5, 2.5, -40, 0.001, 6; df = 1, 5, 30, 3, 12, 2.5)
//     = 0.102416382349567, 0.680850564179535, 0.990942175465967, 1.71903403945793e-05,
//       0.500390726234675, 0.992359135057238
//   pchisq(q = 0.5, 3.84145882069412, 10.3, 50, 0.01, 100, 7.5; df = 1, 1, 1, 3, 2, 1, 7.5)
//     lower = 0.520499877813047, 0.95, 0.998669697909353, 0.999999999920108, 0.00498752080731769, 1,
//             0.568710559539105
//     upper = 0.479500122186953, 0.0500000000000002, 0.00133030209064682, 7.98917924495147e-11,
//             0.995012479192682, 1.52397060483211e-23, 0.431289440460895
//   qnorm(p = 1e-300, 1e-10, 0.01, 0.025, 0.3, 0.5, 0.975, 0.999999)
//     = -37.0470962993612, -6.36134090240406, -2.32634787404084, -1.95996398454005,
//       -0.524400512708041, 0, 1.95996398454005, 4.75342430881709
//   pnorm(q = -10, -1.96, 0, 0.7, 3)
//     = 7.61985302416053e-24, 0.0249978951482204, 0.5, 0.758036347776927, 0.99865010196837

describe('Student t distribution', () => {
  const cases: [t: number, df: number, rPt: number][] = [
    [-3, 1, 0.102416382349567],
    [0.5, 5, 0.680850564179535],
    [2.5, 30, 0.990942175465967],
    [-40, 3, 1.71903403945793e-5],
    [0.001, 12, 0.500390726234675],
    [6, 2.5, 0.992359135057238],
  ];
  it.each(cases)('P(T ≤ %d | df = %d) matches R pt() = %d', (t, df, rPt) => {
    expectRelativelyClose(studentTCdf(t, df), rPt, 1e-10);
  });

  it('gives small two-sided p-values with full relative accuracy (2 × pt(-40, 3))', () => {
    expectRelativelyClose(studentTTwoSidedPValue(-40, 3), 2 * 1.71903403945793e-5, 1e-10);
  });

  it('is symmetric about 0 and tends to the normal for large df', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 0.5, max: 500, noNaN: true }), (t, df) => {
        expect(studentTCdf(t, df) + studentTCdf(-t, df)).toBeCloseTo(1, 12);
      }),
    );
    expect(studentTCdf(1.96, Infinity)).toBeCloseTo(normalCdf(1.96), 14);
    expect(studentTCdf(1.96, 1e7)).toBeCloseTo(normalCdf(1.96), 7);
  });

  // references.R, "## Distributions, large degrees of freedom":
  //   pt(-2.5, df = 5000, 1e6, 1e8) = 0.00622555809986057, 0.00620974475108162, 0.00620966612002727
  // (R itself switches to a corrected normal approximation above 4e5 df; so does studentTCdf.)
  it.each([
    [5000, 0.00622555809986057],
    [1e6, 0.00620974475108162],
    [1e8, 0.00620966612002727],
  ])('stays accurate with %d degrees of freedom (R pt(-2.5, df) = %d)', (df, rPt) => {
    expectRelativelyClose(studentTCdf(-2.5, df), rPt, 1e-10);
  });

  it('rejects degrees of freedom that are not positive', () => {
    expect(() => studentTCdf(1, 0)).toThrow(RangeError);
  });
});

describe('chi-square distribution', () => {
  const cases: [x: number, df: number, rLower: number, rUpper: number][] = [
    [0.5, 1, 0.520499877813047, 0.479500122186953],
    [3.84145882069412, 1, 0.95, 0.0500000000000002],
    [10.3, 1, 0.998669697909353, 0.00133030209064682],
    [50, 3, 0.999999999920108, 7.98917924495147e-11],
    [0.01, 2, 0.00498752080731769, 0.995012479192682],
    [100, 1, 1, 1.52397060483211e-23],
    [7.5, 7.5, 0.568710559539105, 0.431289440460895],
  ];
  it.each(cases)('x = %d, df = %d matches R pchisq() = %d, upper tail %d', (x, df, rLower, rUpper) => {
    expectRelativelyClose(chiSquareCdf(x, df), rLower, 1e-10);
    expectRelativelyClose(chiSquareUpperTail(x, df), rUpper, 1e-10);
  });

  //   pchisq(1e6 + 3000, 1e6, lower.tail = FALSE) = 0.0170167729332663
  //   pchisq(1e6 - 3000, 1e6) = 0.0168780211268397
  it('stays accurate with a million degrees of freedom', () => {
    expectRelativelyClose(chiSquareUpperTail(1e6 + 3000, 1e6), 0.0170167729332663, 1e-10);
    expectRelativelyClose(chiSquareCdf(1e6 - 3000, 1e6), 0.0168780211268397, 1e-10);
  });

  it('has no mass below 0', () => {
    expect(chiSquareCdf(0, 1)).toBe(0);
    expect(chiSquareCdf(-1, 3)).toBe(0);
    expect(chiSquareUpperTail(0, 1)).toBe(1);
  });

  it('on 1 df is the square of a standard normal', () => {
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (z) => {
        const twoSided = 2 * normalCdf(-Math.abs(z));
        expect(Math.abs(chiSquareUpperTail(z * z, 1) - twoSided)).toBeLessThanOrEqual(1e-12 * Math.max(twoSided, 1e-300) + 1e-300);
      }),
    );
  });
});

describe('normal distribution', () => {
  const quantiles: [p: number, rQnorm: number][] = [
    [1e-300, -37.0470962993612],
    [1e-10, -6.36134090240406],
    [0.01, -2.32634787404084],
    [0.025, -1.95996398454005],
    [0.3, -0.524400512708041],
    [0.5, 0],
    [0.975, 1.95996398454005],
    [0.999999, 4.75342430881709],
  ];
  it.each(quantiles)('quantile at p = %d matches R qnorm() = %d', (p, rQnorm) => {
    expectRelativelyClose(normalQuantile(p), rQnorm, 1e-12);
  });

  const cdf: [z: number, rPnorm: number][] = [
    [-10, 7.61985302416053e-24],
    [-1.96, 0.0249978951482204],
    [0, 0.5],
    [0.7, 0.758036347776927],
    [3, 0.99865010196837],
  ];
  it.each(cdf)('CDF at z = %d matches R pnorm() = %d', (z, rPnorm) => {
    expectRelativelyClose(normalCdf(z), rPnorm, 1e-10);
  });

  it('uses z = 1.959963984540054 for a 95% interval, not the rounded 1.96', () => {
    expectRelativelyClose(twoSidedNormalCriticalValue(0.95), 1.95996398454005, 1e-12);
  });

  it('quantile inverts the CDF (in the lower tail, where Φ keeps full relative precision)', () => {
    fc.assert(
      fc.property(fc.double({ min: -37, max: 0, noNaN: true }), (z) => {
        expect(Math.abs(normalQuantile(normalCdf(z)) - z)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(z)));
      }),
    );
  });

  it('has infinite quantiles at 0 and 1 and rejects probabilities outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.2)).toThrow(RangeError);
    expect(() => normalQuantile(Number.NaN)).toThrow(RangeError);
  });
});

describe('special functions', () => {
  it('log Γ matches closed forms', () => {
    // Γ(1/2) = √π, Γ(5) = 24, Γ(1) = Γ(2) = 1.
    expectRelativelyClose(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14);
    expectRelativelyClose(logGamma(5), Math.log(24), 1e-14);
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-14);
    // Stirling: log Γ(171) = log(170!) = 706.5730622457874 (to double precision).
    expectRelativelyClose(logGamma(171), 706.5730622457874, 1e-13);
  });

  it('log B matches closed forms in each of its three regimes', () => {
    // B(a, 1) = 1/a; B(1/2, 1/2) = π; B(a, b) = Γ(a)Γ(b)/Γ(a + b) with Γ(n) = (n − 1)!.
    expectRelativelyClose(logBeta(1e6, 1), -Math.log(1e6), 1e-13);
    expectRelativelyClose(logBeta(0.5, 0.5), Math.log(Math.PI), 1e-14);
    const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
    expectRelativelyClose(logBeta(20, 30), Math.log((factorial(19) * factorial(29)) / factorial(49)), 1e-13);
  });

  it('incomplete beta matches closed forms', () => {
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 − (1 − x)^b.
    expectRelativelyClose(regularizedIncompleteBeta(0.3, 1, 1), 0.3, 1e-13);
    expectRelativelyClose(regularizedIncompleteBeta(0.6, 3.5, 1), 0.6 ** 3.5, 1e-13);
    expectRelativelyClose(regularizedIncompleteBeta(0.2, 1, 4), 1 - 0.8 ** 4, 1e-13);
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });
});
