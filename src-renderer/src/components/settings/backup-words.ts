/** How backups are described to the runner: when, what kind, how big. */
import type { BackupInfo } from '../../../../src-main/shared/backups';

export function backupWhen(createdAt: string): string {
  return new Date(createdAt).toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
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
