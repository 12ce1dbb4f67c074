/**
 * The glute plan channels of the IPC contract (spread into contract.ts; names in channels.ts):
 * the plan's history, setting a plan from a date on, deleting one.
 *
 * (contract.ts imports this file, so nothing here may import contract.ts.)
 */
import { z } from 'zod';
import { read, write } from './channel-spec';
import { localDateSchema, nothing, recordId } from './contract-common';
import { glutePlanKinds, type GlutePlan } from './domain';

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

export const planChannels = {
  'plan:history': read<GlutePlan[]>('plan')(nothing),
  'plan:set': write<GlutePlan[]>('plan')(glutePlanSchema),
  'plan:delete': write<GlutePlan[]>('plan')(z.strictObject({ id: recordId('plan') })),
};
export type PlanChannelName = keyof typeof planChannels;
