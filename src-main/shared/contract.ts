/**
 * The IPC contract: for every channel, the schema its input must pass and the type of its
 * result. Pure TypeScript (and zod); the renderer imports it for types, main for validation.
 *
 * Messages in the schemas are shown to the runner as they are, so they say what is wrong and
 * what to do, in plain words.
 */
import { z } from 'zod';
import type { ChannelName } from './channels';
import { distanceUnits, surfaces, weekStartDays } from './domain';
import type { AppInfo, Run, Settings } from './domain';
import { isCalendarDate, isClockTime, isTimeZone } from './validation';

import { channel, type ChannelSpec } from './channel-spec';
import { painChannels } from './contract-pain';
import { strengthChannels } from './contract-strength';

const nothing = z.undefined().or(z.null()).or(z.strictObject({}));

export const localDateSchema = z
  .string({ error: 'Give the date as YYYY-MM-DD.' })
  .refine(isCalendarDate, { error: 'That is not a date on the calendar. Give it as YYYY-MM-DD.' });

export const timeZoneSchema = z
  .string({ error: 'Give the time zone the run was in, e.g. Europe/London.' })
  .refine(isTimeZone, { error: 'That time zone is not known. Pick one from the list, e.g. America/New_York.' });

/** The longest run Stance accepts: 1,000 km (a multi-day ultra), in metres. */
export const MAX_RUN_METRES = 1_000_000;
/** The longest run Stance accepts: 10 days, in seconds. */
export const MAX_RUN_SECONDS = 10 * 24 * 3600;

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
});
export type SettingsPatch = z.input<typeof settingsPatchSchema>;

export const contract = {
  'app:info': channel<AppInfo>()(nothing),
  'settings:get': channel<Settings>()(nothing),
  'settings:update': channel<Settings>()(settingsPatchSchema),
  'runs:list': channel<Run[]>()(runListQuerySchema),
  'runs:add': channel<Run>()(runDraftSchema),
  ...painChannels,
  ...strengthChannels,
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
export type ChannelResult<C extends ChannelName> = NonNullable<Contract[C]['result']>;
