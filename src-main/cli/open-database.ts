/** Opening the database for a command: through db/open.ts, as every entry point does. */
import fs from 'node:fs';
import { openStanceDatabase, type StanceDatabase } from '../db/open';
import { settleInterruptedRestore } from '../db/restore-journal';
import { backupsFolderOf, databaseFile, type CliHost } from './common';

/** Opens (creating it if need be) the database named by --db, or the host's own. */
export async function openCliDatabase(dbOption: string | undefined, host: CliHost): Promise<{ db: StanceDatabase; file: string }> {
  const file = databaseFile(dbOption, host);
  const db = await openStanceDatabase(file, { backupsFolder: backupsFolderOf(file), ...(host.nativeBinding ? { nativeBinding: host.nativeBinding } : {}) });
  return { db, file };
}

/** Opens an existing database (never creating one: backing up or exporting nothing is a mistake). */
export async function openExistingDatabase(dbOption: string | undefined, host: CliHost): Promise<{ db: StanceDatabase; file: string }> {
  const file = databaseFile(dbOption, host);
  settleInterruptedRestore(file); // a restore cut short may have left the database under another name
  if (!fs.existsSync(file)) throw new Error(`There is no Stance database at ${file}. Give its path with --db.`);
  return openCliDatabase(file, host);
}
