/**
 * Every file of ../shared/gpx-cases (awkward recordings from public bug reports against other GPS
 * tools) with its right outcome, as the README there states it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportRefusal, parseGpxSync, type DerivedRun } from '../../../src-main/import/index';

const cases = path.resolve(__dirname, '../../../../shared/gpx-cases');
const read = (file: string): Buffer => fs.readFileSync(path.join(cases, file));
const codes = (run: DerivedRun): string[] => run.warnings.map((warning) => warning.code);

function refusalOf(run: () => unknown): ImportRefusal {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal, but the file was imported');
}

const EXPECTED: Record<string, () => void> = {
  '90-min-segment-written-twice.gpx': () => {
    const run = parseGpxSync(read('90-min-segment-written-twice.gpx'));
    expect(run.distanceMetres).toBeCloseTo(59.9, 1);
    expect(run.elapsedSeconds).toBe(20);
    expect(codes(run)).toContain('repeated-segment-left-out');
    expect(run.warnings.find((warning) => warning.code === 'repeated-segment-left-out')?.message).toBe(
      "1 segment repeating another segment's points (the app wrote it twice) was left out, so nothing is counted twice.",
    );
  },
  '92-min-times-descending.gpx': () => {
    const run = parseGpxSync(read('92-min-times-descending.gpx'));
    expect(run.distanceMetres).toBeCloseTo(59.9, 1);
    expect(run.elapsedSeconds).toBe(20);
    expect(run.startUtcMs).toBe(Date.UTC(2024, 0, 1, 8, 0, 0));
    // Taken in time order: the point written last (08:00:00, the easternmost) is where the run starts.
    expect(run.streams.longitude[0]).toBeCloseTo(6.1007745, 7);
    expect(codes(run)).toEqual(['read-in-time-order']);
  },
  '93-min-clock-steps-back-midrun.gpx': () => {
    const run = parseGpxSync(read('93-min-clock-steps-back-midrun.gpx'));
    expect(run.distanceMetres).toBeCloseTo(59.9, 1);
    expect(run.pointCount).toBe(5);
    // Forward spans 0→5→10 and 07:59:10→15 (15 s) plus one typical 5 s interval across the step.
    expect(run.elapsedSeconds).toBe(20);
    expect(run.warnings.map((warning) => warning.message)).toEqual([
      "The watch's clock went back 1 min at 45 m; the run was kept whole, and its time counts only the time that went forward.",
    ]);
  },
  '39-unescaped-ampersand-in-name.gpx': () => {
    const refusal = refusalOf(() => parseGpxSync(read('39-unescaped-ampersand-in-name.gpx')));
    expect(refusal.reason).toBe('malformed-xml');
    expect(refusal.message).toBe(
      'The file is damaged: line 4 is not valid XML (an “&” on its own — in a name it must be written “&amp;”) — nothing was imported.',
    );
  },
  '05-two-segments-gap-moved-8km.gpx': () => {
    const run = parseGpxSync(read('05-two-segments-gap-moved-8km.gpx'));
    expect(run.distanceMetres).toBeCloseTo(5393.9, 1);
    expect(run.elapsedSeconds).toBe(5580);
    expect(run.movingSeconds).toBeGreaterThan(1700);
    expect(run.movingSeconds).toBeLessThan(1900);
    // Both segments are flat (272.5 m, then 350 m): the 77.5 m step between them is not a climb.
    expect(run.elevationGainMetres).toBe(0);
    expect(run.elevationLossMetres).toBe(0);
  },
};

describe('../shared/gpx-cases: each file with its right outcome', () => {
  const files = fs.readdirSync(cases).filter((name) => name.endsWith('.gpx')).sort();
  it('has an outcome for every file', () => {
    expect(files).toEqual(Object.keys(EXPECTED).sort());
  });
  for (const file of files) it(file, () => EXPECTED[file]?.());
});
