/**
 * One reader of the import's reader pool (reader-pool.ts): a worker thread that reads files —
 * bytes in, `readActivities` (activities.ts: the recording, its runs derived, the original
 * gzipped) out — and holds no database connection. Built as out/main/import-reader.js (the app)
 * and out/cli/import-reader.mjs (the command line).
 */
import { parentPort } from 'node:worker_threads';
import { readActivities, type ActivityContext } from './activities';

const port = parentPort;
if (port === null) throw new Error('import/reader-worker.ts must run as a worker thread');
port.on('message', (message: { id: number; bytes: Uint8Array; context: ActivityContext }) => {
  const read = readActivities(message.bytes, message.context);
  // The gzip is a fresh buffer of its own: handed over, not copied.
  const transfer = read.original !== null && read.original.byteOffset === 0 && read.original.byteLength === read.original.buffer.byteLength ? [read.original.buffer as ArrayBuffer] : [];
  port.postMessage({ id: message.id, read }, transfer);
});
