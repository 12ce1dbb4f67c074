import type { StanceDatabase } from './open';
import { defaultSettings, type Settings } from '../shared/domain';
import type { ValidInput } from '../shared/contract';
import { checkStored } from './tables';

const settingKeys = Object.keys(defaultSettings) as (keyof Settings)[];

export function getSettings(db: StanceDatabase): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored = new Map(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
  const settings: Settings = { ...defaultSettings };
  for (const key of settingKeys) {
    if (stored.has(key)) (settings as unknown as Record<string, unknown>)[key] = stored.get(key);
  }
  return settings;
}

/**
 * Saves the settings in `patch` (the others stay), one transaction; each stored setting is checked
 * by the settings table's rule (tables/settings.ts) before the transaction ends.
 *
 * @throws StanceError ('invalid') for a value the rule refuses; nothing is changed then.
 */
export function updateSettings(db: StanceDatabase, patch: ValidInput<'settings:update'>, now: Date = new Date()): Settings {
  const upsert = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  db.transaction(() => {
    for (const [key, value] of Object.entries(patch)) {
      if (value !== undefined) {
        upsert.run(key, JSON.stringify(value));
        checkStored(db, 'settings', 'key = ?', [key], { db, now }, 'setting');
      }
    }
  })();
  return getSettings(db);
}

/** Internal values that are not runner settings (e.g. the window's last position). */
export function readInternal<T>(db: StanceDatabase, key: string): T | undefined {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(`internal.${key}`) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : undefined;
}

export function writeInternal(db: StanceDatabase, key: string, value: unknown): void {
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    `internal.${key}`,
    JSON.stringify(value),
  );
}
