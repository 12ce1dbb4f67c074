/** Handlers for the settings channels (and what the app is): validated input to db/settings. */
import type { SettingsChannelName } from '../shared/contract-settings';
import type { AppInfo } from '../shared/domain';
import { LATEST_SCHEMA_VERSION } from '../db/migrations';
import { getSettings, updateSettings } from '../db/settings';
import type { CoreContext, HandlersFor } from './core';

export function settingsHandlers(core: CoreContext): HandlersFor<SettingsChannelName> {
  const { db } = core;
  return {
    'app:info': (): AppInfo => ({
      version: core.version,
      databasePath: core.databasePath,
      dataFolder: core.dataFolder,
      schemaVersion: LATEST_SCHEMA_VERSION,
    }),
    'settings:get': () => getSettings(db),
    'settings:update': (patch) => updateSettings(db, patch, core.now()),
  };
}
