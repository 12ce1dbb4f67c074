import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 is a native module, and Node and Electron need different builds of it.
 * Node (tests, the CLI) loads the build inside node_modules. Electron loads a build made for
 * its own ABI, kept apart in native/electron-<version>/ by scripts/native-for-electron.mjs
 * (and shipped as an extra resource in packaged apps), through better-sqlite3's
 * `nativeBinding` option. Nothing is ever rebuilt in place.
 */
export function electronNativeBinding(options: {
  electronVersion: string;
  packaged: boolean;
  appPath: string;
  resourcesPath: string;
}): string {
  const candidate = options.packaged
    ? path.join(options.resourcesPath, 'native', 'better_sqlite3.node')
    : path.join(options.appPath, 'native', `electron-${options.electronVersion}`, 'better_sqlite3.node');
  if (!fs.existsSync(candidate)) {
    throw new Error(
      `Stance's database driver for Electron ${options.electronVersion} is missing (${candidate}). ` +
        'Run `npm start` (it builds it) or `node scripts/native-for-electron.mjs`.',
    );
  }
  return candidate;
}
