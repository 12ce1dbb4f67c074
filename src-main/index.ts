/**
 * Electron's main process: app lifecycle, the one window and its security, the menu — or, when
 * started as a command line (`Stance --cli import …`, cli/app-arguments.ts), the command line
 * itself, before and instead of any window (no lock, no menu, no window; the fuses stay as they
 * are: this is the app's own main, not Node run as Node).
 * The only Electron-heavy file; everything else in src-main runs under plain Node.
 */
import path from 'node:path';
import { BrowserWindow, Menu, app, dialog, protocol, screen, session, shell, type MenuItemConstructorOptions } from 'electron';
import { APP_PAGE_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES, isAllowedRequest, serveRendererRequest } from './app-protocol';
import { DatabaseUnusableError, openStanceDatabase, type StanceDatabase } from './db/open';
import { databaseFault } from './db/file-access';
import { settleInterruptedRestore, takeDailyBackupIfDue } from './db/backups';
import { readInternal, writeInternal } from './db/settings';
import { createDispatch, samePage } from './ipc/dispatch';
import { pageUrlWithLocale } from './shared/locale';
import { createHandlers } from './ipc/handlers';
import { recoveryHandlers, restoreHook } from './ipc/handlers-data';
import { registerChannels } from './ipc/register';
import { electronNativeBinding } from './native-binding';
import { BACKUPS_FOLDER_NAME, DATABASE_FILE_NAME } from './data-folder';
import { DEFAULT_SIZE, MIN_SIZE, restorableBounds, type WindowBounds } from './window-state';
import { commandLineOf } from './cli/app-arguments';

const pages = ['today', 'runs', 'strength', 'pain', 'insights', 'report', 'settings'] as const;

// The data folder: the user-data folder, unless STANCE_DATA_DIR says otherwise (tests, portable use).
if (process.env.STANCE_DATA_DIR) app.setPath('userData', path.resolve(process.env.STANCE_DATA_DIR));
const dataFolder = app.getPath('userData');
const databasePath = path.join(dataFolder, DATABASE_FILE_NAME);
const backupsFolder = path.join(dataFolder, BACKUPS_FOLDER_NAME);
/** How often, while the app is open, it checks whether today's backup is due. */
const DAILY_BACKUP_CHECK_MS = 60 * 60 * 1000;

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
/** The built renderer: served from here, and only from here, by the app protocol (app-protocol.ts). */
const rendererFolder = path.join(__dirname, '../renderer');
const appPageUrl = devServerUrl ?? APP_PAGE_URL;
const isOwnPage = devServerUrl ? (url: string) => safeOrigin(url) === safeOrigin(devServerUrl) : samePage(appPageUrl);

let mainWindow: BrowserWindow | undefined;
let db: StanceDatabase | undefined;

const commandLine = commandLineOf(process.argv, process.defaultApp === true);
if (commandLine !== null) answerCommandLine(commandLine);
else openTheApp();

/**
 * `Stance --cli import …` (or `stance import …`): the same commands as the built `stance`, on the
 * same data folder, with Electron's build of better-sqlite3; output on stdout/stderr and the
 * command's exit status. No window, no single-instance lock (the window may be open meanwhile,
 * as with `stance`: SQLite's locks keep the two apart), no menu, no dock icon.
 */
function answerCommandLine(argv: string[]): void {
  app.dock?.hide();
  let nativeBinding: string;
  try {
    nativeBinding = electronNativeBinding({
      electronVersion: process.versions.electron,
      packaged: app.isPackaged,
      appPath: app.getAppPath(),
      resourcesPath: process.resourcesPath,
    });
  } catch (error) {
    process.stderr.write(`stance: ${(error as Error).message}\n`);
    app.exit(1);
    return;
  }
  // Loaded only here: the command line's code is a chunk of its own, not part of the window's start.
  import('./cli')
    .then(({ runCliInProcess }) => runCliInProcess(argv, { nativeBinding, dataFolder, readerScript: path.join(__dirname, 'import-reader.js') }))
    .then(
      (code) => app.exit(code),
      (error: unknown) => {
        process.stderr.write(`stance: ${String(error)}\n`);
        app.exit(1);
      },
    );
}

/** The window app: one instance, the app scheme, the locked-down window. */
function openTheApp(): void {
  // The renderer is served from stance://app/, a standard, secure origin of its own (not file://,
  // where the CSP's 'self' would match any file on the disk). Must be declared before "ready".
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
  } else {
    app.on('second-instance', () => {
      if (!mainWindow) return;
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    });
    app.whenReady().then(start).catch((error: unknown) => {
      dialog.showErrorBox('Stance could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
  }

  app.on('window-all-closed', () => {
    db?.close();
    db = undefined;
    app.quit();
  });

  app.on('web-contents-created', (_event, contents) => {
    // No navigation away from Stance's page, no new windows, no webviews.
    contents.on('will-navigate', (event, url) => {
      if (!isOwnPage(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links leave the app only as https, and only through the system browser.
      if (safeProtocol(url) === 'https:') void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  // The app's own files, from the renderer folder only (a path that climbs out is refused).
  protocol.handle(APP_SCHEME, (request) => serveRendererRequest(rendererFolder, request));
  // Offline, always: the only requests allowed are for the app's own scheme (and the dev server).
  const devServerOrigin = devServerUrl ? safeOrigin(devServerUrl) : undefined;
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, devServerOrigin) });
  });

  const nativeBinding = electronNativeBinding({
    electronVersion: process.versions.electron,
    packaged: app.isPackaged,
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
  });

  // A damaged database opens the window in recovery mode: nothing is written to the file, and
  // the window offers the newest good backup (ipc/handlers-data.ts recoveryHandlers).
  settleInterruptedRestore(databasePath);
  let damaged: { problem: string } | undefined;
  try {
    db = await openStanceDatabase(databasePath, { backupsFolder, nativeBinding });
  } catch (error) {
    if (!(error instanceof DatabaseUnusableError)) throw error;
    damaged = { problem: error.message };
  }

  const context = {
    now: () => new Date(),
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    version: app.getVersion(),
    databasePath,
    dataFolder,
    backupsFolder,
    // Restoring closes the database, swaps the file and reopens it; the window then reloads.
    restoreDatabase: restoreHook({
      current: () => db,
      databasePath,
      backupsFolder,
      now: () => new Date(),
      nativeBinding,
      swap: (database) => {
        db = database;
        if (database) damaged = undefined;
        dispatch = dispatchFor(database);
      },
    }),
    openFolder: async (folder: string) => (await shell.openPath(folder)) === '',
    // The report page is showing: print it as it prints (its print stylesheet), on the runner's paper.
    printReportPdf: async ({ paper }: { paper: 'A4' | 'Letter' }) => {
      const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
      if (!window) throw new Error('No window to print.');
      return window.webContents.printToPDF({ pageSize: paper, printBackground: false, margins: { top: 0.5, bottom: 0.5, left: 0.5, right: 0.5 } });
    },
    // Imports of files and archives run in this worker thread, with its own connection (import/worker.ts).
    // …which reads the files in reader threads, one per core (import/reader-pool.ts), and stores them itself.
    importWorker: { script: path.join(__dirname, 'import-worker.js'), readers: { script: path.join(__dirname, 'import-reader.js') }, ...(nativeBinding ? { nativeBinding } : {}) },
  };
  const dispatchOptions = {
    isTrustedPage: isOwnPage,
    describeFault: (error: unknown) => databaseFault(error, databasePath),
    logFault: (channel: string, error: unknown) => console.error(`[stance] ${channel} failed:`, error),
  };
  const dispatchFor = (database: StanceDatabase | undefined) =>
    createDispatch(
      database ? createHandlers({ ...context, db: database }) : recoveryHandlers({ ...context, damaged: damaged ?? { problem: 'Stance’s database could not be opened.' } }),
      dispatchOptions,
    );
  let dispatch = dispatchFor(db);
  registerChannels((channel, payload, caller) => dispatch(channel, payload, caller));

  // The daily backup, while the app is used: at start and then every hour (taken once a day).
  const dailyBackup = () => {
    if (!db) return;
    takeDailyBackupIfDue(db, backupsFolder, new Date(), { nativeBinding }).catch((error: unknown) => console.error('[stance] daily backup failed:', error));
  };
  dailyBackup();
  setInterval(dailyBackup, DAILY_BACKUP_CHECK_MS).unref();

  Menu.setApplicationMenu(buildMenu());
  createWindow(db);
}

function createWindow(database: StanceDatabase | undefined): void {
  const saved = restorableBounds(
    database ? readInternal<WindowBounds>(database, 'window') : undefined,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...(saved ? { x: saved.x, y: saved.y, width: saved.width, height: saved.height } : DEFAULT_SIZE),
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Stance',
    show: false,
    backgroundColor: '#f7f6f2',
    icon: path.join(__dirname, '../../resources/icon.png'),
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  mainWindow = window;
  if (saved?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  const remember = () => {
    if (!db || window.isDestroyed()) return;
    const bounds = window.getNormalBounds();
    writeInternal(db, 'window', { ...bounds, maximized: window.isMaximized() } satisfies WindowBounds);
  };
  window.on('close', remember);
  window.on('closed', () => {
    mainWindow = undefined;
  });

  // The app's locale goes to the window, which writes every date and time in it (shared/locale.ts).
  void window.loadURL(pageUrlWithLocale(appPageUrl, app.getLocale()));
}

function navigate(page: (typeof pages)[number]): void {
  mainWindow?.webContents.send('event:navigate', page);
}

function buildMenu(): Menu {
  const isMac = process.platform === 'darwin';
  const pageItems: MenuItemConstructorOptions[] = pages.map((page, index) => ({
    label: page[0]!.toUpperCase() + page.slice(1),
    accelerator: `CmdOrCtrl+${index + 1}`,
    click: () => navigate(page),
  }));
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Log a Run…', accelerator: 'CmdOrCtrl+N', click: () => navigate('runs') },
        { type: 'separator' },
        {
          label: 'Open Data Folder',
          click: () => void shell.openPath(dataFolder),
        },
        {
          label: 'Open Backups Folder',
          click: () => void shell.openPath(backupsFolder),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...pageItems,
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' as const }]),
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'About Stance',
          click: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: 'About Stance',
              message: `Stance ${app.getVersion()}`,
              detail: `Your runs, knee pain and glute work, kept on this computer only.\n\nData folder: ${dataFolder}`,
            }),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}

function safeProtocol(url: string): string {
  try {
    return new URL(url).protocol;
  } catch {
    return '';
  }
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}
