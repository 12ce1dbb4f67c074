/**
 * The pain channels of the IPC contract (spread into contract.ts). Each is declared with
 * read<Result>(areas…)(inputSchema) or write<Result>(areas…)(inputSchema); its name must also be listed in channels.ts.
 *
 * The schemas check everything a payload can show by itself (a score of 11, a site without a
 * side, sites on a pain-free run). What needs the database — an onset beyond the run's
 * distance, a check-in dated in the future by the runner's own calendar — the core checks.
 *
 * (contract.ts imports this file, so nothing here may import contract.ts.)
 */
import { z } from 'zod';
import { read, write } from './channel-spec';
import { painStatuses } from './domain';
import {
  checkinContexts,
  MAX_PAIN_SCORE,
  MAX_SITES_PER_RUN,
  MIN_PAIN_SCORE,
  painActions,
  painLocations,
  painSides,
  type PainCheckin,
  type PainOverview,
  type RunPain,
} from './pain';
import { isCalendarDate } from './validation';

/** The furthest a pain onset can be, as for a run's distance: 1,000 km in metres. */
const MAX_ONSET_METRES = 1_000_000;

export const PAIN_SCORE_MESSAGE = 'The score is from 0 (no pain) to 10 (the worst pain imaginable).';

const painScore = z
  .number({ error: 'Give a score from 0 (no pain) to 10 (the worst pain imaginable).' })
  .int({ error: PAIN_SCORE_MESSAGE })
  .min(MIN_PAIN_SCORE, { error: PAIN_SCORE_MESSAGE })
  .max(MAX_PAIN_SCORE, { error: PAIN_SCORE_MESSAGE });

const recordId = (what: string) =>
  z.number({ error: `Say which ${what}.` }).int({ error: `Say which ${what}.` }).positive({ error: `Say which ${what}.` });

const localDate = z
  .string({ error: 'Give the date as YYYY-MM-DD.' })
  .refine(isCalendarDate, { error: 'That is not a date on the calendar. Give it as YYYY-MM-DD.' });

const notes = z.string({ error: 'Notes are text.' }).max(2000, { error: 'Notes can be at most 2,000 characters.' }).default('');

export const painSiteSchema = z.strictObject({
  painOnsetMetres: z
    .number({ error: 'Say how far into the run the pain started.' })
    .min(0, { error: 'The pain cannot start before the run did. Give 0 or more.' })
    .max(MAX_ONSET_METRES, { error: 'That is further than any run. Check the number and the units.' }),
  location: z.enum(painLocations, { error: 'Say where it hurt: outside of the knee, front of the knee, hip, or other.' }),
  side: z.enum(painSides, { error: 'Say which side hurt: left, right or both.' }),
  worstScore: painScore,
  action: z.enum(painActions, { error: 'Say what you did: kept going, slowed, walked or stopped.' }),
  notes,
  /** Already there when the run began: stored at 0 m, kept out of the onset analysis. Absent: false. */
  presentAtStart: z.boolean({ error: 'Say whether the pain was already there at the start (true or false).' }).optional(),
});
export type PainSiteDraft = z.input<typeof painSiteSchema>;

export const runPainSchema = z
  .strictObject({
    runId: recordId('run'),
    status: z.enum(painStatuses, { error: 'Choose "No pain", "Knee pain started at…" or "Not recorded".' }),
    sites: z
      .array(painSiteSchema, { error: 'Give the places that hurt as a list.' })
      .max(MAX_SITES_PER_RUN, { error: `A run can have at most ${MAX_SITES_PER_RUN} places that hurt.` })
      .default([]),
    /** The runner cut the run short because of the knee. Absent: false. */
    cutShort: z.boolean({ error: 'Say whether you cut the run short because of your knee (true or false).' }).optional(),
  })
  .superRefine((record, context) => {
    if (record.status === 'pain' && record.sites.length === 0) {
      context.addIssue({ code: 'custom', path: ['sites'], message: 'Say where it hurt and how far in it started, or choose "No pain".' });
    }
    if (record.status !== 'pain' && record.sites.length > 0) {
      context.addIssue({
        code: 'custom',
        path: ['sites'],
        message: 'A run without recorded pain has no places that hurt. Choose "Knee pain started at…" to keep them.',
      });
    }
  });
export type RunPainDraft = z.input<typeof runPainSchema>;

export const painOverviewQuerySchema = z
  .strictObject({
    /** How many runs each list holds at most. */
    limit: z
      .number({ error: 'Say how many runs to show.' })
      .int({ error: 'Say how many runs to show, from 1 to 100.' })
      .min(1, { error: 'Say how many runs to show, from 1 to 100.' })
      .max(100, { error: 'Say how many runs to show, from 1 to 100.' })
      .default(8),
    /** How many waiting runs to skip (paging through them, newest first). */
    waitingOffset: z
      .number({ error: 'Say where the page of runs starts.' })
      .int({ error: 'Say where the page of runs starts, from 0 on.' })
      .min(0, { error: 'Say where the page of runs starts, from 0 on.' })
      .max(1_000_000, { error: 'Say where the page of runs starts, from 0 on.' })
      .default(0),
  })
  .default({ limit: 8, waitingOffset: 0 });

const checkinFields = {
  localDate,
  context: z
    .enum(checkinContexts, { error: 'Pick when it hurt: general, morning, stairs, sitting, walking or after a run.' })
    .default('general'),
  leftScore: painScore.nullable().default(null),
  rightScore: painScore.nullable().default(null),
  notes,
};

function atLeastOneSide(checkin: { leftScore: number | null; rightScore: number | null }, context: z.RefinementCtx): void {
  if (checkin.leftScore === null && checkin.rightScore === null) {
    context.addIssue({ code: 'custom', path: ['leftScore'], message: 'Give a score for the left knee, the right knee, or both.' });
  }
}

export const checkinDraftSchema = z.strictObject(checkinFields).superRefine(atLeastOneSide);
export type CheckinDraft = z.input<typeof checkinDraftSchema>;

export const checkinUpdateSchema = z.strictObject({ id: recordId('check-in'), ...checkinFields }).superRefine(atLeastOneSide);
export type CheckinUpdate = z.input<typeof checkinUpdateSchema>;

export const checkinListQuerySchema = z
  .strictObject({
    fromDate: localDate.optional(),
    toDate: localDate.optional(),
  })
  .default({});

export const painChannels = {
  'pain:getForRun': read<RunPain>('pain', 'runs')(z.strictObject({ runId: recordId('run') })),
  /** Also writes the run's pain status and cut-short mark, which a run as listed shows. */
  'pain:setForRun': write<RunPain>('pain', 'runs')(runPainSchema),
  'pain:overview': read<PainOverview>('runs', 'shoes', 'pain')(painOverviewQuerySchema),
  'checkins:list': read<PainCheckin[]>('checkins')(checkinListQuerySchema),
  'checkins:add': write<PainCheckin>('checkins')(checkinDraftSchema),
  'checkins:update': write<PainCheckin>('checkins')(checkinUpdateSchema),
  'checkins:delete': write<{ deleted: number }>('checkins')(z.strictObject({ id: recordId('check-in') })),
};
export type PainChannelName = keyof typeof painChannels;
