import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readRecording, sniffKind } from '../../src-main/import/index';

const corpus = path.resolve(__dirname, '../../../shared/gpx-corpus');

describe('sniffing a file by its content, not its name', () => {
  it('knows GPX past a byte-order mark, the XML declaration and comments, with or without a prefix', () => {
    expect(sniffKind(Buffer.from('\ufeff<?xml version="1.0"?>\n<!-- made by hand -->\n<gpx version="1.1"/>'))).toBe('gpx');
    expect(sniffKind(Buffer.from('<g:gpx xmlns:g="http://www.topografix.com/GPX/1/1"/>'))).toBe('gpx');
    expect(sniffKind(Buffer.from('<?xml version="1.0"?><TrainingCenterDatabase/>'))).toBe('tcx');
    expect(sniffKind(Buffer.from('<?xml version="1.0"?><kml/>'))).toBe('unknown');
    expect(sniffKind(Buffer.from('lat,lon\n1,2\n'))).toBe('unknown');
  });

  it('knows gzip, zip and FIT by their first bytes', () => {
    expect(sniffKind(zlib.gzipSync(Buffer.from('<gpx/>')))).toBe('gzip');
    expect(sniffKind(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]))).toBe('zip');
    const fitHeader = Buffer.from([14, 0x20, 0, 0, 0, 0, 0, 0, 0x2e, 0x46, 0x49, 0x54, 0, 0]);
    expect(sniffKind(fitHeader)).toBe('fit');
  });

  it('reads a real GPX file the same whether given whole or as a stream of tiny chunks', async () => {
    const file = 'georust__garmin-activity.gpx';
    const bytes = fs.readFileSync(path.join(corpus, file));
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (let at = 0; at < bytes.length; at += 100) yield bytes.subarray(at, at + 100);
    }
    const whole = await readRecording(bytes);
    const streamed = await readRecording(chunks());
    expect(streamed.metadata.format).toBe('gpx');
    expect(streamed.points.count).toBe(whole.points.count);
    expect(streamed.fingerprint).toEqual(whole.fingerprint);
  });
});
