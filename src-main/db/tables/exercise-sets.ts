/** The sets of a session's exercise. */
import { exerciseSetSchema } from '../../shared/contract-strength';
import type { TableDescription } from './table';
import { id, passes, problem } from './rules';
import { inRunnerLoad } from './unit-columns';

export const exerciseSets: TableDescription<'exercise_sets'> = {
  name: 'exercise_sets',
  columns: ['id', 'session_exercise_id', 'set_number', 'side', 'reps', 'seconds', 'load_kg'],
  exported: true,
  exportOrder: 'id',
  parents: { session_exercise_id: 'session_exercises' },
  owner: 'session_exercise_id',
  unitColumns: [inRunnerLoad('load_kg')],
  check: (row) => {
    id(row, 'id');
    id(row, 'session_exercise_id');
    if (row.reps === null && row.seconds === null) problem('it has neither reps nor seconds');
    passes(exerciseSetSchema, { setNumber: row.set_number, side: row.side, amount: row.reps ?? row.seconds, loadKg: row.load_kg });
    if (row.reps !== null && row.seconds !== null) passes(exerciseSetSchema.pick({ amount: true }), { amount: row.seconds });
  },
};
