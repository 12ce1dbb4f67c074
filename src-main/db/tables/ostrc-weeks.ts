/** The weekly OSTRC-O2 knee questionnaire, one per week. */
import { ostrcDraftSchema } from '../../shared/contract-clinic';
import type { TableDescription } from './table';
import { id, instant, localDateInRange, passes } from './rules';

export const ostrcWeeks: TableDescription<'ostrc_weeks'> = {
  name: 'ostrc_weeks',
  columns: ['id', 'week_start', 'q1', 'q2', 'q3', 'q4', 'created_at', 'updated_at'],
  exported: true,
  exportOrder: 'week_start',
  naturalKey: {
    words: 'the week (week_start)',
    find: ({ db, values }) => (db.prepare('SELECT id FROM ostrc_weeks WHERE week_start = ?').get(values.week_start) as { id: number } | undefined)?.id,
  },
  check: (row, context) => {
    id(row, 'id');
    passes(ostrcDraftSchema, { weekStart: row.week_start, q1: row.q1, q2: row.q2, q3: row.q3, q4: row.q4 });
    localDateInRange(row.week_start, 'knee questionnaire', context);
    instant(row, 'created_at', context);
    instant(row, 'updated_at', context);
  },
};
