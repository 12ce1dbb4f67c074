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
 * - Namespaces are resolved here, not by saxes: saxes's own namespace mode (`xmlns: true`)
 *   costs a third of its speed (an object per tag for its bindings, a walk up the tag stack
 *   per name). Bindings are only ever declared on a few elements, so a map of the bindings in
 *   scope, an undo list popped as elements close, and a cache of resolved names (cleared when
 *   a binding changes) do the same work for a Map lookup per element. The Namespaces-in-XML
 *   well-formedness checks saxes made are made here too: a name has at most one colon and no
 *   empty part, no element is in the `xmlns` prefix, `xml`/`xmlns` are bound only to their
 *   URIs, a prefix is not undeclared (XML 1.0), and no two attributes share an expanded name.
 *   (Not checked any more: a colon in a processing instruction's target — harmless here.)
 * - Limits are checked while reading: nesting depth, and the length of any single token
 *   (attribute value, text, comment, name…). The token limit is enforced by feeding saxes
 *   the text of at most SLICE_BYTES bytes at a time and refusing when the parser has gone more
 *   than `maxTokenChars` characters without reporting an element, text or CDATA event: that is
 *   the only way a token (attribute, text, comment, name…) can grow, so saxes never buffers
 *   more than limit + one slice. (Checked between slices: a token up to one slice over the
 *   limit may end before it is seen, and pass.) When the parser has gone that far between
 *   tags — white space, a run of comments — only the token in progress (saxes's `text`) is
 *   measured: the limit is per value, name or comment, never per stretch of white space.
 * - Errors name their line and their cause: an `&` on its own or a reference without its `;`
 *   (checked before saxes sees the slice: saxes would read on to the next `;` and report a
 *   cut-off file), a closing tag that does not match; "cut off" only when the bytes end
 *   inside an element.
 */
import { StringDecoder } from 'node:string_decoder';
import { TextDecoder } from 'node:util';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ImportRefusal, refuse } from '../../track/refusals';

export interface XmlReadingLimits {
  /** Deepest element nesting accepted (a GPX track point sits at depth 4–7). */
  maxDepth: number;
  /** Longest single attribute value, text, comment or name, in characters. */
  maxTokenChars: number;
  /** The format named in refusals ("…which no TCX file does"); GPX when not given. */
  formatName?: 'GPX' | 'TCX';
}

export const DEFAULT_XML_LIMITS: XmlReadingLimits = { maxDepth: 64, maxTokenChars: 64 * 1024 };

/** What the reader tells its listener. Names are namespace URI + local name, never prefixes. */
export interface XmlElementListener {
  openElement(namespaceUri: string, localName: string, attributes: Readonly<Record<string, string>>): void;
  /**
   * Character data inside the current element; may arrive in several pieces. Text is only
   * reported while `wantsText` is true (read after every open and close); CDATA always is.
   */
  characters(text: string): void;
  closeElement(): void;
  /** Whether the element just opened (or the one returned to) needs its text. */
  readonly wantsText: boolean;
}

type TextEncodingName = 'utf-8' | 'latin1';

/** Bytes decoded and handed to saxes at once (saxes is fastest with slices of 16–64 KiB). */
const SLICE_BYTES = 32 * 1024;
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

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
/** Resolved names cached at most (GPX uses a handful); past this the oldest goes. */
const MAX_CACHED_NAMES = 16;

interface ResolvedName {
  qualifiedName: string;
  uri: string;
  local: string;
}

/** A binding replaced by a declaration, put back when the declaring element closes. */
interface Shadowed {
  depth: number;
  prefix: string;
  previous: string | undefined;
}

export class XmlByteReader {
  private readonly parser: SaxesParser<{ xmlns: false }>;
  private readonly limits: XmlReadingLimits;
  private readonly listener: XmlElementListener;
  private utf8: StringDecoder | null = null;
  private latin1: TextDecoder | null = null;
  private decoding = false;
  private atFirstText = true;
  private pendingHead: Uint8Array[] = [];
  private pendingHeadBytes = 0;
  private depth = 0;
  private sawRoot = false;
  private sawAnyText = false;
  /** Last characters before the root element, kept to spot "<!DOCTYPE" split across slices. */
  private prologTail = '';
  private lastEventPosition = 0;
  /** Characters handed to saxes so far. */
  private charsFed = 0;
  /** Where the text after the last `>` fed began, and whether it holds more than white space (for the token limit). */
  private textRunStart = 0;
  private textRunHasContent = false;
  private finished = false;
  private textWanted = false;
  /** Attributes of the tag being read that declare a namespace or have a prefix. */
  private specialAttributes = 0;
  private readonly onText: (text: string) => void;
  private readonly textHandlerIsField: boolean;

  /** Namespace bindings in scope: prefix ('' for the default namespace) → URI. */
  private readonly bindings = new Map<string, string>([['xml', XML_NAMESPACE], ['xmlns', XMLNS_NAMESPACE]]);
  private readonly shadowed: Shadowed[] = [];
  /**
   * Prefixed names already resolved with the bindings in scope. A short list scanned with `===`
   * beats a Map here: saxes hands over a new string per tag, which a Map must hash first.
   */
  private readonly resolved: ResolvedName[] = [];
  private defaultNamespace = '';

  constructor(listener: XmlElementListener, limits: XmlReadingLimits = DEFAULT_XML_LIMITS) {
    this.listener = listener;
    this.limits = limits;
    this.parser = new SaxesParser({ xmlns: false, position: true });
    const parser = this.parser;
    // Only five handlers: each `on` adds a property to the parser, and past a handful V8 turns
    // the parser into a slow dictionary-mode object (measured: 4–5× slower). Comments, processing
    // instructions and attributes need no handler of their own for the length limit: a token
    // that grows without an event in between is what the limit catches. The text handler is
    // switched off (`off` keeps the property, so the shape) while no element wants text: saxes
    // then does not build strings for the white space between elements.
    parser.on('doctype', () => {
      // Normally refused earlier by the prolog scan; this is the belt to its braces.
      throw refuse.doctype();
    });
    parser.on('opentag', (tag: SaxesTagPlain) => {
      this.lastEventPosition = parser.position;
      this.sawRoot = true;
      this.depth += 1;
      if (this.depth > this.limits.maxDepth) throw refuse.tooDeep(this.limits.maxDepth, this.limits.formatName);
      const attributes = tag.attributes;
      if (this.specialAttributes > 0) this.processSpecialAttributes(attributes);
      const qualifiedName = tag.name;
      const colon = qualifiedName.indexOf(':');
      if (colon === -1) {
        this.listener.openElement(this.defaultNamespace, qualifiedName, attributes);
      } else {
        const name = this.resolvePrefixedName(qualifiedName, colon);
        this.listener.openElement(name.uri, name.local, attributes);
      }
      this.updateTextWanted();
    });
    parser.on('closetag', () => {
      this.lastEventPosition = parser.position;
      this.listener.closeElement();
      const shadowed = this.shadowed;
      if (shadowed.length > 0 && shadowed[shadowed.length - 1]?.depth === this.depth) this.undeclare();
      this.depth -= 1;
      this.updateTextWanted();
    });
    this.onText = (text: string) => {
      this.lastEventPosition = parser.position;
      if (this.depth > 0) this.listener.characters(text);
    };
    parser.on('text', this.onText);
    // `on`/`off` store through a computed property name, slow at two calls per captured element;
    // saxes keeps the handler in `textHandler`, so it is set directly when that is where it is.
    this.textHandlerIsField = (parser as unknown as { textHandler?: unknown }).textHandler === this.onText;
    parser.off('text');
    parser.on('attribute', (attribute: { name: string }) => {
      const name = attribute.name;
      if (name.includes(':') || name === 'xmlns') this.specialAttributes += 1;
    });
    parser.on('cdata', (text: string) => {
      this.lastEventPosition = parser.position;
      if (this.depth > 0) this.listener.characters(text);
    });
  }

  /** Feeds the next bytes of the file. Throws a ImportRefusal as soon as the file is known to be unacceptable. */
  write(bytes: Uint8Array): void {
    if (this.finished) throw new Error('XmlByteReader.write called after finish');
    if (bytes.length === 0) return;
    if (!this.decoding) {
      this.pendingHead.push(bytes);
      this.pendingHeadBytes += bytes.length;
      if (this.pendingHeadBytes < SNIFF_BYTES) return;
      this.startDecoding();
      return;
    }
    this.feedBytes(bytes);
  }

  /** Signals the end of the bytes; throws a refusal if the XML is incomplete. */
  finish(): void {
    if (this.finished) return;
    if (!this.decoding) this.startDecoding();
    this.feedText(this.utf8 !== null ? this.utf8.end() : (this.latin1?.decode() ?? ''));
    this.finished = true;
    if (!this.sawAnyText) throw refuse.emptyFile();
    this.guard(() => this.parser.close());
  }

  private startDecoding(): void {
    const head = concatBytes(this.pendingHead, this.pendingHeadBytes);
    this.pendingHead = [];
    const encoding = sniffEncoding(head);
    // UTF-8 through Node's StringDecoder: twice as fast as a streaming TextDecoder, and the same
    // text (a split character is carried over; an undecodable byte becomes U+FFFD). Latin-1 keeps
    // the WHATWG decoder, which reads it as windows-1252.
    if (encoding === 'utf-8') this.utf8 = new StringDecoder('utf8');
    else this.latin1 = new TextDecoder(encoding, { fatal: false, ignoreBOM: false });
    this.decoding = true;
    this.feedBytes(head);
  }

  private feedBytes(bytes: Uint8Array): void {
    for (let start = 0; start < bytes.length; start += SLICE_BYTES) {
      const piece = bytes.subarray(start, start + SLICE_BYTES);
      const text = this.utf8 !== null ? this.utf8.write(piece as Buffer) : (this.latin1?.decode(piece, { stream: true }) ?? '');
      this.feedText(text);
    }
  }

  private feedText(decoded: string): void {
    let text = decoded;
    if (text.length === 0) return;
    if (this.atFirstText) {
      this.atFirstText = false;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // the byte-order mark is not text
    }
    if (!this.sawAnyText) {
      if (text.trim().length === 0) return;
      this.sawAnyText = true;
      // White space before the XML declaration (a real Polar TCX has it) is not the document's: dropped.
      text = text.trimStart();
      if (text[0] !== '<') throw refuse.notXml();
    }
    if (!this.sawRoot) this.refuseDoctypeIn(text);
    if (text.includes('&')) this.checkReferences(text);
    this.guard(() => this.parser.write(text));
    // Not `parser.position`: once `write` returns, saxes counts the slice twice in it (the slice
    // is added to its chunk position while its index still points past the slice's end), which
    // made the limit a slice shorter than stated. Inside handlers `position` is right.
    const lastTagEnd = text.lastIndexOf('>');
    if (lastTagEnd === -1) {
      if (!this.textRunHasContent && NOT_WHITE_SPACE.test(text)) this.textRunHasContent = true;
    } else {
      this.textRunStart = this.charsFed + lastTagEnd + 1;
      this.textRunHasContent = NOT_WHITE_SPACE.test(text.slice(lastTagEnd + 1));
    }
    this.charsFed += text.length;
    if (this.charsFed - this.lastEventPosition > this.limits.maxTokenChars) this.checkTokenLength();
  }

  /**
   * Long stretch without an event: refused only if one token is over the limit. Between elements
   * (white space, a run of comments or processing instructions) saxes holds at most the token in
   * progress in `text` — nothing while the text handler is off — so that is what is measured;
   * inside a tag, name or attribute the stretch is one token.
   */
  private checkTokenLength(): void {
    const parser = this.parser as unknown as { state: number; text: string; entity: string };
    const state = parser.state;
    if (state === SAXES_ENTITY) throw this.unfinishedReference(parser.entity);
    if (SAXES_STATES_BETWEEN_TAGS.has(state)) {
      // Text saxes is not keeping (no element wants it) is measured from the last `>`, if it is not all white space.
      const inProgress = state === 13 && this.textRunHasContent ? this.charsFed - this.textRunStart : parser.text.length;
      if (inProgress > this.limits.maxTokenChars) throw refuse.tooLong(this.limits.maxTokenChars, this.limits.formatName);
      this.lastEventPosition = this.charsFed - inProgress;
      return;
    }
    throw refuse.tooLong(this.limits.maxTokenChars, this.limits.formatName);
  }

  /**
   * Checks every `&` of a slice before saxes sees it: saxes reads an entity up to the next `;`,
   * however far, so a bare `&` or a reference without its `;` would otherwise swallow the rest of
   * the file and be reported as a cut-off file. A reference near the slice's end, with its `;`
   * perhaps in the next slice, is left to saxes and `finish`.
   */
  private checkReferences(text: string): void {
    const startState = (this.parser as unknown as { state: number }).state;
    let at = text.indexOf('&');
    while (at !== -1) {
      const ahead = text.slice(at, at + MAX_REFERENCE_CHARS);
      if (
        !REFERENCE.test(ahead) &&
        (ahead.length === MAX_REFERENCE_CHARS || /[^\w#.:-]/.test(ahead.slice(1))) &&
        !insideUnparsedText(text, at, startState)
      ) {
        let line = this.parser.line;
        for (let k = text.indexOf('\n'); k !== -1 && k < at; k = text.indexOf('\n', k + 1)) line += 1;
        throw badReference(ahead, line);
      }
      at = text.indexOf('&', at + 1);
    }
  }

  /** The refusal for a file that ended (or ran too long) inside an `&…` that never met its `;`. */
  private unfinishedReference(entitySoFar: string): ImportRefusal {
    let newlines = 0;
    for (let k = entitySoFar.indexOf('\n'); k !== -1; k = entitySoFar.indexOf('\n', k + 1)) newlines += 1;
    return badReference(`&${entitySoFar.slice(0, MAX_REFERENCE_CHARS)}`, this.parser.line - newlines);
  }

  private updateTextWanted(): void {
    const wanted = this.listener.wantsText;
    if (wanted === this.textWanted) return;
    this.textWanted = wanted;
    if (this.textHandlerIsField) {
      (this.parser as unknown as { textHandler: ((text: string) => void) | undefined }).textHandler = wanted ? this.onText : undefined;
    } else if (wanted) {
      this.parser.on('text', this.onText);
    } else {
      this.parser.off('text');
    }
  }

  /** A namespace declaration on the element being opened (depth already counts it). */
  private declare(prefix: string, value: string): void {
    const uri = value.trim();
    if (prefix === '') {
      if (uri === XMLNS_NAMESPACE || uri === XML_NAMESPACE) this.namespaceError(`the default namespace may not be set to ${uri}`);
    } else {
      if (prefix.includes(':')) this.namespaceError(`malformed name: xmlns:${prefix}`);
      if (uri === '' && this.parser.xmlDecl.version !== '1.1') this.namespaceError('invalid attempt to undefine prefix in XML 1.0');
      if (prefix === 'xml' && uri !== XML_NAMESPACE) this.namespaceError(`xml prefix must be bound to ${XML_NAMESPACE}`);
      if (prefix === 'xmlns') this.namespaceError(`xmlns prefix must be bound to ${XMLNS_NAMESPACE}`);
      if (uri === XMLNS_NAMESPACE) this.namespaceError(`may not assign a prefix (even "xmlns") to the URI ${XMLNS_NAMESPACE}`);
      if (uri === XML_NAMESPACE && prefix !== 'xml') this.namespaceError(`may not assign the xml namespace to another prefix`);
    }
    this.shadowed.push({ depth: this.depth, prefix, previous: this.bindings.get(prefix) });
    if (uri === '' && prefix !== '') this.bindings.delete(prefix);
    else this.bindings.set(prefix, uri);
    this.bindingsChanged();
  }

  /** Puts back the bindings the closing element's declarations replaced. */
  private undeclare(): void {
    const shadowed = this.shadowed;
    for (let top = shadowed[shadowed.length - 1]; top !== undefined && top.depth === this.depth; top = shadowed[shadowed.length - 1]) {
      shadowed.pop();
      if (top.previous === undefined) this.bindings.delete(top.prefix);
      else this.bindings.set(top.prefix, top.previous);
    }
    this.bindingsChanged();
  }

  private bindingsChanged(): void {
    this.defaultNamespace = this.bindings.get('') ?? '';
    this.resolved.length = 0;
  }

  private resolvePrefixedName(qualifiedName: string, colon: number): ResolvedName {
    const resolved = this.resolved;
    const length = qualifiedName.length;
    for (let k = 0; k < resolved.length; k += 1) {
      const cached = resolved[k] as ResolvedName;
      if (cached.qualifiedName.length === length && cached.qualifiedName === qualifiedName) return cached;
    }
    const prefix = this.splitQualifiedName(qualifiedName, colon);
    if (prefix === 'xmlns') this.namespaceError('tags may not have "xmlns" as prefix');
    const name = { qualifiedName, uri: this.uriOfPrefix(prefix), local: qualifiedName.slice(colon + 1) };
    if (resolved.length >= MAX_CACHED_NAMES) resolved.shift();
    resolved.push(name);
    return name;
  }

  /** The prefix of a prefixed name, after checking it is a well-formed QName. */
  private splitQualifiedName(qualifiedName: string, colon: number): string {
    if (colon === 0 || colon === qualifiedName.length - 1 || qualifiedName.indexOf(':', colon + 1) !== -1) {
      this.namespaceError(`malformed name: ${qualifiedName}`);
    }
    return qualifiedName.slice(0, colon);
  }

  private uriOfPrefix(prefix: string): string {
    return this.bindings.get(prefix) ?? namespaceOfUndeclaredPrefix(prefix);
  }

  /**
   * Namespace declarations and prefixed attributes (xsi:schemaLocation): declared first, as they
   * apply to the element's own name and attributes; then the names are checked and no two
   * attributes may have one expanded name.
   */
  private processSpecialAttributes(attributes: Readonly<Record<string, string>>): void {
    this.specialAttributes = 0;
    let prefixed = 0;
    for (const name in attributes) {
      if (name === 'xmlns') this.declare('', attributes[name] ?? '');
      else if (name.startsWith('xmlns:')) this.declare(name.slice(6), attributes[name] ?? '');
      else if (name.includes(':')) prefixed += 1;
    }
    if (prefixed === 0) return;
    const seen = prefixed > 1 ? new Set<string>() : null;
    for (const name in attributes) {
      const colon = name.indexOf(':');
      if (colon === -1 || name.startsWith('xmlns:')) continue;
      const prefix = this.splitQualifiedName(name, colon);
      if (seen === null) continue;
      const expanded = `{${this.uriOfPrefix(prefix)}}${name.slice(colon + 1)}`;
      if (seen.has(expanded)) this.namespaceError(`duplicate attribute: ${expanded}`);
      seen.add(expanded);
    }
  }

  private namespaceError(problem: string): never {
    throw refuse.malformed(this.parser.line, problem);
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
      if (error instanceof ImportRefusal) throw error;
      throw this.translateXmlError(error);
    }
  }

  private translateXmlError(error: unknown): ImportRefusal {
    const text = error instanceof Error ? error.message : String(error);
    // saxes formats errors as "line:column: problem".
    const problem = text.replace(/^[^:]*?\d+:\d+:\s*/, '').replace(/\.$/, '');
    const line = this.parser.line;
    const parser = this.parser as unknown as { state: number; entity: string };
    if (parser.state === SAXES_ENTITY) {
      // The bytes ended inside a reference that was well-formed so far ("&am"): a real truncation.
      if (this.finished && /^[\w#.:-]*$/.test(parser.entity)) return refuse.cutOff();
      return this.unfinishedReference(parser.entity);
    }
    if (/unexpected close tag/.test(problem)) {
      return refuse.malformed(line, 'a closing tag that does not match the element it closes');
    }
    if (this.finished) {
      if (/document must contain a root element/.test(problem)) return refuse.emptyFile();
      if (/unclosed tag|unexpected end|incomplete/.test(problem)) return refuse.cutOff();
    }
    if (/undefined entity|entity name/.test(problem)) return refuse.unknownEntity(line);
    return refuse.malformed(line, problem);
  }
}

const NOT_WHITE_SPACE = /\S/;

/** saxes's parser states (saxes 6, lib/saxes.ts): inside an `&…` reference, and between tags. */
const SAXES_ENTITY = 14;
const SAXES_STATES_BETWEEN_TAGS: ReadonlySet<number> = new Set([
  1, // leading white space
  13, // text
  15, 16, // `<`, `<!` (what follows is not known yet)
  17, 18, 19, // comment
  20, 21, 22, // CDATA (its text is the token)
  23, 24, 25, 26, // processing instruction
]);

/** Longest reference looked at: `&#x10FFFF;` is 10 characters, entity names in GPX are short. */
const MAX_REFERENCE_CHARS = 40;
/** A well-formed reference at the start of a string: `&name;`, `&#123;` or `&#x1F;`. */
const REFERENCE = /^&(?:[A-Za-z_:][\w.:-]*|#[0-9]+|#x[0-9a-fA-F]+);/;

/** Whether position `at` of a slice is inside a comment, CDATA or processing instruction (where `&` is plain text). */
function insideUnparsedText(text: string, at: number, stateAtSliceStart: number): boolean {
  const opened = (open: string, close: string, startsInside: boolean): boolean => {
    const lastOpen = text.lastIndexOf(open, at);
    const lastClose = text.lastIndexOf(close, at);
    return lastOpen > lastClose || (lastOpen === -1 && lastClose === -1 && startsInside);
  };
  return (
    opened('<!--', '-->', stateAtSliceStart >= 17 && stateAtSliceStart <= 19) ||
    opened('<![CDATA[', ']]>', stateAtSliceStart >= 20 && stateAtSliceStart <= 22) ||
    opened('<?', '?>', stateAtSliceStart >= 23 && stateAtSliceStart <= 26)
  );
}

/** Says what is wrong with a reference (`&…` text, up to 40 characters) on a line. */
function badReference(ahead: string, line: number): ImportRefusal {
  const start = /^&#x?[0-9a-fA-F]*/.exec(ahead)?.[0] ?? '&';
  if (start.startsWith('&#')) {
    return refuse.malformed(line, `a character reference “${start}” without its closing “;”`);
  }
  const name = /^&[A-Za-z_:][\w.:-]*/.exec(ahead)?.[0];
  if (name !== undefined && name.length < ahead.length) {
    return refuse.malformed(line, `“${name}” without its closing “;” — an “&” in a name must be written “&amp;”`);
  }
  return refuse.malformed(line, 'an “&” on its own — in a name it must be written “&amp;”');
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
