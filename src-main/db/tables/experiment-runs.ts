/** A run done under an experiment's assignment, and the answer to "was the activation done?" (migration 6). */
import type { TableDescription } from './table';
import { id, instant, problem } from './rules';

export const experimentRuns: TableDescription<'experiment_runs'> = {
  name: 'experiment_runs',
  columns: ['run_id', 'assignment_id', 'activation_done', 'answered_at'],
  exported: true,
  exportOrder: 'run_id',
  parents: { run_id: 'runs', assignment_id: 'experiment_assignments' },
  owner: 'run_id',
  naturalKey: {
    words: 'its run: a run is linked once',
    find: ({ db, values }) => (db.prepare('SELECT 1 FROM experiment_runs WHERE run_id = ?').get(values.run_id) ? 0 : undefined),
  },
  check: (row, context) => {
    id(row, 'run_id');
    id(row, 'assignment_id');
    if (row.activation_done !== null && !['done', 'not_done', 'partly'].includes(row.activation_done as string)) problem('its answer is not done, not_done or partly');
    if ((row.activation_done === null) !== (row.answered_at === null)) problem('it has an answer without a time, or a time without an answer');
    if (row.answered_at !== null) instant(row, 'answered_at', context);
  },
};
