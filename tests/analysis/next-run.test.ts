import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextRunGuidance, runSpikeCheck, spikeLimitOn, type NextRunRun } from '../../src-main/analysis/next-run';
import { longRunSpikes } from '../../src-main/analysis/timeline';
import { addDays } from '../../src-main/shared/calendar';

const noScores = { during: null, after: null, nextMorning: null };
const quietWeeks = { thisWeek: { runs: 1, worstScore: 0 }, lastWeek: { runs: 2, worstScore: 0 } };

/** A run every other day for `days` days up to `last`, 8 km, pain-free. */
function steadyRuns(last: string, days: number, metres = 8000): NextRunRun[] {
  const runs: NextRunRun[] = [];
  for (let back = days - 1; back >= 0; back -= 2) {
    runs.push({ id: runs.length + 1, localDate: addDays(last, -back), distanceMetres: metres, painStatus: 'none', scores: noScores });
  }
  return runs;
}

describe('your next run: the spike limit', () => {
  it('is 110% of the longest run of the 30 days before the day, as the Insights draw spikes', () => {
    const runs = steadyRuns('2026-11-19', 60);
    runs.push({ id: 99, localDate: '2026-11-01', distanceMetres: 9656, painStatus: 'none', scores: noScores }); // 6.0 mi
    const guidance = nextRunGuidance({ runs, today: '2026-11-21', ...quietWeeks });
    expect(guidance.forDate).toBe('2026-11-21');
    expect(guidance.longestRecentMetres).toBe(9656);
    expect(guidance.spikeAboveMetres).toBeCloseTo(10621.6, 1); // 6.6 mi
  });

  it('thinks of tomorrow once the runner has run today', () => {
    const runs = steadyRuns('2026-11-21', 61);
    expect(nextRunGuidance({ runs, today: '2026-11-21', ...quietWeeks }).forDate).toBe('2026-11-22');
  });

  it('says nothing about spikes in the first 30 days of running or after a break of more than 4 weeks', () => {
    expect(spikeLimitOn(steadyRuns('2026-11-19', 20), '2026-11-21')).toBeNull();
    const afterBreak = [...steadyRuns('2026-09-01', 90), ...steadyRuns('2026-11-19', 10)];
    expect(spikeLimitOn(afterBreak, '2026-11-21')).toBeNull();
    expect(spikeLimitOn(steadyRuns('2026-11-19', 40), '2026-11-21')).not.toBeNull();
  });

  it('agrees with the Insights’ long-run spikes on every run of generated histories', () => {
    const history = fc.array(fc.record({ offset: fc.integer({ min: 0, max: 200 }), km: fc.integer({ min: 1, max: 30 }) }), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(history, (entries) => {
        const runs: NextRunRun[] = entries.map((entry, index) => ({
          id: index + 1,
          localDate: addDays('2026-01-01', entry.offset),
          distanceMetres: entry.km * 1000,
          painStatus: 'none',
          scores: noScores,
        }));
        for (const point of longRunSpikes(runs, '2026-01-01', '2026-12-31')) {
          const limit = spikeLimitOn(runs, point.localDate);
          const known = point.longestPrevious30DaysMetres !== null && point.longestPrevious30DaysMetres > 0;
          expect(limit !== null).toBe(known);
          if (limit) expect(point.spike).toBe(point.distanceMetres > limit.spikeAboveMetres);
          expect(runSpikeCheck(runs, point.runId)?.spike).toBe(point.spike);
        }
      }),
    );
  });
});

describe('your next run: build, hold or step back (pain-monitoring model)', () => {
  const history = steadyRuns('2026-11-17', 50);
  const painful = (scores: NextRunRun['scores'], localDate = '2026-11-19'): NextRunRun[] => [
    ...history,
    { id: 500, localDate, distanceMetres: 9000, painStatus: 'pain', scores },
  ];
  const advise = (runs: NextRunRun[], weeks = quietWeeks) => nextRunGuidance({ runs, today: '2026-11-21', ...weeks });

  it('builds after pain within 0–5 that settled by the next morning', () => {
    const guidance = advise(painful({ during: 4, after: 3, nextMorning: 1 }));
    expect([guidance.advice, guidance.reason, guidance.judgedRun?.runId]).toEqual(['build', 'settled', 500]);
  });

  it('steps back when the pain had not settled by the next morning, or went above 5', () => {
    expect(advise(painful({ during: 4, after: 4, nextMorning: 3 })).reason).toBe('not_settled');
    expect(advise(painful({ during: 6, after: null, nextMorning: 0 })).reason).toBe('too_much');
    expect(advise(painful({ during: 2, after: 7, nextMorning: null })).advice).toBe('step_back');
  });

  it('holds while the next morning’s score is missing or still to come', () => {
    expect(advise(painful({ during: 4, after: null, nextMorning: null })).reason).toBe('morning_due');
    expect(advise(painful({ during: 4, after: null, nextMorning: null }, '2026-11-21')).reason).toBe('morning_to_come');
  });

  it('holds when this week’s worst pain rose from last week’s', () => {
    const guidance = advise(painful({ during: 4, after: 3, nextMorning: 1 }), { thisWeek: { runs: 2, worstScore: 4 }, lastWeek: { runs: 3, worstScore: 2 } });
    expect([guidance.advice, guidance.reason, guidance.rising]).toEqual(['hold', 'rising', { lastWeekWorst: 2, thisWeekWorst: 4 }]);
  });

  it('judges the latest recorded run: a pain-free run after a painful one builds', () => {
    const runs = [...painful({ during: 7, after: null, nextMorning: null }, '2026-11-18'), { id: 501, localDate: '2026-11-20', distanceMetres: 5000, painStatus: 'none' as const, scores: noScores }];
    expect(advise(runs).reason).toBe('pain_free');
  });

  it('cannot tell without a run of the last 14 days with its pain recorded', () => {
    const unrecorded = history.map((run) => ({ ...run, painStatus: 'unrecorded' as const }));
    expect(advise(unrecorded)).toMatchObject({ advice: 'unknown', reason: 'no_records', judgedRun: null });
  });
});
