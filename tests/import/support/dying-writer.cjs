/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS worker entry, as scripts/ts-worker.cjs */
// The import worker (src-main/import/worker.ts), ended as a worker killed by its memory limit
// would be, around a file whose name holds "KILL-THE-WRITER":
//  - KILL-THE-WRITER: as it tells its parent it is about to open the file;
//  - KILL-THE-WRITER-ON-STORE: as it tells it is about to store what a reader read of it (the
//    second time it names the file), files after it being read ahead;
//  - KILL-THE-WRITER-AFTER-STORE: as it has told the file's outcome (stored), before it names the
//    next file.
const { parentPort } = require('node:worker_threads');
const seen = new Map();
const post = parentPort.postMessage.bind(parentPort);
parentPort.postMessage = (message, transfer) => {
  post(message, transfer);
  if (message && message.type === 'outcome' && /KILL-THE-WRITER-AFTER-STORE/.test(message.outcome.file)) process.exit(9);
  if (message && message.type === 'reading' && /KILL-THE-WRITER/.test(message.file) && !/AFTER-STORE/.test(message.file)) {
    const times = (seen.get(message.file) ?? 0) + 1;
    seen.set(message.file, times);
    if (times === (/ON-STORE/.test(message.file) ? 2 : 1)) process.exit(9);
  }
};
require('tsx/cjs/api').register();
require(require('node:path').resolve(__dirname, '../../../src-main/import/worker.ts'));
