/** Handlers for the Insights channels: validated input to db/services/insights. */
import type { InsightsChannelName } from '../shared/contract-insights';
import { readInsights, setExampleHidden, startAnalysisPeriod } from '../db/services/insights';
import type { CoreContext, HandlersFor } from './core';

export function insightsHandlers(core: CoreContext): HandlersFor<InsightsChannelName> {
  const { db } = core;
  return {
    'insights:get': (filters) => readInsights(db, filters, core.now(), core.timeZone()),
    'insights:setExampleHidden': ({ hidden }) => setExampleHidden(db, hidden),
    'insights:startPeriod': ({ fromDate }) => startAnalysisPeriod(db, fromDate, core.now(), core.timeZone()),
  };
}
