/**
 * Pushes an import job's news to the window that started it, as `import` events
 * (shared/import-events.ts), so the window never polls:
 *  - each event carries the job's progress, the outcomes decided since the last event (in order,
 *    with `from`, their index in the job's list), the outcome count, and the summary or failure
 *    once there is one;
 *  - at most one event per `IMPORT_EVENT_INTERVAL_MS` (10 a second): changes in between are
 *    gathered into the next event; the final one (summary or failure) goes at once, always;
 *  - a batch of news larger than `MAX_OUTCOMES_PER_EVENT` outcomes goes as several events.
 * The window reconciles by outcome index (src-renderer/src/api/import-job-state.ts): an event
 * it missed shows as a gap, filled by `imports:status`.
 */
import type { ImportJobView } from '../shared/import';
import { IMPORT_EVENT_INTERVAL_MS, MAX_OUTCOMES_PER_EVENT } from '../shared/import-events';
import type { ImportJob } from './jobs';

/** The job as the window sees it, with the outcomes from index `since` on (at most `limit` of them). */
export function jobView(jobId: number, job: Omit<ImportJob, 'cancel' | 'finished' | 'onChange'>, since: number, limit = Number.POSITIVE_INFINITY): ImportJobView {
  const from = Math.min(since, job.outcomes.length);
  return {
    jobId,
    progress: { ...job.progress },
    from,
    outcomes: job.outcomes.slice(from, from + limit),
    outcomeCount: job.outcomes.length,
    summary: job.summary,
    failure: job.failure,
  };
}

export interface PushOptions {
  /** Least time between two events, in ms (default `IMPORT_EVENT_INTERVAL_MS`). */
  intervalMs?: number;
  /** The clock (ms) and timers: tests pass fake ones. */
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
}

/**
 * Sends `job`'s news through `send` until it has finished (see the module comment); returns a
 * function that stops it early. `send` must not throw (a window gone is its caller's concern).
 */
export function pushJobEvents(jobId: number, job: ImportJob, send: (view: ImportJobView) => void, options: PushOptions = {}): () => void {
  const interval = options.intervalMs ?? IMPORT_EVENT_INTERVAL_MS;
  const now = options.now ?? (() => Date.now());
  const setTimer = options.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  let sent = 0;
  let lastAt = Number.NEGATIVE_INFINITY;
  let timer = false;
  let done = false;
  const flush = (): void => {
    timer = false;
    if (done) return;
    const final = job.summary !== null || job.failure !== null;
    do {
      const view = jobView(jobId, job, sent, MAX_OUTCOMES_PER_EVENT);
      sent = view.from + view.outcomes.length;
      // A part of the news counts only its own outcomes (so the window sees no gap the next part fills),
      // and is not final: the summary goes with the last outcome.
      send(sent < job.outcomes.length ? { ...view, outcomeCount: sent, summary: null, failure: null } : view);
    } while (sent < job.outcomes.length);
    lastAt = now();
    if (final) stop();
  };
  const onChange = (): void => {
    if (done) return;
    if (job.summary !== null || job.failure !== null) return flush();
    if (timer) return;
    timer = true;
    setTimer(flush, Math.max(0, lastAt + interval - now()));
  };
  const unsubscribe = job.onChange(onChange);
  const stop = (): void => {
    done = true;
    unsubscribe();
  };
  if (job.summary !== null || job.failure !== null) flush();
  return stop;
}
