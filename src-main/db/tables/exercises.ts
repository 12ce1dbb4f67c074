/** The exercise library: built-in and the runner's own. */
import { exerciseAddSchema } from '../../shared/contract-strength';
import type { TableDescription } from './table';
import { flag, id, passes, text } from './rules';

export const exercises: TableDescription<'exercises'> = {
  name: 'exercises',
  columns: ['id', 'name', 'category', 'measure', 'per_side', 'default_sets', 'default_amount', 'cue', 'built_in', 'archived'],
  exported: true,
  exportOrder: 'id',
  naturalKey: {
    words: 'the name, in any letter case (references to them follow)',
    find: ({ db, values }) => (db.prepare('SELECT id FROM exercises WHERE name = ? COLLATE NOCASE').get(values.name) as { id: number } | undefined)?.id,
  },
  check: (row) => {
    id(row, 'id');
    flag(row, 'per_side');
    flag(row, 'built_in');
    flag(row, 'archived');
    passes(exerciseAddSchema, {
      name: row.name,
      category: row.category,
      measure: row.measure,
      perSide: row.per_side === 1,
      defaultSets: row.default_sets ?? 1,
      defaultAmount: row.default_amount ?? 1,
      cue: text(row.cue),
    });
  },
};
