/**
 * The data folder deleted, or the database file replaced, while Stance has it open. The next
 * write is refused with a message saying what happened and where — through the window (the
 * dispatcher) and through the command line's importer — and nothing is reported saved that
 * is not in a file the runner can find. Before, the dispatcher said "ok" to runs written into
 * a file that no longer had a name, and the command line printed "imported" for them.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatch, samePage } from '../../src-main/ipc/dispatch';
import { createHandlers } from '../../src-main/ipc/handlers';
import { openStanceDatabase } from '../../src-main/db/open';
import { exportData } from '../../src-main/db/services/export';
import { importStanceExport } from '../../src-main/db/services/import-json';
import { importGpxFile } from '../../src-main/import/importer';
import { databaseFault } from '../../src-main/db/file-access';
import { tempFolder } from '../support/temp-db';
import { gpxText } from '../support/gpx-text';

const APP = 'file:///opt/Stance/resources/app.asar/out/renderer/index.html';
const caller = { url: APP };
const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
const now = new Date('2026-11-21T12:00:00Z');
// Distances over 3 % apart: never one another's near-duplicate (typed duplicates ask first).
const aRun = (k: number) => ({ localDate: '2026-11-20', localTime: '07:30', timeZone: 'Europe/London', distanceMetres: 5000 + 500 * k, durationSeconds: 1800 });

async function setUp() {
  const work = tempFolder('stance-vanished-');
  cleanups.push(work.cleanup);
  const folder = path.join(work.folder, 'Stance');
  const file = path.join(folder, 'stance.sqlite');
  const db = await openStanceDatabase(file, { backupsFolder: path.join(folder, 'backups') });
  cleanups.unshift(() => db.open && db.close());
  const handlers = createHandlers({
    db,
    now: () => now,
    timeZone: () => 'Europe/London',
    version: 'test',
    databasePath: file,
    dataFolder: folder,
    backupsFolder: path.join(folder, 'backups'),
    restoreDatabase: () => Promise.reject(new Error('no restore here')),
    openFolder: async () => true,
  });
  const dispatch = createDispatch(handlers, { isTrustedPage: samePage(APP), describeFault: (error) => databaseFault(error, file) });
  return { db, file, folder, work: work.folder, dispatch };
}

describe('the data folder deleted while Stance runs', () => {
  it('the window: the next run is refused, saying the folder was deleted, and no call after it says "ok"', async () => {
    const { folder, dispatch } = await setUp();
    for (let k = 0; k < 3; k++) expect(await dispatch('runs:add', aRun(k), caller)).toMatchObject({ ok: true });
    fs.rmSync(folder, { recursive: true, force: true });
    const writes = [
      await dispatch('runs:add', aRun(10), caller),
      await dispatch('settings:update', { units: 'km' }, caller),
      await dispatch('runs:delete', { id: 1 }, caller),
      await dispatch('checkins:add', { localDate: '2026-11-20', context: 'stairs', leftScore: 2, rightScore: null }, caller),
    ];
    for (const result of writes) {
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.message).toContain(`The data folder ${folder} was deleted or moved`);
      expect(result.error.message).toMatch(/not saved/);
    }
  });

  it('the command line’s importer: a GPX file after the deletion is not imported', async () => {
    const { db, folder } = await setUp();
    const first = await importGpxFile(db, { fileName: 'a.gpx', source: Buffer.from(gpxText({ seconds: 300, seed: 1 })), timeZone: 'UTC' }, now);
    expect(first.status).toBe('imported');
    fs.rmSync(folder, { recursive: true, force: true });
    const second = importGpxFile(db, { fileName: 'b.gpx', source: Buffer.from(gpxText({ seconds: 300, seed: 2, start: '2026-06-01T07:00:00Z' })), timeZone: 'UTC' }, now);
    // Refused, by a thrown message or a refused outcome; never "imported".
    const outcome = await second.catch((error: Error) => ({ status: 'refused' as const, reason: error.message }));
    expect(outcome.status).toBe('refused');
    expect(JSON.stringify(outcome)).toContain('was deleted or moved');
  });

  it('a JSON import after the deletion writes nothing and says why', async () => {
    const { db, folder } = await setUp();
    const file = exportData(db, now);
    fs.rmSync(folder, { recursive: true, force: true });
    expect(() => importStanceExport(db, { ...file, tables: { ...file.tables, runs: [{ ...runRow(), id: 50 }] } })).toThrow(/deleted or moved/);
  });
});

function runRow() {
  return {
    id: 1,
    started_at: '2026-11-20T07:30:00Z',
    time_zone: 'UTC',
    local_date: '2026-11-20',
    local_time: '07:30',
    distance_m: 5000,
    duration_s: 1800,
    moving_s: null,
    elevation_gain_m: null,
    elevation_loss_m: null,
    avg_heart_rate: null,
    effort: null,
    surface: null,
    shoe_id: null,
    notes: '',
    source: 'manual',
    pain_status: 'unrecorded',
    created_at: '2026-11-20T08:00:00Z',
    updated_at: '2026-11-20T08:00:00Z',
  };
}

describe('the database file replaced while Stance runs', () => {
  it('the next write is refused, saying it was replaced; the file now there is untouched', async () => {
    const { file, dispatch } = await setUp();
    expect(await dispatch('runs:add', aRun(0), caller)).toMatchObject({ ok: true });
    // Another program (a sync tool, a copy from another computer) puts a different file there.
    const other = `${file}.other`;
    const copy = new Database(other);
    copy.exec('CREATE TABLE t (x)');
    copy.close();
    fs.rmSync(`${file}-wal`, { force: true });
    fs.rmSync(`${file}-shm`, { force: true });
    fs.renameSync(other, file);
    const before = fs.readFileSync(file);
    const result = await dispatch('runs:add', aRun(1), caller);
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/was replaced by another file/) } });
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('the database deleted (folder kept): the write is refused, saying the file was deleted', async () => {
    const { file, dispatch } = await setUp();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
    const result = await dispatch('runs:add', aRun(1), caller);
    expect(result).toMatchObject({ ok: false, error: { message: expect.stringContaining(`The database file ${file} was deleted or moved`) } });
  });
});

describe('the database held by another writer for longer than Stance waits', () => {
  it('the write is refused with a message saying the database is busy, and nothing is saved', async () => {
    const { file, dispatch, db } = await setUp();
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const result = await dispatch('runs:add', aRun(1), caller);
      expect(result).toMatchObject({ ok: false, error: { message: expect.stringMatching(/is busy .*Nothing was changed; try again/) } });
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(db.prepare('SELECT count(*) FROM runs').pluck().get()).toBe(0);
  }, 30_000);
});
