/**
 * Records of every kind, written through the app's own repositories: shoes, runs (by hand and
 * from GPX), pain records, check-ins, exercises, strength sessions, routines, recovery, glute
 * plans and settings. Used by the backup, export and migration tests.
 */
import type { StanceDatabase } from '../../src-main/db/open';
import { addShoe } from '../../src-main/db/shoes';
import { addRun } from '../../src-main/db/runs';
import { addCheckin, setRunPain } from '../../src-main/db/pain';
import { addExercise } from '../../src-main/db/exercises';
import { addStrengthSession, saveRoutineFromSession } from '../../src-main/db/strength';
import { addRecovery } from '../../src-main/db/recovery';
import { setPlan } from '../../src-main/db/glute-plan';
import { updateSettings } from '../../src-main/db/settings';
import { importGpxFile } from '../../src-main/import/importer';
import { saveOstrcWeek, setRunFollowup } from '../../src-main/db/clinic-checkins';
import { gpxText } from './gpx-text';

export const FILL_NOW = new Date('2026-11-21T12:00:00Z');

export async function fillEveryKind(db: StanceDatabase, options: { gpxSeconds?: number } = {}): Promise<void> {
  const now = FILL_NOW;
  const zone = 'Europe/London';
  updateSettings(db, { units: 'km', weekStartsOn: 0 });
  const shoe = addShoe(db, { name: 'Ghost 16 (blue)' }, now);
  const run = addRun(
    db,
    { localDate: '2026-11-01', localTime: '07:30', timeZone: zone, distanceMetres: 10_000, durationSeconds: 3_000, effort: 6, surface: 'road', shoeId: shoe.id, notes: 'Windy, "felt" it at 5k' },
    now,
  );
  addRun(db, { localDate: '2026-11-03', localTime: '18:05', timeZone: 'America/New_York', distanceMetres: 5_000, durationSeconds: 1_600, effort: null, surface: null, shoeId: null, notes: '' }, now);
  setRunPain(
    db,
    { runId: run.id, status: 'pain', sites: [{ painOnsetMetres: 6_400, location: 'lateral_knee', side: 'left', worstScore: 5, action: 'slowed', notes: '=SUM(A1) not a formula' }] },
    now,
  );
  const outcome = await importGpxFile(db, { fileName: 'tempo.gpx', source: Buffer.from(gpxText({ seconds: options.gpxSeconds ?? 300, name: 'Tempo <fast> & "hard"' })), timeZone: zone }, now);
  if (outcome.status !== 'imported') throw new Error(`fixture GPX not imported: ${JSON.stringify(outcome)}`);
  setRunPain(db, { runId: outcome.runId, status: 'none', sites: [] }, now);
  addCheckin(db, { localDate: '2026-11-02', context: 'stairs', leftScore: 3, rightScore: null, notes: 'going down' }, { now, timeZone: zone });
  addCheckin(db, { localDate: '2026-11-02', context: 'morning', leftScore: 1, rightScore: 0, notes: '' }, { now, timeZone: zone });
  const own = addExercise(db, { name: 'Monster walk', category: 'glute_hip', measure: 'reps', perSide: false, defaultSets: 3, defaultAmount: 20, cue: 'stay low' });
  const session = addStrengthSession(
    db,
    {
      localDate: '2026-11-02',
      durationSeconds: 1_800,
      rpe: 7,
      notes: 'hips',
      exercises: [
        { exerciseId: 5, band: 'green', effort: 6, notes: '', sets: [{ setNumber: 1, side: 'left', amount: 20, loadKg: null }, { setNumber: 1, side: 'right', amount: 18, loadKg: null }] },
        { exerciseId: own.id, band: null, effort: null, notes: 'new one', sets: [{ setNumber: 1, side: 'both', amount: 20, loadKg: 2.5 }] },
        { exerciseId: 10, band: null, effort: null, notes: '', sets: [{ setNumber: 1, side: 'left', amount: 30, loadKg: null }, { setNumber: 1, side: 'right', amount: 30, loadKg: null }] },
      ],
    },
    now,
    zone,
  );
  saveRoutineFromSession(db, { sessionId: session.id, name: 'My Tuesday hips', purpose: 'the usual' });
  addRecovery(db, { localDate: '2026-11-04', kind: 'foam_rolling', durationSeconds: 600, notes: 'ITB' }, now, zone);
  setPlan(db, { effectiveFrom: '2026-10-01', kind: 'per_week', sessionsPerWeek: 3, everyNDays: null }, now);
  setPlan(db, { effectiveFrom: '2026-11-10', kind: 'every_n_days', sessionsPerWeek: null, everyNDays: 2 }, now);
  // Schema 5 on: the weekly knee questionnaire and a painful run's follow-up (the schema-v1 fixture predates them).
  if (db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'ostrc_weeks'").get()) {
    setRunFollowup(db, { runId: run.id, afterScore: 4, nextMorningScore: 3 }, { now, timeZone: zone });
    saveOstrcWeek(db, { weekStart: '2026-11-01', q1: 17, q2: 17, q3: 8, q4: 17 }, { now, timeZone: zone });
    saveOstrcWeek(db, { weekStart: '2026-11-08', q1: 0, q2: null, q3: null, q4: null }, { now, timeZone: zone });
  }
  // Schema 8 on: a second Insights analysis started (stored as the window's startAnalysisPeriod stores it;
  // the window allows it only after a verdict, which this small history never reaches).
  if (db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'analysis_periods'").get()) {
    db.prepare("INSERT INTO analysis_periods (starts_on, created_at) VALUES ('2026-11-05', '2026-11-21T12:00:00Z')").run();
  }
}
