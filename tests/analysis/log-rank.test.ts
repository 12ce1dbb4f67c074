import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logRank } from '../../src-main/analysis';
import { expectRelativelyClose } from './close-to';
import { lungDays, lungSex, lungStatus } from './reference/lung-reference';
import { amlMaintained, amlNonmaintained, toObservations } from './survival-data';

describe('logRank against R survival::survdiff (rho = 0)', () => {
  // tests/analysis/reference/references.R, R 4.2.2 + survival 3.5.3:
  //   survdiff(Surv(time, status) ~ x, data = aml)
  //                    N Observed      Expected    (O-E)^2/E   (O-E)^2/V
  //   x=Maintained    11        7 10.6893359923 1.2733438329 3.396388699
  //   x=Nonmaintained 12       11  7.3106640077 1.8618281526 3.396388699
  //    Chisq= 3.4  on 1 degrees of freedom, p= 0.065339322
  //   chisq = 3.3963886989776; expected = 10.6893359923007, 7.31066400769928
  //   p = pchisq(chisq, 1, lower.tail = FALSE) = 0.0653393220405051
  // (With R's default print options the same call prints "Chisq= 3.4  on 1 degrees of freedom, p= 0.07".)
  it('reproduces the aml maintenance comparison', () => {
    const test = logRank(amlMaintained, amlNonmaintained);
    expect(test.df).toBe(1);
    expect(test.observedA).toBe(7);
    expect(test.observedB).toBe(11);
    expectRelativelyClose(test.expectedA, 10.6893359923007, 1e-12);
    expectRelativelyClose(test.expectedB, 7.31066400769928, 1e-12);
    expectRelativelyClose(test.chiSquare, 3.3963886989776, 1e-12);
    expectRelativelyClose(test.pValue, 0.0653393220405051, 1e-10);
    // survdiff's var matrix: [1,1] = 4.00755074593873
    expectRelativelyClose(test.variance, 4.00755074593873, 1e-12);
  });

  //   survdiff(Surv(time, status) ~ sex, data = lung)
  //           N Observed    Expected    (O-E)^2/E    (O-E)^2/V
  //   sex=1 138      112 91.58173903 4.5522763105 10.326741955
  //   sex=2  90       53 73.41826097 5.6784970870 10.326741955
  //    Chisq= 10.3  on 1 degrees of freedom, p= 0.00131116452
  //   chisq = 10.3267419548856; expected = 91.5817390295728, 73.4182609704272
  //   p = 0.00131116452035549
  it('reproduces the lung comparison by sex (many tied times)', () => {
    const everyone = toObservations(lungDays, lungStatus, 2);
    const men = everyone.filter((_, index) => lungSex[index] === 1);
    const women = everyone.filter((_, index) => lungSex[index] === 2);
    const test = logRank(men, women);
    expect([test.observedA, test.observedB]).toEqual([112, 53]);
    expectRelativelyClose(test.expectedA, 91.5817390295728, 1e-12);
    expectRelativelyClose(test.expectedB, 73.4182609704272, 1e-12);
    expectRelativelyClose(test.chiSquare, 10.3267419548856, 1e-12);
    expectRelativelyClose(test.pValue, 0.00131116452035549, 1e-10);
  });
});

describe('logRank edge cases', () => {
  it('is undefined (null), not NaN, when nobody had pain', () => {
    const test = logRank([{ time: 5, event: false }], [{ time: 6, event: false }]);
    expect(test).toMatchObject({ chiSquare: null, pValue: null, observedA: 0, expectedA: 0, observedB: 0, expectedB: 0 });
  });

  it('is undefined (null) when one group has no runs', () => {
    const test = logRank(amlMaintained, []);
    expect(test.chiSquare).toBeNull();
    expect(test.pValue).toBeNull();
    expect(test.observedA).toBe(7);
    expect(test.expectedA).toBeCloseTo(7, 12);
  });

  it('finds no difference between identical groups', () => {
    const test = logRank(amlMaintained, amlMaintained);
    expect(test.chiSquare).toBeCloseTo(0, 12);
    expect(test.pValue).toBeCloseTo(1, 12);
  });
});

const groupArbitrary = fc.array(fc.record({ time: fc.integer({ min: 0, max: 20 }), event: fc.boolean() }), { maxLength: 40 });

describe('logRank invariants (property-based)', () => {
  it('is symmetric in the two groups and its expected counts add up to the observed ones', () => {
    fc.assert(
      fc.property(groupArbitrary, groupArbitrary, (a, b) => {
        const ab = logRank(a, b);
        const ba = logRank(b, a);
        expect(ab.observedA + ab.observedB).toBeCloseTo(ab.expectedA + ab.expectedB, 9);
        expect(ba.observedA).toBe(ab.observedB);
        expect(ba.expectedA).toBeCloseTo(ab.expectedB, 9);
        if (ab.chiSquare === null) {
          expect(ba.chiSquare).toBeNull();
        } else {
          expect(ba.chiSquare).toBeCloseTo(ab.chiSquare, 9);
          expect(ab.chiSquare).toBeGreaterThanOrEqual(0);
          expect(ab.pValue).toBeGreaterThanOrEqual(0);
          expect(ab.pValue).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});
