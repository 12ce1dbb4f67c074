/**
 * Speed and memory figures, printed (tests never assert timings; the benchmark does that).
 * The 100 MB file runs only with STANCE_GPX_LARGE=1, as it takes a while to write and read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGpx, parseGpxSync } from '../../src-main/gpx/index';
import { generateRunGpx, writeLargeGpxFile } from './generate';

describe('speed and memory (reported)', () => {
  it('parses and derives an 18,000-point (five-hour, 1 Hz, with heart rate) run', () => {
    const bytes = Buffer.from(generateRunGpx({ seconds: 18_000, withHeartRate: true }));
    parseGpxSync(bytes); // warm-up: the first call pays for JIT compilation
    const times: number[] = [];
    for (let k = 0; k < 5; k += 1) {
      const started = performance.now();
      const run = parseGpxSync(bytes);
      times.push(performance.now() - started);
      expect(run.pointCount).toBe(18_000);
    }
    times.sort((a, b) => a - b);
    console.log(`[gpx speed] 18,000 points, ${(bytes.length / 1e6).toFixed(1)} MB: median ${times[2]!.toFixed(1)} ms (warm)`);
  });

  it.skipIf(process.env.STANCE_GPX_LARGE !== '1')('reads a 100 MB file from disk in bounded memory', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'stance-gpx-'));
    try {
      const file = path.join(folder, 'large.gpx');
      const written = await writeLargeGpxFile(file, 100 * 1024 * 1024);
      global.gc?.();
      const before = process.memoryUsage();
      let peakRss = before.rss;
      let peakUsed = before.heapUsed + before.arrayBuffers;
      const started = performance.now();
      const run = await parseGpx(fs.createReadStream(file, { highWaterMark: 256 * 1024 }), {
        onProgress: () => {
          const now = process.memoryUsage();
          peakRss = Math.max(peakRss, now.rss);
          peakUsed = Math.max(peakUsed, now.heapUsed + now.arrayBuffers);
        },
      });
      const seconds = (performance.now() - started) / 1000;
      const growthMb = (peakUsed - before.heapUsed - before.arrayBuffers) / 1e6;
      console.log(
        `[gpx large] ${(written.bytes / 1e6).toFixed(0)} MB, ${written.points} points: ${seconds.toFixed(1)} s, ` +
          `peak heap+buffers growth ${growthMb.toFixed(0)} MB, peak RSS growth ${((peakRss - before.rss) / 1e6).toFixed(0)} MB`,
      );
      expect(run.pointCount).toBe(written.points);
      expect(growthMb).toBeLessThan(250);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }, 300_000);
});
