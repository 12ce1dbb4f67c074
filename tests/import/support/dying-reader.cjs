/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS worker entry, as scripts/ts-worker.cjs */
// A reader thread that dies on any file holding "STANCE-KILL-THE-READER" (as a reader killed by
// its memory limit would), and otherwise is the real reader (src-main/import/reader-worker.ts).
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (message) => {
  if (Buffer.from(message.bytes).includes('STANCE-KILL-THE-READER')) process.exit(7);
});
require('tsx/cjs/api').register();
require(require('node:path').resolve(__dirname, '../../../src-main/import/reader-worker.ts'));
