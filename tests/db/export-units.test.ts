import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeCsvExport } from '../../src-main/db/services/csv';
import { addRun } from '../../src-main/db/runs';
import { updateSettings } from '../../src-main/db/settings';
import { runDraftSchema } from '../../src-main/shared/contract';
import { METRES_PER_MILE } from '../../src-main/shared/units';
import { openTempDatabase } from '../support/temp-db';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

/** runs.csv as a list of objects keyed by header. */
function readCsv(file: string): Record<string, string>[] {
  const [header, ...lines] = fs.readFileSync(file, 'utf8').trim().split('\r\n');
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, index) => [names[index]!, cell])));
}

async function exportWith(settings: { units: 'mi' | 'km'; loadUnit: 'kg' | 'lb' }) {
  const { db, cleanup } = await openTempDatabase();
  cleanups.push(cleanup);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-csv-'));
  cleanups.push(() => fs.rmSync(folder, { recursive: true, force: true }));
  updateSettings(db, settings);
  addRun(
    db,
    runDraftSchema.parse({ localDate: '2026-11-20', localTime: '07:30', timeZone: 'Europe/London', distanceMetres: 6.2 * METRES_PER_MILE, durationSeconds: 3600 }),
    new Date('2026-11-21T12:00:00Z'),
  );
  return writeCsvExport(db, path.join(folder, 'csv'), new Date('2026-11-21T12:00:00Z')).path;
}

describe('the CSV export in the runner’s units', () => {
  it('adds miles, h:mm:ss and pace per mile beside the SI columns, the unit in each header', async () => {
    const folder = await exportWith({ units: 'mi', loadUnit: 'lb' });
    const [run] = readCsv(path.join(folder, 'runs.csv'));
    expect(run).toMatchObject({ distance_mi: '6.2', duration_hms: '1:00:00', pace_per_mi: '9:41', duration_s: '3600' });
    expect(Number(run!.distance_m)).toBeCloseTo(6.2 * METRES_PER_MILE, 6);
    const header = fs.readFileSync(path.join(folder, 'runs.csv'), 'utf8').split('\r\n')[0]!;
    expect(header).toContain('elevation_gain_ft');
    expect(fs.readFileSync(path.join(folder, 'exercise_sets.csv'), 'utf8').split('\r\n')[0]).toContain('load_lb');
  });

  it('in kilometres, keeps elevation and loads in their own metres and kilograms', async () => {
    const folder = await exportWith({ units: 'km', loadUnit: 'kg' });
    const [run] = readCsv(path.join(folder, 'runs.csv'));
    expect(run).toMatchObject({ distance_km: '9.978', pace_per_km: '6:01' });
    const header = fs.readFileSync(path.join(folder, 'runs.csv'), 'utf8').split('\r\n')[0]!;
    expect(header).not.toContain('_ft');
    expect(fs.readFileSync(path.join(folder, 'exercise_sets.csv'), 'utf8').split('\r\n')[0]).not.toContain('load_lb');
  });
});
