/**
 * The Insights' analysis periods: each row the local date on which the runner started a new
 * analysis (db/services/insights.ts startAnalysisPeriod; analysis/fixed-analysis.ts reads them).
 * The first analysis starts at the first run with a pain note and has no row.
 */
import { isCalendarDate } from '../../shared/validation';
import type { TableDescription } from './table';
import { id, instant, localDateInRange, problem } from './rules';

export const analysisPeriods: TableDescription<'analysis_periods'> = {
  name: 'analysis_periods',
  columns: ['id', 'starts_on', 'created_at'],
  exported: true,
  exportOrder: 'starts_on',
  naturalKey: {
    words: 'the date the analysis starts (starts_on)',
    find: ({ db, values }) => (db.prepare('SELECT id FROM analysis_periods WHERE starts_on = ?').get(values.starts_on) as { id: number } | undefined)?.id,
  },
  check: (row, context) => {
    id(row, 'id');
    if (typeof row.starts_on !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(row.starts_on) || !isCalendarDate(row.starts_on)) {
      problem('its starts_on is not a date on the calendar (YYYY-MM-DD)');
    }
    localDateInRange(row.starts_on, 'new analysis', context);
    instant(row, 'created_at', context);
  },
};
