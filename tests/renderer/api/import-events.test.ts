/**
 * The `import` event's payload (shared/import-events.ts) as the window parses it: a view main
 * sends gets through whole; anything else — junk, other JSON, a view with one field wrong — is
 * dropped, and the parser never throws (fast-check, over generated junk and generated views).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../../src-renderer/src/api/events';
import type { ImportJobView, ImportOutcomeView } from '../../../src-main/shared/import';
import { IMPORT_OUTCOME_CODES } from '../../../src-main/shared/import-formats';
import { importEventPayload } from '../../../src-main/shared/import-events';

const outcome = (index: number): ImportOutcomeView => ({
  file: 'export_2026.zip',
  entry: `activities/${index}.fit.gz`,
  recording: null,
  track: null,
  untimed: false,
  status: index % 3 === 0 ? 'skipped' : 'imported',
  sport: index % 3 === 0 ? 'Ride' : 'running',
  reason: index % 3 === 0 ? 'Strava lists this activity as a Ride, not a run, so it was skipped.' : null,
  code: index % 3 === 0 ? 'other-sport' : null,
  runId: index % 3 === 0 ? null : index,
  distanceMetres: index % 3 === 0 ? null : 5400.5,
  points: index % 3 === 0 ? null : 1800,
  startedAt: '2024-04-02T06:00:00Z',
  warnings: [],
  format: 'fit',
  deviceName: 'Garmin Forerunner 255',
});

const view: ImportJobView = {
  jobId: 3,
  progress: { filesRead: 4, filesTotal: 16, runsImported: 2, currentFile: 'activities/4.fit.gz' },
  from: 1,
  outcomes: [outcome(1), outcome(2), outcome(3)],
  outcomeCount: 4,
  summary: null,
  failure: null,
};

const finalView: ImportJobView = {
  ...view,
  summary: {
    imported: 2,
    duplicate: 0,
    skipped: 1,
    refused: 0,
    otherFiles: 42,
    held: [{ kind: 'zepp-summary', count: 40 }, { kind: 'photo', count: 2 }],
    notes: ['Strava’s activities.csv has German headers; it was read as such.'],
    whatItHeld: null,
    cancelled: false,
    gearOffered: ['Pegasus 40'],
  },
};

describe('the import event', () => {
  it('lets through a view main sends, whole', () => {
    expect(parseEvent('import', importEventPayload(view))).toEqual(view);
    expect(parseEvent('import', importEventPayload(finalView))).toEqual(finalView);
  });

  it('drops what is not a view: not text, not JSON, other JSON, a navigate payload', () => {
    for (const payload of [undefined, null, 42, view, '', 'runs', '{', '[]', 'null', '{"jobId":3}', JSON.stringify({ ...view, extra: 1 })]) {
      expect(parseEvent('import', payload)).toBeUndefined();
    }
    expect(parseEvent('navigate', importEventPayload(view))).toBeUndefined();
  });

  it('drops a view with an outcome code no one knows, or more outcomes than it counts', () => {
    const unknownCode = { ...view, outcomes: [{ ...outcome(1), code: 'more-than-ten-days' }] };
    expect(parseEvent('import', JSON.stringify(unknownCode))).toBeUndefined();
    expect(parseEvent('import', JSON.stringify({ ...view, outcomeCount: 2 }))).toBeUndefined();
    expect(IMPORT_OUTCOME_CODES).toContain('needs-start-time');
  });

  it('any junk payload is dropped, never thrown', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string(), fc.json(), fc.anything().map((value) => JSON.stringify(value) ?? '')), (payload) => {
        expect(() => parseEvent('import', payload)).not.toThrow();
        expect(parseEvent('import', payload)).toBeUndefined();
      }),
      { numRuns: 2_000 },
    );
  });

  it('a view with any one field replaced by junk is dropped, never thrown', () => {
    const paths: string[][] = [
      ['jobId'], ['from'], ['outcomeCount'], ['failure'], ['summary'], ['progress', 'filesRead'], ['progress', 'currentFile'],
      ['outcomes', '0', 'status'], ['outcomes', '0', 'code'], ['outcomes', '0', 'distanceMetres'], ['outcomes', '0', 'warnings'], ['outcomes', '0', 'format'], ['outcomes', '0', 'track'],
    ];
    const count = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 0;
    // A value that would still be valid there is not junk.
    const stillValid: Record<string, (value: unknown) => boolean> = {
      jobId: (value) => count(value) && value !== 0,
      from: count,
      outcomeCount: count,
      filesRead: count,
      distanceMetres: (value) => value === null || (typeof value === 'number' && Number.isFinite(value) && value >= 0),
      failure: (value) => value === null || typeof value === 'string',
      currentFile: (value) => value === null || typeof value === 'string',
      track: (value) => value === null,
      summary: (value) => value === null,
      status: (value) => ['imported', 'duplicate', 'skipped', 'refused'].includes(value as string),
      code: (value) => value === null || (IMPORT_OUTCOME_CODES as readonly unknown[]).includes(value),
      format: (value) => value === null || ['gpx', 'fit', 'tcx', 'strava', 'apple-health', 'polar'].includes(value as string),
      warnings: (value) => Array.isArray(value) && value.length === 0,
    };
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.object(), fc.array(fc.integer())), (path, junk) => {
        const last = path[path.length - 1] as string;
        // What goes over the wire is the JSON of it (Infinity and NaN become null).
        const sent: unknown = JSON.parse(JSON.stringify(junk) ?? 'null');
        fc.pre(!(stillValid[last]?.(sent) ?? false));
        const copy = JSON.parse(JSON.stringify(view)) as Record<string, unknown>;
        let at: Record<string, unknown> = copy;
        for (const key of path.slice(0, -1)) at = at[key] as Record<string, unknown>;
        at[last] = junk;
        expect(() => parseEvent('import', JSON.stringify(copy))).not.toThrow();
        expect(parseEvent('import', JSON.stringify(copy))).toBeUndefined();
      }),
      { numRuns: 1_000 },
    );
  });
});
