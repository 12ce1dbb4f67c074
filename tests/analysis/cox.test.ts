import { describe, expect, it } from 'vitest';
import { coxProportionalHazards, type CoxFit, type CoxObservation } from '../../src-main/analysis';
import { coxReferences } from './reference/cox-reference';
import fc from 'fast-check';
import { PartialLikelihood, riskSetOrder } from '../../src-main/analysis/cox';

/** Absolute difference within `absolute`, or relative within it for numbers far from 1 (metres-scale coefficients are tiny). */
function expectNear(actual: readonly number[], expected: readonly number[], tolerance: number, what: string): void {
  expect(actual.length, what).toBe(expected.length);
  actual.forEach((value, index) => {
    const reference = expected[index]!;
    const difference = Math.abs(value - reference);
    const allowed = tolerance * Math.max(1, Math.abs(reference));
    if (!(difference <= allowed) && !(Math.abs(reference) < 1e-3 && difference <= tolerance * Math.abs(reference))) {
      throw new Error(`${what}[${index}]: ${value} vs R ${reference} (difference ${difference.toExponential(2)}, allowed ${allowed.toExponential(1)})`);
    }
  });
}

function fitted(observations: CoxObservation[], ties: 'efron' | 'breslow'): CoxFit {
  const result = coxProportionalHazards(observations, { ties });
  if (!result.estimable) throw new Error(result.message);
  return result;
}

describe('the Cox model matches R’s coxph', () => {
  for (const reference of coxReferences) {
    for (const ties of ['efron', 'breslow'] as const) {
      it(`${reference.name} (${ties})`, () => {
        const observations = reference.time.map((time, index) => ({ time, event: reference.event[index]!, covariates: reference.covariates[index]! }));
        const fit = ties === 'efron' ? coxProportionalHazards(observations) : fitted(observations, ties);
        if (!fit.estimable) throw new Error(fit.message);
        const r = reference[ties];
        // Coefficients to 1e-6 (relative for the tiny metres-scale ones), standard errors and intervals to 1e-5, p-values to 1e-4.
        fit.coefficients.forEach((value, index) => {
          const expected = r.coefficients[index]!;
          expect(Math.abs(value - expected)).toBeLessThanOrEqual(1e-6 * Math.max(Math.abs(expected), Math.abs(expected) < 1e-3 ? Math.abs(expected) : 1));
        });
        expectNear(fit.standardErrors, r.standardErrors, 1e-5, 'standard errors');
        expectNear(fit.lower, r.lower, 1e-5, 'lower');
        expectNear(fit.upper, r.upper, 1e-5, 'upper');
        fit.waldP.forEach((value, index) => expect(Math.abs(value - r.waldP[index]!)).toBeLessThanOrEqual(1e-4));
        expect(Math.abs(fit.logLikelihood - r.logLikelihood)).toBeLessThanOrEqual(1e-6 * Math.abs(r.logLikelihood));
        expect(Math.abs(fit.likelihoodRatioP - r.likelihoodRatioP)).toBeLessThanOrEqual(1e-4);
        expect(Math.abs(fit.scoreP - r.scoreP)).toBeLessThanOrEqual(1e-4);
        expect(fit.hazardRatios[0]).toBeCloseTo(Math.exp(r.coefficients[0]!), 6);
      });
    }
  }

  it('does not depend on the order of the observations', () => {
    const reference = coxReferences[0]!;
    const observations = reference.time.map((time, index) => ({ time, event: reference.event[index]!, covariates: reference.covariates[index]! }));
    const forwards = fitted(observations, 'efron');
    const backwards = fitted([...observations].reverse(), 'efron');
    expectNear(backwards.coefficients, forwards.coefficients, 1e-9, 'coefficients');
  });
});

describe('data the Cox model cannot be fitted to get a worded result, never NaN or a hang', () => {
  const noNaN = (value: unknown) => expect(JSON.stringify(value)).not.toMatch(/NaN|null,"message":""/);

  it('no events', () => {
    const result = coxProportionalHazards([1, 2, 3].map((time) => ({ time, event: false, covariates: [time] })));
    expect(result).toMatchObject({ estimable: false, problem: 'no_events' });
    if (!result.estimable) expect(result.message).toMatch(/No events/);
  });

  it('no observations', () => {
    expect(coxProportionalHazards([])).toMatchObject({ estimable: false, problem: 'no_observations' });
  });

  it('a covariate with one value', () => {
    const result = coxProportionalHazards([1, 2, 3, 4].map((time, index) => ({ time, event: index % 2 === 0, covariates: [index, 3] })));
    expect(result).toMatchObject({ estimable: false, problem: 'constant_covariate', covariate: 1 });
    noNaN(result);
  });

  it('collinear covariates', () => {
    const result = coxProportionalHazards(
      [1, 2, 3, 4, 5, 6].map((time, index) => ({ time, event: index !== 2, covariates: [index, (index * 7) % 5, 2 * index - 3 * ((index * 7) % 5) + 1] })),
    );
    expect(result).toMatchObject({ estimable: false, problem: 'collinear', covariate: 2 });
    if (!result.estimable) expect(result.message).toMatch(/collinear/);
  });

  it('separation: every event in the group with the higher value', () => {
    const observations = Array.from({ length: 20 }, (_, index) => ({ time: 10 + index, event: index < 10, covariates: [index < 10 ? 1 : 0, index % 3] }));
    // Events only where x = 1, and each of them before every x = 0 run ends: the hazard ratio runs to infinity.
    const started = Date.now();
    const result = coxProportionalHazards(observations);
    expect(Date.now() - started).toBeLessThan(5_000); // no hang (a generous bound, not a timing claim)
    expect(result).toMatchObject({ estimable: false, problem: 'separation', covariate: 0 });
    if (!result.estimable) expect(result.message).toMatch(/infinity/);
    noNaN(result);
  });

  it('refuses malformed input with a message', () => {
    expect(() => coxProportionalHazards([{ time: -1, event: true, covariates: [1] }])).toThrow(/finite and ≥ 0/);
    expect(() => coxProportionalHazards([{ time: 1, event: true, covariates: [Number.NaN] }])).toThrow(/finite numbers/);
    expect(() =>
      coxProportionalHazards([
        { time: 1, event: true, covariates: [1] },
        { time: 2, event: true, covariates: [1, 2] },
      ]),
    ).toThrow(/has 2 covariates/);
  });
});

describe('the order of the risk sets (riskSetOrder)', () => {
  it('is the stable sort by time, longest first, censored before events at a tie, for generated data with many ties', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ time: fc.oneof(fc.constantFrom(0, -0, 1, 2.5, 10), fc.double({ min: 0, max: 50, noNaN: true })), event: fc.boolean() }), { maxLength: 60 }),
        (observations) => {
          const expected = observations.map((_, index) => index);
          expected.sort((a, b) => observations[b]!.time - observations[a]!.time || Number(observations[a]!.event) - Number(observations[b]!.event));
          expect(riskSetOrder(observations)).toEqual(expected);
        },
      ),
    );
  });
});

describe('the partial likelihood written out for 2 and 3 covariates', () => {
  it('gives the very same doubles as the general loops, for generated data with ties, both tie rules', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3 }),
        fc.array(fc.record({ time: fc.constantFrom(1, 2, 3, 4.5, 7, 9.25), event: fc.boolean(), x: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 3, maxLength: 3 }) }), { minLength: 1, maxLength: 40 }),
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.boolean(),
        (p, rows, betaValues, efron) => {
          rows.sort((a, b) => b.time - a.time || Number(a.event) - Number(b.event));
          const times = Float64Array.from(rows, (row) => row.time);
          const status = Uint8Array.from(rows, (row) => (row.event ? 1 : 0));
          const x = Float64Array.from(rows.flatMap((row) => row.x.slice(0, p)));
          const beta = Float64Array.from(betaValues.slice(0, p));
          const likelihood = new PartialLikelihood(times, status, x, rows.length, p, efron);
          const fast = likelihood.evaluate(beta);
          const general = likelihood.evaluateAny(beta);
          expect(Object.is(fast.logLikelihood, general.logLikelihood)).toBe(true);
          expect(Array.from(fast.gradient)).toEqual(Array.from(general.gradient));
          expect(Array.from(fast.information)).toEqual(Array.from(general.information));
          Array.from(fast.gradient).forEach((value, index) => expect(Object.is(value, general.gradient[index])).toBe(true));
          Array.from(fast.information).forEach((value, index) => expect(Object.is(value, general.information[index])).toBe(true));
        },
      ),
    );
  });
});
