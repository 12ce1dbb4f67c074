import { describe, expect, it } from 'vitest';
import { fitPrimaryModel, gluteCalendar, primaryModel, weekShiftTest, type ModelRun } from '../../src-main/analysis/primary-model';
import { seededRandom } from '../../src-main/analysis/example-history';
import { addDays, dayOfWeek, daysBetween } from '../../src-main/shared/calendar';

/** A runner-year: runs Tue/Thu/Sun; glute sessions from `sessionOn`; pain hazard × `hazardRatio` after 7+ days without. */
function year(sessionOn: (index: number, weekday: number, random: () => number) => boolean, hazardRatio: number, seed: number) {
  const random = seededRandom(seed);
  const sessions: string[] = [];
  const runs: ModelRun[] = [];
  let last: string | null = null;
  for (let index = 0; index < 364; index++) {
    const date = addDays('2025-01-06', index);
    const weekday = dayOfWeek(date);
    if (weekday === 2 || weekday === 4 || weekday === 0) {
      const daysSince = last === null ? null : daysBetween(last, date);
      const distance = weekday === 0 ? 18_000 : 8_000;
      const hazard = daysSince === null || daysSince >= 7 ? hazardRatio : 1;
      const onset = Math.round(14_000 * Math.sqrt(-Math.log(1 - random()) / hazard));
      runs.push({
        runId: runs.length + 1,
        localDate: date,
        daysSinceGluteSession: daysSince,
        pain: onset < distance,
        outcomeMetres: Math.min(onset, distance),
        previousWeekMetres: 30_000,
        cutShort: false,
      });
    }
    if (sessionOn(index, weekday, random)) {
      sessions.push(date);
      last = date;
    }
  }
  return { runs: runs.filter((run) => run.daysSinceGluteSession !== null), calendar: gluteCalendar(sessions, []) };
}

/** Spells of weeks with no glute work at all. */
function onOff(seed: number) {
  const random = seededRandom(seed * 7 + 1);
  let off = false;
  return (_index: number, weekday: number) => {
    if (weekday === 1) off = off ? random() < 0.5 : random() < 0.3;
    return !off && random() < 0.45;
  };
}

describe('the week-shift permutation test', () => {
  it('gives the same p on every run (seeded) and finds a strong effect', () => {
    const { runs, calendar } = year(onOff(3), 4, 3);
    const first = weekShiftTest(runs, calendar)!;
    expect(weekShiftTest(runs, calendar)).toEqual(first);
    expect(first.shifts).toBeGreaterThan(45); // every whole-week shift of the year
    expect(first.pValue).toBeLessThan(0.05);
    expect(first.z!).toBeGreaterThan(2);
  });

  it('finds nothing to compare when the routine is the same every week', () => {
    // Monday, Wednesday, Friday every week: every shift by whole weeks gives the same exposure.
    const { runs, calendar } = year((_index, weekday) => weekday === 1 || weekday === 3 || weekday === 5, 1, 4);
    const result = weekShiftTest(runs, calendar)!;
    // Only the edges of the year (before the first session, after the last run) differ when shifted.
    expect(Math.abs(result.z ?? 0)).toBeLessThan(1);
    expect(result.pValue).toBeGreaterThan(0.5);
    expect(fitPrimaryModel(runs).problem).toMatch(/None of these runs came 7\+ days after a glute session/);
  });

  it('keeps its level when glute work makes no difference (seeded, 150 runner-years)', () => {
    let small = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const { runs, calendar } = year(onOff(seed), 1, 1000 + seed);
      if ((weekShiftTest(runs, calendar)?.pValue ?? 1) <= 0.05) small += 1;
    }
    // 5% of 150 is 7.5; allow for chance (binomial 99th percentile ≈ 15).
    expect(small).toBeLessThanOrEqual(15);
  });
});

describe('the primary model', () => {
  it('reads the hazard ratio of 7+ days without glute work, with the claim decided at onset milestones', () => {
    const { runs, calendar } = year(onOff(5), 3, 5);
    const model = primaryModel(runs, calendar);
    expect(model.exposure!.hazardRatio).toBeGreaterThan(1.5);
    expect(model.exposure!.meaning).toMatch(/7\+ days/);
    expect(model.adjusters.map((term) => term.meaning)).toEqual(['each year later in the calendar']); // the 7-day distance never varies here
    const reached = model.sequential.looks.filter((look) => look.reachedOn !== null);
    expect(reached.length).toBeGreaterThan(3);
    // Each milestone's date is the day the onsets reached it, in order.
    expect(reached.map((look) => look.reachedOn)).toEqual([...reached.map((look) => look.reachedOn)].sort());
  });

  it('says in words why it cannot be fitted with too few onsets', () => {
    const { runs } = year(onOff(6), 1, 6);
    expect(fitPrimaryModel(runs.slice(0, 4)).problem).toMatch(/at least 5 pain onsets/);
  });
});
