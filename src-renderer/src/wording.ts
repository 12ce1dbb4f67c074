/**
 * Words the window uses in more than one place, so a thing is called the same everywhere.
 * Pure; tested in wording.test.ts.
 */
import type { Run } from '../../src-main/shared/domain';
import { formatLocalDate, formatLocalTime } from './local-clock';

/** "1 run", "2 runs", "1 recovery entry", "3 recovery entries". */
export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}

/**
 * A run named so that two runs on one day differ (for buttons' accessible names and messages):
 * "the run of Sun, 29 Nov 2026 at 07:00".
 */
export function runName(run: Pick<Run, 'localDate' | 'localTime'>): string {
  return `the run of ${formatLocalDate(run.localDate)} at ${formatLocalTime(run.localTime)}`;
}

/** What saving a run's knee pain is called everywhere: its "pain note". */
export const PAIN_NOTE = 'pain note';

/** The message after a run's pain note was saved, on every page. */
export function painSavedMessage(run: Pick<Run, 'localDate' | 'localTime'>): string {
  return `Saved the pain note for ${runName(run)}.`;
}
