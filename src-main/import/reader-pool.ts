/**
 * Readers in worker threads, one writer: a batch's files are read (parsed, derived, their
 * originals gzipped — `readActivities`, activities.ts) by a pool of worker threads, so an import
 * uses every core, while the batch's own thread stores each result in file order, one
 * transaction per run (SQLite has one writer at a time; the storing is the short part).
 *
 * The readers hold no database connection and no state between files. A reader that dies on a
 * file (its memory limit, a crash) fails that file only: its task is rejected (the batch makes it
 * a refused outcome) and a new reader takes its place. Plain data crosses the threads by
 * structured clone (the file's bytes are copied, never transferred: they may share memory with
 * other buffers).
 *
 * Protocol: parent → reader `{ id, bytes, context }`; reader → parent `{ id, read }` (ReadActivities).
 * The reader's script is import/reader-worker.ts (built as out/main/import-reader.js for the app,
 * out/cli/import-reader.mjs for the command line).
 */
import os from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { ActivityContext, ReadActivities } from './activities';

export interface ReaderScript {
  /** Path of the reader's script. */
  script: string;
  /** Arguments for the script (scripts/ts-worker.cjs takes the .ts reader to run from source). */
  argv?: string[];
  /** Memory limits of each reader. */
  resourceLimits?: ResourceLimits;
}

/** How many readers a batch starts: one per core, at least one, at most four. */
export function readerCount(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(4, cores));
}

/** A reader's memory: far more than any real activity file needs (a 24-hour FIT decodes in under 100 MB). */
const READER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 64 };

interface Task {
  id: number;
  bytes: Uint8Array;
  context: ActivityContext;
  resolve: (read: ReadActivities) => void;
  reject: (error: Error) => void;
}

interface Reader {
  worker: Worker;
  task: Task | null;
}

export class ReaderPool {
  /** How many files may be read ahead of the writer (two per reader: one reading, one waiting). */
  readonly depth: number;
  private readonly readers: Reader[] = [];
  private readonly waiting: Task[] = [];
  private nextId = 1;
  private closed = false;

  private readonly size: number;

  /** No thread starts until the first file is given (an import of single files never starts one). */
  constructor(
    private readonly script: ReaderScript,
    readers: number = readerCount(),
  ) {
    this.size = readers;
    this.depth = readers * 2;
  }

  /** Reads one file's bytes in a reader; resolves with what `readActivities` gives, rejects if the reader died on it. */
  read(bytes: Uint8Array, context: ActivityContext): Promise<ReadActivities> {
    if (this.closed) return Promise.reject(new Error('The readers were closed.'));
    while (this.readers.length < this.size) this.readers.push(this.start());
    return new Promise<ReadActivities>((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, bytes, context, resolve, reject });
      this.dispatch();
    });
  }

  /** Ends every reader (tasks still waiting are rejected). */
  async close(): Promise<void> {
    this.closed = true;
    for (const task of this.waiting.splice(0)) task.reject(new Error('The readers were closed.'));
    await Promise.all(this.readers.map((reader) => reader.worker.terminate()));
  }

  private start(): Reader {
    const worker = new Worker(this.script.script, {
      resourceLimits: this.script.resourceLimits ?? READER_LIMITS,
      ...(this.script.argv ? { argv: this.script.argv } : {}),
    });
    const reader: Reader = { worker, task: null };
    worker.unref(); // an idle reader never keeps the process alive
    worker.on('message', (message: { id: number; read: ReadActivities }) => {
      const task = reader.task;
      if (task === null || task.id !== message.id) return;
      reader.task = null;
      task.resolve(message.read);
      this.dispatch();
    });
    let lastError: Error | null = null;
    worker.on('error', (error) => {
      lastError = error;
    });
    worker.on('exit', () => {
      const task = reader.task;
      reader.task = null;
      const index = this.readers.indexOf(reader);
      if (this.closed || index === -1) return;
      // Died on a file: that file fails, a new reader takes this one's place.
      this.readers[index] = this.start();
      task?.reject(lastError ?? new Error('the reader ended unexpectedly'));
      this.dispatch();
    });
    return reader;
  }

  private dispatch(): void {
    for (const reader of this.readers) {
      if (this.waiting.length === 0) return;
      if (reader.task !== null) continue;
      const task = this.waiting.shift()!;
      reader.task = task;
      reader.worker.ref();
      reader.worker.postMessage({ id: task.id, bytes: task.bytes, context: task.context });
    }
    for (const reader of this.readers) if (reader.task === null) reader.worker.unref();
  }
}
