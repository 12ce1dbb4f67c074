/**
 * An independent measure of a FIT or TCX file's route: Debian's gpsbabel converts it to GPX
 * (its own FIT and TCX readers, not Stance's), and the test measures that GPX with Vincenty on
 * the WGS84 ellipsoid (tests/formats/gpx/independent-distance.ts), between two instants.
 */
import { execFileSync } from 'node:child_process';
import { vincentyMetres } from './gpx/independent-distance';

/** gpsbabel's GPX of a FIT (`garmin_fit`) or TCX (`gtrnctr`) file. */
export function gpsbabelGpx(file: string, format: 'fit' | 'tcx'): string {
  return execFileSync('gpsbabel', ['-i', format === 'fit' ? 'garmin_fit' : 'gtrnctr', '-f', file, '-o', 'gpx', '-F', '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/**
 * Metres along the GPX's timed track points between `fromMs` and `toMs` (inclusive), skipping any
 * step faster than 12 m/s (a GPS spike: the same limit as the runner-facing rule), summing the rest.
 */
export function metresBetween(gpxText: string, fromMs: number, toMs: number): number {
  let total = 0;
  let last: { lat: number; lon: number; ms: number } | null = null;
  for (const match of gpxText.matchAll(/<trkpt\b([^>]*)>([\s\S]*?)<\/trkpt>/g)) {
    const attributes = match[1] ?? '';
    const lat = Number(/\blat="([^"]+)"/.exec(attributes)?.[1]);
    const lon = Number(/\blon="([^"]+)"/.exec(attributes)?.[1]);
    const ms = Date.parse(/<time>([^<]+)<\/time>/.exec(match[2] ?? '')?.[1] ?? '');
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || !(ms >= fromMs && ms <= toMs)) continue;
    if (last !== null) {
      const metres = vincentyMetres(last.lat, last.lon, lat, lon);
      const seconds = (ms - last.ms) / 1000;
      if (!(seconds > 0) || metres / seconds > 12) continue;
      total += metres;
    }
    last = { lat, lon, ms };
  }
  return total;
}
