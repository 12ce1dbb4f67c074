/**
 * Stance's command line: the same core as the app, for bulk work and scripts.
 *
 *   stance import FILE_OR_FOLDER... [--db PATH] [--json] [--time-zone ZONE] [--allow-near-duplicates]
 *                [--date YYYY-MM-DD --start HH:MM --duration H:MM:SS]
 *   stance backup | restore FILE | export --out DIR [--format json|csv] | import-json FILE | check
 *
 * Three doors, one program: `npm run build` bundles it into out/cli/stance.mjs
 * (scripts/build-cli.mjs; package.json's `bin` names it `stance`, `npm run cli` runs it); the
 * packaged app answers `Stance --cli …` from its own main process, before any window
 * (src-main/index.ts, `cliArguments`); and under tsx (`node --import tsx src-main/cli.ts`) for
 * the proofs. Each command's code is loaded only when that command runs (cli/*.ts), so the
 * command line starts in Node's own time plus what that one command needs.
 *
 * Without --db it uses the app's own database (see data-folder.ts). Exit status: 0 when all
 * went well, 1 when something was refused or failed, 2 for a command line it cannot read.
 */
import { databaseFault } from './db/file-access';
import { databaseFile, parseDbOption, UsageError, type CliHost, type Command, type CommandName, type Output } from './cli/common';

export type { CliHost, Output } from './cli/common';

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

/** Each command, loaded when it is run (a dynamic import: its own chunk in the built command line). */
const commands: Record<CommandName, () => Promise<Command>> = {
  import: async () => (await import('./cli/import-command')).importCommand,
  backup: async () => (await import('./cli/database-commands')).backupCommand,
  restore: async () => (await import('./cli/database-commands')).restoreCommand,
  export: async () => (await import('./cli/database-commands')).exportCommand,
  'import-json': async () => (await import('./cli/import-json-command')).importJsonCommand,
  check: async () => (await import('./cli/database-commands')).checkCommand,
};

/**
 * Runs one command line (`argv` without the program's name: `['import', 'run.gpx', '--json']`),
 * writing to `output`; resolves to the exit status (0 done, 1 refused or failed, 2 unreadable
 * command line). Never rejects: a failure is worded on `output.err`.
 */
export async function runCli(argv: string[], output: Output, host: CliHost = {}): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    output.out(USAGE);
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(commands, name) ? commands[name as CommandName] : undefined;
  if (!load) {
    output.err(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    const command = await load();
    return await command(args, output, host);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      output.err(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    const worded = databaseFault(error, databaseFile(parseDbOption(args), host));
    output.err(`stance ${name}: ${(worded ?? (error as Error)).message}`);
    return 1;
  }
}

/**
 * Runs a command line against this process's stdout and stderr; resolves to the exit status.
 * A closed pipe (`stance import … | head`) is not an error: writing stops, the command finishes
 * quietly with the status it had reached — never an EPIPE stack trace.
 */
export function runCliInProcess(argv: string[], host: CliHost = {}): Promise<number> {
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
  return runCli(argv, output, host).catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    return 1;
  });
}

// Run from source (`node --import tsx src-main/cli.ts …`, as the proofs do). The built command
// line's entry is cli/bin.ts.
const invokedDirectly = process.argv[1] !== undefined && /cli\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  void runCliInProcess(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
