/** Handlers for the glute plan channels: validated input to db/glute-plan. */
import type { PlanChannelName } from '../shared/contract-plan';
import { deletePlan, planHistory, setPlan } from '../db/glute-plan';
import type { CoreContext, HandlersFor } from './core';

export function planHandlers(core: CoreContext): HandlersFor<PlanChannelName> {
  const { db } = core;
  return {
    'plan:history': () => planHistory(db),
    'plan:set': (plan) => setPlan(db, plan, core.now()),
    'plan:delete': ({ id }) => deletePlan(db, id),
  };
}
