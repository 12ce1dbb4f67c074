import type { PainChannelName } from '../shared/contract-pain';
import { addCheckin, deleteCheckin, getRunPain, listCheckins, painOverview, setRunPain, updateCheckin, type RunnerClock } from '../db/pain';
import type { CoreContext, HandlersFor } from './core';

/** Handlers for the pain channels: a run's pain record, the Pain page's overview, daily check-ins. */
export function painHandlers(core: CoreContext): HandlersFor<PainChannelName> {
  const { db } = core;
  const clock = (): RunnerClock => ({ now: core.now(), timeZone: core.timeZone() });
  return {
    'pain:getForRun': ({ runId }) => getRunPain(db, runId),
    'pain:setForRun': (record) => setRunPain(db, record, core.now()),
    'pain:overview': (query) => painOverview(db, query),
    'checkins:list': (query) => listCheckins(db, query),
    'checkins:add': (draft) => addCheckin(db, draft, clock()),
    'checkins:update': (update) => updateCheckin(db, update, clock()),
    'checkins:delete': ({ id }) => deleteCheckin(db, id),
  };
}
