/**
 * An independent check of track distance, sharing no code with src-main/track or src-main/formats:
 *  - points are pulled out of the raw text with regular expressions (not an XML parser);
 *  - distance is Vincenty's inverse formula on the WGS84 ellipsoid (not haversine on a sphere);
 *  - the same expectations a runner has: nothing counted between <trkseg>s or <trk>s, and a
 *    point implying more than 12 m/s from the last counted point is a spike and not counted.
 * It is deliberately naive (no re-anchoring after GPS jumps, no time interpolation), which is
 * why the tests allow 1 %.
 */

const WGS84_A = 6_378_137;
const WGS84_F = 1 / 298.257223563;
const WGS84_B = WGS84_A * (1 - WGS84_F);

/** Vincenty (1975) inverse: metres between two points on the WGS84 ellipsoid. */
export function vincentyMetres(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const toRad = Math.PI / 180;
  const L = (lon2 - lon1) * toRad;
  const U1 = Math.atan((1 - WGS84_F) * Math.tan(lat1 * toRad));
  const U2 = Math.atan((1 - WGS84_F) * Math.tan(lat2 * toRad));
  const sinU1 = Math.sin(U1), cosU1 = Math.cos(U1), sinU2 = Math.sin(U2), cosU2 = Math.cos(U2);
  let lambda = L;
  for (let iteration = 0; iteration < 200; iteration += 1) {
    const sinLambda = Math.sin(lambda), cosLambda = Math.cos(lambda);
    const sinSigma = Math.sqrt((cosU2 * sinLambda) ** 2 + (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) ** 2);
    if (sinSigma === 0) return 0;
    const cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
    const sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinLambda) / sinSigma;
    const cos2Alpha = 1 - sinAlpha * sinAlpha;
    const cos2SigmaM = cos2Alpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cos2Alpha;
    const C = (WGS84_F / 16) * cos2Alpha * (4 + WGS84_F * (4 - 3 * cos2Alpha));
    const previous = lambda;
    lambda = L + (1 - C) * WGS84_F * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM ** 2)));
    if (Math.abs(lambda - previous) < 1e-12) {
      const u2 = (cos2Alpha * (WGS84_A ** 2 - WGS84_B ** 2)) / WGS84_B ** 2;
      const A = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
      const B = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
      const deltaSigma = B * sinSigma * (cos2SigmaM + (B / 4) * (cosSigma * (-1 + 2 * cos2SigmaM ** 2) -
        (B / 6) * cos2SigmaM * (-3 + 4 * sinSigma ** 2) * (-3 + 4 * cos2SigmaM ** 2)));
      return WGS84_B * A * (sigma - deltaSigma);
    }
  }
  throw new Error('Vincenty did not converge (nearly antipodal points)');
}

interface RawPoint { lat: number; lon: number; timeMs: number }

/** Track distance of GPX text; `onlyTracks` (1-based) restricts to some <trk>s. `timed` false: no spike check. */
export function independentTrackMetres(gpxText: string, options: { onlyTracks?: number[]; timed?: boolean } = {}): number {
  const timed = options.timed ?? true;
  const tracks = gpxText.split(/<trk[\s>]/).slice(1);
  let total = 0;
  tracks.forEach((trackText, index) => {
    if (options.onlyTracks && !options.onlyTracks.includes(index + 1)) return;
    for (const segmentText of trackText.split(/<trkseg[\s>]/).slice(1)) {
      const points: RawPoint[] = [];
      for (const match of segmentText.matchAll(/<trkpt\b([^>]*)>([\s\S]*?)<\/trkpt>|<trkpt\b([^>]*)\/>/g)) {
        const attributes = match[1] ?? match[3] ?? '';
        const body = match[2] ?? '';
        const lat = Number(/\blat\s*=\s*["']([^"']+)["']/.exec(attributes)?.[1]);
        const lon = Number(/\blon\s*=\s*["']([^"']+)["']/.exec(attributes)?.[1]);
        const time = /<time>([^<]+)<\/time>/.exec(body)?.[1];
        if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
        points.push({ lat, lon, timeMs: time ? Date.parse(time) : Number.NaN });
      }
      let last: RawPoint | undefined;
      for (const point of points) {
        if (last === undefined) {
          last = point;
          continue;
        }
        const metres = vincentyMetres(last.lat, last.lon, point.lat, point.lon);
        if (timed) {
          const seconds = (point.timeMs - last.timeMs) / 1000;
          if (!(seconds > 0) || metres / seconds > 12) continue;
        }
        total += metres;
        last = point;
      }
    }
  });
  return total;
}
