/**
 * The import channels (files, archives, folders; spread into contract.ts): start an import in
 * the import worker, ask how it is going, cancel it.
 *
 * (contract.ts imports this file, so nothing here may import contract.ts.)
 */
import { z } from 'zod';
import { read, write } from './channel-spec';
import { MAX_WINDOW_IMPORT_BYTES, type ImportJobView } from './import';
import { isTimeZone } from './validation';

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
      }),
    )
    .min(1, { error: 'Choose at least one file.' })
    .max(100_000, { error: 'That is more files than Stance imports at once.' }),
  timeZone: z.string().refine(isTimeZone, { error: 'That time zone is not known.' }),
  allowNearDuplicates: z.boolean().optional(),
});

export const importChannels = {
  /** The worker stores runs as it goes (the window announces them as they are reported). */
  'imports:start': write<{ jobId: number }>('imports', 'runs')(importStartSchema),
  'imports:status': read<ImportJobView>('imports')(z.strictObject({ jobId, since: z.number().int().min(0).max(10_000_000).optional() })),
  'imports:cancel': write<{ cancelling: boolean }>('imports')(z.strictObject({ jobId })),
};
export type ImportChannelName = keyof typeof importChannels;
