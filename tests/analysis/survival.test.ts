import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaplanMeier, medianSurvivalInterval, type SurvivalObservation } from '../../src-main/analysis';
import { expectRelativelyClose } from './close-to';
import { lungDays, lungKaplanMeier, lungStatus } from './reference/lung-reference';
import { amlMaintained, amlNonmaintained, toObservations } from './survival-data';

// References: tests/analysis/reference/references.R, R 4.2.2 + survival 3.5.3:
//   summary(survfit(Surv(time, status) ~ x, data = aml, conf.type = "log-log"))
//
//             strata time n.risk n.event               surv            std.err
//   1     x=Maintained    9     11       1 0.9090909090909091 0.0866784172041448
//   2     x=Maintained   13     10       1 0.8181818181818181 0.1162912998303329
//   3     x=Maintained   18      8       1 0.7159090909090908 0.1396649705572278
//   4     x=Maintained   23      7       1 0.6136363636363635 0.1526323310273120
//   5     x=Maintained   31      5       1 0.4909090909090909 0.1641932672211358
//   6     x=Maintained   34      4       1 0.3681818181818182 0.1626688858270948
//   7     x=Maintained   48      2       1 0.1840909090909091 0.1534927457862937
//   8  x=Nonmaintained    5     12       2 0.8333333333333334 0.1075828707279838
//   9  x=Nonmaintained    8     10       2 0.6666666666666667 0.1360827634879544
//   10 x=Nonmaintained   12      8       1 0.5833333333333334 0.1423187606383278
//   11 x=Nonmaintained   23      6       1 0.4861111111111112 0.1481300625534829
//   12 x=Nonmaintained   27      5       1 0.3888888888888890 0.1469861839480328
//   13 x=Nonmaintained   30      4       1 0.2916666666666667 0.1387151691349874
//   14 x=Nonmaintained   33      3       1 0.1944444444444445 0.1218745053804462
//   15 x=Nonmaintained   43      2       1 0.0972222222222222 0.0918663649675205
//   16 x=Nonmaintained   45      1       1 0.0000000000000000                NaN
//                    lower             upper
//   1  0.50808020576992974 0.986673822667823
//   2  0.44742861468218142 0.951162228582492
//   3  0.35019038590793838 0.899023974191053
//   4  0.26575204000128611 0.835299243250221
//   5  0.16733090977685081 0.753399790370811
//   6  0.09282957493698518 0.657040832398164
//   7  0.01173848012318960 0.525014842726641
//   8  0.48171494219537886 0.955509365728065
//   9  0.33701893254140197 0.859711799084440
//   10 0.27013892408549733 0.800940192333387
//   11 0.19187661961872829 0.729671569779485
//   12 0.12627201219539366 0.649817408289315
//   13 0.07240160890777184 0.560886052671409
//   14 0.03119864293121194 0.461429476238114
//   15 0.00574630569586383 0.348903861110750
//   16                  NA                NA
//
//   print(survfit(...)):
//                    n events median 0.95LCL 0.95UCL
//   x=Maintained    11      7     31      13      NA
//   x=Nonmaintained 12     11     23       5      33

type Row = [time: number, atRisk: number, events: number, survival: number, stdErr: number, lower: number, upper: number];

const maintainedRows: Row[] = [
  [9, 11, 1, 0.9090909090909091, 0.0866784172041448, 0.50808020576992974, 0.986673822667823],
  [13, 10, 1, 0.8181818181818181, 0.1162912998303329, 0.44742861468218142, 0.951162228582492],
  [18, 8, 1, 0.7159090909090908, 0.139664970557227, 0.35019038590793838, 0.899023974191053],
  [23, 7, 1, 0.6136363636363635, 0.152632331027312, 0.26575204000128611, 0.835299243250221],
  [31, 5, 1, 0.4909090909090909, 0.1641932672211358, 0.16733090977685081, 0.753399790370811],
  [34, 4, 1, 0.3681818181818182, 0.1626688858270948, 0.09282957493698518, 0.657040832398164],
  [48, 2, 1, 0.1840909090909091, 0.1534927457862937, 0.0117384801231896, 0.525014842726641],
];

const nonmaintainedRows: Row[] = [
  [5, 12, 2, 0.8333333333333334, 0.1075828707279838, 0.48171494219537886, 0.955509365728065],
  [8, 10, 2, 0.6666666666666667, 0.1360827634879544, 0.33701893254140197, 0.85971179908444],
  [12, 8, 1, 0.5833333333333334, 0.1423187606383278, 0.27013892408549733, 0.800940192333387],
  [23, 6, 1, 0.4861111111111112, 0.1481300625534829, 0.19187661961872829, 0.729671569779485],
  [27, 5, 1, 0.388888888888889, 0.1469861839480328, 0.12627201219539366, 0.649817408289315],
  [30, 4, 1, 0.2916666666666667, 0.1387151691349874, 0.07240160890777184, 0.560886052671409],
  [33, 3, 1, 0.1944444444444445, 0.1218745053804462, 0.03119864293121194, 0.461429476238114],
  [43, 2, 1, 0.0972222222222222, 0.0918663649675205, 0.00574630569586383, 0.34890386111075],
];

function expectStepsMatch(observations: SurvivalObservation[], rows: Row[]): void {
  const { steps } = kaplanMeier(observations);
  rows.forEach(([time, atRisk, events, survival, stdErr, lower, upper], index) => {
    const step = steps[index];
    expect(step, `step ${index}`).toBeDefined();
    expect(step?.time).toBe(time);
    expect(step?.atRisk).toBe(atRisk);
    expect(step?.events).toBe(events);
    // R prints 16 significant digits; 1e-10 relative leaves room for summation order only.
    expectRelativelyClose(step?.survival, survival, 1e-10);
    expectRelativelyClose(step?.stdErr, stdErr, 1e-10);
    expectRelativelyClose(step?.lower, lower, 1e-10);
    expectRelativelyClose(step?.upper, upper, 1e-10);
  });
}

describe('kaplanMeier against R survival::survfit on survival::aml', () => {
  it('reproduces the Maintained group (censored times 13+, 28+, 45+, 161+)', () => {
    const curve = kaplanMeier(amlMaintained);
    expect(curve.steps).toHaveLength(7);
    expectStepsMatch(amlMaintained, maintainedRows);
    expect(medianSurvivalInterval(curve)).toEqual({ median: 31, lower: 13, upper: null });
  });

  it('reproduces the Nonmaintained group, whose curve falls to 0 at the last relapse', () => {
    const curve = kaplanMeier(amlNonmaintained);
    expect(curve.steps).toHaveLength(8 + 1);
    expectStepsMatch(amlNonmaintained, nonmaintainedRows);
    // R: surv 0, std.err NaN, lower/upper NA. Stance keeps numbers: 0, 0, 0, 0.
    expect(curve.steps[8]).toEqual({ time: 45, atRisk: 1, events: 1, survival: 0, stdErr: 0, lower: 0, upper: 0 });
    expect(medianSurvivalInterval(curve)).toEqual({ median: 23, lower: 5, upper: 33 });
  });

  it('uses the confidence level it is given (narrower at 80%)', () => {
    const at95 = kaplanMeier(amlMaintained).steps[0];
    const at80 = kaplanMeier(amlMaintained, { confidenceLevel: 0.8 }).steps[0];
    expect(at80?.lower).toBeGreaterThan(at95?.lower ?? 1);
    expect(at80?.upper).toBeLessThan(at95?.upper ?? 0);
  });
});

describe('kaplanMeier against R survival::survfit on survival::lung (228 patients, 139 event times)', () => {
  // Every row of summary(survfit(Surv(time, status) ~ 1, data = lung, conf.type = "log-log")),
  // written by references.R to reference/lung-reference.ts. print() of the same fit:
  //          n events median 0.95LCL 0.95UCL
  //   [1,] 228    165    310     284     361
  const observations = toObservations(lungDays, lungStatus, 2);
  const curve = kaplanMeier(observations);

  it('has one step per distinct death time, with R’s risk sets and counts', () => {
    expect(curve.steps.map((step) => step.time)).toEqual(lungKaplanMeier.time);
    expect(curve.steps.map((step) => step.atRisk)).toEqual(lungKaplanMeier.atRisk);
    expect(curve.steps.map((step) => step.events)).toEqual(lungKaplanMeier.events);
  });

  it('matches survival, Greenwood standard error and log-log limits at every step', () => {
    curve.steps.forEach((step, index) => {
      expectRelativelyClose(step.survival, lungKaplanMeier.survival[index] ?? Number.NaN, 1e-10);
      expectRelativelyClose(step.stdErr, lungKaplanMeier.stdErr[index] ?? Number.NaN, 1e-10);
      expectRelativelyClose(step.lower, lungKaplanMeier.lower[index] ?? Number.NaN, 1e-10);
      expectRelativelyClose(step.upper, lungKaplanMeier.upper[index] ?? Number.NaN, 1e-10);
    });
  });

  it('gives R’s median and its confidence limits', () => {
    expect(medianSurvivalInterval(curve)).toEqual({ median: 310, lower: 284, upper: 361 });
  });
});

describe('kaplanMeier conventions and edge cases', () => {
  it('gives no steps and no median for no runs', () => {
    expect(kaplanMeier([])).toEqual({ steps: [], median: null });
    expect(medianSurvivalInterval(kaplanMeier([]))).toEqual({ median: null, lower: null, upper: null });
  });

  it('stays at 1 with no median when every run was pain-free', () => {
    const curve = kaplanMeier([
      { time: 5000, event: false },
      { time: 8000, event: false },
      { time: 8000, event: false },
    ]);
    expect(curve).toEqual({ steps: [], median: null });
  });

  it('handles a single run', () => {
    expect(kaplanMeier([{ time: 3200, event: false }])).toEqual({ steps: [], median: null });
    expect(kaplanMeier([{ time: 3200, event: true }])).toEqual({
      steps: [{ time: 3200, atRisk: 1, events: 1, survival: 0, stdErr: 0, lower: 0, upper: 0 }],
      median: 3200,
    });
  });

  it('counts a run that ended pain-free at t as still at risk at t (events before censorings)', () => {
    const { steps } = kaplanMeier([
      { time: 5, event: false },
      { time: 5, event: true },
      { time: 7, event: true },
    ]);
    expect(steps.map(({ time, atRisk }) => [time, atRisk])).toEqual([
      [5, 3],
      [7, 1],
    ]);
    expect(steps[0]?.survival).toBeCloseTo(2 / 3, 15);
    expect(steps[1]?.survival).toBe(0);
  });

  it('makes no step at a censoring-only time but shrinks the risk set after it', () => {
    const { steps } = kaplanMeier([
      { time: 1, event: true },
      { time: 2, event: false },
      { time: 3, event: true },
      { time: 4, event: false },
    ]);
    expect(steps.map((step) => [step.time, step.atRisk])).toEqual([
      [1, 4],
      [3, 2],
    ]);
    expect(steps[1]?.survival).toBeCloseTo(0.75 * 0.5, 15);
  });

  it('does not depend on the order of the runs', () => {
    const reversed = [...amlNonmaintained].reverse();
    expect(kaplanMeier(reversed)).toEqual(kaplanMeier(amlNonmaintained));
  });

  // R, print(survfit(Surv(c(1,2,3), c(1,1,1)) ~ 1, conf.type = "log-log")): median 2, 0.95LCL 1,
  // 0.95UCL NA; with c(1,2,3,4,5,6) and status c(1,0,1,1,1,1): median 4, LCL 1, UCL NA.
  it('skips the final S = 0 step when finding median limits, as R does', () => {
    const threeHurt = kaplanMeier(toObservations([1, 2, 3], [1, 1, 1]));
    expect(medianSurvivalInterval(threeHurt)).toEqual({ median: 2, lower: 1, upper: null });
    const sixRuns = kaplanMeier(toObservations([1, 2, 3, 4, 5, 6], [1, 0, 1, 1, 1, 1]));
    expect(medianSurvivalInterval(sixRuns)).toEqual({ median: 4, lower: 1, upper: null });
  });

  it('takes the median where S first reaches 0.5, even when it is exactly 0.5 (R prints the midpoint, 2.5)', () => {
    // Four runs that all hurt, at 1, 2, 3, 4: S(2) = 0.5 exactly.
    expect(kaplanMeier(toObservations([1, 2, 3, 4], [1, 1, 1, 1])).median).toBe(2);
    // 3/4 · 2/3 is 0.5 in exact arithmetic but not in floating point; the tolerance catches it.
    expect(kaplanMeier(toObservations([1, 2, 3, 4], [1, 0, 1, 0])).median).toBe(3);
  });

  it('rejects times that are negative or not numbers', () => {
    expect(() => kaplanMeier([{ time: -1, event: true }])).toThrow(RangeError);
    expect(() => kaplanMeier([{ time: Number.NaN, event: true }])).toThrow(/Observation 0/);
    expect(() => kaplanMeier([{ time: Infinity, event: false }])).toThrow(RangeError);
  });
});

const observationsArbitrary = fc.array(
  fc.record({ time: fc.integer({ min: 0, max: 40 }), event: fc.boolean() }),
  { maxLength: 80 },
);

describe('kaplanMeier invariants (property-based)', () => {
  it('is non-increasing, within [0, 1], and lower ≤ S ≤ upper', () => {
    fc.assert(
      fc.property(observationsArbitrary, (observations) => {
        const { steps } = kaplanMeier(observations);
        let previous = 1;
        for (const step of steps) {
          expect(step.survival).toBeLessThanOrEqual(previous);
          expect(step.survival).toBeGreaterThanOrEqual(0);
          expect(step.lower).toBeGreaterThanOrEqual(0);
          expect(step.lower).toBeLessThanOrEqual(step.survival);
          expect(step.survival).toBeLessThanOrEqual(step.upper);
          expect(step.upper).toBeLessThanOrEqual(1);
          expect(Number.isNaN(step.stdErr)).toBe(false);
          previous = step.survival;
        }
      }),
    );
  });

  it('has a step for every distinct event time and counts every event once', () => {
    fc.assert(
      fc.property(observationsArbitrary, (observations) => {
        const { steps } = kaplanMeier(observations);
        const eventTimes = [...new Set(observations.filter((o) => o.event).map((o) => o.time))].sort((a, b) => a - b);
        expect(steps.map((step) => step.time)).toEqual(eventTimes);
        expect(steps.reduce((sum, step) => sum + step.events, 0)).toBe(observations.filter((o) => o.event).length);
        steps.forEach((step) => expect(step.atRisk).toBe(observations.filter((o) => o.time >= step.time).length));
      }),
    );
  });

  it('equals the empirical proportion still pain-free when no run is censored', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 60 }), (times) => {
        const { steps, median } = kaplanMeier(times.map((time) => ({ time, event: true })));
        for (const step of steps) {
          expect(step.survival).toBeCloseTo(times.filter((time) => time > step.time).length / times.length, 12);
        }
        const sorted = [...times].sort((a, b) => a - b);
        // The smallest t with (number > t)/n ≤ 1/2 is the ⌈n/2⌉-th order statistic.
        expect(median).toBe(sorted[Math.ceil(times.length / 2) - 1]);
      }),
    );
  });
});
