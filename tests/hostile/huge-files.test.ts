/**
 * Issue 18: inputs shaped to cost time or memory rather than to break parsing, each at the size
 * that hung or crashed Stance (under STANCE_PROOFS=full; smaller but still hostile sizes in
 * `npm test`), each in a batch beside ordinary runs. Every one ends with a worded outcome, the
 * database whole, and the batch's other files imported. Made by the generators in
 * hostile-files.ts, never committed as big files.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StanceDatabase } from '../../src-main/db/open';
import type { ActivityOutcome } from '../../src-main/import/activities';
import { importBatch, type BatchOptions, type ImportSource } from '../../src-main/import/batch';
import { JSON_LIMITS, importStanceExport, openStanceExport } from '../../src-main/db/services/import-json';
import { fitActivity, straightRun } from '../formats/fit/generate-fit';
import { gpxOf } from '../support/activity-files';
import { cliScript, runScript } from '../support/children';
import { FULL_PROOFS, proofCount } from '../support/proofs';
import { countRows, openTempDatabase } from '../support/temp-db';
import { zipOf } from '../support/zip-writer';
import { commaColumnCsv, databaseIsWhole, emptyRecordsFit, longStringJson, nestedJson, overlappingZip } from './hostile-files';

const NOW = new Date('2026-11-29T12:00:00Z');
/** Generating a file of hundreds of MB takes its time on a busy machine; the outcomes, not the time, are asserted. */
const SLOW = { timeout: 300_000 };
const day = (n: number): number => Date.UTC(2024, 3, 1 + n, 7);
const run = (n: number) => straightRun({ startUtcMs: day(n), seconds: 900, latitude: 50 + n / 100 });
const goodFit = (n: number): Uint8Array => fitActivity([{ sport: 1, points: run(n) }]);
const goodGpx = (n: number): Buffer => Buffer.from(gpxOf(run(n)));

let db: StanceDatabase;
let folder: string;
let cleanup: () => void;
beforeEach(async () => {
  ({ db, folder, cleanup } = await openTempDatabase());
});
afterEach(() => cleanup());

async function importAll(sources: ImportSource[], options: Partial<BatchOptions> = {}) {
  const outcomes: ActivityOutcome[] = [];
  const summary = await importBatch(db, sources, { timeZone: 'Europe/London', now: () => NOW, onOutcome: (o) => outcomes.push(o), ...options });
  return { outcomes, summary };
}

/** The batch around a hostile file: a good run before and after it, which must be imported. */
const around = (hostile: ImportSource): ImportSource[] => [{ name: 'before.fit', bytes: goodFit(1) }, hostile, { name: 'after.gpx', bytes: goodGpx(2) }];

function expectOthersImported(outcomes: ActivityOutcome[]): void {
  expect(outcomes.find((o) => o.file === 'before.fit')?.status).toBe('imported');
  expect(outcomes.find((o) => o.file === 'after.gpx')?.status).toBe('imported');
  expect(countRows(db, 'runs')).toBe(2);
  expect(databaseIsWhole(db)).toBe(true);
}

describe('FIT files of millions of empty records (valid CRCs)', SLOW, () => {
  it.each([
    ['20 MB', proofCount(3_000_000, 20_000_000)],
    ['64 MB', proofCount(6_000_000, 64_000_000)],
  ])('the %s file is refused by its record count before it is decoded; the batch goes on', async (_size, records) => {
    const { outcomes } = await importAll(around({ name: 'empty-records.fit', bytes: emptyRecordsFit(records) }));
    const hostile = outcomes.find((o) => o.file === 'empty-records.fit');
    expect(hostile).toMatchObject({ status: 'refused', code: 'too-many-points' });
    expect(hostile?.reason).toMatch(/^This FIT file is not a recording: it holds more than 1,000,000 records \(one a second for 11½ days\), more than any activity — nothing was imported\.$/);
    expectOthersImported(outcomes);
  });

  it('a few thousand empty records with no time are refused by the per-second rule, naming the count', async () => {
    const { outcomes } = await importAll(around({ name: 'untimed.fit', bytes: emptyRecordsFit(5_000) }));
    expect(outcomes.find((o) => o.file === 'untimed.fit')?.reason).toBe(
      'This FIT file is not a recording: it holds 5,000 records but none says when it was recorded — a watch records at most about one a second — nothing was imported.',
    );
    expectOthersImported(outcomes);
  });
});

describe('a zip whose directory points thousands of entries at one member', SLOW, () => {
  it('is refused as a whole from its directory, before one member is unpacked; the batch goes on', async () => {
    const entries = proofCount(4_000, 16_000);
    const zip = overlappingZip(entries);
    expect(zip.length).toBeLessThan(entries * 80); // ~900 KB for 16,000 entries declaring 16 GB
    const { outcomes } = await importAll(around({ name: 'overlap.zip', bytes: zip }));
    const hostile = outcomes.filter((o) => o.file === 'overlap.zip');
    expect(hostile).toHaveLength(1);
    expect(hostile[0]).toMatchObject({ entry: null, status: 'refused', code: 'archive-refused' });
    expect(hostile[0]?.reason).toMatch(new RegExp(`^This archive was not opened: its directory lists ${entries.toLocaleString('en')} entries, more than its [\\d,]+ bytes can hold apart .* it looks like a zip bomb — nothing was imported\\.$`));
    expectOthersImported(outcomes);
  });

  it('entries overlapping by their offsets are refused even when the archive is large enough to hold them apart', async () => {
    const entries = proofCount(2_000, 16_000);
    const { outcomes } = await importAll(around({ name: 'offsets.zip', bytes: overlappingZip(entries, 1024 * 1024 - 1, 100) }));
    const hostile = outcomes.filter((o) => o.file === 'offsets.zip');
    expect(hostile).toHaveLength(1);
    expect(hostile[0]?.reason).toBe(
      `This archive was not opened: ${(entries - 1).toLocaleString('en')} of its ${entries.toLocaleString('en')} entries point at data another entry already uses (their bytes overlap), which no real archive does — it looks like a zip bomb — nothing was imported.`,
    );
    expectOthersImported(outcomes);
  });
});

describe("Strava's activities.csv, huge", SLOW, () => {
  it('an index over 64 MB (one row of "a," fields) is not read; the archive\'s activities are, and the index\'s outcome says so', async () => {
    const csvBytes = proofCount(70, 250) * 1024 * 1024;
    const zip = zipOf([
      { name: 'activities.csv', bytes: commaColumnCsv(csvBytes), deflate: false },
      { name: 'activities/1.fit', bytes: goodFit(1) },
      { name: 'activities/2.gpx', bytes: goodGpx(2) },
    ]);
    const { outcomes } = await importAll([{ name: 'export.zip', bytes: zip }]);
    expect(outcomes.find((o) => o.entry === 'activities.csv')?.reason).toMatch(
      /^This file in the archive was not imported: this Strava index is [\d,]+ MB, over the 64 MB Stance reads .*without Strava's names, descriptions and sports\. The archive's other files were read on their own\.$/,
    );
    expect(outcomes.filter((o) => o.status === 'imported').map((o) => o.entry)).toEqual(['activities/1.fit', 'activities/2.gpx']);
    expect(databaseIsWhole(db)).toBe(true);
  });

  it('an index under the size bound but with a row of thousands of columns is refused by its bound while read', async () => {
    const zip = zipOf([
      { name: 'activities.csv', bytes: commaColumnCsv(2 * 1024 * 1024), deflate: false },
      { name: 'activities/1.fit', bytes: goodFit(1) },
    ]);
    const { outcomes } = await importAll([{ name: 'export.zip', bytes: zip }]);
    expect(outcomes.find((o) => o.entry === 'activities.csv')?.reason).toMatch(/this Strava index holds a row of over 1,000 columns, more than any real export/);
    expect(outcomes.find((o) => o.entry === 'activities/1.fit')?.status).toBe('imported');
  });
});

describe('JSON exports shaped to cost time', SLOW, () => {
  it.each([
    ['200,000 nested [ (400 KB)', 200_000],
    ['5 million nested [ (10 MB)', proofCount(1_000_000, 5_000_000)],
  ])('%s is refused by its depth at once, nothing written', (_label, depth) => {
    const before = countRows(db, 'runs');
    expect(() => openStanceExport({ bytes: nestedJson(depth) })).toThrow('That file is not a Stance export: it nests values more than 32 deep (a Stance export nests 4 deep). Nothing was imported.');
    expect(countRows(db, 'runs')).toBe(before);
    expect(databaseIsWhole(db)).toBe(true);
  });

  it('a string longer than any export holds is refused naming its length, not as "not JSON"', () => {
    const limit = JSON_LIMITS.maxStringBytes;
    // Full: the 704 MB string that was "not JSON, or cut off". Reduced: the same shape against a 1 MB bound.
    if (!FULL_PROOFS) JSON_LIMITS.maxStringBytes = 1024 * 1024;
    try {
      const bytes = longStringJson(FULL_PROOFS ? 704 * 1024 * 1024 : 3 * 1024 * 1024);
      expect(() => importStanceExport(db, openStanceExport({ bytes }), NOW)).toThrow(/^That file is not a Stance export: one of its values is over [\d,]+ MB long, and the longest a Stance export holds \(a run's original file\) is a few MB\. Nothing was imported\.$/);
    } finally {
      JSON_LIMITS.maxStringBytes = limit;
    }
    expect(databaseIsWhole(db)).toBe(true);
  });
});

describe('folders whose files change between listing and reading', SLOW, () => {
  const makeFolder = (count: number): string => {
    const dir = path.join(folder, 'runs');
    fs.mkdirSync(dir);
    for (let n = 0; n < count; n += 1) fs.writeFileSync(path.join(dir, `${String(n).padStart(2, '0')}.gpx`), goodGpx(n));
    return dir;
  };

  it.each([
    ['a folder', (file: string) => fs.mkdirSync(file), /^This is a folder, not a file, so it was not read — nothing was imported\.$/],
    ['a named pipe (FIFO)', (file: string) => execFileSync('mkfifo', [file]), /^This is a named pipe \(FIFO\), not a file, so it was not read — nothing was imported\.$/],
    ['nothing (deleted)', () => undefined, /^There is no such file or folder/],
  ])('one file replaced by %s after listing: that file says so, the other 9 are imported', async (_what, replace, reason) => {
    const dir = makeFolder(10);
    const victim = path.join(dir, '03.gpx');
    const { outcomes, summary } = await importAll([{ path: dir }], {
      onReading: ({ at }) => {
        if (at.source === 2) {
          fs.rmSync(victim);
          replace(victim);
        }
      },
    });
    expect(outcomes.find((o) => o.file === victim)?.reason).toMatch(reason);
    expect(summary.imported).toBe(9);
    expect(summary.cancelled).toBe(false);
    expect(databaseIsWhole(db)).toBe(true);
  });

  it('`stance import` of a FIFO answers at once that it is a named pipe (it used to hang)', async () => {
    const fifo = path.join(folder, 'pipe.gpx');
    execFileSync('mkfifo', [fifo]);
    const result = await runScript(cliScript, ['import', fifo, '--db', path.join(folder, 'cli.sqlite')], { timeoutMs: 120_000 });
    expect(result.timedOut).toBe(false);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toMatch(/named pipe \(FIFO\), not a file/);
  });
});
