/**
 * How far a batch reads ahead of its one writer (src-main/import/batch.ts with reader threads,
 * reader-pool.ts): at most `depth` files and `readAheadBytes` bytes are held at once — a file
 * bigger than the bound is read alone — so an archive of day-long FIT files or a 100 MB GPX is
 * never read four at a time. The readers here are stand-ins that read on this thread and record
 * what they hold; every file of the archive is still imported, in order.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { readActivities, type ActivityContext, type ReadActivities } from '../../src-main/import/activities';
import { importBatch } from '../../src-main/import/batch';
import type { ReaderPool } from '../../src-main/import/reader-pool';
import { openTempDatabase } from '../support/temp-db';
import { gpxOf } from '../support/activity-files';
import { straightRun } from '../formats/fit/generate-fit';
import { zipOf } from '../support/zip-writer';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** Stand-in readers recording the most bytes and files read ahead at once: from being given a file until the writer stores it (its outcome). */
function recordingReaders(depth: number, readAheadBytes: number) {
  let heldBytes = 0;
  const held = new Map<string | null, number>();
  const most = { bytes: 0, files: 0, largestFile: 0 };
  const pool = {
    depth,
    readAheadBytes,
    read(bytes: Uint8Array, context: ActivityContext): Promise<ReadActivities> {
      const size = bytes.length;
      held.set(context.entry, size);
      heldBytes += size;
      most.bytes = Math.max(most.bytes, heldBytes);
      most.files = Math.max(most.files, held.size);
      most.largestFile = Math.max(most.largestFile, size);
      const read = readActivities(bytes, context);
      return new Promise((resolve) => setTimeout(() => resolve(read), 1));
    },
  };
  const stored = (entry: string | null): void => {
    heldBytes -= held.get(entry) ?? 0;
    held.delete(entry);
  };
  return { pool: pool as unknown as ReaderPool, most, stored };
}

describe('read-ahead is bounded by count and by bytes', () => {
  it('never holds more than the bound in bytes (a bigger file alone) nor more than depth files; every file is imported in order', async () => {
    const database = await openTempDatabase();
    cleanups.push(database.cleanup);
    let day = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 60, max: 2400 }), { minLength: 1, maxLength: 7 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 10_000, max: 600_000 }), async (durations, depth, bound) => {
        const members = durations.map((seconds) => {
          day += 1;
          return { name: `run-${day}.gpx`, bytes: Buffer.from(gpxOf(straightRun({ startUtcMs: Date.UTC(2020, 0, 1) + day * 86_400_000, seconds }), `Run ${day}`)) };
        });
        const archive = path.join(database.folder, `export-${day}.zip`);
        fs.writeFileSync(archive, zipOf(members));
        const { pool, most, stored } = recordingReaders(depth, bound);
        const outcomes: { entry: string | null; status: string }[] = [];
        await importBatch(database.db, [{ path: archive }], {
          timeZone: 'UTC',
          readers: pool,
          onOutcome: (outcome) => {
            stored(outcome.entry);
            outcomes.push(outcome);
          },
        });
        expect(outcomes).toEqual(members.map((member) => expect.objectContaining({ entry: member.name, status: 'imported' })));
        expect(most.files).toBeLessThanOrEqual(depth);
        expect(most.bytes).toBeLessThanOrEqual(Math.max(bound, most.largestFile));
        // A file over the bound was read alone.
        const sizes = members.map((member) => member.bytes.length);
        if (sizes.every((size) => size > bound)) expect(most.files).toBe(1);
      }),
      { numRuns: 20 },
    );
  }, 120_000);
});
