/**
 * The import channels (files, archives, folders; spread into contract.ts): start an import in
 * the import worker, ask how it is going, cancel it.
 *
 * (contract.ts imports this file, so nothing here may import contract.ts.)
 */
import { z } from 'zod';
import { read, write } from './channel-spec';
import { MAX_WINDOW_IMPORT_BYTES, type ImportJobView } from './import';
import { isClockTime, isTimeZone } from './validation';
import { localDateSchema } from './contract-common';
import { MAX_RUN_SECONDS } from './run-limits';

const jobId = z.number({ error: 'Say which import.' }).int({ error: 'Say which import.' }).positive({ error: 'Say which import.' });

export const importStartSchema = z.strictObject({
  files: z
    .array(
      z.strictObject({
        fileName: z.string().min(1).max(1000),
        bytes: z
          .instanceof(Uint8Array, { error: 'A file could not be read. Try choosing it again.' })
          .refine((bytes) => bytes.byteLength <= MAX_WINDOW_IMPORT_BYTES, { error: 'A file is over 1 GB: import exports that large with the command line (stance import).' }),
        /** The file came from a folder the runner picked or dropped: if it is no activity it is counted, not refused. */
        inFolder: z.boolean().optional(),
        /** Import this file's runs even where one already in Stance started within 2 minutes with a distance within 3 % ("Import anyway"). */
        allowNearDuplicates: z.boolean().optional(),
        /** For a GPX file without usable times ('needs-start-time'): when the run began and how long it took, as the runner says. */
        startLocalDate: localDateSchema.optional(),
        startLocalTime: z.string().refine(isClockTime, { error: 'Give the start time as HH:MM, e.g. 07:30.' }).optional(),
        durationSeconds: z
          .number({ error: 'Give the duration as h:mm:ss.' })
          .gt(0, { error: 'The duration must be more than zero.' })
          .max(MAX_RUN_SECONDS, { error: 'That duration is over ten days. Give it as h:mm:ss.' })
          .optional(),
      }).refine((file) => (file.startLocalDate === undefined) === (file.startLocalTime === undefined), {
        error: 'Give both the date and the start time.',
        path: ['startLocalTime'],
      }),
    )
    .min(1, { error: 'Choose at least one file.' })
    .max(100_000, { error: 'That is more files than Stance imports at once.' }),
  timeZone: z.string().refine(isTimeZone, { error: 'That time zone is not known.' }),
  allowNearDuplicates: z.boolean().optional(),
});

export const importChannels = {
  /**
   * Starts an import of files, archives and folders — or one file again, with what the runner
   * added (a date, "Import anyway"). The worker stores runs as it goes; main pushes `import`
   * events (shared/import-events.ts) to the window that started it, and the window announces the
   * runs once they are in (src-renderer/src/api/import-job.ts).
   */
  'imports:start': write<{ jobId: number }>('imports', 'runs')(importStartSchema),
  /** The catch-up read: a window that missed events, or was reloaded in the middle of an import. */
  'imports:status': read<ImportJobView>('imports')(z.strictObject({ jobId, since: z.number().int().min(0).max(10_000_000).optional() })),
  'imports:cancel': write<{ cancelling: boolean }>('imports')(z.strictObject({ jobId })),
};
export type ImportChannelName = keyof typeof importChannels;
