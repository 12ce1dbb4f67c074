/**
 * Bytes in, XML element events out — safely and in bounded memory.
 *
 * - Bytes are pushed chunk by chunk (`write`) and decoded with a streaming TextDecoder, so a
 *   multi-byte UTF-8 character split across two chunks is decoded correctly and the file is
 *   never held as one string.
 * - The encoding comes from the byte-order mark or the XML declaration: UTF-8 (default, also
 *   US-ASCII) or ISO-8859-1 (decoded with the WHATWG "latin1" decoder, i.e. windows-1252, a
 *   superset). UTF-16 and anything else is refused.
 * - saxes, a conforming non-validating parser, does the XML. It never reads external
 *   resources and never expands entities beyond the five XML predefines; an undefined entity is
 *   reported as an error, which becomes a refusal. A DOCTYPE is refused outright, as soon as
 *   "<!DOCTYPE" is seen, before its internal subset is read.
 * - Limits are checked while reading: nesting depth, and the length of any single token
 *   (attribute value, text, comment, name…). The token limit is enforced by feeding saxes
 *   slices of at most SLICE_CHARS characters and refusing when the parser has gone more than
 *   `maxTokenChars` characters without reporting an element, text or CDATA event: that is the
 *   only way a token (attribute, text, comment, name…) can grow, so saxes never buffers more
 *   than limit + one slice.
 */
import { TextDecoder } from 'node:util';
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';
import { GpxRefusal, refuse } from './refusals';

export interface XmlReadingLimits {
  /** Deepest element nesting accepted (a GPX track point sits at depth 4–7). */
  maxDepth: number;
  /** Longest single attribute value, text, comment or name, in characters. */
  maxTokenChars: number;
}

export const DEFAULT_XML_LIMITS: XmlReadingLimits = { maxDepth: 64, maxTokenChars: 64 * 1024 };

/** What the reader tells its listener. Names are namespace URI + local name, never prefixes. */
export interface XmlElementListener {
  openElement(namespaceUri: string, localName: string, attributes: Readonly<Record<string, SaxesAttributeNS>>): void;
  /** Character data (text or CDATA) inside the current element; may arrive in several pieces. */
  characters(text: string): void;
  closeElement(namespaceUri: string, localName: string): void;
}

type TextEncodingName = 'utf-8' | 'latin1';

const SLICE_CHARS = 16 * 1024;
/** How many bytes to wait for before deciding the encoding from the XML declaration. */
const SNIFF_BYTES = 1024;

function encodingFromLabel(label: string): TextEncodingName | null {
  const normalised = label.trim().toLowerCase().replace(/_/g, '-');
  if (normalised === 'utf-8' || normalised === 'utf8' || normalised === 'us-ascii' || normalised === 'ascii') {
    return 'utf-8';
  }
  if (
    normalised === 'iso-8859-1' ||
    normalised === 'iso8859-1' ||
    normalised === 'latin1' ||
    normalised === 'latin-1' ||
    normalised === 'l1' ||
    normalised === 'iso-ir-100' ||
    normalised === 'windows-1252' ||
    normalised === 'cp1252'
  ) {
    return 'latin1';
  }
  return null;
}

/** Decides the text encoding from the first bytes of the file. Throws a refusal for UTF-16 and unknown labels. */
export function sniffEncoding(firstBytes: Uint8Array): TextEncodingName {
  const [b0, b1, b2] = firstBytes;
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return 'utf-8';
  if ((b0 === 0xfe && b1 === 0xff) || (b0 === 0xff && b1 === 0xfe) || (b0 === 0x00 && b1 === 0x3c) || (b0 === 0x3c && b1 === 0x00)) {
    throw refuse.unsupportedEncoding('UTF-16');
  }
  // The declaration is ASCII whatever the encoding; latin1 decoding cannot fail.
  const head = new TextDecoder('latin1').decode(firstBytes.subarray(0, Math.min(firstBytes.length, SNIFF_BYTES)));
  const declaration = /^\s*<\?xml\b([^?]*)\?>/.exec(head);
  if (!declaration) return 'utf-8';
  const label = /\bencoding\s*=\s*["']([^"']*)["']/.exec(declaration[1] ?? '');
  if (!label || label[1] === undefined) return 'utf-8';
  const encoding = encodingFromLabel(label[1]);
  if (encoding === null) throw refuse.unsupportedEncoding(label[1]);
  return encoding;
}

/**
 * Some exporters (gpx.studio among them) write `gpxpx:PowerExtension` without declaring the
 * prefix, which Namespaces-in-XML forbids. Rather than refuse a run over it, the prefixes these
 * tools mean are given their usual namespace; any other undeclared prefix gets a private URI that
 * matches nothing, so its elements are ignored.
 */
const USUAL_NAMESPACE_OF_PREFIX: Readonly<Record<string, string>> = {
  gpxtpx: 'http://www.garmin.com/xmlschemas/TrackPointExtension/v1',
  gpxpx: 'http://www.garmin.com/xmlschemas/PowerExtension/v1',
  gpxx: 'http://www.garmin.com/xmlschemas/GpxExtensions/v3',
  gpxdata: 'http://www.cluetrust.com/XML/GPXDATA/1/0',
  opentracks: 'http://opentracksapp.com/xmlschemas/v1',
};

function namespaceOfUndeclaredPrefix(prefix: string): string {
  return Object.hasOwn(USUAL_NAMESPACE_OF_PREFIX, prefix)
    ? (USUAL_NAMESPACE_OF_PREFIX[prefix] ?? '')
    : `urn:stance:undeclared-prefix:${prefix}`;
}

export class XmlByteReader {
  private readonly parser: SaxesParser<{ xmlns: true }>;
  private readonly limits: XmlReadingLimits;
  private readonly listener: XmlElementListener;
  private decoder: TextDecoder | null = null;
  private pendingHead: Uint8Array[] = [];
  private pendingHeadBytes = 0;
  private depth = 0;
  private sawRoot = false;
  private sawAnyText = false;
  /** Last characters before the root element, kept to spot "<!DOCTYPE" split across slices. */
  private prologTail = '';
  private lastEventPosition = 0;
  private finished = false;

  constructor(listener: XmlElementListener, limits: XmlReadingLimits = DEFAULT_XML_LIMITS) {
    this.listener = listener;
    this.limits = limits;
    this.parser = new SaxesParser({ xmlns: true, position: true, resolvePrefix: namespaceOfUndeclaredPrefix });
    const parser = this.parser;
    const markEvent = (): void => {
      this.lastEventPosition = parser.position;
    };
    // Only five handlers: each `on` adds a property to the parser, and past a handful V8 turns
    // the parser into a slow dictionary-mode object (measured: 4–5× slower). Comments, processing
    // instructions and attributes need no handler of their own for the length limit: a token
    // that grows without an event in between is what the limit catches.
    parser.on('doctype', () => {
      // Normally refused earlier by the prolog scan; this is the belt to its braces.
      throw refuse.doctype();
    });
    parser.on('opentag', (tag: SaxesTagNS) => {
      markEvent();
      this.sawRoot = true;
      this.depth += 1;
      if (this.depth > this.limits.maxDepth) throw refuse.tooDeep(this.limits.maxDepth);
      this.listener.openElement(tag.uri, tag.local, tag.attributes);
    });
    parser.on('closetag', (tag: SaxesTagNS) => {
      markEvent();
      this.depth -= 1;
      this.listener.closeElement(tag.uri, tag.local);
    });
    parser.on('text', (text: string) => {
      markEvent();
      if (this.depth > 0) this.listener.characters(text);
    });
    parser.on('cdata', (text: string) => {
      markEvent();
      if (this.depth > 0) this.listener.characters(text);
    });
  }

  /** Feeds the next bytes of the file. Throws a GpxRefusal as soon as the file is known to be unacceptable. */
  write(bytes: Uint8Array): void {
    if (this.finished) throw new Error('XmlByteReader.write called after finish');
    if (bytes.length === 0) return;
    if (this.decoder === null) {
      this.pendingHead.push(bytes);
      this.pendingHeadBytes += bytes.length;
      if (this.pendingHeadBytes < SNIFF_BYTES) return;
      this.startDecoding();
      return;
    }
    this.feedText(this.decoder.decode(bytes, { stream: true }));
  }

  /** Signals the end of the bytes; throws a refusal if the XML is incomplete. */
  finish(): void {
    if (this.finished) return;
    if (this.decoder === null) this.startDecoding();
    const decoder = this.decoder;
    if (decoder !== null) this.feedText(decoder.decode());
    this.finished = true;
    if (!this.sawAnyText) throw refuse.emptyFile();
    this.guard(() => this.parser.close());
  }

  private startDecoding(): void {
    const head = concatBytes(this.pendingHead, this.pendingHeadBytes);
    this.pendingHead = [];
    const encoding = sniffEncoding(head);
    this.decoder = new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
    this.feedText(this.decoder.decode(head, { stream: true }));
  }

  private feedText(text: string): void {
    if (text.length === 0) return;
    if (!this.sawAnyText) {
      if (text.trim().length === 0) return;
      this.sawAnyText = true;
      if (text.trimStart()[0] !== '<') throw refuse.notXml();
    }
    for (let start = 0; start < text.length; start += SLICE_CHARS) {
      const slice = text.slice(start, start + SLICE_CHARS);
      if (!this.sawRoot) this.refuseDoctypeIn(slice);
      this.guard(() => this.parser.write(slice));
      if (this.parser.position - this.lastEventPosition > this.limits.maxTokenChars) {
        throw refuse.tooLong(this.limits.maxTokenChars);
      }
    }
  }

  private refuseDoctypeIn(slice: string): void {
    const window = this.prologTail + slice;
    if (window.includes('<!DOCTYPE')) throw refuse.doctype();
    this.prologTail = window.slice(-8);
  }

  /** Runs a saxes call, turning its errors (and refusals thrown from our handlers) into refusals. */
  private guard(run: () => void): void {
    try {
      run();
    } catch (error) {
      if (error instanceof GpxRefusal) throw error;
      throw this.translateXmlError(error);
    }
  }

  private translateXmlError(error: unknown): GpxRefusal {
    const text = error instanceof Error ? error.message : String(error);
    // saxes formats errors as "line:column: problem".
    const problem = text.replace(/^[^:]*?\d+:\d+:\s*/, '').replace(/\.$/, '');
    const line = this.parser.line;
    if (this.finished) {
      if (/document must contain a root element/.test(problem)) return refuse.emptyFile();
      if (/unclosed tag|unexpected end|incomplete/.test(problem)) return refuse.cutOff();
    }
    if (/undefined entity|entity name/.test(problem)) return refuse.unknownEntity(line);
    return refuse.malformed(line, problem);
  }
}

function concatBytes(chunks: readonly Uint8Array[], totalBytes: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined) return chunks[0];
  const joined = new Uint8Array(totalBytes);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}
