/**
 * The built command line's entry (out/cli/stance.mjs, package.json `bin: stance`, `npm run cli`):
 * runs the command line given to this process and exits with its status.
 */
import { runCliInProcess } from '../cli';

void runCliInProcess(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
