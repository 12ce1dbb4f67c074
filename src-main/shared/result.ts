/**
 * What every call through the one door returns: a value, or an error a runner can read.
 *
 * Errors cross IPC as plain data (never a thrown Error, whose message Electron prefixes with
 * "Error invoking remote method ..."), so the renderer can show `message` as it is.
 */
export type ErrorKind =
  /** The input broke a rule (a negative distance, a score of 11). Nothing was written. */
  | 'invalid'
  /** The request was understood but cannot be done (a run that does not exist, a foreign page). */
  | 'refused'
  /** Something went wrong in Stance itself. Nothing was written. */
  | 'failed'
  /** The same record is already there (a run or session typed twice). Nothing was written; the input may say to save anyway. */
  | 'duplicate';

export interface StanceErrorInfo {
  kind: ErrorKind;
  /** One or two sentences in the runner's words, saying what to do about it. */
  message: string;
  /** The form field the message is about, when there is one (e.g. "distanceMetres"). */
  field?: string;
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: StanceErrorInfo };
