/**
 * A stand-in for the `electron` module, as Electron Fiddle's tests use one (tests/mocks/): the
 * BUILT main bundle (out/main/index.js) is loaded against it under plain Node, so the main
 * process's wiring can be checked where the Electron binary cannot run. It implements what
 * src-main/index.ts and src-main/ipc/register.ts call, and records it: the windows and their
 * options, ipcMain handlers, app and web-contents event handlers, the permission handlers and
 * request filter, the privileged schemes and protocol handlers, the menu template, dialogs.
 */
import { EventEmitter } from 'node:events';

type Handler = (...args: unknown[]) => unknown;

export interface MockState {
  userData: string;
  appPath: string;
  ipcHandlers: Map<string, Handler>;
  appHandlers: Map<string, Handler[]>;
  windows: MockBrowserWindow[];
  privilegedSchemes: { scheme: string; privileges: Record<string, boolean> }[];
  protocolHandlers: Map<string, (request: Request) => Promise<Response> | Response>;
  permissionRequestHandler?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details?: unknown) => void;
  permissionCheckHandler?: (contents: unknown, permission: string) => boolean;
  requestFilter?: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;
  menuTemplate?: unknown[];
  applicationMenu?: unknown;
  errorBoxes: { title: string; content: string }[];
  exitCode?: number;
  /** How often the single-instance lock was asked for (a command line never asks). */
  singleInstanceLockRequests: number;
  openedExternally: string[];
  ready: () => void;
}

let resolveReady: () => void = () => {};
const readyPromise = new Promise<void>((resolve) => {
  resolveReady = resolve;
});

export const state: MockState = {
  userData: '',
  appPath: '',
  ipcHandlers: new Map(),
  appHandlers: new Map(),
  windows: [],
  privilegedSchemes: [],
  protocolHandlers: new Map(),
  errorBoxes: [],
  singleInstanceLockRequests: 0,
  openedExternally: [],
  ready: () => resolveReady(),
};

export const app = {
  isPackaged: true,
  setPath: (name: string, value: string) => {
    if (name === 'userData') state.userData = value;
  },
  getPath: (name: string) => {
    if (name !== 'userData') throw new Error(`mock electron: getPath(${name}) not supported`);
    return state.userData;
  },
  getAppPath: () => state.appPath,
  getVersion: () => '0.0.0-mock',
  /** The system's locale as Electron reports it; German, so a test can tell it from a default. */
  getLocale: () => 'de-DE',
  requestSingleInstanceLock: () => {
    state.singleInstanceLockRequests += 1;
    return true;
  },
  on: (event: string, handler: Handler) => {
    state.appHandlers.set(event, [...(state.appHandlers.get(event) ?? []), handler]);
    return app;
  },
  whenReady: () => readyPromise,
  quit: () => undefined,
  exit: (code: number) => {
    state.exitCode = code;
  },
};

/** A web contents: an event emitter with the window-open handler Electron keeps apart. */
export class MockWebContents extends EventEmitter {
  windowOpenHandler?: (details: { url: string }) => { action: 'allow' | 'deny' };
  sent: unknown[][] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  /** Options of every printToPDF call; answers a tiny PDF. */
  printed: Record<string, unknown>[] = [];
  printToPDF(options: Record<string, unknown>): Promise<Buffer> {
    this.printed.push(options);
    return Promise.resolve(Buffer.from('%PDF-1.4\n%mock\n'));
  }
}

export class MockBrowserWindow extends EventEmitter {
  readonly options: Record<string, unknown> & { webPreferences?: Record<string, unknown> };
  readonly webContents = new MockWebContents();
  loadedUrl?: string;
  loadedFile?: string;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    state.windows.push(this);
    // Electron emits web-contents-created for every new contents.
    for (const handler of state.appHandlers.get('web-contents-created') ?? []) handler({}, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  loadFile(file: string): Promise<void> {
    this.loadedFile = file;
    return Promise.resolve();
  }
  maximize(): void {}
  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
  isMaximized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return false;
  }
  getNormalBounds() {
    return { x: 10, y: 10, width: 1200, height: 800 };
  }
  static getFocusedWindow(): MockBrowserWindow | null {
    return state.windows[0] ?? null;
  }
  static getAllWindows(): MockBrowserWindow[] {
    return state.windows;
  }
}
export const BrowserWindow = MockBrowserWindow;

export const Menu = {
  buildFromTemplate: (template: unknown[]) => {
    state.menuTemplate = template;
    return { template };
  },
  setApplicationMenu: (menu: unknown) => {
    state.applicationMenu = menu;
  },
};

export const dialog = {
  showErrorBox: (title: string, content: string) => {
    state.errorBoxes.push({ title, content });
  },
  showMessageBox: () => Promise.resolve({ response: 0 }),
};

export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler: (handler: MockState['permissionRequestHandler']) => {
      state.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler: (handler: MockState['permissionCheckHandler']) => {
      state.permissionCheckHandler = handler;
    },
    webRequest: {
      onBeforeRequest: (filter: MockState['requestFilter']) => {
        state.requestFilter = filter;
      },
    },
  },
};

export const shell = {
  openExternal: (url: string) => {
    state.openedExternally.push(url);
    return Promise.resolve();
  },
  openPath: () => Promise.resolve(''),
};

export const protocol = {
  registerSchemesAsPrivileged: (schemes: MockState['privilegedSchemes']) => {
    state.privilegedSchemes.push(...schemes);
  },
  handle: (scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
    state.protocolHandlers.set(scheme, handler);
  },
};

export const ipcMain = {
  handle: (channel: string, handler: Handler) => {
    if (state.ipcHandlers.has(channel)) throw new Error(`mock electron: a second handler for ${channel}`);
    state.ipcHandlers.set(channel, handler);
  },
};

export default { app, BrowserWindow, Menu, dialog, screen, session, shell, protocol, ipcMain };
