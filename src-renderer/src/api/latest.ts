/**
 * Only the newest reply counts. A page that asks again (new dates in a filter, the next page of
 * runs, a save elsewhere) must not be overwritten by a slower answer to an older question.
 * Pure; tested in latest.test.ts.
 */
export interface LatestOnly {
  /** Starts a request and returns its ticket; every older ticket is now stale. */
  begin(): number;
  /** True while `ticket` is the newest request and the owner is still mounted. */
  isCurrent(ticket: number): boolean;
  /** The owner went away (unmounted): every ticket is stale. */
  cancel(): void;
}

export function latestOnly(): LatestOnly {
  let newest = 0;
  let cancelled = false;
  return {
    begin() {
      cancelled = false;
      newest += 1;
      return newest;
    },
    isCurrent(ticket) {
      return !cancelled && ticket === newest;
    },
    cancel() {
      cancelled = true;
    },
  };
}

/**
 * A stable key for a channel and its input, so a reader asks again only when the question
 * changed (not when the page made an equal object anew). Inputs are plain JSON values.
 */
export function questionKey(channel: string, input: unknown): string {
  return `${channel}\u0000${input === undefined ? '' : JSON.stringify(input)}`;
}
