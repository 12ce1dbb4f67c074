/**
 * The import channels: start an import of files/archives/folders in the import worker (or on this
 * thread where the host gave no worker script), report how it is going, cancel it.
 */
import { StanceError } from '../shared/errors';
import type { ImportJobView } from '../shared/import';
import { ImportJobs, runWorkerTask, startImportHere, startImportWorker, type ImportJob } from '../import/jobs';
import { importGpxFromWindow } from '../import/from-window';
import type { GpxImportResult } from '../shared/track';
import type { ValidInput } from '../shared/contract';
import type { ImportChannelName } from '../shared/contract-import';
import type { CoreContext, HandlersFor } from './core';

/**
 * The window's import of one file, in the import worker (so the main process never parses a
 * file), or on this thread where the host gave no worker script (unit tests of the channels).
 */
export function importOneFile(core: CoreContext, input: ValidInput<'runs:importGpx'>): Promise<GpxImportResult> {
  if (!core.importWorker) return importGpxFromWindow(core.db, input, core.now());
  const { nativeBinding, ...script } = core.importWorker;
  return runWorkerTask<GpxImportResult>({ task: 'file', databasePath: core.databasePath, ...(nativeBinding ? { nativeBinding } : {}), input, nowMs: core.now().getTime() }, script);
}

function view(jobId: number, job: ImportJob, since: number): ImportJobView {
  return {
    jobId,
    progress: { ...job.progress },
    outcomes: job.outcomes.slice(since),
    outcomeCount: job.outcomes.length,
    summary: job.summary,
    failure: job.failure,
  };
}

export function importHandlers(core: CoreContext): HandlersFor<ImportChannelName> {
  const jobs = new ImportJobs();
  const find = (jobId: number): ImportJob => {
    const job = jobs.get(jobId);
    if (job === undefined) throw new StanceError('refused', 'That import is not known (Stance was restarted since). Start it again: runs already imported are recognised.');
    return job;
  };
  return {
    'imports:start': ({ files, timeZone, allowNearDuplicates }) => {
      const sources = files.map((file) => ({ name: file.fileName, bytes: file.bytes, ...(file.inFolder ? { inFolder: true } : {}) }));
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
      return { jobId: jobs.add(job) };
    },
    'imports:status': ({ jobId, since }) => view(jobId, find(jobId), since ?? 0),
    'imports:cancel': ({ jobId }) => {
      const job = find(jobId);
      if (job.summary !== null || job.failure !== null) return { cancelling: false };
      job.cancel();
      return { cancelling: true };
    },
  };
}
