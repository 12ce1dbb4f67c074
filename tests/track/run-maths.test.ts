/** What a runner gets for the awkward cases: gaps, spikes, missing and odd times, encodings. */
import { describe, expect, it } from 'vitest';
import { ImportRefusal, parseGpxSync, type DerivedRun } from '../../src-main/import/index';
import { measureClimb } from '../../src-main/track/elevation';
import { parseIsoTime } from '../../src-main/track/timestamps';
import { generateRunGpx } from '../formats/gpx/generate';
import { vincentyMetres } from '../formats/gpx/independent-distance';

/** Points due north from 51.5°N, `metres` apart (1° of latitude ≈ 111,195 m on the mean sphere). */
function point(northMetres: number, time: string | null, extra = ''): string {
  const lat = 51.5 + northMetres / 111_195;
  return `<trkpt lat="${lat.toFixed(8)}" lon="-0.12">${time === null ? '' : `<time>${time}</time>`}${extra}</trkpt>`;
}
const gpx = (segments: string[][], head = ''): Buffer =>
  Buffer.from(`${head}<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><name>Test run</name>${segments
    .map((points) => `<trkseg>${points.join('')}</trkseg>`)
    .join('')}</trk></gpx>`);
const at = (second: number): string => new Date(Date.UTC(2024, 4, 1, 7, 0, second)).toISOString();
const run = (bytes: Buffer, options = {}): DerivedRun => parseGpxSync(bytes, options);
const codes = (result: DerivedRun): string[] => result.warnings.map((w) => w.code);

describe('distance and time', () => {
  it('a gap between segments is a pause, never distance', () => {
    const result = run(gpx([
      [point(0, at(0)), point(30, at(10)), point(60, at(20))],
      [point(5060, at(1000)), point(5090, at(1010))],
    ]));
    expect(result.distanceMetres).toBeCloseTo(90, 0);
    expect(result.elapsedSeconds).toBe(1010);
    expect(result.movingSeconds).toBe(30);
  });

  it('drops a GPS spike from the distance and says so', () => {
    const result = run(gpx([[point(0, at(0)), point(3, at(1)), point(400, at(2)), point(9, at(3)), point(12, at(4))]]));
    expect(result.distanceMetres).toBeCloseTo(12, 0);
    expect(result.pointCount).toBe(4);
    expect(codes(result)).toContain('spikes-left-out');
  });

  it('drops a spike that is the very first point', () => {
    const points = [point(900, at(0)), ...Array.from({ length: 10 }, (_, k) => point(3 * k, at(k + 1)))];
    const result = run(gpx([points]));
    expect(result.distanceMetres).toBeCloseTo(27, 0);
    expect(result.startUtcMs).toBe(Date.parse(at(1)));
  });

  it('leaves out repeated and backwards times', () => {
    const result = run(gpx([[point(0, at(0)), point(3, at(1)), point(3, at(1)), point(5, at(0)), point(6, at(2)), point(9, at(3))]]));
    expect(result.distanceMetres).toBeCloseTo(9, 0);
    expect(codes(result)).toContain('repeated-times-left-out');
  });

  it('excludes a long stop from moving time but keeps it in elapsed time', () => {
    const points = [
      ...Array.from({ length: 60 }, (_, k) => point(3 * k, at(k))),
      ...Array.from({ length: 60 }, (_, k) => point(177 + (k % 2) * 0.2, at(60 + k))), // standing, GPS jitter
      ...Array.from({ length: 60 }, (_, k) => point(180 + 3 * k, at(120 + k))),
    ];
    const result = run(gpx([points]));
    expect(result.elapsedSeconds).toBe(179);
    expect(result.movingSeconds).toBeGreaterThan(115);
    expect(result.movingSeconds).toBeLessThan(125);
  });

  it('fills in a missing time inside a segment and leaves out untimed points at its end', () => {
    const result = run(gpx([[point(0, at(0)), point(10, null), point(20, at(10)), point(30, null)]]));
    expect(result.distanceMetres).toBeCloseTo(20, 0);
    expect(result.streams.secondsFromStart[1]).toBeCloseTo(5, 3);
    expect(codes(result)).toEqual(expect.arrayContaining(['times-filled-in', 'untimed-points-left-out']));
  });

  it('a file without times is refused, or imported with the start time the runner gives', () => {
    const untimed = gpx([[point(0, null), point(100, null), point(200, null)]]);
    expect(() => run(untimed)).toThrowError(ImportRefusal);
    const given = Date.UTC(2024, 4, 1, 6, 30);
    const result = run(untimed, { startTime: new Date(given) });
    expect(result.startUtcMs).toBe(given);
    expect(result.distanceMetres).toBeCloseTo(200, 0);
    // Without times: distance only — no moving or elapsed time, and no splits to show a pace in.
    expect([result.movingSeconds, result.elapsedSeconds, result.splitsPerKilometre.length, result.splitsPerMile.length]).toEqual([null, null, 0, 0]);
  });

  it('reads UTC offsets and reports the one written; zone-less times are UTC with a warning', () => {
    const offset = run(gpx([[point(0, '2024-05-01T09:00:00+02:00'), point(30, '2024-05-01T09:00:10+02:00')]]));
    expect(offset.startUtcMs).toBe(Date.UTC(2024, 4, 1, 7, 0, 0));
    expect(offset.utcOffsetMinutes).toBe(120);
    const zoneless = run(gpx([[point(0, '2024-05-01T07:00:00'), point(30, '2024-05-01T07:00:10')]]));
    expect(zoneless.startUtcMs).toBe(Date.UTC(2024, 4, 1, 7, 0, 0));
    expect(zoneless.utcOffsetMinutes).toBeNull();
    expect(codes(zoneless)).toContain('times-without-zone');
    expect(parseIsoTime('2024-02-30T07:00:00Z')).toBeNull();
    expect(parseIsoTime('1901-12-13T20:45:52.2073437Z')?.utcMs).toBe(Date.UTC(1901, 11, 13, 20, 45, 52) + 207.3437);
  });

  it('skips malformed positions and keeps the rest', () => {
    const result = run(gpx([[point(0, at(0)), '<trkpt lat="x" lon="-0.12"><time>2024-05-01T07:00:05Z</time></trkpt>', point(30, at(10))]]));
    expect(result.pointCount).toBe(2);
    expect(codes(result)).toContain('points-without-position');
  });
});

describe('encodings and extensions', () => {
  it('reads ISO-8859-1 names and UTF-8 split across chunks', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><gpx><trk><name>Lauf am M'),
      Buffer.from([0xfc]),
      Buffer.from(`hlbach</name><trkseg>${point(0, at(0))}${point(30, at(10))}</trkseg></trk></gpx>`),
    ]);
    expect(run(latin1).name).toBe('Lauf am Mühlbach');
    const utf8 = Buffer.from(`\uFEFF<gpx><trk><name>Laufen am Mühlbach 🏃</name><trkseg>${point(0, at(0))}${point(30, at(10))}</trkseg></trk></gpx>`);
    const { parseGpx } = await import('../../src-main/import/index');
    async function* byteByByte(): AsyncGenerator<Buffer> {
      for (const byte of utf8) yield Buffer.from([byte]);
    }
    expect((await parseGpx(byteByByte())).name).toBe('Laufen am Mühlbach 🏃');
  });

  it('finds heart rate, cadence and power by namespace whatever the prefix', () => {
    const ext = (inner: string): string => `<extensions>${inner}</extensions>`;
    const bytes = Buffer.from(`<gpx xmlns="http://www.topografix.com/GPX/1/1" xmlns:zz="http://www.garmin.com/xmlschemas/TrackPointExtension/v2" xmlns:gd="http://www.cluetrust.com/XML/GPXDATA/1/0" xmlns:p="http://www.garmin.com/xmlschemas/PowerExtension/v1" xmlns:fake="http://example.com/not-garmin"><trk><trkseg>
      ${point(0, at(0), ext('<zz:TrackPointExtension><zz:hr>150</zz:hr><zz:cad>88</zz:cad></zz:TrackPointExtension><p:PowerExtension><p:PowerInWatts>250</p:PowerInWatts></p:PowerExtension>'))}
      ${point(3, at(1), ext('<gd:hr>152</gd:hr><gd:cadence>90</gd:cadence>'))}
      ${point(6, at(2), ext('<fake:hr>999</fake:hr><power>260</power>'))}
    </trkseg></trk></gpx>`);
    const result = run(bytes);
    expect(Array.from(result.streams.heartRate)).toEqual([150, 152, Number.NaN]);
    // Garmin's cad is strides of one foot per minute: the neutral recording holds steps per minute (both feet).
    expect(Array.from(result.streams.cadence)).toEqual([176, 90, Number.NaN]);
    expect(Array.from(result.streams.powerWatts)).toEqual([250, Number.NaN, 260]);
    expect(result.averageHeartRate).toBe(151);
  });
});

describe('elevation and splits', () => {
  it('counts a real hill and ignores noise under the threshold', () => {
    const metres = Float64Array.from({ length: 400 }, (_, k) => k * 3);
    const hill = Float32Array.from(metres, (m) => (m < 600 ? m / 20 : (1200 - m) / 20) + (Math.round(m / 3) % 2 ? 1 : -1));
    const climb = measureClimb(hill, metres);
    expect(climb.gainMetres).toBeGreaterThan(27);
    expect(climb.gainMetres).toBeLessThan(31);
    const flatNoise = Float32Array.from(metres, (_, k) => 50 + (k % 2 ? 1.2 : -1.2));
    expect(measureClimb(flatNoise, metres).gainMetres).toBe(0);
  });

  it('splits add up to the run and pace is per whole unit', () => {
    const result = run(Buffer.from(generateRunGpx({ seconds: 1800, withHeartRate: true })));
    const km = result.splitsPerKilometre;
    expect(km.length).toBe(Math.ceil(result.distanceMetres / 1000));
    expect(km.reduce((sum, split) => sum + split.distanceMetres, 0)).toBeCloseTo(result.distanceMetres, 6);
    expect(km.reduce((sum, split) => sum + (split.movingSeconds ?? 0), 0)).toBeCloseTo(result.movingSeconds!, 6);
    expect(km.reduce((sum, split) => sum + (split.elevationGainMetres ?? 0), 0)).toBeCloseTo(result.elevationGainMetres!, 3);
    // 3 m/s → about 333 s per km, 536 s per mile.
    expect(km[0]!.paceSecondsPerUnit!).toBeGreaterThan(320);
    expect(km[0]!.paceSecondsPerUnit!).toBeLessThan(345);
    expect(result.splitsPerMile[0]!.paceSecondsPerUnit!).toBeGreaterThan(515);
    expect(km[0]!.averageHeartRate).not.toBeNull();
    expect(km.at(-1)!.isPartial).toBe(true);
  });

  it('the generated run measures the same with haversine and Vincenty', () => {
    const result = run(Buffer.from(generateRunGpx({ seconds: 600 })));
    let vincenty = 0;
    for (let i = 1; i < result.pointCount; i += 1) {
      vincenty += vincentyMetres(result.streams.latitude[i - 1]!, result.streams.longitude[i - 1]!, result.streams.latitude[i]!, result.streams.longitude[i]!);
    }
    expect(Math.abs(result.distanceMetres - vincenty) / vincenty).toBeLessThan(0.005);
  });
});

describe('fingerprints', () => {
  it('the same run re-exported with trivial differences has the same points fingerprint', () => {
    const original = generateRunGpx({ seconds: 300, withHeartRate: true });
    const reformatted = original.replace(/ creator="[^"]*"/, ' creator="Another tool"').replace(/\n/g, '\r\n').replace(/<ele>[^<]*<\/ele>/g, '');
    const a = run(Buffer.from(original)).fingerprint;
    const b = run(Buffer.from(reformatted)).fingerprint;
    expect(a.pointsSha256).toBe(b.pointsSha256);
    expect(a.fileSha256).not.toBe(b.fileSha256);
    const other = run(Buffer.from(generateRunGpx({ seconds: 300, seed: 2 }))).fingerprint;
    expect(other.pointsSha256).not.toBe(a.pointsSha256);
  });
});
