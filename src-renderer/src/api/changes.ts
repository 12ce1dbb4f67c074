/**
 * A tiny change counter: every successful save bumps it, and every useChannel that reads
 * data reloads, so no page shows what another page has just changed (Today never contradicts
 * the Runs page). Pure module state, no React.
 */
type Listener = () => void;

const listeners = new Set<Listener>();
let version = 0;

/** Something was written: every reader reloads. */
export function announceChange(): void {
  version += 1;
  for (const listener of [...listeners]) listener();
}

/** Called after each change; returns the unsubscribe function. */
export function onChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** How many changes there have been (a React external-store snapshot). */
export function changeVersion(): number {
  return version;
}
