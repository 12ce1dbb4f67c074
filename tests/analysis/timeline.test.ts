import { describe, expect, it } from 'vitest';
import { acuteChronicDays, defaultRange, longRunSpikes, stretchStarts, weeklySummaries } from '../../src-main/analysis/timeline';
import { dayNumber } from '../../src-main/analysis/exposure';
import type { PlanTerms } from '../../src-main/analysis/glute-plan';

const run = (id: number, localDate: string, distanceMetres = 8000) => ({ id, localDate, distanceMetres });
const plan: PlanTerms = { effectiveFrom: '2026-10-05', kind: 'per_week', sessionsPerWeek: 3, everyNDays: null };

describe('timelines on a history with gaps', () => {
  it('defaults to the 365 days ending on the last run', () => {
    expect(defaultRange('2026-11-20')).toEqual({ from: '2025-11-21', to: '2026-11-20' });
  });

  it('starts a new stretch after more than 28 days without a run, not after 28', () => {
    const days = ['2026-01-01', '2026-01-30', '2026-03-01'].map(dayNumber);
    // 28 empty days between the first two (a stretch goes on); 29 before the third (a gap).
    expect(stretchStarts(days)).toEqual([dayNumber('2026-01-01'), dayNumber('2026-03-01')]);
  });

  it('judges only whole weeks with a plan, and leaves the weeks of a gap out', () => {
    const runs = [run(1, '2010-06-12'), run(2, '2026-10-07'), run(3, '2026-10-14'), run(4, '2026-10-21'), run(5, '2026-10-28')];
    const weeks = weeklySummaries(runs, ['2026-10-13', '2026-10-20', '2026-10-22'], [plan], '2010-01-01', '2026-10-28', 1);
    expect(weeks[0]).toMatchObject({ weekStart: '2010-06-07', partial: true, gluteSessionsPlanned: null, missed: false });
    expect(weeks[1]!.gapWeeksBefore).toBeGreaterThan(800);
    expect(weeks.length).toBe(5);
    // 5 Oct: the week the running resumed (next to the gap): partial. 12 and 19 Oct: whole weeks with a plan.
    expect(weeks.map((week) => [week.weekStart, week.partial, week.missed])).toEqual([
      ['2010-06-07', true, false],
      ['2026-10-05', true, false],
      ['2026-10-12', false, true],
      ['2026-10-19', false, true],
      ['2026-10-26', true, false],
    ]);
  });

  it('flags a run longer than 110% of the longest of the 30 days before, and has no history after a gap', () => {
    const runs = [run(1, '2026-01-01', 10_000), run(2, '2026-01-20', 10_000), run(3, '2026-02-05', 11_000), run(4, '2026-02-06', 12_200), run(5, '2026-04-01', 20_000)];
    const points = longRunSpikes(runs, '2026-01-01', '2026-12-31');
    expect(points.map((point) => point.longestPrevious30DaysMetres)).toEqual([null, null, 10_000, 11_000, null]);
    expect(points.map((point) => point.spike)).toEqual([false, false, false, true, false]);
    expect(points[4]!.gapWeeksBefore).toBeGreaterThan(0);
  });

  it('restarts the acute:chronic ratio after a gap, with no ratio for 28 days', () => {
    const runs = [];
    for (let day = 0; day < 60; day++) runs.push(run(day, `2026-01-${String(1 + (day % 31)).padStart(2, '0')}`));
    const early = Array.from({ length: 40 }, (_, index) => run(index, new Date(Date.UTC(2026, 0, 1 + index)).toISOString().slice(0, 10)));
    const late = Array.from({ length: 40 }, (_, index) => run(100 + index, new Date(Date.UTC(2026, 5, 1 + index)).toISOString().slice(0, 10), 3000));
    const days = acuteChronicDays([...early, ...late], '2026-01-01', '2026-12-31');
    const resumed = days.findIndex((day) => day.date === '2026-06-01');
    expect(days[resumed]!.gapWeeksBefore).toBeGreaterThan(10);
    expect(days.slice(resumed, resumed + 27).every((day) => day.ratio === null)).toBe(true);
    expect(days[resumed + 27]!.ratio).not.toBeNull();
    expect(days.some((day) => day.date === '2026-03-15')).toBe(false); // the gap's days are not drawn
  });
});
