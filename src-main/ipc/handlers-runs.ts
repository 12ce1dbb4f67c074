/** Handlers for the runs channels: validated input to db/runs; a run's track. (Files are imported through handlers-import.ts.) */
import type { RunsChannelName } from '../shared/contract-runs';
import { addRun, deleteRun, getRun, listRuns, updateRun } from '../db/runs';
import { readRunTrack } from '../import/from-window';
import { readRunSpike } from '../db/services/next-run';
import { readBeforePain, readBeforePainAcrossRunsInSlices } from '../db/services/before-pain';
import type { CoreContext, HandlersFor } from './core';

export function runsHandlers(core: CoreContext): HandlersFor<RunsChannelName> {
  const { db } = core;
  return {
    'runs:list': (query) => listRuns(db, query),
    'runs:get': ({ id }) => getRun(db, id),
    'runs:add': (draft) => addRun(db, draft, core.now()),
    'runs:update': (update) => updateRun(db, update, core.now()),
    'runs:delete': ({ id }) => deleteRun(db, id),
    'runs:track': ({ id }) => readRunTrack(db, id),
    'runs:spike': ({ id }) => readRunSpike(db, id),
    'runs:beforePain': ({ id }) => readBeforePain(db, id),
    'runs:beforePainAcross': () => readBeforePainAcrossRunsInSlices(db),
  };
}
