/**
 * The packaged app's Electron fuses, set by electron-builder at packaging (package.json
 * "build".electronFuses; https://www.electronjs.org/docs/latest/tutorial/fuses). Checked
 * against electron-builder's own configuration schema, so a misspelt fuse (which electron-builder
 * would not flip) fails here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

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
});
