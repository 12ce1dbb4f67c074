import type { StanceDatabase } from './open';
import type { ValidExerciseDraft } from '../shared/contract-strength';
import { StanceError } from '../shared/errors';
import { checkStored } from './tables';
import type { Exercise, ExerciseRef } from '../shared/strength';

interface ExerciseRow {
  id: number;
  name: string;
  category: Exercise['category'];
  measure: Exercise['measure'];
  per_side: number;
  default_sets: number | null;
  default_amount: number | null;
  cue: string;
  built_in: number;
}

const selectExercises = `
  SELECT id, name, category, measure, per_side, default_sets, default_amount, cue, built_in FROM exercises`;

function toExercise(row: ExerciseRow): Exercise {
  return {
    id: row.id,
    name: row.name,
    category: row.category,
    measure: row.measure,
    perSide: row.per_side === 1,
    defaultSets: row.default_sets,
    defaultAmount: row.default_amount,
    cue: row.cue,
    builtIn: row.built_in === 1,
  };
}

/** The library, glute and hip work first, then foot, core and other; by name within each. */
export function listExercises(db: StanceDatabase): Exercise[] {
  const rows = db
    .prepare(
      `${selectExercises} WHERE archived = 0
       ORDER BY CASE category WHEN 'glute_hip' THEN 0 WHEN 'foot' THEN 1 WHEN 'core' THEN 2 ELSE 3 END, name COLLATE NOCASE`,
    )
    .all() as ExerciseRow[];
  return rows.map(toExercise);
}

/** One exercise, or undefined when no exercise has that id. */
export function findExercise(db: StanceDatabase, id: number): Exercise | undefined {
  const row = db.prepare(`${selectExercises} WHERE id = ?`).get(id) as ExerciseRow | undefined;
  return row ? toExercise(row) : undefined;
}

export function exerciseRef(exercise: Exercise): ExerciseRef {
  const { id, name, category, measure, perSide, cue } = exercise;
  return { id, name, category, measure, perSide, cue };
}

/** Adds the runner's own exercise. A name already in the library (in any letter case) is refused. */
export function addExercise(db: StanceDatabase, draft: ValidExerciseDraft, now: Date = new Date()): Exercise {
  const clash = db.prepare('SELECT name FROM exercises WHERE name = ? COLLATE NOCASE').get(draft.name) as { name: string } | undefined;
  if (clash) {
    throw new StanceError('invalid', `"${clash.name}" is already in your library. Use it, or give yours another name.`, 'name');
  }
  if (draft.measure === 'reps' && draft.defaultAmount > 1000) {
    throw new StanceError('invalid', 'That is more than 1,000 reps a set. Check the number.', 'defaultAmount');
  }
  const id = db.transaction(() => {
    const result = db
      .prepare(
        `INSERT INTO exercises (name, category, measure, per_side, default_sets, default_amount, cue, built_in)
         VALUES (@name, @category, @measure, @perSide, @defaultSets, @defaultAmount, @cue, 0)`,
      )
      .run({ ...draft, perSide: draft.perSide ? 1 : 0 });
    checkStored(db, 'exercises', 'id = ?', [result.lastInsertRowid], { db, now }, 'exercise');
    return Number(result.lastInsertRowid);
  })();
  return findExercise(db, id)!;
}
