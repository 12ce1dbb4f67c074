/** The runner's settings, one row per key (JSON values). Keys starting with `internal.` are the window's own (its position and the like): never exported nor imported. */
import { settingsPatchSchema } from '../../shared/contract';
import type { TableDescription } from './table';
import { passes, problem } from './rules';

export const settings: TableDescription<'settings'> = {
  name: 'settings',
  columns: ['key', 'value'],
  exported: true,
  exportOrder: 'key',
  exportWhere: "key NOT LIKE 'internal.%'",
  naturalKey: {
    words: 'the key (internal settings are never imported)',
    find: ({ db, values }) => {
      if (typeof values.key === 'string' && values.key.startsWith('internal.')) return 0; // never imported
      return db.prepare('SELECT 1 FROM settings WHERE key = ?').get(values.key) ? 0 : undefined;
    },
  },
  check: (row) => {
    const key = row.key;
    if (typeof key !== 'string') return problem('it has no key');
    if (key.startsWith('internal.')) return; // the window's position and the like: never imported
    if (!(key in settingsPatchSchema.shape)) problem(`it is a setting Stance does not know ("${key.slice(0, 40)}")`);
    let value: unknown;
    try {
      value = JSON.parse(String(row.value));
    } catch {
      problem(`the value of the setting ${key} is not readable`);
    }
    passes(settingsPatchSchema, { [key]: value });
  },
};
