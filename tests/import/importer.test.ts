/**
 * The import into a real SQLite file: one run per recording, each in its own transaction; the
 * near-duplicate rule; files without times timed by the runner.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { updateSettings } from '../../src-main/db/settings';
import { importFile, type GpxImportOutcome } from '../../src-main/import/importer';
import { readRunTrack } from '../../src-main/import/from-window';
import { gpxOf, walk } from '../support/gpx-build';
import { countRows, openTempDatabase } from '../support/temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
const NOW = new Date('2024-06-01T12:00:00Z');
/** Saturday 4 May 2024, 07:00 UTC. */
const T0 = Date.UTC(2024, 4, 4, 7, 0, 0);
const DAY = 24 * 3600_000;

async function database() {
  const opened = await openTempDatabase();
  cleanups.push(opened.cleanup);
  updateSettings(opened.db, { units: 'km' });
  return opened.db;
}

/** 10.2 km in about 57 minutes at 1 Hz, heading east from (lat, lon). */
const tenK = (startMs: number, lat = 46.2, points = 3400) => walk({ startMs, points, stepMetres: 3, lat });

const importText = (db: Awaited<ReturnType<typeof database>>, text: string, extra: Partial<Parameters<typeof importFile>[1]> = {}): Promise<GpxImportOutcome[]> =>
  importFile(db, { fileName: 'runs.gpx', source: Buffer.from(text), timeZone: 'Europe/London', ...extra }, NOW);

describe('importing a file of several recordings', () => {
  it('stores each recording as its own run, and a refused one takes nothing from the others', async () => {
    const db = await database();
    const outcomes = await importText(
      db,
      gpxOf([
        { name: 'Saturday', segments: [tenK(T0)] },
        { name: 'Sunday', segments: [tenK(T0 + DAY, 46.3)] },
        { name: 'Car home', segments: [walk({ startMs: T0 + 2 * DAY, points: 600, stepMetres: 30, lat: 46.4 })] },
      ]),
    );
    expect(outcomes.map((outcome) => [outcome.track, outcome.status])).toEqual([
      [{ index: 1, name: 'Saturday' }, 'imported'],
      [{ index: 2, name: 'Sunday' }, 'imported'],
      [{ index: 3, name: 'Car home' }, 'refused'],
    ]);
    expect(countRows(db, 'runs')).toBe(2);
    expect(countRows(db, 'run_tracks')).toBe(2);
    const dates = db.prepare('SELECT local_date FROM runs ORDER BY id').all();
    expect(dates).toEqual([{ local_date: '2024-05-04' }, { local_date: '2024-05-05' }]);

    // Again: both are recognised by their own points, the refusal is the same.
    const again = await importText(db, gpxOf([
      { name: 'Saturday', segments: [tenK(T0)] },
      { name: 'Sunday', segments: [tenK(T0 + DAY, 46.3)] },
      { name: 'Car home', segments: [walk({ startMs: T0 + 2 * DAY, points: 600, stepMetres: 30, lat: 46.4 })] },
    ]));
    expect(again.map((outcome) => outcome.status)).toEqual(['duplicate', 'duplicate', 'refused']);
    expect(countRows(db, 'runs')).toBe(2);
  });

  it('a file refused as a whole gives one outcome without a track, and writes nothing', async () => {
    const db = await database();
    const outcomes = await importText(db, '<gpx><metadata><name>a & b</name></metadata></gpx>');
    expect(outcomes).toEqual([
      expect.objectContaining({ track: null, status: 'refused', refusal: 'malformed-xml' }),
    ]);
    expect(countRows(db, 'runs')).toBe(0);
  });
});

describe('near-duplicates: the same run from another device or export', () => {
  it('a run starting within 2 minutes of one in Stance, with a distance within 3 %, is skipped with the run it probably is', async () => {
    const db = await database();
    const [first] = await importText(db, gpxOf([{ segments: [tenK(T0)] }]));
    expect(first).toMatchObject({ status: 'imported' });
    // The phone: started 90 s later, stopped a little earlier (2 % shorter), other points.
    const [phone] = await importText(db, gpxOf([{ segments: [walk({ startMs: T0 + 90_000, points: 3333, stepMetres: 3, lat: 46.20002 })] }]));
    expect(phone).toMatchObject({ status: 'duplicate', duplicateOf: 'near', runId: (first as { runId: number }).runId });
    expect((phone as { reason: string }).reason).toBe(
      'Skipped: probably the same run as Sat 4 May, 10.2 km (it started within 2 minutes of it and its distance is within 3 %).',
    );
    expect(countRows(db, 'runs')).toBe(1);
    // "Import anyway".
    const [anyway] = await importText(db, gpxOf([{ segments: [walk({ startMs: T0 + 90_000, points: 3333, stepMetres: 3, lat: 46.20002 })] }]), { allowNearDuplicates: true });
    expect(anyway).toMatchObject({ status: 'imported' });
    expect(countRows(db, 'runs')).toBe(2);
  });

  it('starting over 2 minutes apart, or over 3 % longer, is another run', async () => {
    const db = await database();
    await importText(db, gpxOf([{ segments: [tenK(T0)] }]));
    const [later] = await importText(db, gpxOf([{ segments: [walk({ startMs: T0 + 121_000, points: 3400, stepMetres: 3, lat: 46.21 })] }]));
    expect(later).toMatchObject({ status: 'imported' });
    const [longer] = await importText(db, gpxOf([{ segments: [walk({ startMs: T0 - 60_000, points: 3550, stepMetres: 3, lat: 46.22 })] }]));
    expect(longer).toMatchObject({ status: 'imported' });
    expect(countRows(db, 'runs')).toBe(3);
  });
});

describe('a file without times, timed by the runner', () => {
  const untimed = gpxOf([{ name: 'Lakeside', segments: [tenK(T0).map((point) => ({ ...point, time: null }))] }]);

  it('is refused without a duration, and stored with the start and duration given', async () => {
    const db = await database();
    const [noTimes] = await importText(db, untimed);
    expect(noTimes).toMatchObject({ status: 'refused', refusal: 'no-times' });
    const [noDuration] = await importText(db, untimed, { given: { startUtcMs: T0 } });
    expect(noDuration).toMatchObject({ status: 'refused', refusal: 'no-duration' });
    expect(countRows(db, 'runs')).toBe(0);

    const [imported] = await importText(db, untimed, { given: { startUtcMs: T0, durationSeconds: 3600 } });
    expect(imported).toMatchObject({ status: 'imported', untimed: true });
    const row = db.prepare('SELECT local_date, local_time, duration_s, moving_s FROM runs').get();
    expect(row).toEqual({ local_date: '2024-05-04', local_time: '08:00', duration_s: 3600, moving_s: null });
    // The run page: no times, no splits, and the untimed sentence is said once, beside the chart, not among the notes.
    const track = readRunTrack(db, (imported as { runId: number }).runId)!;
    expect(track.hasTimes).toBe(false);
    expect(track.splits).toEqual({ km: [], mi: [] });
    expect(track.profile.paceSecondsPerKm.every((pace) => pace === null)).toBe(true);
    expect(track.warnings).toEqual([]);
  });
});
