/**
 * The IPC contract: for every channel, the schema its input must pass, the type of its result,
 * and the areas of the runner's data it reads or changes (channel-spec.ts). Pure TypeScript
 * (and zod); the renderer imports it for the types and the areas, main for validation.
 *
 * Each part of the app declares its channels in its own contract-*.ts (runs, shoes, the glute
 * plan, settings, Today, imports, pain, strength, Insights, backups and data, the clinic);
 * this file puts them together and proves that they are exactly the channels in channels.ts.
 *
 * Messages in the schemas are shown to the runner as they are, so they say what is wrong and
 * what to do, in plain words.
 */
import type { z } from 'zod';
import type { ChannelName } from './channels';
import type { ChannelSpec, DataArea } from './channel-spec';
import { settingsChannels } from './contract-settings';
import { runsChannels } from './contract-runs';
import { shoesChannels } from './contract-shoes';
import { planChannels } from './contract-plan';
import { todayChannels } from './contract-today';
import { painChannels } from './contract-pain';
import { importChannels } from './contract-import';
import { strengthChannels } from './contract-strength';
import { insightsChannels } from './contract-insights';
import { dataChannels } from './contract-data';
import { clinicChannels } from './contract-clinic';
import { experimentChannels } from './contract-experiment';

// What other modules took from this file before the parts had files of their own.
export { localDateSchema, timeZoneSchema } from './contract-common';
export * from './contract-runs';
export * from './contract-shoes';
export * from './contract-plan';
export * from './contract-settings';

export const contract = {
  ...settingsChannels,
  ...runsChannels,
  ...shoesChannels,
  ...planChannels,
  ...todayChannels,
  ...importChannels,
  ...painChannels,
  ...strengthChannels,
  ...insightsChannels,
  ...dataChannels,
  ...clinicChannels,
  ...experimentChannels,
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

/** The channels that read (useChannel takes only these) and those that write (useSave). */
export type ReadChannelName = { [C in ChannelName]: Contract[C] extends { reads: readonly DataArea[] } ? C : never }[ChannelName];
export type WriteChannelName = Exclude<ChannelName, ReadChannelName>;

/** The areas a read's answer depends on; empty for a write. */
export function areasRead(channel: ChannelName): readonly DataArea[] {
  const spec: ChannelSpec<z.ZodType, unknown> = contract[channel];
  return spec.reads ?? [];
}

/** The areas a write changes; empty for a read. */
export function areasChanged(channel: ChannelName): readonly DataArea[] {
  const spec: ChannelSpec<z.ZodType, unknown> = contract[channel];
  return spec.changes ?? [];
}
