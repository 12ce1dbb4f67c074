/**
 * An import's threads yield the processor to the window's thread (src-main/import/background-thread.ts):
 * on Linux the import thread runs at a lower priority, and the thread that answers the window keeps
 * its own; elsewhere nothing changes (there the call would lower the whole app).
 */
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { IMPORT_THREAD_NICENESS, yieldToTheWindow } from '../../src-main/import/background-thread';

const root = path.resolve(__dirname, '../..');

describe('import threads yield to the window', () => {
  it.runIf(process.platform === 'linux')('an import thread runs below the process; the main thread keeps its priority', async () => {
    const mainBefore = os.getPriority(0);
    const worker = new Worker(path.join(root, 'scripts/ts-worker.cjs'), { argv: [path.join(__dirname, 'support/yielding-thread.ts')] });
    const told = await new Promise<{ returned: number | null; niceness: number }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    const expected = Math.min(19, mainBefore + IMPORT_THREAD_NICENESS);
    expect(told).toEqual({ returned: expected, niceness: expected });
    expect(os.getPriority(0)).toBe(mainBefore);
    expect(os.getPriority(process.pid)).toBe(mainBefore);
  });

  it('does nothing on macOS and Windows, where it would lower the whole app', () => {
    const before = os.getPriority(0);
    expect(yieldToTheWindow('darwin')).toBeNull();
    expect(yieldToTheWindow('win32')).toBeNull();
    expect(os.getPriority(0)).toBe(before);
  });
});
