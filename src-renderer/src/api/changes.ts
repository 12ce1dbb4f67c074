/**
 * What changed: each successful save announces the areas of the runner's data it changed (as its
 * channel declares them in the contract, src-main/shared/channel-spec.ts), and a reader asks
 * again only when an area it depends on changed. So Today never contradicts the Runs page, and
 * saving a pair of shoes does not make the Insights recompute their model.
 * Pure module state, no React.
 */
import type { DataArea } from '../../../src-main/shared/channel-spec';

type Listener = (changed: readonly DataArea[]) => void;

const listeners = new Set<Listener>();
const versions = new Map<DataArea, number>();

/** A save changed `areas`: every reader of them asks again. An empty list tells no one. */
export function announceChange(areas: readonly DataArea[]): void {
  if (areas.length === 0) return;
  for (const area of new Set(areas)) versions.set(area, (versions.get(area) ?? 0) + 1);
  for (const listener of [...listeners]) listener(areas);
}

/** Called with the areas of each change; returns the unsubscribe function. */
export function onChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * How many changes there have been to any of `areas` (a React external-store snapshot): it
 * moves exactly when one of them changed.
 */
export function changeVersion(areas: readonly DataArea[]): number {
  let total = 0;
  for (const area of areas) total += versions.get(area) ?? 0;
  return total;
}
