/**
 * useImportJob: the window's side of an import of files, archives and folders (the import panel
 * shows what it holds). It starts the job (`imports:start`), follows it by the `import` events
 * main pushes — it never polls — and puts them together by outcome index (import-job-state.ts);
 * it reads `imports:status` only to catch up: when an event shows outcomes it missed, when main
 * has said nothing for `SILENCE_MS`, and when the window was reloaded in the middle of an import
 * (the job's id is kept in sessionStorage until it ends). It cancels, and imports one file again
 * with what the runner added (a date for a file without times, "Import anyway") through the same
 * channel, putting the answer in place of that file's outcomes. When runs were imported it
 * announces the areas `imports:start` changes (changes.ts), as useSave does, so the runs list and
 * every page that reads runs ask again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { areasChanged } from '../../../src-main/shared/contract';
import type { ImportJobView, ImportOutcomeView } from '../../../src-main/shared/import';
import { MAX_WINDOW_IMPORT_BYTES } from '../../../src-main/shared/import';
import { announceChange } from './changes';
import { messageOf, request, StanceError } from './client';
import { useStanceEvent } from './events';
import { applyView, gapFrom, isFinished, isRunning, startedJob, withImportAgain, type ImportJobState } from './import-job-state';
import { systemTimeZone } from '../local-clock';

/** After this long without a word from main about a running job, the window reads how it is going. */
export const SILENCE_MS = 15_000;

/** Where the running job's id is kept, so a reloaded window finds it again. */
const STORED_JOB = 'stance.import.job';

/** The id of an import this window started and had not seen end (before a reload); null if none. */
export function storedImportJob(): number | null {
  try {
    const id = Number(window.sessionStorage.getItem(STORED_JOB));
    return Number.isInteger(id) && id > 0 ? id : null;
  } catch {
    return null;
  }
}

function storeJob(jobId: number | null): void {
  try {
    if (jobId === null) window.sessionStorage.removeItem(STORED_JOB);
    else window.sessionStorage.setItem(STORED_JOB, String(jobId));
  } catch {
    // No session storage: a reload mid-import shows nothing, the import itself goes on.
  }
}

/** A file the runner gave: its name as shown (a folder's relative path) and whether it came from a folder. */
export interface FileToImport {
  file: File;
  name: string;
  inFolder: boolean;
}

/** What the runner adds when importing one file again. */
export type ImportAgainOptions = { allowNearDuplicates: true } | { startLocalDate: string; startLocalTime: string; durationSeconds: number };

interface Tracked {
  state: ImportJobState;
  /** A read of `imports:status` is out for it. */
  catchingUp: boolean;
  silence: ReturnType<typeof setTimeout> | undefined;
  ended: boolean;
  onEnd: (state: ImportJobState) => void;
}

export interface ImportJobHook {
  /** The import the panel shows (null before the first). */
  job: ImportJobState | null;
  /** Its outcomes, with the answers of files imported again in place. */
  outcomes: ImportOutcomeView[];
  running: boolean;
  cancelling: boolean;
  /** A message for the runner: the import could not start, or lost touch with main. */
  problem: string | undefined;
  start: (files: FileToImport[]) => Promise<void>;
  cancel: () => void;
  /**
   * Imports one file of the list again with what the runner added; resolves with its outcomes
   * (already in place in `outcomes`). Rejects with the StanceError main refused it with.
   */
  importAgain: (file: File, fileName: string, options: ImportAgainOptions) => Promise<ImportOutcomeView[]>;
}

export function useImportJob(): ImportJobHook {
  const [job, setJob] = useState<ImportJobState | null>(null);
  const [edits, setEdits] = useState<{ fileName: string; outcomes: ImportOutcomeView[] }[]>([]);
  const [cancelling, setCancelling] = useState(false);
  const [problem, setProblem] = useState<string>();
  const tracked = useRef(new Map<number, Tracked>());
  const shownJob = useRef<number | null>(null);
  /** Events for a job whose start has not answered yet (main may push before the answer arrives). */
  const early = useRef<ImportJobView[]>([]);
  const starting = useRef(0);
  const mounted = useRef(true);

  const apply = useCallback((jobId: number, view: ImportJobView | null) => {
    const entry = tracked.current.get(jobId);
    if (entry === undefined || entry.ended) return;
    if (view !== null) entry.state = applyView(entry.state, view);
    if (mounted.current && shownJob.current === jobId) setJob(entry.state);
    clearTimeout(entry.silence);
    if (isFinished(entry.state)) {
      entry.ended = true;
      tracked.current.delete(jobId);
      if (shownJob.current === jobId) storeJob(null);
      if (entry.state.outcomes.some((outcome) => outcome.status === 'imported')) announceChange(areasChanged('imports:start'));
      entry.onEnd(entry.state);
      return;
    }
    if (gapFrom(entry.state) !== null) catchUp(jobId);
    else entry.silence = setTimeout(() => catchUp(jobId), SILENCE_MS);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- catchUp is a plain function over refs, defined below
  }, []);

  /** Reads what is missing of `jobId` (`imports:status` from the first outcome not held). */
  function catchUp(jobId: number): void {
    const entry = tracked.current.get(jobId);
    if (entry === undefined || entry.ended || entry.catchingUp) return;
    entry.catchingUp = true;
    request('imports:status', { jobId, since: entry.state.outcomes.length }).then(
      (view) => {
        entry.catchingUp = false;
        apply(jobId, view);
      },
      (error: unknown) => {
        entry.catchingUp = false;
        entry.ended = true;
        tracked.current.delete(jobId);
        if (shownJob.current === jobId) storeJob(null);
        if (mounted.current && shownJob.current === jobId) setProblem(messageOf(error));
        entry.onEnd(entry.state);
      },
    );
  }

  const follow = useCallback(
    (state: ImportJobState, onEnd: (state: ImportJobState) => void) => {
      const entry: Tracked = { state, catchingUp: false, silence: undefined, ended: false, onEnd };
      tracked.current.set(state.jobId, entry);
      const waiting = early.current.filter((view) => view.jobId === state.jobId);
      // Ids only grow: what is left of older jobs no one follows is dropped.
      early.current = early.current.filter((view) => view.jobId > state.jobId);
      for (const view of waiting) apply(state.jobId, view);
      apply(state.jobId, null);
    },
    [apply],
  );

  useStanceEvent('import', (view) => {
    if (tracked.current.has(view.jobId)) apply(view.jobId, view);
    else if (starting.current > 0 && early.current.length < 10_000) early.current.push(view);
  });

  useEffect(() => {
    mounted.current = true;
    const jobs = tracked.current;
    // A window reloaded in the middle of an import: find the job again and read what it missed.
    const stored = storedImportJob();
    if (stored !== null && !jobs.has(stored)) {
      shownJob.current = stored;
      follow(startedJob(stored, 0, null), () => undefined);
      catchUp(stored);
    }
    return () => {
      mounted.current = false;
      for (const entry of jobs.values()) clearTimeout(entry.silence);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount
  }, []);

  /** Sends files to `imports:start`; the job's first state, or a thrown StanceError. */
  async function send(files: { fileName: string; bytes: Uint8Array<ArrayBuffer>; inFolder?: boolean; options?: ImportAgainOptions }[]): Promise<ImportJobState> {
    starting.current += 1;
    try {
      const { jobId } = await request('imports:start', {
        files: files.map(({ fileName, bytes, inFolder, options }) => ({ fileName, bytes, ...(inFolder ? { inFolder: true } : {}), ...options })),
        timeZone: systemTimeZone(),
      });
      return startedJob(jobId, files.length, files[0]?.fileName ?? null);
    } finally {
      starting.current -= 1;
    }
  }

  async function start(files: FileToImport[]): Promise<void> {
    if (files.length === 0 || (job !== null && isRunning(job))) return;
    setProblem(undefined);
    setCancelling(false);
    setEdits([]);
    setJob(null);
    shownJob.current = null;
    const tooLarge = files.find(({ file }) => file.size > MAX_WINDOW_IMPORT_BYTES);
    if (tooLarge) {
      setProblem(`${tooLarge.name} is over 1 GB. Import exports that large with the command line (stance import); nothing was imported.`);
      return;
    }
    try {
      const payload = await Promise.all(files.map(async ({ file, name, inFolder }) => ({ fileName: name, bytes: new Uint8Array(await file.arrayBuffer()), inFolder })));
      const first = await send(payload);
      shownJob.current = first.jobId;
      storeJob(first.jobId);
      setJob(first);
      follow(first, () => undefined);
    } catch (error) {
      setProblem(messageOf(error));
    }
  }

  function cancel(): void {
    const jobId = shownJob.current;
    if (jobId === null || cancelling) return;
    setCancelling(true);
    request('imports:cancel', { jobId }).catch((error: unknown) => setProblem(messageOf(error)));
  }

  async function importAgain(file: File, fileName: string, options: ImportAgainOptions): Promise<ImportOutcomeView[]> {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const first = await send([{ fileName, bytes, options }]);
    const ended = await new Promise<ImportJobState>((resolve) => follow(first, resolve));
    if (!isFinished(ended)) throw new StanceError('failed', 'Stance lost touch with that import. Runs it imported are kept; open the Runs list to see them.');
    if (ended.failure !== null) throw new StanceError('failed', ended.failure);
    if (mounted.current) setEdits((before) => [...before, { fileName, outcomes: ended.outcomes }]);
    return ended.outcomes;
  }

  const outcomes = edits.reduce((list, edit) => withImportAgain(list, edit.fileName, edit.outcomes), job?.outcomes ?? []);
  return { job, outcomes, running: job !== null && isRunning(job), cancelling, problem, start, cancel, importAgain };
}
