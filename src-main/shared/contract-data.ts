/**
 * The backups and data channels of the IPC contract (spread into contract.ts): the backups
 * folder (list, back up now, restore, open the folder), the recovery screen, export as JSON or
 * CSV, and import of a Stance JSON export. Each name is also listed in channels.ts.
 */
import { z } from 'zod';
import { channel } from './channel-spec';
import type { BackupInfo, BackupsOverview, ExportResult, ImportSummary, RecoveryInfo, RestoreResult } from './backups';

const nothing = z.undefined().or(z.null()).or(z.strictObject({}));

/** The largest export file Stance takes through the window: 1 GiB. */
export const MAX_EXPORT_FILE_BYTES = 1024 * 1024 * 1024;

/** A backup is named by its file name in the backups folder, never by a path. */
const backupName = z
  .string({ error: 'Say which backup to restore.' })
  .max(200, { error: 'That is not the name of a backup.' })
  .regex(/^[a-z0-9-]+-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.sqlite$/, { error: 'That is not the name of a backup in the backups folder.' });

export const dataChannels = {
  'backups:list': channel<BackupsOverview>()(nothing),
  'backups:create': channel<BackupInfo>()(nothing),
  'backups:restore': channel<RestoreResult>()(z.strictObject({ name: backupName })),
  'backups:openFolder': channel<{ folder: string; opened: boolean }>()(
    z.strictObject({ folder: z.enum(['backups', 'exports'], { error: 'Open the backups or the exports folder.' }).default('backups') }).or(nothing),
  ),
  /** Null while the database is fine; otherwise what is wrong and the backup on offer. */
  'backups:recovery': channel<{ recovery: RecoveryInfo | null }>()(nothing),
  'data:export': channel<ExportResult>()(z.strictObject({ format: z.enum(['json', 'csv'], { error: 'Export as JSON or CSV.' }) })),
  'data:importJson': channel<ImportSummary>()(
    z.strictObject({
      fileName: z.string().min(1).max(1000),
      bytes: z
        .instanceof(Uint8Array, { error: 'The file could not be read. Try choosing it again.' })
        .refine((bytes) => bytes.byteLength <= MAX_EXPORT_FILE_BYTES, { error: 'That file is over 1 GB, too large to be a Stance export.' }),
    }),
  ),
};

export type DataChannel = keyof typeof dataChannels;
