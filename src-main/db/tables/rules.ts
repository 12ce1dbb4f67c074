/**
 * The pieces the tables' record rules are made of (tables/*.ts): each rule checks a record
 * with the contract's schemas (shared/contract*.ts, what the window's forms send) by turning the
 * record (database column names, SI units) into the contract's shape, plus what only the
 * database holds — ids, instants, the GPS track's blobs and splits: ids are whole numbers from
 * 1 to MAX_RECORD_ID, instants are ISO 8601 UTC.
 */
import { z } from 'zod';
import { addDays } from '../../shared/calendar';
import { StanceError } from '../../shared/errors';
import { utcToLocal } from '../local-time';
import { RecordProblem, type ExportRow, type RuleContext } from './table';

/**
 * The largest record id Stance accepts from a file: 2^31 − 1. SQLite would take up to 2^63, but
 * ids past 2^53 are not exact in JavaScript (a run could no longer be opened or deleted), and
 * the next id SQLite hands out is the largest plus one.
 */
export const MAX_RECORD_ID = 2 ** 31 - 1;
/** The most points one run's track may hold (a 10-day run at one point a second is 864,000). */
export const MAX_TRACK_POINTS = 5_000_000;
/** The zone whose calendar is furthest ahead (UTC+14): "not in the future" for a date with no zone of its own. */
export const FURTHEST_AHEAD_ZONE = 'Pacific/Kiritimati';

/** Refuses the record being checked: `message` says what is wrong, in the window's words. */
export const problem = (message: string): never => {
  throw new RecordProblem(message);
};

/** Runs a contract schema on a record turned into the contract's shape; its first message is the problem. */
export function passes(schema: z.ZodType, input: unknown): void {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    problem(issue?.message ?? 'it is not valid');
  }
}

/** A reference or id column: a whole number from 1 to MAX_RECORD_ID (null allowed when `optional`). */
export const id = (row: ExportRow, column: string, optional = false): void => {
  const value = row[column];
  if (optional && (value === null || value === undefined)) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_RECORD_ID) {
    problem(`its ${column} is not a record id (a whole number from 1 to ${MAX_RECORD_ID.toLocaleString('en-GB')})`);
  }
};

export const ISO_INSTANT = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
/** A UTC instant (ISO 8601, Z) from 1970 to a day after `context.now`. */
export const instant = (row: ExportRow, column: string, context: RuleContext): void => {
  const value = row[column];
  const match = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  const time = match ? Date.parse(value as string) : Number.NaN;
  if (!match || Number.isNaN(time)) problem(`its ${column} is not a UTC time (YYYY-MM-DDTHH:MM:SSZ)`);
  if (Number(match![1]) < 1970 || time > context.now.getTime() + 24 * 3600 * 1000) problem(`its ${column} (${String(value)}) is before 1970 or in the future`);
};

/** A 0/1 column. `sinceSchema`: a column added by a later migration, absent from older exports (then its default applies). */
export const flag = (row: ExportRow, column: string, sinceSchema?: number): void => {
  if (sinceSchema !== undefined && row[column] === undefined) return;
  if (row[column] !== 0 && row[column] !== 1) problem(`its ${column} is not 0 or 1`);
};

/** A text column as the contract sees it: null or absent reads as `fallback`. */
export const text = (value: unknown, fallback = ''): unknown => (value === undefined || value === null ? fallback : value);

/** A local date of a record with no zone of its own: from 1970 to tomorrow anywhere on Earth (the window's rule). */
export const localDateInRange = (localDate: unknown, what: string, context: RuleContext): void => {
  if (typeof localDate === 'string') refuseUnlikelyDate(localDate, context.now, FURTHEST_AHEAD_ZONE, what);
};

/** A number from 0 up to (not including) `below`; null allowed unless `allowNull` is false. */
export const nonNegativeNumber = (row: ExportRow, column: string, below: number, allowNull = true): void => {
  const value = row[column];
  if (value === null && allowNull) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= below) problem(`its ${column} is out of range`);
};

/** One per-mile or per-km split as run_tracks.splits_json holds it. */
export const splitSchema = z.object({
  number: z.number().int().min(1).max(100_000),
  startMetres: z.number().min(0).max(2_000_000),
  distanceMetres: z.number().min(0).max(2_000_000),
  isPartial: z.boolean(),
  elapsedSeconds: z.number().min(0).max(10 * 864_000).nullable(),
  movingSeconds: z.number().min(0).max(10 * 864_000).nullable(),
  paceSecondsPerUnit: z.number().min(0).nullable(),
  elevationGainMetres: z.number().min(0).max(100_000).nullable(),
  elevationLossMetres: z.number().min(0).max(100_000).nullable(),
  averageHeartRate: z.number().min(0).max(300).nullable(),
});
/**
 * What run_tracks.splits_json holds: import/activities.ts writes { km, mi, warnings }; the column's
 * default, an empty list, means none (track/track-view.ts reads both).
 */
export const trackExtrasSchema = z.union([
  z.object({
    km: z.array(splitSchema).max(100_000).optional(),
    mi: z.array(splitSchema).max(100_000).optional(),
    warnings: z.array(z.object({ message: z.string().max(2000) })).max(100).optional(),
  }),
  z.array(z.never()).length(0),
]);

/** A BLOB column as exported (base64 text), decoded; refuses a missing one. */
export const base64Bytes = (row: ExportRow, column: string): Buffer => {
  const value = row[column];
  if (typeof value !== 'string') return problem(`its ${column} is missing`);
  return Buffer.from(value, 'base64');
};

/**
 * Refuses a date after tomorrow on the runner's calendar (tomorrow is allowed: a session
 * logged just after midnight somewhere else, or a clock a little off), and one before 1970.
 * The window's rule for records dated by a local day (sessions, recovery, check-ins).
 *
 * @throws StanceError ('invalid', field localDate) naming `what` ("session").
 */
export function refuseUnlikelyDate(localDate: string, now: Date, timeZone: string, what: string): void {
  const tomorrow = addDays(utcToLocal(now, timeZone).localDate, 1);
  if (localDate > tomorrow) {
    throw new StanceError('invalid', `That date is in the future. Give the day you did the ${what}.`, 'localDate');
  }
  if (localDate < '1970-01-01') {
    throw new StanceError('invalid', 'That date is before 1970. Check the year.', 'localDate');
  }
}

/** A position in a list (a routine's or a session's exercises): a whole number from 0 to 100. */
export const position = (row: ExportRow): void => {
  if (typeof row.position !== 'number' || !Number.isInteger(row.position) || row.position < 0 || row.position > 100) problem('its position is out of range');
};
