/**
 * The file import checks every run with its table's rule before storing it (issue 23): what the
 * rules refuse is that file's worded outcome, nothing is stored, and the export of what was
 * stored imports into an empty database whole. The cases, as examples of their kinds.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StanceDatabase } from '../../src-main/db/open';
import { importActivities, type ActivityOutcome } from '../../src-main/import/activities';
import { exportData } from '../../src-main/db/services/export';
import { importStanceExport } from '../../src-main/db/services/import-json';
import { fitActivity, straightRun, type FitPoint } from '../formats/fit/generate-fit';
import { gpxOf, tcxOf } from '../support/activity-files';
import { countRows, openTempDatabase } from '../support/temp-db';
import { updateSettings } from '../../src-main/db/settings';

const NOW = new Date('2026-11-21T12:00:00Z');
let db: StanceDatabase;
let cleanup: () => void;
const others: (() => void)[] = [];
beforeEach(async () => {
  ({ db, cleanup } = await openTempDatabase());
  updateSettings(db, { units: 'km' });
});
afterEach(() => {
  cleanup();
  others.splice(0).forEach((done) => done());
});

const store = (bytes: Uint8Array | string, file: string): ActivityOutcome[] =>
  importActivities(db, typeof bytes === 'string' ? Buffer.from(bytes) : bytes, { file, entry: null, timeZone: 'Europe/London' }, NOW);

/** A run without GPS whose watch distance grows evenly to `metres` over `seconds`. */
function treadmill(startUtcMs: number, metres: number, seconds: number): FitPoint[] {
  const steps = Math.max(1, Math.min(seconds, 600));
  return Array.from({ length: steps + 1 }, (_, k) => ({ utcMs: startUtcMs + Math.round((k * seconds * 1000) / steps), distanceMetres: (k * metres) / steps, heartRate: 150 }));
}

async function exportRoundTrips(): Promise<void> {
  const target = await openTempDatabase();
  others.push(target.cleanup);
  importStanceExport(target.db, exportData(db, NOW), NOW);
  expect(countRows(target.db, 'runs')).toBe(countRows(db, 'runs'));
}

describe('files the table rules refuse are worded outcomes, and nothing is stored', () => {
  it('a FIT run at 41 km/h with GPS', async () => {
    const [outcome] = store(fitActivity([{ sport: 1, points: straightRun({ startUtcMs: Date.UTC(2026, 4, 4, 7), seconds: 1800, metresPerSecond: 41 / 3.6 }) }]), 'car.fit');
    expect(outcome).toMatchObject({ status: 'refused', code: 'implausible' });
    expect(outcome!.reason).toMatch(/^This FIT run says 20\.\d km in 0?:?30:00 on Mon 4 May 2026\. That pace is faster than a world record\. Not imported\.$/);
    expect(countRows(db, 'runs')).toBe(0);
  });

  it('FIT treadmill sessions of 999 km in 30 minutes and of 5 km in 1 second', async () => {
    const [long] = store(fitActivity([{ sport: 1, subSport: 1, points: treadmill(Date.UTC(2026, 4, 4, 7), 999_000, 1800) }]), 'belt.fit');
    expect(long).toMatchObject({ status: 'refused', code: 'implausible' });
    expect(long!.reason).toMatch(/^This FIT run on a treadmill says 999\.0 km in 0?:?30:00 .*faster than a world record.* Not imported\.$/);
    const [blink] = store(fitActivity([{ sport: 1, subSport: 1, points: treadmill(Date.UTC(2026, 4, 5, 7), 5_000, 1) }]), 'blink.fit');
    expect(blink).toMatchObject({ status: 'refused' });
    expect(blink!.reason).toMatch(/Not imported\.$|Nothing was imported\.$/);
    expect(countRows(db, 'runs')).toBe(0);
  });

  it('a TCX treadmill run whose laps claim 900 km in 10 minutes', async () => {
    const [outcome] = store(tcxOf(treadmill(Date.UTC(2026, 4, 6, 7), 900_000, 600)), 'laps.tcx');
    expect(outcome).toMatchObject({ status: 'refused' });
    expect(outcome!.reason).toMatch(/900\.0 km in 10:00 .*faster than a world record.* Not imported\.$/);
    expect(countRows(db, 'runs')).toBe(0);
  });

  it('FIT and GPX runs dated 2099 and next year', async () => {
    const in2099 = store(fitActivity([{ sport: 1, points: straightRun({ startUtcMs: Date.UTC(2099, 5, 3, 7), seconds: 1200 }) }]), '2099.fit');
    const nextYear = store(gpxOf(straightRun({ startUtcMs: Date.UTC(2027, 2, 1, 7), seconds: 1200 })), 'next-year.gpx');
    for (const [outcome] of [in2099, nextYear]) {
      expect(outcome).toMatchObject({ status: 'refused' });
      expect(outcome!.reason).toMatch(/future/);
    }
    expect(countRows(db, 'runs')).toBe(0);
  });

  it('an ordinary run beside them is stored, and the export of it all imports whole', async () => {
    store(fitActivity([{ sport: 1, points: straightRun({ startUtcMs: Date.UTC(2026, 4, 4, 7), seconds: 1800, metresPerSecond: 41 / 3.6 }) }]), 'car.fit');
    const [ok] = store(fitActivity([{ sport: 1, points: straightRun({ startUtcMs: Date.UTC(2026, 4, 7, 7), seconds: 1800 }) }]), 'easy.fit');
    expect(ok).toMatchObject({ status: 'imported' });
    await exportRoundTrips();
  });
});
