/** The glute plans, each in force from its start date until the next one's. */
import { glutePlanSchema } from '../../shared/contract';
import type { TableDescription } from './table';
import { id, instant, passes, problem } from './rules';

export const glutePlans: TableDescription<'glute_plans'> = {
  name: 'glute_plans',
  columns: ['id', 'effective_from', 'kind', 'sessions_per_week', 'every_n_days', 'created_at'],
  exported: true,
  exportOrder: 'id',
  naturalKey: {
    words: 'the date the plan starts (effective_from)',
    find: ({ db, values }) => (db.prepare('SELECT id FROM glute_plans WHERE effective_from = ?').get(values.effective_from) as { id: number } | undefined)?.id,
  },
  check: (row, context) => {
    id(row, 'id');
    passes(glutePlanSchema, { effectiveFrom: row.effective_from, kind: row.kind, sessionsPerWeek: row.sessions_per_week, everyNDays: row.every_n_days });
    if (row.kind === 'per_week' && row.every_n_days !== null) problem('a plan of sessions a week has no "every N days"');
    if (row.kind === 'every_n_days' && row.sessions_per_week !== null) problem('a plan of every N days has no "sessions a week"');
    if (typeof row.effective_from === 'string' && (row.effective_from < '1970-01-01' || row.effective_from > '2100-12-31')) problem('its start date is not between 1970 and 2100');
    instant(row, 'created_at', context);
  },
};
