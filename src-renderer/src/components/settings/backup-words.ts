/** How backups are described to the runner: when, what kind, how big. */
import type { BackupInfo } from '../../../../src-main/shared/backups';
import { formatInstant } from '../../local-clock';

/** When a backup was made, in the window's one date format plus the locale's clock: "Sun, 29 Nov 2026, 07:30". */
export function backupWhen(createdAt: string): string {
  return formatInstant(createdAt);
}

/** Each table's records, singular and plural, as the runner calls them. */
const tableWords: Record<string, [string, string]> = {
  runs: ['run', 'runs'],
  pain_checkins: ['check-in', 'check-ins'],
  strength_sessions: ['strength session', 'strength sessions'],
  recovery_entries: ['recovery entry', 'recovery entries'],
  shoes: ['pair of shoes', 'pairs of shoes'],
  glute_plans: ['plan', 'plans'],
};

/** "3 runs, 1 recovery entry" for counts per table; "nothing new" when all are zero. */
export function summariseCounts(counts: Record<string, number>): string {
  const parts = Object.entries(tableWords)
    .filter(([table]) => (counts[table] ?? 0) > 0)
    .map(([table, [one, many]]) => `${counts[table]} ${counts[table] === 1 ? one : many}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing new';
}

export const backupKindWords: Record<BackupInfo['kind'], string> = {
  daily: 'Daily',
  manual: 'Made by you',
  'before-migration': 'Before an update',
  'before-restore': 'Before a restore (undo)',
  'before-import': 'Before an import',
};

export function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
