/**
 * Every channel's handler, put together from the handler files (one per contract-*.ts). Each
 * handler is one line from validated input to the core. No electron here, so the browser test
 * harness runs exactly these handlers.
 */
import { settingsHandlers } from './handlers-settings';
import { runsHandlers } from './handlers-runs';
import { shoesHandlers } from './handlers-shoes';
import { planHandlers } from './handlers-plan';
import { todayHandlers } from './handlers-today';
import { importHandlers } from './handlers-import';
import { painHandlers } from './handlers-pain';
import { strengthHandlers } from './handlers-strength';
import { insightsHandlers } from './handlers-insights';
import { dataHandlers } from './handlers-data';
import { clinicHandlers } from './handlers-clinic';
import { experimentHandlers } from './handlers-experiment';
import type { CoreContext, Handlers } from './core';

// Where other modules took these names from before they had a file of their own.
export type { CoreContext, Handlers, HandlersFor } from './core';

export function createHandlers(core: CoreContext): Handlers {
  return {
    ...settingsHandlers(core),
    ...runsHandlers(core),
    ...shoesHandlers(core),
    ...planHandlers(core),
    ...todayHandlers(core),
    ...importHandlers(core),
    ...painHandlers(core),
    ...strengthHandlers(core),
    ...insightsHandlers(core),
    ...dataHandlers(core),
    ...clinicHandlers(core),
    ...experimentHandlers(core),
  };
}
