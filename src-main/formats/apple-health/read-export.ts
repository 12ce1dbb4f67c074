/**
 * Apple Health's export (Health app › profile › Export All Health Data): `export.zip` holding
 * `apple_health_export/export.xml` — every sample the phone and watch ever stored, so it reaches
 * gigabytes — and `workout-routes/route_<date>.gpx`, one GPX per workout that has a route.
 *
 * `export.xml` is read as a stream (saxes over chunks, nothing kept but the workouts), so its size
 * costs time, not memory. It begins with an internal DTD (`<!DOCTYPE HealthData [ … ]>`): it is
 * read past, never expanded (saxes does not process DTDs; only XML's five entities are known).
 * Of its elements only these are used (Apple's HealthKit names):
 *  - `<Workout workoutActivityType="HKWorkoutActivityTypeRunning" duration="30" durationUnit="min"
 *    totalDistance="5.4" totalDistanceUnit="km" startDate="2024-05-04 07:30:00 +0200" …>`
 *    (older exports carry the distance as attributes);
 *  - inside it `<WorkoutStatistics type="HKQuantityTypeIdentifierDistanceWalkingRunning" sum="5.397"
 *    unit="km"/>` (newer exports) and `…HeartRate" average="142"`;
 *  - `<MetadataEntry key="HKIndoorWorkout" value="1"/>` (an indoor run: treadmill or track);
 *  - `<WorkoutRoute><FileReference path="/workout-routes/route_….gpx"/></WorkoutRoute>`.
 * Everything else (millions of `<Record>`s) is passed over. A malformed spot (older iOS versions
 * wrote some) is counted and read past; more than `MAX_XML_ERRORS` of them and the file is refused.
 */
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { ImportRefusal, refuse } from '../../track/refusals';

/** One workout of export.xml. Metres, seconds, UTC ms; NaN when the export does not say. */
export interface HealthWorkout {
  /** HealthKit's type without its prefix, in words: "running", "walking", "cycling", "traditional strength training". */
  activity: string;
  isRun: boolean;
  startUtcMs: number;
  endUtcMs: number;
  durationSeconds: number;
  distanceMetres: number;
  averageHeartRate: number;
  indoor: boolean;
  /** The routes' paths as export.xml writes them, normalised by `healthRouteKey`. */
  routeKeys: string[];
  sourceName: string | null;
  /** UTC offset written in its start, minutes east. */
  utcOffsetMinutes: number | null;
}

export interface HealthExportSummary {
  workouts: HealthWorkout[];
  /** `<Record>`s passed over (heart rate, steps…). */
  records: number;
  /** Malformed spots read past. */
  xmlErrors: number;
}

/** More malformed spots than this and export.xml is not an export Stance can trust. */
export const MAX_XML_ERRORS = 1000;

/** The key that joins a workout's FileReference to a member of the archive: the name after `workout-routes/`, lower case. */
export function healthRouteKey(path: string): string {
  const normal = path.replace(/\\/g, '/');
  const at = normal.toLowerCase().lastIndexOf('workout-routes/');
  return (at >= 0 ? normal.slice(at) : normal.slice(normal.lastIndexOf('/') + 1)).toLowerCase();
}

/** "2024-05-04 07:30:00 +0200" → UTC ms and the offset; NaN when not a date. */
export function parseHealthDate(text: string | undefined): { ms: number; offsetMinutes: number | null } {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\s*([+-])(\d{2}):?(\d{2}))?/.exec((text ?? '').trim());
  if (match === null) return { ms: Number.NaN, offsetMinutes: null };
  const local = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6]));
  if (match[7] === undefined) return { ms: local, offsetMinutes: null };
  const offset = (match[7] === '-' ? -1 : 1) * (Number(match[8]) * 60 + Number(match[9]));
  return { ms: local - offset * 60_000, offsetMinutes: offset };
}

const DISTANCE_UNITS: Record<string, number> = { km: 1000, m: 1, mi: 1609.344, yd: 0.9144, ft: 0.3048, cm: 0.01 };
const DURATION_UNITS: Record<string, number> = { s: 1, sec: 1, min: 60, hr: 3600, h: 3600, ms: 0.001 };

/** "HKWorkoutActivityTypeTraditionalStrengthTraining" → "traditional strength training". */
export function healthActivityWords(type: string): string {
  const bare = type.replace(/^HKWorkoutActivityType/, '');
  return bare.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase() || 'an unknown workout';
}

const RUN_ACTIVITIES = new Set(['running', 'running sand', 'track and field']);

function number(text: string | undefined): number {
  const value = Number(text);
  return text !== undefined && text.trim() !== '' && Number.isFinite(value) ? value : Number.NaN;
}

/**
 * Reads export.xml from its chunks (see the module comment). Rejects with an `ImportRefusal`
 * when it is not an Apple Health export or is too damaged; `signal` stops it (a `cancelled` refusal).
 */
export async function readHealthExport(source: AsyncIterable<Uint8Array>, options: { signal?: AbortSignal; onProgress?: (bytesRead: number) => void } = {}): Promise<HealthExportSummary> {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const summary: HealthExportSummary = { workouts: [], records: 0, xmlErrors: 0 };
  let root: string | null = null;
  let workout: HealthWorkout | null = null;
  let failure: Error | null = null;

  parser.on('error', () => {
    summary.xmlErrors += 1;
    if (summary.xmlErrors > MAX_XML_ERRORS && failure === null) failure = new ImportRefusal('malformed-xml', 'This Apple Health export.xml is damaged in more than 1,000 places, so its workouts cannot be trusted — nothing was imported from it. Export your health data again from the Health app.');
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const name = tag.name;
    const a = tag.attributes as Record<string, string>;
    if (root === null) {
      root = name;
      if (name !== 'HealthData') failure = new ImportRefusal('not-an-activity', `This export.xml is not Apple Health's (it begins with <${name.slice(0, 60)}>, not <HealthData>) — nothing was imported from it.`);
      return;
    }
    if (name === 'Record') {
      summary.records += 1;
      return;
    }
    if (name === 'Workout') {
      const start = parseHealthDate(a.startDate);
      const end = parseHealthDate(a.endDate);
      const durationUnit = DURATION_UNITS[(a.durationUnit ?? 'min').toLowerCase()] ?? Number.NaN;
      const distanceUnit = DISTANCE_UNITS[(a.totalDistanceUnit ?? 'km').toLowerCase()] ?? Number.NaN;
      const activity = healthActivityWords(a.workoutActivityType ?? '');
      workout = {
        activity,
        isRun: RUN_ACTIVITIES.has(activity),
        startUtcMs: start.ms,
        endUtcMs: end.ms,
        durationSeconds: number(a.duration) * durationUnit,
        distanceMetres: number(a.totalDistance) * distanceUnit,
        averageHeartRate: Number.NaN,
        indoor: false,
        routeKeys: [],
        sourceName: a.sourceName?.slice(0, 200) ?? null,
        utcOffsetMinutes: start.offsetMinutes,
      };
      return;
    }
    if (workout === null) return;
    if (name === 'WorkoutStatistics') {
      const type = a.type ?? '';
      if (/Distance(WalkingRunning|Running)$/.test(type)) {
        const metres = number(a.sum) * (DISTANCE_UNITS[(a.unit ?? 'km').toLowerCase()] ?? Number.NaN);
        if (metres > 0) workout.distanceMetres = metres;
      } else if (/HeartRate$/.test(type)) {
        workout.averageHeartRate = number(a.average);
      }
    } else if (name === 'MetadataEntry' && a.key === 'HKIndoorWorkout') {
      workout.indoor = a.value === '1' || a.value?.toLowerCase() === 'true';
    } else if (name === 'FileReference' && typeof a.path === 'string') {
      workout.routeKeys.push(healthRouteKey(a.path));
    }
  });
  parser.on('closetag', (tag: SaxesTagPlain) => {
    if (tag.name === 'Workout' && workout !== null) {
      if (!(workout.durationSeconds > 0) && workout.endUtcMs > workout.startUtcMs) workout.durationSeconds = (workout.endUtcMs - workout.startUtcMs) / 1000;
      summary.workouts.push(workout);
      workout = null;
    }
  });

  const decoder = new StringDecoder('utf8');
  let bytesRead = 0;
  let first = true;
  for await (const chunk of source) {
    if (options.signal?.aborted) throw refuse.cancelled();
    bytesRead += chunk.length;
    let text = decoder.write(chunk as Buffer);
    if (first) {
      text = text.replace(/^\uFEFF?\s+/, '').replace(/^\uFEFF/, '');
      first = false;
    }
    // Large chunks are fed in slices so a cancel or a refusal is noticed quickly.
    for (let at = 0; at < text.length; at += 1 << 20) {
      parser.write(text.slice(at, at + (1 << 20)));
      if (failure !== null) throw failure;
    }
    options.onProgress?.(bytesRead);
  }
  parser.write(decoder.end());
  parser.close();
  if (failure !== null) throw failure;
  if (root === null) throw refuse.emptyFile();
  return summary;
}
