import { describe, expect, it } from 'vitest';
import { nearestIndex, paceAxis, quantile, readoutAt, smoothPace } from '../../../../src-renderer/src/components/runs/profile';
import { METRES_PER_FOOT, METRES_PER_MILE } from '../../../../src-main/shared/units';

/** A run sampled every 10 m. */
function steadyRun(kilometres: number, secondsPerKm: (metres: number) => number | null) {
  const metres = Array.from({ length: kilometres * 100 + 1 }, (_, index) => index * 10);
  return { metres, pace: metres.map(secondsPerKm) };
}

describe('pace smoothed over a stated distance', () => {
  it('keeps a steady pace steady', () => {
    const { metres, pace } = steadyRun(5, () => 360);
    for (const value of smoothPace(metres, pace, 400)) expect(value).toBeCloseTo(360, 6);
  });

  it('irons out GPS jitter: ±30 s/km noise on every 10 m of a 6:00/km run spreads over a third as much', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
    const { metres, pace } = steadyRun(5, () => 360 + 30 * random());
    const raw = pace.slice(30, -30) as number[];
    const smoothed = smoothPace(metres, pace, 400).slice(30, -30) as number[];
    expect(Math.max(...raw) - Math.min(...raw)).toBeGreaterThan(55);
    expect(Math.max(...smoothed) - Math.min(...smoothed)).toBeLessThan(20);
  });

  it('weights by distance: time over distance, not a plain mean of paces', () => {
    // 100 m at 5:00/km then 300 m at 7:00/km: 30 s + 126 s over 400 m = 6:30/km.
    const metres = [0, 100, 200, 300, 400];
    const pace = [null, 300, 420, 420, 420];
    expect(smoothPace(metres, pace, 1000)[2]).toBeCloseTo(390, 6);
  });

  it('leaves a stop as a gap', () => {
    const { metres, pace } = steadyRun(1, (m) => (m >= 500 && m <= 520 ? null : 360));
    const smoothed = smoothPace(metres, pace);
    expect(smoothed[51]).toBeNull();
    expect(smoothed[40]).toBeCloseTo(360, 6);
  });
});

describe('an axis GPS outliers cannot stretch', () => {
  it('ignores a spike', () => {
    const paces = [...Array.from({ length: 500 }, (_, i) => 9.5 + (i % 10) * 0.02), 25, 0.5];
    const axis = paceAxis(paces, 0.2)!;
    expect(axis.max).toBeLessThanOrEqual(10.5);
    expect(axis.min).toBeGreaterThanOrEqual(9);
  });

  it('draws a run held at 9:39–9:41 on an axis at least two minutes tall, so it reads flat', () => {
    const paces = Array.from({ length: 300 }, (_, i) => 9.65 + (i % 3) * 0.0167);
    const axis = paceAxis(paces)!;
    expect(axis.max - axis.min).toBeGreaterThanOrEqual(2);
    expect(axis.min).toBeLessThan(9.65);
    expect(axis.max).toBeGreaterThan(9.68);
  });

  it('has no axis without pace', () => {
    expect(paceAxis([null, null])).toBeNull();
  });

  it('interpolates quantiles', () => {
    expect(quantile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(quantile([0, 10], 0.25)).toBe(2.5);
  });
});

describe('the readout', () => {
  const profile = {
    metres: [0, METRES_PER_MILE, 2 * METRES_PER_MILE],
    elevationMetres: [100 * METRES_PER_FOOT, 150 * METRES_PER_FOOT, null],
    paceSecondsPerKm: [null, 360, 360],
    heartRate: [120, 150, null],
  };

  it('says distance, pace, heart rate and elevation in the runner’s units (feet with miles)', () => {
    const readout = readoutAt(profile, [null, 360, 360], 1, 'mi');
    expect(readout.distance).toBeCloseTo(1, 9);
    expect(readout.paceSeconds).toBeCloseTo(360 * 1.609344, 6);
    expect(readout.heartRate).toBe(150);
    expect(readout.elevation).toBeCloseTo(150, 9);
  });

  it('in metres with kilometres, and null where there is nothing to say', () => {
    const readout = readoutAt(profile, [null, 360, 360], 2, 'km');
    expect(readout.distance).toBeCloseTo(3.218688, 6);
    expect(readout.heartRate).toBeNull();
    expect(readout.elevation).toBeNull();
    expect(readoutAt(profile, [null, 360, 360], 0, 'km').paceSeconds).toBeNull();
  });

  it('finds the point nearest a distance', () => {
    const metres = [0, 10, 20, 30, 45];
    expect(nearestIndex(metres, -5)).toBe(0);
    expect(nearestIndex(metres, 14)).toBe(1);
    expect(nearestIndex(metres, 16)).toBe(2);
    expect(nearestIndex(metres, 40)).toBe(4);
    expect(nearestIndex(metres, 99)).toBe(4);
  });
});

describe('an interval session’s pace (issue 21)', () => {
  it('is drawn whole: every smoothed point of 400 m reps at 6:00/mi and 200 m walks at 19:00/mi lies on the axis', () => {
    const metres = Array.from({ length: 601 }, (_, index) => index * 10);
    const secondsPerKm = (at: number) => (at % 600 < 400 ? (6 * 60) / 1.609344 : (19 * 60) / 1.609344);
    const smoothed = smoothPace(metres, metres.map(secondsPerKm), 400);
    const minutesPerMile = smoothed.map((seconds) => (seconds === null ? null : (seconds * 1.609344) / 60));
    const axis = paceAxis(minutesPerMile, 2, 0)!;
    for (const value of minutesPerMile) {
      expect(value).not.toBeNull();
      expect(value!).toBeGreaterThanOrEqual(axis.min);
      expect(value!).toBeLessThanOrEqual(axis.max);
    }
  });
});
