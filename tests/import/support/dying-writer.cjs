/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS worker entry, as scripts/ts-worker.cjs */
// The import worker (src-main/import/worker.ts), ended as a worker killed by its memory limit
// would be: when it tells its parent it is about to work on a file whose name holds
// "KILL-THE-WRITER" — the first time (when it opens the file) or, for "KILL-THE-WRITER-ON-STORE",
// the second time (when it stores what a reader read of it, files after it being read ahead).
const { parentPort } = require('node:worker_threads');
const seen = new Map();
const post = parentPort.postMessage.bind(parentPort);
parentPort.postMessage = (message, transfer) => {
  if (message && message.type === 'reading' && /KILL-THE-WRITER/.test(message.file)) {
    const times = (seen.get(message.file) ?? 0) + 1;
    seen.set(message.file, times);
    // Told, then dead while at it (as a worker whose memory runs out working on that file).
    if (times === (/ON-STORE/.test(message.file) ? 2 : 1)) setImmediate(() => process.exit(9));
  }
  return post(message, transfer);
};
require('tsx/cjs/api').register();
require(require('node:path').resolve(__dirname, '../../../src-main/import/worker.ts'));
