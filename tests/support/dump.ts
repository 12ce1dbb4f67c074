/** Every row of every table (internal ones too) and the schema: two dumps are equal when the databases are. */
import crypto from 'node:crypto';
import type { StanceDatabase } from '../../src-main/db/open';

export function dumpDatabase(db: StanceDatabase): string {
  const hash = crypto.createHash('sha256');
  const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string; sql: string | null }[];
  hash.update(JSON.stringify(tables));
  hash.update(String(db.pragma('user_version', { simple: true })));
  for (const { name } of tables) {
    const isTable = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(name);
    if (!isTable) continue;
    for (const row of db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().iterate() as Iterable<unknown[]>) {
      hash.update(JSON.stringify(row.map((value) => (Buffer.isBuffer(value) ? value.toString('base64') : value))));
      hash.update('\n');
    }
  }
  return hash.digest('hex');
}
