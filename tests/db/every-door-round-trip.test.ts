/**
 * What Stance stores, its export brings back (issue 23): records made through every entry point —
 * typed, FIT, GPX, TCX, a zip archive, a JSON import — with generated values including extreme but
 * real ones (paces near and past a world record, seconds-long to 25-minute runs, 1990 to now) survive
 * export → import-json into an empty database identically. A file the rules refuse stores nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addRun } from '../../src-main/db/runs';
import { exportData } from '../../src-main/db/services/export';
import { importStanceExport } from '../../src-main/db/services/import-json';
import { importActivities } from '../../src-main/import/activities';
import { importBatch } from '../../src-main/import/batch';
import { runDraftSchema } from '../../src-main/shared/contract';
import { fitActivity, straightRun } from '../formats/fit/generate-fit';
import { gpxOf, tcxOf } from '../support/activity-files';
import { proofCount } from '../support/proofs';
import { openTempDatabase } from '../support/temp-db';
import { zipOf } from '../support/zip-writer';

const NOW = new Date('2026-11-21T12:00:00Z');

const activity = fc.record({
  door: fc.constantFrom('typed', 'fit', 'fit-treadmill', 'gpx', 'tcx', 'zip'),
  // From 1990 (FIT's epoch is the end of 1989) to an hour before now, in whole minutes.
  startUtcMs: fc.integer({ min: Date.UTC(1990, 0, 2) / 60_000, max: (NOW.getTime() - 3_600_000) / 60_000 }).map((minutes) => minutes * 60_000),
  seconds: fc.oneof(fc.integer({ min: 2, max: 30 }), fc.integer({ min: 60, max: 1_500 })),
  // Walking pace to faster than a world record (10.5 m/s): those must be refused, not stored.
  metresPerSecond: fc.oneof(fc.double({ min: 0.5, max: 6, noNaN: true }), fc.double({ min: 10, max: 12, noNaN: true })),
  latitude: fc.double({ min: -60, max: 70, noNaN: true }),
});

describe('every door, then export → import-json into an empty database', () => {
  it('gives identical records', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(activity, { minLength: 1, maxLength: 6 }), async (activities) => {
        const source = await openTempDatabase();
        const target = await openTempDatabase();
        try {
          for (const [n, item] of activities.entries()) {
            const points = straightRun({ startUtcMs: item.startUtcMs, seconds: item.seconds, metresPerSecond: item.metresPerSecond, latitude: item.latitude, gps: item.door !== 'fit-treadmill' });
            const context = { file: `run-${n}`, entry: null, timeZone: 'Europe/London' };
            if (item.door === 'typed') {
              const draft = runDraftSchema.parse({ localDate: new Date(item.startUtcMs).toISOString().slice(0, 10), localTime: '12:00', timeZone: 'UTC', distanceMetres: Math.max(1, item.seconds * item.metresPerSecond), durationSeconds: item.seconds });
              try {
                addRun(source.db, { ...draft, saveAnyway: true }, NOW);
              } catch (error) {
                expect((error as { kind?: string }).kind).toBe('invalid'); // refused in words, nothing stored
              }
            } else if (item.door === 'fit' || item.door === 'fit-treadmill') {
              importActivities(source.db, fitActivity([{ sport: 1, subSport: item.door === 'fit' ? 0 : 1, points }]), context, NOW);
            } else if (item.door === 'gpx') {
              importActivities(source.db, Buffer.from(gpxOf(points)), context, NOW);
            } else if (item.door === 'tcx') {
              importActivities(source.db, Buffer.from(tcxOf(points)), context, NOW);
            } else {
              await importBatch(source.db, [{ name: `export-${n}.zip`, bytes: zipOf([{ name: `activities/${n}.fit`, bytes: fitActivity([{ sport: 1, points }]) }]) }], { timeZone: 'UTC', now: () => NOW });
            }
          }
          // A JSON import is a door too: the first export goes in, and its export comes out the same.
          const exported = exportData(source.db, NOW);
          importStanceExport(target.db, exported, NOW);
          expect(exportData(target.db, NOW).tables).toEqual(exported.tables);
        } finally {
          source.cleanup();
          target.cleanup();
        }
      }),
      { numRuns: proofCount(8, 100) },
    );
  });
});
