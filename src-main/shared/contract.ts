/**
 * The IPC contract: for every channel, the schema its input must pass and the type of its
 * result. Pure TypeScript (and zod); the renderer imports it for types, main for validation.
 *
 * Messages in the schemas are shown to the runner as they are, so they say what is wrong and
 * what to do, in plain words.
 */
import { z } from 'zod';
import type { ChannelName } from './channels';
import { distanceUnits, glutePlanKinds, loadUnits, surfaces, themeChoices, weekStartDays } from './domain';
import type { AppInfo, GlutePlan, Run, Settings, Shoe, TodaySummary } from './domain';
import { MAX_GPX_BYTES, type GpxImportResult, type RunTrackView } from './track';
import { isCalendarDate, isClockTime, isTimeZone } from './validation';

import { channel, type ChannelSpec } from './channel-spec';
import { painChannels } from './contract-pain';
import { importChannels } from './contract-import';
import { strengthChannels } from './contract-strength';
import { insightsChannels } from './contract-insights';
import { dataChannels } from './contract-data';
import { clinicChannels } from './contract-clinic';

const nothing = z.undefined().or(z.null()).or(z.strictObject({}));

export const localDateSchema = z
  .string({ error: 'Give the date as YYYY-MM-DD.' })
  .refine(isCalendarDate, { error: 'That is not a date on the calendar. Give it as YYYY-MM-DD.' });

export const timeZoneSchema = z
  .string({ error: 'Give the time zone the run was in, e.g. Europe/London.' })
  .refine(isTimeZone, { error: 'That time zone is not known. Pick one from the list, e.g. America/New_York.' });

// The longest run Stance accepts (1,000 km, 10 days): in run-limits.ts, which loads no zod.
import { MAX_RUN_METRES, MAX_RUN_SECONDS } from './run-limits';
export { MAX_RUN_METRES, MAX_RUN_SECONDS };

export const runDraftSchema = z.strictObject({
  localDate: localDateSchema,
  localTime: z
    .string({ error: 'Give the start time as HH:MM.' })
    .refine(isClockTime, { error: 'Give the start time as HH:MM on a 24-hour clock, e.g. 07:30.' }),
  timeZone: timeZoneSchema,
  distanceMetres: z
    .number({ error: 'Give the distance as a number.' })
    .gt(0, { error: 'The distance must be more than zero.' })
    .max(MAX_RUN_METRES, { error: 'That distance is over 1,000 km. Check the number and the units.' }),
  durationSeconds: z
    .number({ error: 'Give the duration as h:mm:ss.' })
    .gt(0, { error: 'The duration must be more than zero.' })
    .max(MAX_RUN_SECONDS, { error: 'That duration is over ten days. Give it as h:mm:ss.' }),
  effort: z
    .number()
    .int({ error: 'Effort is a whole number from 1 to 10.' })
    .min(1, { error: 'Effort is a whole number from 1 to 10.' })
    .max(10, { error: 'Effort is a whole number from 1 to 10.' })
    .nullable()
    .default(null),
  surface: z.enum(surfaces, { error: 'Pick road, trail, track or treadmill.' }).nullable().default(null),
  shoeId: z.number().int().positive().nullable().default(null),
  notes: z.string().max(5000, { error: 'Notes can be at most 5,000 characters.' }).default(''),
});
export type RunDraft = z.input<typeof runDraftSchema>;

const recordId = (what: string) =>
  z.number({ error: `Say which ${what}.` }).int({ error: `Say which ${what}.` }).positive({ error: `Say which ${what}.` });

export const runIdSchema = z.strictObject({ id: recordId('run') });
export const runUpdateSchema = runDraftSchema.extend({ id: recordId('run') });
export type RunUpdate = z.input<typeof runUpdateSchema>;

const shoeName = z
  .string({ error: 'Give the shoes a name.' })
  .trim()
  .min(1, { error: 'Give the shoes a name, e.g. "Ghost 16 (blue)".' })
  .max(100, { error: 'Keep the name under 100 characters.' });
export const shoeAddSchema = z.strictObject({ name: shoeName });
export const shoeUpdateSchema = z.strictObject({ id: recordId('pair of shoes'), name: shoeName.optional(), retired: z.boolean().optional() });

export const glutePlanSchema = z
  .strictObject({
    effectiveFrom: localDateSchema,
    kind: z.enum(glutePlanKinds, { error: 'Choose "times a week" or "every N days".' }),
    sessionsPerWeek: z
      .number()
      .int({ error: 'Sessions a week is a whole number from 1 to 14.' })
      .min(1, { error: 'Sessions a week is a whole number from 1 to 14.' })
      .max(14, { error: 'Sessions a week is a whole number from 1 to 14.' })
      .nullable()
      .default(null),
    everyNDays: z
      .number()
      .int({ error: 'Every N days is a whole number from 1 to 30.' })
      .min(1, { error: 'Every N days is a whole number from 1 to 30.' })
      .max(30, { error: 'Every N days is a whole number from 1 to 30.' })
      .nullable()
      .default(null),
  })
  .superRefine((plan, context) => {
    if (plan.kind === 'per_week' && plan.sessionsPerWeek === null) {
      context.addIssue({ code: 'custom', path: ['sessionsPerWeek'], message: 'Say how many sessions a week.' });
    }
    if (plan.kind === 'every_n_days' && plan.everyNDays === null) {
      context.addIssue({ code: 'custom', path: ['everyNDays'], message: 'Say every how many days.' });
    }
  })
  .transform((plan) => ({
    ...plan,
    sessionsPerWeek: plan.kind === 'per_week' ? plan.sessionsPerWeek : null,
    everyNDays: plan.kind === 'every_n_days' ? plan.everyNDays : null,
  }));
export type GlutePlanDraft = z.input<typeof glutePlanSchema>;


export const gpxImportSchema = z
  .strictObject({
    fileName: z.string().min(1).max(1000),
    bytes: z
      .instanceof(Uint8Array, { error: 'The file could not be read. Try choosing it again.' })
      .refine((bytes) => bytes.byteLength <= MAX_GPX_BYTES, { error: 'That file is over 300 MB, too large to be one run.' }),
    timeZone: timeZoneSchema,
    /** For a file without times: the runner gives when it started and how long it took. */
    startLocalDate: localDateSchema.optional(),
    startLocalTime: z.string().refine(isClockTime, { error: 'Give the start time as HH:MM, e.g. 07:30.' }).optional(),
    durationSeconds: z
      .number()
      .gt(0, { error: 'The duration must be more than zero.' })
      .max(MAX_RUN_SECONDS, { error: 'That duration is over ten days. Give it as h:mm:ss.' })
      .optional(),
    trackNumber: z.number().int().min(1).max(10_000).optional(),
    /** Import even a run that looks like one already in Stance (start within 2 minutes, distance within 3 %). */
    allowNearDuplicates: z.boolean().optional(),
  })
  .refine((input) => (input.startLocalDate === undefined) === (input.startLocalTime === undefined), {
    error: 'Give both the date and the start time.',
    path: ['startLocalTime'],
  });

export const runListQuerySchema = z
  .strictObject({
    fromDate: localDateSchema.optional(),
    toDate: localDateSchema.optional(),
  })
  .default({});
export type RunListQuery = z.input<typeof runListQuerySchema>;

export const settingsPatchSchema = z.strictObject({
  units: z.enum(distanceUnits, { error: 'Units are miles (mi) or kilometres (km).' }).optional(),
  weekStartsOn: z
    .union(weekStartDays.map((day) => z.literal(day)) as unknown as [z.ZodLiteral<0>, z.ZodLiteral<1>, z.ZodLiteral<6>], {
      error: 'The week starts on Sunday, Monday or Saturday.',
    })
    .optional(),
  theme: z.enum(themeChoices, { error: 'The look is "system", "light" or "dark".' }).optional(),
  loadUnit: z.enum(loadUnits, { error: 'Loads are shown in kilograms (kg) or pounds (lb).' }).optional(),
});
export type SettingsPatch = z.input<typeof settingsPatchSchema>;

export const contract = {
  'app:info': channel<AppInfo>()(nothing),
  'settings:get': channel<Settings>()(nothing),
  'settings:update': channel<Settings>()(settingsPatchSchema),
  'runs:list': channel<Run[]>()(runListQuerySchema),
  'runs:get': channel<Run>()(runIdSchema),
  'runs:add': channel<Run>()(runDraftSchema),
  'runs:update': channel<Run>()(runUpdateSchema),
  'runs:delete': channel<{ deleted: number }>()(runIdSchema),
  'runs:importGpx': channel<GpxImportResult>()(gpxImportSchema),
  'runs:track': channel<RunTrackView | null>()(runIdSchema),
  'shoes:list': channel<Shoe[]>()(nothing),
  'shoes:add': channel<Shoe>()(shoeAddSchema),
  'shoes:update': channel<Shoe>()(shoeUpdateSchema),
  'plan:history': channel<GlutePlan[]>()(nothing),
  'plan:set': channel<GlutePlan[]>()(glutePlanSchema),
  'plan:delete': channel<GlutePlan[]>()(z.strictObject({ id: recordId('plan') })),
  'today:summary': channel<TodaySummary>()(nothing),
  ...importChannels,
  ...painChannels,
  ...strengthChannels,
  ...insightsChannels,
  ...dataChannels,
  ...clinicChannels,
} satisfies { [C in ChannelName]: ChannelSpec<z.ZodType, unknown> };

// Compile-time proof that contract.ts and channels.ts name the same channels.
type MissingFromContract = Exclude<ChannelName, keyof typeof contract>;
type UnknownToChannels = Exclude<keyof typeof contract, ChannelName>;
const sameChannels: [MissingFromContract, UnknownToChannels] extends [never, never] ? true : never = true;
void sameChannels;

export type Contract = typeof contract;
/** What the caller passes (defaults not yet applied). */
export type ChannelInput<C extends ChannelName> = z.input<Contract[C]['input']>;
/** What the handler receives after validation (defaults applied). */
export type ValidInput<C extends ChannelName> = z.output<Contract[C]['input']>;
export type ChannelResult<C extends ChannelName> = Exclude<Contract[C]['result'], undefined>;
