/**
 * Stored streams round-trip, and the storage budget: a year of daily one-hour 1 Hz runs
 * (365 × 3,600 points) as encoded streams plus the gzipped original GPX files must fit in
 * 100 MB. The measured figures are printed (see the report in the test output).
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ORIGINAL_GZIP_LEVEL } from '../../src-main/import/importer';
import { decodeStreams, encodeStreams, parseGpxSync } from '../../src-main/import/index';
import { generateRunGpx } from '../formats/gpx/generate';

describe('encoded run streams', () => {
  it('round-trip within their stated precision', () => {
    const run = parseGpxSync(Buffer.from(generateRunGpx({ seconds: 900, withHeartRate: true, withCadence: true, withPower: true, segmentEvery: 400 })));
    const decoded = decodeStreams(encodeStreams(run.streams));
    const s = run.streams;
    expect(decoded.latitude.length).toBe(run.pointCount);
    expect(Array.from(decoded.pieceStarts)).toEqual(Array.from(s.pieceStarts));
    for (let i = 0; i < run.pointCount; i += 1) {
      expect(Math.abs(decoded.latitude[i]! - s.latitude[i]!)).toBeLessThanOrEqual(0.5e-6 + 1e-12);
      expect(Math.abs(decoded.longitude[i]! - s.longitude[i]!)).toBeLessThanOrEqual(0.5e-6 + 1e-12);
      expect(Math.abs(decoded.elevationMetres[i]! - s.elevationMetres[i]!)).toBeLessThanOrEqual(0.051);
      expect(Math.abs(decoded.secondsFromStart[i]! - s.secondsFromStart[i]!)).toBeLessThanOrEqual(0.0005 + 1e-9);
      expect(Math.abs(decoded.metresFromStart[i]! - s.metresFromStart[i]!)).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(decoded.heartRate[i]).toBe(s.heartRate[i]);
      expect(decoded.cadence[i]).toBe(s.cadence[i]);
      expect(decoded.powerWatts[i]).toBe(s.powerWatts[i]);
    }
  });

  it('keeps "not recorded" and untimed runs as NaN', () => {
    const untimed = parseGpxSync(Buffer.from(generateRunGpx({ seconds: 60, withTimes: false })), { startTime: Date.UTC(2024, 0, 1) });
    const decoded = decodeStreams(encodeStreams(untimed.streams));
    expect(decoded.secondsFromStart.every(Number.isNaN)).toBe(true);
    expect(decoded.heartRate.every(Number.isNaN)).toBe(true);
    expect(() => decodeStreams(Buffer.from('not streams'))).toThrow(/not Stance run streams/);
  });

  it('a year of daily one-hour runs fits in 100 MB with the gzipped originals', () => {
    const gpxText = generateRunGpx({ seconds: 3600, withHeartRate: true, withCadence: true });
    const original = Buffer.from(gpxText);
    const run = parseGpxSync(original);
    const streamsBytes = encodeStreams(run.streams).length;
    const gzippedOriginalBytes = gzipSync(original, { level: ORIGINAL_GZIP_LEVEL }).length; // as the importer keeps it
    const yearBytes = 365 * (streamsBytes + gzippedOriginalBytes);
    console.log(
      `[gpx storage] one hour at 1 Hz (${run.pointCount} points, HR + cadence): GPX ${original.length} B, ` +
        `gzipped ${gzippedOriginalBytes} B, encoded streams ${streamsBytes} B (${(streamsBytes / run.pointCount).toFixed(2)} B/point); ` +
        `a year of daily runs: ${(yearBytes / 1e6).toFixed(1)} MB`,
    );
    expect(yearBytes).toBeLessThan(100e6);
  });
});
