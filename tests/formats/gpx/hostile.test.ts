/** Hostile and broken inputs: refused quickly, with a clear reason, and nothing read beyond need. */
import { describe, expect, it } from 'vitest';
import { ImportRefusal, parseGpx, parseGpxSync } from '../../../src-main/import/index';

function refusalOf(text: string | Buffer): ImportRefusal {
  try {
    parseGpxSync(typeof text === 'string' ? Buffer.from(text) : text);
  } catch (error) {
    if (error instanceof ImportRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const POINTS = '<trkpt lat="51.5" lon="-0.12"><time>2024-01-01T08:00:00Z</time></trkpt><trkpt lat="51.501" lon="-0.12"><time>2024-01-01T08:01:00Z</time></trkpt>';
const GPX = (inside: string): string => `<gpx xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>${inside}</trkseg></trk></gpx>`;

describe('hostile GPX', () => {
  it('refuses a billion-laughs entity bomb at its DOCTYPE, before expanding anything', () => {
    const lols = Array.from({ length: 9 }, (_, k) => `<!ENTITY lol${k + 1} "${`&lol${k};`.repeat(10)}">`).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY lol0 "lol">${lols}]><gpx>&lol9;</gpx>`;
    const refusal = refusalOf(bomb);
    expect(refusal.reason).toBe('doctype');
    expect(refusal.message).toBe(
      'This file contains a document type declaration (<!DOCTYPE>). GPX files never need one, and Stance refuses them for safety — nothing was imported.',
    );
  });

  it('refuses an external entity pointing at /etc/passwd without reading it', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>${GPX(`<trkpt lat="1" lon="1"><name>&secret;</name></trkpt>`)}`;
    const refusal = refusalOf(xxe);
    expect(refusal.reason).toBe('doctype');
    expect(refusal.message).not.toContain('root:');
  });

  it('refuses a DOCTYPE split across stream chunks', async () => {
    const text = `<?xml version="1.0"?><!DOCTYPE gpx SYSTEM "http://example.com/x.dtd">${GPX(POINTS)}`;
    async function* oneByteAtATime(): AsyncGenerator<Buffer> {
      for (const byte of Buffer.from(text)) yield Buffer.from([byte]);
    }
    await expect(parseGpx(oneByteAtATime())).rejects.toMatchObject({ reason: 'doctype' });
  });

  it('an undefined entity is a refusal, not a crash', () => {
    const refusal = refusalOf(GPX(`<trkpt lat="1" lon="1"><name>&nbsp;</name></trkpt>`));
    expect(refusal.reason).toBe('unknown-entity');
    expect(refusal.message).toBe('The file is damaged: line 1 uses an “&…;” code that XML does not define — nothing was imported.');
  });

  it('refuses 100,000 nested elements at depth 65, quickly', () => {
    const deep = `<gpx>${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</gpx>`;
    const started = performance.now();
    const refusal = refusalOf(deep);
    expect(refusal.reason).toBe('too-deep');
    expect(refusal.message).toBe('This file nests elements more than 64 levels deep, which no GPX file does — nothing was imported.');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('refuses a huge attribute, a huge text and a huge comment before the parser buffers them', async () => {
    const tooLong = 'This file holds a single value, name or comment longer than 64 KiB, which no GPX file does — nothing was imported.';
    for (const hostile of [
      `<gpx><trk><trkseg><trkpt lat="${'1'.repeat(200_000)}" lon="1"/></trkseg></trk></gpx>`,
      `<gpx><trk><name>${'x'.repeat(200_000)}</name></trk></gpx>`,
      `<gpx><!--${'<>'.repeat(100_000)}--></gpx>`,
      `<gpx><trk><name>${`${'x'.repeat(100)}<!---->`.repeat(1_000)}</name></trk></gpx>`,
    ]) {
      const refusal = refusalOf(hostile);
      expect(refusal.reason).toBe('too-long');
      expect(refusal.message).toBe(tooLong);
    }
    // A 50 MB attribute arriving as a stream: refused after reading only about the limit.
    let bytesRead = 0;
    async function* hugeAttribute(): AsyncGenerator<Buffer> {
      yield Buffer.from('<gpx><trk><trkseg><trkpt lat="');
      const chunk = Buffer.alloc(64 * 1024, '1');
      for (let k = 0; k < 800; k += 1) {
        bytesRead += chunk.length;
        yield chunk;
      }
    }
    await expect(parseGpx(hugeAttribute())).rejects.toMatchObject({ reason: 'too-long' });
    expect(bytesRead).toBeLessThan(512 * 1024);
  });

  it('refuses more points than the limit', () => {
    const refusal = (() => {
      try {
        parseGpxSync(Buffer.from(GPX(POINTS.repeat(6))), { limits: { maxPoints: 10 } });
      } catch (error) {
        return error as ImportRefusal;
      }
      throw new Error('expected a refusal');
    })();
    expect(refusal.reason).toBe('too-many-points');
    expect(refusal.message).toBe('This file holds more than 10 points — far more than any run — nothing was imported.');
  });

  it('refuses what is not a GPX file', () => {
    expect(refusalOf('').reason).toBe('empty-file');
    expect(refusalOf('   \n').reason).toBe('empty-file');
    expect(refusalOf('PK\u0003\u0004 zip bytes').reason).toBe('not-gpx');
    const tcx = refusalOf('<?xml version="1.0"?><TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"/>');
    expect(tcx.reason).toBe('not-gpx');
    expect(tcx.message).toBe('This is not a GPX file (it is XML whose main element is <TrainingCenterDatabase>, not <gpx>) — nothing was imported.');
    const broken = refusalOf(`<gpx><trk></trkseg></trk></gpx>`);
    expect(broken.reason).toBe('malformed-xml');
    expect(broken.message).toBe('The file is damaged: line 1 is not valid XML (a closing tag that does not match the element it closes) — nothing was imported.');
    expect(refusalOf(`<gpx><trk><trkseg>${POINTS}`).reason).toBe('cut-off');
    expect(refusalOf(Buffer.from([0xff, 0xfe, 0x3c, 0x00])).reason).toBe('unsupported-encoding');
    expect(refusalOf('<?xml version="1.0" encoding="Shift_JIS"?><gpx/>').message).toBe(
      'This file is written in the “Shift_JIS” text encoding; Stance reads GPX files in UTF-8 or ISO-8859-1 — nothing was imported.',
    );
  });

  it('never lets anything but a ImportRefusal escape for arbitrary bytes', () => {
    const samples = ['<gpx', '<gpx><trk><trkseg><trkpt lat="a" lon="b"/></trkseg></trk></gpx>', '<?xml?><gpx/>', '<<<>>>', '<gpx>\u0000</gpx>', '<gpx><trk><trkseg><trkpt lat="1" lon="2"><time>yesterday</time></trkpt></trkseg></trk></gpx>'];
    for (const sample of samples) expect(refusalOf(sample)).toBeInstanceOf(ImportRefusal);
  });
});
