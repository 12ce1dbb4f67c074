/**
 * Export → import: generated data of every kind (fast-check) comes back equal, ids included,
 * from an import into an empty database; an import into the same database recognises every
 * record and adds none; a refused file changes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { StanceDatabase } from '../../src-main/db/open';
import { exportData, writeJsonExport } from '../../src-main/db/services/export';
import { csvCell, writeCsvExport } from '../../src-main/db/services/csv';
import { importStanceExport, parseStanceExport } from '../../src-main/db/services/import-json';
import { addShoe } from '../../src-main/db/shoes';
import { addRun } from '../../src-main/db/runs';
import { addCheckin, setRunPain } from '../../src-main/db/pain';
import { addExercise } from '../../src-main/db/exercises';
import { addStrengthSession } from '../../src-main/db/strength';
import { addRecovery } from '../../src-main/db/recovery';
import { setPlan } from '../../src-main/db/glute-plan';
import { updateSettings } from '../../src-main/db/settings';
import { LATEST_SCHEMA_VERSION } from '../../src-main/db/migrations';
import { importGpxFile } from '../../src-main/import/importer';
import { openTempDatabase } from '../support/temp-db';
import { fillEveryKind, FILL_NOW } from '../support/fill-db';
import { gpxText } from '../support/gpx-text';
import { proofCount } from '../support/proofs';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

async function fresh(): Promise<{ db: StanceDatabase; folder: string }> {
  const temp = await openTempDatabase();
  cleanups.push(temp.cleanup);
  return temp;
}

const now = FILL_NOW;
const zones = ['Europe/London', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'];
const tables = (db: StanceDatabase) => exportData(db, now).tables;

const text = (max: number) => fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '"', ',', '\n', '=', 'é', '😀', '<', '\\', "'"), maxLength: max });
const date = fc.date({ min: new Date('1995-01-01T00:00:00Z'), max: new Date('2026-11-20T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const clock = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

const runDraft = fc.record({
  localDate: date,
  localTime: clock,
  timeZone: fc.constantFrom(...zones),
  distanceMetres: fc.double({ min: 100, max: 100_000, noNaN: true }),
  minutesPerKm: fc.double({ min: 3, max: 15, noNaN: true }),
  effort: fc.option(fc.integer({ min: 1, max: 10 })),
  surface: fc.option(fc.constantFrom('road', 'trail', 'track', 'treadmill' as const)),
  notes: text(40),
  shoe: fc.option(fc.nat(5)),
  pain: fc.option(
    fc.record({
      fraction: fc.double({ min: 0, max: 1, noNaN: true }),
      location: fc.constantFrom('lateral_knee', 'front_knee', 'hip', 'other' as const),
      side: fc.constantFrom('left', 'right', 'both' as const),
      worstScore: fc.integer({ min: 0, max: 10 }),
      action: fc.constantFrom('kept_going', 'slowed', 'walked', 'stopped' as const),
      notes: text(20),
    }),
  ),
});

const history = fc.record({
  units: fc.option(fc.constantFrom('mi', 'km' as const)),
  shoes: fc.uniqueArray(text(20).map((name) => `Shoe ${name.trim()}`), { maxLength: 4, comparator: (a, b) => a.toLowerCase() === b.toLowerCase() }),
  runs: fc.array(runDraft, { maxLength: 8 }),
  gpxRuns: fc.array(fc.record({ seconds: fc.integer({ min: 60, max: 240 }), seed: fc.nat(1000), name: fc.option(text(20)) }), { maxLength: 2 }),
  deleteSomeRuns: fc.array(fc.nat(10), { maxLength: 2 }),
  checkins: fc.array(
    fc.record({
      localDate: date,
      context: fc.constantFrom('general', 'morning', 'stairs', 'sitting', 'walking', 'after_run' as const),
      leftScore: fc.option(fc.integer({ min: 0, max: 10 })),
      rightScore: fc.integer({ min: 0, max: 10 }),
      notes: text(20),
    }),
    { maxLength: 6 },
  ),
  ownExercises: fc.uniqueArray(text(15).map((name) => `Own ${name.trim()}`), { maxLength: 2, comparator: (a, b) => a.toLowerCase() === b.toLowerCase() }),
  sessions: fc.array(
    fc.record({
      localDate: date,
      rpe: fc.option(fc.integer({ min: 1, max: 10 })),
      notes: text(20),
      exercises: fc.array(
        fc.record({ pick: fc.nat(30), band: fc.option(fc.constantFrom('light', 'green', 'heavy')), sets: fc.integer({ min: 1, max: 3 }), amount: fc.integer({ min: 1, max: 60 }), loadKg: fc.option(fc.double({ min: 0, max: 100, noNaN: true })) }),
        { minLength: 1, maxLength: 3 },
      ),
    }),
    { maxLength: 4 },
  ),
  recovery: fc.array(fc.record({ localDate: date, kind: fc.constantFrom('foam_rolling', 'stretching', 'massage', 'ice_bath', 'other' as const), durationSeconds: fc.option(fc.integer({ min: 1, max: 86_400 })), notes: text(20) }), { maxLength: 3 }),
  plans: fc.uniqueArray(fc.record({ effectiveFrom: date, perWeek: fc.option(fc.integer({ min: 1, max: 14 })), everyN: fc.integer({ min: 1, max: 30 }) }), { maxLength: 3, selector: (plan) => plan.effectiveFrom }),
});
type History = typeof history extends fc.Arbitrary<infer T> ? T : never;

/** Writes a generated history through the app's own repositories. */
async function write(db: StanceDatabase, h: History): Promise<void> {
  const zone = 'Europe/London';
  if (h.units) updateSettings(db, { units: h.units });
  const shoeIds = h.shoes.map((name) => addShoe(db, { name }, now).id);
  const runIds: number[] = [];
  for (const run of h.runs) {
    const durationSeconds = Math.max(1, (run.distanceMetres / 1000) * run.minutesPerKm * 60);
    const shoeId = run.shoe !== null && shoeIds.length > 0 ? shoeIds[run.shoe % shoeIds.length]! : null;
    const added = addRun(db, { localDate: run.localDate, localTime: run.localTime, timeZone: run.timeZone, distanceMetres: run.distanceMetres, durationSeconds, effort: run.effort, surface: run.surface, shoeId, notes: run.notes }, now);
    runIds.push(added.id);
    if (run.pain) {
      const { fraction, ...site } = run.pain;
      setRunPain(db, { runId: added.id, status: 'pain', sites: [{ ...site, painOnsetMetres: fraction * run.distanceMetres }] }, now);
    }
  }
  for (const [index, gpx] of h.gpxRuns.entries()) {
    const start = new Date(Date.UTC(2020, 0, 1 + index * 40 + (gpx.seed % 30), 7)).toISOString().replace('.000Z', 'Z');
    await importGpxFile(db, { fileName: `run-${index}.gpx`, source: Buffer.from(gpxText({ seconds: gpx.seconds, seed: gpx.seed + 1, start, ...(gpx.name !== null ? { name: gpx.name } : {}) })), timeZone: zone }, now);
  }
  for (const pick of h.deleteSomeRuns) if (runIds.length > 0) db.prepare('DELETE FROM runs WHERE id = ?').run(runIds[pick % runIds.length]);
  for (const checkin of h.checkins) addCheckin(db, checkin, { now, timeZone: zone });
  const exerciseIds = [...Array.from({ length: 13 }, (_, k) => k + 1), ...h.ownExercises.map((name, k) => addExercise(db, { name, category: k % 2 ? 'core' : 'glute_hip', measure: k % 2 ? 'seconds' : 'reps', perSide: k % 2 === 1, defaultSets: 3, defaultAmount: 10, cue: '' }).id)];
  for (const session of h.sessions) {
    const exercises = session.exercises.map((entry) => {
      const id = exerciseIds[entry.pick % exerciseIds.length]!;
      const perSide = (db.prepare('SELECT per_side FROM exercises WHERE id = ?').get(id) as { per_side: number }).per_side === 1;
      const sets = Array.from({ length: entry.sets }, (_, k) => (perSide ? (['left', 'right'] as const).map((side) => ({ setNumber: k + 1, side, amount: entry.amount, loadKg: entry.loadKg })) : [{ setNumber: k + 1, side: 'both' as const, amount: entry.amount, loadKg: entry.loadKg }])).flat();
      return { exerciseId: id, band: entry.band, effort: null, notes: '', sets };
    });
    addStrengthSession(db, { localDate: session.localDate, durationSeconds: null, rpe: session.rpe, notes: session.notes, exercises }, now, zone);
  }
  for (const entry of h.recovery) addRecovery(db, entry, now, zone);
  for (const plan of h.plans) {
    setPlan(db, plan.perWeek !== null ? { effectiveFrom: plan.effectiveFrom, kind: 'per_week', sessionsPerWeek: plan.perWeek, everyNDays: null } : { effectiveFrom: plan.effectiveFrom, kind: 'every_n_days', sessionsPerWeek: null, everyNDays: plan.everyN }, now);
  }
}

describe('export → import round trip (property-based)', () => {
  it('generated data of every kind comes back equal, and a second import adds nothing', async () => {
    await fc.assert(
      fc.asyncProperty(history, async (h) => {
        const source = await fresh();
        await write(source.db, h);
        const exported = exportData(source.db, now);
        // Through the JSON text, as a file would go.
        const file = parseStanceExport(Buffer.from(JSON.stringify(exported)));
        const target = await fresh();
        const first = importStanceExport(target.db, file);
        expect(tables(target.db)).toEqual(exported.tables);
        expect(target.db.pragma('foreign_key_check')).toEqual([]);
        const second = importStanceExport(target.db, file);
        expect(Object.values(second.added).every((count) => count === 0)).toBe(true);
        expect(tables(target.db)).toEqual(exported.tables);
        expect(first.added.runs).toBe(exported.tables.runs.length);
        cleanups.splice(0).forEach((cleanup) => cleanup());
      }),
      { numRuns: proofCount(25, 300), seed: 20261121 },
    );
  }, 600_000);

  it('into a database with its own records: recognised records are not duplicated, new ones are added', async () => {
    await fc.assert(
      fc.asyncProperty(history, history, async (mine, theirs) => {
        const target = await fresh();
        await write(target.db, mine);
        const source = await fresh();
        await write(source.db, theirs);
        const file = parseStanceExport(JSON.stringify(exportData(source.db, now)));
        const before = tables(target.db);
        const summary = importStanceExport(target.db, file);
        const after = tables(target.db);
        for (const table of Object.keys(before) as (keyof typeof before)[]) {
          expect(after[table].length).toBe(before[table].length + summary.added[table]!);
          expect(summary.added[table]! + summary.recognised[table]!).toBe(file.tables[table].length);
        }
        // Every record of the database before is still there, unchanged.
        for (const row of before.runs) expect(after.runs).toContainEqual(row);
        expect(target.db.pragma('foreign_key_check')).toEqual([]);
        const again = importStanceExport(target.db, file);
        expect(Object.values(again.added).every((count) => count === 0)).toBe(true);
        cleanups.splice(0).forEach((cleanup) => cleanup());
      }),
      { numRuns: proofCount(10, 100), seed: 6 },
    );
  }, 600_000);
});

describe('the export files', () => {
  it('JSON: one versioned file with every table, GPX blobs in base64; CSV: one file per table', async () => {
    const { db, folder } = await fresh();
    await fillEveryKind(db);
    db.prepare("INSERT INTO settings (key, value) VALUES ('internal.window', '{}')").run();
    const json = writeJsonExport(db, path.join(folder, 'out', 'export.json'), now);
    const parsed = JSON.parse(fs.readFileSync(json.path, 'utf8'));
    expect(parsed).toMatchObject({ format: 'stance-export', formatVersion: 1, schemaVersion: LATEST_SCHEMA_VERSION, exportedAt: '2026-11-21T12:00:00Z' });
    expect(Object.keys(parsed.tables)).toHaveLength(20);
    const tablesInSchema = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
    expect(Object.keys(parsed.tables).sort()).toEqual(tablesInSchema.sort()); // a new table must be exported too
    const track = parsed.tables.run_tracks[0];
    expect(Buffer.from(track.original_gzip, 'base64').subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(track.track_name).toBe('Tempo <fast> & "hard"');
    expect(parsed.tables.settings.map((row: { key: string }) => row.key)).toEqual(['units', 'weekStartsOn']);

    const csv = writeCsvExport(db, path.join(folder, 'out', 'csv'), now);
    expect(fs.readdirSync(csv.path).sort()).toHaveLength(20);
    const runsCsv = fs.readFileSync(path.join(csv.path, 'runs.csv'), 'utf8').split('\r\n');
    expect(runsCsv[0]).toMatch(/^id,started_at,time_zone,local_date,local_time,distance_m,duration_s,/);
    expect(runsCsv).toHaveLength(3 + 1 + 1); // header, 3 runs, trailing newline
    expect(fs.readFileSync(path.join(csv.path, 'run_tracks.csv'), 'utf8')).not.toMatch(/original_gzip|streams/);
    expect(fs.readFileSync(path.join(csv.path, 'run_pain.csv'), 'utf8')).toContain("'=SUM(A1) not a formula");
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
  });
});

describe('a refused import', () => {
  const cases: [string, (good: Record<string, unknown>) => unknown, RegExp][] = [
    ['not JSON', () => '{"format": "stance-export", "tabl', /not JSON, or it was cut off/],
    ['another JSON file', () => ({ type: 'FeatureCollection' }), /not a Stance export/],
    ['a newer format', (good) => ({ ...good, formatVersion: 2 }), /newer version of Stance/],
    ['a newer schema', (good) => ({ ...good, schemaVersion: 99 }), /newer version of Stance/],
    ['an unknown table', (good) => ({ ...good, tables: { ...(good.tables as object), secrets: [{ password: 'x' }] } }), /table Stance does not know/],
    ['an unknown field', (good) => withRun(good, { password: 'x' }), /field Stance does not know \("password"\)/],
    ['text where a number belongs', (good) => withRun(good, { distance_m: 'far' }), /Record 4 of runs in the file was refused: Give the distance as a number/],
    ['a negative distance', (good) => withRun(good, { distance_m: -1 }), /Record 4 of runs in the file was refused: The distance must be more than zero/],
    ['a reference to nothing', (good) => withRun(good, { shoe_id: 999 }), /refers to a record of shoes \(999\) that the file does not hold/],
    ['a broken blob', (good) => ({ ...good, tables: { ...(good.tables as object), run_tracks: [{ ...((good.tables as { run_tracks: object[] }).run_tracks[0]), streams: '%%%' }] } }), /damaged streams \(not base64\)/],
    ['a duplicate id', (good) => ({ ...good, tables: { ...(good.tables as object), runs: [...runsOf(good), runsOf(good)[0]] } }), /same id/],
  ];
  function runsOf(good: Record<string, unknown>): Record<string, unknown>[] {
    return (good.tables as { runs: Record<string, unknown>[] }).runs;
  }
  function withRun(good: Record<string, unknown>, change: Record<string, unknown>) {
    return { ...good, tables: { ...(good.tables as object), runs: [...runsOf(good), { ...runsOf(good)[0], id: 500, ...change }] } };
  }

  it.each(cases)('%s: a message saying why, and nothing written', async (_label, mangle, message) => {
    const { db } = await fresh();
    await fillEveryKind(db);
    const good = JSON.parse(JSON.stringify(exportData(db, now))) as Record<string, unknown>;
    const target = await fresh();
    await fillEveryKind(target.db);
    target.db.prepare('DELETE FROM runs WHERE id = 1').run();
    const before = tables(target.db);
    const mangled = mangle(good);
    const attempt = () => importStanceExport(target.db, parseStanceExport(typeof mangled === 'string' ? mangled : JSON.stringify(mangled)));
    expect(attempt).toThrow(message);
    expect(attempt).toThrow(/Nothing was imported\.$/);
    expect(tables(target.db)).toEqual(before);
  });
});
