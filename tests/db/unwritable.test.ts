/**
 * Files Stance cannot write: a read-only database file (with -wal/-shm left from an earlier
 * run), a read-only folder, a file that is not the user's, a folder that cannot be made, and a
 * read-only mount. The command line, run as an unprivileged user (tests run as root, where
 * permissions do not bite), answers each within seconds, naming the cause and the path, exits
 * 1, never calls the database damaged and leaves no half-written files. Before, `backup` spun
 * for over ten minutes on a read-only database and a sound one on a read-only mount was
 * reported as damaged.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStanceDatabase } from '../../src-main/db/open';
import { DatabaseNotWritableError } from '../../src-main/db/file-access';
import { takeBackup } from '../../src-main/db/backups';
import { writeJsonExport } from '../../src-main/db/services/export';
import { tempFolder } from '../support/temp-db';
import { fillEveryKind, FILL_NOW } from '../support/fill-db';
import { runCliChild, type ChildResult } from '../support/children';

const NOBODY = 65534;
const asNobody = { user: 'nobody', group: 'nogroup' };
const HANG_MS = 20_000;
const isRoot = process.getuid?.() === 0;

const work = tempFolder('stance-unwritable-');
fs.chmodSync(work.folder, 0o755);
afterAll(() => {
  try {
    execFileSync('umount', [path.join(work.folder, 'mount')], { stdio: 'ignore' });
  } catch {
    // not mounted
  }
  work.cleanup();
});

const exportFile = path.join(work.folder, 'export.json');
let backupName = '';

/** A database left as a crashed app leaves it: -wal and -shm beside it, with committed data in the WAL. */
async function makeDatabaseIn(folder: string): Promise<string> {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'stance.sqlite');
  fs.cpSync(path.join(work.folder, 'template'), folder, { recursive: true });
  return file;
}

beforeAll(async () => {
  const template = path.join(work.folder, 'template');
  const file = path.join(template, 'stance.sqlite');
  const db = await openStanceDatabase(file, { backupsFolder: path.join(template, 'backups') });
  await fillEveryKind(db);
  backupName = (await takeBackup(db, path.join(template, 'backups'), 'manual', FILL_NOW)).name;
  writeJsonExport(db, exportFile, FILL_NOW);
  db.pragma('wal_autocheckpoint = 0');
  db.prepare("UPDATE runs SET notes = 'in the WAL' WHERE id = 1").run();
  // Copy while open: the -wal holds the last write, the -shm its index.
  const left = path.join(work.folder, 'left');
  fs.mkdirSync(left);
  for (const suffix of ['', '-wal', '-shm']) fs.copyFileSync(`${file}${suffix}`, path.join(left, `stance.sqlite${suffix}`));
  db.close();
  fs.cpSync(path.join(template, 'backups'), path.join(left, 'backups'), { recursive: true });
  fs.rmSync(template, { recursive: true });
  fs.renameSync(left, template);
}, 60_000);

function chownAll(folder: string, uid: number): void {
  fs.chownSync(folder, uid, uid);
  for (const name of fs.readdirSync(folder, { recursive: true }) as string[]) fs.chownSync(path.join(folder, name), uid, uid);
}

function expectWorded(result: ChildResult, cause: RegExp, where: string): void {
  expect(result.timedOut, `still running after ${HANG_MS / 1000} s:\n${result.stderr}`).toBe(false);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(cause);
  expect(result.stderr).toContain(where);
  expect(result.stderr).not.toMatch(/damaged/i);
}

function leftovers(folder: string): string[] {
  return (fs.readdirSync(folder, { recursive: true }) as string[]).filter((name) => /partial|restoring|restore-plan/.test(name));
}

const commands = (file: string, out: string): [string, string[]][] => [
  ['backup', ['backup', '--db', file]],
  ['import-json', ['import-json', exportFile, '--db', file]],
  ['export', ['export', '--out', out, '--db', file]],
  ['restore', ['restore', backupName, '--db', file]],
];

describe.skipIf(!isRoot)('as an unprivileged user (nobody)', () => {
  beforeAll(() => {
    fs.chmodSync(exportFile, 0o644);
  });

  describe('a read-only database file, with -wal and -shm left from an earlier run', () => {
    it.each(['backup', 'import-json', 'export', 'restore'])('%s says the file is read-only, at once', async (name) => {
      const folder = path.join(work.folder, `ro-file-${name}`);
      const file = await makeDatabaseIn(folder);
      chownAll(folder, NOBODY);
      for (const suffix of ['', '-wal', '-shm']) fs.chmodSync(`${file}${suffix}`, 0o444);
      const out = path.join(folder, 'exports');
      const args = commands(file, out).find(([command]) => command === name)![1];
      const result = await runCliChild(args, { asUser: asNobody, timeoutMs: HANG_MS });
      expectWorded(result, /read-only for you|permission denied/, file);
      expect(leftovers(folder)).toEqual([]);
    });

    it('check reads it (checking never writes) or says why it cannot, never "damaged"', async () => {
      const folder = path.join(work.folder, 'ro-file-check');
      const file = await makeDatabaseIn(folder);
      chownAll(folder, NOBODY);
      for (const suffix of ['', '-wal', '-shm']) fs.chmodSync(`${file}${suffix}`, 0o444);
      const result = await runCliChild(['check', '--db', file], { asUser: asNobody, timeoutMs: HANG_MS });
      expect(result.timedOut).toBe(false);
      expect(`${result.stdout}${result.stderr}`).not.toMatch(/damaged|has problems/i);
    });
  });

  it.each(['backup', 'import-json', 'restore'])('a read-only folder: %s names the folder, at once', async (name) => {
    const folder = path.join(work.folder, `ro-folder-${name}`);
    const file = await makeDatabaseIn(folder);
    chownAll(folder, NOBODY);
    fs.chownSync(folder, 0, 0); // the folder is root's: nobody may not create -journal, backups, partial files
    const args = commands(file, path.join(work.folder, 'nowhere')).find(([command]) => command === name)![1];
    const result = await runCliChild(args, { asUser: asNobody, timeoutMs: HANG_MS });
    expectWorded(result, /read-only for you|permission denied/, folder);
    expect(leftovers(folder)).toEqual([]);
  });

  it('a database file that is not the user’s: backup says permission denied, naming it', async () => {
    const folder = path.join(work.folder, 'not-mine');
    const file = await makeDatabaseIn(folder);
    chownAll(folder, NOBODY);
    for (const suffix of ['', '-wal', '-shm']) {
      fs.chownSync(`${file}${suffix}`, 0, 0);
      fs.chmodSync(`${file}${suffix}`, 0o600);
    }
    const result = await runCliChild(['backup', '--db', file], { asUser: asNobody, timeoutMs: HANG_MS });
    expectWorded(result, /permission denied/, file);
  });

  it('a folder that cannot be made: import-json says so, naming it', async () => {
    const parent = path.join(work.folder, 'roots-only');
    fs.mkdirSync(parent, { mode: 0o755 });
    const file = path.join(parent, 'new', 'stance.sqlite');
    const result = await runCliChild(['import-json', exportFile, '--db', file], { asUser: asNobody, timeoutMs: HANG_MS });
    expectWorded(result, /permission denied/, path.join(parent, 'new'));
    expect(fs.existsSync(path.join(parent, 'new'))).toBe(false);
  });
});

describe('a read-only mount', () => {
  const mount = path.join(work.folder, 'mount');
  let mounted = false;
  let file = '';
  beforeAll(async () => {
    fs.mkdirSync(mount);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', mount], { stdio: 'ignore' });
      file = await makeDatabaseIn(path.join(mount, 'data'));
      execFileSync('mount', ['-o', 'remount,ro', mount], { stdio: 'ignore' });
      mounted = true;
    } catch {
      mounted = false;
    }
  });

  it('is answered as a read-only disk (not "damaged") by the app’s open and by the command line', async (context) => {
    if (!mounted) context.skip('this machine does not let the tests mount a file system (needs root with CAP_SYS_ADMIN)');
    await expect(openStanceDatabase(file, { backupsFolder: path.join(path.dirname(file), 'backups') })).rejects.toThrow(DatabaseNotWritableError);
    await expect(openStanceDatabase(file, { backupsFolder: path.join(path.dirname(file), 'backups') })).rejects.toThrow(/read-only disk/);
    for (const [, args] of commands(file, path.join(work.folder, 'mount-out'))) {
      const result = await runCliChild(args, { timeoutMs: HANG_MS });
      expectWorded(result, /read-only disk/, path.dirname(file));
    }
  }, 120_000);
});
