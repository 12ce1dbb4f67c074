/**
 * Every writer of the window goes through its table's rule (issue 23's one door): a record the
 * rule refuses is never stored, whichever writer made it. Each writer is run with its table's
 * rule made to refuse: the writer must refuse in words ("This … cannot be saved: …") and the
 * database must be unchanged, bit for bit. A writer that skips the rule stores its record and
 * fails here. With the rule as it is, the same writes are stored (the writers' own tests).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StanceDatabase } from '../../src-main/db/open';
import { describeTable, RecordProblem, type TableName } from '../../src-main/db/tables';
import { addShoe, updateShoe } from '../../src-main/db/shoes';
import { listRuns } from '../../src-main/db/runs';
import { addCheckin, setRunPain, updateCheckin, listCheckins } from '../../src-main/db/pain';
import { addExercise } from '../../src-main/db/exercises';
import { addStrengthSession, listStrengthSessions, saveRoutineFromSession, updateStrengthSession } from '../../src-main/db/strength';
import { addRecovery } from '../../src-main/db/recovery';
import { setPlan } from '../../src-main/db/glute-plan';
import { updateSettings } from '../../src-main/db/settings';
import { saveOstrcWeek, setRunFollowup } from '../../src-main/db/clinic-checkins';
import { StanceError } from '../../src-main/shared/errors';
import { fillEveryKind, FILL_NOW } from '../support/fill-db';
import { dumpDatabase } from '../support/dump';
import { openTempDatabase } from '../support/temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  cleanups.splice(0).forEach((cleanup) => cleanup());
});

const now = FILL_NOW;
const clock = { now, timeZone: 'Europe/London' };

async function filled(): Promise<StanceDatabase> {
  const { db, cleanup } = await openTempDatabase();
  cleanups.push(cleanup);
  await fillEveryKind(db);
  return db;
}

const sessionDraft = (db: StanceDatabase) => ({
  localDate: '2026-11-06',
  durationSeconds: 900,
  rpe: 5,
  notes: 'door',
  exercises: [{ exerciseId: (db.prepare("SELECT id FROM exercises WHERE name = 'Monster walk'").pluck().get() as number), band: null, effort: null, notes: '', sets: [{ setNumber: 1, side: 'both' as const, amount: 12, loadKg: null }] }],
});

/** Each window writer, the table whose rule it must pass, and the write. */
const writers: { table: TableName; what: string; write: (db: StanceDatabase) => unknown }[] = [
  { table: 'shoes', what: 'adds shoes', write: (db) => addShoe(db, { name: 'Novablast 5' }, now) },
  { table: 'shoes', what: 'renames shoes', write: (db) => updateShoe(db, { id: 1, name: 'Ghost 16 (old)' }, now) },
  { table: 'run_pain', what: 'records a run’s pain', write: (db) => setRunPain(db, { runId: listRuns(db, {})[0]!.id, status: 'pain', sites: [{ painOnsetMetres: 100, location: 'lateral_knee', side: 'right', worstScore: 3, action: 'kept_going', notes: '' }] }, now) },
  { table: 'pain_checkins', what: 'adds a check-in', write: (db) => addCheckin(db, { localDate: '2026-11-05', context: 'morning', leftScore: 2, rightScore: 2, notes: '' }, clock) },
  { table: 'pain_checkins', what: 'changes a check-in', write: (db) => updateCheckin(db, { ...listCheckins(db, {})[0]!, notes: 'changed' }, clock) },
  { table: 'exercises', what: 'adds an exercise', write: (db) => addExercise(db, { name: 'Copenhagen plank', category: 'glute_hip', measure: 'seconds', perSide: true, defaultSets: 2, defaultAmount: 20, cue: '' }, now) },
  { table: 'strength_sessions', what: 'adds a session', write: (db) => addStrengthSession(db, sessionDraft(db), now, clock.timeZone) },
  { table: 'exercise_sets', what: 'adds a session (its sets)', write: (db) => addStrengthSession(db, sessionDraft(db), now, clock.timeZone) },
  { table: 'session_exercises', what: 'changes a session (its exercises)', write: (db) => updateStrengthSession(db, { id: listStrengthSessions(db, {})[0]!.id, ...sessionDraft(db) }, now, clock.timeZone) },
  { table: 'routines', what: 'saves a routine', write: (db) => saveRoutineFromSession(db, { sessionId: listStrengthSessions(db, {})[0]!.id, name: 'Door routine', purpose: '' }, now) },
  { table: 'routine_exercises', what: 'saves a routine (its exercises)', write: (db) => saveRoutineFromSession(db, { sessionId: listStrengthSessions(db, {})[0]!.id, name: 'Door routine', purpose: '' }, now) },
  { table: 'recovery_entries', what: 'adds recovery', write: (db) => addRecovery(db, { localDate: '2026-11-05', kind: 'stretching', durationSeconds: 300, notes: '' }, now, clock.timeZone) },
  { table: 'glute_plans', what: 'sets the glute plan', write: (db) => setPlan(db, { effectiveFrom: '2026-11-15', kind: 'per_week', sessionsPerWeek: 4, everyNDays: null }, now) },
  { table: 'ostrc_weeks', what: 'answers the weekly questionnaire', write: (db) => saveOstrcWeek(db, { weekStart: '2026-11-15', q1: 8, q2: 0, q3: 0, q4: 0 }, clock) },
  { table: 'run_pain_followups', what: 'gives a painful run’s follow-up', write: (db) => setRunFollowup(db, { runId: listRuns(db, {}).find((run) => run.painStatus === 'pain')!.id, afterScore: 2, nextMorningScore: 1 }, clock) },
  { table: 'settings', what: 'changes a setting', write: (db) => updateSettings(db, { units: 'mi' }, now) },
];

describe('every window writer passes its table’s rule', () => {
  it.each(writers)('$what: refused with the rule’s words by $table’s rule, and nothing changes', async ({ table, write }) => {
    const db = await filled();
    // The write works with the rule as it is…
    const probe = await filled();
    expect(() => write(probe)).not.toThrow();
    // …and is refused, changing nothing, when the rule refuses.
    const before = dumpDatabase(db);
    vi.spyOn(describeTable(table), 'check').mockImplementation(() => {
      throw new RecordProblem('the rule refused it in this test');
    });
    let refusal: unknown;
    try {
      write(db);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(StanceError);
    expect((refusal as StanceError).kind).toBe('invalid');
    expect((refusal as StanceError).message).toMatch(/cannot be saved: the rule refused it in this test\.$/);
    expect(dumpDatabase(db)).toBe(before);
  });
});
