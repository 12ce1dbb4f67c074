/**
 * The clinician-facing channels (spread into contract.ts; names in channels.ts):
 *
 * - ostrc:list — the weekly OSTRC-O2 knee questionnaires, oldest first, optionally from a week on.
 * - ostrc:save — this week's (or an earlier week's) answers; replaces that week's if answered.
 * - followup:get / followup:set — a run's worst pain after it and the next morning (0–10).
 * - clinic:today — what Today asks and shows: the weekly check, follow-ups due, the weekly line.
 * - report:get — the one-page report's figures for the last 4–12 weeks.
 * - report:savePdf — prints the report view to a PDF in the data folder (Electron's printToPDF).
 */
import { z } from 'zod';
import { read, write } from './channel-spec';
import type { ClinicReport, ClinicToday, RunPainFollowup } from './clinic';
import { isOstrcAnswerScore, ostrcAnswersProblem, type OstrcWeek } from './ostrc';
import { isCalendarDate } from './validation';

const recordId = (what: string) =>
  z.number({ error: `Say which ${what}.` }).int({ error: `Say which ${what}.` }).positive({ error: `Say which ${what}.` });

const ANSWER_MESSAGE = 'Pick one of the four answers.';
const answer = z.custom<0 | 8 | 17 | 25>(isOstrcAnswerScore, { error: ANSWER_MESSAGE });

export const ostrcDraftSchema = z
  .strictObject({
    weekStart: z
      .string({ error: 'Say which week the answers are about (its first day, YYYY-MM-DD).' })
      .refine(isCalendarDate, { error: 'That is not a date on the calendar. Give it as YYYY-MM-DD.' }),
    q1: answer,
    q2: answer.nullable().default(null),
    q3: answer.nullable().default(null),
    q4: answer.nullable().default(null),
  })
  .superRefine((draft, context) => {
    const problem = ostrcAnswersProblem(draft);
    if (problem !== null) context.addIssue({ code: 'custom', path: ['q1'], message: problem });
  });
export type OstrcDraft = z.input<typeof ostrcDraftSchema>;

const SCORE_MESSAGE = 'The score is from 0 (no pain) to 10 (the worst pain imaginable).';
const followupScore = z.number({ error: SCORE_MESSAGE }).int({ error: SCORE_MESSAGE }).min(0, { error: SCORE_MESSAGE }).max(10, { error: SCORE_MESSAGE });

export const followupDraftSchema = z.strictObject({
  runId: recordId('run'),
  afterScore: followupScore.nullable().default(null),
  nextMorningScore: followupScore.nullable().default(null),
});
export type FollowupDraft = z.input<typeof followupDraftSchema>;

export const reportQuerySchema = z.strictObject({
  weeks: z
    .number({ error: 'Choose how many weeks the report covers, from 4 to 12.' })
    .int({ error: 'Choose how many weeks the report covers, from 4 to 12.' })
    .min(4, { error: 'Choose how many weeks the report covers, from 4 to 12.' })
    .max(12, { error: 'Choose how many weeks the report covers, from 4 to 12.' }),
  /** The runner's locale (navigator.language), for the paper size; absent: A4. */
  locale: z.string().max(40).optional(),
});

export const clinicChannels = {
  'ostrc:list': read<OstrcWeek[]>('ostrc')(
    z
      .strictObject({ fromWeek: z.string().refine(isCalendarDate, { error: 'Give the first week as YYYY-MM-DD.' }).optional() })
      .default({}),
  ),
  'ostrc:save': write<OstrcWeek>('ostrc')(ostrcDraftSchema),
  'followup:get': read<RunPainFollowup>('followups', 'pain', 'runs')(z.strictObject({ runId: recordId('run') })),
  'followup:set': write<RunPainFollowup>('followups')(followupDraftSchema),
  'clinic:today': read<ClinicToday>('settings', 'ostrc', 'followups', 'pain', 'runs', 'shoes')(z.undefined().or(z.null()).or(z.strictObject({}))),
  'report:get': read<ClinicReport>('settings', 'runs', 'pain', 'followups', 'plan', 'strength', 'exercises', 'ostrc')(reportQuerySchema),
  /** Writes a PDF into the reports folder, which no read shows. */
  'report:savePdf': write<{ path: string }>()(reportQuerySchema),
};
export type ClinicChannelName = keyof typeof clinicChannels;
