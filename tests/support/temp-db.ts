import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStanceDatabase, type OpenOptions, type StanceDatabase } from '../../src-main/db/open';

/** A fresh folder under the system temp dir; removed by the returned cleanup. */
export function tempFolder(prefix = 'stance-test-'): { folder: string; cleanup: () => void } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { folder, cleanup: () => fs.rmSync(folder, { recursive: true, force: true }) };
}

/** Opens a real Stance database file in a temporary folder. */
export async function openTempDatabase(
  options: Partial<OpenOptions> = {},
): Promise<{ db: StanceDatabase; file: string; folder: string; cleanup: () => void }> {
  const { folder, cleanup } = tempFolder();
  const file = path.join(folder, 'stance.sqlite');
  const db = await openStanceDatabase(file, { backupsFolder: path.join(folder, 'backups'), ...options });
  return {
    db,
    file,
    folder,
    cleanup: () => {
      if (db.open) db.close();
      cleanup();
    },
  };
}

export function countRows(db: StanceDatabase, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
