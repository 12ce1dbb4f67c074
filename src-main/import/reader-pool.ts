/**
 * Readers in worker threads, one writer: a batch's files are read (parsed, derived, their
 * originals gzipped — `readActivities`, activities.ts) by a pool of worker threads, so an import
 * uses every core, while the batch's own thread stores each result in file order, one
 * transaction per run (SQLite has one writer at a time; the storing is the short part).
 *
 * The readers hold no database connection and no state between files. A reader that dies on a
 * file (its memory limit, a crash) fails that file only: its task is rejected (the batch makes it
 * a refused outcome) and a new reader takes its place.
 *
 * What crosses the threads is kept to what the other side uses, and big arrays are handed over
 * (transferred: the memory moves, nothing is copied, and the sender's copy is gone at once rather
 * than left to its garbage collector):
 *  - to a reader, the file's bytes — handed over when the caller says they are its own
 *    (`handOver`) and they span their whole buffer (never a slice of Node's shared Buffer pool),
 *    else copied;
 *  - back, `forTheWriter(read)`: the recording without its points (storing reads only its
 *    metadata and tracks; the runs carry their own streams), each run's streams and the gzipped
 *    original handed over.
 *
 * Protocol: parent → reader `{ id, bytes, context }`; reader → parent `{ id, read }` (ReadActivities).
 * The reader's script is import/reader-worker.ts (built as out/main/import-reader.js for the app,
 * out/cli/import-reader.mjs for the command line).
 */
import os from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { ActivityContext, ReadActivities } from './activities';
import type { RunStreams } from '../track/derive';
import type { TrackPointColumns } from '../track/point-columns';

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
  handOver: boolean;
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

  /**
   * Reads one file's bytes in a reader; resolves with what `readActivities` gives (its recording
   * without points, see `forTheWriter`), rejects if the reader died on it. `handOver`: the bytes
   * are the caller's own and unused after this call, so they may be transferred, not copied
   * (they are, when they span their whole ArrayBuffer; the caller's view is then emptied).
   */
  read(bytes: Uint8Array, context: ActivityContext, options: { handOver?: boolean } = {}): Promise<ReadActivities> {
    if (this.closed) return Promise.reject(new Error('The readers were closed.'));
    while (this.readers.length < this.size) this.readers.push(this.start());
    return new Promise<ReadActivities>((resolve, reject) => {
      this.waiting.push({ id: this.nextId++, bytes, handOver: options.handOver === true, context, resolve, reject });
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
      const transfer = task.handOver && spansItsBuffer(task.bytes) ? [task.bytes.buffer as ArrayBuffer] : [];
      reader.worker.postMessage({ id: task.id, bytes: task.bytes, context: task.context }, transfer);
      task.bytes = EMPTY_BYTES; // the reader has them now
    }
    for (const reader of this.readers) if (reader.task === null) reader.worker.unref();
  }
}

const EMPTY_BYTES = new Uint8Array(0);

/** A typed array that is the whole of its ArrayBuffer (not a slice of a bigger one, such as Node's shared Buffer pool). */
function spansItsBuffer(array: ArrayBufferView): boolean {
  return array.byteOffset === 0 && array.byteLength === array.buffer.byteLength && array.buffer instanceof ArrayBuffer;
}

/** A recording's points, none: what crosses to the writer in place of the points it never reads. */
function noPoints(): TrackPointColumns {
  return {
    count: 0,
    latitude: new Float64Array(0),
    longitude: new Float64Array(0),
    elevationMetres: new Float32Array(0),
    utcMs: new Float64Array(0),
    heartRate: new Float32Array(0),
    cadence: new Float32Array(0),
    powerWatts: new Float32Array(0),
    temperatureCelsius: new Float32Array(0),
    deviceDistanceMetres: new Float64Array(0),
  };
}

/**
 * What a reader sends the writer for one read file, and the buffers to hand over with it
 * (`postMessage(message, transfer)`): the recording without its points (the writer stores the
 * runs' streams, and reads only the recording's metadata and tracks), each run's streams as
 * arrays of their own (a view on part of a bigger buffer is copied out first; structured clone
 * would copy the whole buffer), and the gzipped original. The reader must not use `read` after.
 */
export function forTheWriter(read: ReadActivities): { read: ReadActivities; transfer: ArrayBuffer[] } {
  const transfer = new Set<ArrayBuffer>();
  const own = <T extends Float64Array | Float32Array | Uint32Array | Uint8Array>(array: T): T => {
    // A copy of its own (a Buffer's slice() would be a view on the same memory, possibly Node's shared pool).
    const mine = spansItsBuffer(array) && !transfer.has(array.buffer as ArrayBuffer) ? array : array instanceof Uint8Array ? (new Uint8Array(array) as T) : (array.slice() as T);
    transfer.add(mine.buffer as ArrayBuffer);
    return mine;
  };
  const derived = read.derived.map((item) => {
    if (!('run' in item)) return item;
    const streams = item.run.streams;
    const owned: RunStreams = {
      latitude: own(streams.latitude),
      longitude: own(streams.longitude),
      elevationMetres: own(streams.elevationMetres),
      secondsFromStart: own(streams.secondsFromStart),
      metresFromStart: own(streams.metresFromStart),
      heartRate: own(streams.heartRate),
      cadence: own(streams.cadence),
      powerWatts: own(streams.powerWatts),
      pieceStarts: own(streams.pieceStarts),
    };
    return { ...item, run: { ...item.run, streams: owned } };
  });
  const recording = read.recording === null ? null : { ...read.recording, points: noPoints(), segmentStarts: new Uint32Array(0) };
  const original = read.original === null ? null : own(read.original);
  return { read: { recording, derived, original }, transfer: [...transfer] };
}
