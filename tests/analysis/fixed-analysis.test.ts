import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeInsights } from '../../src-main/analysis/insights';
import { bothWays, fixedAnalysis, milestoneEvidence } from '../../src-main/analysis/fixed-analysis';
import { gluteCalendar, modelRuns } from '../../src-main/analysis/primary-model';
import { runExposures } from '../../src-main/analysis/exposure';
import { addDays } from '../../src-main/shared/calendar';
import { insightLocations, insightSides, headlineRatio, type InsightsFilters } from '../../src-main/shared/insights';
import type { MainComplaint } from '../../src-main/shared/domain';
import { asOf, scenarios, simulateRunner, START, YEAR_DAYS } from '../../scripts/insights-scenarios';

const complaint: MainComplaint = { location: 'lateral_knee', side: 'either' };
const claimOf = (verdict: string) => (verdict === 'earlier_when_skipped' || verdict === 'later_when_skipped' ? verdict : null);
// Scenarios with and without an effect, so that generated runners reach claims as well as "no clear difference".
const picked = scenarios.filter((scenario) => /HR 3|HR 2 at 7\+ days, on\/off weeks$|On\/off weeks \+ flare-ups|unnoted|Seasonal/.test(scenario.name));

describe('the verdict belongs to the fixed analysis, never to the view (generated multi-year histories)', () => {
  it('for random ranges, sites and sides the page shows the fixed analysis’s verdict, and a verdict reached at a milestone stays at every later look', () => {
    let claims = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: picked.length - 1 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 2, max: 3 }),
        fc.array(
          fc.record({
            lookWeek: fc.integer({ min: 4, max: 3 * 52 }),
            from: fc.option(fc.integer({ min: 0, max: 3 * YEAR_DAYS }), { nil: null }),
            span: fc.option(fc.integer({ min: 0, max: 3 * YEAR_DAYS }), { nil: null }),
            location: fc.constantFrom(...insightLocations),
            side: fc.constantFrom(...insightSides),
          }),
          { minLength: 2, maxLength: 3 },
        ),
        (scenarioIndex, seed, years, looks) => {
          const history = simulateRunner(picked[scenarioIndex]!, seed, years);
          const whole = fixedAnalysis(history, complaint).periods[0]!;
          const claimedOn = whole.sequential.claimedAt?.reachedOn ?? null;
          if (claimedOn !== null) claims++;
          for (const look of looks) {
            const lookDate = addDays(START, Math.min(look.lookWeek, years * 52) * 7 - 1);
            const seen = asOf(history, lookDate);
            const filters: InsightsFilters = {
              fromDate: look.from === null ? null : addDays(START, look.from),
              toDate: look.from === null || look.span === null ? null : addDays(START, look.from + look.span),
              location: look.location,
              side: look.side,
            };
            const page = computeInsights(seen, filters, 1, { complaint, periodStarts: [] });
            const fixedThen = fixedAnalysis(seen, complaint).periods[0]!;
            // The page's verdict is the fixed analysis's on the history as it stood, whatever the view …
            expect(page.verdict).toBe(fixedThen.verdict);
            // … and a claim made at a milestone is there at every look from its day on, and at none before.
            if (claimedOn !== null && claimedOn <= lookDate) expect(claimOf(page.verdict)).toBe(claimOf(whole.verdict));
            else expect(claimOf(page.verdict)).toBeNull();
            // The evidence at every milestone reached by then is the same as in the whole history.
            fixedThen.sequential.looks.forEach((then, index) => {
              if (then.reachedOn !== null) expect(then.z).toBe(whole.sequential.looks[index]!.z);
            });
          }
        },
      ),
      { numRuns: 14, seed: 1717 },
    );
    // The generated runners include claims (the property is not only checked on "no claim").
    expect(claims).toBeGreaterThan(0);
  });

  it('a finished analysis without a claim stays "no clear difference" over the following years', () => {
    const scenario = scenarios.find((candidate) => candidate.name === 'On/off weeks')!;
    let finished = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const history = simulateRunner(scenario, seed, 3);
      const whole = fixedAnalysis(history, complaint).periods[0]!;
      if (whole.verdict !== 'no_clear_difference') continue;
      finished++;
      const decidedOn = whole.sequential.looks[whole.sequential.looks.length - 1]!.reachedOn!;
      for (const extraDays of [0, 90, 400]) {
        const lookDate = addDays(decidedOn, extraDays);
        expect(computeInsights(asOf(history, lookDate), { fromDate: null, toDate: null, location: 'lateral_knee', side: 'any' }, 1).verdict).toBe('no_clear_difference');
      }
    }
    expect(finished).toBeGreaterThan(2);
  });
});

describe('analysis periods', () => {
  it('a new period is analysed on its own runs, the earlier one keeps its verdict, and both are listed', () => {
    const scenario = scenarios.find((candidate) => candidate.name.startsWith('EFFECT: HR 3'))!;
    const history = simulateRunner(scenario, 5, 3);
    const single = fixedAnalysis(history, complaint).periods;
    expect(single).toHaveLength(1);
    const newStart = addDays(START, 2 * YEAR_DAYS);
    const two = fixedAnalysis(history, complaint, [newStart]).periods;
    expect(two).toHaveLength(2);
    expect(two[0]!.to).toBe(addDays(newStart, -1));
    expect(two[1]!.from).toBe(newStart);
    expect(two[1]!.current).toBe(true);
    // The first period's evidence up to its milestones is that of the single analysis (same runs).
    two[0]!.sequential.looks.forEach((look, index) => {
      if (look.reachedOn !== null) expect(look.z).toBe(single[0]!.sequential.looks[index]!.z);
    });
    // The second period counts its own onsets from zero.
    expect(two[1]!.onsets).toBeLessThan(single[0]!.onsets);
    expect(two[0]!.onsets + two[1]!.onsets).toBeLessThanOrEqual(single[0]!.onsets);
  });
});

describe('runs without a pain note', () => {
  it('are counted per group, and a milestone needs both versions (left out / counted pain-free) to agree', () => {
    const scenario = scenarios.find((candidate) => candidate.name.startsWith('Pain-free runs unnoted'))!;
    const history = simulateRunner(scenario, 3, 1);
    const period = fixedAnalysis(history, complaint).periods[0]!;
    const unnoted = history.runs.filter((run) => run.painStatus === 'unrecorded').length;
    expect(unnoted).toBeGreaterThan(20);
    // Every unnoted run after the first glute session is in one of the two groups.
    expect(period.groups.skipped.unnoted + period.groups.usual.unnoted).toBeGreaterThan(unnoted - 5);
    expect(period.groups.skipped.unnoted).toBeGreaterThan(0);
    // The weaker of the two versions, and nothing when they disagree in direction.
    expect(bothWays({ z: 3, pEarlier: 0.01, pLater: 0.99, shifts: 50 }, { z: 2, pEarlier: 0.03, pLater: 0.97, shifts: 49 })).toEqual({ z: 2, pEarlier: 0.03, pLater: 0.99, shifts: 49 });
    expect(bothWays({ z: 3, pEarlier: 0.01, pLater: 0.99, shifts: 50 }, { z: -0.5, pEarlier: 0.7, pLater: 0.3, shifts: 50 }).z).toBe(0);
    // At each milestone the evidence is the weaker of the two versions, computed on their own runs.
    const painFree = { ...history, runs: history.runs.map((run) => (run.painStatus === 'unrecorded' ? { ...run, painStatus: 'none' as const } : run)) };
    const all = modelRuns(runExposures(painFree, { location: 'lateral_knee', side: 'any', fromDate: null, toDate: null }).runs);
    const unnotedIds = new Set(history.runs.filter((run) => run.painStatus === 'unrecorded').map((run) => run.id));
    const noted = all.filter((run) => !unnotedIds.has(run.runId));
    const evidence = milestoneEvidence(noted, all, gluteCalendar(history.gluteSessionDates, []));
    expect(evidence.length).toBeGreaterThan(3);
    evidence.forEach((atMilestone, index) => {
      expect(atMilestone.zLeftOut).not.toBe(atMilestone.zCountedPainFree);
      const weaker = Math.sign(atMilestone.zLeftOut!) === Math.sign(atMilestone.zCountedPainFree!) ? Math.min(Math.abs(atMilestone.zLeftOut!), Math.abs(atMilestone.zCountedPainFree!)) : 0;
      expect(Math.abs(atMilestone.z!)).toBeCloseTo(weaker, 12);
      expect(period.sequential.looks[index]!.z).toBe(atMilestone.z);
    });
  });
});

describe('same-day runs', () => {
  it('an earlier run of the same day counts in a run’s 7-day distance', () => {
    const history = {
      runs: [
        { id: 1, localDate: '2026-03-01', distanceMetres: 8_000, painStatus: 'none' as const, sites: [], cutShort: false },
        { id: 2, localDate: '2026-03-05', distanceMetres: 5_000, painStatus: 'none' as const, sites: [], cutShort: false },
        { id: 3, localDate: '2026-03-05', distanceMetres: 6_000, painStatus: 'none' as const, sites: [], cutShort: false },
      ],
      gluteSessionDates: ['2026-02-27'],
      beforeRunSessionDates: [],
      plans: [],
    };
    const runs = runExposures(history, { location: 'lateral_knee', side: 'any', fromDate: null, toDate: null }).runs;
    expect(runs.map((run) => run.previousWeekMetres)).toEqual([0, 8_000, 13_000]);
  });
});

describe('the headline gives no number its groups cannot carry', () => {
  const term = { meaning: '', hazardRatio: 2.5, lower: 0.07, upper: 91.87, waldP: 0.6 };
  it('below 5 onsets in a group: no ratio, and the words why', () => {
    const why = headlineRatio(term, { skipped: { runs: 2, onsets: 1, unnoted: 0 }, usual: { runs: 40, onsets: 12, unnoted: 1 } }, null);
    expect(why.term).toBeNull();
    expect(why.why).toContain('2 runs after 7+ days without glute work, 1 with pain');
    expect(why.why).toContain('too few to estimate');
  });
  it('all onsets in one group (separation) get their own words', () => {
    const why = headlineRatio(null, { skipped: { runs: 30, onsets: 20, unnoted: 0 }, usual: { runs: 60, onsets: 0, unnoted: 0 } }, 'separation');
    expect(why.term).toBeNull();
    expect(why.why).toContain('All 20 pain onsets came after 7+ days without glute work');
    expect(why.why).toContain('split completely');
  });
  it('an interval more than tenfold wide: no ratio', () => {
    const wide = headlineRatio(term, { skipped: { runs: 12, onsets: 6, unnoted: 0 }, usual: { runs: 40, onsets: 12, unnoted: 0 } }, null);
    expect(wide.term).toBeNull();
    expect(wide.why).toContain('more than 10-fold wide');
    const fine = headlineRatio({ ...term, lower: 1.2, upper: 4 }, { skipped: { runs: 12, onsets: 6, unnoted: 0 }, usual: { runs: 40, onsets: 12, unnoted: 0 } }, null);
    expect(fine.term?.hazardRatio).toBe(2.5);
  });
});
