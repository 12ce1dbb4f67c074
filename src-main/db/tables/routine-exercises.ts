/** A routine's exercises, in order. */
import { exerciseAddSchema, sessionExerciseSchema } from '../../shared/contract-strength';
import type { TableDescription } from './table';
import { id, passes, position } from './rules';

export const routineExercises: TableDescription<'routine_exercises'> = {
  name: 'routine_exercises',
  columns: ['routine_id', 'position', 'exercise_id', 'sets', 'amount', 'band'],
  exported: true,
  exportOrder: 'routine_id, position',
  parents: { routine_id: 'routines', exercise_id: 'exercises' },
  owner: 'routine_id',
  check: (row) => {
    id(row, 'routine_id');
    id(row, 'exercise_id');
    position(row);
    passes(exerciseAddSchema.pick({ defaultSets: true, defaultAmount: true }), { defaultSets: row.sets, defaultAmount: row.amount });
    passes(sessionExerciseSchema.pick({ band: true }), { band: row.band });
  },
};
