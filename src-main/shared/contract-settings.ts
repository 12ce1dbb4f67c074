/**
 * The settings channels of the IPC contract (spread into contract.ts; names in channels.ts):
 * the runner's settings, changing some of them, and what the app is (version, where its files are).
 *
 * (contract.ts imports this file, so nothing here may import contract.ts.)
 */
import { z } from 'zod';
import { read, write } from './channel-spec';
import { nothing } from './contract-common';
import { distanceUnits, loadUnits, themeChoices, weekStartDays, type AppInfo, type Settings } from './domain';
import { painLocations } from './pain';

export const settingsPatchSchema = z.strictObject({
  units: z.enum(distanceUnits, { error: 'Units are miles (mi) or kilometres (km).' }).optional(),
  weekStartsOn: z
    .union(weekStartDays.map((day) => z.literal(day)) as unknown as [z.ZodLiteral<0>, z.ZodLiteral<1>, z.ZodLiteral<6>], {
      error: 'The week starts on Sunday, Monday or Saturday.',
    })
    .optional(),
  theme: z.enum(themeChoices, { error: 'The look is "system", "light" or "dark".' }).optional(),
  loadUnit: z.enum(loadUnits, { error: 'Loads are shown in kilograms (kg) or pounds (lb).' }).optional(),
  mainComplaint: z
    .strictObject(
      {
        location: z.enum(painLocations, { error: 'The main complaint is the outside of the knee, the front of the knee, the hip or other.' }),
        side: z.enum(['left', 'right', 'either'], { error: 'The side is left, right or either.' }),
      },
      { error: 'The main complaint is a pain site and a side.' },
    )
    .optional(),
});
export type SettingsPatch = z.input<typeof settingsPatchSchema>;

export const settingsChannels = {
  /** Fixed while the app runs: it reads none of the runner's data. */
  'app:info': read<AppInfo>()(nothing),
  'settings:get': read<Settings>('settings')(nothing),
  'settings:update': write<Settings>('settings')(settingsPatchSchema),
};
export type SettingsChannelName = keyof typeof settingsChannels;
