/**
 * The packaged app's Electron fuses, set by electron-builder at packaging (package.json
 * "build".electronFuses; https://www.electronjs.org/docs/latest/tutorial/fuses). Checked
 * against electron-builder's own configuration schema, so a misspelt fuse (which electron-builder
 * would not flip) fails here.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../support/temp-db';

const root = path.resolve(__dirname, '../..');
const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { build: Record<string, unknown> };
const scheme = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8')) as {
  definitions: Record<string, { properties: Record<string, unknown> }>;
  properties: Record<string, unknown>;
};

describe('the packaged app', () => {
  const fuses = packageJson.build.electronFuses as Record<string, boolean>;

  it('sets the fuses that lock it down', () => {
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('names only fuses electron-builder knows, and packs the app into an ASAR archive', () => {
    expect(scheme.properties).toHaveProperty('electronFuses');
    const known = Object.keys(scheme.definitions.FuseOptionsV1!.properties);
    expect(Object.keys(fuses).filter((fuse) => !known.includes(fuse))).toEqual([]);
    expect(packageJson.build.asar).not.toBe(false);
  });

  describe('its command line', () => {
    const build = packageJson.build as {
      files: string[];
      linux: { executableName?: string };
      mac: { extraResources?: { from: string; to: string }[] };
      win: { extraFiles?: { from: string; to: string }[] };
    };

    it('is the app’s executable on Linux (/usr/bin/stance in the package), and a `stance` launcher inside the app on macOS and beside it on Windows', () => {
      expect(build.linux.executableName).toBe('stance');
      expect(build.mac.extraResources).toContainEqual({ from: 'resources/launchers/stance', to: 'stance' });
      expect(build.win.extraFiles).toContainEqual({ from: 'resources/launchers/stance.cmd', to: 'stance.cmd' });
      for (const launcher of ['resources/launchers/stance', 'resources/launchers/stance.cmd']) expect(fs.existsSync(path.join(root, launcher)), launcher).toBe(true);
      // The Windows launcher runs Stance.exe beside it with --cli and every argument, and passes its exit status on.
      const cmd = fs.readFileSync(path.join(root, 'resources/launchers/stance.cmd'), 'utf8');
      expect(cmd).toContain('"%~dp0Stance.exe" --cli %*\r\n');
      expect(cmd).toContain('exit /b %ERRORLEVEL%');
      // Neither the launchers nor the Node command line's bundle go into the app's ASAR.
      expect(build.files).toEqual(expect.arrayContaining(['!out/cli/**', '!resources/launchers/**']));
    });

    it('macOS launcher: reached through a link anywhere, it runs the app’s executable with --cli and the arguments as given, and exits with its status', () => {
      const work = tempFolder('stance-launcher-');
      try {
        const contents = path.join(work.folder, 'Stance.app', 'Contents');
        fs.mkdirSync(path.join(contents, 'Resources'), { recursive: true });
        fs.mkdirSync(path.join(contents, 'MacOS'), { recursive: true });
        fs.copyFileSync(path.join(root, 'resources/launchers/stance'), path.join(contents, 'Resources', 'stance'));
        fs.chmodSync(path.join(contents, 'Resources', 'stance'), 0o755);
        // A stand-in for the app's executable: prints its arguments one a line, exits 3.
        fs.writeFileSync(path.join(contents, 'MacOS', 'Stance'), '#!/bin/sh\nfor argument in "$@"; do printf "%s\\n" "$argument"; done\nexit 3\n', { mode: 0o755 });
        fs.mkdirSync(path.join(work.folder, 'bin'));
        fs.symlinkSync(path.join('..', 'Stance.app', 'Contents', 'Resources', 'stance'), path.join(work.folder, 'bin', 'stance'));
        const result = spawnSync(path.join(work.folder, 'bin', 'stance'), ['import', 'my run.gpx', '--json'], { encoding: 'utf8' });
        expect(result.stdout).toBe('--cli\nimport\nmy run.gpx\n--json\n');
        expect(result.status).toBe(3);
      } finally {
        work.cleanup();
      }
    });
  });
});
