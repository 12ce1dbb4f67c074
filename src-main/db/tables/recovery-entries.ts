/** Recovery (foam rolling, stretching, massage, ice): never glute work. */
import { recoveryDraftSchema } from '../../shared/contract-strength';
import type { TableDescription } from './table';
import { id, instant, localDateInRange, passes, text } from './rules';
import { asHoursMinutesSeconds } from './unit-columns';

export const recoveryEntries: TableDescription<'recovery_entries'> = {
  name: 'recovery_entries',
  columns: ['id', 'local_date', 'kind', 'duration_s', 'notes', 'created_at'],
  exported: true,
  exportOrder: 'id',
  unitColumns: [asHoursMinutesSeconds('duration_s')],
  naturalKey: {
    words: 'the date, kind and duration, among those there before the import',
    find: ({ db, values, addedByThisImport }) =>
      (
        db
          .prepare('SELECT id FROM recovery_entries WHERE local_date = ? AND kind = ? AND duration_s IS ? ORDER BY id')
          .pluck()
          .all(values.local_date, values.kind, values.duration_s) as number[]
      ).find((id) => !addedByThisImport(id)),
  },
  check: (row, context) => {
    id(row, 'id');
    passes(recoveryDraftSchema, { localDate: row.local_date, kind: row.kind, durationSeconds: row.duration_s, notes: text(row.notes) });
    localDateInRange(row.local_date, 'recovery', context);
    instant(row, 'created_at', context);
  },
};
