/**
 * The memory and stack of an import's threads (the import worker, jobs.ts, and its readers,
 * reader-pool.ts): one set for both, so that a file fails or succeeds alike wherever it is read.
 * A thread that needs more is ended by V8, never the app, and its file is refused in words.
 */
import type { ResourceLimits } from 'node:worker_threads';

/**
 * The worker's memory: 1 GB of old generation is ten times what the largest real activity needs
 * (a 24-hour FIT file decodes in under 100 MB); the stack is the default's double. The young
 * generation (where a file's short-lived objects are made and die) is kept at 16 MB: a bigger one
 * only holds more garbage between collections — with 64 MB for the worker and each reader the
 * 1,000-activity archive peaked about 110 MB higher (bench/archive.bench.ts), for no measurable
 * gain in CPU time.
 */
export const WORKER_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 16, stackSizeMb: 8 };
