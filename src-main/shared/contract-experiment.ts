/**
 * The experiment's channels (spread into contract.ts; names in channels.ts):
 *
 * - experiment:setup — the active experiment (if any), past ones, the defaults, and what the
 *   runner's own running would give at the default length.
 * - experiment:fix — fixes a protocol from the setup page's choices: it is stored with the moment
 *   it was fixed, a seed and the SHA-256 of its canonical contents; nothing in it can change after.
 * - experiment:stop — stops the active experiment early, with the runner's reason (recorded once).
 * - experiment:today — Today's line for the next run. Draws the next assignment the first time it
 *   is shown and stores it, never again: declared a read (what it shows depends on the experiment,
 *   runs and pain), because the one thing it may write is the assignment it then shows.
 * - experiment:answer — what was really done before an experiment run: done / not done / partly.
 * - experiment:result — the analysis fixed in advance, the periods, deviations and harms.
 */
import { z } from 'zod';
import { read, write } from './channel-spec';
import type { ExperimentProtocol, ExperimentResult, ExperimentSetup, ExperimentTodayLine } from './experiment';
import { isCalendarDate } from './validation';

const recordId = (what: string) =>
  z.number({ error: `Say which ${what}.` }).int({ error: `Say which ${what}.` }).positive({ error: `Say which ${what}.` });

const whole = (message: string, min: number, max: number) =>
  z.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });

export const activationExerciseSchema = z
  .strictObject({
    name: z.string({ error: 'Pick an exercise from the library.' }).trim().min(1, { error: 'Pick an exercise from the library.' }).max(100, { error: 'Pick an exercise from the library.' }),
    sets: whole('Sets are a whole number from 1 to 5.', 1, 5),
    reps: whole('Repetitions are a whole number from 5 to 50.', 5, 50).nullable().default(null),
    seconds: whole('Seconds are a whole number from 10 to 300.', 10, 300).nullable().default(null),
    perSide: z.boolean({ error: 'Say whether it is done on each side.' }).default(true),
  })
  .refine((exercise) => (exercise.reps === null) !== (exercise.seconds === null), { error: 'Give each exercise repetitions or seconds (one of them).', path: ['reps'] });

export const experimentLengthSchema = z.discriminatedUnion(
  'unit',
  [
    z.strictObject({ unit: z.literal('weeks'), weeks: whole('An experiment lasts from 4 to 52 weeks.', 4, 52) }),
    z.strictObject({
      unit: z.literal('painful_runs'),
      painfulRuns: whole('Give the length as 20 to 200 painful runs, in tens.', 20, 200).refine((value) => value % 10 === 0, {
        error: 'Give the length as 20 to 200 painful runs, in tens.',
      }),
    }),
  ],
  { error: 'Say how long the experiment lasts: in weeks, or in runs on which the pain began.' },
);

export const experimentDraftSchema = z.strictObject({
  routine: z.strictObject({
    exercises: z.array(activationExerciseSchema).min(1, { error: 'The activation routine needs at least one exercise.' }).max(6, { error: 'Keep the activation routine to at most 6 exercises.' }),
    minutes: whole('The routine takes 1 to 20 minutes.', 1, 20),
  }),
  length: experimentLengthSchema,
  scheme: z.enum(['run_day_blocks_of_4', 'whole_weeks_in_pairs'], { error: 'Pick how runs are assigned: each run day, or whole weeks.' }),
  startDate: z
    .string({ error: 'Give the first day as YYYY-MM-DD.' })
    .refine(isCalendarDate, { error: 'That is not a date on the calendar. Give it as YYYY-MM-DD.' }),
});
export type ExperimentDraft = z.input<typeof experimentDraftSchema>;

export const experimentStopSchema = z.strictObject({
  protocolId: recordId('experiment'),
  reason: z
    .string({ error: 'Say why you stop the experiment.' })
    .trim()
    .min(3, { error: 'Say why you stop the experiment (a few words are enough).' })
    .max(2000, { error: 'Keep the reason under 2,000 characters.' }),
});

export const experimentAnswerSchema = z.strictObject({
  runId: recordId('run'),
  activationDone: z.enum(['done', 'not_done', 'partly'], { error: 'Answer done, not done or partly.' }),
});

export const experimentChannels = {
  'experiment:setup': read<ExperimentSetup>('experiment', 'runs', 'pain', 'exercises', 'settings')(z.undefined().or(z.null()).or(z.strictObject({}))),
  'experiment:fix': write<ExperimentProtocol>('experiment')(experimentDraftSchema),
  'experiment:stop': write<ExperimentProtocol>('experiment')(experimentStopSchema),
  'experiment:today': read<ExperimentTodayLine | null>('experiment', 'runs', 'pain')(z.undefined().or(z.null()).or(z.strictObject({}))),
  'experiment:answer': write<{ runId: number; activationDone: 'done' | 'not_done' | 'partly' }>('experiment')(experimentAnswerSchema),
  'experiment:result': read<ExperimentResult>('experiment', 'runs', 'pain', 'settings')(z.strictObject({ protocolId: recordId('experiment') })),
};
export type ExperimentChannelName = keyof typeof experimentChannels;

/** What a stored protocol's contents must be (the JSON import checks a file's protocols with it). */
export const experimentContentsSchema = z.strictObject({
  version: z.literal(1),
  routine: experimentDraftSchema.shape.routine,
  length: experimentLengthSchema,
  scheme: experimentDraftSchema.shape.scheme,
  outcome: z.strictObject({
    location: z.enum(['lateral_knee', 'front_knee', 'hip', 'other']),
    side: z.enum(['left', 'right', 'either']),
  }),
  startDate: experimentDraftSchema.shape.startDate,
  rule: z.strictObject({
    primary: z.literal('intention_to_treat'),
    statistic: z.literal('log_rank_distance_to_onset'),
    pValue: z.literal('randomisation'),
    redraws: z.number().int().min(100).max(100_000),
    alpha: z.number().gt(0).max(0.2),
    spending: z.literal('lan_demets_obrien_fleming'),
    analysesEveryPainfulRuns: z.number().int().min(1).max(100),
    secondary: z.literal('as_done'),
  }),
  seed: z.string().regex(/^[0-9a-f]{64}$/, { error: 'the seed is not 64 hexadecimal characters' }),
});
