/**
 * The runs channels of the IPC contract (spread into contract.ts; names in channels.ts): list,
 * read, add, change and delete runs, read a run's track. (Files are imported through the import
 * channels, contract-import.ts.)
 *
 * (contract.ts imports this file, so nothing here may import contract.ts.)
 */
import { z } from 'zod';
import { read, write } from './channel-spec';
import { localDateSchema, nothing, recordId, saveAnywaySchema, timeZoneSchema } from './contract-common';
import { surfaces, type Run } from './domain';
import type { BeforePain, BeforePainRun } from './before-pain';
import type { RunSpikeCheck } from './next-run';
import type { RunTrackView } from './track';
import { isClockTime } from './validation';

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

export const runIdSchema = z.strictObject({ id: recordId('run') });
export const runUpdateSchema = runDraftSchema.extend({ id: recordId('run') });
export type RunUpdate = z.input<typeof runUpdateSchema>;

export const runListQuerySchema = z
  .strictObject({
    fromDate: localDateSchema.optional(),
    toDate: localDateSchema.optional(),
  })
  .default({});
export type RunListQuery = z.input<typeof runListQuerySchema>;

/** A run as listed carries its shoes' name and its pain status, so it reads those areas too. */
const runAreas = ['runs', 'shoes', 'pain'] as const;

export const runsChannels = {
  'runs:list': read<Run[]>(...runAreas)(runListQuerySchema),
  'runs:get': read<Run>(...runAreas)(runIdSchema),
  'runs:add': write<Run>('runs')(runDraftSchema.extend({ saveAnyway: saveAnywaySchema })),
  'runs:update': write<Run>('runs')(runUpdateSchema),
  /** A run's pain record and follow-up scores go with it. */
  'runs:delete': write<{ deleted: number }>('runs', 'pain', 'followups')(runIdSchema),
  'runs:track': read<RunTrackView | null>('runs')(runIdSchema),
  /** Whether the run was longer than 110% of the longest of the 30 days before it. */
  'runs:spike': read<RunSpikeCheck>('runs')(runIdSchema),
  /** The last km (or 5 minutes) before the knee pain began, against the rest of the run; null without a track or onset. */
  'runs:beforePain': read<BeforePain | null>('runs', 'pain')(runIdSchema),
  /** The same, for every run with a track and a pain onset (the Insights' description across runs). */
  'runs:beforePainAcross': read<BeforePainRun[]>('runs', 'pain')(nothing),
};
export type RunsChannelName = keyof typeof runsChannels;
