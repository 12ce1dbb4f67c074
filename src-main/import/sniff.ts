/**
 * What kind of file this is, from its first bytes — never from its name (a `.gpx` may be a TCX,
 * a download may have lost its extension).
 *
 *  - gzip: 1F 8B (RFC 1952 §2.3.1); zip: "PK\x03\x04" (a local file header, APPNOTE 4.3.7) or
 *    "PK\x05\x06" (an empty archive);
 *  - FIT: a header of 12 or 14 bytes whose bytes 8–11 are ".FIT" (Garmin FIT protocol, file header);
 *  - XML: the local name of the first element, past a byte-order mark, the XML declaration,
 *    comments and processing instructions — `gpx` is GPX, `TrainingCenterDatabase` is TCX.
 *    `HealthData` is Apple Health's export.xml. Any other XML is `unknown`;
 *  - JSON: the first character past white space and a byte-order mark is `{` or `[` (Polar Flow's
 *    export is JSON; which JSON is told later, import/held.ts and formats/polar).
 * Anything else is `unknown`.
 */
export type SniffedKind = 'gpx' | 'tcx' | 'fit' | 'gzip' | 'zip' | 'apple-health' | 'json' | 'unknown';

/** How many leading bytes `sniffKind` looks at (more are ignored). */
export const SNIFF_BYTES = 4096;

/** The kind of file `firstBytes` begins; see the module comment for the rules. */
export function sniffKind(firstBytes: Uint8Array): SniffedKind {
  const b = firstBytes;
  if (b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b) return 'gzip';
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && ((b[2] === 0x03 && b[3] === 0x04) || (b[2] === 0x05 && b[3] === 0x06))) return 'zip';
  if (b.length >= 12 && (b[0] === 12 || b[0] === 14) && b[8] === 0x2e && b[9] === 0x46 && b[10] === 0x49 && b[11] === 0x54) return 'fit';
  const head = Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, SNIFF_BYTES)).toString('latin1');
  const withoutPreamble = head
    .replace(/^\u00ef\u00bb\u00bf/, '') // a UTF-8 byte-order mark read as latin1
    .replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, '')
    .trimStart();
  if (/^<!DOCTYPE\s+HealthData\b/.test(withoutPreamble)) return 'apple-health'; // its DTD may be longer than the bytes looked at
  if (withoutPreamble.startsWith('{') || withoutPreamble.startsWith('[')) return 'json';
  const root = /^<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(withoutPreamble.replace(/^<!DOCTYPE[^[>]*(\[[\s\S]*?\])?\s*>/, '').trimStart());
  if (root === null) return 'unknown';
  if (root[1] === 'HealthData') return 'apple-health';
  if (root[1] === 'gpx') return 'gpx';
  if (root[1] === 'TrainingCenterDatabase') return 'tcx';
  return 'unknown';
}
