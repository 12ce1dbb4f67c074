/**
 * The backups and data channels of the IPC contract (spread into contract.ts): the backups
 * folder (list, back up now, restore, open the folder), the recovery screen, export as JSON or
 * CSV, and import of a Stance JSON export. Each name is also listed in channels.ts.
 */
import { z } from 'zod';
import { everyArea, read, write } from './channel-spec';
import { nothing } from './contract-common';
import type { BackupInfo, BackupsOverview, ExportResult, ImportSummary, RecoveryInfo, RestoreResult } from './backups';

/** The largest export file Stance takes through the window: 1 GiB. */
export const MAX_EXPORT_FILE_BYTES = 1024 * 1024 * 1024;

/** A backup is named by its file name in the backups folder, never by a path. */
const backupName = z
  .string({ error: 'Say which backup to restore.' })
  .max(200, { error: 'That is not the name of a backup.' })
  .regex(/^[a-z0-9-]+-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.sqlite$/, { error: 'That is not the name of a backup in the backups folder.' });

export const dataChannels = {
  'backups:list': read<BackupsOverview>('backups')(nothing),
  'backups:create': write<BackupInfo>('backups')(nothing),
  /** A restore replaces the whole database (and keeps the one it replaced as a backup). */
  'backups:restore': write<RestoreResult>(...everyArea)(z.strictObject({ name: backupName })),
  'backups:openFolder': write<{ folder: string; opened: boolean }>()(
    z.strictObject({ folder: z.enum(['backups', 'exports'], { error: 'Open the backups or the exports folder.' }).default('backups') }).or(nothing),
  ),
  /** Null while the database is fine; otherwise what is wrong and the backup on offer. */
  'backups:recovery': read<{ recovery: RecoveryInfo | null }>('backups')(nothing),
  /** Writes a file into the exports folder, which no read shows. */
  'data:export': write<ExportResult>()(z.strictObject({ format: z.enum(['json', 'csv'], { error: 'Export as JSON or CSV.' }) })),
  /** Brings records of every kind back (and takes a backup first). */
  'data:importJson': write<ImportSummary>(...everyArea)(
    z.strictObject({
      fileName: z.string().min(1).max(1000),
      bytes: z
        .instanceof(Uint8Array, { error: 'The file could not be read. Try choosing it again.' })
        .refine((bytes) => bytes.byteLength <= MAX_EXPORT_FILE_BYTES, { error: 'That file is over 1 GB, too large to be a Stance export.' }),
    }),
  ),
};

export type DataChannelName = keyof typeof dataChannels;
