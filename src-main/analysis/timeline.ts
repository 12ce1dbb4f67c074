/**
 * The Insights' timelines on a real history: the range shown, the weeks (glute sessions done
 * against planned, distance), and the training load (the long-run spike and the acute:chronic
 * ratio). A real history has holes — a GPX file from 2010, a winter off — so:
 *
 * - the default range is the last 12 months that hold runs (365 days ending on the last run);
 * - the weeks start at the first week of the range that holds a run;
 * - a stretch of more than 4 weeks (28 days) without a run is a GAP: its weeks and days are left
 *   out and drawn as a break; the load measures start again after it;
 * - a week cut by the edge of the range or by a gap is PARTIAL and is never counted as missed;
 *   nor is a week with no glute plan in force (`gluteSessionsPlanned` null);
 * - the headline load signal: a run longer than 110% of the longest run of the previous 30 days
 *   (Frandsen et al. 2025, Br J Sports Med 59:1203, doi 10.1136/bjsports-2024-109380: in 5,205
 *   runners, such spikes raised the rate of overuse injury 1.5–2.3×, while the acute:chronic
 *   ratio did not predict it). "Not enough history" (null) for the first 30 days of running and
 *   after a gap;
 * - the acute:chronic ratio (load.ts) stays as a secondary picture, restarted after each gap and
 *   null for its first 28 days.
 */
import { addDays, weekStart as weekStartOf } from '../shared/calendar';
import type { WeekStartDay } from '../shared/domain';
import type { LoadPoint, LongRunPoint, WeekSummary } from '../shared/insights';
import { dateOfDayNumber, dayNumber, firstIndexAtLeast, type RunRecord } from './exposure';
import { sessionsPerDay, type PlanTerms } from './glute-plan';
import { exponentiallyWeightedAverages } from './load';

/** More days than this without a run make a gap. */
export const GAP_DAYS = 28;
/** The long-run spike: longer than this share of the longest run of the previous 30 days. */
export const SPIKE_ABOVE = 1.1;
export const SPIKE_WINDOW_DAYS = 30;
/** Acute:chronic ratios above this are marked (with the disputed-threshold note). */
export const LOAD_JUMP_ABOVE = 1.5;

/** 365 days ending on the last run: the default range. */
export function defaultRange(lastRunDate: string): { from: string; to: string } {
  return { from: addDays(lastRunDate, -364), to: lastRunDate };
}

/** Day numbers on which a stretch of running starts: the first run day and the first after each gap. */
export function stretchStarts(runDays: readonly number[]): number[] {
  const days = [...new Set(runDays)].sort((a, b) => a - b);
  const starts: number[] = [];
  days.forEach((day, index) => {
    if (index === 0 || day - days[index - 1]! - 1 > GAP_DAYS) starts.push(day);
  });
  return starts;
}

/** The run days, sorted and unique, and the gaps between them as [first empty day, last empty day]. */
function gapsBetween(runDays: readonly number[]): [number, number][] {
  const days = [...new Set(runDays)].sort((a, b) => a - b);
  const gaps: [number, number][] = [];
  for (let index = 1; index < days.length; index++) {
    if (days[index]! - days[index - 1]! - 1 > GAP_DAYS) gaps.push([days[index - 1]! + 1, days[index]! - 1]);
  }
  return gaps;
}

const dateOf = dateOfDayNumber;

/**
 * The weeks of the range from the first week holding a run to the week holding `to`, without
 * the weeks wholly inside gaps. `runs` are all the history's runs (recorded or not).
 */
export function weeklySummaries(
  runs: readonly Pick<RunRecord, 'localDate' | 'distanceMetres'>[],
  gluteSessionDates: readonly string[],
  plans: readonly PlanTerms[],
  from: string,
  to: string,
  weekStartsOn: WeekStartDay,
): WeekSummary[] {
  const fromDay = dayNumber(from);
  const toDay = dayNumber(to);
  const inRange = runs.filter((run) => run.localDate >= from && run.localDate <= to);
  if (inRange.length === 0) return [];
  const runDays = inRange.map((run) => dayNumber(run.localDate));
  const firstRunDate = inRange.reduce((first, run) => (run.localDate < first ? run.localDate : first), inRange[0]!.localDate);
  const firstWeekDay = dayNumber(weekStartOf(firstRunDate, weekStartsOn));
  const lastWeekDay = dayNumber(weekStartOf(to, weekStartsOn));
  const gaps = gapsBetween(runDays);
  const sessionDays = gluteSessionDates.map(dayNumber).sort((a, b) => a - b);
  const distanceByWeek = new Map<number, number>();
  inRange.forEach((run, index) => {
    const week = firstWeekDay + 7 * Math.floor((runDays[index]! - firstWeekDay) / 7);
    distanceByWeek.set(week, (distanceByWeek.get(week) ?? 0) + run.distanceMetres);
  });
  // plannedSessions(plans, weekStart, weekEnd) (glute-plan.ts), null with no plan in force on the
  // week's last day: the same day-by-day sum, on day numbers instead of date strings.
  const planStarts = plans.map((plan) => dayNumber(plan.effectiveFrom));
  const planPerDay = plans.map(sessionsPerDay);
  const planOn = (day: number): number => {
    let chosen = -1;
    for (let index = 0; index < plans.length; index++) {
      if (planStarts[index]! <= day && (chosen < 0 || planStarts[index]! > planStarts[chosen]!)) chosen = index;
    }
    return chosen;
  };
  const plannedOverDays = (first: number, last: number): number | null => {
    if (planOn(last) < 0) return null;
    let total = 0;
    for (let day = first; day <= last; day++) {
      const plan = planOn(day);
      if (plan >= 0) total += planPerDay[plan]!;
    }
    return total;
  };
  const weeks: WeekSummary[] = [];
  let skipped = 0;
  for (let start = firstWeekDay; start <= lastWeekDay; start += 7) {
    const end = start + 6;
    const insideGap = gaps.some(([gapFirst, gapLast]) => start >= gapFirst && end <= gapLast);
    if (insideGap) {
      skipped += 1;
      continue;
    }
    const touchesGap = gaps.some(([gapFirst, gapLast]) => start <= gapLast && end >= gapFirst);
    const partial = start < fromDay || end > toDay || touchesGap;
    const weekStart = dateOf(start);
    const planned = plannedOverDays(start, end);
    const done = firstIndexAtLeast(sessionDays, end + 1) - firstIndexAtLeast(sessionDays, start);
    weeks.push({
      weekStart,
      gluteSessionsDone: done,
      gluteSessionsPlanned: planned,
      distanceMetres: distanceByWeek.get(start) ?? 0,
      partial,
      missed: !partial && planned !== null && done < Math.floor(planned + 1e-9),
      gapWeeksBefore: skipped,
    });
    skipped = 0;
  }
  return weeks;
}

/**
 * Each run of the range with the longest run of the 30 days before it (same stretch only) and
 * whether it was a spike. `runs`: all the history's runs.
 */
export function longRunSpikes(runs: readonly Pick<RunRecord, 'id' | 'localDate' | 'distanceMetres'>[], from: string, to: string): LongRunPoint[] {
  const byDate = (a: Pick<RunRecord, 'id' | 'localDate'>, b: Pick<RunRecord, 'id' | 'localDate'>) =>
    a.localDate < b.localDate ? -1 : a.localDate > b.localDate ? 1 : a.id - b.id;
  // The database hands the runs over in this order already: sort only when they are not.
  let inOrder = true;
  for (let index = 1; inOrder && index < runs.length; index++) if (byDate(runs[index - 1]!, runs[index]!) > 0) inOrder = false;
  const sorted = inOrder ? runs : [...runs].sort(byDate);
  const days = sorted.map((run) => dayNumber(run.localDate));
  const starts = stretchStarts(days);
  const gaps = gapsBetween(days);
  const points: LongRunPoint[] = [];
  let windowStart = 0;
  let lastDate = '';
  sorted.forEach((run, index) => {
    const day = days[index]!;
    while (days[windowStart]! < day - SPIKE_WINDOW_DAYS) windowStart += 1;
    if (run.localDate < from || run.localDate > to) return;
    const stretchStart = starts[firstIndexAtLeast(starts, day + 1) - 1]!;
    let longest: number | null = null;
    if (day - stretchStart >= SPIKE_WINDOW_DAYS) {
      longest = 0;
      for (let other = windowStart; other < index && days[other]! < day; other++) longest = Math.max(longest, sorted[other]!.distanceMetres);
    }
    const gap = lastDate === '' ? undefined : gaps.find(([gapFirst, gapLast]) => gapFirst > dayNumber(lastDate) && gapLast < day);
    points.push({
      runId: run.id,
      localDate: run.localDate,
      distanceMetres: run.distanceMetres,
      longestPrevious30DaysMetres: longest,
      spike: longest !== null && longest > 0 && run.distanceMetres > SPIKE_ABOVE * longest,
      gapWeeksBefore: gap ? Math.floor((gap[1] - gap[0] + 1) / 7) : 0,
    });
    lastDate = run.localDate;
  });
  return points;
}

/**
 * The acute:chronic ratio of daily distance (7-day over 28-day EWMA, load.ts) for the days of the
 * range that lie in a stretch of running, restarted at each stretch: null for its first 28 days.
 */
export function acuteChronicDays(runs: readonly Pick<RunRecord, 'localDate' | 'distanceMetres'>[], from: string, to: string): LoadPoint[] {
  if (runs.length === 0) return [];
  const metresByDay = new Map<number, number>();
  for (const run of runs) {
    const day = dayNumber(run.localDate);
    metresByDay.set(day, (metresByDay.get(day) ?? 0) + run.distanceMetres);
  }
  const runDays = [...metresByDay.keys()].sort((a, b) => a - b);
  const starts = stretchStarts(runDays);
  const fromDay = dayNumber(from);
  const toDay = dayNumber(to);
  const points: LoadPoint[] = [];
  let previousEnd: number | null = null;
  starts.forEach((start, index) => {
    const nextStart = starts[index + 1];
    const runDaysOfStretch = runDays.filter((day) => day >= start && (nextStart === undefined || day < nextStart));
    const end = runDaysOfStretch[runDaysOfStretch.length - 1]!;
    const distances: number[] = [];
    for (let day = start; day <= end; day++) distances.push(metresByDay.get(day) ?? 0);
    const acute = exponentiallyWeightedAverages(distances, 7);
    const chronic = exponentiallyWeightedAverages(distances, 28);
    let first = true;
    for (let day = Math.max(start, fromDay); day <= Math.min(end, toDay); day++) {
      const offset = day - start;
      const ratio = offset + 1 >= 28 && chronic[offset]! > 0 ? acute[offset]! / chronic[offset]! : null;
      const gapWeeksBefore = first && previousEnd !== null && points.length > 0 ? Math.floor((start - previousEnd - 1) / 7) : 0;
      points.push({ date: dateOf(day), ratio: ratio === null ? null : Math.round(ratio * 1e4) / 1e4, gapWeeksBefore });
      first = false;
    }
    previousEnd = end;
  });
  return points;
}
