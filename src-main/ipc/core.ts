/**
 * What every handler file shares: the world the handlers work in (CoreContext) and the shape of
 * a set of handlers. Kept apart from handlers.ts, which puts the handler files together, so
 * that the handler files and handlers.ts never import each other.
 */
import type { ChannelName, EventName } from '../shared/channels';
import type { ChannelResult, ValidInput } from '../shared/contract';
import type { RestoreResult } from '../shared/backups';
import type { StanceDatabase } from '../db/open';
import type { WorkerScript } from '../import/jobs';
import type { ReaderScript } from '../import/reader-pool';

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
  importWorker?: WorkerScript & { nativeBinding?: string; /** The reader threads' script (import/reader-pool.ts). */ readers?: ReaderScript };
  /**
   * Where a new experiment's seed comes from (64 hex characters). Absent: the operating system's
   * cryptographic generator (the app). Tests pass a fixed seed so a whole experiment replays.
   */
  experimentSeed?: () => string;
}

/** Who made a call: the transport in front of the dispatcher says (ipc/register.ts, the browser harness). */
export interface Caller {
  /** URL of the frame that made the call (Electron's event.senderFrame.url). */
  url: string | undefined;
  /**
   * Sends an event to the window that made the call (Electron's event.sender.send('event:NAME'),
   * the harness's window.__stanceEmit), e.g. an import's progress. Absent: that caller gets no
   * events (it reads `imports:status`). Never throws; a window gone drops it.
   */
  sendEvent?: (event: EventName, payload: string) => void;
}

/** Handlers for some of the channels; each handlers-*.ts returns the ones its contract-*.ts declares. */
export type HandlersFor<Owned extends ChannelName> = {
  [C in Owned]: (input: ValidInput<C>, caller?: Caller) => ChannelResult<C> | Promise<ChannelResult<C>>;
};
/** A handler for every channel: what the dispatcher calls. */
export type Handlers = HandlersFor<ChannelName>;
