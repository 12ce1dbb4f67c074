/**
 * A JSON import is held to the same rules as the window. Each hostile value — the ones that
 * broke parts of the app (a run id near 2^53, a run dated 9999-12-31 or 0001-01-01,
 * `weekStartsOn: "x"`, garbage point streams, `splits_json: null`) and the rest of what a form
 * refuses — is refused with the record named and why, and nothing is written: the database is
 * row for row as it was.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { exportData, type StanceExport } from '../../src-main/db/services/export';
import type { ExportRow } from '../../src-main/db/tables';
import { importStanceExport, parseStanceExport } from '../../src-main/db/services/import-json';
import { columnsOf, describeTable, exportedTables } from '../../src-main/db/tables';
import { addRun } from '../../src-main/db/runs';
import { openTempDatabase } from '../support/temp-db';
import { fillEveryKind, FILL_NOW } from '../support/fill-db';
import { dumpDatabase } from '../support/dump';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

type Table = keyof StanceExport['tables'];
type Change = [label: string, table: Table, change: Partial<ExportRow> | ((row: ExportRow) => unknown), message: RegExp];

const changes: Change[] = [
  ['a run id near 2^53', 'runs', { id: 2 ** 53 - 1 }, /not a record id/],
  ['a run id past 2^31', 'runs', { id: 2 ** 31 }, /not a record id/],
  ['a run dated 9999-12-31', 'runs', { started_at: '9999-12-31T07:00:00Z', local_date: '9999-12-31', local_time: '07:00', time_zone: 'UTC' }, /in the future/],
  ['a run dated 0001-01-01', 'runs', { started_at: '0001-01-01T07:00:00Z', local_date: '0001-01-01', local_time: '07:00', time_zone: 'UTC' }, /not a date on the calendar/],
  ['a run dated 1969-12-31', 'runs', { started_at: '1969-12-31T07:00:00Z', local_date: '1969-12-31', local_time: '07:00', time_zone: 'UTC' }, /before 1970/],
  ['a run whose start is not its local date and time', 'runs', { started_at: '2026-11-01T03:00:00Z' }, /is not 2026-11-01 07:30 in Europe\/London/],
  ['a run of 2,000 km', 'runs', { distance_m: 2_000_000 }, /over 1,000 km/],
  ['a run faster than a world record', 'runs', { duration_s: 60 }, /faster than a world record/],
  ['a run with effort 11', 'runs', { effort: 11 }, /Effort is a whole number from 1 to 10/],
  ['a run on sand', 'runs', { surface: 'sand' }, /Pick road, trail, track or treadmill/],
  ['a run in an unknown time zone', 'runs', { time_zone: 'Mars/Olympus_Mons' }, /time zone is not known/],
  ['a run with pain status "maybe"', 'runs', { pain_status: 'maybe' }, /pain status/],
  ['a run with a moving time longer than it', 'runs', { moving_s: 999_999 }, /moving time/],
  ['a run that is not a record', 'runs', () => 5, /is not a record/],
  ['weekStartsOn "x"', 'settings', (row) => (row.key === 'weekStartsOn' ? { ...row, value: '"x"' } : row), /week starts on Sunday, Monday or Saturday/],
  ['units "furlongs"', 'settings', (row) => (row.key === 'units' ? { ...row, value: '"furlongs"' } : row), /Units are miles \(mi\) or kilometres \(km\)/],
  ['a setting Stance does not know', 'settings', { key: 'favouriteColour', value: '"teal"' }, /setting Stance does not know/],
  ['garbage point streams', 'run_tracks', { streams: Buffer.from('not streams at all').toString('base64') }, /point streams are damaged/],
  ['point streams of another length', 'run_tracks', { point_count: 7 }, /not the 7 it says/],
  ['splits_json null', 'run_tracks', { splits_json: null }, /splits are damaged/],
  ['splits_json "null"', 'run_tracks', { splits_json: 'null' }, /splits are damaged/],
  ['splits with text for numbers', 'run_tracks', { splits_json: '{"km":[{"number":"one"}],"mi":[]}' }, /splits are damaged/],
  ['a track from a .zip format', 'run_tracks', { source_format: 'zip' }, /file format is not one Stance reads/],
  ['a feel from the watch of "meh"', 'run_tracks', { watch_feel: 'meh' }, /feel from the watch/],
  ['a has_route of 2', 'run_tracks', { has_route: 2 }, /has_route is not 0 or 1/],
  ['an effort from the watch of 3', 'runs', { effort_from_watch: 3 }, /effort_from_watch is not 0 or 1/],
  ['an original file that is not gzip', 'run_tracks', { original_gzip: Buffer.from('plain text, not gzip at all').toString('base64') }, /not gzip/],
  ['a pain score of 11', 'run_pain', { worst_score: 11 }, /score is from 0/],
  ['pain in the ankle', 'run_pain', { location: 'ankle' }, /Say where it hurt/],
  ['a check-in dated 9999-12-31', 'pain_checkins', { local_date: '9999-12-31' }, /in the future/],
  ['a check-in while flying', 'pain_checkins', { context: 'flying' }, /./],
  ['a check-in with no score', 'pain_checkins', { left_score: null, right_score: null }, /./],
  ['a set of 0 reps', 'exercise_sets', { reps: 0 }, /at least 1 rep/],
  ['a set on the middle side', 'exercise_sets', { side: 'middle' }, /Say which side/],
  ['a session of RPE 12', 'strength_sessions', { rpe: 12 }, /RPE/],
  ['a session dated 2099-01-01', 'strength_sessions', { local_date: '2099-01-01' }, /in the future/],
  ['a glute plan of "daily"', 'glute_plans', { kind: 'daily' }, /times a week/],
  ['a plan of 99 sessions a week', 'glute_plans', { sessions_per_week: 99 }, /from 1 to 14/],
  ['recovery in a sauna', 'recovery_entries', { kind: 'sauna' }, /foam rolling/],
  ['a shoe with no name', 'shoes', { name: '   ' }, /Give the shoes a name/],
  ['an exercise measured in laps', 'exercises', { measure: 'laps' }, /reps or seconds/],
  ['a created-at that is not a time', 'shoes', { created_at: 'yesterday' }, /not a UTC time/],
];

async function setUp() {
  const source = await openTempDatabase();
  cleanups.push(source.cleanup);
  await fillEveryKind(source.db);
  const good = exportData(source.db, FILL_NOW);
  const target = await openTempDatabase();
  cleanups.push(target.cleanup);
  addRun(target.db, { localDate: '2026-10-01', localTime: '06:00', timeZone: 'UTC', distanceMetres: 5000, durationSeconds: 1800, effort: null, surface: null, shoeId: null, notes: 'mine' }, FILL_NOW);
  return { good, target };
}

describe('a hostile value in a JSON import', () => {
  it.each(changes)('%s: refused, naming the record, and nothing written', async (_label, table, change, message) => {
    const { good, target } = await setUp();
    const rows = good.tables[table] as unknown[];
    expect(rows.length, `the fixture has no ${table}`).toBeGreaterThan(0);
    const index = table === 'settings' ? rows.length - 1 : 0;
    const mangled = JSON.parse(JSON.stringify(good)) as { tables: Record<string, unknown[]> };
    mangled.tables[table] = rows.map((row, k) =>
      typeof change === 'function' ? change(row as ExportRow) : k === index ? { ...(row as ExportRow), ...change } : row,
    );
    const before = dumpDatabase(target.db);
    let refusal: Error | undefined;
    try {
      importStanceExport(target.db, { bytes: JSON.stringify(mangled) }, FILL_NOW);
    } catch (error) {
      refusal = error as Error;
    }
    expect(refusal, 'the import was accepted').toBeDefined();
    expect(refusal!.message).toMatch(new RegExp(`Record \\d+ of ${table} in the file`));
    expect(refusal!.message).toMatch(message);
    expect(refusal!.message).toMatch(/Nothing was imported\.$/);
    expect(dumpDatabase(target.db)).toBe(before);
  });

  it('the same file without the hostile value is imported (the fixture itself is good)', async () => {
    const { good, target } = await setUp();
    const summary = importStanceExport(target.db, parseStanceExport(JSON.stringify(good)), FILL_NOW);
    expect(summary.added.runs).toBe(3);
  });
});

describe('an export from before migration 004 (no recording-source columns)', () => {
  it('is imported; its tracks read as GPX with a route and its efforts as typed', async () => {
    const { good, target } = await setUp();
    const older = JSON.parse(JSON.stringify(good)) as { tables: Record<string, ExportRow[]> };
    const gone = ['source_format', 'device_name', 'sport', 'sub_sport', 'archive_entry', 'watch_feel', 'has_route'];
    older.tables.run_tracks = older.tables.run_tracks!.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => !gone.includes(column))));
    older.tables.runs = older.tables.runs!.map((row) => Object.fromEntries(Object.entries(row).filter(([column]) => column !== 'effort_from_watch')));
    expect(older.tables.run_tracks!.length).toBeGreaterThan(0);
    const summary = importStanceExport(target.db, parseStanceExport(JSON.stringify(older)), FILL_NOW);
    expect(summary.added.runs).toBe(3);
    expect(target.db.prepare('SELECT source_format, has_route FROM run_tracks').all()).toEqual(older.tables.run_tracks!.map(() => ({ source_format: null, has_route: null })));
    expect(target.db.prepare('SELECT count(*) AS n FROM runs WHERE effort_from_watch = 1').get()).toEqual({ n: 0 });
  });
});

describe('the rules', () => {
  it('name every column of every exported table (a new column must get a rule)', async () => {
    const { db, cleanup } = await openTempDatabase();
    cleanups.push(cleanup);
    for (const table of exportedTables) {
      const unruled = columnsOf(db, table)
        .map((column) => column.name)
        .filter((column) => !describeTable(table).columns.includes(column));
      expect(unruled, `columns of ${table} without a rule`).toEqual([]);
    }
  });
});
