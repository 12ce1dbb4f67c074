import type { Run, WeekStartDay } from '../../src-main/shared/domain';
import { addDays, weekStart } from '../../src-main/shared/calendar';

export interface RunWeek {
  weekStart: string;
  weekEnd: string;
  runs: Run[];
  distanceMetres: number;
  durationSeconds: number;
}

/** Groups runs (newest first) into the runner's calendar weeks, newest week first, with totals. */
export function runsByWeek(runs: readonly Run[], weekStartsOn: WeekStartDay): RunWeek[] {
  const weeks = new Map<string, RunWeek>();
  for (const run of runs) {
    const start = weekStart(run.localDate, weekStartsOn);
    let week = weeks.get(start);
    if (!week) {
      week = { weekStart: start, weekEnd: addDays(start, 6), runs: [], distanceMetres: 0, durationSeconds: 0 };
      weeks.set(start, week);
    }
    week.runs.push(run);
    week.distanceMetres += run.distanceMetres;
    week.durationSeconds += run.durationSeconds;
  }
  return [...weeks.values()].sort((a, b) => (a.weekStart < b.weekStart ? 1 : -1));
}
