import { afterEach, describe, expect, it } from 'vitest';
import { addExercise, listExercises } from '../../src-main/db/exercises';
import { addRecovery, deleteRecovery, listRecovery } from '../../src-main/db/recovery';
import {
  addStrengthSession,
  deleteStrengthSession,
  lastStrengthSession,
  listRoutines,
  listStrengthSessions,
  saveRoutineFromSession,
  updateStrengthSession,
} from '../../src-main/db/strength';
import { gluteSessionDates } from '../../src-main/db/glute-plan';
import type { StanceDatabase } from '../../src-main/db/open';
import {
  exerciseAddSchema,
  recoveryDraftSchema,
  routineFromSessionSchema,
  strengthSessionDraftSchema,
  strengthSessionUpdateSchema,
  type StrengthSessionDraft,
} from '../../src-main/shared/contract-strength';
import { StanceError } from '../../src-main/shared/errors';
import { summariseExercise } from '../../src-main/shared/strength';
import { countRows, openTempDatabase } from '../support/temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
/** Midday in London on Saturday 21 November 2026. */
const now = new Date('2026-11-21T12:00:00Z');
const zone = 'Europe/London';

async function freshDatabase(): Promise<StanceDatabase> {
  const { db, cleanup } = await openTempDatabase();
  cleanups.push(cleanup);
  return db;
}

function exerciseId(db: StanceDatabase, name: string): number {
  return (db.prepare('SELECT id FROM exercises WHERE name = ?').get(name) as { id: number }).id;
}

/** Three sets each side of a one-legged exercise. */
function perSideSets(amount: number, sets = 3) {
  return Array.from({ length: sets }, (_, index) => [
    { setNumber: index + 1, side: 'left' as const, amount },
    { setNumber: index + 1, side: 'right' as const, amount },
  ]).flat();
}

function session(db: StanceDatabase, overrides: Partial<StrengthSessionDraft> = {}) {
  return strengthSessionDraftSchema.parse({
    localDate: '2026-11-20',
    durationSeconds: 25 * 60,
    rpe: 6,
    notes: 'After an easy 5k',
    exercises: [
      { exerciseId: exerciseId(db, 'Clamshell'), band: 'light', sets: perSideSets(20) },
      { exerciseId: exerciseId(db, 'Glute bridge'), sets: [1, 2, 3].map((setNumber) => ({ setNumber, amount: 15, loadKg: 20 })) },
    ],
    ...overrides,
  });
}

function everyRowCount(db: StanceDatabase) {
  return ['strength_sessions', 'session_exercises', 'exercise_sets', 'routines', 'routine_exercises', 'recovery_entries', 'exercises'].map(
    (table) => `${table}: ${countRows(db, table)}`,
  );
}

describe('logging a strength session', () => {
  it('keeps each set of a one-legged exercise per side, and reads it back whole', async () => {
    const db = await freshDatabase();
    const saved = addStrengthSession(db, session(db), now, zone);
    expect(saved).toMatchObject({ localDate: '2026-11-20', durationSeconds: 1500, rpe: 6, notes: 'After an easy 5k', countsAsGluteWork: true });
    const [clamshell, bridge] = saved.exercises;
    expect(clamshell!.exercise).toMatchObject({ name: 'Clamshell', perSide: true, category: 'glute_hip' });
    expect(clamshell!.band).toBe('light');
    expect(clamshell!.sets.map((set) => `${set.setNumber}${set.side[0]}:${set.amount}`)).toEqual(['1l:20', '1r:20', '2l:20', '2r:20', '3l:20', '3r:20']);
    expect(bridge!.sets).toEqual([1, 2, 3].map((setNumber) => ({ setNumber, side: 'both', amount: 15, loadKg: 20 })));
    expect(summariseExercise(clamshell!)).toBe('Clamshell 3×20 each side · light band');
    expect(summariseExercise(bridge!)).toBe('Glute bridge 3×15 · 20 kg');
    expect(countRows(db, 'exercise_sets')).toBe(9);
  });

  it('stores held exercises in seconds, and says so in the summary', async () => {
    const db = await freshDatabase();
    const saved = addStrengthSession(
      db,
      session(db, { exercises: [{ exerciseId: exerciseId(db, 'Side plank'), sets: [{ setNumber: 1, side: 'left', amount: 30 }, { setNumber: 1, side: 'right', amount: 25 }] }] }),
      now,
      zone,
    );
    expect(db.prepare('SELECT reps, seconds FROM exercise_sets ORDER BY side').all()).toEqual([
      { reps: null, seconds: 30 },
      { reps: null, seconds: 25 },
    ]);
    expect(summariseExercise(saved.exercises[0]!)).toBe('Side plank left 1×30 s, right 1×25 s');
    expect(saved.countsAsGluteWork).toBe(false);
  });

  it('writes nothing when the third exercise is not in the library (one transaction)', async () => {
    const db = await freshDatabase();
    const before = everyRowCount(db);
    const draft = session(db);
    draft.exercises.push({ exerciseId: 9999, band: null, effort: null, notes: '', sets: [{ setNumber: 1, side: 'both', amount: 10, loadKg: null }] });
    const attempt = () => addStrengthSession(db, draft, now, zone);
    expect(attempt).toThrow(StanceError);
    expect(attempt).toThrow('Exercise 3 of the session is no longer in your library.');
    expect(everyRowCount(db)).toEqual(before);
  });

  it('refuses a one-legged set with no side, naming the exercise and the set', async () => {
    const db = await freshDatabase();
    const draft = session(db, { exercises: [{ exerciseId: exerciseId(db, 'Step-up'), sets: [{ setNumber: 1, amount: 12 }] }] });
    try {
      addStrengthSession(db, draft, now, zone);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(StanceError);
      expect((error as StanceError).message).toMatch(/^Step-up is done one leg at a time/);
      expect((error as StanceError).field).toBe('exercises.0.sets.0.side');
    }
    expect(countRows(db, 'strength_sessions')).toBe(0);
  });

  it('refuses a date after tomorrow on the runner’s calendar, but takes tomorrow', async () => {
    const db = await freshDatabase();
    expect(() => addStrengthSession(db, session(db, { localDate: '2026-11-23' }), now, zone)).toThrow('That date is in the future.');
    expect(countRows(db, 'strength_sessions')).toBe(0);
    // 23:30 on the 21st in New York is already the 22nd in London: "tomorrow" follows the runner's zone.
    const lateEvening = new Date('2026-11-22T04:30:00Z');
    expect(addStrengthSession(db, session(db, { localDate: '2026-11-22' }), lateEvening, 'America/New_York').localDate).toBe('2026-11-22');
    expect(() => addStrengthSession(db, session(db, { localDate: '2026-11-23' }), lateEvening, 'America/New_York')).toThrow(StanceError);
  });

  it('refuses zero reps at the door, with a message for the runner', () => {
    const result = strengthSessionDraftSchema.safeParse({
      localDate: '2026-11-20',
      exercises: [{ exerciseId: 1, sets: [{ setNumber: 1, amount: 0 }] }],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('A set needs at least 1 rep (or 1 second). Fix the number or remove the set.');
    expect(result.error?.issues[0]?.path).toEqual(['exercises', 0, 'sets', 0, 'amount']);
  });

  it('replaces a session whole on edit, and a failed edit leaves the old one as it was', async () => {
    const db = await freshDatabase();
    const saved = addStrengthSession(db, session(db), now, zone);
    const edited = updateStrengthSession(
      db,
      strengthSessionUpdateSchema.parse({
        id: saved.id,
        localDate: '2026-11-19',
        rpe: 7,
        exercises: [{ exerciseId: exerciseId(db, 'Hip hike'), sets: perSideSets(12, 2) }],
      }),
      now,
      zone,
    );
    expect(edited).toMatchObject({ id: saved.id, localDate: '2026-11-19', rpe: 7, durationSeconds: null, notes: '' });
    expect(edited.exercises.map((entry) => summariseExercise(entry))).toEqual(['Hip hike 2×12 each side']);
    expect(countRows(db, 'session_exercises')).toBe(1);
    expect(countRows(db, 'exercise_sets')).toBe(4);

    const broken = strengthSessionUpdateSchema.parse({
      id: saved.id,
      localDate: '2026-11-18',
      exercises: [
        { exerciseId: exerciseId(db, 'Glute bridge'), sets: [{ setNumber: 1, amount: 10 }] },
        { exerciseId: exerciseId(db, 'Clamshell'), sets: [{ setNumber: 1, side: 'left', amount: 10 }] },
        { exerciseId: 4242, sets: [{ setNumber: 1, amount: 10 }] },
      ],
    });
    expect(() => updateStrengthSession(db, broken, now, zone)).toThrow(StanceError);
    expect(listStrengthSessions(db, {})).toEqual([edited]);
  });

  it('deletes a session with its exercises and sets', async () => {
    const db = await freshDatabase();
    const kept = addStrengthSession(db, session(db, { localDate: '2026-11-18' }), now, zone);
    const gone = addStrengthSession(db, session(db), now, zone);
    expect(deleteStrengthSession(db, gone.id)).toEqual({ deleted: gone.id });
    expect(countRows(db, 'strength_sessions')).toBe(1);
    expect(countRows(db, 'session_exercises')).toBe(2);
    expect(countRows(db, 'exercise_sets')).toBe(9);
    expect(listStrengthSessions(db, {}).map((entry) => entry.id)).toEqual([kept.id]);
    expect(() => deleteStrengthSession(db, gone.id)).toThrow('That session no longer exists.');
  });

  it('lists newest first, within a date range', async () => {
    const db = await freshDatabase();
    for (const localDate of ['2026-11-02', '2026-11-16', '2026-11-09']) addStrengthSession(db, session(db, { localDate }), now, zone);
    expect(listStrengthSessions(db, {}).map((entry) => entry.localDate)).toEqual(['2026-11-16', '2026-11-09', '2026-11-02']);
    expect(listStrengthSessions(db, { fromDate: '2026-11-05', toDate: '2026-11-10' }).map((entry) => entry.localDate)).toEqual(['2026-11-09']);
  });
});

describe('repeating the last session', () => {
  it('finds the latest session by date, not the last one typed in', async () => {
    const db = await freshDatabase();
    expect(lastStrengthSession(db)).toBeNull();
    const latest = addStrengthSession(db, session(db, { localDate: '2026-11-20' }), now, zone);
    addStrengthSession(db, session(db, { localDate: '2026-11-12', exercises: [{ exerciseId: exerciseId(db, 'Calf raise'), sets: perSideSets(15) }] }), now, zone);
    expect(lastStrengthSession(db)).toEqual(latest);
  });
});

describe('routines', () => {
  it('starts with the two starter routines, each with its exercises in order', async () => {
    const db = await freshDatabase();
    const routines = listRoutines(db);
    expect(routines.map((routine) => routine.name)).toEqual(['Pre-run glute activation', 'Hip strength session']);
    expect(routines[0]!.exercises.map((entry) => `${entry.exercise.name} ${entry.sets}×${entry.amount}${entry.band ? ` ${entry.band}` : ''}`)).toEqual([
      'Glute bridge 2×15',
      'Clamshell 2×15 light',
      'Lateral band walk 2×15 light',
    ]);
    expect(routines.every((routine) => routine.builtIn)).toBe(true);
  });

  it('saves a session as a routine: sets, first-set amount and band, and loads it back', async () => {
    const db = await freshDatabase();
    const saved = addStrengthSession(db, session(db), now, zone);
    const routine = saveRoutineFromSession(db, routineFromSessionSchema.parse({ sessionId: saved.id, name: 'Tuesday hips' }));
    expect(routine).toMatchObject({ name: 'Tuesday hips', builtIn: false, purpose: '' });
    expect(routine.exercises.map((entry) => [entry.exercise.name, entry.sets, entry.amount, entry.band])).toEqual([
      ['Clamshell', 3, 20, 'light'],
      ['Glute bridge', 3, 15, null],
    ]);
    expect(listRoutines(db).map((entry) => entry.name)).toEqual(['Pre-run glute activation', 'Hip strength session', 'Tuesday hips']);
    expect(() => saveRoutineFromSession(db, routineFromSessionSchema.parse({ sessionId: saved.id, name: 'tuesday HIPS' }))).toThrow(
      'You already have a routine called "Tuesday hips". Give this one another name.',
    );
    expect(countRows(db, 'routines')).toBe(3);
  });
});

describe('the exercise library', () => {
  it('holds the literature’s glute and hip work, foot work and core, each with a cue', async () => {
    const db = await freshDatabase();
    const library = listExercises(db);
    expect(library.filter((exercise) => exercise.category === 'glute_hip').map((exercise) => exercise.name)).toEqual(
      expect.arrayContaining(['Glute bridge', 'Lateral band walk', 'Banded single-leg squat (3/4 depth)', 'Clamshell', 'Side-lying leg raise', 'Single-leg deadlift', 'Step-up', 'Hip hike']),
    );
    expect(library.some((exercise) => exercise.category === 'foot')).toBe(true);
    expect(library.every((exercise) => exercise.cue.length > 0 && exercise.builtIn)).toBe(true);
    expect(library[0]!.category).toBe('glute_hip');
  });

  it('takes the runner’s own exercise, and refuses a name already there in any case', async () => {
    const db = await freshDatabase();
    const added = addExercise(
      db,
      exerciseAddSchema.parse({ name: '  Monster walk ', category: 'glute_hip', measure: 'reps', perSide: false, defaultSets: 2, defaultAmount: 20 }),
    );
    expect(added).toMatchObject({ name: 'Monster walk', category: 'glute_hip', perSide: false, defaultSets: 2, defaultAmount: 20, builtIn: false, cue: '' });
    expect(() =>
      addExercise(db, exerciseAddSchema.parse({ name: 'clamshell', category: 'other', measure: 'reps', perSide: true, defaultSets: 1, defaultAmount: 5 })),
    ).toThrow('"Clamshell" is already in your library. Use it, or give yours another name.');
    expect(listExercises(db).filter((exercise) => !exercise.builtIn)).toEqual([added]);
    const used = addStrengthSession(db, session(db, { exercises: [{ exerciseId: added.id, sets: [{ setNumber: 1, amount: 20 }] }] }), now, zone);
    expect(used.countsAsGluteWork).toBe(true);
  });
});

describe('recovery entries', () => {
  it('are kept apart from strength work and never count as a glute session', async () => {
    const db = await freshDatabase();
    const rolled = addRecovery(db, recoveryDraftSchema.parse({ localDate: '2026-11-20', kind: 'foam_rolling', durationSeconds: 600, notes: 'IT band' }), now, zone);
    addRecovery(db, recoveryDraftSchema.parse({ localDate: '2026-11-21', kind: 'ice_bath' }), now, zone);
    expect(rolled).toMatchObject({ localDate: '2026-11-20', kind: 'foam_rolling', durationSeconds: 600, notes: 'IT band' });
    expect(listRecovery(db, {}).map((entry) => entry.kind)).toEqual(['ice_bath', 'foam_rolling']);
    expect(countRows(db, 'strength_sessions')).toBe(0);
    expect(gluteSessionDates(db)).toEqual([]);
    expect(() => addRecovery(db, recoveryDraftSchema.parse({ localDate: '2027-01-01', kind: 'massage' }), now, zone)).toThrow('That date is in the future.');
    deleteRecovery(db, rolled.id);
    expect(listRecovery(db, {}).map((entry) => entry.kind)).toEqual(['ice_bath']);
  });

  it('a session with only foot or core work is not a glute session either', async () => {
    const db = await freshDatabase();
    addStrengthSession(db, session(db, { exercises: [{ exerciseId: exerciseId(db, 'Towel scrunch'), sets: perSideSets(20, 2) }] }), now, zone);
    addStrengthSession(db, session(db, { localDate: '2026-11-18' }), now, zone);
    expect(gluteSessionDates(db)).toEqual(['2026-11-18']);
  });
});
