import { afterEach, describe, expect, it } from 'vitest';
import { addRun, listRuns } from '../../src-main/db/runs';
import { StanceError } from '../../src-main/shared/errors';
import { runDraftSchema } from '../../src-main/shared/contract';
import { countRows, openTempDatabase } from '../support/temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
const now = new Date('2026-11-21T12:00:00Z');

function draft(overrides: Record<string, unknown> = {}) {
  return runDraftSchema.parse({
    localDate: '2026-11-20',
    localTime: '07:30',
    timeZone: 'Europe/London',
    distanceMetres: 10_000,
    durationSeconds: 3_000,
    ...overrides,
  });
}

describe('adding a run by hand', () => {
  it('stores the start as a UTC instant with its zone and local calendar date', async () => {
    const { db, cleanup } = await openTempDatabase();
    cleanups.push(cleanup);
    const run = addRun(db, draft({ localDate: '2026-07-04', localTime: '06:15', timeZone: 'America/New_York' }), now);
    expect(run).toMatchObject({ startedAt: '2026-07-04T10:15:00Z', localDate: '2026-07-04', localTime: '06:15', timeZone: 'America/New_York' });
  });

  it('keeps the local date when the UTC date differs (an evening run in California)', async () => {
    const { db, cleanup } = await openTempDatabase();
    cleanups.push(cleanup);
    const run = addRun(db, draft({ localDate: '2026-11-20', localTime: '19:00', timeZone: 'America/Los_Angeles' }), now);
    expect(run.startedAt).toBe('2026-11-21T03:00:00Z');
    expect(run.localDate).toBe('2026-11-20');
  });

  it('moves a start in the hour skipped by the clocks going forward, as a watch would', async () => {
    const { db, cleanup } = await openTempDatabase();
    cleanups.push(cleanup);
    // UK clocks went from 01:00 GMT to 02:00 BST on 29 March 2026: 01:30 did not exist.
    const run = addRun(db, draft({ localDate: '2026-03-29', localTime: '01:30' }), now);
    expect(run.startedAt).toBe('2026-03-29T01:30:00Z');
    expect(run.localTime).toBe('02:30');
  });

  it('refuses a start in the far future and writes nothing', async () => {
    const { db, cleanup } = await openTempDatabase();
    cleanups.push(cleanup);
    expect(() => addRun(db, draft({ localDate: '2031-01-01' }), now)).toThrow(StanceError);
    expect(() => addRun(db, draft({ localDate: '2031-01-01' }), now)).toThrow('That start is in the future.');
    expect(countRows(db, 'runs')).toBe(0);
  });

  it('refuses a pace faster than a world record (a distance typed in the wrong units)', async () => {
    const { db, cleanup } = await openTempDatabase();
    cleanups.push(cleanup);
    expect(() => addRun(db, draft({ distanceMetres: 42_195, durationSeconds: 600 }), now)).toThrow(/faster than a world record/);
    expect(countRows(db, 'runs')).toBe(0);
  });
});

describe('listing runs', () => {
  it('lists newest first and filters by local date', async () => {
    const { db, cleanup } = await openTempDatabase();
    cleanups.push(cleanup);
    addRun(db, draft({ localDate: '2026-11-01' }), now);
    addRun(db, draft({ localDate: '2026-11-15' }), now);
    addRun(db, draft({ localDate: '2026-11-08' }), now);
    expect(listRuns(db, {}).map((run) => run.localDate)).toEqual(['2026-11-15', '2026-11-08', '2026-11-01']);
    expect(listRuns(db, { fromDate: '2026-11-05', toDate: '2026-11-10' }).map((run) => run.localDate)).toEqual(['2026-11-08']);
  });
});
