/**
 * What every command of the command line shares, and nothing heavy: the output it writes to,
 * the host it runs in (Node, or the packaged app's own main process), the usage error, and where
 * the database is. The commands themselves (import-command.ts, database-commands.ts,
 * import-json-command.ts) are loaded only when run, so `stance` starts in Node's own time plus
 * what the one command needs.
 */
import path from 'node:path';
import { BACKUPS_FOLDER_NAME, DATABASE_FILE_NAME, defaultDataFolder } from '../data-folder';

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
  /** True once whoever reads `out` has gone (a closed pipe: `stance import … | head`); long commands then stop. */
  closed?: () => boolean;
}

/**
 * Where the command line runs. Under Node (`stance`, `npm run cli`) nothing needs saying. The
 * packaged app's main process (`Stance --cli …`, src-main/index.ts) passes the Electron build of
 * better-sqlite3 (native-binding.ts) and its own data folder (Electron's userData, or
 * STANCE_DATA_DIR), so both doors find the same database.
 */
export interface CliHost {
  /** better-sqlite3's native module for this runtime; Node's build in node_modules when absent. */
  nativeBinding?: string;
  /** The data folder holding stance.sqlite when no --db is given; data-folder.ts's rule when absent. */
  dataFolder?: string;
  /** The import's reader threads' script (import/reader-pool.ts); files are read on this thread when absent. */
  readerScript?: string;
}

/** The commands, by the name typed after `stance` (cli.ts loads each when it runs). */
export const COMMAND_NAMES = ['import', 'backup', 'restore', 'export', 'import-json', 'check'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** A command line the program cannot read: answered with the usage and exit status 2. */
export class UsageError extends Error {}

/** One command: its arguments (after the command's name) → exit status. */
export type Command = (args: string[], output: Output, host: CliHost) => Promise<number>;

/** The database file a command works on: --db PATH, else stance.sqlite in the host's data folder. */
export function databaseFile(dbOption: string | undefined, host: CliHost): string {
  return path.resolve(dbOption ?? path.join(host.dataFolder ?? defaultDataFolder(), DATABASE_FILE_NAME));
}

/** The backups folder beside a database file. */
export const backupsFolderOf = (file: string): string => path.join(path.dirname(file), BACKUPS_FOLDER_NAME);

/** The --db option's value, read loosely (for wording an error after the command failed). */
export function parseDbOption(args: string[]): string | undefined {
  const at = args.indexOf('--db');
  if (at >= 0) return args[at + 1];
  return args.find((arg) => arg.startsWith('--db='))?.slice('--db='.length);
}
