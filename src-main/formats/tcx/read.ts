/**
 * The TCX reader: Garmin Training Center XML (v1/v2) bytes → the neutral `RecordedFile`
 * (track/recording.ts), one pass over the project's streaming XML layer (formats/xml), no DOM.
 *
 * Elements are recognised by local name whatever their namespace (Garmin's v2, its
 * ActivityExtension `ns3:`/`TPX`, or none). What becomes what:
 *  - each <Activity> is one recording (a <MultiSportSession> holds one per leg), with its
 *    `Sport` ("Running", "Biking", "Other") as the sport; <Id> is its start, <Notes> its name;
 *  - each <Lap> is a lap (StartTime, TotalTimeSeconds, DistanceMeters); each <Track> inside a
 *    lap is a segment, so the break between two tracks (the runner pressed stop) is a pause:
 *    neither distance nor moving time — unless the device's distance moved on across the break
 *    (`MOST_METRES_ACROSS_A_PAUSE`): then points were left out, and the tracks are one segment;
 *  - <Trackpoint>: Time, Position (degrees), AltitudeMeters, DistanceMeters, HeartRateBpm/Value,
 *    Cadence (running: strides per minute of one foot, like FIT) or the extension's RunCadence
 *    (strides per minute), doubled into steps per minute; the extension's Watts. Speed (m/s in the
 *    extension) is not needed: speed is measured from the points;
 *  - <Courses> hold planned routes: a file with only courses is refused as one.
 *
 * Distance (the documented choice): a recording with a route is measured from its positions,
 * exactly as GPX and FIT are (track/derive.ts), never from `DistanceMeters`; TCX's per-point
 * `DistanceMeters` is kept as the device distance, and used only for a recording without
 * positions (a treadmill run), where the run's distance is the laps' `DistanceMeters` summed
 * (see track/derive-without-gps.ts). The known traps:
 *  - distance that keeps counting from a parent multisport (a running leg whose first point says
 *    25,000 m): the device distance is taken relative to the recording's first point;
 *  - garbage distances (negative, not a number, larger than 1,000 km, or larger than a later
 *    point's) are treated as absent;
 *  - a first point (or any) with no <Position> in a recording that has a route is left out;
 *    in a recording without any it is kept with its time and device distance;
 *  - positions of exactly 0,0 (what some exporters write with no fix) are no position.
 */
import { createHash, type Hash } from 'node:crypto';
import { PointFingerprinter } from '../../track/fingerprint';
import { GrowingIndexList, GrowingPointColumns, type OnePoint } from '../../track/point-columns';
import type { RecordedFile, RecordedLap, RecordedTrack, TimerEvent } from '../../track/recording';
import { refuse } from '../../track/refusals';
import { isBelievableRecordingTime, parseIsoTime } from '../../track/timestamps';
import { readDecimal } from '../gpx/read';
import { DEFAULT_XML_LIMITS, XmlByteReader, type XmlElementListener, type XmlReadingLimits } from '../xml/xml-stream';

/**
 * A break between two <Track>s is a pause (not distance) unless the device's own distance moved
 * on across it by more than this: then points were left out of the file (an excerpt, a lost
 * write), not a stop, and the straight line between the two tracks counts like any other interval.
 */
export const MOST_METRES_ACROSS_A_PAUSE = 20;

/**
 * Two <Track>s that follow each other within this many seconds, with no lap time missing between
 * them, are one stretch: Suunto (and others) start a new <Track> at every lap, 1–3 s after the
 * last point of the one before; counted as pauses those gaps left runs 3 % short. A runner's own
 * stop lasts longer than this, or leaves the laps' times short of the time between them.
 */
export const MOST_SECONDS_BETWEEN_JOINED_TRACKS = 5;

export interface TcxReadingLimits extends XmlReadingLimits {
  maxPoints: number;
}

export const DEFAULT_TCX_LIMITS: TcxReadingLimits = { ...DEFAULT_XML_LIMITS, maxPoints: 2_000_000 };

/**
 * Whether the laps leave no time out between `fromMs` and `toMs`: each lap that starts in that
 * span starts when the lap before it ended (its start + TotalTimeSeconds), within the joining
 * tolerance. Laps without a duration say nothing against it.
 */
function lapsContinuous(laps: readonly { startUtcMs: number; elapsedSeconds: number }[], fromMs: number, toMs: number): boolean {
  for (let k = 1; k < laps.length; k += 1) {
    const lap = laps[k];
    const before = laps[k - 1];
    if (lap === undefined || before === undefined || !(lap.startUtcMs > fromMs - 1000 && lap.startUtcMs <= toMs + 1000)) continue;
    const endOfBefore = before.startUtcMs + before.elapsedSeconds * 1000;
    if (Number.isFinite(endOfBefore) && lap.startUtcMs - endOfBefore > MOST_SECONDS_BETWEEN_JOINED_TRACKS * 1000) return false;
  }
  return true;
}

/** TCX `Sport` → the neutral (FIT) sport name. */
function sportOf(attribute: string | undefined): string {
  switch ((attribute ?? '').trim().toLowerCase()) {
    case 'running':
      return 'running';
    case 'biking':
      return 'cycling';
    case '':
      return 'generic';
    default:
      return (attribute ?? '').trim().toLowerCase().slice(0, 40);
  }
}

type TextField =
  | 'time'
  | 'latitude'
  | 'longitude'
  | 'altitude'
  | 'distance'
  | 'heartRate'
  | 'cadence'
  | 'runCadence'
  | 'watts'
  | 'id'
  | 'notes'
  | 'lapSeconds'
  | 'lapDistance'
  | 'creatorName'
  | null;

interface ActivityInProgress {
  sport: string;
  name: string | null;
  idMs: number;
  points: OnePoint[];
  /** Index into `points` where each <Track> begins. */
  trackStarts: number[];
  laps: (Omit<RecordedLap, 'firstPoint'> & { firstPointInActivity: number })[];
}

function emptyPoint(): OnePoint {
  return {
    latitude: Number.NaN,
    longitude: Number.NaN,
    elevationMetres: Number.NaN,
    utcMs: Number.NaN,
    heartRate: Number.NaN,
    cadence: Number.NaN,
    powerWatts: Number.NaN,
    temperatureCelsius: Number.NaN,
    deviceDistanceMetres: Number.NaN,
  };
}

export class TcxFileReader implements XmlElementListener {
  private readonly xml: XmlByteReader;
  private readonly limits: TcxReadingLimits;
  private readonly fileHash: Hash = createHash('sha256');
  private readonly fileFingerprint = new PointFingerprinter();
  private readonly points = new GrowingPointColumns(4096);
  private readonly segmentStarts = new GrowingIndexList();
  private readonly tracks: RecordedTrack[] = [];
  private readonly path: string[] = [];
  private field: TextField = null;
  private text = '';
  private sawRoot = false;
  private activity: ActivityInProgress | null = null;
  private point: OnePoint | null = null;
  private inCourses = 0;
  private courses = 0;
  private pointElements = 0;
  private unreadableTimes = 0;
  private unbelievableTimes = 0;
  private creatorName: string | null = null;
  private activityCount = 0;

  constructor(limits: TcxReadingLimits = DEFAULT_TCX_LIMITS) {
    this.limits = limits;
    this.xml = new XmlByteReader(this, { ...limits, formatName: 'TCX' });
  }

  get wantsText(): boolean {
    return this.field !== null;
  }

  write(bytes: Uint8Array): void {
    this.fileHash.update(bytes);
    this.xml.write(bytes);
  }

  finish(): RecordedFile {
    this.xml.finish();
    if (!this.sawRoot) throw refuse.emptyFile();
    if (this.activityCount === 0) {
      if (this.courses > 0) throw refuse.plannedCourse();
      throw refuse.notAnActivity('no activity (a TCX file without <Activity>)');
    }
    return {
      metadata: { format: 'tcx', title: null, deviceName: this.creatorName, creator: this.creatorName },
      points: this.points.columns(),
      segmentStarts: this.segmentStarts.toArray(),
      tracks: this.tracks,
      counts: {
        pointElements: this.pointElements,
        routePoints: 0,
        routes: this.courses,
        waypoints: 0,
        pointsWithUnreadablePosition: 0,
        unreadableTimes: this.unreadableTimes,
        unbelievableTimes: this.unbelievableTimes,
        timesWithoutZone: 0,
      },
      writtenUtcOffsetMinutes: null,
      hadUndecodableText: false,
      fingerprint: { fileSha256: this.fileHash.digest('hex'), pointsSha256: this.fileFingerprint.digest() },
    };
  }

  openElement(_namespaceUri: string, localName: string, attributes: Readonly<Record<string, string>>): void {
    const parent = this.path[this.path.length - 1];
    this.path.push(localName);
    if (this.path.length === 1) {
      if (localName !== 'TrainingCenterDatabase') throw refuse.notAnActivity(`XML whose main element is <${localName.slice(0, 60)}>`);
      this.sawRoot = true;
      return;
    }
    if (localName === 'Courses') this.inCourses += 1;
    if (this.inCourses > 0) {
      if (localName === 'Course') this.courses += 1;
      return;
    }
    switch (localName) {
      case 'Activity':
        this.activityCount += 1;
        this.activity = { sport: sportOf(attributes.Sport), name: null, idMs: Number.NaN, points: [], trackStarts: [], laps: [] };
        return;
      case 'Lap': {
        if (this.activity === null) return;
        const start = parseIsoTime(attributes.StartTime ?? '');
        this.activity.laps.push({
          startUtcMs: start?.utcMs ?? Number.NaN,
          elapsedSeconds: Number.NaN,
          timerSeconds: Number.NaN,
          distanceMetres: Number.NaN,
          firstPointInActivity: this.activity.points.length,
        });
        return;
      }
      case 'Track':
        if (this.activity !== null) this.activity.trackStarts.push(this.activity.points.length);
        return;
      case 'Trackpoint':
        this.pointElements += 1;
        this.point = emptyPoint();
        return;
    }
    this.field = this.fieldFor(localName, parent);
    this.text = '';
  }

  private fieldFor(localName: string, parent: string | undefined): TextField {
    if (this.point !== null) {
      switch (localName) {
        case 'Time':
          return 'time';
        case 'LatitudeDegrees':
          return 'latitude';
        case 'LongitudeDegrees':
          return 'longitude';
        case 'AltitudeMeters':
          return 'altitude';
        case 'DistanceMeters':
          return 'distance';
        case 'Value':
          return parent === 'HeartRateBpm' ? 'heartRate' : null;
        case 'Cadence':
          return 'cadence';
        case 'RunCadence':
          return 'runCadence';
        case 'Watts':
          return 'watts';
        default:
          return null;
      }
    }
    if (this.activity === null) return null;
    if (parent === 'Activity' && localName === 'Id') return 'id';
    if (parent === 'Activity' && localName === 'Notes') return 'notes';
    if (parent === 'Lap' && localName === 'TotalTimeSeconds') return 'lapSeconds';
    if (parent === 'Lap' && localName === 'DistanceMeters') return 'lapDistance';
    if (parent === 'Creator' && localName === 'Name') return 'creatorName';
    return null;
  }

  characters(text: string): void {
    if (this.field !== null && this.text.length < 4096) this.text += text;
  }

  closeElement(): void {
    const localName = this.path.pop();
    if (localName === 'Courses') {
      this.inCourses -= 1;
      return;
    }
    if (this.inCourses > 0) return;
    if (this.field !== null) {
      this.store(this.field, this.text);
      this.field = null;
      this.text = '';
      return;
    }
    if (localName === 'Trackpoint' && this.point !== null && this.activity !== null) {
      if (this.points.count + this.activity.points.length >= this.limits.maxPoints) throw refuse.tooManyPoints(this.limits.maxPoints);
      this.activity.points.push(this.point);
      this.point = null;
    } else if (localName === 'Activity' && this.activity !== null) {
      this.closeActivity(this.activity);
      this.activity = null;
    }
  }

  private store(field: Exclude<TextField, null>, text: string): void {
    const point = this.point;
    if (point !== null) {
      const value = readDecimal(text);
      switch (field) {
        case 'time': {
          const instant = parseIsoTime(text);
          if (instant === null) this.unreadableTimes += 1;
          else if (!isBelievableRecordingTime(instant.utcMs)) this.unbelievableTimes += 1;
          else point.utcMs = instant.utcMs;
          return;
        }
        case 'latitude':
          point.latitude = Math.abs(value) <= 90 ? value : Number.NaN;
          return;
        case 'longitude':
          point.longitude = Math.abs(value) <= 180 ? value : Number.NaN;
          return;
        case 'altitude':
          point.elevationMetres = value > -500 && value < 9000 ? value : Number.NaN;
          return;
        case 'distance':
          point.deviceDistanceMetres = value >= 0 && value < 1_000_000 ? value : Number.NaN;
          return;
        case 'heartRate':
          point.heartRate = value >= 20 && value <= 260 ? value : Number.NaN;
          return;
        case 'cadence':
        case 'runCadence':
          if (value >= 0 && value <= 200 && (field === 'runCadence' || Number.isNaN(point.cadence))) point.cadence = value * 2;
          return;
        case 'watts':
          point.powerWatts = value >= 0 && value <= 3000 ? value : Number.NaN;
          return;
        default:
          return;
      }
    }
    const activity = this.activity;
    if (activity === null) return;
    const lap = activity.laps[activity.laps.length - 1];
    switch (field) {
      case 'id':
        activity.idMs = parseIsoTime(text)?.utcMs ?? Number.NaN;
        return;
      case 'notes':
        activity.name = text.replace(/\s+/g, ' ').trim().slice(0, 200) || null;
        return;
      case 'lapSeconds':
        if (lap !== undefined) lap.elapsedSeconds = lap.timerSeconds = readDecimal(text) >= 0 ? readDecimal(text) : Number.NaN;
        return;
      case 'lapDistance':
        if (lap !== undefined) lap.distanceMetres = readDecimal(text) >= 0 && readDecimal(text) < 1_000_000 ? readDecimal(text) : Number.NaN;
        return;
      case 'creatorName':
        this.creatorName ??= text.replace(/\s+/g, ' ').trim().slice(0, 200) || null;
        return;
      default:
        return;
    }
  }

  /** Moves one activity's points into the file's columns: with a route only positioned, timed points; without one, every timed point. */
  private closeActivity(activity: ActivityInProgress): void {
    const isPositioned = (p: OnePoint): boolean =>
      Number.isFinite(p.latitude) && Number.isFinite(p.longitude) && !(p.latitude === 0 && p.longitude === 0);
    const positioned = activity.points.filter(isPositioned).length;
    const withRoute = positioned >= 2;
    const firstPoint = this.points.count;
    const trackPrint = new PointFingerprinter();
    const starts = new Set(activity.trackStarts);
    const lapStartAt = new Map<number, number>();
    activity.laps.forEach((lap, k) => lapStartAt.set(lap.firstPointInActivity, k));
    const lapFirstPoint: (number | null)[] = activity.laps.map(() => null);
    let firstDevice = Number.NaN;
    let pendingSegment = true;
    let pendingLaps: number[] = [];
    const timerEvents: TimerEvent[] = [];
    let lastMs = Number.NaN;
    // Garbage device distances: one larger than a later one is dropped (a first point saying 8,348 m, then 0, 6, 7…).
    let laterDevice = Number.POSITIVE_INFINITY;
    for (let k = activity.points.length - 1; k >= 0; k -= 1) {
      const p = activity.points[k];
      if (p === undefined || !Number.isFinite(p.deviceDistanceMetres)) continue;
      if (p.deviceDistanceMetres > laterDevice) p.deviceDistanceMetres = Number.NaN;
      else laterDevice = p.deviceDistanceMetres;
    }
    let lastDevice = Number.NaN;
    activity.points.forEach((p, k) => {
      if (starts.has(k) && k > 0) {
        // A track break is a pause unless the device's distance moved on across it (points left out, not a stop).
        let nextDevice = Number.NaN;
        for (let j = k; j < activity.points.length && Number.isNaN(nextDevice) && (j === k || !starts.has(j)); j += 1) {
          nextDevice = activity.points[j]?.deviceDistanceMetres ?? Number.NaN;
        }
        const advanced = nextDevice - lastDevice;
        const gapSeconds = (p.utcMs - lastMs) / 1000;
        if (!(advanced > MOST_METRES_ACROSS_A_PAUSE) && !(gapSeconds >= 0 && gapSeconds <= MOST_SECONDS_BETWEEN_JOINED_TRACKS && lapsContinuous(activity.laps, lastMs, p.utcMs))) {
          pendingSegment = true;
          if (Number.isFinite(lastMs)) timerEvents.push({ utcMs: lastMs, kind: 'stop' });
        }
      }
      if (Number.isFinite(p.deviceDistanceMetres)) lastDevice = p.deviceDistanceMetres;
      const lapHere = lapStartAt.get(k);
      if (lapHere !== undefined) pendingLaps.push(lapHere);
      if (withRoute && !isPositioned(p)) return;
      if (!withRoute) {
        if (Number.isNaN(p.utcMs)) return;
        p.latitude = Number.NaN;
        p.longitude = Number.NaN;
      }
      if (Number.isFinite(p.deviceDistanceMetres)) {
        if (Number.isNaN(firstDevice)) firstDevice = p.deviceDistanceMetres;
        p.deviceDistanceMetres -= firstDevice; // a leg of a multisport may carry the parent's distance
        if (p.deviceDistanceMetres < 0) p.deviceDistanceMetres = Number.NaN;
      }
      if (pendingSegment) {
        if (this.points.count > firstPoint && Number.isFinite(p.utcMs)) timerEvents.push({ utcMs: p.utcMs, kind: 'start' });
        this.segmentStarts.push(this.points.count);
        pendingSegment = false;
      }
      for (const lapIndex of pendingLaps) lapFirstPoint[lapIndex] = this.points.count;
      pendingLaps = [];
      this.points.push(p);
      const lat = withRoute ? p.latitude : 0;
      const lon = withRoute ? p.longitude : 0;
      trackPrint.add(lat, lon, p.utcMs);
      this.fileFingerprint.add(lat, lon, p.utcMs);
      if (Number.isFinite(p.utcMs)) lastMs = p.utcMs;
    });
    const lapDistances = activity.laps.map((lap) => lap.distanceMetres);
    const lapSeconds = activity.laps.map((lap) => lap.elapsedSeconds);
    const sum = (values: number[]): number => (values.length > 0 && values.every((v) => Number.isFinite(v)) ? values.reduce((a, b) => a + b, 0) : Number.NaN);
    this.tracks.push({
      trackNumber: this.tracks.length + 1,
      name: activity.name,
      firstPoint,
      pointCount: this.points.count - firstPoint,
      sport: { sport: activity.sport, subSport: null },
      laps: activity.laps.map((lap, k) => ({
        startUtcMs: lap.startUtcMs,
        elapsedSeconds: lap.elapsedSeconds,
        timerSeconds: lap.timerSeconds,
        distanceMetres: lap.distanceMetres,
        firstPoint: lapFirstPoint[k] ?? null,
      })),
      timerEvents,
      deviceTotals: { distanceMetres: sum(lapDistances), elapsedSeconds: Number.NaN, timerSeconds: sum(lapSeconds) },
      pointsSha256: trackPrint.digest(),
      effortFromDevice: null,
    });
  }
}
