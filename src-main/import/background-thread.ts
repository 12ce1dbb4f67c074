/**
 * An import's threads yield the processor to the thread that answers the window.
 *
 * A batch import's reader threads (reader-pool.ts, reader-worker.ts) keep every core busy
 * parsing. On Linux each thread has its own nice value (setpriority(2), "BUGS": under NPTL the
 * nice value is a per-thread attribute, and `who` 0 means the calling thread), so a reader can
 * run at a lower priority than the main thread of the same process: the main thread, woken by a
 * message from the window, then gets a core at once instead of waiting behind readers for a
 * scheduler slice. The import goes on at full speed whenever nothing else wants the processor
 * (niceness only weighs threads against each other when they compete).
 *
 * Only the readers: the import worker (the one writer) holds SQLite's write lock and WAL locks
 * that the main process's own reads and writes may wait for, and a writer descheduled while
 * holding them would make the main thread wait longer (priority inversion). Measured on the
 * archive bench (bench/archive.bench.ts), lowering the writer too made the main thread's longest
 * stall worse, not better.
 *
 * Elsewhere it does nothing: on macOS and Windows the same call (libuv's uv_os_setpriority) sets
 * the priority of the whole process, the window's thread with it.
 */
import os from 'node:os';

/** How far below its process an import thread runs: the scheduler weighs nice 0 against +10 as 1024 to 110 (kernel/sched/core.c, sched_prio_to_weight). */
export const IMPORT_THREAD_NICENESS = 10;

/**
 * Lowers the calling thread's priority by `IMPORT_THREAD_NICENESS` (up to nice 19), on Linux
 * only; a system that refuses it leaves the thread as it was. Call it first thing in a worker
 * thread. Returns the thread's nice value after (null where nothing was done).
 */
export function yieldToTheWindow(platform: NodeJS.Platform = process.platform): number | null {
  if (platform !== 'linux') return null;
  try {
    const niceness = Math.min(19, os.getPriority(0) + IMPORT_THREAD_NICENESS);
    os.setPriority(0, niceness);
    return os.getPriority(0);
  } catch {
    return null;
  }
}
