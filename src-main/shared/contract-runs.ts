/**
 * The runs channels of the IPC contract (spread into contract.ts; names in channels.ts): list,
 * read, add, change and delete runs, import one GPX file from the window, read a run's track.
 *
 * (contract.ts imports this file, so nothing here may import contract.ts.)
 */
import { z } from 'zod';
import { read, write } from './channel-spec';
import { localDateSchema, recordId, saveAnywaySchema, timeZoneSchema } from './contract-common';
import { surfaces, type Run } from './domain';
import type { RunSpikeCheck } from './next-run';
import { MAX_GPX_BYTES, type GpxImportResult, type RunTrackView } from './track';
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

/** A run as listed carries its shoes' name and its pain status, so it reads those areas too. */
const runAreas = ['runs', 'shoes', 'pain'] as const;

export const runsChannels = {
  'runs:list': read<Run[]>(...runAreas)(runListQuerySchema),
  'runs:get': read<Run>(...runAreas)(runIdSchema),
  'runs:add': write<Run>('runs')(runDraftSchema.extend({ saveAnyway: saveAnywaySchema })),
  'runs:update': write<Run>('runs')(runUpdateSchema),
  /** A run's pain record and follow-up scores go with it. */
  'runs:delete': write<{ deleted: number }>('runs', 'pain', 'followups')(runIdSchema),
  'runs:importGpx': write<GpxImportResult>('runs')(gpxImportSchema),
  'runs:track': read<RunTrackView | null>('runs')(runIdSchema),
  /** Whether the run was longer than 110% of the longest of the 30 days before it. */
  'runs:spike': read<RunSpikeCheck>('runs')(runIdSchema),
};
export type RunsChannelName = keyof typeof runsChannels;
