/**
 * The GPX reader: GPX 1.0 / 1.1 bytes → the neutral `RecordedFile` (track/recording.ts), one
 * pass, no DOM. It decides nothing about the run (see track/derive.ts).
 *
 * GPX elements are recognised by local name in the root's namespace (GPX 1.0, 1.1, or none —
 * several tools write no namespace at all). Heart rate, cadence and power are recognised inside
 * a point's <extensions> by namespace URI and local name, whatever the prefix (gpxtpx:, ns3:, …).
 * Points with an unreadable or impossible position (not a number, out of range, or exactly 0,0 —
 * what receivers write when they have no fix) are left out and counted.
 */
import { createHash, type Hash } from 'node:crypto';
import { PointFingerprinter } from '../../track/fingerprint';
import { GrowingIndexList, GrowingPointColumns, type OnePoint } from '../../track/point-columns';
import { plainTrack, type RecordedFile, type RecordedTrack } from '../../track/recording';
import { refuse } from '../../track/refusals';
import { isBelievableRecordingTime, parseIsoTime } from '../../track/timestamps';
import { gpxTypeSport } from './activity-type';
import { DEFAULT_XML_LIMITS, XmlByteReader, type XmlElementListener, type XmlReadingLimits } from '../xml/xml-stream';

export const GPX_1_0 = 'http://www.topografix.com/GPX/1/0';
export const GPX_1_1 = 'http://www.topografix.com/GPX/1/1';

/**
 * `strideCadence` is Garmin's TrackPointExtension `cad`: for running, strides (one foot) per
 * minute, doubled into steps per minute as the neutral recording wants. Other schemas' cadence
 * is kept as written.
 */
type SensorReading = 'heartRate' | 'cadence' | 'strideCadence' | 'powerWatts' | 'temperatureCelsius';

/** (namespace URI → local name → reading). The empty URI and the GPX URIs cover Strava's bare <power>. */
const SENSOR_ELEMENTS: ReadonlyMap<string, ReadonlyMap<string, SensorReading>> = new Map([
  ['http://www.garmin.com/xmlschemas/TrackPointExtension/v1', new Map<string, SensorReading>([['hr', 'heartRate'], ['cad', 'strideCadence'], ['atemp', 'temperatureCelsius']])],
  ['http://www.garmin.com/xmlschemas/TrackPointExtension/v2', new Map<string, SensorReading>([['hr', 'heartRate'], ['cad', 'strideCadence'], ['atemp', 'temperatureCelsius']])],
  ['http://www.garmin.com/xmlschemas/PowerExtension/v1', new Map<string, SensorReading>([['PowerInWatts', 'powerWatts']])],
  [
    'http://www.cluetrust.com/XML/GPXDATA/1/0',
    new Map<string, SensorReading>([['hr', 'heartRate'], ['cadence', 'cadence'], ['power', 'powerWatts']]),
  ],
  [
    'http://opentracksapp.com/xmlschemas/v1',
    new Map<string, SensorReading>([['heartrate', 'heartRate'], ['hr', 'heartRate'], ['cadence', 'cadence'], ['power', 'powerWatts']]),
  ],
]);
const BARE_POWER = new Map<string, SensorReading>([['power', 'powerWatts']]);

export interface GpxReadingLimits extends XmlReadingLimits {
  /** Most track points accepted in one file. */
  maxPoints: number;
}

export const DEFAULT_GPX_LIMITS: GpxReadingLimits = { ...DEFAULT_XML_LIMITS, maxPoints: 2_000_000 };

/** What the GPX reader returns: the neutral recording. (Kept as a name for the tests and the proofs.) */
export type ParsedGpx = RecordedFile;

const NOT_DECIMAL = /[xXoObB]|^\s*$/;
/** 10^0 … 10^15, exact in a double. */
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** A finite decimal number, or NaN ("", "undefined", "12abc", "0x1f", "Infinity" are all NaN — unlike Number()). */
export function readDecimal(text: string | undefined): number {
  if (text === undefined) return Number.NaN;
  const plain = readPlainDecimal(text);
  if (plain !== null) return plain;
  const value = Number(text);
  if (!Number.isFinite(value) || NOT_DECIMAL.test(text)) return Number.NaN;
  return value;
}

/**
 * The common case without building anything: `[-+]digits[.digits]` with at most 15 digits is
 * read as an integer over a power of ten. Both are exact doubles, and one division rounds
 * correctly, so the result is exactly Number(text)'s. Anything else (white space, an exponent,
 * more digits) returns null and goes the general way.
 */
function readPlainDecimal(text: string): number | null {
  const length = text.length;
  let i = 0;
  let sign = 1;
  let code = text.charCodeAt(0);
  if (code === 0x2d /* - */ || code === 0x2b /* + */) {
    if (code === 0x2d) sign = -1;
    i = 1;
  }
  let mantissa = 0;
  let digits = 0;
  let decimals = -1;
  for (; i < length; i += 1) {
    code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) {
      mantissa = mantissa * 10 + (code - 0x30);
      digits += 1;
      if (decimals >= 0) decimals += 1;
    } else if (code === 0x2e /* . */ && decimals < 0) {
      decimals = 0;
    } else {
      return null;
    }
  }
  if (digits === 0 || digits > 15) return null;
  return decimals > 0 ? (sign * mantissa) / (POWERS_OF_TEN[decimals] ?? 1) : sign * mantissa;
}

const MAX_NAME_CHARS = 200;

/** A name as one line of plain text: control characters dropped, white space collapsed, length capped. */
export function plainName(text: string): string | null {
  // eslint-disable-next-line no-control-regex
  const cleaned = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim();
  if (cleaned.length === 0) return null;
  return cleaned.length > MAX_NAME_CHARS ? `${cleaned.slice(0, MAX_NAME_CHARS - 1)}…` : cleaned;
}

/** One extension element looked up: what it reads (undefined: nothing). */
interface SensorAnswer {
  namespaceUri: string;
  localName: string;
  reading: SensorReading | undefined;
}

/** Extension element names remembered at most (a file uses a handful). */
const MAX_SENSOR_ANSWERS = 16;

type Capture = 'elevation' | 'time' | 'trackName' | 'trackType' | 'fileName' | SensorReading;

/**
 * Push-style GPX reader: `write` the bytes as they come, then `finish` for the `RecordedFile`.
 * Throws an `ImportRefusal` (track/refusals.ts) from either when the bytes are not a readable GPX file.
 */
export class GpxFileReader implements XmlElementListener {
  private readonly xml: XmlByteReader;
  private readonly limits: GpxReadingLimits;
  private readonly rawHash: Hash = createHash('sha256');
  private readonly pointsFingerprint = new PointFingerprinter();
  private readonly columns = new GrowingPointColumns();
  private readonly segmentStarts = new GrowingIndexList();
  private readonly tracks: RecordedTrack[] = [];

  private depth = 0;
  private gpxNamespace = '';
  private inMetadata = false;
  private currentTrack: RecordedTrack | null = null;
  private segmentHasPoint = false;
  private pointDepth = 0;
  private extensionsDepth = 0;
  private pointHasPosition = false;
  private readonly point: OnePoint = {
    latitude: 0, longitude: 0, elevationMetres: Number.NaN, utcMs: Number.NaN,
    heartRate: Number.NaN, cadence: Number.NaN, powerWatts: Number.NaN, temperatureCelsius: Number.NaN,
    deviceDistanceMetres: Number.NaN,
  };

  /** Extension elements already looked up (see `sensorReading`). */
  private readonly sensorAnswers: SensorAnswer[] = [];

  private capture: Capture | null = null;
  private captureDepth = 0;
  private capturedText = '';

  private trackPointElements = 0;
  private routePoints = 0;
  private routes = 0;
  private waypoints = 0;
  private pointsWithUnreadablePosition = 0;
  private unreadableTimes = 0;
  private unbelievableTimes = 0;
  private timesWithoutZone = 0;
  private writtenUtcOffsetMinutes: number | null = null;
  private fileName: string | null = null;
  private creator: string | null = null;
  private hadUndecodableText = false;

  constructor(limits: GpxReadingLimits = DEFAULT_GPX_LIMITS) {
    this.limits = limits;
    this.xml = new XmlByteReader(this, limits);
  }

  write(bytes: Uint8Array): void {
    this.rawHash.update(bytes);
    this.xml.write(bytes);
  }

  finish(): RecordedFile {
    this.xml.finish();
    return {
      metadata: { format: 'gpx', title: this.fileName, deviceName: null, creator: this.creator },
      points: this.columns.columns(),
      segmentStarts: this.segmentStarts.toArray(),
      tracks: this.tracks,
      counts: {
        pointElements: this.trackPointElements,
        routePoints: this.routePoints,
        routes: this.routes,
        waypoints: this.waypoints,
        pointsWithUnreadablePosition: this.pointsWithUnreadablePosition,
        unreadableTimes: this.unreadableTimes,
        unbelievableTimes: this.unbelievableTimes,
        timesWithoutZone: this.timesWithoutZone,
      },
      writtenUtcOffsetMinutes: this.writtenUtcOffsetMinutes,
      hadUndecodableText: this.hadUndecodableText,
      fingerprint: { fileSha256: this.rawHash.digest('hex'), pointsSha256: this.pointsFingerprint.digest() },
    };
  }

  /** Text is wanted only inside an element being captured (see XmlElementListener). */
  get wantsText(): boolean {
    return this.capture !== null && this.depth === this.captureDepth;
  }

  openElement(namespaceUri: string, localName: string, attributes: Readonly<Record<string, string>>): void {
    this.depth += 1;
    const depth = this.depth;
    if (depth === 1) {
      if (localName !== 'gpx') throw refuse.notGpx(localName);
      this.gpxNamespace = namespaceUri;
      const creator = attributes['creator'];
      if (creator !== undefined) this.creator = plainName(creator);
      return;
    }
    const isGpxElement =
      namespaceUri === this.gpxNamespace || namespaceUri === GPX_1_1 || namespaceUri === GPX_1_0 || namespaceUri === '';

    if (this.pointDepth > 0) {
      if (this.extensionsDepth > 0) {
        const reading = this.sensorReading(namespaceUri, localName, isGpxElement);
        if (reading !== undefined) this.startCapture(reading);
      } else if (depth === this.pointDepth + 1 && isGpxElement) {
        if (localName === 'ele') this.startCapture('elevation');
        else if (localName === 'time') this.startCapture('time');
        else if (localName === 'extensions') this.extensionsDepth = depth;
      }
      return;
    }
    if (!isGpxElement) return;

    if (depth === 2) {
      if (localName === 'trk') this.startTrack();
      else if (localName === 'rte') this.routes += 1;
      else if (localName === 'wpt') this.waypoints += 1;
      else if (localName === 'metadata') this.inMetadata = true;
      else if (localName === 'name') this.startCapture('fileName'); // GPX 1.0
    } else if (depth === 3) {
      if (this.currentTrack !== null) {
        if (localName === 'name') this.startCapture('trackName');
        else if (localName === 'type') this.startCapture('trackType');
        else if (localName === 'trkseg') this.segmentHasPoint = false;
      } else if (this.inMetadata && localName === 'name') {
        this.startCapture('fileName');
      } else if (localName === 'rtept') {
        this.routePoints += 1;
      }
    } else if (depth === 4 && this.currentTrack !== null && localName === 'trkpt') {
      this.startPoint(attributes);
    }
  }

  characters(text: string): void {
    if (this.capture === null || this.depth !== this.captureDepth) return;
    if (this.capturedText.length + text.length > this.limits.maxTokenChars) throw refuse.tooLong(this.limits.maxTokenChars);
    this.capturedText += text;
  }

  closeElement(): void {
    const depth = this.depth;
    if (this.capture !== null && depth === this.captureDepth) this.endCapture();
    if (depth === this.extensionsDepth) this.extensionsDepth = 0;
    if (depth === this.pointDepth) this.endPoint();
    if (depth === 2) {
      this.currentTrack = null;
      this.inMetadata = false;
    }
    this.depth -= 1;
  }

  /**
   * What an element inside a point's <extensions> reads, if anything. A file names the same few
   * extension elements at every point, and the XML reader hands over the same name strings for
   * them, so the last answers are kept and found by `===` before two Map lookups are made.
   */
  private sensorReading(namespaceUri: string, localName: string, isGpxElement: boolean): SensorReading | undefined {
    const known = this.sensorAnswers;
    for (let k = 0; k < known.length; k += 1) {
      const answer = known[k] as SensorAnswer;
      if (answer.localName === localName && answer.namespaceUri === namespaceUri) return answer.reading;
    }
    const reading = (isGpxElement ? BARE_POWER : SENSOR_ELEMENTS.get(namespaceUri))?.get(localName);
    if (known.length >= MAX_SENSOR_ANSWERS) known.shift();
    known.push({ namespaceUri, localName, reading });
    return reading;
  }

  private startTrack(): void {
    const track: RecordedTrack = plainTrack(this.tracks.length + 1, this.columns.count);
    this.tracks.push(track);
    this.currentTrack = track;
    this.segmentHasPoint = false;
  }

  private startPoint(attributes: Readonly<Record<string, string>>): void {
    this.trackPointElements += 1;
    if (this.trackPointElements > this.limits.maxPoints) throw refuse.tooManyPoints(this.limits.maxPoints);
    this.pointDepth = this.depth;
    const latitude = readDecimal(attributes['lat']);
    const longitude = readDecimal(attributes['lon']);
    this.pointHasPosition =
      latitude >= -90 && latitude <= 90 && longitude >= -180 && longitude <= 180 && !(latitude === 0 && longitude === 0);
    const point = this.point;
    point.latitude = latitude;
    point.longitude = longitude;
    point.elevationMetres = Number.NaN;
    point.utcMs = Number.NaN;
    point.heartRate = Number.NaN;
    point.cadence = Number.NaN;
    point.powerWatts = Number.NaN;
    point.temperatureCelsius = Number.NaN;
  }

  private endPoint(): void {
    this.pointDepth = 0;
    this.extensionsDepth = 0;
    const track = this.currentTrack;
    if (!this.pointHasPosition || track === null) {
      this.pointsWithUnreadablePosition += 1;
      return;
    }
    if (!this.segmentHasPoint) {
      this.segmentStarts.push(this.columns.count);
      this.segmentHasPoint = true;
    }
    const point = this.point;
    this.pointsFingerprint.add(point.latitude, point.longitude, point.utcMs);
    this.columns.push(point);
    track.pointCount += 1;
  }

  private startCapture(capture: Capture): void {
    this.capture = capture;
    this.captureDepth = this.depth;
    this.capturedText = '';
  }

  private endCapture(): void {
    const text = this.capturedText;
    const capture = this.capture;
    this.capture = null;
    this.capturedText = '';
    if (text.includes('\uFFFD')) this.hadUndecodableText = true;
    const point = this.point;
    switch (capture) {
      case 'elevation': {
        const metres = readDecimal(text);
        // Lowest dry land −430 m, highest summit 8849 m; beyond that is a placeholder or garbage.
        point.elevationMetres = metres >= -500 && metres <= 9000 ? metres : Number.NaN;
        break;
      }
      case 'time':
        this.readPointTime(text);
        break;
      case 'heartRate': {
        const bpm = readDecimal(text);
        point.heartRate = bpm >= 20 && bpm <= 260 ? bpm : Number.NaN; // 0 = strap lost contact
        break;
      }
      case 'cadence': {
        const cadence = readDecimal(text);
        point.cadence = cadence >= 0 && cadence <= 400 ? cadence : Number.NaN;
        break;
      }
      case 'strideCadence': {
        const strides = readDecimal(text);
        point.cadence = strides >= 0 && strides <= 200 ? strides * 2 : Number.NaN;
        break;
      }
      case 'temperatureCelsius': {
        const celsius = readDecimal(text);
        point.temperatureCelsius = celsius >= -60 && celsius <= 60 ? celsius : Number.NaN;
        break;
      }
      case 'powerWatts': {
        const watts = readDecimal(text);
        point.powerWatts = watts >= 0 && watts <= 3000 ? watts : Number.NaN;
        break;
      }
      case 'trackName':
        if (this.currentTrack !== null) this.currentTrack.name = plainName(text);
        break;
      case 'trackType':
        // The track's own type (Strava's "running", OpenTracks' "biking"): its sport, when it names one.
        if (this.currentTrack !== null) {
          this.currentTrack.typeWritten = plainName(text);
          this.currentTrack.sport = gpxTypeSport(this.currentTrack.typeWritten);
        }
        break;
      case 'fileName':
        this.fileName ??= plainName(text);
        break;
      case null:
        break;
    }
  }

  private readPointTime(text: string): void {
    if (text.trim().length === 0) return;
    const instant = parseIsoTime(text);
    if (instant === null) {
      this.unreadableTimes += 1;
      return;
    }
    if (!isBelievableRecordingTime(instant.utcMs)) {
      this.unbelievableTimes += 1;
      return;
    }
    if (instant.hadNoZone) this.timesWithoutZone += 1;
    if (this.writtenUtcOffsetMinutes === null && instant.writtenOffsetMinutes !== null) {
      this.writtenUtcOffsetMinutes = instant.writtenOffsetMinutes;
    }
    this.point.utcMs = instant.utcMs;
  }
}
