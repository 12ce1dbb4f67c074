/** Handlers for the Insights channels: validated input to db/services/insights. */
import type { InsightsChannel } from '../shared/contract-insights';
import { readInsights, setExampleHidden } from '../db/services/insights';
import type { CoreContext, HandlersFor } from './handlers';

export function insightsHandlers(core: CoreContext): HandlersFor<InsightsChannel> {
  const { db } = core;
  return {
    'insights:get': (filters) => readInsights(db, filters, core.now(), core.timeZone()),
    'insights:setExampleHidden': ({ hidden }) => setExampleHidden(db, hidden),
  };
}
