#!/usr/bin/env node
/**
 * Builds better-sqlite3 for Electron's ABI into native/electron-<version>/better_sqlite3.node,
 * leaving node_modules/better-sqlite3 (Node's build, used by the tests and the CLI) untouched.
 * The app loads the Electron build through better-sqlite3's `nativeBinding` option.
 *
 * It copies the package to a scratch folder and runs @electron/rebuild there (a prebuilt
 * binary when one is published for this Electron, else a compile against Electron's headers).
 * Needs the network the first time for each Electron version; afterwards it does nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const targetFolder = path.join(root, 'native', `electron-${electronVersion}`);
const target = path.join(targetFolder, 'better_sqlite3.node');

/** electron-builder ships native/packaging/better_sqlite3.node as an extra resource. */
function stageForPackaging() {
  const packaging = path.join(root, 'native', 'packaging');
  fs.mkdirSync(packaging, { recursive: true });
  fs.copyFileSync(target, path.join(packaging, 'better_sqlite3.node'));
}

if (fs.existsSync(target)) {
  stageForPackaging();
  console.log(`better-sqlite3 for Electron ${electronVersion}: ${path.relative(root, target)} (already built)`);
  process.exit(0);
}

const scratch = path.join(root, 'native', `.build-electron-${electronVersion}`);
fs.rmSync(scratch, { recursive: true, force: true });
const moduleCopy = path.join(scratch, 'node_modules', 'better-sqlite3');
fs.mkdirSync(moduleCopy, { recursive: true });
const source = path.join(root, 'node_modules', 'better-sqlite3');
for (const entry of ['package.json', 'binding.gyp', 'src', 'deps', 'lib']) {
  fs.cpSync(path.join(source, entry), path.join(moduleCopy, entry), { recursive: true });
}
fs.writeFileSync(
  path.join(scratch, 'package.json'),
  JSON.stringify({ name: 'stance-native-build', private: true, dependencies: { 'better-sqlite3': '*' } }),
);

console.log(`Building better-sqlite3 for Electron ${electronVersion} (once per Electron version)…`);
const { rebuild } = await import('@electron/rebuild');
try {
  await rebuild({ buildPath: scratch, electronVersion, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' });
} catch (error) {
  console.error(`Could not build better-sqlite3 for Electron ${electronVersion}: ${error?.message ?? error}`);
  console.error('This needs the network once (Electron headers or a prebuilt binary). The tests do not need it.');
  process.exit(1);
}
fs.mkdirSync(targetFolder, { recursive: true });
fs.copyFileSync(path.join(moduleCopy, 'build', 'Release', 'better_sqlite3.node'), target);
fs.rmSync(scratch, { recursive: true, force: true });
stageForPackaging();
console.log(`Built ${path.relative(root, target)}`);
