/**
 * The import channels: start an import of files/archives/folders — or of one file again with
 * what the runner added (a date for a file without times, "Import anyway") — in the import worker
 * (or on this thread where the host gave no worker script); push its news to the window that
 * started it as `import` events (import/job-events.ts); answer the catch-up read; cancel it.
 */
import { StanceError } from '../shared/errors';
import { importEventPayload } from '../shared/import-events';
import { ImportJobs, startImportHere, startImportWorker, type ImportJob } from '../import/jobs';
import { jobView, pushJobEvents } from '../import/job-events';
import { givenStart } from '../import/from-window';
import type { ImportSource } from '../import/batch';
import type { ImportChannelName } from '../shared/contract-import';
import type { CoreContext, HandlersFor } from './core';

export function importHandlers(core: CoreContext): HandlersFor<ImportChannelName> {
  const jobs = new ImportJobs();
  const find = (jobId: number): ImportJob => {
    const job = jobs.get(jobId);
    if (job === undefined) throw new StanceError('refused', 'That import is not known (Stance was restarted since). Start it again: runs already imported are recognised.');
    return job;
  };
  return {
    'imports:start': ({ files, timeZone, allowNearDuplicates }, caller) => {
      // A date given is checked before anything starts (not in the future, with a duration).
      const now = core.now();
      const sources = files.map((file): ImportSource => {
        const given = givenStart({ ...file, timeZone }, now);
        return {
          name: file.fileName,
          bytes: file.bytes,
          ...(file.inFolder ? { inFolder: true } : {}),
          ...(file.allowNearDuplicates ? { allowNearDuplicates: true } : {}),
          ...(given ? { given } : {}),
        };
      });
      const request = { sources, timeZone, ...(allowNearDuplicates ? { allowNearDuplicates } : {}) };
      const job = core.importWorker
        ? startImportWorker(
            {
              ...request,
              databasePath: core.databasePath,
              backupsFolder: core.backupsFolder,
              ...(core.importWorker.nativeBinding ? { nativeBinding: core.importWorker.nativeBinding } : {}),
              ...(core.importWorker.readers ? { readers: core.importWorker.readers } : {}),
            },
            core.importWorker,
          )
        : startImportHere(core.db, request);
      const jobId = jobs.add(job);
      const send = caller?.sendEvent;
      if (send) pushJobEvents(jobId, job, (view) => send('import', importEventPayload(view)));
      return { jobId };
    },
    'imports:status': ({ jobId, since }) => jobView(jobId, find(jobId), since ?? 0),
    'imports:cancel': ({ jobId }) => {
      const job = find(jobId);
      if (job.summary !== null || job.failure !== null) return { cancelling: false };
      job.cancel();
      return { cancelling: true };
    },
  };
}
