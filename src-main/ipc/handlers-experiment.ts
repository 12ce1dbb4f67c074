/** Handlers for the randomised experiment: validated input to db/experiment. */
import type { ExperimentChannelName } from '../shared/contract-experiment';
import { answerActivation, experimentResult, experimentSetup, experimentToday, fixProtocol, stopProtocol } from '../db/experiment';
import type { RunnerClock } from '../db/clinic-checkins';
import type { CoreContext, HandlersFor } from './core';

export function experimentHandlers(core: CoreContext): HandlersFor<ExperimentChannelName> {
  const { db } = core;
  const clock = (): RunnerClock => ({ now: core.now(), timeZone: core.timeZone() });
  return {
    'experiment:setup': () => experimentSetup(db, clock()),
    'experiment:fix': (draft) => fixProtocol(db, draft, clock(), core.experimentSeed?.()),
    'experiment:stop': (request) => stopProtocol(db, request, clock()),
    'experiment:today': () => experimentToday(db, clock()),
    'experiment:answer': (answer) => answerActivation(db, answer, clock()),
    'experiment:result': ({ protocolId }) => experimentResult(db, protocolId, clock()),
  };
}
