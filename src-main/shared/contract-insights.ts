/**
 * The Insights channels of the IPC contract (spread into contract.ts; names in channels.ts).
 *
 * - insights:get — every number on the Insights page for the filters given (all optional: the
 *   defaults are all dates, pain on the outside of the knee, either side).
 * - insights:setExampleHidden — the runner hides (or brings back) the built-in example shown
 *   while they have no data of their own; kept in the settings table.
 * - insights:startPeriod — the runner closes the current analysis (only once its verdict is
 *   decided) and starts a new one from a date after its last run (a change of routine); refused
 *   with the reason otherwise. Returns the Insights afresh.
 */
import { z } from 'zod';
import { read, write } from './channel-spec';
import { insightLocations, insightSides, type Insights } from './insights';
import { isCalendarDate } from './validation';

const optionalDate = (which: string) =>
  z
    .string({ error: `Give the ${which} date as YYYY-MM-DD.` })
    .refine(isCalendarDate, { error: `The ${which} date is not a date on the calendar. Give it as YYYY-MM-DD.` })
    .nullable()
    .default(null);

export const insightsQuerySchema = z
  .strictObject({
    fromDate: optionalDate('first'),
    toDate: optionalDate('last'),
    location: z.enum(insightLocations, { error: 'Pick where the pain is: outside of the knee, front of the knee, hip, other, or anywhere.' }).default('lateral_knee'),
    side: z.enum(insightSides, { error: 'Pick either side, left or right.' }).default('any'),
  })
  .refine((query) => query.fromDate === null || query.toDate === null || query.fromDate <= query.toDate, {
    error: 'The first date is after the last one. Swap them.',
    path: ['toDate'],
  })
  .default({ fromDate: null, toDate: null, location: 'lateral_knee', side: 'any' });

export const insightsChannels = {
  /** Runs and their pain, glute sessions (exercises say which are glute work) against the plan, the weekly knee checks, the settings (the example shown or hidden). */
  'insights:get': read<Insights>('runs', 'pain', 'strength', 'exercises', 'plan', 'ostrc', 'settings')(insightsQuerySchema),
  'insights:setExampleHidden': write<{ exampleHidden: boolean }>('settings')(
    z.strictObject({ hidden: z.boolean({ error: 'Say whether to hide the example (true or false).' }) }),
  ),

  /** The analysis periods are kept with the settings. */
  'insights:startPeriod': write<Insights>('settings')(
    z.strictObject({
      fromDate: z
        .string({ error: 'Give the first date of the new analysis as YYYY-MM-DD.' })
        .refine(isCalendarDate, { error: 'The first date of the new analysis is not a date on the calendar. Give it as YYYY-MM-DD.' }),
    }),
  ),
};

export type InsightsChannelName = keyof typeof insightsChannels;
