/**
 * `stance import-json FILE [--db PATH]`: a Stance JSON export into the database, after a safety
 * backup, in one transaction (db/import-json.ts). Kept apart from the other commands because it
 * alone loads the record rules (zod) and the streaming JSON parser.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { takeBackup } from '../db/backups';
import { importStanceExport, MAX_IMPORT_BYTES, openStanceExport } from '../db/services/import-json';
import { backupsFolderOf, UsageError, type CliHost, type Output } from './common';
import { openCliDatabase } from './open-database';

/** Runs `stance import-json`; exit status 0 when imported (a refusal throws, worded, and nothing is written). */
export async function importJsonCommand(args: string[], output: Output, host: CliHost): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { db: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('import-json needs exactly one export file.');
  const source = path.resolve(positionals[0]!);
  const stat = fs.statSync(source, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new UsageError(`No such file: ${positionals[0]}`);
  if (stat.size > MAX_IMPORT_BYTES) throw new Error('That file is over 8 GB, too large to be a Stance export. Nothing was imported.');
  const exported = openStanceExport({ file: source }); // read as a stream: memory near the largest record
  const { db, file } = await openCliDatabase(values.db, host);
  try {
    const backup = await takeBackup(db, backupsFolderOf(file), 'before-import', new Date(), host.nativeBinding ? { nativeBinding: host.nativeBinding } : {});
    let summary: ReturnType<typeof importStanceExport>;
    try {
      summary = importStanceExport(db, exported, new Date());
    } catch (error) {
      fs.rmSync(path.join(backupsFolderOf(file), backup.name), { force: true });
      throw error;
    }
    const added = Object.values(summary.added).reduce((sum, count) => sum + count, 0);
    const recognised = Object.values(summary.recognised).reduce((sum, count) => sum + count, 0);
    output.out(`Imported ${source}: ${added} records added (${summary.added.runs} runs), ${recognised} already there.`);
    output.out(`Before importing, the database was backed up to ${path.join(backupsFolderOf(file), backup.name)}.`);
    return 0;
  } finally {
    db.close();
  }
}
