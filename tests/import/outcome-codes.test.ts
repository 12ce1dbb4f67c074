/**
 * The outcome codes programs decide on (shared/import-formats.ts): a GPX file the runner can date
 * says 'needs-start-time' — whether it has no times, one instant, or a clock before 1990 — and a
 * file a date cannot mend says why in a code of its own ('longer-than-one-run'), not in words
 * only; a TCX without times, which no date given is used for, is not offered a date. Imported
 * again with a date through the batch's per-file options, the untimed file becomes a run.
 * Real files through the batch into a real database.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StanceDatabase } from '../../src-main/db/open';
import type { ActivityOutcome } from '../../src-main/import/activities';
import { importBatch, type ImportSource } from '../../src-main/import/batch';
import { IMPORT_OUTCOME_CODES, REFUSAL_REASONS } from '../../src-main/shared/import-formats';
import { needsDate } from '../../src-renderer/src/api/import-job-state';
import { gpxOf, walk } from '../support/gpx-build';
import { countRows, openTempDatabase } from '../support/temp-db';

let db: StanceDatabase;
let cleanup: () => void;
beforeEach(async () => {
  ({ db, cleanup } = await openTempDatabase());
});
afterEach(() => cleanup());

const START = Date.parse('2026-05-02T07:00:00Z');
const untimed = walk({ startMs: START, points: 400, stepMetres: 3 }).map((point) => ({ ...point, time: null }));
const oneInstant = walk({ startMs: START, points: 400, stepMetres: 3 }).map((point) => ({ ...point, time: START }));
/** A point a minute for eleven days: a clock gone wrong, not a run. */
const elevenDays = walk({ startMs: START, points: 11 * 24 * 60, stepMetres: 3, stepSeconds: 60 });
const tcxUntimed = `<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities><Activity Sport="Running"><Id>2026-05-02T07:00:00Z</Id><Lap StartTime="2026-05-02T07:00:00Z"><Track>${untimed
  .map((point) => `<Trackpoint><Position><LatitudeDegrees>${point.lat}</LatitudeDegrees><LongitudeDegrees>${point.lon}</LongitudeDegrees></Position></Trackpoint>`)
  .join('')}</Track></Lap></Activity></Activities></TrainingCenterDatabase>`;

async function importAll(sources: ImportSource[]): Promise<ActivityOutcome[]> {
  const outcomes: ActivityOutcome[] = [];
  await importBatch(db, sources, { timeZone: 'Europe/London', now: () => new Date('2026-06-01T12:00:00Z'), onOutcome: (o) => outcomes.push(o) });
  return outcomes;
}

const file = (name: string, text: string): ImportSource => ({ name, bytes: new TextEncoder().encode(text) });

describe('outcome codes', () => {
  it('one list: every refusal reason is an outcome code', () => {
    for (const reason of REFUSAL_REASONS) expect(IMPORT_OUTCOME_CODES).toContain(reason);
  });

  it('a GPX file a date can mend says needs-start-time; one it cannot says its own code; a TCX is not offered a date', async () => {
    const outcomes = await importAll([
      file('untimed.gpx', gpxOf([{ segments: [untimed] }])),
      file('one-instant.gpx', gpxOf([{ segments: [oneInstant] }])),
      file('eleven-days.gpx', gpxOf([{ segments: [elevenDays] }])),
      file('untimed.tcx', tcxUntimed),
    ]);
    expect(outcomes.map((o) => [o.file, o.status, o.code])).toEqual([
      ['untimed.gpx', 'refused', 'needs-start-time'],
      ['one-instant.gpx', 'refused', 'needs-start-time'],
      ['eleven-days.gpx', 'refused', 'longer-than-one-run'],
      ['untimed.tcx', 'refused', expect.not.stringMatching(/^needs-start-time$/)],
    ]);
    expect(outcomes.map(needsDate)).toEqual([true, true, false, false]);
    expect(countRows(db, 'runs')).toBe(0);
  });

  it('the untimed file sent again with its date and duration (a per-file option) becomes a run', async () => {
    const [outcome] = await importAll([{ ...file('untimed.gpx', gpxOf([{ segments: [untimed] }])), given: { startUtcMs: START, durationSeconds: 600 } }]);
    expect(outcome).toMatchObject({ status: 'imported', untimed: true, code: null });
    expect(countRows(db, 'runs')).toBe(1);
  });
});
