/**
 * What each channel does: one line per channel, from validated input to the core.
 * No electron here, so the browser test harness runs exactly these handlers.
 */
import type { ChannelName } from '../shared/channels';
import type { ChannelResult, ValidInput } from '../shared/contract';
import type { AppInfo } from '../shared/domain';
import type { StanceDatabase } from '../db/open';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { getSettings, updateSettings } from '../db/settings';
import { addRun, listRuns } from '../db/runs';
import { painHandlers } from './handlers-pain';
import { strengthHandlers } from './handlers-strength';

/** What the handlers need from the world: the database, the clock, and where things are. */
export interface CoreContext {
  db: StanceDatabase;
  now: () => Date;
  version: string;
  databasePath: string;
  dataFolder: string;
}

/** Handlers for some of the channels; each domain file returns the ones it owns. */
export type HandlersFor<Owned extends ChannelName> = {
  [C in Owned]: (input: ValidInput<C>) => ChannelResult<C> | Promise<ChannelResult<C>>;
};
export type Handlers = HandlersFor<ChannelName>;

export function createHandlers(core: CoreContext): Handlers {
  const { db } = core;
  return {
    'app:info': (): AppInfo => ({
      version: core.version,
      databasePath: core.databasePath,
      dataFolder: core.dataFolder,
      schemaVersion: LATEST_SCHEMA_VERSION,
    }),
    'settings:get': () => getSettings(db),
    'settings:update': (patch) => updateSettings(db, patch),
    'runs:list': (query) => listRuns(db, query),
    'runs:add': (draft) => addRun(db, draft, core.now()),
    ...painHandlers(core),
    ...strengthHandlers(core),
  };
}
