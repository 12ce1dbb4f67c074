/**
 * An experiment's assignment for one unit (a run day or a week), drawn once from the protocol's
 * seed (migration 6). Never rewritten: the import recognises the one stored for the same protocol
 * and unit and keeps it; the database's triggers refuse any change to its unit, arm or drawing
 * time, a second day, and any delete.
 */
import type { TableDescription } from './table';
import { id, instant, localDateInRange, problem } from './rules';

export const experimentAssignments: TableDescription<'experiment_assignments'> = {
  name: 'experiment_assignments',
  columns: ['id', 'protocol_id', 'unit_index', 'arm', 'drawn_at', 'local_date'],
  exported: true,
  exportOrder: 'id',
  parents: { protocol_id: 'experiment_protocols' },
  naturalKey: {
    words: 'its protocol and unit (protocol_id, unit_index): a drawn assignment stands',
    find: ({ db, values }) =>
      (db.prepare('SELECT id FROM experiment_assignments WHERE protocol_id = ? AND unit_index = ?').get(values.protocol_id, values.unit_index) as { id: number } | undefined)?.id,
  },
  check: (row, context) => {
    id(row, 'id');
    id(row, 'protocol_id');
    if (typeof row.unit_index !== 'number' || !Number.isInteger(row.unit_index) || row.unit_index < 0 || row.unit_index > 100_000) problem('its unit is not a whole number from 0');
    if (row.arm !== 'activation' && row.arm !== 'none') problem('its arm is not "activation" or "none"');
    instant(row, 'drawn_at', context);
    if (row.local_date !== null) {
      if (typeof row.local_date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(row.local_date)) problem('its day is not a date (YYYY-MM-DD)');
      localDateInRange(row.local_date, 'assignment', context);
    }
  },
};
