import { describe, expect, it } from 'vitest';
import {
  dateOfDayNumber,
  dayNumber,
  gluteExposure,
  gluteExposureCalculator,
  runExposures,
  runOutcome,
  siteMatches,
  type InsightsHistory,
  type RunRecord,
} from '../../src-main/analysis/exposure';
import { generateHistory, toInsightsHistory } from '../../src-main/analysis/example-history';
import { addDays, daysBetween } from '../../src-main/shared/calendar';
import { defaultInsightsFilters } from '../../src-main/shared/insights';
import type { PlanTerms } from '../../src-main/analysis/glute-plan';

const perWeek = (effectiveFrom: string, sessionsPerWeek: number): PlanTerms => ({ effectiveFrom, kind: 'per_week', sessionsPerWeek, everyNDays: null });
const everyN = (effectiveFrom: string, everyNDays: number): PlanTerms => ({ effectiveFrom, kind: 'every_n_days', sessionsPerWeek: null, everyNDays });

function run(id: number, localDate: string, overrides: Partial<RunRecord> = {}): RunRecord {
  return { id, localDate, distanceMetres: 10_000, painStatus: 'none', sites: [], cutShort: false, ...overrides };
}

describe('glute exposure before a run, on the runner’s calendar', () => {
  it('counts days since the last session; one on the run’s day counts only when it was done before the run', () => {
    const sessions = ['2026-11-10', '2026-11-14'];
    expect(gluteExposure('2026-11-20', sessions, []).daysSinceGluteSession).toBe(6);
    // By default a session on the run's day came after it: the count goes back to the one before.
    expect(gluteExposure('2026-11-14', sessions, []).daysSinceGluteSession).toBe(4);
    expect(gluteExposure('2026-11-14', sessions, []).sessionsDone).toBe(1);
    expect(gluteExposure('2026-11-14', sessions, [], ['2026-11-14'])).toMatchObject({ daysSinceGluteSession: 0, sessionsDone: 2 });
    expect(gluteExposure('2026-11-09', sessions, []).daysSinceGluteSession).toBeNull();
    expect(gluteExposure('2026-11-10', sessions, []).daysSinceGluteSession).toBeNull();
    const calculator = gluteExposureCalculator(sessions, [], ['2026-11-14']);
    expect(calculator('2026-11-14')).toMatchObject({ daysSinceGluteSession: 0, sessionsDone: 2 });
    expect(gluteExposureCalculator(sessions, [])('2026-11-14')).toMatchObject({ daysSinceGluteSession: 4, sessionsDone: 1 });
  });

  it('is a whole number of calendar days across the spring and autumn clock changes', () => {
    // UK clocks went forward on 29 March 2026 and back on 25 October 2026; the US on 8 March.
    expect(gluteExposure('2026-03-30', ['2026-03-28'], []).daysSinceGluteSession).toBe(2);
    expect(gluteExposure('2026-10-26', ['2026-10-24'], []).daysSinceGluteSession).toBe(2);
    expect(gluteExposure('2026-03-09', ['2026-03-07'], []).sessionsDone).toBe(1);
  });

  it('counts the sessions in the 7 days ending on the run’s day and judges them by the plan', () => {
    const plans = [perWeek('2026-01-01', 3)];
    // Window 14–20 November: two sessions in it, one just before it.
    const exposure = gluteExposure('2026-11-20', ['2026-11-13', '2026-11-14', '2026-11-18'], plans);
    expect(exposure).toMatchObject({ sessionsDone: 2, judgedByDefaultPlan: false, onPlan: false });
    expect(exposure.sessionsPlanned).toBeCloseTo(3, 12);
    expect(gluteExposure('2026-11-20', ['2026-11-14', '2026-11-16', '2026-11-20'], plans, ['2026-11-20']).onPlan).toBe(true);
    // The same sessions with the last done after the run: 2 of 3 before it.
    expect(gluteExposure('2026-11-20', ['2026-11-14', '2026-11-16', '2026-11-20'], plans).onPlan).toBe(false);
  });

  it('judges each day by the plan in force that day when the plan changes inside the week', () => {
    // 2 a week until Wednesday 18 November, then every 2 days: 4 × 2/7 + 3 × 1/2 = 2.64 → 2 needed.
    const plans = [perWeek('2026-01-01', 2), everyN('2026-11-18', 2)];
    const exposure = gluteExposure('2026-11-20', ['2026-11-15', '2026-11-19'], plans);
    expect(exposure.sessionsPlanned).toBeCloseTo((4 * 2) / 7 + 3 / 2, 12);
    expect(exposure.onPlan).toBe(true);
    expect(gluteExposure('2026-11-20', ['2026-11-19'], plans).onPlan).toBe(false);
  });

  it('judges weeks with no plan against 3 sessions a week, and says so', () => {
    const exposure = gluteExposure('2026-11-20', ['2026-11-15', '2026-11-17', '2026-11-19'], [perWeek('2026-11-18', 5)]);
    // 14–17 Nov at 3 a week, 18–20 at 5 a week: 4 × 3/7 + 3 × 5/7 = 27/7 → 3 needed.
    expect(exposure).toMatchObject({ judgedByDefaultPlan: true, sessionsDone: 3, onPlan: true });
    expect(exposure.sessionsPlanned).toBeCloseTo(27 / 7, 12);
    expect(gluteExposure('2026-11-20', [], []).judgedByDefaultPlan).toBe(true);
  });

  it('the fast calculator gives exactly what the definitions give, on a generated year with plan changes', () => {
    const history = toInsightsHistory(generateHistory({ endDate: '2026-11-20', seed: 3 }));
    const plans = [...history.plans, everyN('2026-06-03', 2)];
    const fast = gluteExposureCalculator(history.gluteSessionDates, plans);
    for (const { localDate } of history.runs) {
      const slow = gluteExposure(localDate, history.gluteSessionDates, plans);
      const quick = fast(localDate);
      expect({ ...quick, sessionsPlanned: undefined }).toEqual({ ...slow, sessionsPlanned: undefined });
      expect(quick.sessionsPlanned).toBeCloseTo(slow.sessionsPlanned, 9);
    }
  });

  it('numbers days as the shared calendar does', () => {
    for (let offset = -40_000; offset <= 40_000; offset += 997) {
      const date = addDays('2000-02-29', offset);
      expect(dayNumber(date)).toBe(daysBetween('1970-01-01', date));
    }
  });

  it('turns day numbers back into the dates the shared calendar gives, leap days and centuries included', () => {
    // Every day from 1899 to 2101 (1900 and 2100 are not leap years, 2000 is), then a sweep of 0000–9999.
    for (let day = dayNumber('1899-01-01'); day <= dayNumber('2101-12-31'); day++) {
      expect(dateOfDayNumber(day)).toBe(addDays('1970-01-01', day));
    }
    for (let day = dayNumber('0000-01-01'); day <= dayNumber('9999-12-31'); day += 331) {
      const date = addDays('1970-01-01', day);
      expect(dateOfDayNumber(day)).toBe(date);
      expect(dayNumber(dateOfDayNumber(day))).toBe(day);
    }
  });
});

describe('the outcome: where the pain began, or pain-free through the whole distance', () => {
  const filters = { location: 'lateral_knee', side: 'any' } as const;

  it('a pain-free run is censored at its full distance, never missing', () => {
    expect(runOutcome(run(1, '2026-11-20', { distanceMetres: 12_345 }), filters)).toEqual({ pain: false, outcomeMetres: 12_345 });
  });

  it('takes the earliest onset among the sites that match', () => {
    const sites = [
      { onsetMetres: 6000, location: 'lateral_knee' as const, side: 'left' as const, presentAtStart: false },
      { onsetMetres: 2000, location: 'front_knee' as const, side: 'left' as const, presentAtStart: false },
      { onsetMetres: 4000, location: 'lateral_knee' as const, side: 'right' as const, presentAtStart: false },
    ];
    const painful = run(1, '2026-11-20', { painStatus: 'pain', sites });
    expect(runOutcome(painful, filters)).toEqual({ pain: true, outcomeMetres: 4000 });
    expect(runOutcome(painful, { location: 'lateral_knee', side: 'left' })).toEqual({ pain: true, outcomeMetres: 6000 });
    expect(runOutcome(painful, { location: 'any', side: 'any' })).toEqual({ pain: true, outcomeMetres: 2000 });
    // Pain only elsewhere: pain-free for this question, through the whole distance.
    expect(runOutcome(painful, { location: 'hip', side: 'any' })).toEqual({ pain: false, outcomeMetres: 10_000 });
  });

  it('pain already there at the start is not an onset at 0 m: the run is set apart', () => {
    const sore = run(1, '2026-11-20', { painStatus: 'pain', sites: [{ onsetMetres: 0, location: 'lateral_knee', side: 'left', presentAtStart: true }] });
    expect(runOutcome(sore, filters)).toBe('sore_at_start');
    // An onset typed as 0 m is the same thing.
    const zero = run(2, '2026-11-20', { painStatus: 'pain', sites: [{ onsetMetres: 0, location: 'lateral_knee', side: 'left', presentAtStart: false }] });
    expect(runOutcome(zero, filters)).toBe('sore_at_start');
    // Sore at the hip at the start, knee pain later: for the knee question that is an onset.
    const hip = run(3, '2026-11-20', {
      painStatus: 'pain',
      sites: [
        { onsetMetres: 0, location: 'hip', side: 'left', presentAtStart: true },
        { onsetMetres: 5000, location: 'lateral_knee', side: 'left', presentAtStart: false },
      ],
    });
    expect(runOutcome(hip, filters)).toEqual({ pain: true, outcomeMetres: 5000 });
    const history: InsightsHistory = { runs: [sore, hip], gluteSessionDates: ['2026-11-18'], beforeRunSessionDates: [], plans: [] };
    const exposures = runExposures(history, defaultInsightsFilters);
    expect(exposures.runs.map((r) => r.runId)).toEqual([3]);
    expect(exposures.soreAtStart.map((r) => r.runId)).toEqual([1]);
  });

  it('pain on both sides counts for the left and for the right', () => {
    const site = { location: 'lateral_knee' as const, side: 'both' as const };
    expect(siteMatches(site, 'lateral_knee', 'left')).toBe(true);
    expect(siteMatches(site, 'lateral_knee', 'right')).toBe(true);
    expect(siteMatches({ location: 'lateral_knee', side: 'right' }, 'lateral_knee', 'left')).toBe(false);
  });

  it('leaves out runs whose pain was never recorded, and counts them', () => {
    const history: InsightsHistory = {
      runs: [
        run(1, '2026-11-01'),
        run(2, '2026-11-02', { painStatus: 'unrecorded' }),
        run(3, '2026-11-03', { painStatus: 'pain', sites: [{ onsetMetres: 3000, location: 'lateral_knee', side: 'left', presentAtStart: false }] }),
        run(4, '2026-12-01', { painStatus: 'unrecorded' }),
      ],
      gluteSessionDates: ['2026-10-30'],
      beforeRunSessionDates: [],
      plans: [],
    };
    const all = runExposures(history, defaultInsightsFilters);
    expect(all.runs.map((r) => r.runId)).toEqual([1, 3]);
    expect(all).toMatchObject({ runsInRange: 4, unrecordedLeftOut: 2 });
    expect(all.runs[1]).toMatchObject({ pain: true, outcomeMetres: 3000, daysSinceGluteSession: 4 });
    const november = runExposures(history, { ...defaultInsightsFilters, toDate: '2026-11-30' });
    expect(november).toMatchObject({ runsInRange: 3, unrecordedLeftOut: 1 });
  });
});
