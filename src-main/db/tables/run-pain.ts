/** Where and when the knee hurt on a run: one row per pain site. */
import { painSiteSchema } from '../../shared/contract-pain';
import type { TableDescription } from './table';
import { flag, id, passes, problem, text } from './rules';
import { inRunnerDistance } from './unit-columns';

export const runPain: TableDescription<'run_pain'> = {
  name: 'run_pain',
  columns: ['id', 'run_id', 'onset_m', 'location', 'side', 'worst_score', 'action', 'notes', 'present_at_start'],
  exported: true,
  exportOrder: 'id',
  parents: { run_id: 'runs' },
  owner: 'run_id',
  unitColumns: [inRunnerDistance('onset_m')],
  check: (row) => {
    id(row, 'id');
    id(row, 'run_id');
    flag(row, 'present_at_start', 2);
    passes(painSiteSchema, {
      painOnsetMetres: row.onset_m,
      location: row.location,
      side: row.side,
      worstScore: row.worst_score,
      action: row.action,
      notes: text(row.notes),
      presentAtStart: row.present_at_start === 1,
    });
    if (row.present_at_start === 1 && row.onset_m !== 0) problem('pain there at the start is stored at 0 m');
  },
};
