/**
 * The shared import cases (../shared/import-cases, read in place), each with the outcome its
 * README gives, imported through the one batch path into a real database file.
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StanceDatabase } from '../../src-main/db/open';
import type { ActivityOutcome } from '../../src-main/import/activities';
import { importBatch, type BatchSummary } from '../../src-main/import/batch';
import { countRows, openTempDatabase } from '../support/temp-db';

const cases = path.resolve(__dirname, '../../../shared/import-cases');
const NOW = new Date('2026-11-29T12:00:00Z');

let db: StanceDatabase;
let cleanup: () => void;
beforeEach(async () => {
  ({ db, cleanup } = await openTempDatabase());
});
afterEach(() => cleanup());

async function importCase(file: string): Promise<{ outcomes: ActivityOutcome[]; summary: BatchSummary }> {
  const outcomes: ActivityOutcome[] = [];
  const summary = await importBatch(db, [{ path: path.join(cases, file) }], { timeZone: 'Europe/Zurich', now: () => NOW, onOutcome: (o) => outcomes.push(o) });
  return { outcomes, summary };
}

const runs = () => db.prepare('SELECT runs.local_date AS date, runs.local_time AS time, round(distance_m) AS metres, duration_s AS seconds, source, notes, (SELECT count(*) FROM run_tracks WHERE run_id = runs.id) AS tracks FROM runs ORDER BY started_at').all();

describe('the shared import cases', () => {
  it('B04: a FIT running session without records is one run of 5,000 m in 30:00, without a route', async () => {
    const { outcomes } = await importCase('B04_session_no_records.fit');
    expect(outcomes).toMatchObject([{ status: 'imported', format: 'fit', distanceMetres: 5000, points: 0 }]);
    expect(runs()).toEqual([{ date: '2024-05-04', time: '09:30', metres: 5000, seconds: 1800, source: 'fit', notes: '', tracks: 0 }]);
  });

  it('B24: a GPX track whose <type> is walking is skipped, naming walking', async () => {
    const { outcomes } = await importCase('B24_gpx_strava_type_walking.gpx');
    expect(outcomes).toMatchObject([{ status: 'skipped', code: 'other-sport', sport: 'walking' }]);
    expect(outcomes[0]!.reason).toContain('walking');
    expect(countRows(db, 'runs')).toBe(0);
  });

  it('B26: a Strava export with German headers imports the run (Morgenlauf, Pegasus 40 offered) and skips the ride', async () => {
    const { outcomes, summary } = await importCase('B26_strava_export_german_csv.zip');
    expect(outcomes.map((o) => [o.entry, o.status])).toEqual([
      ['activities/1001.gpx.gz', 'imported'],
      ['activities/1002.gpx.gz', 'skipped'],
    ]);
    expect(outcomes[1]!.reason).toBe('Strava lists this activity as a Ride, not a run, so it was skipped.');
    expect(summary.gearOffered).toEqual(['Pegasus 40']);
    expect(summary.notes).toContain('Strava’s activities.csv has German headers; it was read as such.');
    expect(db.prepare('SELECT track_name FROM run_tracks').pluck().all()).toEqual(['Morgenlauf']);
  });

  it('F1: Apple Health — the run imported from its route, the walk and the ride skipped, named', async () => {
    const { outcomes } = await importCase('F1_apple_health_export.zip');
    const imported = outcomes.filter((o) => o.status === 'imported');
    expect(imported).toHaveLength(1);
    expect(imported[0]!.entry).toContain('workout-routes/route_2024-05-04');
    expect(imported[0]!.startedAt).toBe('2024-05-04T05:30:00Z');
    expect(outcomes.filter((o) => o.status === 'skipped').map((o) => o.sport).sort()).toEqual(['cycling', 'walking']);
    const row = runs()[0] as { metres: number; tracks: number; source: string };
    expect(row).toMatchObject({ tracks: 1, source: 'gpx' });
    expect(countRows(db, 'runs')).toBe(1);
  });

  it('F2: Polar Flow — one run with its route and heart rate; the account file counted as not an activity', async () => {
    const { outcomes, summary } = await importCase('F2_polar_flow_export.zip');
    expect(outcomes).toMatchObject([{ status: 'imported', format: 'polar', sport: 'running' }]);
    expect(summary.held).toEqual([{ kind: 'polar-account', count: 1 }]);
    const row = db.prepare('SELECT runs.avg_heart_rate AS bpm, runs.started_at AS start, run_tracks.has_route AS route, runs.source FROM runs JOIN run_tracks ON run_tracks.run_id = runs.id').get();
    expect(row).toEqual({ bpm: 140, start: '2024-05-04T05:30:00Z', route: 1, source: 'polar' });
  });
});
