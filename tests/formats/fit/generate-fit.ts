/**
 * Writes real FIT activity files for tests and the benchmark, with fit-file-parser's generic
 * FitEncoder (field numbers, scales and enums from the FIT profile: file_id 0, session 18, lap 19,
 * record 20, event 21, activity 34).
 */
import { FitBaseType, FitEncoder } from 'fit-file-parser';

export interface FitPoint {
  utcMs: number;
  /** Degrees; omit both for a run without GPS. */
  latitude?: number;
  longitude?: number;
  /** The watch's running distance, metres. */
  distanceMetres: number;
  heartRate?: number;
  /** Steps per minute (written as strides per minute of one leg + fractional part). */
  stepsPerMinute?: number;
  altitudeMetres?: number;
}

export interface FitSessionSpec {
  /** FIT sport enum: 1 running, 2 cycling, 11 walking, 17 hiking, 5 swimming. */
  sport: number;
  /** FIT sub_sport enum: 0 generic, 1 treadmill, 2 street, 3 trail, 4 track. */
  subSport?: number;
  points: FitPoint[];
  /** RPE 1–10 as the runner gave it (written ×10, as Garmin does). */
  rpe?: number;
  /** workout_feel: 0, 25, 50, 75, 100. */
  feel?: number;
  /** Timer pauses: [stopMs, startMs]. */
  pauses?: [number, number][];
  /** Session total distance to write; default: the last point's. */
  totalDistanceMetres?: number;
  /** Session elapsed time to write, seconds; default: first point to last. */
  elapsedSeconds?: number;
}

const SEMICIRCLES_PER_DEGREE = 2 ** 31 / 180;
const u8 = (number: number, value: number) => ({ number, size: 1, baseType: FitBaseType.Uint8, value });
const en = (number: number, value: number) => ({ number, size: 1, baseType: FitBaseType.Enum, value });
const u16 = (number: number, value: number) => ({ number, size: 2, baseType: FitBaseType.Uint16, value });
const u32 = (number: number, value: number) => ({ number, size: 4, baseType: FitBaseType.Uint32, value });
const s32 = (number: number, value: number) => ({ number, size: 4, baseType: FitBaseType.Sint32, value });
const fitTime = (utcMs: number): number => FitEncoder.toFitTimestamp(new Date(utcMs));

/** A FIT activity file with one session per spec (several = a multisport file). Garmin Forerunner 255 (product 3992) as creator. */
export function fitActivity(sessions: FitSessionSpec[]): Uint8Array {
  const encoder = new FitEncoder();
  const first = sessions[0]?.points[0]?.utcMs ?? Date.UTC(2024, 0, 1);
  encoder.writeMessage(0, [en(0, 4), u16(1, 1), u16(2, 3992), u32(4, fitTime(first))], 0);
  for (const session of sessions) {
    const start = session.points[0]?.utcMs ?? first;
    const end = session.points[session.points.length - 1]?.utcMs ?? start;
    encoder.writeMessage(21, [u32(253, fitTime(start)), en(0, 0), en(1, 0)], 1);
    const pauses = session.pauses ?? [];
    let pausedMs = 0;
    for (const point of session.points) {
      for (const [stopMs, startMs] of pauses) {
        if (stopMs <= point.utcMs && stopMs > point.utcMs - 1000) {
          encoder.writeMessage(21, [u32(253, fitTime(stopMs)), en(0, 0), en(1, 4)], 1);
        }
        if (startMs <= point.utcMs && startMs > point.utcMs - 1000) {
          encoder.writeMessage(21, [u32(253, fitTime(startMs)), en(0, 0), en(1, 0)], 1);
          pausedMs += startMs - stopMs;
        }
      }
      const fields = [u32(253, fitTime(point.utcMs)), u32(5, Math.round(point.distanceMetres * 100))];
      if (point.latitude !== undefined && point.longitude !== undefined) {
        fields.push(s32(0, Math.round(point.latitude * SEMICIRCLES_PER_DEGREE)), s32(1, Math.round(point.longitude * SEMICIRCLES_PER_DEGREE)));
      }
      if (point.heartRate !== undefined) fields.push(u8(3, point.heartRate));
      if (point.stepsPerMinute !== undefined) {
        const strides = point.stepsPerMinute / 2;
        fields.push(u8(4, Math.floor(strides)), u8(53, Math.round((strides - Math.floor(strides)) * 128)));
      }
      if (point.altitudeMetres !== undefined) fields.push(u16(2, Math.round((point.altitudeMetres + 500) * 5)));
      encoder.writeMessage(20, fields, 2);
    }
    encoder.writeMessage(21, [u32(253, fitTime(end)), en(0, 0), en(1, 4)], 1);
    const distance = session.totalDistanceMetres ?? session.points[session.points.length - 1]?.distanceMetres ?? 0;
    const elapsedMs = session.elapsedSeconds !== undefined ? session.elapsedSeconds * 1000 : end - start;
    const timing = [u32(2, fitTime(start)), u32(7, Math.round(elapsedMs)), u32(8, Math.round(elapsedMs - pausedMs)), u32(9, Math.round(distance * 100))];
    encoder.writeMessage(19, [u32(253, fitTime(end)), ...timing], 3);
    const sessionFields = [u32(253, fitTime(end)), ...timing, en(5, session.sport), en(6, session.subSport ?? 0)];
    if (session.feel !== undefined) sessionFields.push(u8(192, session.feel));
    if (session.rpe !== undefined) sessionFields.push(u8(193, session.rpe * 10));
    encoder.writeMessage(18, sessionFields, 4);
  }
  const last = sessions[sessions.length - 1]?.points.at(-1)?.utcMs ?? first;
  encoder.writeMessage(34, [u32(253, fitTime(last)), u16(1, sessions.length), en(2, 0), en(3, 26), en(4, 1)], 5);
  return encoder.close();
}

/** A plain run along a straight line north from (lat, lon): `seconds` long at `metresPerSecond`, a point a second. */
export function straightRun(options: { startUtcMs: number; seconds: number; metresPerSecond?: number; latitude?: number; longitude?: number; gps?: boolean; heartRate?: number; stepsPerMinute?: number }): FitPoint[] {
  const speed = options.metresPerSecond ?? 3;
  const latitude = options.latitude ?? 51.5;
  const longitude = options.longitude ?? -0.1;
  const points: FitPoint[] = [];
  for (let s = 0; s <= options.seconds; s += 1) {
    const metres = s * speed;
    points.push({
      utcMs: options.startUtcMs + s * 1000,
      distanceMetres: metres,
      ...(options.gps === false ? {} : { latitude: latitude + metres / 111_195, longitude }),
      heartRate: options.heartRate ?? 150,
      stepsPerMinute: options.stepsPerMinute ?? 171,
      altitudeMetres: 20,
    });
  }
  return points;
}
