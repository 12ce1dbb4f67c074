/**
 * The ONE set of rules a record must pass to enter Stance, whatever way it comes in. The
 * window's forms and the IPC contract check a runner's input with the contract's schemas
 * (shared/contract*.ts) and the core's own checks (db/runs.ts checkRunDraft, the "not in the
 * future, not before 1970" date rule of db/strength.ts); a JSON import checks each record of
 * the file with the SAME schemas and checks, by turning the record (database column names,
 * SI units) into the contract's shape. On top of what a form can send, a record carries what
 * only the database holds — ids, instants, the GPS track's blobs and splits — and those are
 * checked here: ids are whole numbers from 1 to MAX_RECORD_ID, instants are ISO 8601 UTC,
 * streams are decoded (with the codec the importer encodes them with) and their point count
 * compared, splits parsed and checked field by field.
 *
 * Extending: a new column is added to its table's rule — to `columns` (tests/db/record-rules
 * fails for a column of the database that no rule names) and to `check`, preferably by passing
 * it through the contract schema that checks the same field in the window.
 */
import { z } from 'zod';
import { gunzipSync } from 'node:zlib';
import { glutePlanSchema, runDraftSchema, settingsPatchSchema, shoeAddSchema } from '../shared/contract';
import { checkinDraftSchema, painSiteSchema } from '../shared/contract-pain';
import { followupDraftSchema, ostrcDraftSchema } from '../shared/contract-clinic';
import { experimentContentsSchema } from '../shared/contract-experiment';
import { canonicalJson } from '../shared/experiment';
import { protocolSha256 } from './experiment';
import {
  exerciseAddSchema,
  exerciseSetSchema,
  recoveryDraftSchema,
  routineFromSessionSchema,
  sessionExerciseSchema,
  strengthSessionDraftSchema,
} from '../shared/contract-strength';
import { painStatuses } from '../shared/domain';
import { StanceError } from '../shared/errors';
import { decodeStreams } from '../track/streams-codec';
import type { StanceDatabase } from './open';
import type { ExportedTable, ExportRow } from './export';
import { checkRunDraft } from './runs';
import { refuseUnlikelyDate } from './strength';
import { utcToLocal } from './local-time';

/**
 * The largest record id Stance accepts from a file: 2^31 − 1. SQLite would take up to 2^63, but
 * ids past 2^53 are not exact in JavaScript (a run could no longer be opened or deleted), and
 * the next id SQLite hands out is the largest plus one.
 */
export const MAX_RECORD_ID = 2 ** 31 - 1;
/** The most points one run's track may hold (a 10-day run at one point a second is 864,000). */
export const MAX_TRACK_POINTS = 5_000_000;
/** The zone whose calendar is furthest ahead (UTC+14): "not in the future" for a date with no zone of its own. */
const FURTHEST_AHEAD_ZONE = 'Pacific/Kiritimati';

export interface RuleContext {
  db: StanceDatabase;
  /** The time of the import: records after it are refused, as the window refuses them. */
  now: Date;
}

export interface RecordRule {
  /** Every column this rule checks: a column of the table that no rule names is a test failure. */
  columns: readonly string[];
  /** Throws a RecordProblem (or a StanceError from a core check) for a record that may not enter. */
  check: (row: ExportRow, context: RuleContext) => void;
}

/** What is wrong with a record, in the words the window would use; the import adds which record. */
export class RecordProblem extends Error {}

const problem = (message: string): never => {
  throw new RecordProblem(message);
};

/** Runs a contract schema on a record turned into the contract's shape; its first message is the problem. */
function passes(schema: z.ZodType, input: unknown): void {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    problem(issue?.message ?? 'it is not valid');
  }
}

const id = (row: ExportRow, column: string, optional = false): void => {
  const value = row[column];
  if (optional && (value === null || value === undefined)) return;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_RECORD_ID) {
    problem(`its ${column} is not a record id (a whole number from 1 to ${MAX_RECORD_ID.toLocaleString('en-GB')})`);
  }
};

const ISO_INSTANT = /^(\d{4})-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
const instant = (row: ExportRow, column: string, context: RuleContext): void => {
  const value = row[column];
  const match = typeof value === 'string' ? ISO_INSTANT.exec(value) : null;
  const time = match ? Date.parse(value as string) : Number.NaN;
  if (!match || Number.isNaN(time)) problem(`its ${column} is not a UTC time (YYYY-MM-DDTHH:MM:SSZ)`);
  if (Number(match![1]) < 1970 || time > context.now.getTime() + 24 * 3600 * 1000) problem(`its ${column} (${String(value)}) is before 1970 or in the future`);
};

/** A 0/1 column. `sinceSchema`: a column added by a later migration, absent from older exports (then its default applies). */
const flag = (row: ExportRow, column: string, sinceSchema?: number): void => {
  if (sinceSchema !== undefined && row[column] === undefined) return;
  if (row[column] !== 0 && row[column] !== 1) problem(`its ${column} is not 0 or 1`);
};

const text = (value: unknown, fallback = ''): unknown => (value === undefined || value === null ? fallback : value);

/** A local date of a record with no zone of its own: from 1970 to tomorrow anywhere on Earth (the window's rule). */
const localDateInRange = (localDate: unknown, what: string, context: RuleContext): void => {
  if (typeof localDate === 'string') refuseUnlikelyDate(localDate, context.now, FURTHEST_AHEAD_ZONE, what);
};

const nonNegativeNumber = (row: ExportRow, column: string, below: number, allowNull = true): void => {
  const value = row[column];
  if (value === null && allowNull) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value >= below) problem(`its ${column} is out of range`);
};

const splitSchema = z.object({
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
const trackExtrasSchema = z.union([
  z.object({
    km: z.array(splitSchema).max(100_000).optional(),
    mi: z.array(splitSchema).max(100_000).optional(),
    warnings: z.array(z.object({ message: z.string().max(2000) })).max(100).optional(),
  }),
  z.array(z.never()).length(0),
]);

const base64Bytes = (row: ExportRow, column: string): Buffer => {
  const value = row[column];
  if (typeof value !== 'string') return problem(`its ${column} is missing`);
  return Buffer.from(value, 'base64');
};

/** The rules, per table. */
export const recordRules: Record<ExportedTable, RecordRule> = {
  settings: {
    columns: ['key', 'value'],
    check: (row) => {
      const key = row.key;
      if (typeof key !== 'string') return problem('it has no key');
      if (key.startsWith('internal.')) return; // the window's position and the like: never imported
      if (!(key in settingsPatchSchema.shape)) problem(`it is a setting Stance does not know ("${key.slice(0, 40)}")`);
      let value: unknown;
      try {
        value = JSON.parse(String(row.value));
      } catch {
        problem(`the value of the setting ${key} is not readable`);
      }
      passes(settingsPatchSchema, { [key]: value });
    },
  },
  shoes: {
    columns: ['id', 'name', 'retired', 'created_at'],
    check: (row, context) => {
      id(row, 'id');
      passes(shoeAddSchema, { name: row.name });
      flag(row, 'retired');
      instant(row, 'created_at', context);
    },
  },
  exercises: {
    columns: ['id', 'name', 'category', 'measure', 'per_side', 'default_sets', 'default_amount', 'cue', 'built_in', 'archived'],
    check: (row) => {
      id(row, 'id');
      flag(row, 'per_side');
      flag(row, 'built_in');
      flag(row, 'archived');
      passes(exerciseAddSchema, {
        name: row.name,
        category: row.category,
        measure: row.measure,
        perSide: row.per_side === 1,
        defaultSets: row.default_sets ?? 1,
        defaultAmount: row.default_amount ?? 1,
        cue: text(row.cue),
      });
    },
  },
  routines: {
    columns: ['id', 'name', 'purpose', 'built_in'],
    check: (row) => {
      id(row, 'id');
      flag(row, 'built_in');
      passes(routineFromSessionSchema, { sessionId: 1, name: row.name, purpose: text(row.purpose) });
    },
  },
  routine_exercises: {
    columns: ['routine_id', 'position', 'exercise_id', 'sets', 'amount', 'band'],
    check: (row) => {
      id(row, 'routine_id');
      id(row, 'exercise_id');
      if (typeof row.position !== 'number' || !Number.isInteger(row.position) || row.position < 0 || row.position > 100) problem('its position is out of range');
      passes(exerciseAddSchema.pick({ defaultSets: true, defaultAmount: true }), { defaultSets: row.sets, defaultAmount: row.amount });
      passes(sessionExerciseSchema.pick({ band: true }), { band: row.band });
    },
  },
  glute_plans: {
    columns: ['id', 'effective_from', 'kind', 'sessions_per_week', 'every_n_days', 'created_at'],
    check: (row, context) => {
      id(row, 'id');
      passes(glutePlanSchema, { effectiveFrom: row.effective_from, kind: row.kind, sessionsPerWeek: row.sessions_per_week, everyNDays: row.every_n_days });
      if (row.kind === 'per_week' && row.every_n_days !== null) problem('a plan of sessions a week has no "every N days"');
      if (row.kind === 'every_n_days' && row.sessions_per_week !== null) problem('a plan of every N days has no "sessions a week"');
      if (typeof row.effective_from === 'string' && (row.effective_from < '1970-01-01' || row.effective_from > '2100-12-31')) problem('its start date is not between 1970 and 2100');
      instant(row, 'created_at', context);
    },
  },
  runs: {
    columns: [
      'id', 'started_at', 'time_zone', 'local_date', 'local_time', 'distance_m', 'duration_s', 'moving_s', 'elevation_gain_m',
      'elevation_loss_m', 'avg_heart_rate', 'effort', 'surface', 'shoe_id', 'notes', 'source', 'pain_status', 'created_at', 'updated_at',
      'cut_short_by_knee', 'pain_not_recorded', 'effort_from_watch',
    ],
    check: (row, context) => {
      id(row, 'id');
      id(row, 'shoe_id', true);
      const draft = {
        localDate: row.local_date,
        localTime: row.local_time,
        timeZone: row.time_zone,
        distanceMetres: row.distance_m,
        durationSeconds: row.duration_s,
        effort: row.effort,
        surface: row.surface,
        shoeId: null, // the reference is checked against the file's shoes
        notes: text(row.notes),
      };
      passes(runDraftSchema, draft);
      checkRunDraft(context.db, runDraftSchema.parse(draft), context.now);
      instant(row, 'started_at', context);
      const local = utcToLocal(new Date(String(row.started_at)), String(row.time_zone));
      if (local.localDate !== row.local_date || local.localTime !== row.local_time) {
        problem(`its start (${String(row.started_at)}) is not ${String(row.local_date)} ${String(row.local_time)} in ${String(row.time_zone)}`);
      }
      if (row.moving_s !== null && (typeof row.moving_s !== 'number' || !(row.moving_s > 0) || row.moving_s > (row.duration_s as number))) problem('its moving time is out of range');
      nonNegativeNumber(row, 'elevation_gain_m', 100_000);
      nonNegativeNumber(row, 'elevation_loss_m', 100_000);
      if (row.avg_heart_rate !== null && (typeof row.avg_heart_rate !== 'number' || !(row.avg_heart_rate > 0) || row.avg_heart_rate >= 300)) problem('its average heart rate is out of range');
      if (row.source !== 'manual' && row.source !== 'gpx') problem('its source is not "manual" or "gpx"');
      if (!(painStatuses as readonly unknown[]).includes(row.pain_status)) problem('its pain status is not one Stance knows');
      flag(row, 'cut_short_by_knee', 2);
      flag(row, 'pain_not_recorded', 3);
      flag(row, 'effort_from_watch', 4);
      if (row.effort_from_watch === 1 && row.effort === null) problem('it says its effort came from the watch, but it has no effort');
      if (row.pain_not_recorded === 1 && row.pain_status !== 'unrecorded') problem('a run marked "not recorded" has a pain note');
      instant(row, 'created_at', context);
      instant(row, 'updated_at', context);
    },
  },
  run_tracks: {
    columns: [
      'run_id', 'file_name', 'track_name', 'file_sha256', 'points_sha256', 'point_count', 'original_gzip', 'streams', 'splits_json', 'imported_at',
      'source_format', 'device_name', 'sport', 'sub_sport', 'archive_entry', 'watch_feel', 'has_route',
    ],
    check: (row, context) => {
      id(row, 'run_id');
      // Migration 004's columns (absent from exports of schemas before 4, and NULL for runs imported before it: all GPX).
      if (row.source_format !== undefined && row.source_format !== null && !['gpx', 'fit', 'tcx'].includes(row.source_format as string)) problem('its file format is not GPX, FIT or TCX');
      for (const [column, longest] of [['device_name', 200], ['sport', 60], ['sub_sport', 60], ['archive_entry', 1000]] as const) {
        const value = row[column];
        if (value !== undefined && value !== null && (typeof value !== 'string' || value.length > longest)) problem(`its ${column.replace('_', ' ')} is not text of at most ${longest} characters`);
      }
      if (row.watch_feel !== undefined && row.watch_feel !== null && !['very weak', 'weak', 'normal', 'strong', 'very strong'].includes(row.watch_feel as string)) problem('its feel from the watch is not one Stance knows');
      if (row.has_route !== undefined && row.has_route !== null) flag(row, 'has_route', 4);
      if (typeof row.file_name !== 'string' || row.file_name.length > 1000) problem('its file name is missing or too long');
      if (row.track_name !== null && (typeof row.track_name !== 'string' || row.track_name.length > 1000)) problem('its track name is too long');
      for (const column of ['file_sha256', 'points_sha256']) {
        if (typeof row[column] !== 'string' || !/^[0-9a-f]{64}$/.test(row[column] as string)) problem(`its ${column} is not a SHA-256 in hex`);
      }
      const count = row.point_count;
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_TRACK_POINTS) problem('its point count is out of range');
      const original = base64Bytes(row, 'original_gzip');
      if (original.length < 18 || original[0] !== 0x1f || original[1] !== 0x8b) problem('its original file (GPX, FIT or TCX) is not gzip');
      try {
        gunzipSync(original, { maxOutputLength: 1024 * 1024 * 1024 });
      } catch {
        problem('its original file (GPX, FIT or TCX) is damaged (it does not unzip)');
      }
      let points: ReturnType<typeof decodeStreams>;
      try {
        points = decodeStreams(base64Bytes(row, 'streams'));
      } catch {
        return problem('its point streams are damaged (they do not decode)');
      }
      if (points.latitude.length !== count) problem(`its point streams hold ${points.latitude.length} points, not the ${String(count)} it says`);
      for (let i = 0; i < points.latitude.length; i++) {
        const latitude = points.latitude[i]!;
        const longitude = points.longitude[i]!;
        if (!(Math.abs(latitude) <= 90) || !(Math.abs(longitude) <= 180)) problem(`point ${i + 1} of its track is not on the Earth`);
      }
      for (const start of points.pieceStarts) if (start > points.latitude.length) problem('its track pieces point past its last point');
      let extras: unknown;
      try {
        extras = JSON.parse(String(row.splits_json));
      } catch {
        problem('its splits are not readable');
      }
      const parsed = trackExtrasSchema.safeParse(extras);
      if (!parsed.success) problem(`its splits are damaged (${parsed.error.issues[0]?.path.join('.') || 'splits'}: ${parsed.error.issues[0]?.message ?? 'not valid'})`);
      instant(row, 'imported_at', context);
    },
  },
  run_pain: {
    columns: ['id', 'run_id', 'onset_m', 'location', 'side', 'worst_score', 'action', 'notes', 'present_at_start'],
    check: (row) => {
      id(row, 'id');
      id(row, 'run_id');
      flag(row, 'present_at_start', 2);
      passes(painSiteSchema, {
        painOnsetMetres: row.onset_m,
        location: row.location,
        side: row.side,
        worstScore: row.worst_score,
        action: row.action,
        notes: text(row.notes),
        presentAtStart: row.present_at_start === 1,
      });
      if (row.present_at_start === 1 && row.onset_m !== 0) problem('pain there at the start is stored at 0 m');
    },
  },
  run_pain_followups: {
    columns: ['run_id', 'after_score', 'next_morning_score', 'updated_at'],
    check: (row, context) => {
      id(row, 'run_id');
      passes(followupDraftSchema, { runId: row.run_id, afterScore: row.after_score, nextMorningScore: row.next_morning_score });
      if (row.after_score === null && row.next_morning_score === null) problem('it holds neither a score after the run nor one the next morning');
      instant(row, 'updated_at', context);
    },
  },
  ostrc_weeks: {
    columns: ['id', 'week_start', 'q1', 'q2', 'q3', 'q4', 'created_at', 'updated_at'],
    check: (row, context) => {
      id(row, 'id');
      passes(ostrcDraftSchema, { weekStart: row.week_start, q1: row.q1, q2: row.q2, q3: row.q3, q4: row.q4 });
      localDateInRange(row.week_start, 'knee questionnaire', context);
      instant(row, 'created_at', context);
      instant(row, 'updated_at', context);
    },
  },
  experiment_protocols: {
    columns: ['id', 'contents', 'content_sha256', 'fixed_at', 'stopped_at', 'stop_reason'],
    check: (row, context) => {
      id(row, 'id');
      if (typeof row.contents !== 'string' || row.contents.length > 20_000) problem('its contents are not a protocol');
      let contents: unknown;
      try {
        contents = JSON.parse(row.contents as string);
      } catch {
        problem('its contents are not readable');
      }
      passes(experimentContentsSchema, contents);
      if (canonicalJson(contents) !== row.contents) problem('its contents are not in the one form Stance stores (canonical JSON)');
      if (row.content_sha256 !== protocolSha256(row.contents as string)) problem('its contents do not match their fingerprint (SHA-256): the protocol was altered after it was fixed');
      instant(row, 'fixed_at', context);
      if ((row.stopped_at === null) !== (row.stop_reason === null)) problem('it has a stop without a reason, or a reason without a stop');
      if (row.stopped_at !== null) {
        instant(row, 'stopped_at', context);
        if (typeof row.stop_reason !== 'string' || row.stop_reason.trim().length === 0 || row.stop_reason.length > 2000) problem('its reason for stopping is not 1 to 2,000 characters');
      }
    },
  },
  experiment_assignments: {
    columns: ['id', 'protocol_id', 'unit_index', 'arm', 'drawn_at', 'local_date'],
    check: (row, context) => {
      id(row, 'id');
      id(row, 'protocol_id');
      if (typeof row.unit_index !== 'number' || !Number.isInteger(row.unit_index) || row.unit_index < 0 || row.unit_index > 100_000) problem('its unit is not a whole number from 0');
      if (row.arm !== 'activation' && row.arm !== 'none') problem('its arm is not "activation" or "none"');
      instant(row, 'drawn_at', context);
      if (row.local_date !== null) {
        if (typeof row.local_date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(row.local_date)) problem('its day is not a date (YYYY-MM-DD)');
        localDateInRange(row.local_date, 'assignment', context);
      }
    },
  },
  experiment_runs: {
    columns: ['run_id', 'assignment_id', 'activation_done', 'answered_at'],
    check: (row, context) => {
      id(row, 'run_id');
      id(row, 'assignment_id');
      if (row.activation_done !== null && !['done', 'not_done', 'partly'].includes(row.activation_done as string)) problem('its answer is not done, not_done or partly');
      if ((row.activation_done === null) !== (row.answered_at === null)) problem('it has an answer without a time, or a time without an answer');
      if (row.answered_at !== null) instant(row, 'answered_at', context);
    },
  },
  pain_checkins: {
    columns: ['id', 'local_date', 'context', 'left_score', 'right_score', 'notes', 'created_at'],
    check: (row, context) => {
      id(row, 'id');
      passes(checkinDraftSchema, { localDate: row.local_date, context: row.context, leftScore: row.left_score, rightScore: row.right_score, notes: text(row.notes) });
      localDateInRange(row.local_date, 'check-in', context);
      instant(row, 'created_at', context);
    },
  },
  strength_sessions: {
    columns: ['id', 'local_date', 'duration_s', 'rpe', 'notes', 'created_at', 'updated_at', 'same_day_run'],
    check: (row, context) => {
      id(row, 'id');
      passes(strengthSessionDraftSchema.pick({ localDate: true, durationSeconds: true, rpe: true, notes: true, sameDayRun: true }), {
        localDate: row.local_date,
        durationSeconds: row.duration_s,
        rpe: row.rpe,
        notes: text(row.notes),
        sameDayRun: row.same_day_run ?? undefined, // absent from exports before schema 2
      });
      localDateInRange(row.local_date, 'session', context);
      instant(row, 'created_at', context);
      instant(row, 'updated_at', context);
    },
  },
  session_exercises: {
    columns: ['id', 'session_id', 'exercise_id', 'position', 'band', 'effort', 'notes'],
    check: (row) => {
      id(row, 'id');
      id(row, 'session_id');
      id(row, 'exercise_id');
      if (typeof row.position !== 'number' || !Number.isInteger(row.position) || row.position < 0 || row.position > 100) problem('its position is out of range');
      passes(sessionExerciseSchema.pick({ band: true, effort: true, notes: true }), { band: row.band, effort: row.effort, notes: text(row.notes) });
    },
  },
  exercise_sets: {
    columns: ['id', 'session_exercise_id', 'set_number', 'side', 'reps', 'seconds', 'load_kg'],
    check: (row) => {
      id(row, 'id');
      id(row, 'session_exercise_id');
      if (row.reps === null && row.seconds === null) problem('it has neither reps nor seconds');
      passes(exerciseSetSchema, { setNumber: row.set_number, side: row.side, amount: row.reps ?? row.seconds, loadKg: row.load_kg });
      if (row.reps !== null && row.seconds !== null) passes(exerciseSetSchema.pick({ amount: true }), { amount: row.seconds });
    },
  },
  recovery_entries: {
    columns: ['id', 'local_date', 'kind', 'duration_s', 'notes', 'created_at'],
    check: (row, context) => {
      id(row, 'id');
      passes(recoveryDraftSchema, { localDate: row.local_date, kind: row.kind, durationSeconds: row.duration_s, notes: text(row.notes) });
      localDateInRange(row.local_date, 'recovery', context);
      instant(row, 'created_at', context);
    },
  },
};

/**
 * Checks one record of a file against its table's rule.
 *
 * @throws StanceError ('invalid') naming the record (`Record N of TABLE in the file`) and what is
 *   wrong with it, in the window's words.
 */
export function checkRecord(table: ExportedTable, row: ExportRow, index: number, context: RuleContext, refuse: (message: string) => StanceError): void {
  try {
    recordRules[table].check(row, context);
  } catch (error) {
    if (!(error instanceof RecordProblem) && !(error instanceof StanceError)) throw error;
    throw refuse(`Record ${index + 1} of ${table} in the file was refused: ${error.message.replace(/\.$/, '')}.`);
  }
}
