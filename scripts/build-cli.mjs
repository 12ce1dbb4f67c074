// Builds Stance's command line (`npm run build` runs this after electron-vite): src-main/cli/bin.ts
// bundled by esbuild into out/cli/stance.mjs, an ES module for Node, with each command in a chunk
// of its own (out/cli/chunks/) that is loaded only when that command runs — so `stance` starts
// in Node's own time plus what the one command needs, and no TypeScript is compiled per call.
// package.json's `bin` names it `stance`; `npm run cli` runs it.
//
// better-sqlite3 stays external (a native module: Node's build in node_modules, see README "Two
// native builds"). Bundled CommonJS packages (yauzl, fit-file-parser) call require(), so each
// chunk gets one made by createRequire.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outdir = path.join(root, 'out/cli');

fs.rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  // The command line, and the import's reader threads (src-main/import/reader-pool.ts) beside it.
  entryPoints: { stance: 'src-main/cli/bin.ts', 'import-reader': 'src-main/import/reader-worker.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  external: ['better-sqlite3'],
  banner: { js: "import { createRequire as __stanceCreateRequire } from 'node:module';\nconst require = __stanceCreateRequire(import.meta.url);" },
  legalComments: 'none',
  logLevel: 'warning',
});
// The entry runs as a program: a shebang (npm's `bin` links to it; chmod for running it by path).
const entry = path.join(outdir, 'stance.mjs');
fs.writeFileSync(entry, `#!/usr/bin/env node\n${fs.readFileSync(entry, 'utf8')}`);
fs.chmodSync(entry, 0o755);
