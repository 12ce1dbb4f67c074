import type { StanceDatabase } from './open';
import type { TodaySummary } from '../shared/domain';
import { addDays, daysBetween, weekStart } from '../shared/calendar';
import { lastSessionOnOrBefore, nextSessionDue, planInForce, plannedSessions, sessionsDone } from '../analysis/glute-plan';
import { gluteSessionDates, planHistory } from './glute-plan';
import { listRuns } from './runs';
import { getSettings } from './settings';
import { utcToLocal } from './local-time';

/** What the Today page shows, on the runner's calendar in `timeZone` at the instant `now`. */
export function todaySummary(db: StanceDatabase, now: Date, timeZone: string): TodaySummary {
  const today = utcToLocal(now, timeZone).localDate;
  const { weekStartsOn } = getSettings(db);
  const plans = planHistory(db);
  const sessions = gluteSessionDates(db);
  const start = weekStart(today, weekStartsOn);
  const end = addDays(start, 6);
  const last = lastSessionOnOrBefore(sessions, today);
  const plan = planInForce(plans, today);
  const due = plan ? nextSessionDue(plan, last, today) : null;
  const planned = plans.length > 0 ? plannedSessions(plans, start, end) : null;
  return {
    today,
    lastGluteSessionDate: last,
    daysSinceGluteSession: last === null ? null : daysBetween(last, today),
    plan,
    weekStart: start,
    weekEnd: end,
    gluteSessionsThisWeek: sessionsDone(sessions, start, end),
    plannedThisWeek: planned === null ? null : Math.round(planned * 10) / 10,
    nextDue: due?.nextDue ?? null,
    daysOverdue: due?.daysOverdue ?? 0,
    latestRun: listRuns(db, { toDate: today })[0] ?? null,
  };
}
