/**
 * The one door: (channel, payload, sender) → result. ipcMain and the browser test harness
 * both call this function; only the transport in front of it differs.
 *
 * It refuses callers other than Stance's own page, validates every payload against the
 * contract, and turns every failure into a message for the runner. It never throws.
 */
import { isChannelName } from '../shared/channels';
import { contract } from '../shared/contract';
import { StanceError } from '../shared/errors';
import type { CallResult } from '../shared/result';
import type { Caller, Handlers } from './core';

export type { Caller };

export type Dispatch = (channel: unknown, payload: unknown, caller: Caller) => Promise<CallResult<unknown>>;

export interface DispatchOptions {
  /** True when a URL is a page of Stance's own. */
  isTrustedPage: (url: string) => boolean;
  /** Where Stance's own faults are reported (never shown to the runner). */
  logFault?: (channel: string, error: unknown) => void;
  /** Turns an error the runner can act on (a database busy, read-only, on a full disk) into words; undefined for Stance's own faults. */
  describeFault?: (error: unknown) => StanceError | undefined;
}

const FOREIGN_PAGE = 'This request did not come from Stance’s own window, so it was ignored.';
const UNKNOWN_CHANNEL = 'Stance does not know that request. Nothing was changed.';
const OWN_FAULT = 'Something went wrong inside Stance. Nothing was changed; please try again.';

export function createDispatch(handlers: Handlers, options: DispatchOptions): Dispatch {
  return async (channel, payload, caller) => {
    if (!caller.url || !options.isTrustedPage(caller.url)) {
      return { ok: false, error: { kind: 'refused', message: FOREIGN_PAGE } };
    }
    if (!isChannelName(channel)) {
      return { ok: false, error: { kind: 'refused', message: UNKNOWN_CHANNEL } };
    }
    const parsed = contract[channel].input.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.map(String).join('.') || undefined;
      const message = issue?.message ?? 'That input is not valid. Nothing was changed.';
      return { ok: false, error: field ? { kind: 'invalid', message, field } : { kind: 'invalid', message } };
    }
    try {
      const handler = handlers[channel] as (input: unknown, caller: Caller) => unknown;
      const value = await handler(parsed.data, caller);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof StanceError) return { ok: false, error: error.toInfo() };
      const worded = options.describeFault?.(error);
      if (worded) return { ok: false, error: worded.toInfo() };
      options.logFault?.(channel, error);
      return { ok: false, error: { kind: 'failed', message: OWN_FAULT } };
    }
  };
}

/** A page is ours when it is exactly the app's own document (query and fragment aside). */
export function samePage(expected: string): (url: string) => boolean {
  const want = stripQueryAndHash(expected);
  return (url) => stripQueryAndHash(url) === want;
}

function stripQueryAndHash(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.search = '';
    parsed.hash = '';
    return parsed.href;
  } catch {
    return '';
  }
}
