/** The runner's shoes. */
import { shoeAddSchema } from '../../shared/contract';
import type { TableDescription } from './table';
import { flag, id, instant, passes } from './rules';

export const shoes: TableDescription<'shoes'> = {
  name: 'shoes',
  columns: ['id', 'name', 'retired', 'created_at'],
  exported: true,
  exportOrder: 'id',
  naturalKey: {
    words: 'the name, in any letter case (references to them follow)',
    find: ({ db, values }) => (db.prepare('SELECT id FROM shoes WHERE name = ? COLLATE NOCASE').get(values.name) as { id: number } | undefined)?.id,
  },
  check: (row, context) => {
    id(row, 'id');
    passes(shoeAddSchema, { name: row.name });
    flag(row, 'retired');
    instant(row, 'created_at', context);
  },
};
