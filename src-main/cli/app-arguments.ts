/**
 * The packaged app as a command line: which of the app's launches are `stance` commands.
 * Pure (no Electron), so it is tested under Node; src-main/index.ts calls it first thing, and a
 * command line never gets a window, the single-instance lock or the app's menu.
 *
 *  - `Stance --cli import run.gpx …`: everything after `--cli` is the command line (as `stance`
 *    takes it), whatever precedes it (Chromium switches such as `--no-sandbox`);
 *  - `stance import run.gpx …`: the app's executable run with a command's name as its first
 *    argument — so the executable the Linux package links as /usr/bin/stance, or a link a runner
 *    makes to it, is the command line as it is (as VS Code's `code` is). A launch from the desktop
 *    passes file paths or URLs, never a bare command name, so it still opens the window.
 *
 * `argv` is `process.argv`; `defaultApp` is `process.defaultApp` (true under `electron .`, where
 * the app's folder is the first argument, not the app's own).
 */
import { COMMAND_NAMES } from './common';

const SPOKEN = new Set<string>([...COMMAND_NAMES, 'help', '--help', '-h']);

/** The command line the app was started with (arguments as `stance` takes them), or null for a window. */
export function commandLineOf(argv: readonly string[], defaultApp: boolean): string[] | null {
  const appArguments = argv.slice(defaultApp ? 2 : 1);
  const flag = appArguments.indexOf('--cli');
  if (flag >= 0) return appArguments.slice(flag + 1);
  // Chromium's own switches (--no-sandbox, macOS's -psn_…) may come first.
  const first = appArguments.findIndex((argument) => !argument.startsWith('-') || argument === '--help' || argument === '-h');
  if (first >= 0 && SPOKEN.has(appArguments[first]!)) return appArguments.slice(first);
  return null;
}
