/**
 * FIT bytes → the neutral recording (track/recording.ts), with `fit-file-parser` (MIT) doing the
 * binary decoding (`force: false`, `mode: 'list'`). Garmin's own SDK is not used: its licence
 * limits redistribution and excludes uses where failure could cause injury.
 *
 * Damaged files are refused, never half-read. The rule (checked before and by the parser):
 *  1. the header is 12 or 14 bytes long and says ".FIT" (FIT protocol, "File Header");
 *  2. a 14-byte header's own CRC, when not zero, matches its first 12 bytes;
 *  3. header + the data size the header states + 2 CRC bytes fit in the file (fewer bytes → "cut
 *     off"); any bytes after that must be another whole FIT file chained on (the protocol allows
 *     it), else "its header is damaged";
 *  4. the file CRC over header and data matches (the parser's check with `force: false`);
 *  5. every record decodes (the parser's errors become a "damaged" refusal).
 * So a file is imported only when every byte checks out; nothing is read from a damaged one.
 *
 * What becomes what:
 *  - each `session` message is one `RecordedTrack` (a multisport file holds one per leg, with
 *    transitions as their own sessions); its sport and sub-sport come from the session;
 *  - `record` messages are the points, each given to the latest-starting session whose time span
 *    holds it (a file with one session gets every record);
 *  - positions are degrees (the parser converts semicircles); a session with fewer than two
 *    positions, or whose sub-sport is treadmill/indoor/virtual, keeps its points without
 *    position (NaN) and the watch's distance: track/derive-without-gps.ts makes its run;
 *  - cadence: FIT stores running cadence as strides per minute of one leg plus
 *    `fractional_cadence`; Stance stores steps per minute, so (cadence + fractional) × 2;
 *  - `compressed_speed_distance` (old footpod records: 12 bits of speed in 1/100 m/s, 12 bits of
 *    distance in 1/16 m rolling over at 256 m) is unpacked into a running device distance;
 *  - `event` timer stop/start pairs are timer events; a record after a stop starts a new
 *    segment, so the pause is not moving time nor distance;
 *  - `lap` messages are laps; session totals are the device totals;
 *  - session `workout_rpe` (Garmin stores RPE × 10) and `workout_feel` (0, 25, 50, 75, 100 =
 *    very weak … very strong) are the watch's own effort rating.
 */
import FitParser, { getFitGarminProductDisplayName, getFitManufacturerName } from 'fit-file-parser';
import { GrowingIndexList, GrowingPointColumns, type OnePoint } from '../../track/point-columns';
import { PointFingerprinter } from '../../track/fingerprint';
import { createHash } from 'node:crypto';
import type {
  EffortFromDevice,
  RecordedFile,
  RecordedLap,
  RecordedSport,
  RecordedTrack,
  PointsLeftOut,
  TimerEvent,
} from '../../track/recording';
import { refuse } from '../../track/refusals';
import { isBelievableRecordingTime } from '../../track/timestamps';
import { checkFitCounts, countFitMessages } from './bounds';

/** Largest FIT file read (a 24-hour ultra at 1 s recording is ~15 MB). */
export const MAX_FIT_BYTES = 128 * 1024 * 1024;

/** Records dated this long after their session's end are not part of it (a minute of slack for the watch's last writes). */
const RECORDS_AFTER_THE_END_MS = 60_000;

/** Sub-sports whose positions, if any, are not where the runner went. */
const NO_ROUTE_SUB_SPORTS = new Set(['treadmill', 'indoor_running', 'indoor', 'virtual_activity', 'virtual']);

type FitValue = string | number | boolean | Date | null | undefined | number[] | Record<string, unknown>;
type FitMessage = Record<string, FitValue>;

interface ParsedFitLike {
  sports?: FitMessage[];
  sessions?: FitMessage[];
  laps?: FitMessage[];
  records?: FitMessage[];
  events?: FitMessage[];
  device_infos?: FitMessage[];
  file_ids?: FitMessage[];
  file_id?: FitMessage;
  activity?: FitMessage;
}

/** FIT CRC-16 (FIT protocol, "CRC"): the nibble-table algorithm every FIT tool uses. */
const CRC_TABLE = [0x0000, 0xcc01, 0xd801, 0x1400, 0xf001, 0x3c00, 0x2800, 0xe401, 0xa001, 0x6c00, 0x7800, 0xb401, 0x5000, 0x9c01, 0x8801, 0x4400];
export function fitCrc(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i += 1) {
    const byte = bytes[i] ?? 0;
    let tmp = CRC_TABLE[crc & 0xf] ?? 0;
    crc = (crc >> 4) & 0x0fff;
    crc = crc ^ tmp ^ (CRC_TABLE[byte & 0xf] ?? 0);
    tmp = CRC_TABLE[crc & 0xf] ?? 0;
    crc = (crc >> 4) & 0x0fff;
    crc = crc ^ tmp ^ (CRC_TABLE[(byte >> 4) & 0xf] ?? 0);
  }
  return crc;
}

function looksLikeFitHeader(bytes: Uint8Array, offset: number): boolean {
  const headerSize = bytes[offset] ?? 0;
  return bytes.length - offset >= 12 && (headerSize === 12 || headerSize === 14) && String.fromCharCode(...bytes.subarray(offset + 8, offset + 12)) === '.FIT';
}

/**
 * Rules 1–3 of the module comment, for each FIT file in the bytes (FIT allows "chained" files,
 * one after another; a watch writes them for, e.g., a swim's settings then its activity).
 * Returns each file's [start, end) byte range. Throws a `damaged-file` refusal.
 */
function checkFraming(bytes: Uint8Array): [number, number][] {
  const parts: [number, number][] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (!looksLikeFitHeader(bytes, offset)) {
      throw refuse.damagedFit(offset === 0 ? 'its header is not a FIT header' : `its header is damaged (it says the file is ${offset.toLocaleString('en')} bytes long, but it has ${bytes.length.toLocaleString('en')})`);
    }
    const headerSize = bytes[offset] ?? 0;
    if (headerSize === 14) {
      const stated = (bytes[offset + 12] ?? 0) | ((bytes[offset + 13] ?? 0) << 8);
      if (stated !== 0 && stated !== fitCrc(bytes, offset, offset + 12)) throw refuse.damagedFit('its header fails its checksum (CRC)');
    }
    const dataSize = ((bytes[offset + 4] ?? 0) | ((bytes[offset + 5] ?? 0) << 8) | ((bytes[offset + 6] ?? 0) << 16) | ((bytes[offset + 7] ?? 0) << 24)) >>> 0;
    const end = offset + headerSize + dataSize + 2;
    if (end > bytes.length) {
      throw refuse.damagedFit(`it is cut off (its header promises ${end.toLocaleString('en')} bytes, the file has ${bytes.length.toLocaleString('en')})`);
    }
    parts.push([offset, end]);
    offset = end;
  }
  return parts;
}

function asNumber(value: FitValue): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : Number.NaN;
}

function asMs(value: FitValue): number {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string' || typeof value === 'number') {
    const ms = new Date(value).getTime();
    return Number.isFinite(ms) ? ms : Number.NaN;
  }
  return Number.NaN;
}

function sportName(value: FitValue): string {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number') return `an unknown sport (FIT sport ${value})`;
  return 'generic';
}

function subSportName(value: FitValue): string | null {
  if (typeof value === 'string' && value.length > 0 && value !== 'generic') return value;
  return null;
}

const FEEL_WORDS: EffortFromDevice['feel'][] = ['very weak', 'weak', 'normal', 'strong', 'very strong'];

/** The watch's own after-run rating; null when the session has neither. */
function effortOf(session: FitMessage): EffortFromDevice | null {
  const rpeTimesTen = asNumber(session.workout_rpe);
  const feelScore = asNumber(session.workout_feel);
  const rpe = rpeTimesTen >= 5 && rpeTimesTen <= 100 ? Math.min(10, Math.max(1, Math.round(rpeTimesTen / 10))) : null;
  const feel = feelScore >= 0 && feelScore <= 100 ? (FEEL_WORDS[Math.round(feelScore / 25)] ?? null) : null;
  return rpe === null && feel === null ? null : { rpe, feel };
}

function deviceNameOf(fit: ParsedFitLike): string | null {
  const creator = (fit.device_infos ?? []).find((info) => info.device_index === 'creator' || info.device_index === 0) ?? fit.device_infos?.[0];
  const fileId = fit.file_ids?.[0] ?? fit.file_id;
  const source = creator ?? fileId;
  if (source === undefined) return null;
  if (typeof source.product_name === 'string' && source.product_name.trim().length > 0) return source.product_name.trim().slice(0, 200);
  const manufacturer = typeof source.manufacturer === 'string' ? source.manufacturer : getFitManufacturerName(asNumber(source.manufacturer));
  const maker = manufacturer === null || manufacturer === undefined ? null : manufacturer.charAt(0).toUpperCase() + manufacturer.slice(1);
  const product = manufacturer === 'garmin' ? getFitGarminProductDisplayName(source.product as number | string | null) : null;
  if (maker === null) return null;
  return product === null ? maker : `${maker} ${product}`;
}

interface SessionSpan {
  session: FitMessage;
  startMs: number;
  endMs: number;
  sport: RecordedSport;
}

/** Reads one FIT file held in memory. Throws an `ImportRefusal` (damaged, not an activity). */
export function readFitBytes(bytes: Uint8Array): RecordedFile {
  if (bytes.length === 0) throw refuse.emptyFile();
  if (bytes.length > MAX_FIT_BYTES) throw refuse.damagedFit(`it is over ${MAX_FIT_BYTES / 1024 / 1024} MB, far larger than any activity`);
  const parts = checkFraming(bytes);
  // Bounds before parsing (bounds.ts): a file of millions of records is refused before it is decoded.
  for (const [start, end] of parts) checkFitCounts(countFitMessages(bytes, start, end));

  const fit: ParsedFitLike = { sports: [], sessions: [], laps: [], records: [], events: [], device_infos: [], file_ids: [] };
  for (const [start, end] of parts) {
    let parsed: ParsedFitLike | undefined;
    let failure: string | undefined;
    const parser = new FitParser({ force: false, mode: 'list', lengthUnit: 'm', speedUnit: 'm/s', temperatureUnit: 'celsius', elapsedRecordField: false });
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start);
    try {
      parser.parse(buffer as Buffer<ArrayBuffer>, (error, data) => {
        failure = error;
        parsed = data as ParsedFitLike | undefined;
      });
    } catch (error) {
      failure = (error as Error).message;
    }
    if (failure !== undefined) {
      throw refuse.damagedFit(/crc/i.test(failure) ? 'its checksum (CRC) does not match its contents' : /exceeds|length|eof/i.test(failure) ? 'it is cut off' : `a record cannot be read (${failure})`);
    }
    if (parsed === undefined) throw refuse.damagedFit('it could not be decoded');
    for (const key of ['sports', 'sessions', 'laps', 'records', 'events', 'device_infos', 'file_ids'] as const) {
      const into = fit[key];
      for (const message of parsed[key] ?? []) into?.push(message); // no spread: a long list would overflow the stack
    }
    if (parsed.file_id !== undefined) fit.file_ids?.push(parsed.file_id);
  }

  // The records with a readable time, in time order (a stable sort: records of one second keep
  // their file order). Held as two parallel arrays, not an object per record: a run has thousands.
  const allRecords = fit.records ?? [];
  let recordMessages: FitMessage[] = [];
  let recordMs: number[] = [];
  let inTimeOrder = true;
  for (const record of allRecords) {
    const ms = asMs(record.timestamp);
    if (!Number.isFinite(ms)) continue;
    if (recordMs.length > 0 && ms < (recordMs[recordMs.length - 1] ?? ms)) inTimeOrder = false;
    recordMessages.push(record);
    recordMs.push(ms);
  }
  if (!inTimeOrder) {
    const times = recordMs;
    const order = times.map((_, k) => k).sort((a, b) => (times[a] ?? 0) - (times[b] ?? 0) || a - b);
    const messages = recordMessages;
    recordMessages = order.map((k) => messages[k] as FitMessage);
    recordMs = order.map((k) => times[k] ?? 0);
  }
  const recordCount = recordMs.length;
  const sessionsRaw = fit.sessions ?? [];
  // The file's own type (file_id.type): a course or a workout plan is no activity, whatever it holds.
  const fileType = fit.file_ids?.find((id) => typeof id.type === 'string')?.type;
  if (fileType === 'course') throw refuse.notAnActivity('a course (a planned route to follow)');
  if (typeof fileType === 'string' && fileType !== 'activity' && sessionsRaw.length === 0) {
    throw refuse.notAnActivity(`no activity (it is a FIT ${fileType.replace(/_/g, ' ')} file)`);
  }
  if (sessionsRaw.length === 0 && recordCount === 0) throw refuse.notAnActivity('no activity (it is a FIT file of settings, a course or a workout plan)');
  // The sport message (what the watch's sport profile was) names the sport where a session does not.
  const sportMessages = (fit.sports ?? []).filter((message) => message.sport !== undefined && message.sport !== null);
  const fileSport = sportMessages.length === 1 ? sportMessages[0] : undefined;

  // One span per session, in start order; a file with records but no session gets one "unknown" span.
  const spans: SessionSpan[] = sessionsRaw
    .map((session) => {
      const startMs = asMs(session.start_time);
      const elapsed = asNumber(session.total_elapsed_time);
      const endMs = Number.isFinite(elapsed) ? startMs + elapsed * 1000 : asMs(session.timestamp);
      // A session without a sport (or "generic") takes the file's one sport message, when it has one.
      const sport = session.sport === undefined || session.sport === null || session.sport === 'generic' ? (fileSport ?? session) : session;
      return { session, startMs, endMs, sport: { sport: sportName(sport.sport), subSport: subSportName(sport.sub_sport ?? session.sub_sport) } };
    })
    .filter((span) => Number.isFinite(span.startMs))
    .sort((a, b) => a.startMs - b.startMs);
  if (spans.length === 0) {
    const first = recordMs[0] ?? 0;
    const last = recordMs[recordCount - 1] ?? 0;
    // Records without a session: the sport message says what they were (a watch that died before saving the session).
    spans.push({ session: {}, startMs: first, endMs: last, sport: { sport: sportName(fileSport?.sport), subSport: subSportName(fileSport?.sub_sport) } });
  }

  // Which span each record belongs to: the latest-starting span holding it (1 s of slack at each end).
  // A file of one session gets every record up to a minute after the session's end; records later
  // than that (a watch whose clock jumped, a file stitched together) are left out and said.
  // Each span's records, as positions in `recordMessages`/`recordMs` (in time order).
  const byIndex: number[][] = spans.map(() => []);
  const afterTheEnd = spans.map(() => ({ count: 0, latestMs: 0 }));
  for (let r = 0; r < recordCount; r += 1) {
    const ms = recordMs[r] ?? Number.NaN;
    let owner = -1;
    if (spans.length === 1) {
      const span = spans[0];
      const past = span !== undefined && Number.isFinite(span.endMs) && sessionsRaw.length > 0 ? ms - span.endMs : 0;
      if (past > RECORDS_AFTER_THE_END_MS) {
        const tally = afterTheEnd[0];
        if (tally !== undefined) {
          tally.count += 1;
          tally.latestMs = Math.max(tally.latestMs, past);
        }
        continue;
      }
      owner = 0;
    } else {
      for (let k = spans.length - 1; k >= 0; k -= 1) {
        const span = spans[k];
        if (span !== undefined && ms >= span.startMs - 1000 && ms <= span.endMs + 1000) {
          owner = k;
          break;
        }
      }
    }
    if (owner >= 0) byIndex[owner]?.push(r);
    else {
      // A record outside every session belongs to no recording; one after a session's end is said in that session's warning.
      let before = -1;
      for (let k = 0; k < spans.length; k += 1) if ((spans[k]?.endMs ?? Number.POSITIVE_INFINITY) < ms) before = k;
      const tally = afterTheEnd[before];
      const span = spans[before];
      if (tally !== undefined && span !== undefined) {
        tally.count += 1;
        tally.latestMs = Math.max(tally.latestMs, ms - span.endMs);
      }
    }
  }

  // Timer stops and starts, for every span.
  const events: TimerEvent[] = (fit.events ?? [])
    .filter((event) => event.event === 'timer')
    .map((event) => ({ utcMs: asMs(event.timestamp), kind: String(event.event_type).startsWith('stop') ? ('stop' as const) : ('start' as const) }))
    .filter((event) => Number.isFinite(event.utcMs))
    .sort((a, b) => a.utcMs - b.utcMs);
  const laps = (fit.laps ?? []).map((lap) => ({
    startUtcMs: asMs(lap.start_time),
    elapsedSeconds: asNumber(lap.total_elapsed_time),
    timerSeconds: asNumber(lap.total_timer_time),
    distanceMetres: asNumber(lap.total_distance),
  }));

  const points = new GrowingPointColumns(Math.max(64, recordCount));
  const segmentStarts = new GrowingIndexList();
  const tracks: RecordedTrack[] = [];
  // The file's points fingerprint; with one session it is that session's own (the same points in the same order), so it is not hashed twice.
  const oneSpan = spans.length === 1;
  const fileFingerprint = new PointFingerprinter();
  let unbelievable = 0;

  spans.forEach((span, spanIndex) => {
    const own = byIndex[spanIndex] ?? [];
    const firstPoint = points.count;
    const isRunning = span.sport.sport === 'running';
    // Positions read once, here: the loop below takes them from these columns.
    const ownLatitudes = new Float64Array(own.length);
    const ownLongitudes = new Float64Array(own.length);
    let positioned = 0;
    for (let k = 0; k < own.length; k += 1) {
      const record = recordMessages[own[k] ?? 0] as FitMessage;
      const latitude = asNumber(record.position_lat);
      const longitude = asNumber(record.position_long);
      ownLatitudes[k] = latitude;
      ownLongitudes[k] = longitude;
      if (Number.isFinite(latitude) && Number.isFinite(longitude)) positioned += 1;
    }
    const leftOut: PointsLeftOut = {
      recorded: own.length + (afterTheEnd[spanIndex]?.count ?? 0),
      datedOutside: 0,
      exampleUtcMs: null,
      offTheGlobe: 0,
      exampleLatitude: null,
      exampleLongitude: null,
      afterTheEnd: afterTheEnd[spanIndex]?.count ?? 0,
      latestAfterEndSeconds: (afterTheEnd[spanIndex]?.latestMs ?? 0) / 1000,
    };
    const withRoute = positioned >= 2 && !NO_ROUTE_SUB_SPORTS.has(span.sport.subSport ?? '');
    const spanEvents = events.filter((event) => event.utcMs >= span.startMs - 1000 && event.utcMs <= span.endMs + 1000);
    const trackPrint = new PointFingerprinter();
    let compressedMetres = Number.NaN;
    let previousCompressed = Number.NaN;
    let lastMs = Number.NEGATIVE_INFINITY;
    let eventCursor = 0;
    let stoppedSince: number | null = null;
    for (let k = 0; k < own.length; k += 1) {
      const r = own[k] ?? 0;
      const ms = recordMs[r] ?? Number.NaN;
      if (!isBelievableRecordingTime(ms)) {
        unbelievable += 1;
        leftOut.datedOutside += 1;
        leftOut.exampleUtcMs ??= ms;
        continue;
      }
      // Timer events up to this record: a stop followed by this record starts a new segment.
      let newSegment = points.count === firstPoint;
      while (eventCursor < spanEvents.length && (spanEvents[eventCursor]?.utcMs ?? Infinity) <= ms) {
        const event = spanEvents[eventCursor];
        if (event?.kind === 'stop') stoppedSince ??= event.utcMs;
        else if (event?.kind === 'start' && stoppedSince !== null) {
          stoppedSince = null;
          newSegment = true;
        }
        eventCursor += 1;
      }
      if (stoppedSince !== null && ms > stoppedSince) continue; // recorded while the timer was stopped
      const latitude = ownLatitudes[k] ?? Number.NaN;
      const longitude = ownLongitudes[k] ?? Number.NaN;
      const hasPosition = Number.isFinite(latitude) && Number.isFinite(longitude) && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;
      if (withRoute && !hasPosition) {
        if (Number.isFinite(latitude) && Number.isFinite(longitude)) {
          leftOut.offTheGlobe += 1;
          leftOut.exampleLatitude ??= latitude;
          leftOut.exampleLongitude ??= longitude;
        }
        continue;
      }
      const record = recordMessages[r] as FitMessage;
      let deviceDistance = asNumber(record.distance);
      const compressed = record.compressed_speed_distance;
      if (!Number.isFinite(deviceDistance) && Array.isArray(compressed) && compressed.length >= 3) {
        const raw = (((compressed[1] ?? 0) >> 4) | ((compressed[2] ?? 0) << 4)) / 16; // metres, rolls over at 256
        if (Number.isNaN(previousCompressed)) compressedMetres = 0;
        else compressedMetres += (raw - previousCompressed + 256) % 256;
        previousCompressed = raw;
        deviceDistance = compressedMetres;
      }
      const heartRate = asNumber(record.heart_rate);
      const cadence = asNumber(record.cadence);
      const fractional = asNumber(record.fractional_cadence);
      const power = asNumber(record.power);
      const temperature = asNumber(record.temperature);
      const altitude = asNumber(record.enhanced_altitude ?? record.altitude);
      const point: OnePoint = {
        latitude: withRoute ? latitude : Number.NaN,
        longitude: withRoute ? longitude : Number.NaN,
        elevationMetres: altitude > -500 && altitude < 9000 ? altitude : Number.NaN,
        utcMs: ms,
        heartRate: heartRate >= 20 && heartRate <= 260 ? heartRate : Number.NaN,
        cadence: isRunning && cadence >= 0 && cadence <= 200 ? (cadence + (Number.isFinite(fractional) ? fractional : 0)) * 2 : Number.NaN,
        powerWatts: power >= 0 && power <= 3000 ? power : Number.NaN,
        temperatureCelsius: temperature >= -60 && temperature <= 60 ? temperature : Number.NaN,
        deviceDistanceMetres: deviceDistance >= 0 && deviceDistance < 1_000_000 ? deviceDistance : Number.NaN,
      };
      if (ms === lastMs && !withRoute) continue;
      lastMs = ms;
      if (newSegment) segmentStarts.push(points.count);
      points.push(point);
      if (withRoute) {
        trackPrint.add(latitude, longitude, ms);
        if (!oneSpan) fileFingerprint.add(latitude, longitude, ms);
      } else {
        trackPrint.add(0, 0, ms);
        if (!oneSpan) fileFingerprint.add(0, 0, ms);
      }
    }
    const pointCount = points.count - firstPoint;
    const spanLaps: RecordedLap[] = laps
      .filter((lap) => Number.isFinite(lap.startUtcMs) && lap.startUtcMs >= span.startMs - 1000 && lap.startUtcMs <= span.endMs)
      .map((lap) => {
        let firstPointOfLap: number | null = null;
        const utc = points.columns().utcMs;
        for (let i = firstPoint; i < firstPoint + pointCount; i += 1) {
          if ((utc[i] ?? 0) >= lap.startUtcMs) {
            firstPointOfLap = i;
            break;
          }
        }
        return { ...lap, firstPoint: firstPointOfLap };
      });
    tracks.push({
      trackNumber: spanIndex + 1,
      name: null,
      firstPoint,
      pointCount,
      sport: span.sport,
      laps: spanLaps,
      timerEvents: spanEvents,
      deviceTotals: {
        distanceMetres: asNumber(span.session.total_distance),
        elapsedSeconds: asNumber(span.session.total_elapsed_time),
        timerSeconds: asNumber(span.session.total_timer_time),
      },
      pointsSha256: trackPrint.digest(),
      effortFromDevice: effortOf(span.session),
      startUtcMs: Number.isFinite(span.startMs) ? span.startMs : null,
      ...(leftOut.datedOutside + leftOut.offTheGlobe + leftOut.afterTheEnd > 0 ? { leftOut } : {}),
    });
  });

  const deviceName = deviceNameOf(fit);
  return {
    metadata: { format: 'fit', title: null, deviceName, creator: deviceName },
    points: points.columns(),
    segmentStarts: segmentStarts.toArray(),
    tracks,
    counts: {
      pointElements: recordCount,
      routePoints: 0,
      routes: 0,
      waypoints: 0,
      pointsWithUnreadablePosition: 0,
      unreadableTimes: allRecords.length - recordCount,
      unbelievableTimes: unbelievable,
      timesWithoutZone: 0,
    },
    writtenUtcOffsetMinutes: null,
    hadUndecodableText: false,
    fingerprint: { fileSha256: createHash('sha256').update(bytes).digest('hex'), pointsSha256: (oneSpan ? tracks[0]?.pointsSha256 : undefined) ?? fileFingerprint.digest() },
  };
}
