/**
 * The packaged app's main process, proved where Electron cannot run: the BUILT main bundle
 * (out/main/index.js, from `npm run build`) is loaded under Node against a stand-in for the
 * `electron` module (tests/mocks/electron.ts, as Electron Fiddle's tests do), with a real
 * SQLite database in a temporary data folder. Checked: the window's webPreferences and the page
 * it loads; a handler for every contract channel, which answers Stance's page and refuses any
 * other; navigation, redirects, webviews, new windows and permissions refused; the request
 * filter letting through only the app's scheme; the app scheme registered as privileged, and
 * its handler serving the renderer folder and refusing every path that climbs out of it; the
 * menu built.
 */
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as electronMock from './electron';
import { channelNames } from '../../src-main/shared/channels';
import { contentSecurityPolicy } from '../../src-main/content-security-policy';
import { tempFolder } from '../support/temp-db';

const root = path.resolve(__dirname, '../..');
const bundle = path.join(root, 'out/main/index.js');
const state = electronMock.state;
const work = tempFolder('stance-main-bundle-');
const PAGE = 'stance://app/index.html';

type ModuleInternals = { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const internals = Module as unknown as ModuleInternals;
const originalResolve = internals._resolveFilename;

beforeAll(async () => {
  if (!fs.existsSync(bundle)) throw new Error(`The built main bundle is missing (${bundle}). Run \`npm run build\` first (npm test does).`);
  // A packaged app loads better-sqlite3 from resources/native (native-binding.ts); here, Node's build.
  const resources = path.join(work.folder, 'resources');
  fs.mkdirSync(path.join(resources, 'native'), { recursive: true });
  fs.copyFileSync(path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), path.join(resources, 'native', 'better_sqlite3.node'));
  (process as unknown as { resourcesPath: string }).resourcesPath = resources;
  process.env.STANCE_DATA_DIR = path.join(work.folder, 'data');
  state.appPath = root;

  const fakePath = path.join(root, 'tests/mocks/electron-virtual.js');
  internals._resolveFilename = (request: string, ...rest: unknown[]) => (request === 'electron' ? fakePath : originalResolve.call(Module, request, ...rest));
  const require = createRequire(__filename);
  const cached = new Module(fakePath);
  cached.filename = fakePath;
  cached.loaded = true;
  cached.exports = electronMock;
  require.cache[fakePath] = cached;
  require(bundle);
  state.ready();
  for (let waited = 0; state.windows.length === 0 && state.errorBoxes.length === 0 && waited < 20_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
}, 60_000);

afterAll(() => {
  for (const handler of state.appHandlers.get('window-all-closed') ?? []) handler();
  internals._resolveFilename = originalResolve;
  work.cleanup();
});

describe('the built main process', () => {
  it('starts without an error and opens one window on the app page, with a database in the data folder', () => {
    expect(state.errorBoxes).toEqual([]);
    expect(state.exitCode).toBeUndefined();
    expect(state.windows).toHaveLength(1);
    expect(state.windows[0]!.loadedUrl).toBe(`${PAGE}?locale=de-DE`);
    expect(state.windows[0]!.loadedFile).toBeUndefined();
    expect(fs.existsSync(path.join(work.folder, 'data', 'stance.sqlite'))).toBe(true);
  });

  it('passes the app’s locale to the window in the page’s address, which the page check and the file handler accept', async () => {
    const loaded = state.windows[0]!.loadedUrl!;
    expect(new URL(loaded).searchParams.get('locale')).toBe('de-DE');
    const info = state.ipcHandlers.get('app:info')!;
    expect(await info({ senderFrame: { url: `${loaded}#today` } }, null)).toMatchObject({ ok: true });
    const served = await Promise.resolve(state.protocolHandlers.get('stance')!(new Request(loaded)));
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('locks the window down: isolation, sandbox, no Node, web security, the built preload', () => {
    const preferences = state.windows[0]!.options.webPreferences!;
    expect(preferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    expect(preferences.webviewTag).not.toBe(true);
    expect(preferences.nodeIntegrationInSubFrames).not.toBe(true);
    expect(String(preferences.preload)).toBe(path.join(root, 'out/preload/index.cjs'));
  });

  it('registers a handler for every contract channel, which answers Stance’s page and refuses any other', async () => {
    expect([...state.ipcHandlers.keys()].sort()).toEqual([...channelNames].sort());
    const info = state.ipcHandlers.get('app:info')!;
    expect(await info({ senderFrame: { url: `${PAGE}#today` } }, null)).toMatchObject({ ok: true, value: { version: '0.0.0-mock' } });
    for (const url of ['file:///tmp/evil.html', 'https://evil.example/', 'stance://other/index.html', undefined]) {
      expect(await info({ senderFrame: url ? { url } : null }, null)).toMatchObject({ ok: false, error: { kind: 'refused' } });
    }
  });

  it('saves the report as a PDF with webContents.printToPDF, on Letter paper for a US locale', async () => {
    const save = state.ipcHandlers.get('report:savePdf')!;
    const reply = (await save({ senderFrame: { url: `${PAGE}#report` } }, { weeks: 6, locale: 'en-US' })) as { ok: boolean; value: { path: string } };
    expect(reply.ok).toBe(true);
    expect(reply.value.path).toMatch(/reports[\\/]stance-report-\d{4}-\d{2}-\d{2}-6-weeks\.pdf$/);
    expect(fs.readFileSync(reply.value.path, 'latin1').startsWith('%PDF')).toBe(true);
    expect(state.windows[0]!.webContents.printed.at(-1)).toMatchObject({ pageSize: 'Letter', printBackground: false });
  });

  it('refuses navigation away, redirects, webviews and new windows; https links go to the system browser', () => {
    const contents = state.windows[0]!.webContents;
    const attempt = (event: string, url?: string) => {
      let prevented = false;
      contents.emit(event, { preventDefault: () => (prevented = true) }, url);
      return prevented;
    };
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'stance://other/index.html', 'data:text/html,<p>x']) expect(attempt('will-navigate', url), url).toBe(true);
    expect(attempt('will-navigate', `${PAGE}#runs`)).toBe(false);
    expect(attempt('will-redirect', 'https://evil.example/')).toBe(true);
    expect(attempt('will-attach-webview')).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://example.org/itb' })).toEqual({ action: 'deny' });
    expect(state.openedExternally).toEqual(['https://example.org/itb']);
    expect(contents.windowOpenHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler!({ url: 'http://example.org/' })).toEqual({ action: 'deny' });
    expect(state.openedExternally).toEqual(['https://example.org/itb']);
  });

  it('denies every permission request and check', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'fullscreen', 'openExternal']) {
      let granted: boolean | undefined;
      state.permissionRequestHandler!({}, permission, (answer) => (granted = answer));
      expect(granted, permission).toBe(false);
      expect(state.permissionCheckHandler!({}, permission), permission).toBe(false);
    }
  });

  it('lets through only requests for the app’s own scheme', () => {
    const cancelled = (url: string) => {
      let answer: boolean | undefined;
      state.requestFilter!({ url }, ({ cancel }) => (answer = cancel));
      return answer;
    };
    expect(cancelled('stance://app/index.html')).toBe(false);
    expect(cancelled('stance://app/assets/index.js')).toBe(false);
    for (const url of ['file:///tmp/evil.js', 'file:///work/out/renderer/index.html', 'data:text/javascript,alert(1)', 'https://example.com/', 'http://localhost:5173/', 'stance://other/x.js', 'blob:stance://app/1']) {
      expect(cancelled(url), url).toBe(true);
    }
  });

  it('registers the app scheme as a standard, secure scheme', () => {
    expect(state.privilegedSchemes).toContainEqual({ scheme: 'stance', privileges: expect.objectContaining({ standard: true, secure: true }) });
  });

  it('serves the renderer folder under the CSP, and refuses every path that climbs out of it', async () => {
    const serve = state.protocolHandlers.get('stance')!;
    const get = (url: string, method = 'GET') => Promise.resolve(serve(new Request(url, { method })));
    const page = await get(PAGE);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
    const html = await page.text();
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)![1]!;
    const asset = await get(`stance://app/${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    for (const url of [
      'stance://app/../main/index.js',
      'stance://app/%2e%2e/main/index.js',
      'stance://app/%2E%2E%2Fmain%2Findex.js',
      'stance://app/..%2f..%2fpackage.json',
      'stance://app/..%5c..%5cpackage.json',
      'stance://app/%2fetc%2fpasswd',
      'stance://app/assets/%00.js',
      'stance://app/../../../../../../etc/passwd',
      'stance://other/index.html',
      'stance://app/no-such-file.js',
    ]) {
      const response = await get(url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toMatch(/"name": "stance"|require\(|root:/);
    }
    expect((await get(PAGE, 'POST')).status).toBe(405);
  });

  it('builds the menu: File, Edit, View with every page, Window, Help; no developer tools in the packaged app', () => {
    const template = state.menuTemplate as { label?: string; role?: string; submenu?: { label?: string; role?: string }[] }[];
    expect(state.applicationMenu).toBeDefined();
    const file = template.find((item) => item.label === 'File')!;
    expect(file.submenu!.map((item) => item.label).filter(Boolean)).toEqual(['Log a Run…', 'Open Data Folder', 'Open Backups Folder']);
    expect(template.some((item) => item.role === 'editMenu')).toBe(true);
    const view = template.find((item) => item.label === 'View')!;
    expect(view.submenu!.map((item) => item.label).filter(Boolean)).toEqual(['Today', 'Runs', 'Strength', 'Pain', 'Insights', 'Report', 'Settings']);
    expect(view.submenu!.some((item) => item.role === 'toggleDevTools')).toBe(false);
    expect(template.some((item) => item.role === 'help')).toBe(true);
  });
});
