/**
 * The browser test harness: Stance's built renderer in real Chromium, with window.stance made
 * by the app's own preload bundle, wired to the real dispatcher over a real SQLite file.
 * Only the transport differs from the app: Playwright's binding instead of Electron's IPC.
 *
 * The page is served from a made-up origin by request interception; every other request is
 * aborted and recorded, so a test can prove the page asked for nothing from the network.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { DatabaseUnusableError, openStanceDatabase, type StanceDatabase } from '../../src-main/db/open';
import { createDispatch, samePage } from '../../src-main/ipc/dispatch';
import { createHandlers } from '../../src-main/ipc/handlers';
import { recoveryHandlers, restoreHook } from '../../src-main/ipc/handlers-data';

export const APP_ORIGIN = 'http://stance.app.test';
export const APP_URL = `${APP_ORIGIN}/index.html`;
export const FOREIGN_ORIGIN = 'http://elsewhere.test';

const root = path.resolve(__dirname, '../..');
// STANCE_OUT_DIR lets parallel work test its own build (electron-vite build --outDir DIR).
const buildFolder = process.env.STANCE_OUT_DIR ? path.resolve(process.env.STANCE_OUT_DIR) : path.join(root, 'out');
const rendererFolder = path.join(buildFolder, 'renderer');
const preloadBundle = path.join(buildFolder, 'preload/index.cjs');

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

export interface Stance {
  page: Page;
  dataFolder: string;
  databasePath: string;
  db: StanceDatabase;
  /** Requests the page tried to make to anywhere but the app itself. */
  blockedRequests: string[];
  faults: unknown[];
  /** Folders the app asked the system to show (Electron's shell.openPath in the app). */
  openedFolders: string[];
  /** Every channel the page called, in order (what a test counts: "insights:get was not asked again"). */
  calls: string[];
  /** How many times the page called `channel` so far. */
  callsTo(channel: string): number;
  /** Every event main sent the page, by name, in order (`import` for an import's progress). */
  events: string[];
  /** Closes the database and opens the same file again, then reloads the page: a restart. */
  restart(): Promise<void>;
  close(): void;
  /** Rows in a table, straight from the file. */
  count(table: string): number;
}

/**
 * A reply as the binding carries it: as JSON text when JSON gives back exactly the same value,
 * else as the value (Playwright's own serialisation, which keeps undefined, NaN, −0, dates and
 * bytes). Electron's IPC copies a reply with the structured clone algorithm, about as fast as JSON;
 * Playwright's serialisation walks it value by value and took seconds for ten years of Insights
 * (1.3 MB), which no runner's window ever waits for.
 */
function asReply(value: unknown): { json: string } | { value: unknown } {
  return isPlainData(value) ? { json: JSON.stringify(value) } : { value };
}

/** True when JSON gives back exactly this value: plain objects and arrays of strings, booleans, null and finite numbers other than −0. */
function isPlainData(root: unknown): boolean {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const item = pending.pop();
    if (item === null || typeof item === 'string' || typeof item === 'boolean') continue;
    if (typeof item === 'number') {
      if (!Number.isFinite(item) || Object.is(item, -0)) return false;
      continue;
    }
    if (typeof item !== 'object') return false; // undefined, a function, a bigint, a symbol
    if (Array.isArray(item)) {
      for (let index = 0; index < item.length; index++) {
        if (!(index in item)) return false; // a hole
        pending.push(item[index]);
      }
      continue;
    }
    if (Object.getPrototypeOf(item) !== Object.prototype) return false; // a Date, a Buffer, bytes, a Map
    for (const key in item) pending.push((item as Record<string, unknown>)[key]);
  }
  return true;
}

export function newDataFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'stance-e2e-'));
}

function preloadScript(): string {
  if (!fs.existsSync(preloadBundle)) throw new Error('out/preload/index.cjs is missing: run `npm run build` first.');
  const code = fs.readFileSync(preloadBundle, 'utf8');
  // The preload's only import is 'electron': give it contextBridge and ipcRenderer over the test binding.
  return `(() => {
    const listeners = new Map();
    window.__stanceEmit = (channel, payload) => (listeners.get(channel) || []).forEach((fn) => fn({}, payload));
    const fakeElectron = {
      contextBridge: { exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: Object.freeze(api) }) },
      ipcRenderer: {
        invoke: (channel, payload) => window.__stanceIpc(channel, payload).then((reply) => ('json' in reply ? JSON.parse(reply.json) : reply.value)),
        on: (channel, fn) => listeners.set(channel, [...(listeners.get(channel) || []), fn]),
        removeListener: (channel, fn) => listeners.set(channel, (listeners.get(channel) || []).filter((f) => f !== fn)),
      },
    };
    const fakeRequire = (name) => { if (name === 'electron') return fakeElectron; throw new Error('preload may only require electron'); };
    (function (require) {
      ${code}
    })(fakeRequire);
  })();`;
}

export async function launchStance(page: Page, options: {
    dataFolder?: string;
    now?: () => Date;
    timeZone?: string;
    /** Makes the named channels answer this many milliseconds late, like a slow laptop. */
    slowChannels?: Record<string, number>;
    /** A fixed seed for new experiments (64 hex characters), so a whole experiment replays. */
    experimentSeed?: string;
  } = {}): Promise<Stance> {
  const dataFolder = options.dataFolder ?? newDataFolder();
  const databasePath = path.join(dataFolder, 'stance.sqlite');
  const blockedRequests: string[] = [];
  const faults: unknown[] = [];
  const backupsFolder = path.join(dataFolder, 'backups');
  const openedFolders: string[] = [];
  const calls: string[] = [];
  const events: string[] = [];
  // A damaged database opens in recovery mode, as in the app (src-main/index.ts).
  let damaged: { problem: string } | undefined;
  let db: StanceDatabase | undefined;
  try {
    db = await openStanceDatabase(databasePath, { backupsFolder });
  } catch (error) {
    if (!(error instanceof DatabaseUnusableError)) throw error;
    damaged = { problem: error.message };
  }

  const now = options.now ?? (() => new Date());
  const context = {
    now,
    // The browser's zone (playwright.config.ts sets timezoneId), so main and page share one calendar.
    timeZone: () => options.timeZone ?? 'Europe/London',
    version: '0.0.0-test',
    databasePath,
    dataFolder,
    backupsFolder,
    restoreDatabase: restoreHook({
      current: () => db,
      databasePath,
      backupsFolder,
      now,
      swap: (database) => {
        db = database;
        if (database) damaged = undefined;
        dispatch = dispatchFor(database);
      },
    }),
    openFolder: async (folder: string) => {
      openedFolders.push(folder);
      return true;
    },
    // Electron's webContents.printToPDF in the app; Chromium's own PDF output here.
    printReportPdf: async ({ paper }: { paper: 'A4' | 'Letter' }) => page.pdf({ format: paper, printBackground: false, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } }),
    // The built import worker and its reader threads, as the app runs them (with Node's better-sqlite3 here).
    importWorker: { script: path.join(buildFolder, 'main/import-worker.js'), readers: { script: path.join(buildFolder, 'main/import-reader.js') } },
    experimentSeed: options.experimentSeed === undefined ? undefined : () => options.experimentSeed as string,
  };
  const dispatchFor = (database: StanceDatabase | undefined) =>
    createDispatch(
      database ? createHandlers({ ...context, db: database }) : recoveryHandlers({ ...context, damaged: damaged ?? { problem: 'damaged' } }),
      { isTrustedPage: samePage(APP_URL), logFault: (_channel, error) => faults.push(error) },
    );
  let dispatch = dispatchFor(db);

  await page.exposeBinding('__stanceIpc', async (source, channel: unknown, payload: unknown) => {
    calls.push(String(channel));
    const delay = typeof channel === 'string' ? options.slowChannels?.[channel] : undefined;
    if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
    return asReply(
      await dispatch(channel, payload, {
        url: source.frame.url(),
        // Main's events to the page that called (an import's progress), as webContents.send does in the app.
        sendEvent: (name, message) => {
          events.push(name);
          source.page.evaluate(([event, text]) => (window as unknown as { __stanceEmit: (event: string, text: string) => void }).__stanceEmit(event, text), [`event:${name}`, message] as const).catch(() => undefined);
        },
      }),
    );
  });
  await page.addInitScript({ content: preloadScript() });
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin === FOREIGN_ORIGIN) {
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Elsewhere</title><p>Another site</p>' });
    }
    if (url.origin !== APP_ORIGIN) {
      blockedRequests.push(url.href);
      return route.abort('blockedbyclient');
    }
    const file = path.normalize(path.join(rendererFolder, decodeURIComponent(url.pathname)));
    if (!file.startsWith(rendererFolder) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      return route.fulfill({ status: 404, body: 'not found' });
    }
    return route.fulfill({
      status: 200,
      contentType: contentTypes[path.extname(file)] ?? 'application/octet-stream',
      body: fs.readFileSync(file),
    });
  });
  await page.goto(APP_URL);

  const stance: Stance = {
    page,
    dataFolder,
    databasePath,
    get db() {
      if (!db) throw new Error('The database is damaged: Stance is in recovery mode.');
      return db;
    },
    blockedRequests,
    faults,
    openedFolders,
    calls,
    events,
    callsTo(channel: string) {
      return calls.filter((name) => name === channel).length;
    },
    async restart() {
      db?.close();
      db = await openStanceDatabase(databasePath, { backupsFolder });
      dispatch = dispatchFor(db);
      await page.goto(APP_URL);
    },
    close() {
      if (db?.open) db.close();
    },
    count(table: string) {
      return (stance.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    },
  };
  return stance;
}
