/**
 * Broken XML is refused naming its line and its cause; "cut off" is said only when the bytes end
 * inside an element; the 64 KiB limit is per value, name or comment — never per stretch of white
 * space or run of comments between elements.
 */
import { describe, expect, it } from 'vitest';
import { readGpxSync } from '../../../src-main/formats/gpx/index';
import { ImportRefusal } from '../../../src-main/import/index';

const POINT = '<trk><trkseg><trkpt lat="46.2" lon="6.1"><time>2024-05-04T07:00:00Z</time></trkpt><trkpt lat="46.2" lon="6.1001"><time>2024-05-04T07:00:05Z</time></trkpt></trkseg></trk>';

function refusalOf(text: string): ImportRefusal {
  try {
    readGpxSync(Buffer.from(text));
  } catch (error) {
    if (error instanceof ImportRefusal) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}
const damaged = (line: number, cause: string): string => `The file is damaged: line ${line} is not valid XML (${cause}) — nothing was imported.`;
const BARE = 'an “&” on its own — in a name it must be written “&amp;”';

describe('XML errors name their line and their cause', () => {
  it('a bare “&” in a name, a description or an attribute', () => {
    expect(refusalOf(`<gpx>\n<metadata>\n<name>park & river</name>\n</metadata>${POINT}</gpx>`).message).toBe(damaged(3, BARE));
    expect(refusalOf(`<gpx>\n${POINT}\n\n<trk><desc>fish &chips</desc></trk></gpx>`).message).toBe(
      damaged(4, '“&chips” without its closing “;” — an “&” in a name must be written “&amp;”'),
    );
    expect(refusalOf(`<gpx>\n<link href="https://example.com/?a=1&b=2"/>${POINT}</gpx>`).message).toBe(
      damaged(2, '“&b” without its closing “;” — an “&” in a name must be written “&amp;”'),
    );
    // Far from the end of a long file: still the line of the “&”, not "cut off" nor "too long".
    expect(refusalOf(`<gpx><trk><name>a & b</name>\n${'\n'.repeat(10)}${' '.repeat(300_000)}</trk></gpx>`).message).toBe(damaged(1, BARE));
  });

  it('a character reference without its “;”', () => {
    expect(refusalOf(`<gpx>\n<trk><name>M&#xFC nchen</name></trk></gpx>`).message).toBe(damaged(2, 'a character reference “&#xFC” without its closing “;”'));
    expect(refusalOf(`<gpx>\n\n<trk><name>caf&#233 au lait</name></trk></gpx>`).message).toBe(damaged(3, 'a character reference “&#233” without its closing “;”'));
  });

  it('a closing tag that does not match', () => {
    expect(refusalOf(`<gpx>\n<trk>\n<trkseg></trk></gpx>`).message).toBe(damaged(3, 'a closing tag that does not match the element it closes'));
  });

  it('“cut off” only when the bytes end inside an element', () => {
    expect(refusalOf(`<gpx>${POINT}<trk><name>Morning`).reason).toBe('cut-off');
    expect(refusalOf(`<gpx>${POINT}<trk><name>Morning</name>`).reason).toBe('cut-off');
    expect(refusalOf(`<gpx>\n<trk><name>a & b</name></trk>`).reason).toBe('malformed-xml');
    expect(refusalOf(`<gpx>${POINT}<trk><name>Tom &am`).reason).toBe('cut-off');
  });

  it('an “&” inside a comment or CDATA is text, and well-formed references pass', () => {
    expect(readGpxSync(Buffer.from(`<gpx><!-- Tom & Jerry -->${POINT}</gpx>`)).points.count).toBe(2);
    expect(readGpxSync(Buffer.from(`<gpx><metadata><name><![CDATA[Tom & Jerry]]></name></metadata>${POINT}</gpx>`)).metadata.title).toBe('Tom & Jerry');
    expect(readGpxSync(Buffer.from(`<gpx><metadata><name>Tom &amp; Jerry &#233;&#xE9;</name></metadata>${POINT}</gpx>`)).metadata.title).toBe('Tom & Jerry éé');
  });
});

describe('the 64 KiB limit is per value, name or comment', () => {
  it('lets through 100 KB of white space, or 20,000 comments, between elements', () => {
    expect(readGpxSync(Buffer.from(`<gpx>${' \n'.repeat(50_000)}${POINT}</gpx>`)).points.count).toBe(2);
    expect(readGpxSync(Buffer.from(`<gpx>${'<!-- saved by the app -->\n'.repeat(20_000)}${POINT}</gpx>`)).points.count).toBe(2);
    expect(readGpxSync(Buffer.from(`<gpx>${'<?app saved?>\n'.repeat(20_000)}${POINT}</gpx>`)).points.count).toBe(2);
  });

  it('refuses one comment, one description or one name over 64 KiB', () => {
    expect(refusalOf(`<gpx><!--${'x'.repeat(100_000)}-->${POINT}</gpx>`).reason).toBe('too-long');
    expect(refusalOf(`<gpx>${POINT}<trk><desc>${'x'.repeat(100_000)}</desc></trk></gpx>`).reason).toBe('too-long');
    expect(refusalOf(`<gpx><metadata><name>${'x'.repeat(100_000)}</name></metadata>${POINT}</gpx>`).reason).toBe('too-long');
    expect(refusalOf(`<gpx><trk${'x'.repeat(100_000)}/></gpx>`).reason).toBe('too-long');
  });
});
