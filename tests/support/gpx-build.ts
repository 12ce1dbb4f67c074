/**
 * Small GPX files written point by point, for tests of one awkward shape at a time: tracks of
 * segments of points, each point a position, an optional time (ISO text, or a UTC ms number)
 * and an optional elevation.
 */

export interface BuiltPoint {
  lat: number;
  lon: number;
  /** UTC ms, ISO text as written, or null for no <time>. */
  time: number | string | null;
  ele?: number;
}

export interface BuiltTrack {
  name?: string;
  segments: BuiltPoint[][];
}

const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');

/** A GPX 1.1 file of the given tracks. */
export function gpxOf(tracks: BuiltTrack[], fileName?: string): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<gpx version="1.1" creator="stance tests" xmlns="http://www.topografix.com/GPX/1/1">'];
  if (fileName !== undefined) lines.push(`  <metadata><name>${fileName}</name></metadata>`);
  for (const track of tracks) {
    lines.push('  <trk>');
    if (track.name !== undefined) lines.push(`    <name>${track.name}</name>`);
    for (const segment of track.segments) {
      lines.push('    <trkseg>');
      for (const point of segment) {
        const ele = point.ele === undefined ? '' : `<ele>${point.ele.toFixed(1)}</ele>`;
        const time = point.time === null ? '' : `<time>${typeof point.time === 'number' ? iso(point.time) : point.time}</time>`;
        lines.push(`      <trkpt lat="${point.lat.toFixed(7)}" lon="${point.lon.toFixed(7)}">${ele}${time}</trkpt>`);
      }
      lines.push('    </trkseg>');
    }
    lines.push('  </trk>');
  }
  lines.push('</gpx>', '');
  return lines.join('\n');
}

const METRES_PER_DEGREE_LATITUDE = 111_195;

export interface WalkOptions {
  /** Where and when the first point is. */
  lat?: number;
  lon?: number;
  startMs: number;
  points: number;
  /** Metres between points (east-going), and seconds between points. */
  stepMetres?: number;
  stepSeconds?: number;
  /** Elevation at point i, metres. */
  ele?: (i: number) => number;
}

/** A straight run east: `points` points `stepMetres` apart, `stepSeconds` apart in time. */
export function walk(options: WalkOptions): BuiltPoint[] {
  const lat = options.lat ?? 46.2;
  const lon = options.lon ?? 6.1;
  const stepMetres = options.stepMetres ?? 3;
  const stepSeconds = options.stepSeconds ?? 1;
  const metresPerDegreeLongitude = METRES_PER_DEGREE_LATITUDE * Math.cos((lat * Math.PI) / 180);
  return Array.from({ length: options.points }, (_, i) => ({
    lat,
    lon: lon + (i * stepMetres) / metresPerDegreeLongitude,
    time: options.startMs + i * stepSeconds * 1000,
    ...(options.ele ? { ele: options.ele(i) } : {}),
  }));
}
