/**
 * An import through the window's channels, to its end: `imports:start`, then the catch-up read
 * (`imports:status`) until the job has its summary or failure. For tests that drive the handlers
 * or the dispatcher without a window (no events are pushed to them).
 */
import type { Handlers } from '../../src-main/ipc/core';
import type { Dispatch } from '../../src-main/ipc/dispatch';
import type { ChannelInput } from '../../src-main/shared/contract';
import type { ImportJobView } from '../../src-main/shared/import';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts an import through the handlers and waits for it to finish; every outcome, in order. */
export async function importThroughHandlers(handlers: Handlers, input: ChannelInput<'imports:start'>): Promise<ImportJobView> {
  const { jobId } = await handlers['imports:start'](input as never);
  for (;;) {
    const view = await handlers['imports:status']({ jobId } as never);
    if (view.summary !== null || view.failure !== null) return view;
    await pause(20);
  }
}

/** The same through the dispatcher (validation and all), as `url`'s page; a refusal of the start is returned as it came. */
export async function importThroughDispatch(dispatch: Dispatch, input: unknown, url: string): Promise<{ ok: true; view: ImportJobView } | { ok: false; message: string }> {
  const started = await dispatch('imports:start', input, { url });
  if (!started.ok) return { ok: false, message: started.error.message };
  const { jobId } = started.value as { jobId: number };
  for (;;) {
    const status = await dispatch('imports:status', { jobId }, { url });
    if (!status.ok) return { ok: false, message: status.error.message };
    const view = status.value as ImportJobView;
    if (view.summary !== null || view.failure !== null) return { ok: true, view };
    await pause(20);
  }
}
