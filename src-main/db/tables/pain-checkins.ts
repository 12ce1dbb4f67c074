/** Daily pain check-ins (0–10, per side, per activity). */
import { checkinDraftSchema } from '../../shared/contract-pain';
import type { TableDescription } from './table';
import { id, instant, localDateInRange, passes, text } from './rules';

export const painCheckins: TableDescription<'pain_checkins'> = {
  name: 'pain_checkins',
  columns: ['id', 'local_date', 'context', 'left_score', 'right_score', 'notes', 'created_at'],
  exported: true,
  exportOrder: 'id',
  naturalKey: {
    words: 'the date and context (morning, stairs…), among those there before the import',
    find: ({ db, values, addedByThisImport }) =>
      (db.prepare('SELECT id FROM pain_checkins WHERE local_date = ? AND context = ? ORDER BY id').pluck().all(values.local_date, values.context) as number[]).find(
        (id) => !addedByThisImport(id),
      ),
  },
  check: (row, context) => {
    id(row, 'id');
    passes(checkinDraftSchema, { localDate: row.local_date, context: row.context, leftScore: row.left_score, rightScore: row.right_score, notes: text(row.notes) });
    localDateInRange(row.local_date, 'check-in', context);
    instant(row, 'created_at', context);
  },
};
