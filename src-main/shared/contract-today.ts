/**
 * The Today channels of the IPC contract (spread into contract.ts; names in channels.ts): what
 * the Today page shows of the glute plan and the latest run, and what it says about the next run.
 *
 * (contract.ts imports this file, so nothing here may import contract.ts.)
 */
import { read } from './channel-spec';
import { nothing } from './contract-common';
import type { TodaySummary } from './domain';
import type { NextRunGuidance } from './next-run';

export const todayChannels = {
  'today:summary': read<TodaySummary>('settings', 'plan', 'strength', 'exercises', 'runs', 'shoes', 'pain')(nothing),
  /** The spike limit from the runs' distances; build / hold / step back from their pain and follow-ups (the week starts by the settings). */
  'today:nextRun': read<NextRunGuidance>('settings', 'runs', 'pain', 'followups')(nothing),
};
export type TodayChannelName = keyof typeof todayChannels;
