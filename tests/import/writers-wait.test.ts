/**
 * Writers wait their turn (issue 23): a batch import that meets another writer — a second
 * import of the same archive, a restore — waits for the lock and goes on; two processes creating
 * the same new database make it once. Every file is imported once, and no SQLite words reach
 * the runner. Real processes (the command line from source) and a real worker thread.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStanceDatabase } from '../../src-main/db/open';
import { takeBackup } from '../../src-main/db/backups';
import { LATEST_SCHEMA_VERSION } from '../../src-main/db/migrations';
import { startImportWorker, type WorkerScript } from '../../src-main/import/jobs';
import { fitActivity, straightRun } from '../formats/fit/generate-fit';
import { runCliChild, startCliChild, type ChildResult } from '../support/children';
import { countRows, tempFolder } from '../support/temp-db';
import { zipOf } from '../support/zip-writer';

const root = path.resolve(__dirname, '../..');
const WORKER: WorkerScript = { script: path.join(root, 'scripts/ts-worker.cjs'), argv: [path.join(root, 'src-main/import/worker.ts')] };
/** What SQLite says when it is not worded for the runner. */
const RAW_SQLITE = /SQLITE_|database is locked|already exists|SqliteError/;

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

function workFolder(): string {
  const { folder, cleanup } = tempFolder('stance-writers-');
  cleanups.push(cleanup);
  return folder;
}

const archive = (count: number): Buffer =>
  zipOf(Array.from({ length: count }, (_, n) => ({ name: `activities/${n + 1}.fit`, bytes: fitActivity([{ sport: 1, points: straightRun({ startUtcMs: Date.UTC(2024, 0, 1 + n, 7), seconds: 600, latitude: 50 + n / 100 }) }]) })));

interface Line {
  entry: string;
  status: string;
}
const linesOf = (result: ChildResult): Line[] =>
  result.stdout
    .split('\n')
    .filter((line) => line.startsWith('{') && !line.startsWith('{"summary"')) // the last line sums up (issue 19)
    .map((line) => JSON.parse(line) as Line);

describe('writers wait their turn', () => {
  it('two command-line imports of one archive at once, into a database neither has created yet: every file imported once', { timeout: 600_000 }, async () => {
    const folder = workFolder();
    const zip = path.join(folder, 'export.zip');
    const files = 30;
    fs.writeFileSync(zip, archive(files));
    const db = path.join(folder, 'data', 'stance.sqlite');
    fs.mkdirSync(path.dirname(db));
    const args = ['import', zip, '--db', db, '--json', '--time-zone', 'UTC'];
    const [first, second] = await Promise.all([startCliChild(args, { timeoutMs: 540_000 }).done, startCliChild(args, { timeoutMs: 540_000 }).done]);
    for (const result of [first!, second!]) {
      expect(result.stderr).not.toMatch(RAW_SQLITE);
      expect(result.timedOut).toBe(false);
      expect(result.code).toBe(0);
      expect(linesOf(result)).toHaveLength(files); // neither stopped mid-batch
    }
    const imported = [...linesOf(first!), ...linesOf(second!)].filter((line) => line.status === 'imported').map((line) => line.entry);
    expect(imported.sort()).toEqual(Array.from({ length: files }, (_, n) => `activities/${n + 1}.fit`).sort());
    const check = await openStanceDatabase(db, { backupsFolder: path.join(folder, 'data', 'backups') });
    expect(countRows(check, 'runs')).toBe(files);
    check.close();
  });

  it('two processes creating the same new database: one makes it, the other waits and finds it done', { timeout: 300_000 }, async () => {
    for (let trial = 0; trial < 3; trial++) {
      const folder = workFolder();
      // Two imports of an empty folder: each opens (so creates and migrates) the same new database.
      const empty = path.join(folder, 'nothing');
      fs.mkdirSync(empty);
      const fresh = path.join(folder, 'fresh', 'stance.sqlite');
      fs.mkdirSync(path.dirname(fresh));
      const creators = await Promise.all([0, 1].map(() => runCliChild(['import', empty, '--db', fresh, '--time-zone', 'UTC'], { timeoutMs: 120_000 })));
      for (const result of creators) expect(result.stderr).not.toMatch(RAW_SQLITE);
      for (const result of creators) expect(result.code).toBe(0);
      const opened = await openStanceDatabase(fresh, { backupsFolder: path.join(folder, 'backups') });
      expect(opened.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
      expect(countRows(opened, 'exercises')).toBeGreaterThan(0); // the built-in library, once
      expect(opened.prepare('SELECT count(*) AS n FROM exercises GROUP BY name HAVING n > 1').all()).toEqual([]);
      opened.close();
    }
  });

  it('a worker import during a command-line restore waits for it and finishes every file, in words', { timeout: 600_000 }, async () => {
    const folder = workFolder();
    const file = path.join(folder, 'stance.sqlite');
    const backups = path.join(folder, 'backups');
    const db = await openStanceDatabase(file, { backupsFolder: backups });
    const backup = await takeBackup(db, backups, 'manual', new Date());
    db.close();
    const files = 80;
    const job = startImportWorker({ databasePath: file, sources: [{ name: 'export.zip', bytes: archive(files) }], timeZone: 'UTC' }, WORKER);
    while (job.outcomes.length < 5 && job.summary === null && job.failure === null) await new Promise((resolve) => setTimeout(resolve, 5));
    const restore = await runCliChild(['restore', path.join(backups, backup.name), '--db', file], { timeoutMs: 300_000 });
    await job.finished;
    expect(restore.stdout + restore.stderr).not.toMatch(RAW_SQLITE);
    expect(restore.code).toBe(0);
    expect(job.failure).toBeNull();
    expect(job.summary).toMatchObject({ imported: files, refused: 0 });
    expect(job.outcomes.map((outcome) => outcome.entry).sort()).toEqual(Array.from({ length: files }, (_, n) => `activities/${n + 1}.fit`).sort());
    // The restore put back the backup (no runs) while the import was under way: the runs imported
    // before it went with it, those after it stayed; importing again brings back the rest, once each.
    const again = startImportWorker({ databasePath: file, sources: [{ name: 'export.zip', bytes: archive(files) }], timeZone: 'UTC' }, WORKER);
    await again.finished;
    expect(again.failure).toBeNull();
    const check = await openStanceDatabase(file, { backupsFolder: backups });
    expect(countRows(check, 'runs')).toBe(files);
    check.close();
  });
});
