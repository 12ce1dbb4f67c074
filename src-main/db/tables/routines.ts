/** Routines: named lists of exercises a session can start from. */
import { routineFromSessionSchema } from '../../shared/contract-strength';
import type { TableDescription } from './table';
import { flag, id, passes, text } from './rules';

export const routines: TableDescription<'routines'> = {
  name: 'routines',
  columns: ['id', 'name', 'purpose', 'built_in'],
  exported: true,
  exportOrder: 'id',
  naturalKey: {
    words: 'the name, in any letter case (with its exercises)',
    find: ({ db, values }) => (db.prepare('SELECT id FROM routines WHERE name = ? COLLATE NOCASE').get(values.name) as { id: number } | undefined)?.id,
  },
  check: (row) => {
    id(row, 'id');
    flag(row, 'built_in');
    passes(routineFromSessionSchema, { sessionId: 1, name: row.name, purpose: text(row.purpose) });
  },
};
