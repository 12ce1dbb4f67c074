/** Backups, export and import as the renderer sees them. Pure types, shared with the renderer. */

/**
 * Why a backup was made: every day the app is used ('daily'), on request ('manual'), or as a
 * safety copy before a migration, a restore (the copy that undoes it) or an import.
 */
export type BackupKind = 'daily' | 'manual' | 'before-migration' | 'before-restore' | 'before-import';

export interface BackupInfo {
  /** The file's name in the backups folder, e.g. daily-2026-11-21T07-30-05Z.sqlite. */
  name: string;
  kind: BackupKind;
  /** When it was made, ISO 8601 UTC. */
  createdAt: string;
  sizeBytes: number;
}

export interface BackupsOverview {
  folder: string;
  backups: BackupInfo[];
}

/** Present when Stance's database could not be opened: the window shows the recovery screen. */
export interface RecoveryInfo {
  /** What is wrong with the database, in plain words. */
  problem: string;
  databasePath: string;
  backupsFolder: string;
  /** The newest backup that passes its integrity check; null when there is none. */
  offer: BackupInfo | null;
  backups: BackupInfo[];
}

export interface RestoreResult {
  restored: string;
  /** The backup holding the database as it was just before the restore (restore it to undo). */
  keptAside: string | null;
  /** Where a damaged database was moved (renamed, never written), in recovery mode. */
  damagedFileMovedTo: string | null;
}

export type ExportFormat = 'json' | 'csv';

export interface ExportResult {
  /** The JSON file, or the folder of CSV files. */
  path: string;
  format: ExportFormat;
  /** Records written, by table. */
  counts: Record<string, number>;
}

/** What an import of a Stance JSON export did, by table. */
export interface ImportSummary {
  added: Record<string, number>;
  /** Records the database already held (by their natural keys): not added again. */
  recognised: Record<string, number>;
  /** The safety copy taken just before the import (restore it to undo the import). */
  backup: string | null;
}
