/**
 * One reader of the import's reader pool (reader-pool.ts): a worker thread that reads files —
 * bytes in, `readActivities` (activities.ts: the recording, its runs derived, the original
 * gzipped) out — and holds no database connection. Built as out/main/import-reader.js (the app)
 * and out/cli/import-reader.mjs (the command line).
 */
import { parentPort } from 'node:worker_threads';
import { readActivities, type ActivityContext } from './activities';
import { forTheWriter } from './reader-pool';

const port = parentPort;
if (port === null) throw new Error('import/reader-worker.ts must run as a worker thread');
port.on('message', (message: { id: number; bytes: Uint8Array; context: ActivityContext }) => {
  // What the writer uses, its big arrays handed over rather than copied (reader-pool.ts forTheWriter).
  const { read, transfer } = forTheWriter(readActivities(message.bytes, message.context));
  port.postMessage({ id: message.id, read }, transfer);
});
