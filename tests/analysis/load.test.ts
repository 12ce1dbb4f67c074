import { describe, expect, it } from 'vitest';
import { acuteChronicRatio, dailyDistanceSeries, type DailyDistance } from '../../src-main/analysis';
import { expectRelativelyClose } from './close-to';

// Reference: tests/analysis/reference/references.R, R 4.2.2, section "## Acute:chronic ratio".
// An independent implementation of the Williams et al. (2017) EWMA with stats::filter:
//   ewma <- function(x, span) { lambda <- 2 / (span + 1)
//     as.numeric(stats::filter(lambda * x, 1 - lambda, method = "recursive")) }
// which computes y[t] = λ·x[t] + (1 − λ)·y[t − 1] starting from y[0] = 0, on this daily series
// (metres; day 1 = 2026-03-01, so the series crosses Europe's clock change on 29 March):
const dailyMetres = [
  5000, 0, 8000, 0, 6000, 0, 12000, 5000, 0, 8000, 0, 6000, 0, 14000, 0, 0, 5000, 8000, 0, 6000, 15000, 5000, 0, 8000, 0, 6000,
  0, 16000, 0, 10000, 12000, 10000, 14000, 0, 25000,
];
// R printed (sprintf("%.15g")):
const rAcute = [
  1250, 937.5, 2703.125, 2027.34375, 3020.5078125, 2265.380859375, 4699.03564453125, 4774.27673339844, 3580.70755004883,
  4685.53066253662, 3514.14799690247, 4135.61099767685, 3101.70824825764, 5826.28118619323, 4369.71088964492,
  3277.28316723369, 3707.96237542527, 4780.97178156895, 3585.72883617671, 4189.29662713253, 6891.9724703494,
  6418.97935276205, 4814.23451457154, 5610.67588592865, 4208.00691444649, 4656.00518583487, 3492.00388937615,
  6619.00291703211, 4964.25218777408, 6223.18914083056, 7667.39185562292, 8250.54389171719, 9687.90791878789,
  7265.93093909092, 11699.4482043182,
];
const rChronic = [
  344.827586206897, 321.046373365042, 850.629382098487, 791.96528678135, 1151.14009458953, 1071.75112254888,
  1825.42345892481, 2044.35977210241, 1903.3694429919, 2323.82672278556, 2163.56281086932, 2428.14468598178,
  2260.68643177614, 3070.29426406744, 2858.54983206279, 2661.40846433432, 2822.69063920782, 3179.74645719348,
  2960.45359807669, 3170.07748786451, 3985.93421283937, 4055.86978436769, 3776.15462682509, 4067.4543077337,
  3786.94021754517, 3939.56503012826, 3667.87089011942, 4518.3625528698, 4206.75134232706, 4606.2857325114,
  5116.19706130371, 5453.01105707587, 6042.45857038099, 5625.73728966505, 6961.89333865367,
];
// ratio (days 28..35):
const rRatioFromDay28 = [
  1.46491186565543, 1.18006789177798, 1.35102108340935, 1.49865061172392, 1.51302533689368, 1.60330564222256,
  1.29155176734595, 1.68049805350518,
];

/** The runs behind `dailyMetres`: rest days left out, the last day's 25 km logged as two runs. */
function loggedRuns(): DailyDistance[] {
  const runs: DailyDistance[] = [];
  dailyMetres.forEach((distanceMetres, index) => {
    const date = `2026-${index < 31 ? '03' : '04'}-${String((index % 31) + 1).padStart(2, '0')}`;
    if (distanceMetres === 25000) runs.push({ date, distanceMetres: 10000 }, { date, distanceMetres: 15000 });
    else if (distanceMetres > 0) runs.push({ date, distanceMetres });
  });
  return runs.reverse(); // any order is accepted
}

describe('acuteChronicRatio against an independent R implementation', () => {
  const { days, jumps } = acuteChronicRatio(loggedRuns());

  it('fills rest days with 0 and adds up two runs on one day', () => {
    expect(days).toHaveLength(35);
    expect(days[0]?.date).toBe('2026-03-01');
    expect(days[34]?.date).toBe('2026-04-04');
    expect(days.map((day) => day.distanceMetres)).toEqual(dailyMetres);
  });

  it('matches the 7-day and 28-day EWMAs every day', () => {
    days.forEach((day, index) => {
      expectRelativelyClose(day.acute, rAcute[index] ?? Number.NaN, 1e-12);
      expectRelativelyClose(day.chronic, rChronic[index] ?? Number.NaN, 1e-12);
    });
  });

  it('gives no ratio before day 28, then R’s ratios', () => {
    expect(days.slice(0, 27).every((day) => day.ratio === null)).toBe(true);
    days.slice(27).forEach((day, index) => expectRelativelyClose(day.ratio, rRatioFromDay28[index] ?? Number.NaN, 1e-12));
  });

  it('lists the days above 1.5 as jumps (days 32, 33 and 35)', () => {
    expect(jumps.map((day) => day.date)).toEqual(['2026-04-01', '2026-04-02', '2026-04-04']);
  });

  it('uses the spans and threshold it is given', () => {
    const stricter = acuteChronicRatio(loggedRuns(), { jumpAbove: 1.3 });
    expect(stricter.jumps.map((day) => day.date)).toEqual([
      '2026-03-28',
      '2026-03-30',
      '2026-03-31',
      '2026-04-01',
      '2026-04-02',
      '2026-04-04',
    ]);
    const shortChronic = acuteChronicRatio(loggedRuns(), { acuteDays: 3, chronicDays: 14 });
    expect(shortChronic.days[12]?.ratio).toBeNull();
    expect(shortChronic.days[13]?.ratio).not.toBeNull();
  });
});

describe('acuteChronicRatio edge cases', () => {
  it('gives nothing for an empty log', () => {
    expect(acuteChronicRatio([])).toEqual({ days: [], jumps: [] });
  });

  it('gives one day and no ratio for a single run', () => {
    const { days, jumps } = acuteChronicRatio([{ date: '2026-05-10', distanceMetres: 8000 }]);
    // λ = 2/8 and 2/29: the first day's averages are 8000/4 and 16000/29.
    expect(days).toEqual([
      { date: '2026-05-10', distanceMetres: 8000, acute: 2000, chronic: expect.closeTo(16000 / 29, 10), ratio: null },
    ]);
    expect(jumps).toEqual([]);
  });

  it('has no ratio (null, not NaN) while the chronic average is 0', () => {
    const { days } = acuteChronicRatio([
      { date: '2026-01-01', distanceMetres: 0 },
      { date: '2026-02-15', distanceMetres: 0 },
    ]);
    expect(days).toHaveLength(46);
    expect(days.every((day) => day.ratio === null)).toBe(true);
  });

  it('steps through calendar days across month ends, leap days and clock changes', () => {
    const series = dailyDistanceSeries([
      { date: '2028-02-27', distanceMetres: 1 },
      { date: '2028-03-01', distanceMetres: 2 },
    ]);
    expect(series.map((day) => day.date)).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01']);
    const autumn = dailyDistanceSeries([
      { date: '2026-10-24', distanceMetres: 1 },
      { date: '2026-10-26', distanceMetres: 1 },
    ]);
    expect(autumn.map((day) => day.date)).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
  });

  it('rejects dates that are not real YYYY-MM-DD dates and distances below 0', () => {
    expect(() => acuteChronicRatio([{ date: '2026-02-30', distanceMetres: 5000 }])).toThrow(/not a real calendar date/);
    expect(() => acuteChronicRatio([{ date: '1/3/2026', distanceMetres: 5000 }])).toThrow(/YYYY-MM-DD/);
    expect(() => acuteChronicRatio([{ date: '2026-03-01', distanceMetres: -5 }])).toThrow(RangeError);
    expect(() => acuteChronicRatio([{ date: '2026-03-01', distanceMetres: Number.NaN }])).toThrow(RangeError);
  });
});
