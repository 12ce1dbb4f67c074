/**
 * Migrations: a database made by each released schema version (committed fixtures made by
 * tests/fixtures/make-*.ts) opens under the newest code with every record intact.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStanceDatabase } from '../../src-main/db/open';
import { LATEST_SCHEMA_VERSION, migrations } from '../../src-main/db/migrations';
import { exportData, type StanceExport } from '../../src-main/db/services/export';
import { listRuns } from '../../src-main/db/runs';
import { getRunPain, listCheckins } from '../../src-main/db/pain';
import { listRoutines, listStrengthSessions } from '../../src-main/db/strength';
import { planHistory } from '../../src-main/db/glute-plan';
import { getSettings, readInternal } from '../../src-main/db/settings';
import { readRunTrack } from '../../src-main/import/from-window';
import { listBackups } from '../../src-main/db/backups';
import { tempFolder } from '../support/temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

const fixtures = path.resolve(__dirname, '../fixtures');
const released = [{ version: 1, file: 'schema-v1.sqlite', expected: 'schema-v1.expected.json' }];

async function openCopy(fixture: string, migrationList = migrations) {
  const { folder, cleanup } = tempFolder();
  cleanups.push(cleanup);
  const file = path.join(folder, 'stance.sqlite');
  fs.copyFileSync(path.join(fixtures, fixture), file);
  const db = await openStanceDatabase(file, { backupsFolder: path.join(folder, 'backups'), migrations: migrationList });
  cleanups.unshift(() => db.open && db.close());
  return { db, folder };
}

/** Each expected row must be there with the same values (a later schema may add columns). */
function expectRecordsIntact(actual: StanceExport, expected: StanceExport) {
  for (const [table, rows] of Object.entries(expected.tables)) {
    const have = actual.tables[table as keyof StanceExport['tables']];
    expect(have, table).toHaveLength(rows.length);
    rows.forEach((row, index) => expect(have[index], `${table} record ${index + 1}`).toMatchObject(row));
  }
}

describe.each(released)('a database made by schema v$version', ({ version, file, expected }) => {
  const expectedExport = JSON.parse(fs.readFileSync(path.join(fixtures, expected), 'utf8')) as StanceExport;

  it('is a real fixture of that version, with records of every kind', () => {
    expect(expectedExport.schemaVersion).toBe(version);
    for (const rows of Object.values(expectedExport.tables)) expect(rows.length).toBeGreaterThan(0);
  });

  it(`opens under the newest code (schema ${LATEST_SCHEMA_VERSION}) with every record intact`, async () => {
    const { db, folder } = await openCopy(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expectRecordsIntact(exportData(db, new Date()), expectedExport);
    if (version < LATEST_SCHEMA_VERSION) expect(listBackups(path.join(folder, 'backups')).map((b) => b.kind)).toEqual(['before-migration']);

    // And the app reads them as a runner would see them.
    expect(getSettings(db)).toEqual({ units: 'km', weekStartsOn: 0, theme: 'system', loadUnit: 'kg', mainComplaint: { location: 'lateral_knee', side: 'either' } });
    expect(readInternal(db, 'window')).toMatchObject({ width: 1000 });
    const runs = listRuns(db, {});
    expect(runs).toHaveLength(3);
    const gpxRun = runs.find((run) => run.hasTrack)!;
    const track = readRunTrack(db, gpxRun.id)!;
    expect(track.trackName).toBe('Tempo <fast> & "hard"');
    expect(track.pointCount).toBe(240);
    expect(getRunPain(db, runs.find((run) => run.painStatus === 'pain')!.id).sites[0]).toMatchObject({ location: 'lateral_knee', painOnsetMetres: 6400 });
    expect(listCheckins(db, {})).toHaveLength(2);
    expect(listStrengthSessions(db, {})[0]!.exercises.map((entry) => entry.exercise.name)).toEqual(['Clamshell', 'Monster walk', 'Side plank']);
    expect(listRoutines(db).map((routine) => routine.name)).toContain('My Tuesday hips');
    expect(planHistory(db).map((plan) => plan.kind)).toEqual(['per_week', 'every_n_days']);
  });

  it('goes through a future migration too, after a verified backup, with every record intact', async () => {
    const next = [...migrations, { version: LATEST_SCHEMA_VERSION + 1, name: 'rehearsal', sql: 'ALTER TABLE runs ADD COLUMN cadence REAL;' }];
    const { db, folder } = await openCopy(file, next);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION + 1);
    expectRecordsIntact(exportData(db, new Date()), expectedExport);
    expect(listBackups(path.join(folder, 'backups')).map((b) => b.kind)).toEqual(['before-migration']);
  });
});

describe('migration 8: analysis periods become the runner’s data', () => {
  it('moves the period starts kept in the internal setting into analysis_periods, which the export carries', async () => {
    const { db: old, folder } = await openCopy('schema-v1.sqlite', migrations.filter((migration) => migration.version <= 7));
    expect(old.pragma('user_version', { simple: true })).toBe(7);
    old.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('internal.insights.periodStarts', JSON.stringify(['2025-06-01', 'not a date', 7, '2024-03-02']));
    old.close();
    const db = await openStanceDatabase(path.join(folder, 'stance.sqlite'), { backupsFolder: path.join(folder, 'backups') });
    cleanups.unshift(() => db.open && db.close());
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT starts_on FROM analysis_periods ORDER BY starts_on').pluck().all()).toEqual(['2024-03-02', '2025-06-01']);
    expect(readInternal(db, 'insights.periodStarts')).toBeUndefined();
    expect(exportData(db, new Date()).tables.analysis_periods.map((row) => row.starts_on)).toEqual(['2024-03-02', '2025-06-01']);
  });
});
