import type { StanceDatabase } from '../open';
import type { TodaySummary } from '../../shared/domain';
import { addDays, daysBetween, weekStart } from '../../shared/calendar';
import { lastSessionOnOrBefore, nextSessionDue, planInForce, plannedSessions, sessionsDone } from '../../analysis/glute-plan';
import { gluteSessionDates, planHistory } from '../glute-plan';
import { listRuns } from '../runs';
import { getSettings } from '../settings';
import { utcToLocal } from '../local-time';

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
  const doneThisWeek = sessionsDone(sessions, start, end);
  // A week whose planned sessions are all done has nothing more due in it: the next session is
  // due the week after (never "Due today" beside "3 of 3"). Every-N-days plans keep their gap.
  let nextDue = due?.nextDue ?? null;
  let daysOverdue = due?.daysOverdue ?? 0;
  if (plan?.kind === 'per_week' && planned !== null && planned > 0 && doneThisWeek >= planned && nextDue !== null) {
    const nextWeek = addDays(end, 1);
    if (nextDue < nextWeek) nextDue = nextWeek;
    daysOverdue = 0;
  }
  return {
    today,
    lastGluteSessionDate: last,
    daysSinceGluteSession: last === null ? null : daysBetween(last, today),
    plan,
    weekStart: start,
    weekEnd: end,
    gluteSessionsThisWeek: doneThisWeek,
    plannedThisWeek: planned === null ? null : Math.round(planned * 10) / 10,
    nextDue,
    daysOverdue,
    latestRun: listRuns(db, { toDate: today })[0] ?? null,
  };
}
