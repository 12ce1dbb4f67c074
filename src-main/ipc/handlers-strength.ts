/** Handlers for the strength and recovery channels: validated input to db/strength, db/exercises, db/recovery. */
import type { StrengthChannelName } from '../shared/contract-strength';
import { addExercise, listExercises } from '../db/exercises';
import { addRecovery, deleteRecovery, listRecovery } from '../db/recovery';
import {
  addStrengthSession,
  deleteStrengthSession,
  getStrengthSession,
  lastStrengthSession,
  listRoutines,
  listStrengthSessions,
  saveRoutineFromSession,
  updateStrengthSession,
} from '../db/strength';
import type { CoreContext, HandlersFor } from './core';

export function strengthHandlers(core: CoreContext): HandlersFor<StrengthChannelName> {
  const { db } = core;
  return {
    'exercises:list': () => listExercises(db),
    'exercises:add': (draft) => addExercise(db, draft, core.now()),
    'strength:list': (range) => listStrengthSessions(db, range),
    'strength:get': ({ id }) => getStrengthSession(db, id),
    'strength:add': (draft) => addStrengthSession(db, draft, core.now(), core.timeZone()),
    'strength:update': (update) => updateStrengthSession(db, update, core.now(), core.timeZone()),
    'strength:delete': ({ id }) => deleteStrengthSession(db, id),
    'strength:last': () => ({ session: lastStrengthSession(db) }),
    'routines:list': () => listRoutines(db),
    'routines:saveFromSession': (input) => saveRoutineFromSession(db, input, core.now()),
    'recovery:list': (range) => listRecovery(db, range),
    'recovery:add': (draft) => addRecovery(db, draft, core.now(), core.timeZone()),
    'recovery:delete': ({ id }) => deleteRecovery(db, id),
  };
}
