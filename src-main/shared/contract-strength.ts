/**
 * The strength and recovery channels of the IPC contract (spread into contract.ts). Each is
 * declared with read<Result>(areas…)(inputSchema) or write<Result>(areas…)(inputSchema); its name is also listed in channels.ts.
 *
 * The schemas check shape and range; the core (db/strength.ts, db/recovery.ts) checks what
 * needs the database or the clock: that an exercise exists, that a one-legged exercise's sets
 * say which side, that a date is not in the future.
 */
import { z } from 'zod';
import { read, write } from './channel-spec';
import {
  exerciseCategories,
  exerciseMeasures,
  recoveryKinds,
  sameDayRunOrders,
  setSides,
  type Exercise,
  type RecoveryEntry,
  type Routine,
  type StrengthSession,
} from './strength';
import { isCalendarDate } from './validation';
import { saveAnywaySchema } from './contract-common';

const nothing = z.undefined().or(z.null()).or(z.strictObject({}));

const localDate = z
  .string({ error: 'Give the date as YYYY-MM-DD.' })
  .refine(isCalendarDate, { error: 'That is not a date on the calendar. Give it as YYYY-MM-DD.' });

const recordId = (what: string) =>
  z.number({ error: `Say which ${what}.` }).int({ error: `Say which ${what}.` }).positive({ error: `Say which ${what}.` });

const oneToTen = (what: string) =>
  z
    .number({ error: `${what} is a whole number from 1 to 10.` })
    .int({ error: `${what} is a whole number from 1 to 10.` })
    .min(1, { error: `${what} is a whole number from 1 to 10.` })
    .max(10, { error: `${what} is a whole number from 1 to 10.` })
    .nullable()
    .default(null);

/** A session or recovery entry of up to a day, in seconds. */
const optionalDurationSeconds = z
  .number({ error: 'Give the duration in minutes.' })
  .gt(0, { error: 'The duration must be more than zero minutes (or leave it empty).' })
  .max(24 * 3600, { error: 'That is more than a day. Give the duration in minutes.' })
  .nullable()
  .default(null);

/** Free text such as "light", "medium", "green"; empty means no band. */
const band = z
  .string({ error: 'Name the band in words, e.g. "light" or "green".' })
  .trim()
  .max(50, { error: 'Keep the band’s name under 50 characters.' })
  .nullable()
  .default(null)
  .transform((text) => (text ? text : null));

export const MAX_REPS = 1000;
export const MAX_SECONDS_PER_SET = 3600;

export const exerciseSetSchema = z.strictObject({
  setNumber: z
    .number({ error: 'Say which set this is.' })
    .int({ error: 'Say which set this is.' })
    .min(1, { error: 'Say which set this is.' })
    .max(50, { error: 'A session can hold at most 50 sets of one exercise.' }),
  side: z.enum(setSides, { error: 'Say which side: left, right, or both.' }).default('both'),
  amount: z
    .number({ error: 'Give the reps (or seconds) as a whole number.' })
    .int({ error: 'Give the reps (or seconds) as a whole number.' })
    .min(1, { error: 'A set needs at least 1 rep (or 1 second). Fix the number or remove the set.' })
    .max(MAX_SECONDS_PER_SET, { error: 'That is more than 3,600 in one set. Check the number.' }),
  loadKg: z
    .number({ error: 'Give the load in kilograms, e.g. 8 or 12.5.' })
    .min(0, { error: 'The load cannot be negative.' })
    .max(500, { error: 'That load is over 500 kg. Check the number.' })
    .nullable()
    .default(null),
});

export const sessionExerciseSchema = z.strictObject({
  exerciseId: recordId('exercise'),
  band,
  effort: oneToTen('Effort'),
  notes: z.string().max(1000, { error: 'Notes on one exercise can be at most 1,000 characters.' }).default(''),
  sets: z
    .array(exerciseSetSchema, { error: 'Give the sets you did.' })
    .min(1, { error: 'Each exercise needs at least one set. Add a set or remove the exercise.' })
    .max(100, { error: 'That is more sets than one exercise can hold.' }),
});

export const strengthSessionDraftSchema = z.strictObject({
  localDate,
  durationSeconds: optionalDurationSeconds,
  rpe: oneToTen('Session effort (RPE)'),
  notes: z.string().max(5000, { error: 'Notes can be at most 5,000 characters.' }).default(''),
  /** On the day of a run: done before it or after it. Absent: 'after' (it then does not count for that run). */
  sameDayRun: z.enum(sameDayRunOrders, { error: 'Say whether the session was before or after that day’s run.' }).optional(),
  exercises: z
    .array(sessionExerciseSchema, { error: 'Give the exercises you did.' })
    .min(1, { error: 'Add at least one exercise to the session.' })
    .max(50, { error: 'A session can hold at most 50 exercises.' }),
});
export type StrengthSessionDraft = z.input<typeof strengthSessionDraftSchema>;
export type ValidStrengthSessionDraft = z.output<typeof strengthSessionDraftSchema>;

export const strengthSessionUpdateSchema = strengthSessionDraftSchema.extend({ id: recordId('session') });
export type ValidStrengthSessionUpdate = z.output<typeof strengthSessionUpdateSchema>;

const dateRangeSchema = z
  .strictObject({
    fromDate: localDate.optional(),
    toDate: localDate.optional(),
  })
  .default({});
export type DateRange = z.output<typeof dateRangeSchema>;

export const exerciseAddSchema = z.strictObject({
  name: z
    .string({ error: 'Give the exercise a name.' })
    .trim()
    .min(1, { error: 'Give the exercise a name, e.g. "Monster walk".' })
    .max(100, { error: 'Keep the name under 100 characters.' }),
  category: z.enum(exerciseCategories, { error: 'Pick glute and hip, foot, core or other.' }),
  measure: z.enum(exerciseMeasures, { error: 'Say whether a set counts reps or seconds.' }),
  perSide: z.boolean({ error: 'Say whether it is done one leg at a time.' }),
  defaultSets: z
    .number({ error: 'Give the usual number of sets, from 1 to 20.' })
    .int({ error: 'Give the usual number of sets, from 1 to 20.' })
    .min(1, { error: 'Give the usual number of sets, from 1 to 20.' })
    .max(20, { error: 'Give the usual number of sets, from 1 to 20.' }),
  defaultAmount: z
    .number({ error: 'Give the usual reps (or seconds) per set.' })
    .int({ error: 'Give the usual reps (or seconds) per set as a whole number.' })
    .min(1, { error: 'The usual reps (or seconds) per set must be at least 1.' })
    .max(MAX_SECONDS_PER_SET, { error: 'That is more than 3,600 per set. Check the number.' }),
  cue: z.string().trim().max(1000, { error: 'Keep the cue under 1,000 characters.' }).default(''),
});
export type ExerciseDraft = z.input<typeof exerciseAddSchema>;
export type ValidExerciseDraft = z.output<typeof exerciseAddSchema>;

export const routineFromSessionSchema = z.strictObject({
  sessionId: recordId('session'),
  name: z
    .string({ error: 'Give the routine a name.' })
    .trim()
    .min(1, { error: 'Give the routine a name, e.g. "Tuesday hips".' })
    .max(100, { error: 'Keep the name under 100 characters.' }),
  purpose: z.string().trim().max(500, { error: 'Keep the description under 500 characters.' }).default(''),
});
export type ValidRoutineFromSession = z.output<typeof routineFromSessionSchema>;

export const recoveryDraftSchema = z.strictObject({
  localDate,
  kind: z.enum(recoveryKinds, { error: 'Pick foam rolling, stretching, massage, ice bath or other.' }),
  durationSeconds: optionalDurationSeconds,
  notes: z.string().max(2000, { error: 'Notes can be at most 2,000 characters.' }).default(''),
});
export type RecoveryDraft = z.input<typeof recoveryDraftSchema>;
export type ValidRecoveryDraft = z.output<typeof recoveryDraftSchema>;

export const strengthChannels = {
  'exercises:list': read<Exercise[]>('exercises')(nothing),
  'exercises:add': write<Exercise>('exercises')(exerciseAddSchema),
  'strength:list': read<StrengthSession[]>('strength', 'exercises')(dateRangeSchema),
  'strength:get': read<StrengthSession>('strength', 'exercises')(z.strictObject({ id: recordId('session') })),
  'strength:add': write<StrengthSession>('strength')(strengthSessionDraftSchema.extend({ saveAnyway: saveAnywaySchema })),
  'strength:update': write<StrengthSession>('strength')(strengthSessionUpdateSchema),
  'strength:delete': write<{ deleted: number }>('strength')(z.strictObject({ id: recordId('session') })),
  /** The most recent session (by date), to repeat it; null before the first. */
  'strength:last': read<{ session: StrengthSession | null }>('strength', 'exercises')(nothing),
  'routines:list': read<Routine[]>('routines', 'exercises')(nothing),
  'routines:saveFromSession': write<Routine>('routines')(routineFromSessionSchema),
  'recovery:list': read<RecoveryEntry[]>('recovery')(dateRangeSchema),
  'recovery:add': write<RecoveryEntry>('recovery')(recoveryDraftSchema),
  'recovery:delete': write<{ deleted: number }>('recovery')(z.strictObject({ id: recordId('recovery entry') })),
};

export type StrengthChannelName = keyof typeof strengthChannels;
