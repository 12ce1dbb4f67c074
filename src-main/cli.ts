/**
 * Stance's command line: the same core as the app, for bulk work and scripts.
 *
 *   npm run --silent cli -- import FILE_OR_FOLDER... [--db PATH] [--json] [--time-zone ZONE]
 *
 * Without --db it uses the app's own database (see data-folder.ts). Exit status: 0 when all
 * went well, 1 when something was refused or failed, 2 for a command line it cannot read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openStanceDatabase, type StanceDatabase } from './db/open';
import { BACKUPS_FOLDER_NAME, DATABASE_FILE_NAME, defaultDataFolder } from './data-folder';
import { importGpxFile } from './gpx/importer';
import { isTimeZone } from './shared/validation';
import { MAX_GPX_BYTES, tooLargeReason } from './shared/track';
import type { GpxImportOutcome } from './gpx/importer';

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

const USAGE = `Usage:
  stance import FILE_OR_FOLDER... [--db PATH] [--json] [--time-zone ZONE]
      Import GPX runs (folders are searched for .gpx files). With --json, one JSON object per file.

Every command takes --db PATH; without it, the app's own database is used.`;

class UsageError extends Error {}

export async function openCliDatabase(dbOption: string | undefined): Promise<{ db: StanceDatabase; file: string }> {
  const file = path.resolve(dbOption ?? path.join(defaultDataFolder(), DATABASE_FILE_NAME));
  const db = await openStanceDatabase(file, { backupsFolder: path.join(path.dirname(file), BACKUPS_FOLDER_NAME) });
  return { db, file };
}

/** Every .gpx file under the given files and folders, in a stable order. */
export function gpxFilesIn(targets: string[]): string[] {
  const found: string[] = [];
  const visit = (target: string) => {
    const stat = fs.statSync(target, { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`No such file or folder: ${target}`);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(target).sort()) {
        const child = path.join(target, entry);
        const childStat = fs.statSync(child, { throwIfNoEntry: false });
        if (childStat?.isDirectory() || /\.gpx$/i.test(entry)) visit(child);
      }
    } else {
      found.push(target);
    }
  };
  targets.forEach(visit);
  return found;
}

async function importCommand(args: string[], output: Output): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { db: { type: 'string' }, json: { type: 'boolean', default: false }, 'time-zone': { type: 'string' } },
  });
  if (positionals.length === 0) throw new UsageError('import needs at least one GPX file or folder.');
  const timeZone = values['time-zone'] ?? (Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC');
  if (!isTimeZone(timeZone)) throw new UsageError(`Unknown time zone: ${timeZone}`);
  const files = gpxFilesIn(positionals);
  const { db } = await openCliDatabase(values.db);
  let refused = 0;
  const counts = { imported: 0, duplicate: 0, refused: 0 };
  try {
    for (const file of files) {
      const size = fs.statSync(file).size;
      const outcome: GpxImportOutcome =
        size > MAX_GPX_BYTES
          ? { file: path.basename(file), status: 'refused', refusal: 'too-long', reason: tooLargeReason(size) }
          : await importGpxFile(db, { fileName: path.basename(file), source: fs.createReadStream(file), timeZone }, new Date());
      counts[outcome.status]++;
      if (outcome.status === 'refused') refused++;
      if (values.json) {
        output.out(
          JSON.stringify({
            file,
            status: outcome.status,
            runId: outcome.status === 'refused' ? null : outcome.runId,
            distanceMetres: outcome.status === 'refused' ? null : Math.round(outcome.distanceMetres * 10) / 10,
            points: outcome.status === 'refused' ? null : outcome.points,
            reason: outcome.status === 'imported' ? null : outcome.reason,
          }),
        );
      } else if (outcome.status === 'imported') {
        output.out(`imported   ${file}: ${(outcome.distanceMetres / 1000).toFixed(2)} km, ${outcome.points} points (run ${outcome.runId})`);
      } else if (outcome.status === 'duplicate') {
        output.out(`duplicate  ${file}: already in Stance as run ${outcome.runId}`);
      } else {
        output.out(`refused    ${file}: ${outcome.reason}`);
      }
    }
  } finally {
    db.close();
  }
  if (!values.json) output.err(`${counts.imported} imported, ${counts.duplicate} duplicates skipped, ${counts.refused} refused.`);
  return refused > 0 ? 1 : 0;
}

const commands: Record<string, (args: string[], output: Output) => Promise<number>> = {
  import: importCommand,
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
    output.err(`stance ${name}: ${(error as Error).message}`);
    return 1;
  }
}

const invokedDirectly = process.argv[1] !== undefined && /cli\.(ts|js|cjs|mjs)$/.test(process.argv[1]);
if (invokedDirectly) {
  runCli(process.argv.slice(2), { out: (line) => process.stdout.write(`${line}\n`), err: (line) => process.stderr.write(`${line}\n`) }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
