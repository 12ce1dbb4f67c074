import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, DatabaseUnusableError, openStanceDatabase } from '../../src-main/db/open';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from '../../src-main/db/migrations';
import { addRun } from '../../src-main/db/runs';
import { countRows, openTempDatabase, tempFolder } from '../support/temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const aRun = {
  localDate: '2026-11-01',
  localTime: '07:30',
  timeZone: 'Europe/London',
  distanceMetres: 10_000,
  durationSeconds: 3_000,
  effort: null,
  surface: null,
  shoeId: null,
  notes: '',
};
const now = new Date('2026-11-21T12:00:00Z');

function sha256(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

describe('opening the database', () => {
  it('uses WAL, synchronous=FULL and enforced foreign keys', async () => {
    const { db, cleanup } = await openTempDatabase();
    cleanups.push(cleanup);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => db.prepare("INSERT INTO run_pain (run_id, onset_m, location, side, worst_score, action) VALUES (999, 1, 'hip', 'left', 3, 'slowed')").run()).toThrow(
      /FOREIGN KEY/,
    );
  });

  it('creates the whole schema at the latest version, with the starter exercise library', async () => {
    const { db, cleanup } = await openTempDatabase();
    cleanups.push(cleanup);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
      (row) => row.name,
    );
    expect(tables).toEqual(
      expect.arrayContaining([
        'runs', 'run_tracks', 'run_pain', 'pain_checkins', 'strength_sessions', 'session_exercises', 'exercise_sets',
        'exercises', 'routines', 'routine_exercises', 'recovery_entries', 'glute_plans', 'shoes', 'settings',
      ]),
    );
    const glute = db.prepare("SELECT name FROM exercises WHERE category = 'glute_hip'").all() as { name: string }[];
    expect(glute.map((row) => row.name)).toEqual(
      expect.arrayContaining(['Glute bridge', 'Lateral band walk', 'Banded single-leg squat (3/4 depth)', 'Clamshell', 'Hip hike']),
    );
    expect(countRows(db, 'routine_exercises')).toBe(9);
  });

  it('refuses a database written by a newer Stance, and leaves the file byte for byte as it was', async () => {
    const { folder, cleanup } = tempFolder();
    cleanups.push(cleanup);
    const file = path.join(folder, 'stance.sqlite');
    const future = new Database(file);
    future.exec('CREATE TABLE runs (id INTEGER PRIMARY KEY); PRAGMA user_version = 99;');
    future.close();
    const before = sha256(file);

    const attempt = openStanceDatabase(file, { backupsFolder: path.join(folder, 'backups') });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseTooNewError);
    await expect(attempt).rejects.toThrow(new RegExp(`newer version of Stance \\(schema 99; this version knows up to ${LATEST_SCHEMA_VERSION}\\)\\. Update Stance`));
    expect(sha256(file)).toBe(before);
    expect(fs.existsSync(path.join(folder, 'backups'))).toBe(false);
  });

  it('refuses a damaged file without writing to it', async () => {
    const { folder, cleanup } = tempFolder();
    cleanups.push(cleanup);
    const file = path.join(folder, 'stance.sqlite');
    fs.writeFileSync(file, Buffer.alloc(8192, 0x5a));
    await expect(openStanceDatabase(file, { backupsFolder: folder })).rejects.toBeInstanceOf(DatabaseUnusableError);
    expect(fs.readFileSync(file).equals(Buffer.alloc(8192, 0x5a))).toBe(true);
  });

  it("refuses another program's SQLite database", async () => {
    const { folder, cleanup } = tempFolder();
    cleanups.push(cleanup);
    const file = path.join(folder, 'other.sqlite');
    const other = new Database(file);
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    other.close();
    await expect(openStanceDatabase(file, { backupsFolder: folder })).rejects.toThrow(/not one of Stance's/);
  });
});

describe('migrating an existing database', () => {
  const nextRelease: Migration[] = [
    ...migrations,
    { version: LATEST_SCHEMA_VERSION + 1, name: 'rehearsal', sql: 'ALTER TABLE runs ADD COLUMN cadence REAL;' },
  ];

  it('takes a verified backup first, holding every record as it was', async () => {
    const { db, file, folder, cleanup } = await openTempDatabase();
    cleanups.push(cleanup);
    addRun(db, aRun, now);
    db.close();

    const migrated = await openStanceDatabase(file, {
      backupsFolder: path.join(folder, 'backups'),
      migrations: nextRelease,
      now: () => now,
    });
    expect(migrated.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
    expect(countRows(migrated, 'runs')).toBe(1);
    migrated.close();

    const backups = fs.readdirSync(path.join(folder, 'backups'));
    expect(backups).toEqual([`before-migration-v${LATEST_SCHEMA_VERSION}-to-v${LATEST_SCHEMA_VERSION + 1}-2026-11-21T12-00-00Z.sqlite`]);
    const backup = new Database(path.join(folder, 'backups', backups[0]!), { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(backup.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(backup.prepare('SELECT distance_m FROM runs').get()).toEqual({ distance_m: 10_000 });
    backup.close();
  });

  it('leaves the database as it was when a migration fails half way', async () => {
    const { db, file, folder, cleanup } = await openTempDatabase();
    cleanups.push(cleanup);
    addRun(db, aRun, now);
    db.close();
    const broken: Migration[] = [
      ...migrations,
      { version: LATEST_SCHEMA_VERSION + 1, name: 'broken', sql: 'ALTER TABLE runs ADD COLUMN cadence REAL; INSERT INTO no_such_table VALUES (1);' },
    ];
    await expect(openStanceDatabase(file, { backupsFolder: path.join(folder, 'backups'), migrations: broken })).rejects.toThrow(
      /no_such_table/,
    );
    const reopened = await openStanceDatabase(file, { backupsFolder: path.join(folder, 'backups') });
    cleanups.push(() => reopened.close());
    expect(reopened.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    const columns = (reopened.pragma('table_info(runs)') as { name: string }[]).map((column) => column.name);
    expect(columns).not.toContain('cadence');
    expect(countRows(reopened, 'runs')).toBe(1);
  });

  it('makes no backup for a brand-new database', async () => {
    const { folder, cleanup } = await openTempDatabase();
    cleanups.push(cleanup);
    expect(fs.existsSync(path.join(folder, 'backups'))).toBe(false);
  });
});

describe('the schema keeps impossible values out', () => {
  const insertRun = `INSERT INTO runs (started_at, time_zone, local_date, local_time, distance_m, duration_s, source, created_at, updated_at)
                     VALUES ('2026-11-01T07:30:00Z', 'UTC', '2026-11-01', '07:30', ?, ?, 'manual', 'now', 'now')`;

  it.each([
    ['a negative distance', -5, 1000],
    ['a NaN distance', Number.NaN, 1000],
    ['an infinite distance', Number.POSITIVE_INFINITY, 1000],
    ['a zero duration', 5000, 0],
  ])('refuses %s', async (_label, distance, duration) => {
    const { db, cleanup } = await openTempDatabase();
    cleanups.push(cleanup);
    expect(() => db.prepare(insertRun).run(distance, duration)).toThrow(/constraint failed/);
    expect(countRows(db, 'runs')).toBe(0);
  });

  it('refuses a pain score of 11 and an onset beyond the run', async () => {
    const { db, cleanup } = await openTempDatabase();
    cleanups.push(cleanup);
    const runId = Number(db.prepare(insertRun).run(5000, 1500).lastInsertRowid);
    const insertPain = db.prepare(
      "INSERT INTO run_pain (run_id, onset_m, location, side, worst_score, action) VALUES (?, ?, 'lateral_knee', 'left', ?, 'walked')",
    );
    expect(() => insertPain.run(runId, 3000, 11)).toThrow(/CHECK constraint failed/);
    expect(() => insertPain.run(runId, 6000, 5)).toThrow(/pain onset beyond the run's distance/);
    insertPain.run(runId, 3000, 5);
    expect(() => db.prepare('UPDATE runs SET distance_m = 2000 WHERE id = ?').run(runId)).toThrow(/pain onset beyond/);
    expect(countRows(db, 'run_pain')).toBe(1);
  });

  it('refuses a check-in day that is not on the calendar', async () => {
    const { db, cleanup } = await openTempDatabase();
    cleanups.push(cleanup);
    expect(() =>
      db.prepare("INSERT INTO pain_checkins (local_date, context, left_score, created_at) VALUES ('2026-02-30', 'morning', 3, 'now')").run(),
    ).toThrow(/CHECK constraint failed/);
  });
});
