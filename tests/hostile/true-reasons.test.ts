/**
 * Issue 18: every reason true. Each case that was refused (or dropped) for the wrong reason now
 * gets the reason that is really its cause, through the batch import into a real database; and
 * the window's import and the JSON import run in the import worker (main never parses).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importThroughHandlers } from '../support/import-channels';
import type { StanceDatabase } from '../../src-main/db/open';
import type { ActivityOutcome } from '../../src-main/import/activities';
import { importBatch, type ImportSource } from '../../src-main/import/batch';
import { createHandlers } from '../../src-main/ipc/handlers';
import { fitActivity, straightRun, type FitPoint } from '../formats/fit/generate-fit';
import { gpxOf, tcxOf } from '../support/activity-files';
import { countRows, openTempDatabase } from '../support/temp-db';
import { zipOf } from '../support/zip-writer';
import { databaseIsWhole, nestedJson } from './hostile-files';

const NOW = new Date('2026-11-29T12:00:00Z');
const START = Date.UTC(2024, 4, 4, 7);
/** 601 points: ten minutes at one a second. */
const points601 = (startUtcMs = START, latitude = 51.5): FitPoint[] => straightRun({ startUtcMs, seconds: 600, latitude });
const root = path.resolve(__dirname, '../..');

let db: StanceDatabase;
let file: string;
let folder: string;
let cleanup: () => void;
beforeEach(async () => {
  ({ db, file, folder, cleanup } = await openTempDatabase());
});
afterEach(() => cleanup());

async function importOne(source: ImportSource): Promise<ActivityOutcome[]> {
  const outcomes: ActivityOutcome[] = [];
  await importBatch(db, [source], { timeZone: 'Europe/London', now: () => NOW, onOutcome: (o) => outcomes.push(o) });
  expect(databaseIsWhole(db)).toBe(true);
  return outcomes;
}

describe('FIT files whose 601 points are all left out say why (not "holds only one recorded point")', () => {
  it.each([
    ['dated 2120', points601(Date.UTC(2120, 0, 1)), 'times-unusable', /^All 601 of this recording's points were left out: 601 are dated 2120-01-01, outside the years 1990–2099 a recording can have \(the watch's clock was not set\) — nothing was imported\.$/],
    ['dated 1989', points601(Date.UTC(1989, 11, 31, 1)), 'times-unusable', /^All 601 of this recording's points were left out: 601 are dated 1989-12-31, outside the years 1990–2099/],
    ['at latitude 100°', points601(START, 100), 'no-valid-positions', /^All 601 of this recording's points were left out: 601 have positions off the globe \(latitude 100°; latitudes run to 90°, longitudes to 180°\) — nothing was imported\.$/],
  ])('%s', async (_what, points, code, reason) => {
    const [outcome] = await importOne({ name: 'run.fit', bytes: fitActivity([{ sport: 1, points }]) });
    expect(outcome).toMatchObject({ status: 'refused', code });
    expect(outcome?.reason).toMatch(reason);
    expect(countRows(db, 'runs')).toBe(0);
  });

  it('records running 9 days past the session\'s end are left out and said; the session\'s own run is imported', async () => {
    const points = points601().map((point, i) => (i > 300 ? { ...point, utcMs: point.utcMs + 9 * 86_400_000 } : point));
    const [outcome] = await importOne({ name: 'run.fit', bytes: fitActivity([{ sport: 1, points, elapsedSeconds: 300 }]) });
    expect(outcome).toMatchObject({ status: 'imported', points: 301 });
    expect(outcome?.warnings).toContain("300 of the recording's 601 points were left out: 300 are dated after the session ended (up to 9 days after it).");
  });
});

describe('TCX', () => {
  it('times running backwards say so (not "points never move")', async () => {
    const backwards = points601().map((point, i) => ({ ...point, utcMs: START + (600 - i) * 1000 })); // the route onward, the clock backward
    const [outcome] = await importOne({ name: 'run.tcx', bytes: Buffer.from(tcxOf(backwards)) });
    expect(outcome).toMatchObject({ status: 'refused', code: 'times-unusable' });
    expect(outcome?.reason).toMatch(/^The times of this recording run backwards \([\d,]+ points with a repeated or backwards time were left out\), so what is left has no distance to import\. Nothing was imported\.$/);
  });

  it('refusals of its XML name TCX, not GPX', async () => {
    const deep = tcxOf(points601()).replace('<Notes>', `${'<x>'.repeat(70)}${'</x>'.repeat(70)}<Notes>`);
    const text = deep.includes('<x>') ? deep : tcxOf(points601()).replace('<Activity ', `${'<x>'.repeat(70)}${'</x>'.repeat(70)}<Activity `);
    const [outcome] = await importOne({ name: 'deep.tcx', bytes: Buffer.from(text) });
    expect(outcome?.reason).toBe('This file nests elements more than 64 levels deep, which no TCX file does — nothing was imported.');
  });
});

describe('archives', () => {
  it('a refused member says only that member was not imported; the others are', async () => {
    const zip = zipOf([
      { name: 'activities/1.fit', bytes: fitActivity([{ sport: 1, points: points601() }]) },
      { name: 'activities/2.gpx.gz', bytes: Buffer.from('\x1f\x8b\x08\x00damaged', 'latin1') },
      { name: 'activities/3.gpx', bytes: Buffer.from(gpxOf(points601(START + 86_400_000))) },
    ]);
    const outcomes = await importOne({ name: 'export.zip', bytes: zip });
    expect(outcomes.map((o) => [o.entry, o.status])).toEqual([
      ['activities/1.fit', 'imported'],
      ['activities/2.gpx.gz', 'refused'],
      ['activities/3.gpx', 'imported'],
    ]);
    expect(outcomes[1]?.reason).toMatch(/^This file in the archive was not imported: the gzip data is damaged \(.*\)\. The archive's other files were read on their own\.$/);
  });
});

describe('the window: one file, the JSON import, the report', () => {
  const handlersWith = (worker: boolean) =>
    createHandlers({
      db,
      now: () => NOW,
      timeZone: () => 'Europe/London',
      version: 'test',
      databasePath: file,
      dataFolder: folder,
      backupsFolder: path.join(folder, 'backups'),
      restoreDatabase: () => Promise.reject(new Error('no restore in these tests')),
      openFolder: async () => true,
      printReportPdf: async () => new TextEncoder().encode('%PDF-1.4 test'),
      ...(worker ? { importWorker: { script: path.join(root, 'scripts/ts-worker.cjs'), argv: [path.join(root, 'src-main/import/worker.ts')] } } : {}),
    });

  it('the window\'s import and the JSON import run in the import worker, with their worded answers', { timeout: 240_000 }, async () => {
    const handlers = handlersWith(true);
    const view = await importThroughHandlers(handlers, { files: [{ fileName: 'run.gpx', bytes: Buffer.from(gpxOf(points601())) }], timeZone: 'Europe/London' });
    expect(view.outcomes).toMatchObject([{ status: 'imported', points: 601 }]);
    expect(countRows(db, 'runs')).toBe(1); // written by the worker's connection, seen by this one
    await expect(handlers['data:importJson']({ bytes: nestedJson(200_000) } as never)).rejects.toThrow('it nests values more than 32 deep');
    expect(countRows(db, 'runs')).toBe(1);
    expect(databaseIsWhole(db)).toBe(true);
  });

  it('Save as PDF never overwrites the same day\'s report: the second gets a new name', async () => {
    const handlers = handlersWith(false);
    const first = await handlers['report:savePdf']({ weeks: 4, locale: 'en-GB' } as never);
    const second = await handlers['report:savePdf']({ weeks: 4, locale: 'en-GB' } as never);
    expect(path.basename(first.path)).toBe('stance-report-2026-11-29-4-weeks.pdf');
    expect(path.basename(second.path)).toBe('stance-report-2026-11-29-4-weeks (2).pdf');
    expect(fs.existsSync(first.path) && fs.existsSync(second.path)).toBe(true);
  });
});

describe('a multisport FIT file', () => {
  it('records after its last session are left out and said in that session\'s warning', async () => {
    const legs = [
      { sport: 2, points: straightRun({ startUtcMs: START, seconds: 600 }) },
      { sport: 1, points: points601(START + 700_000), elapsedSeconds: 300 },
    ];
    const bytes = fitActivity(legs.map((leg, n) => (n === 1 ? { ...leg, points: leg.points.map((point, i) => (i > 300 ? { ...point, utcMs: point.utcMs + 9 * 86_400_000 } : point)) } : leg)));
    const outcomes = await importOne({ name: 'multisport.fit', bytes });
    const running = outcomes.find((o) => o.status === 'imported');
    expect(running?.warnings).toContain("300 of the recording's 601 points were left out: 300 are dated after the session ended (up to 9 days after it).");
  });
});
