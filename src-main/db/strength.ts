/**
 * Strength sessions and routines. A session is saved whole: the session row, its exercises and
 * their sets are written (or replaced) in one transaction, so a refusal part-way through —
 * an exercise no longer in the library, a one-legged set with no side — leaves nothing behind.
 *
 * A session counts as glute work when one of its exercises is in the 'glute_hip' category;
 * db/glute-plan.ts and the Today page rely on exactly that.
 */
import type { StanceDatabase } from './open';
import type {
  DateRange,
  ValidRoutineFromSession,
  ValidStrengthSessionDraft,
  ValidStrengthSessionUpdate,
} from '../shared/contract-strength';
import { MAX_REPS } from '../shared/contract-strength';
import { StanceError } from '../shared/errors';
import type { Exercise, ExerciseRef, ExerciseSet, Routine, SessionExercise, StrengthSession } from '../shared/strength';
import { findExercise } from './exercises';
import { refuseUnlikelyDate } from './tables/rules';
import { databaseSessionSignature } from './tables/strength-sessions';
import { inWriteTurn } from './write-turn';
import { checkStored } from './tables';
import { dayWords } from '../shared/calendar';
import { isoUtc, utcToLocal } from './local-time';

interface SessionRow {
  id: number;
  local_date: string;
  duration_s: number | null;
  rpe: number | null;
  notes: string;
  same_day_run: StrengthSession['sameDayRun'];
}

interface SessionExerciseRow {
  id: number;
  session_id: number;
  band: string | null;
  effort: number | null;
  notes: string;
  exercise_id: number;
  name: string;
  category: ExerciseRef['category'];
  measure: ExerciseRef['measure'];
  per_side: number;
  cue: string;
}

interface SetRow {
  session_exercise_id: number;
  set_number: number;
  side: ExerciseSet['side'];
  reps: number | null;
  seconds: number | null;
  load_kg: number | null;
}

function refOf(row: Pick<SessionExerciseRow, 'exercise_id' | 'name' | 'category' | 'measure' | 'per_side' | 'cue'>): ExerciseRef {
  return { id: row.exercise_id, name: row.name, category: row.category, measure: row.measure, perSide: row.per_side === 1, cue: row.cue };
}

/**
 * Sessions chosen by `where` (a condition on strength_sessions, with named parameters), newest
 * first, each with its exercises in order and their sets. Three queries, whatever the count.
 */
function loadSessions(db: StanceDatabase, where: string, params: Record<string, unknown>, limit = -1): StrengthSession[] {
  const chosen = `SELECT id FROM strength_sessions WHERE ${where} ORDER BY local_date DESC, id DESC LIMIT ${limit}`;
  const sessions = db
    .prepare(`SELECT id, local_date, duration_s, rpe, notes, same_day_run FROM strength_sessions WHERE id IN (${chosen}) ORDER BY local_date DESC, id DESC`)
    .all(params) as SessionRow[];
  const exercises = db
    .prepare(
      `SELECT se.id, se.session_id, se.band, se.effort, se.notes,
              e.id AS exercise_id, e.name, e.category, e.measure, e.per_side, e.cue
       FROM session_exercises se JOIN exercises e ON e.id = se.exercise_id
       WHERE se.session_id IN (${chosen})
       ORDER BY se.session_id, se.position`,
    )
    .all(params) as SessionExerciseRow[];
  const sets = db
    .prepare(
      `SELECT es.session_exercise_id, es.set_number, es.side, es.reps, es.seconds, es.load_kg
       FROM exercise_sets es JOIN session_exercises se ON se.id = es.session_exercise_id
       WHERE se.session_id IN (${chosen})
       ORDER BY es.set_number, CASE es.side WHEN 'left' THEN 0 WHEN 'right' THEN 1 ELSE 2 END`,
    )
    .all(params) as SetRow[];

  const setsByExercise = new Map<number, ExerciseSet[]>();
  for (const set of sets) {
    const list = setsByExercise.get(set.session_exercise_id) ?? [];
    list.push({ setNumber: set.set_number, side: set.side, amount: set.reps ?? set.seconds ?? 0, loadKg: set.load_kg });
    setsByExercise.set(set.session_exercise_id, list);
  }
  const exercisesBySession = new Map<number, SessionExercise[]>();
  for (const row of exercises) {
    const list = exercisesBySession.get(row.session_id) ?? [];
    list.push({ exercise: refOf(row), band: row.band, effort: row.effort, notes: row.notes, sets: setsByExercise.get(row.id) ?? [] });
    exercisesBySession.set(row.session_id, list);
  }
  return sessions.map((row) => {
    const sessionExercises = exercisesBySession.get(row.id) ?? [];
    return {
      id: row.id,
      localDate: row.local_date,
      sameDayRun: row.same_day_run,
      durationSeconds: row.duration_s,
      rpe: row.rpe,
      notes: row.notes,
      exercises: sessionExercises,
      countsAsGluteWork: sessionExercises.some((entry) => entry.exercise.category === 'glute_hip'),
    };
  });
}

export function getStrengthSession(db: StanceDatabase, id: number): StrengthSession {
  const [session] = loadSessions(db, 'id = @id', { id });
  if (!session) throw new StanceError('refused', 'That session no longer exists. It may have been deleted.');
  return session;
}

/** Sessions between two local dates (both included, either optional), newest first. */
export function listStrengthSessions(db: StanceDatabase, range: DateRange): StrengthSession[] {
  return loadSessions(db, '(@fromDate IS NULL OR local_date >= @fromDate) AND (@toDate IS NULL OR local_date <= @toDate)', {
    fromDate: range.fromDate ?? null,
    toDate: range.toDate ?? null,
  });
}

/** The most recent session (latest date; of two on one day, the one logged last), to repeat it. */
export function lastStrengthSession(db: StanceDatabase): StrengthSession | null {
  return loadSessions(db, '1', {}, 1)[0] ?? null;
}

/**
 * Checks a session as stored — its record, its exercises and their sets — by the tables' rules
 * (tables/index.ts checkStored). Inside the caller's transaction: a refusal undoes the write.
 */
function checkStoredSession(db: StanceDatabase, sessionId: number, now: Date): void {
  const context = { db, now };
  checkStored(db, 'strength_sessions', 'id = ?', [sessionId], context, 'session');
  checkStored(db, 'session_exercises', 'session_id = ?', [sessionId], context, 'session');
  checkStored(db, 'exercise_sets', 'session_exercise_id IN (SELECT id FROM session_exercises WHERE session_id = ?)', [sessionId], context, 'session');
}

/**
 * Writes a session's exercises and sets, checking each exercise against the library as it
 * goes. Runs inside the caller's transaction: a throw undoes everything written before it.
 */
function writeExercises(db: StanceDatabase, sessionId: number, exercises: ValidStrengthSessionDraft['exercises']): void {
  const insertExercise = db.prepare(
    `INSERT INTO session_exercises (session_id, exercise_id, position, band, effort, notes)
     VALUES (@sessionId, @exerciseId, @position, @band, @effort, @notes)`,
  );
  const insertSet = db.prepare(
    `INSERT INTO exercise_sets (session_exercise_id, set_number, side, reps, seconds, load_kg)
     VALUES (@sessionExerciseId, @setNumber, @side, @reps, @seconds, @loadKg)`,
  );
  exercises.forEach((entry, position) => {
    const exercise = findExercise(db, entry.exerciseId);
    if (!exercise) {
      throw new StanceError(
        'invalid',
        `Exercise ${position + 1} of the session is no longer in your library. Remove it and pick another.`,
        `exercises.${position}.exerciseId`,
      );
    }
    const { lastInsertRowid } = insertExercise.run({ ...entry, sessionId, position });
    const seen = new Set<string>();
    entry.sets.forEach((set, index) => {
      const field = `exercises.${position}.sets.${index}`;
      checkSet(exercise, set, field);
      const key = `${set.setNumber}:${set.side}`;
      if (seen.has(key)) {
        throw new StanceError('invalid', `Set ${set.setNumber}${sideWords(set.side)} of ${exercise.name} is given twice.`, `${field}.setNumber`);
      }
      seen.add(key);
      insertSet.run({
        sessionExerciseId: lastInsertRowid,
        setNumber: set.setNumber,
        side: set.side,
        reps: exercise.measure === 'reps' ? set.amount : null,
        seconds: exercise.measure === 'seconds' ? set.amount : null,
        loadKg: set.loadKg,
      });
    });
  });
}

function sideWords(side: ExerciseSet['side']): string {
  return side === 'both' ? '' : ` (${side})`;
}

/** The rules that need the exercise: which side a set is on, and at most 1,000 reps. */
function checkSet(exercise: Exercise, set: ValidStrengthSessionDraft['exercises'][number]['sets'][number], field: string): void {
  if (exercise.perSide && set.side === 'both') {
    throw new StanceError('invalid', `${exercise.name} is done one leg at a time: say whether each set was on the left or the right.`, `${field}.side`);
  }
  if (!exercise.perSide && set.side !== 'both') {
    throw new StanceError('invalid', `${exercise.name} works both sides at once, so its sets have no side.`, `${field}.side`);
  }
  if (exercise.measure === 'reps' && set.amount > MAX_REPS) {
    throw new StanceError('invalid', `That is more than 1,000 reps of ${exercise.name} in one set. Check the number.`, `${field}.amount`);
  }
}

/**
 * Adds a session whole, in one transaction holding the write lock. A session with the same date
 * and content as one already there (the same exercises, by name, in the same order with the
 * same sets: the JSON import's natural key, tables/strength-sessions.ts) is refused with "You
 * already logged this session on Wed 4 Dec" (kind 'duplicate'), unless `saveAnyway`.
 *
 * @throws StanceError ('invalid') for a session the rules refuse; ('duplicate') as above.
 */
export function addStrengthSession(db: StanceDatabase, input: ValidStrengthSessionDraft & { saveAnyway?: boolean | undefined }, now: Date, timeZone: string): StrengthSession {
  const { saveAnyway, ...draft } = input;
  refuseUnlikelyDate(draft.localDate, now, timeZone, 'session');
  const stamp = isoUtc(now);
  const id = inWriteTurn(db, () => {
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO strength_sessions (local_date, duration_s, rpe, notes, same_day_run, created_at, updated_at)
         VALUES (@localDate, @durationSeconds, @rpe, @notes, @sameDayRun, @stamp, @stamp)`,
      )
      .run({ localDate: draft.localDate, durationSeconds: draft.durationSeconds, rpe: draft.rpe, notes: draft.notes, sameDayRun: draft.sameDayRun ?? 'after', stamp });
    const sessionId = Number(lastInsertRowid);
    writeExercises(db, sessionId, draft.exercises);
    checkStoredSession(db, sessionId, now);
    if (saveAnyway !== true) {
      // Compared as stored, by the same signature the JSON import recognises a session by.
      const signature = databaseSessionSignature(db, sessionId);
      const sameDay = db.prepare('SELECT id FROM strength_sessions WHERE local_date = ? AND id <> ?').pluck().all(draft.localDate, sessionId) as number[];
      if (sameDay.some((other) => databaseSessionSignature(db, other) === signature)) {
        const currentYear = Number(utcToLocal(now, timeZone).localDate.slice(0, 4));
        throw new StanceError('duplicate', `You already logged this session on ${dayWords(draft.localDate, currentYear)}: the same exercises and sets.`); // rolls the new one back
      }
    }
    return sessionId;
  }, { attempts: 1 }); // the window waits on this in the main process: never held for minutes
  return getStrengthSession(db, id);
}

/** Replaces a session whole: its details, exercises and sets, in one transaction. */
export function updateStrengthSession(db: StanceDatabase, update: ValidStrengthSessionUpdate, now: Date, timeZone: string): StrengthSession {
  const { id, ...draft } = update;
  getStrengthSession(db, id);
  refuseUnlikelyDate(draft.localDate, now, timeZone, 'session');
  db.transaction(() => {
    db.prepare(
      `UPDATE strength_sessions SET local_date = @localDate, duration_s = @durationSeconds, rpe = @rpe, notes = @notes, same_day_run = @sameDayRun,
       updated_at = @stamp WHERE id = @id`,
    ).run({
      id,
      localDate: draft.localDate,
      durationSeconds: draft.durationSeconds,
      rpe: draft.rpe,
      notes: draft.notes,
      sameDayRun: draft.sameDayRun ?? 'after',
      stamp: isoUtc(now),
    });
    db.prepare('DELETE FROM session_exercises WHERE session_id = ?').run(id); // its sets go with it (ON DELETE CASCADE)
    writeExercises(db, id, draft.exercises);
    checkStoredSession(db, id, now);
  })();
  return getStrengthSession(db, id);
}

/** Deletes a session with its exercises and sets (the schema cascades). */
export function deleteStrengthSession(db: StanceDatabase, id: number): { deleted: number } {
  const result = db.prepare('DELETE FROM strength_sessions WHERE id = ?').run(id);
  if (result.changes === 0) throw new StanceError('refused', 'That session no longer exists. It may have been deleted already.');
  return { deleted: id };
}

interface RoutineRow {
  id: number;
  name: string;
  purpose: string;
  built_in: number;
}

interface RoutineExerciseRow {
  routine_id: number;
  sets: number;
  amount: number;
  band: string | null;
  exercise_id: number;
  name: string;
  category: ExerciseRef['category'];
  measure: ExerciseRef['measure'];
  per_side: number;
  cue: string;
}

/** The starter routines first, then the runner's own in the order they were saved. */
export function listRoutines(db: StanceDatabase): Routine[] {
  const routines = db.prepare('SELECT id, name, purpose, built_in FROM routines ORDER BY built_in DESC, id').all() as RoutineRow[];
  const exercises = db
    .prepare(
      `SELECT re.routine_id, re.sets, re.amount, re.band, e.id AS exercise_id, e.name, e.category, e.measure, e.per_side, e.cue
       FROM routine_exercises re JOIN exercises e ON e.id = re.exercise_id
       ORDER BY re.routine_id, re.position`,
    )
    .all() as RoutineExerciseRow[];
  return routines.map((routine) => ({
    id: routine.id,
    name: routine.name,
    purpose: routine.purpose,
    builtIn: routine.built_in === 1,
    exercises: exercises
      .filter((row) => row.routine_id === routine.id)
      .map((row) => ({ exercise: refOf(row), sets: row.sets, amount: row.amount, band: row.band })),
  }));
}

/**
 * Saves a session's shape as a routine: each exercise with its number of sets, the reps (or
 * seconds) of its first set, and its band. Loads are not kept: they change as the runner gets stronger.
 */
export function saveRoutineFromSession(db: StanceDatabase, input: ValidRoutineFromSession, now: Date = new Date()): Routine {
  const session = getStrengthSession(db, input.sessionId);
  const clash = db.prepare('SELECT name FROM routines WHERE name = ? COLLATE NOCASE').get(input.name) as { name: string } | undefined;
  if (clash) throw new StanceError('invalid', `You already have a routine called "${clash.name}". Give this one another name.`, 'name');
  const id = db.transaction(() => {
    const { lastInsertRowid } = db.prepare('INSERT INTO routines (name, purpose, built_in) VALUES (?, ?, 0)').run(input.name, input.purpose);
    const insert = db.prepare(
      'INSERT INTO routine_exercises (routine_id, position, exercise_id, sets, amount, band) VALUES (?, ?, ?, ?, ?, ?)',
    );
    session.exercises.forEach((entry, position) => {
      const setNumbers = new Set(entry.sets.map((set) => set.setNumber));
      const firstSet = Math.min(...setNumbers);
      const amount = Math.max(...entry.sets.filter((set) => set.setNumber === firstSet).map((set) => set.amount));
      insert.run(lastInsertRowid, position, entry.exercise.id, Math.min(setNumbers.size, 20), amount, entry.band);
    });
    checkStored(db, 'routines', 'id = ?', [lastInsertRowid], { db, now }, 'routine');
    checkStored(db, 'routine_exercises', 'routine_id = ?', [lastInsertRowid], { db, now }, 'routine');
    return Number(lastInsertRowid);
  })();
  return listRoutines(db).find((routine) => routine.id === id)!;
}
