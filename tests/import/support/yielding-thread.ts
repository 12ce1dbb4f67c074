// A worker thread that does what an import thread does first (import/background-thread.ts), then
// tells its nice value as the system sees it.
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { yieldToTheWindow } from '../../../src-main/import/background-thread';

const returned = yieldToTheWindow();
parentPort?.postMessage({ returned, niceness: os.getPriority(0) });
