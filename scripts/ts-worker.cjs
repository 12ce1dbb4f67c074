/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS entry: tsx's CommonJS loader must be registered before the .ts is required */
// Runs a TypeScript worker-thread script from source (tests, the benchmark): Node's Worker does
// not take `--import tsx` for a .ts entry, so this JavaScript entry registers tsx's CommonJS
// loader, then loads the script named as its first argument. The built app runs
// out/main/import-worker.js directly.
require('tsx/cjs/api').register();
require(require('node:path').resolve(process.argv[2]));
