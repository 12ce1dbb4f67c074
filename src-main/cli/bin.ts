/**
 * The built command line's entry (out/cli/stance.mjs, package.json `bin: stance`, `npm run cli`):
 * runs the command line given to this process and exits with its status.
 */
import { fileURLToPath } from 'node:url';
import { runCliInProcess } from '../cli';

// The import's reader threads: out/cli/import-reader.mjs, built beside this file (scripts/build-cli.mjs).
const readerScript = fileURLToPath(new URL('./import-reader.mjs', import.meta.url));

void runCliInProcess(process.argv.slice(2), { readerScript }).then((code) => {
  process.exitCode = code;
});
