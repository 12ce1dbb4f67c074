/**
 * The packaged app as a command line (`Stance --cli import …`, `stance check`), proved where
 * Electron cannot run: the BUILT main bundle (out/main/index.js) is loaded under Node against the
 * stand-in `electron` module (tests/mocks/electron.ts) with the process's arguments set as the
 * runner would type them, once per command line. Checked: the command's output on stdout/stderr
 * and its exit status through app.exit; the app's own data folder (STANCE_DATA_DIR / userData)
 * and the packaged app's build of better-sqlite3 (resources/native); and that a command line gets
 * no window, no single-instance lock, no app scheme, no IPC handlers and no menu. The fuses are
 * not touched by any of it (tests/mocks/packaging.test.ts checks them: RunAsNode stays off).
 */
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as electronMock from './electron';
import { tempFolder } from '../support/temp-db';

const root = path.resolve(__dirname, '../..');
const outMain = path.join(root, 'out/main');
const bundle = path.join(outMain, 'index.js');
const corpus = path.resolve(root, '../shared/gpx-corpus');
const state = electronMock.state;
const work = tempFolder('stance-main-cli-');
const dataFolder = path.join(work.folder, 'data');
const resources = path.join(work.folder, 'resources');

type ModuleInternals = { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const internals = Module as unknown as ModuleInternals;
const originalResolve = internals._resolveFilename;
const require = createRequire(__filename);
const originalArgv = process.argv;

beforeAll(() => {
  if (!fs.existsSync(bundle)) throw new Error(`The built main bundle is missing (${bundle}). Run \`npm run build\` first (npm test does).`);
  // The packaged app loads better-sqlite3 from resources/native (native-binding.ts); here, Node's build.
  fs.mkdirSync(path.join(resources, 'native'), { recursive: true });
  fs.copyFileSync(path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), path.join(resources, 'native', 'better_sqlite3.node'));
  process.env.STANCE_DATA_DIR = dataFolder;
  state.appPath = root;
  const fakePath = path.join(root, 'tests/mocks/electron-virtual.js');
  internals._resolveFilename = (request: string, ...rest: unknown[]) => (request === 'electron' ? fakePath : originalResolve.call(Module, request, ...rest));
  const cached = new Module(fakePath);
  cached.filename = fakePath;
  cached.loaded = true;
  cached.exports = electronMock;
  require.cache[fakePath] = cached;
});

afterAll(() => {
  internals._resolveFilename = originalResolve;
  process.argv = originalArgv;
  work.cleanup();
});

interface Answer {
  code: number | undefined;
  stdout: string;
  stderr: string;
}

/**
 * Starts the built main process as the packaged app would be started with `args` after its
 * executable, and waits for it to exit (app.exit). stdout and stderr are captured.
 */
async function launch(args: string[], options: { resourcesPath?: string } = {}): Promise<Answer> {
  for (const cachedFile of Object.keys(require.cache)) if (cachedFile.startsWith(outMain)) delete require.cache[cachedFile];
  delete state.exitCode;
  (process as unknown as { resourcesPath: string }).resourcesPath = options.resourcesPath ?? resources;
  process.argv = [path.join(work.folder, 'Stance'), ...args];
  let stdout = '';
  let stderr = '';
  const writeOut = process.stdout.write.bind(process.stdout);
  const writeErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    require(bundle);
    state.ready(); // Electron's "ready": a window app would now open its window
    for (let waited = 0; state.exitCode === undefined && waited < 30_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    process.argv = originalArgv;
  }
  return { code: state.exitCode, stdout, stderr };
}

function runsIn(file: string): { n: number } {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT count(*) AS n FROM runs').get() as { n: number };
  } finally {
    db.close();
  }
}

describe('the packaged app as a command line', () => {
  it('imports with `Stance --cli import …` into the app’s own database, without a window, a lock, a scheme, handlers or a menu', async () => {
    const answer = await launch(['--cli', 'import', path.join(corpus, 'mapbox__run.gpx'), '--json', '--time-zone', 'Europe/London']);
    expect(answer.stderr).toBe('');
    expect(answer.code).toBe(0);
    const line = JSON.parse(answer.stdout.trim().split('\n')[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({ status: 'imported', points: 205, format: 'gpx', runId: 1 });
    expect(runsIn(path.join(dataFolder, 'stance.sqlite'))).toEqual({ n: 1 });
    expect(state.windows).toHaveLength(0);
    expect(state.singleInstanceLockRequests).toBe(0);
    expect(state.privilegedSchemes).toEqual([]);
    expect(state.protocolHandlers.size).toBe(0);
    expect(state.ipcHandlers.size).toBe(0);
    expect(state.applicationMenu).toBeUndefined();
    expect(state.appHandlers.size).toBe(0);
    expect(state.errorBoxes).toEqual([]);
  });

  it('answers as `stance` when run under that name with a command (the Linux package’s /usr/bin/stance), after Chromium’s own switches', async () => {
    const again = await launch(['--no-sandbox', 'import', path.join(corpus, 'mapbox__run.gpx')]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^duplicate {2}.*mapbox__run\.gpx: already in Stance as run 1\n$/);
    expect(again.stderr).toMatch(/^0 imported, 1 duplicates skipped, 0 refused\.\n$/);
    const check = await launch(['check']);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(`${path.join(dataFolder, 'stance.sqlite')}: ok (integrity and references; schema `);
    const backup = await launch(['--cli', 'backup']);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/^Backed up .*stance\.sqlite to .*backups[\\/]manual-.*\.sqlite \(.* MB, integrity checked\)\.\n$/);
    expect(state.windows).toHaveLength(0);
    expect(state.singleInstanceLockRequests).toBe(0);
  });

  it('answers a command line it cannot read with the usage and exit status 2, and a refused file with 1', async () => {
    const unknown = await launch(['--cli', 'frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^Unknown command "frobnicate"\.\n\nUsage:\n {2}stance import/);
    const bare = await launch(['--cli']);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toMatch(/^Usage:/);
    const waypoints = await launch(['--cli', 'import', path.join(corpus, 'placemark__wpt.gpx'), '--json']);
    expect(waypoints.code).toBe(1);
    expect(JSON.parse(waypoints.stdout.trim().split('\n')[0]!)).toMatchObject({ status: 'refused', reason: expect.stringMatching(/only waypoints/) });
    expect(state.windows).toHaveLength(0);
  });

  it('says which database driver is missing, and exits 1, when the app’s build of better-sqlite3 is not there', async () => {
    const answer = await launch(['--cli', 'check'], { resourcesPath: path.join(work.folder, 'no-resources') });
    expect(answer.code).toBe(1);
    expect(answer.stderr).toMatch(/^stance: Stance's database driver for Electron .* is missing \(.*better_sqlite3\.node\)/);
  });
});
