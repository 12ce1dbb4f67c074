/**
 * The shoes channels of the IPC contract (spread into contract.ts; names in channels.ts): list
 * the runner's shoes with their mileage, add a pair, rename or retire one.
 *
 * (contract.ts imports this file, so nothing here may import contract.ts.)
 */
import { z } from 'zod';
import { read, write } from './channel-spec';
import { nothing, recordId } from './contract-common';
import type { Shoe } from './domain';

const shoeName = z
  .string({ error: 'Give the shoes a name.' })
  .trim()
  .min(1, { error: 'Give the shoes a name, e.g. "Ghost 16 (blue)".' })
  .max(100, { error: 'Keep the name under 100 characters.' });
export const shoeAddSchema = z.strictObject({ name: shoeName });
export const shoeUpdateSchema = z.strictObject({ id: recordId('pair of shoes'), name: shoeName.optional(), retired: z.boolean().optional() });

export const shoesChannels = {
  /** Each pair with its run count and distance, so the list reads the runs too. */
  'shoes:list': read<Shoe[]>('shoes', 'runs')(nothing),
  'shoes:add': write<Shoe>('shoes')(shoeAddSchema),
  'shoes:update': write<Shoe>('shoes')(shoeUpdateSchema),
};
export type ShoesChannelName = keyof typeof shoesChannels;
