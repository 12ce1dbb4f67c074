/** A session's exercises, in order. */
import { sessionExerciseSchema } from '../../shared/contract-strength';
import type { TableDescription } from './table';
import { id, passes, position, text } from './rules';

export const sessionExercises: TableDescription<'session_exercises'> = {
  name: 'session_exercises',
  columns: ['id', 'session_id', 'exercise_id', 'position', 'band', 'effort', 'notes'],
  exported: true,
  exportOrder: 'id',
  parents: { session_id: 'strength_sessions', exercise_id: 'exercises' },
  owner: 'session_id',
  check: (row) => {
    id(row, 'id');
    id(row, 'session_id');
    id(row, 'exercise_id');
    position(row);
    passes(sessionExerciseSchema.pick({ band: true, effort: true, notes: true }), { band: row.band, effort: row.effort, notes: text(row.notes) });
  },
};
