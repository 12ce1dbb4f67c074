/**
 * The commands that work on the database as a whole: `stance backup`, `restore`, `export` and
 * `check` (usage in cli.ts; what they guarantee in README's "Backups, export and restore").
 * Each returns its exit status: 0 done, 1 failed (the message says why and what to do).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DatabaseUnusableError, type StanceDatabase } from '../db/open';
import { listBackups, restoreDatabase, rotateBackups, settleInterruptedRestore, takeBackup } from '../db/backups';
import { checkDatabaseFile } from '../db/check';
import { exportTarget, writeJsonExport } from '../db/services/export';
import { writeCsvExport } from '../db/services/csv';
import { backupsFolderOf, databaseFile, UsageError, type CliHost, type Output } from './common';
import { openCliDatabase, openExistingDatabase } from './open-database';

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const binding = (host: CliHost) => (host.nativeBinding ? { nativeBinding: host.nativeBinding } : {});

/** `stance backup [--db PATH]`: a verified backup into the backups folder, then the rotation. */
export async function backupCommand(args: string[], output: Output, host: CliHost): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' } } });
  const { db, file } = await openExistingDatabase(values.db, host);
  try {
    const backup = await takeBackup(db, backupsFolderOf(file), 'manual', new Date(), binding(host));
    rotateBackups(backupsFolderOf(file), new Date());
    output.out(`Backed up ${file} to ${path.join(backupsFolderOf(file), backup.name)} (${megabytes(backup.sizeBytes)}, integrity checked).`);
    return 0;
  } finally {
    db.close();
  }
}

/** `stance restore FILE [--db PATH]`: FILE is a path, or a name in the backups folder. */
export async function restoreCommand(args: string[], output: Output, host: CliHost): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { db: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('restore needs exactly one backup file.');
  const file = databaseFile(values.db, host);
  const backupsFolder = backupsFolderOf(file);
  const named = positionals[0]!;
  const backupFile = fs.existsSync(named) ? path.resolve(named) : path.join(backupsFolder, path.basename(named));
  if (!fs.existsSync(backupFile)) throw new Error(`There is no backup at ${named} (nor in ${backupsFolder}). Nothing was changed.`);
  settleInterruptedRestore(file);
  let current: StanceDatabase | undefined;
  if (fs.existsSync(file)) {
    try {
      current = (await openCliDatabase(file, host)).db;
    } catch (error) {
      if (!(error instanceof DatabaseUnusableError)) throw error;
      output.err(`The database is damaged; it will be moved aside, not written to. (${error.message})`);
    }
  }
  const outcome = await restoreDatabase({ current, databasePath: file, backupsFolder, backupFile, now: new Date(), ...binding(host) });
  outcome.db?.close();
  if (!outcome.ok) {
    output.err(`stance restore: ${outcome.error.message}`);
    return 1;
  }
  output.out(`Restored ${backupFile} into ${file}.`);
  if (outcome.keptAside) output.out(`The database as it was is kept as ${path.join(backupsFolder, outcome.keptAside.name)}: restore it to undo.`);
  if (outcome.damagedFileMovedTo) output.out(`The damaged database was moved, untouched, to ${outcome.damagedFileMovedTo}.`);
  return 0;
}

/** `stance export --out DIR [--format json|csv] [--db PATH]`. */
export async function exportCommand(args: string[], output: Output, host: CliHost): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, out: { type: 'string' }, format: { type: 'string', default: 'json' } } });
  if (!values.out) throw new UsageError('export needs --out DIR, the folder to write into.');
  if (values.format !== 'json' && values.format !== 'csv') throw new UsageError(`--format is json or csv, not "${values.format}".`);
  const { db } = await openExistingDatabase(values.db, host);
  try {
    const now = new Date();
    const target = exportTarget(path.resolve(values.out), values.format, now);
    const result = values.format === 'json' ? writeJsonExport(db, target, now) : writeCsvExport(db, target, now);
    const total = Object.values(result.counts).reduce((sum, count) => sum + count, 0);
    output.out(`Exported ${total} records (${result.counts.runs ?? 0} runs) to ${result.path}.`);
    return 0;
  } finally {
    db.close();
  }
}

/** `stance check [--db PATH]`: integrity and references, read-only; exit status 1 when anything is wrong. */
export async function checkCommand(args: string[], output: Output, host: CliHost): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' } } });
  const report = checkDatabaseFile(databaseFile(values.db, host), binding(host));
  if (report.ok) {
    output.out(`${report.file}: ok (integrity and references; schema ${report.schemaVersion}).`);
    const backups = listBackups(backupsFolderOf(report.file));
    output.out(backups[0] ? `Newest backup: ${backups[0].name}.` : 'No backups yet.');
    return 0;
  }
  output.err(`${report.file} has problems:`);
  for (const line of new Set([...report.integrity.filter((line) => line !== 'ok'), ...report.brokenReferences])) output.err(`  ${line}`);
  output.err('Restore a backup (stance restore FILE) or open Stance to be offered the newest good one.');
  return 1;
}
