/** Strength sessions (their exercises and sets in session_exercises and exercise_sets). */
import { strengthSessionDraftSchema } from '../../shared/contract-strength';
import type { StanceDatabase } from '../open';
import type { ExportRow, TableDescription } from './table';
import { id, instant, localDateInRange, passes, text } from './rules';
import { asHoursMinutesSeconds } from './unit-columns';

export const strengthSessions: TableDescription<'strength_sessions'> = {
  name: 'strength_sessions',
  columns: ['id', 'local_date', 'duration_s', 'rpe', 'notes', 'created_at', 'updated_at', 'same_day_run'],
  exported: true,
  exportOrder: 'id',
  unitColumns: [asHoursMinutesSeconds('duration_s')],
  naturalKey: {
    words: 'the date and the content: the same exercises (by name) in the same order with the same sets (number, side, reps/seconds, load), among those there before the import',
    find: ({ db, values, row, file, addedByThisImport }) => {
      const signature = file.sessionSignatures.get(row.id as number);
      const candidates = (db.prepare('SELECT id FROM strength_sessions WHERE local_date = ? ORDER BY id').pluck().all(values.local_date) as number[]).filter(
        (id) => !addedByThisImport(id),
      );
      return candidates.find((id) => databaseSessionSignature(db, id) === signature);
    },
  },
  check: (row, context) => {
    id(row, 'id');
    passes(strengthSessionDraftSchema.pick({ localDate: true, durationSeconds: true, rpe: true, notes: true, sameDayRun: true }), {
      localDate: row.local_date,
      durationSeconds: row.duration_s,
      rpe: row.rpe,
      notes: text(row.notes),
      sameDayRun: row.same_day_run ?? undefined, // absent from exports before schema 2
    });
    localDateInRange(row.local_date, 'session', context);
    instant(row, 'created_at', context);
    instant(row, 'updated_at', context);
  },
};

/** One set as a session's signature compares it. */
export interface SignatureSet {
  set_number: ExportRow[string];
  side: ExportRow[string];
  reps: ExportRow[string];
  seconds: ExportRow[string];
  load_kg: ExportRow[string];
}

/** A session's content as one text: its exercises (by name, any case) in order, each with its sets (order of sets ignored). */
export function sessionSignature(exercises: { name: string; sets: SignatureSet[] }[]): string {
  return JSON.stringify(
    exercises.map((exercise) => [
      exercise.name.toLowerCase(),
      exercise.sets
        .map((set) => [set.set_number, set.side, set.reps ?? null, set.seconds ?? null, set.load_kg ?? null])
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ]),
  );
}

/** The signature of session `sessionId` as the database holds it. */
export function databaseSessionSignature(db: StanceDatabase, sessionId: number): string {
  const entries = db
    .prepare(
      `SELECT se.id, e.name FROM session_exercises se JOIN exercises e ON e.id = se.exercise_id WHERE se.session_id = ? ORDER BY se.position`,
    )
    .all(sessionId) as { id: number; name: string }[];
  const sets = db.prepare('SELECT set_number, side, reps, seconds, load_kg FROM exercise_sets WHERE session_exercise_id = ?');
  return sessionSignature(entries.map((entry) => ({ name: entry.name, sets: sets.all(entry.id) as SignatureSet[] })));
}
