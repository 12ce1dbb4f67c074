/**
 * The same file gives the same run however its bytes arrive: whole, or streamed in chunks that
 * split multi-byte UTF-8 characters, the byte-order mark and tags. (The speed and peak memory of
 * reading a 100 MB file are measured by the benchmark, `npm run bench`, not here.)
 */
import { describe, expect, it } from 'vitest';
import { parseGpx, parseGpxSync } from '../../../src-main/import/index';
import { generateRunGpx } from './generate';

async function* inChunksOf(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}

describe('streamed GPX', () => {
  const text = generateRunGpx({ seconds: 600, withHeartRate: true, withCadence: true, withPower: true, segmentEvery: 250 })
    .replace('<name>Generated run</name>', '<name>Außenalster – 10 km ✓ 🏃</name>');
  const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);

  it('reads the same run from one buffer and from chunks of 1, 7 and 4096 bytes', async () => {
    const whole = parseGpxSync(bytes);
    expect(whole.pointCount).toBe(600);
    expect(whole.name).toBe('Außenalster – 10 km ✓ 🏃');
    expect(whole.warnings.map((warning) => warning.code)).not.toContain('undecodable-text');
    for (const size of [1, 7, 4096]) {
      const streamed = await parseGpx(inChunksOf(bytes, size));
      expect(streamed.name).toBe(whole.name);
      expect(streamed.fingerprint).toEqual(whole.fingerprint);
      expect(streamed.distanceMetres).toBe(whole.distanceMetres);
      expect(Array.from(streamed.streams.heartRate)).toEqual(Array.from(whole.streams.heartRate));
      expect(Array.from(streamed.streams.pieceStarts)).toEqual(Array.from(whole.streams.pieceStarts));
    }
  });

  it('matches extensions by namespace whatever the prefix, and refuses names that break namespace rules', () => {
    const nsThree = parseGpxSync(Buffer.from(generateRunGpx({ seconds: 60, withHeartRate: true, extensionPrefix: 'ns3' })));
    expect(nsThree.averageHeartRate).not.toBeNull();
    const refusal = (xml: string): string => {
      try {
        parseGpxSync(Buffer.from(xml));
      } catch (error) {
        return (error as { reason: string }).reason;
      }
      return 'imported';
    };
    expect(refusal('<gpx xmlns="http://www.topografix.com/GPX/1/1"><a:b:c/></gpx>')).toBe('malformed-xml');
    expect(refusal('<gpx xmlns:p=""/>')).toBe('malformed-xml');
    expect(refusal('<gpx xmlns:a="urn:x" xmlns:b="urn:x"><trk a:n="1" b:n="2"/></gpx>')).toBe('malformed-xml');
    expect(refusal('<gpx><xmlns:trk/></gpx>')).toBe('malformed-xml');
  });

  it('lets a 60,000-character value through and refuses a 100,000-character one (limit 64 KiB, checked per slice)', () => {
    const withDescription = (chars: number): Buffer =>
      Buffer.from(generateRunGpx({ seconds: 60 }).replace('<trk>', `<trk><desc>${'d'.repeat(chars)}</desc>`));
    expect(parseGpxSync(withDescription(60_000)).pointCount).toBe(60);
    expect(() => parseGpxSync(withDescription(100_000))).toThrow(/longer than 64 KiB/);
  });
});
