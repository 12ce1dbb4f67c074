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
import { addRun, deleteRun, getRun, listRuns, updateRun } from '../db/runs';
import { addShoe, listShoes, updateShoe } from '../db/shoes';
import { deletePlan, planHistory, setPlan } from '../db/glute-plan';
import { todaySummary } from '../db/services/today';
import { readRunTrack } from '../import/from-window';
import { painHandlers } from './handlers-pain';
import { strengthHandlers } from './handlers-strength';
import { insightsHandlers } from './handlers-insights';
import { dataHandlers } from './handlers-data';
import { clinicHandlers } from './handlers-clinic';
import { importHandlers, importOneFile } from './handlers-import';
import type { WorkerScript } from '../import/jobs';
import type { RestoreResult } from '../shared/backups';

/** What the handlers need from the world: the database, the clock, and where things are. */
export interface CoreContext {
  db: StanceDatabase;
  now: () => Date;
  /** The runner's IANA time zone: their calendar for "today" and "days since". */
  timeZone: () => string;
  version: string;
  databasePath: string;
  dataFolder: string;
  /** Where backups go: the data folder's backups/. */
  backupsFolder: string;
  /**
   * Replaces the open database with a backup: the host (index.ts, the test harness) closes it,
   * swaps the file and reopens (ipc/handlers-data.ts restoreHook), then handlers use the new one.
   */
  restoreDatabase: (backupFile: string) => Promise<RestoreResult>;
  /** Shows a folder in the system's file manager (Electron's shell.openPath); false if it could not. */
  openFolder: (folder: string) => Promise<boolean>;
  /**
   * Prints the window's current page (the report's print view) to PDF bytes: Electron's
   * webContents.printToPDF in the app, Chromium's page.pdf in the browser harness. Absent: no PDF.
   */
  printReportPdf?: (request: { paper: 'A4' | 'Letter' }) => Promise<Uint8Array>;
  /**
   * The import worker's script (out/main/import-worker.js) and the better-sqlite3 build for its
   * runtime. Absent: imports run on the calling thread (between files it yields).
   */
  importWorker?: WorkerScript & { nativeBinding?: string };
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
    'runs:get': ({ id }) => getRun(db, id),
    'runs:add': (draft) => addRun(db, draft, core.now()),
    'runs:update': (update) => updateRun(db, update, core.now()),
    'runs:delete': ({ id }) => deleteRun(db, id),
    'runs:importGpx': (file) => importOneFile(core, file),
    'runs:track': ({ id }) => readRunTrack(db, id),
    'shoes:list': () => listShoes(db),
    'shoes:add': (shoe) => addShoe(db, shoe, core.now()),
    'shoes:update': (shoe) => updateShoe(db, shoe),
    'plan:history': () => planHistory(db),
    'plan:set': (plan) => setPlan(db, plan, core.now()),
    'plan:delete': ({ id }) => deletePlan(db, id),
    'today:summary': () => todaySummary(db, core.now(), core.timeZone()),
    ...importHandlers(core),
    ...painHandlers(core),
    ...strengthHandlers(core),
    ...insightsHandlers(core),
    ...dataHandlers(core),
    ...clinicHandlers(core),
  };
}
