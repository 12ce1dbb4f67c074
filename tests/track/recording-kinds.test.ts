/**
 * The kinds of awkward recording from issue 10, each with several files of its own (written here
 * point by point): segments out of order or repeated, clock steps, several recordings in one file,
 * elevation across gaps and pauses. What is asserted is what the runner sees: distance, time,
 * start, climb, and the warning or refusal in words.
 */
import { describe, expect, it } from 'vitest';
import { readGpxSync } from '../../src-main/formats/gpx/index';
import { ImportRefusal, parseGpxSync, type DerivedRun } from '../../src-main/import/index';
import { deriveRuns } from '../../src-main/track/derive';
import { gpxOf, walk, type BuiltPoint } from '../support/gpx-build';

const T0 = Date.UTC(2024, 4, 4, 7, 0, 0);
const run = (text: string): DerivedRun => parseGpxSync(Buffer.from(text));
const codes = (derived: DerivedRun): string[] => derived.warnings.map((warning) => warning.code);
const messages = (derived: DerivedRun): string[] => derived.warnings.map((warning) => warning.message);

function refusalOf(text: string): ImportRefusal {
  try {
    run(text);
  } catch (error) {
    if (error instanceof ImportRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal, but the file was imported');
}

/** 10 minutes at 3 m/s, 1 Hz: 1,797 m. */
const tenMinutes = (startMs: number, lon = 6.1): BuiltPoint[] => walk({ startMs, points: 600, stepMetres: 3, lon });

describe('segments: taken in time order, repeats left out, overlaps refused or merged', () => {
  const first = tenMinutes(T0);
  const oneRunMetres = run(gpxOf([{ segments: [first] }])).distanceMetres;

  it('a segment written twice counts once, with a warning', () => {
    const twice = run(gpxOf([{ segments: [first, first] }]));
    expect(twice.distanceMetres).toBeCloseTo(oneRunMetres, 6);
    expect(twice.elapsedSeconds).toBe(599);
    expect(codes(twice)).toEqual(['repeated-segment-left-out']);
  });

  it('segments rewritten cumulatively (each one the whole run so far) count as the longest', () => {
    const whole = tenMinutes(T0);
    const cumulative = run(gpxOf([{ segments: [whole.slice(0, 200), whole.slice(0, 400), whole] }]));
    expect(cumulative.distanceMetres).toBeCloseTo(oneRunMetres, 6);
    expect(cumulative.elapsedSeconds).toBe(599);
    expect(messages(cumulative)).toEqual([
      "2 segments repeating another segment's points (the app wrote them twice) were left out, so nothing is counted twice.",
    ]);
  });

  it('segments in reverse time order: start is the earliest time, elapsed the latest minus the earliest', () => {
    const a = tenMinutes(T0);
    const b = tenMinutes(T0 + 15 * 60_000, 6.2);
    const c = tenMinutes(T0 + 30 * 60_000, 6.3);
    const reversed = run(gpxOf([{ segments: [c, b, a] }]));
    const inOrder = run(gpxOf([{ segments: [a, b, c] }]));
    expect(reversed.startUtcMs).toBe(T0);
    expect(reversed.elapsedSeconds).toBe(30 * 60 + 599);
    expect(reversed.distanceMetres).toBeCloseTo(3 * oneRunMetres, 3);
    expect(reversed.movingSeconds).toBe(inOrder.movingSeconds);
    expect(reversed.movingSeconds).toBe(3 * 599);
    expect(codes(reversed)).toEqual(['read-in-time-order']);
  });

  it('segments that overlap in time with other points are refused, saying so — never a run at an impossible pace', () => {
    // Two 15-minute parts at 3 m/s whose times overlap by 10 minutes, in different places.
    const a = walk({ startMs: T0, points: 900, stepMetres: 3 });
    const b = walk({ startMs: T0 + 5 * 60_000, points: 900, stepMetres: 3, lat: 46.25 });
    const refusal = refusalOf(gpxOf([{ segments: [a, b] }]));
    expect(refusal.reason).toBe('overlapping-segments');
    expect(refusal.message).toBe(
      "This recording's segments overlap in time with different points (segment 2 starts at 07:05 UTC, before segment 1 ends at 07:14 UTC), so they cannot be one run — nothing was imported. Export each part on its own.",
    );
  });

  it('a segment that overlaps the one before with the very same points is merged, nothing counted twice', () => {
    const whole = tenMinutes(T0);
    const merged = run(gpxOf([{ segments: [whole.slice(0, 400), whole.slice(300)] }]));
    expect(merged.distanceMetres).toBeCloseTo(oneRunMetres, 6);
    expect(merged.elapsedSeconds).toBe(599);
    expect(merged.streams.pieceStarts.length).toBe(1);
    expect(messages(merged)).toEqual(["1 segment overlapping the one before with the same points was merged into it, so nothing is counted twice."]);
  });
});

describe('clock steps: the run kept whole, elapsed time from the forward spans, the step named', () => {
  it('a watch clock falling back 22 minutes at 1.8 km keeps every point', () => {
    const points = walk({ startMs: T0, points: 1200, stepMetres: 3 }); // 3.6 km in 20 min
    const stepped = points.map((point, i) => (i >= 600 ? { ...point, time: (point.time as number) - 22 * 60_000 } : point));
    const derived = run(gpxOf([{ segments: [stepped] }]));
    const whole = run(gpxOf([{ segments: [points] }]));
    expect(derived.distanceMetres).toBeCloseTo(whole.distanceMetres, 6);
    expect(derived.pointCount).toBe(1200);
    expect(derived.elapsedSeconds).toBe(1199); // 599 s + 599 s of forward spans + one 1 s interval across the step
    expect(messages(derived)).toEqual([
      "The watch's clock went back 22 min at 1.8 km; the run was kept whole, and its time counts only the time that went forward.",
    ]);
  });

  it('one point with a bogus future time (OsmAnd) is timed from its neighbours, not half the run dropped', () => {
    const points = walk({ startMs: T0, points: 600, stepMetres: 3 });
    const bogus = points.map((point, i) => (i === 300 ? { ...point, time: (point.time as number) + 22 * 60_000 } : point));
    const derived = run(gpxOf([{ segments: [bogus] }]));
    expect(derived.pointCount).toBe(600);
    expect(derived.elapsedSeconds).toBe(599);
    expect(derived.distanceMetres).toBeCloseTo(run(gpxOf([{ segments: [points] }])).distanceMetres, 6);
    expect(codes(derived)).toEqual(['times-filled-in']);
  });

  it('a file written newest first, segments and points, is read in time order', () => {
    const a = tenMinutes(T0);
    const b = tenMinutes(T0 + 20 * 60_000, 6.2);
    const newestFirst = run(gpxOf([{ segments: [b.slice().reverse(), a.slice().reverse()] }]));
    expect(newestFirst.startUtcMs).toBe(T0);
    expect(newestFirst.elapsedSeconds).toBe(20 * 60 + 599);
    expect(newestFirst.distanceMetres).toBeGreaterThan(3500);
    expect(newestFirst.warnings[0]?.message).toBe('The file lists the points of 2 segments newest first; they were read in time order.');
  });

  it('repeated times and sub-second skews keep working as before: the odd point left out, no step reported', () => {
    const points = walk({ startMs: T0, points: 300, stepMetres: 3 });
    const skewed = points.map((point, i) => (i === 100 ? { ...point, time: (points[99]!.time as number) - 400 } : i === 200 ? { ...point, time: points[199]!.time } : point));
    const derived = run(gpxOf([{ segments: [skewed] }]));
    expect(derived.pointCount).toBe(298);
    expect(codes(derived)).toEqual(['repeated-times-left-out']);
  });

  it('time jumping back to a place already passed (a replayed stretch) is still left out, not taken as a clock step', () => {
    const points = walk({ startMs: T0, points: 400, stepMetres: 3 });
    const replay = [...points, ...points.slice(0, 100).map((point) => ({ ...point }))];
    const derived = run(gpxOf([{ segments: [replay] }]));
    expect(derived.pointCount).toBe(400);
    expect(codes(derived)).not.toContain('clock-stepped-back');
  });
});

describe('several recordings in one file', () => {
  const day = 24 * 3600_000;

  it('three runs on three days become three runs, each with its own outcome', () => {
    const text = gpxOf([
      { name: 'Monday', segments: [tenMinutes(T0)] },
      { name: 'Tuesday', segments: [tenMinutes(T0 + day)] },
      { name: 'Wednesday', segments: [walk({ startMs: T0 + 2 * day, points: 1, lat: 46.3 })] },
    ]);
    const outcomes = deriveRuns(readGpxSync(Buffer.from(text)));
    expect(outcomes.map((outcome) => [outcome.track.name, 'run' in outcome.result ? 'run' : outcome.result.refusal.reason])).toEqual([
      ['Monday', 'run'],
      ['Tuesday', 'run'],
      ['Wednesday', 'too-few-points'],
    ]);
  });

  it('an identical copy of a track counts once, with a warning', () => {
    const outcomes = deriveRuns(readGpxSync(Buffer.from(gpxOf([{ name: 'Run', segments: [tenMinutes(T0)] }, { name: 'Run', segments: [tenMinutes(T0)] }]))));
    expect(outcomes).toHaveLength(1);
    const only = outcomes[0]!.result;
    expect('run' in only && only.run.warnings.map((warning) => warning.message)).toEqual([
      '1 identical copy of this recording in the same file was counted once.',
    ]);
  });

  it('an untimed track beside timed ones is reported by name with its length, never dropped silently', () => {
    const untimed = walk({ startMs: T0, points: 500, stepMetres: 5, lat: 45.9 }).map((point) => ({ ...point, time: null }));
    const outcomes = deriveRuns(readGpxSync(Buffer.from(gpxOf([{ name: 'Morning', segments: [tenMinutes(T0)] }, { name: 'Evening walk', segments: [untimed] }]))));
    expect(outcomes).toHaveLength(2);
    const second = outcomes[1]!.result;
    expect('refusal' in second && second.refusal.message).toBe(
      "Track “Evening walk” (2.5 km) has no times, so Stance cannot tell when it was run or how long it took — nothing was imported from it. Import the file again with that run's date, start time and duration to import its distance with an average pace.",
    );
  });

  it("an untimed copy of the timed track (Garmin's saved log) is left out with a warning, not refused", () => {
    const timed = tenMinutes(T0);
    const copy = timed.filter((_, i) => i % 3 === 0).map((point) => ({ ...point, time: null }));
    const outcomes = deriveRuns(readGpxSync(Buffer.from(gpxOf([{ name: 'ACTIVE LOG', segments: [timed] }, { name: 'SAVED', segments: [copy] }]))));
    expect(outcomes).toHaveLength(1);
    const only = outcomes[0]!.result;
    expect('run' in only && only.run.warnings.map((warning) => warning.code)).toEqual(['untimed-tracks-left-out']);
  });

  it('the same minutes recorded by two devices in one file are two recordings (the importer then finds the near-duplicate)', () => {
    const watch = tenMinutes(T0);
    const phone = walk({ startMs: T0 + 20_000, points: 600, stepMetres: 3, lat: 46.20001 });
    const outcomes = deriveRuns(readGpxSync(Buffer.from(gpxOf([{ name: 'Watch', segments: [watch] }, { name: 'Phone', segments: [phone] }]))));
    expect(outcomes.map((outcome) => 'run' in outcome.result)).toEqual([true, true]);
  });
});

describe('elevation gain: never across a segment gap or a pause, and not from GPS noise on flat ground', () => {
  it('a 77.5 m step between two flat segments is no climb', () => {
    const a = walk({ startMs: T0, points: 300, ele: () => 272.5 });
    const b = walk({ startMs: T0 + 3600_000, points: 300, lon: 6.2, ele: () => 350 });
    const derived = run(gpxOf([{ segments: [a, b] }]));
    expect(derived.elevationGainMetres).toBe(0);
    expect(derived.elevationLossMetres).toBe(0);
  });

  it('a loop staying between 297 and 317 m with GPS noise counts its real hill, not the noise', () => {
    // Out and back over a 20 m rise (297 → 317 → 297 m), 1 Hz, elevations jittering ±2.5 m.
    let seed = 7;
    const noise = (): number => {
      seed = (seed * 16807) % 2147483647;
      return ((seed / 2147483647) - 0.5) * 5;
    };
    const points = walk({ startMs: T0, points: 1800, stepMetres: 3, ele: (i) => 307 - 10 * Math.cos((2 * Math.PI * i) / 1800) + noise() });
    const derived = run(gpxOf([{ segments: [points] }]));
    expect(derived.elevationGainMetres!).toBeGreaterThan(15);
    expect(derived.elevationGainMetres!).toBeLessThan(30);
  });

  it('elevation drifting while the runner stands (a pause) is not climbing', () => {
    const before = walk({ startMs: T0, points: 300, ele: () => 100 });
    const last = before[before.length - 1]!;
    // Two minutes standing still, one point every 30 s, the barometer drifting up 12 m; then on, level.
    const standing = Array.from({ length: 4 }, (_, k) => ({ ...last, time: (last.time as number) + (k + 1) * 30_000, ele: 103 + k * 3 }));
    const after = walk({ startMs: (last.time as number) + 150_000, points: 300, lon: last.lon + 0.00001, ele: () => 112 });
    const derived = run(gpxOf([{ segments: [[...before, ...standing, ...after]] }]));
    expect(derived.elevationGainMetres).toBe(0);
  });
});
