import os from 'node:os';
import path from 'node:path';

/**
 * The folder Electron calls userData for an app named "Stance", worked out without Electron so
 * the command line finds the app's own database: STANCE_DATA_DIR if set, else
 * ~/.config/Stance (Linux, or $XDG_CONFIG_HOME/Stance), ~/Library/Application Support/Stance
 * (macOS), %APPDATA%\Stance (Windows).
 */
export function defaultDataFolder(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  if (env.STANCE_DATA_DIR) return path.resolve(env.STANCE_DATA_DIR);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Stance');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Stance');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Stance');
}

export const DATABASE_FILE_NAME = 'stance.sqlite';
export const BACKUPS_FOLDER_NAME = 'backups';
