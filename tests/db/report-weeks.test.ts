import { afterEach, describe, expect, it } from 'vitest';
import { clinicReport } from '../../src-main/db/services/clinic';
import { addRun } from '../../src-main/db/runs';
import { openTempDatabase } from '../support/temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));
const clock = { now: new Date('2026-11-21T10:00:00Z'), timeZone: 'Europe/London' };

describe('the report’s weeks', () => {
  it('start at the week of the first run, not with empty weeks before it', async () => {
    const { db, cleanup } = await openTempDatabase();
    cleanups.push(cleanup);
    for (const localDate of ['2026-11-04', '2026-11-12', '2026-11-19']) {
      addRun(db, { localDate, localTime: '07:00', timeZone: 'Europe/London', distanceMetres: 8000, durationSeconds: 2800, effort: null, surface: null, shoeId: null, notes: '' }, clock.now);
    }
    const report = clinicReport(db, { weeks: 8 }, clock);
    expect(report.from).toBe('2026-11-02'); // the Monday of the first run's week
    expect(report.weeks).toBe(3);
    expect(report.weekRows.map((week) => week.runs)).toEqual([1, 1, 1]);
  });

  it('keep the weeks asked for when the runs go back further', async () => {
    const { db, cleanup } = await openTempDatabase();
    cleanups.push(cleanup);
    addRun(db, { localDate: '2026-06-01', localTime: '07:00', timeZone: 'Europe/London', distanceMetres: 8000, durationSeconds: 2800, effort: null, surface: null, shoeId: null, notes: '' }, clock.now);
    const report = clinicReport(db, { weeks: 8 }, clock);
    expect(report.weeks).toBe(8);
    expect(report.from).toBe('2026-09-28');
  });
});
