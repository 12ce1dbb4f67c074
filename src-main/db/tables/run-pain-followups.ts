/** A painful run's scores after it and the next morning. */
import { followupDraftSchema } from '../../shared/contract-clinic';
import type { TableDescription } from './table';
import { id, instant, passes, problem } from './rules';

export const runPainFollowups: TableDescription<'run_pain_followups'> = {
  name: 'run_pain_followups',
  columns: ['run_id', 'after_score', 'next_morning_score', 'updated_at'],
  exported: true,
  exportOrder: 'run_id',
  parents: { run_id: 'runs' },
  owner: 'run_id',
  check: (row, context) => {
    id(row, 'run_id');
    passes(followupDraftSchema, { runId: row.run_id, afterScore: row.after_score, nextMorningScore: row.next_morning_score });
    if (row.after_score === null && row.next_morning_score === null) problem('it holds neither a score after the run nor one the next morning');
    instant(row, 'updated_at', context);
  },
};
