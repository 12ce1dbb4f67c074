/**
 * Stance's command line: the same core as the app, for bulk work and scripts.
 *
 *   npm run --silent cli -- import FILE_OR_FOLDER... [--db PATH] [--json] [--time-zone ZONE] [--allow-near-duplicates]
 *                               [--date YYYY-MM-DD --start HH:MM --duration H:MM:SS]
 *   npm run --silent cli -- backup | restore FILE | export --out DIR [--format json|csv] | import-json FILE | check
 *
 * Without --db it uses the app's own database (see data-folder.ts). Exit status: 0 when all
 * went well, 1 when something was refused or failed, 2 for a command line it cannot read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DatabaseUnusableError, openStanceDatabase, type StanceDatabase } from './db/open';
import { listBackups, restoreDatabase, rotateBackups, settleInterruptedRestore, takeBackup } from './db/backups';
import { checkDatabaseFile } from './db/check';
import { databaseFault } from './db/file-access';
import { exportTarget, writeCsvExport, writeJsonExport } from './db/export';
import { importStanceExport, MAX_IMPORT_BYTES, openStanceExport } from './db/import-json';
import { BACKUPS_FOLDER_NAME, DATABASE_FILE_NAME, defaultDataFolder } from './data-folder';
import type { ActivityOutcome } from './import/activities';
import { importBatch, type BatchSummary } from './import/batch';
import { localToUtc } from './db/local-time';
import { MAX_RUN_SECONDS } from './shared/contract';
import { parseDuration } from './shared/units';
import { isCalendarDate, isClockTime, isTimeZone } from './shared/validation';

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
  /** True once whoever reads `out` has gone (a closed pipe: `stance import … | head`); long commands then stop. */
  closed?: () => boolean;
}

const USAGE = `Usage:
  stance import FILE_OR_FOLDER... [--db PATH] [--json] [--time-zone ZONE] [--allow-near-duplicates]
               [--date YYYY-MM-DD --start HH:MM --duration H:MM:SS]
      Import runs from GPX, FIT and TCX files, .gz of them, .zip archives (Strava's and Garmin's
      exports too) and folders of any of these. Only running activities become runs; other sports
      are skipped; every recording in a file becomes its own run. A GPX file without times is
      imported with the --date, --start and --duration given. With --json, one JSON object per
      activity: file, entry, recording, track {index, name}, status (imported | duplicate |
      skipped | refused), sport, format, device, runId, distanceMetres, points, reason, warnings.
  stance backup [--db PATH]
      Write a verified backup (integrity-checked copy) into the backups folder beside the database.
  stance restore FILE [--db PATH]
      Replace the database with a backup (a path, or a name in the backups folder). The database as
      it was is kept first as a before-restore backup, so the restore can be undone.
  stance export --out DIR [--format json|csv] [--db PATH]
      Export everything: one versioned JSON file (default), or one CSV file per table.
  stance import-json FILE [--db PATH]
      Import a Stance JSON export; records already in the database are recognised, not duplicated.
  stance check [--db PATH]
      Check the database's integrity and references, read-only. Exit status 1 if anything is wrong.

Every command takes --db PATH; without it, the app's own database is used.`;

class UsageError extends Error {}

/** The --db option's value, read loosely (for wording an error after the command failed). */
function parseDbOption(args: string[]): string | undefined {
  const at = args.indexOf('--db');
  if (at >= 0) return args[at + 1];
  return args.find((arg) => arg.startsWith('--db='))?.slice('--db='.length);
}

function databaseFile(dbOption: string | undefined): string {
  return path.resolve(dbOption ?? path.join(defaultDataFolder(), DATABASE_FILE_NAME));
}

/** Opens an existing database (never creating one: backing up or exporting nothing is a mistake). */
async function openExistingDatabase(dbOption: string | undefined): Promise<{ db: StanceDatabase; file: string }> {
  const file = databaseFile(dbOption);
  settleInterruptedRestore(file); // a restore cut short may have left the database under another name
  if (!fs.existsSync(file)) throw new Error(`There is no Stance database at ${file}. Give its path with --db.`);
  return openCliDatabase(file);
}

export async function openCliDatabase(dbOption: string | undefined): Promise<{ db: StanceDatabase; file: string }> {
  const file = databaseFile(dbOption);
  const db = await openStanceDatabase(file, { backupsFolder: path.join(path.dirname(file), BACKUPS_FOLDER_NAME) });
  return { db, file };
}

/** Checks that every file or folder named exists (a missing one is a command-line mistake). */
function checkTargets(targets: string[]): void {
  for (const target of targets) {
    if (!fs.existsSync(target)) throw new UsageError(`No such file or folder: ${target}`);
  }
}

/**
 * One line of `import --json`: one activity (a FIT session, a TCX activity, a GPX recording, an
 * archive member). `recording` is the 1-based number of the recording in a file of several (else
 * null); `track` is the same recording as {index, name} (its first GPX track's name), kept for
 * scripts written against the GPX-only import.
 */
function jsonLine(outcome: ActivityOutcome): string {
  return JSON.stringify({
    file: outcome.file,
    entry: outcome.entry,
    recording: outcome.recording,
    track: outcome.track,
    status: outcome.status,
    sport: outcome.sport,
    format: outcome.format,
    device: outcome.deviceName,
    runId: outcome.runId,
    distanceMetres: outcome.distanceMetres === null ? null : Math.round(outcome.distanceMetres * 10) / 10,
    points: outcome.points,
    reason: cliReason(outcome),
    warnings: outcome.warnings,
  });
}

/** The options that time an untimed file, named in refusals so a runner can act on them. */
const UNTIMED_OPTIONS = '--date YYYY-MM-DD --start HH:MM --duration H:MM:SS';

/** A refusal's reason as the command line says it: where the window asks for a date, the CLI names its options. */
function cliReason(outcome: ActivityOutcome): string | null {
  if (outcome.reason === null) return null;
  if (outcome.status === 'refused' && outcome.code === 'needs-start-time') {
    return `${outcome.reason} (stance import FILE ${UNTIMED_OPTIONS})`;
  }
  if (outcome.code === 'near-duplicate') return `${outcome.reason} To import it anyway: --allow-near-duplicates.`;
  return outcome.reason;
}

function where(outcome: ActivityOutcome): string {
  const member = outcome.entry === null ? '' : ` › ${outcome.entry}`;
  if (outcome.recording === null) return `${outcome.file}${member}`;
  const kind = outcome.format === 'gpx' ? 'track' : 'activity';
  const name = outcome.track?.name ?? null;
  return `${outcome.file}${member} [${kind} ${outcome.recording}${name === null ? '' : ` “${name}”`}]`;
}

function textLine(outcome: ActivityOutcome): string {
  switch (outcome.status) {
    case 'imported':
      return `imported   ${where(outcome)}: ${((outcome.distanceMetres ?? 0) / 1000).toFixed(2)} km, ${outcome.points ?? 0} points (run ${outcome.runId})${outcome.warnings.map((warning) => `\n           warning: ${warning}`).join('')}`;
    case 'duplicate':
      return `duplicate  ${where(outcome)}: ${outcome.code === 'near-duplicate' ? (cliReason(outcome) ?? '') : `already in Stance as run ${outcome.runId}`}`;
    case 'skipped':
      return `skipped    ${where(outcome)}: ${outcome.reason ?? ''}`;
    default:
      return `refused    ${where(outcome)}: ${cliReason(outcome) ?? ''}`;
  }
}

/** A start and duration given on the command line for untimed files, checked; undefined when none given. */
function givenStart(values: { date?: string; start?: string; duration?: string }, timeZone: string): { startUtcMs: number; durationSeconds?: number } | undefined {
  if (values.date === undefined && values.start === undefined && values.duration === undefined) return undefined;
  if (values.date === undefined || values.start === undefined) throw new UsageError(`A file without times needs both --date and --start: ${UNTIMED_OPTIONS}`);
  if (!isCalendarDate(values.date)) throw new UsageError(`--date must be a date as YYYY-MM-DD, e.g. 2024-05-04 (not "${values.date}").`);
  if (!isClockTime(values.start)) throw new UsageError(`--start must be a time as HH:MM, e.g. 07:30 (not "${values.start}").`);
  let durationSeconds: number | undefined;
  if (values.duration !== undefined) {
    const parsed = parseDuration(values.duration);
    if (parsed === null || !(parsed > 0) || parsed > MAX_RUN_SECONDS) {
      throw new UsageError(`--duration must be how long the run took, as H:MM:SS or MM:SS, e.g. 0:45:00 (not "${values.duration}").`);
    }
    durationSeconds = parsed;
  }
  const startUtcMs = localToUtc(values.date, values.start, timeZone).getTime();
  return { startUtcMs, ...(durationSeconds !== undefined ? { durationSeconds } : {}) };
}

async function importCommand(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
      'time-zone': { type: 'string' },
      date: { type: 'string' },
      start: { type: 'string' },
      duration: { type: 'string' },
      'allow-near-duplicates': { type: 'boolean', default: false },
    },
  });
  if (positionals.length === 0) throw new UsageError('import needs at least one file, archive or folder.');
  const timeZone = values['time-zone'] ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  if (!isTimeZone(timeZone)) throw new UsageError(`Unknown time zone: ${timeZone}`);
  const given = givenStart(values, timeZone);
  checkTargets(positionals);
  const { db } = await openCliDatabase(values.db);
  // A closed pipe (`| head`) stops the batch between files, quietly.
  const stop = new AbortController();
  let summary: BatchSummary;
  try {
    summary = await importBatch(
      db,
      positionals.map((target) => ({ path: target })),
      {
        timeZone,
        allowNearDuplicates: values['allow-near-duplicates'],
        ...(given ? { given } : {}),
        signal: stop.signal,
        onOutcome: (outcome) => {
          if (output.closed?.() === true) {
            stop.abort();
            return;
          }
          output.out(values.json ? jsonLine(outcome) : textLine(outcome));
        },
        onProgress: () => {
          if (output.closed?.() === true) stop.abort();
        },
      },
    );
  } finally {
    db.close();
  }
  if (!values.json && output.closed?.() !== true) {
    const skipped = summary.skipped > 0 ? `, ${summary.skipped} other sports skipped` : '';
    output.err(`${summary.imported} imported, ${summary.duplicate} duplicates skipped${skipped}, ${summary.refused} refused.`);
    if (summary.gearOffered.length > 0) output.err(`Gear in the export that matches none of your shoes: ${summary.gearOffered.join(', ')} (add them in Settings › Shoes).`);
  }
  return summary.refused > 0 ? 1 : 0;
}

const backupsFolderOf = (file: string) => path.join(path.dirname(file), BACKUPS_FOLDER_NAME);
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function backupCommand(args: string[], output: Output): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' } } });
  const { db, file } = await openExistingDatabase(values.db);
  try {
    const backup = await takeBackup(db, backupsFolderOf(file), 'manual', new Date());
    rotateBackups(backupsFolderOf(file), new Date());
    output.out(`Backed up ${file} to ${path.join(backupsFolderOf(file), backup.name)} (${megabytes(backup.sizeBytes)}, integrity checked).`);
    return 0;
  } finally {
    db.close();
  }
}

async function restoreCommand(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { db: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('restore needs exactly one backup file.');
  const file = databaseFile(values.db);
  const backupsFolder = backupsFolderOf(file);
  const named = positionals[0]!;
  const backupFile = fs.existsSync(named) ? path.resolve(named) : path.join(backupsFolder, path.basename(named));
  if (!fs.existsSync(backupFile)) throw new Error(`There is no backup at ${named} (nor in ${backupsFolder}). Nothing was changed.`);
  settleInterruptedRestore(file);
  let current: StanceDatabase | undefined;
  if (fs.existsSync(file)) {
    try {
      current = (await openCliDatabase(file)).db;
    } catch (error) {
      if (!(error instanceof DatabaseUnusableError)) throw error;
      output.err(`The database is damaged; it will be moved aside, not written to. (${error.message})`);
    }
  }
  const outcome = await restoreDatabase({ current, databasePath: file, backupsFolder, backupFile, now: new Date() });
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

async function exportCommand(args: string[], output: Output): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, out: { type: 'string' }, format: { type: 'string', default: 'json' } } });
  if (!values.out) throw new UsageError('export needs --out DIR, the folder to write into.');
  if (values.format !== 'json' && values.format !== 'csv') throw new UsageError(`--format is json or csv, not "${values.format}".`);
  const { db } = await openExistingDatabase(values.db);
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

async function importJsonCommand(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { db: { type: 'string' } } });
  if (positionals.length !== 1) throw new UsageError('import-json needs exactly one export file.');
  const source = path.resolve(positionals[0]!);
  const stat = fs.statSync(source, { throwIfNoEntry: false });
  if (!stat?.isFile()) throw new UsageError(`No such file: ${positionals[0]}`);
  if (stat.size > MAX_IMPORT_BYTES) throw new Error('That file is over 8 GB, too large to be a Stance export. Nothing was imported.');
  const exported = openStanceExport({ file: source }); // read as a stream: memory near the largest record
  const { db, file } = await openCliDatabase(values.db);
  try {
    const backup = await takeBackup(db, backupsFolderOf(file), 'before-import', new Date());
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

async function checkCommand(args: string[], output: Output): Promise<number> {
  const { values } = parseArgs({ args, options: { db: { type: 'string' } } });
  const report = checkDatabaseFile(databaseFile(values.db));
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

const commands: Record<string, (args: string[], output: Output) => Promise<number>> = {
  import: importCommand,
  backup: backupCommand,
  restore: restoreCommand,
  export: exportCommand,
  'import-json': importJsonCommand,
  check: checkCommand,
};

export async function runCli(argv: string[], output: Output): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    output.out(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    output.err(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command(args, output);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      output.err(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    const worded = databaseFault(error, databaseFile(parseDbOption(args)));
    output.err(`stance ${name}: ${(worded ?? (error as Error)).message}`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /cli\.(ts|js|cjs|mjs)$/.test(process.argv[1]);
if (invokedDirectly) {
  // A closed pipe (`stance import … | head`) is not an error: stop writing, finish quietly, and exit
  // with the status the command had reached — never an EPIPE stack trace.
  let stdoutClosed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    stdoutClosed = true;
  });
  const output: Output = {
    out: (line) => {
      if (!stdoutClosed) process.stdout.write(`${line}\n`);
    },
    err: (line) => process.stderr.write(`${line}\n`),
    closed: () => stdoutClosed,
  };
  runCli(process.argv.slice(2), output).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
