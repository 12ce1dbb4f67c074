/**
 * What the window knows of one import job, put together from the views main sends — pushed
 * `import` events and the catch-up read `imports:status` (shared/import-events.ts) — by outcome
 * index, so whatever order they come in, however often, and whichever are missed:
 *  - an outcome is taken once, at its index: a view whose `from` is at or before the outcomes
 *    held adds only those after them; one that starts after them (events were missed) adds
 *    nothing and shows the gap (`gapFrom`), which the catch-up read from that index fills;
 *  - progress is taken from the freshest view (more outcomes, then more files read), never
 *    moved back by a late one;
 *  - the summary (or failure) is kept once it came; the job is finished only when every outcome
 *    it counts is held too.
 * Pure functions, no React (src-renderer/src/api/import-job.ts holds the state).
 */
import type { ImportJobView, ImportOutcomeView, ImportProgressView, ImportSummaryView } from '../../../src-main/shared/import';
import { needsStartTime } from '../../../src-main/shared/import-formats';

export interface ImportJobState {
  jobId: number;
  progress: ImportProgressView;
  /** The job's outcomes from index 0, in the order the import decided them, without a gap. */
  outcomes: ImportOutcomeView[];
  /** The most outcomes any view said the job has (`outcomeCount`). */
  known: number;
  /** The `outcomeCount` of the view the progress was taken from. */
  progressAt: number;
  summary: ImportSummaryView | null;
  failure: string | null;
}

/** A job just started: nothing heard yet (`filesTotal` and the first file's name from what was sent). */
export function startedJob(jobId: number, filesTotal: number, firstFile: string | null): ImportJobState {
  return { jobId, progress: { filesRead: 0, filesTotal, runsImported: 0, currentFile: firstFile }, outcomes: [], known: 0, progressAt: -1, summary: null, failure: null };
}

/** `state` with what `view` adds (see the module comment); `state` itself when it adds nothing or is another job's. */
export function applyView(state: ImportJobState, view: ImportJobView): ImportJobState {
  if (view.jobId !== state.jobId) return state;
  const have = state.outcomes.length;
  const end = view.from + view.outcomes.length;
  const outcomes = view.from <= have && end > have ? [...state.outcomes, ...view.outcomes.slice(have - view.from)] : state.outcomes;
  const final = view.summary !== null || view.failure !== null;
  const fresher = final || view.outcomeCount > state.progressAt || (view.outcomeCount === state.progressAt && view.progress.filesRead >= state.progress.filesRead);
  const next: ImportJobState = {
    jobId: state.jobId,
    progress: fresher ? view.progress : state.progress,
    outcomes,
    known: Math.max(state.known, view.outcomeCount, outcomes.length),
    progressAt: fresher ? Math.max(view.outcomeCount, state.progressAt) : state.progressAt,
    summary: state.summary ?? view.summary,
    failure: state.failure ?? view.failure,
  };
  const same =
    next.outcomes === state.outcomes && next.known === state.known && next.progressAt === state.progressAt && next.summary === state.summary && next.failure === state.failure && sameProgress(next.progress, state.progress);
  return same ? state : next;
}

function sameProgress(a: ImportProgressView, b: ImportProgressView): boolean {
  return a.filesRead === b.filesRead && a.filesTotal === b.filesTotal && a.runsImported === b.runsImported && a.currentFile === b.currentFile;
}

/** The index to read from when outcomes are known to be missing (`imports:status` since it); null when none are. */
export function gapFrom(state: ImportJobState): number | null {
  return state.outcomes.length < state.known ? state.outcomes.length : null;
}

/** Ended (summary or failure) with every outcome held. */
export function isFinished(state: ImportJobState): boolean {
  return (state.summary !== null || state.failure !== null) && gapFrom(state) === null;
}

/** Still going, as far as the window knows (no summary nor failure yet). */
export function isRunning(state: ImportJobState): boolean {
  return state.summary === null && state.failure === null;
}

/**
 * The list after one file was imported again (a date given, "Import anyway"): `again`'s outcomes
 * take the places of that file's own (a file given on its own: no archive member), matched by
 * recording. A recording the first import brought in comes back as a duplicate of itself: the
 * first answer is kept for it.
 */
export function withImportAgain(outcomes: readonly ImportOutcomeView[], fileName: string, again: readonly ImportOutcomeView[]): ImportOutcomeView[] {
  return outcomes.map((outcome) => {
    if (outcome.file !== fileName || outcome.entry !== null) return outcome;
    const index = outcome.track?.index ?? null;
    const next = again.find((candidate) => (candidate.track?.index ?? null) === index) ?? (again.length === 1 ? again[0] : undefined);
    if (next === undefined) return outcome;
    if (outcome.status === 'imported' && next.status === 'duplicate' && next.code === 'same-points' && next.runId === outcome.runId) return outcome;
    return { ...next, file: outcome.file };
  });
}

/**
 * Whether the runner can give this outcome's date in the window: a file given on its own (not
 * inside an archive: that one file can be sent again) refused for want of usable times — code
 * 'needs-start-time', decided by main. Decided on the code only, never on the reason's words.
 */
export function needsDate(outcome: ImportOutcomeView): boolean {
  return needsStartTime(outcome) && outcome.entry === null;
}
