/** Handlers for the Today channels: what Today shows, on the runner's calendar now. */
import type { TodayChannelName } from '../shared/contract-today';
import { todaySummary } from '../db/services/today';
import { readNextRun } from '../db/services/next-run';
import type { CoreContext, HandlersFor } from './core';

export function todayHandlers(core: CoreContext): HandlersFor<TodayChannelName> {
  const { db } = core;
  return {
    'today:summary': () => todaySummary(db, core.now(), core.timeZone()),
    'today:nextRun': () => readNextRun(db, { now: core.now(), timeZone: core.timeZone() }),
  };
}
