import { describe, expect, it } from 'vitest';
import type { RunStreams } from '../../src-main/track/derive';
import { beforePain } from '../../src-main/track/before-pain';

/**
 * A synthetic 1 Hz run: each second the runner covers `speed(m)` metres at elevation `elevation(m)`,
 * with `cadence(m)` steps per minute and `heart(m)` bpm, until `totalMetres`. Optional stop: stands
 * still for `stopSeconds` at `stopAtMetres` (a traffic light).
 */
function syntheticRun(options: {
  totalMetres: number;
  speed: (m: number) => number;
  elevation: (m: number) => number;
  cadence?: (m: number) => number;
  heart?: (m: number) => number;
  stopAtMetres?: number;
  stopSeconds?: number;
}): RunStreams {
  const metres: number[] = [];
  const seconds: number[] = [];
  let m = 0;
  let t = 0;
  let stopped = false;
  while (m < options.totalMetres) {
    metres.push(m);
    seconds.push(t);
    if (!stopped && options.stopAtMetres !== undefined && m >= options.stopAtMetres) {
      stopped = true;
      t += options.stopSeconds ?? 0;
      continue;
    }
    m += options.speed(m);
    t += 1;
  }
  const n = metres.length;
  const along = Float64Array.from(metres);
  return {
    latitude: Float64Array.from(metres, (x) => 51.5 + x / 111_000),
    longitude: new Float64Array(n).fill(-0.1),
    elevationMetres: Float32Array.from(metres, options.elevation),
    secondsFromStart: Float64Array.from(seconds),
    metresFromStart: along,
    heartRate: Float32Array.from(metres, options.heart ?? (() => Number.NaN)),
    cadence: Float32Array.from(metres, options.cadence ?? (() => Number.NaN)),
    powerWatts: new Float32Array(n).fill(Number.NaN),
    pieceStarts: Uint32Array.of(0),
  };
}

describe('what came before the pain', () => {
  // 8 km: flat at 100 m for 5 km, 30 m down over km 5–6, pain at 6.0 km, then flat at 70 m.
  const downhillBeforeOnset = syntheticRun({
    totalMetres: 8000,
    speed: (m) => (m >= 5000 && m < 6000 ? 3.3 : 3.0),
    elevation: (m) => (m < 5000 ? 100 : m < 6000 ? 100 - ((m - 5000) / 1000) * 30 : 70),
    cadence: (m) => (m >= 5000 && m < 6000 ? 178 : 170),
    heart: (m) => (m >= 5000 && m < 6000 ? 148 : 152),
    stopAtMetres: 2000,
    stopSeconds: 120,
  });

  it('shows a downhill last kilometre before the onset, against a flat rest of the run', () => {
    const found = beforePain(7, downhillBeforeOnset, 6000)!;
    expect(found.basis).toBe('km');
    expect(found.stretchStartMetres).toBe(5000);
    expect(found.before.metres).toBeCloseTo(1000, -1);
    expect(found.rest.metres).toBeCloseTo(7000, -1);
    // 30 m down over the km (the dead band may hold back up to 3 m of it).
    expect(found.before.descentPerKm!).toBeGreaterThan(25);
    expect(found.before.descentPerKm!).toBeLessThanOrEqual(31);
    expect(found.rest.descentPerKm!).toBeLessThan(1);
    expect(found.before.gradePercent!).toBeLessThan(-2.5);
    expect(Math.abs(found.rest.gradePercent!)).toBeLessThan(0.2);
    // Moving pace: 1000 / 3.3 ≈ 303 s/km before, 1000 / 3 ≈ 333 s/km in the rest, the 2-minute stop left out.
    expect(found.before.movingPaceSecondsPerKm!).toBeCloseTo(1000 / 3.3, 0);
    expect(found.rest.movingPaceSecondsPerKm!).toBeCloseTo(1000 / 3, 0);
    expect(found.before.cadenceStepsPerMinute!).toBeCloseTo(178, 0);
    expect(found.rest.cadenceStepsPerMinute!).toBeCloseTo(170, 0);
    expect(found.before.heartRate!).toBeCloseTo(148, 0);
    expect(found.rest.heartRate!).toBeCloseTo(152, 0);
    // The pain-free part (start to 5 km) leaves out the flat km after the onset.
    expect(found.painFree!.metres).toBeCloseTo(5000, -1);
    expect(found.painFree!.descentPerKm!).toBeLessThan(1);
    expect(found.painFree!.cadenceStepsPerMinute!).toBeCloseTo(170, 0);
  });

  it('a flat last km before the onset shows no more descent than the rest', () => {
    const found = beforePain(7, downhillBeforeOnset, 4500)!;
    expect(found.before.descentPerKm!).toBeLessThan(1);
    expect(found.rest.descentPerKm!).toBeGreaterThan(3);
    // Pain-free: only the first 3.5 km, all flat; the rest also holds the downhill after the onset.
    expect(found.painFree!.descentPerKm!).toBeLessThan(1);
  });

  it('an onset before 1 km uses the last five minutes on a timed run, and nothing on an untimed one', () => {
    const run = syntheticRun({ totalMetres: 5000, speed: () => 2.5, elevation: (m) => 50 - m / 100 });
    const found = beforePain(1, run, 900)!;
    expect(found.basis).toBe('five-minutes');
    expect(found.stretchStartMetres).toBeCloseTo(150, -1);
    expect(found.before.metres).toBeCloseTo(750, -1);
    expect(found.before.cadenceStepsPerMinute).toBeNull();
    expect(found.before.heartRate).toBeNull();
    const untimed = { ...run, secondsFromStart: new Float64Array(run.secondsFromStart.length).fill(Number.NaN) };
    expect(beforePain(1, untimed, 900)).toBeNull();
    // Under five minutes and under a km: nothing to describe.
    expect(beforePain(1, run, 500)).toBeNull();
  });

  it('says nothing when there is no rest of the run to compare with, or the onset is off the track', () => {
    const run = syntheticRun({ totalMetres: 1100, speed: () => 3, elevation: () => 10 });
    expect(beforePain(1, run, 1100)).toBeNull();
    expect(beforePain(1, downhillBeforeOnset, 20_000)).toBeNull();
    expect(beforePain(1, downhillBeforeOnset, 0)).toBeNull();
  });

  it('without elevations, climb and grade are not recorded rather than zero', () => {
    const run = syntheticRun({ totalMetres: 4000, speed: () => 3, elevation: () => Number.NaN });
    const found = beforePain(1, run, 3000)!;
    expect(found.before.climbPerKm).toBeNull();
    expect(found.before.gradePercent).toBeNull();
    expect(found.before.movingPaceSecondsPerKm).toBeCloseTo(333, 0);
  });
});
