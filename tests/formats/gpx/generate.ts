/**
 * GPX files built for tests and benchmarks: a runner going round at a steady pace with GPS
 * noise, gentle hills and (optionally) heart rate, cadence and power, one point per second.
 * Deterministic: the same options give the same bytes.
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { seededRandom } from '../../../src-main/analysis/example-history';

export interface GeneratedRunOptions {
  /** Length of the run in seconds (one point a second). */
  seconds: number;
  withHeartRate?: boolean;
  withCadence?: boolean;
  withPower?: boolean;
  /** Write <time> elements (default true). */
  withTimes?: boolean;
  /** ISO start instant; default 2024-03-02T07:30:00Z. */
  start?: string;
  /** Metres per second (default 3, a 5:33 /km pace). */
  speed?: number;
  /** Seed of the pseudo-random noise. */
  seed?: number;
  /** Start a new <trkseg> every this many points (0 = one segment). */
  segmentEvery?: number;
  /** Prefix used for the Garmin TrackPointExtension namespace (default gpxtpx). */
  extensionPrefix?: string;
}

export interface GeneratedPoint {
  latitude: number;
  longitude: number;
  elevationMetres: number;
  utcMs: number;
  heartRate: number;
  cadence: number;
  powerWatts: number;
}

/** The points of a generated run, before they are written as GPX. */
export function* generateRunPoints(options: GeneratedRunOptions): Generator<GeneratedPoint> {
  const random = seededRandom(options.seed ?? 1);
  const startMs = Date.parse(options.start ?? '2024-03-02T07:30:00Z');
  const speed = options.speed ?? 3;
  let latitude = 51.5007;
  let longitude = -0.1246;
  let heading = random() * 2 * Math.PI;
  let travelled = 0;
  for (let second = 0; second < options.seconds; second += 1) {
    // True position moves `speed` metres along a slowly turning heading.
    heading += (random() - 0.5) * 0.15;
    const north = Math.cos(heading) * speed;
    const east = Math.sin(heading) * speed;
    latitude += north / 111_195;
    longitude += east / (111_195 * Math.cos((latitude * Math.PI) / 180));
    travelled += speed;
    const noise = (): number => (random() - 0.5) * 2 * 1.5e-6; // about ±0.15 m
    yield {
      latitude: latitude + noise(),
      longitude: longitude + noise(),
      elevationMetres: 30 + 15 * Math.sin(travelled / 800) + (random() - 0.5) * 0.6,
      utcMs: startMs + second * 1000,
      heartRate: Math.round(135 + 25 * Math.min(1, second / 900) + (random() - 0.5) * 6),
      cadence: Math.round(84 + (random() - 0.5) * 4),
      powerWatts: Math.round(240 + (random() - 0.5) * 40),
    };
  }
}

const HEADER = (prefix: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n` +
  `<gpx version="1.1" creator="Stance test generator" xmlns="http://www.topografix.com/GPX/1/1" ` +
  `xmlns:${prefix}="http://www.garmin.com/xmlschemas/TrackPointExtension/v1" ` +
  `xmlns:gpxpx="http://www.garmin.com/xmlschemas/PowerExtension/v1">\n` +
  ` <metadata><time>2024-03-02T07:30:00Z</time></metadata>\n <trk>\n  <name>Generated run</name>\n  <trkseg>\n`;
const FOOTER = '  </trkseg>\n </trk>\n</gpx>\n';

function pointXml(point: GeneratedPoint, options: GeneratedRunOptions, prefix: string): string {
  let xml = `   <trkpt lat="${point.latitude.toFixed(7)}" lon="${point.longitude.toFixed(7)}">` +
    `<ele>${point.elevationMetres.toFixed(1)}</ele>`;
  if (options.withTimes ?? true) xml += `<time>${new Date(point.utcMs).toISOString().replace('.000Z', 'Z')}</time>`;
  const sensors =
    (options.withHeartRate ? `<${prefix}:hr>${point.heartRate}</${prefix}:hr>` : '') +
    (options.withCadence ? `<${prefix}:cad>${point.cadence}</${prefix}:cad>` : '');
  if (sensors || options.withPower) {
    xml += '<extensions>';
    if (sensors) xml += `<${prefix}:TrackPointExtension>${sensors}</${prefix}:TrackPointExtension>`;
    if (options.withPower) xml += `<gpxpx:PowerExtension><gpxpx:PowerInWatts>${point.powerWatts}</gpxpx:PowerInWatts></gpxpx:PowerExtension>`;
    xml += '</extensions>';
  }
  return `${xml}</trkpt>\n`;
}

/** A whole generated run as GPX text. */
export function generateRunGpx(options: GeneratedRunOptions): string {
  const prefix = options.extensionPrefix ?? 'gpxtpx';
  const parts: string[] = [HEADER(prefix)];
  let index = 0;
  for (const point of generateRunPoints(options)) {
    if (options.segmentEvery && index > 0 && index % options.segmentEvery === 0) parts.push('  </trkseg>\n  <trkseg>\n');
    parts.push(pointXml(point, options, prefix));
    index += 1;
  }
  parts.push(FOOTER);
  return parts.join('');
}

/**
 * Streams a generated run of at least `targetBytes` to `filePath` without holding it in memory
 * (heart rate, cadence and power at 1 Hz). Returns the bytes and points written.
 */
export async function writeLargeGpxFile(filePath: string, targetBytes: number): Promise<{ bytes: number; points: number }> {
  const out = fs.createWriteStream(filePath);
  const options: GeneratedRunOptions = { seconds: Number.MAX_SAFE_INTEGER, withHeartRate: true, withCadence: true, withPower: true, speed: 3 };
  let bytes = 0;
  let points = 0;
  const write = async (text: string): Promise<void> => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(HEADER('gpxtpx'));
  let batch = '';
  for (const point of generateRunPoints(options)) {
    batch += pointXml(point, options, 'gpxtpx');
    points += 1;
    if (batch.length > 64 * 1024) {
      await write(batch);
      batch = '';
      if (bytes >= targetBytes) break;
    }
  }
  await write(batch + FOOTER);
  out.end();
  await once(out, 'finish');
  return { bytes, points };
}
