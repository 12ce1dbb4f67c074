/**
 * A restore killed at a random moment, many times over, then an import: the runner's data is
 * never hidden. After each kill the command line imports a JSON export holding one new run;
 * the database then holds exactly the runs it held before the restore, or exactly the backup's
 * runs, plus the imported one — never the imported run alone in a fresh, empty database (what
 * a restore killed after renaming the database away used to leave), and nothing set aside.
 *
 * Both kinds of restore: over a healthy database (one transaction in the live file) and over a
 * damaged one (the file replaced, with a restore plan the next command finishes).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStanceDatabase } from '../../src-main/db/open';
import { takeBackup } from '../../src-main/db/backups';
import { addRun } from '../../src-main/db/runs';
import { writeJsonExport } from '../../src-main/db/services/export';
import { importGpxFile } from '../../src-main/import/importer';
import { tempFolder } from '../support/temp-db';
import { fillEveryKind, FILL_NOW } from '../support/fill-db';
import { gpxText } from '../support/gpx-text';
import { proofCount } from '../support/proofs';
import { runCliChild, startCliChild } from '../support/children';

const work = tempFolder('stance-restore-killed-');
afterAll(() => work.cleanup());
const KILLS = proofCount(5, 60);

/** Mulberry32, so a failing trial can be repeated from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const template = path.join(work.folder, 'template');
const exportFile = path.join(work.folder, 'one-run.json');
let backupName = '';
let oldRuns: string[] = [];
let backupRuns: string[] = [];
let damagedBytes: Buffer;

function runsIn(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT started_at || ' ' || distance_m || ' ' || notes FROM runs WHERE notes <> 'imported after the kill' ORDER BY 1").pluck().all() as string[]);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  const file = path.join(template, 'stance.sqlite');
  const backups = path.join(template, 'backups');
  const db = await openStanceDatabase(file, { backupsFolder: backups });
  await fillEveryKind(db, { gpxSeconds: 3600 });
  for (let k = 0; k < 6; k++) {
    const start = new Date(Date.UTC(2026, 5, 1 + k, 7)).toISOString().replace('.000Z', 'Z');
    await importGpxFile(db, { fileName: `r${k}.gpx`, source: Buffer.from(gpxText({ seconds: 3600, seed: k + 5, start })), timeZone: 'UTC' }, FILL_NOW);
  }
  backupName = (await takeBackup(db, backups, 'manual', FILL_NOW)).name;
  for (let k = 0; k < 3; k++) {
    addRun(db, { localDate: '2026-11-1' + k, localTime: '07:00', timeZone: 'UTC', distanceMetres: 3000 + k, durationSeconds: 900, effort: null, surface: null, shoeId: null, notes: `after the backup ${k}` }, FILL_NOW);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  oldRuns = runsIn(file);
  backupRuns = runsIn(path.join(backups, backupName));
  expect(oldRuns).not.toEqual(backupRuns);
  damagedBytes = fs.readFileSync(file);
  damagedBytes.fill(0x00, 4096 * 3, 4096 * 3 + 2000);

  const other = await openStanceDatabase(path.join(work.folder, 'other', 'stance.sqlite'), { backupsFolder: path.join(work.folder, 'other', 'backups') });
  addRun(other, { localDate: '2026-11-20', localTime: '06:00', timeZone: 'UTC', distanceMetres: 4321, durationSeconds: 1500, effort: null, surface: null, shoeId: null, notes: 'imported after the kill' }, FILL_NOW);
  writeJsonExport(other, exportFile, FILL_NOW);
  other.close();
}, 120_000);

function freshCopy(name: string, damaged: boolean): string {
  const folder = path.join(work.folder, name);
  fs.cpSync(template, folder, { recursive: true });
  const file = path.join(folder, 'stance.sqlite');
  if (damaged) fs.writeFileSync(file, damagedBytes);
  return file;
}

describe.each([
  { kind: 'healthy', damaged: false },
  { kind: 'damaged', damaged: true },
])('a restore over a $kind database, killed at a random moment', ({ kind, damaged }) => {
  let fullMs = 0;
  let startupMs = 0;
  beforeAll(async () => {
    const startedHelp = Date.now();
    await runCliChild(['--help'], { timeoutMs: 60_000 });
    startupMs = Date.now() - startedHelp;
    const file = freshCopy(`${kind}-whole`, damaged);
    const started = Date.now();
    const whole = await runCliChild(['restore', backupName, '--db', file], { timeoutMs: 60_000 });
    fullMs = Date.now() - started;
    expect(whole.stderr.replace(/^The database is damaged.*\n/m, '')).toBe('');
    expect(runsIn(file)).toEqual(backupRuns);
  }, 120_000);

  it.each(Array.from({ length: KILLS }, (_, trial) => trial))('kill %i, then import-json: the old or the restored database, plus the import', async (trial) => {
    const next = random(trial * 7919 + (damaged ? 1 : 0));
    const file = freshCopy(`${kind}-${trial}`, damaged);
    // Between most of the start-up (node, tsx, the CLI) and a little after a whole restore.
    const from = startupMs * 0.8;
    const killAfter = Math.floor(from + next() * (fullMs * 1.05 - from));
    const child = startCliChild(['restore', backupName, '--db', file], { timeoutMs: 60_000 });
    const timer = setTimeout(child.kill, killAfter);
    await child.done;
    clearTimeout(timer);

    const imported = await runCliChild(['import-json', exportFile, '--db', file], { timeoutMs: 60_000 });
    const folder = path.dirname(file);
    expect(fs.readdirSync(folder).filter((name) => /set-aside|replaced|restore-plan|restoring/.test(name))).toEqual([]);
    const runsNow = runsIn(file);
    if (damaged && imported.code !== 0) {
      // The restore had not got far enough: the damaged database is still there, byte for byte,
      // and the import was refused for it — not made into a new, empty database.
      expect(imported.stderr).toMatch(/damaged/);
      expect(fs.readFileSync(file).equals(damagedBytes)).toBe(true);
      return;
    }
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect([JSON.stringify(oldRuns), JSON.stringify(backupRuns)]).toContain(JSON.stringify(runsNow));
    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT count(*) FROM runs WHERE notes = 'imported after the kill'").pluck().get()).toBe(1);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  }, 120_000);
});
