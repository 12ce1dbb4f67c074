/**
 * Typed events from main. Each arrives as a string (the IPC boundary knows no types) and is
 * checked here; anything that is not a valid payload is dropped:
 *  - `navigate` (the menu's shortcuts): a known PageId;
 *  - `import` (an import's progress and outcomes, pushed by main): an ImportJobView as JSON,
 *    checked against its schema (shared/import-events.ts).
 */
import { useEffect, useRef } from 'react';
import type { EventName } from '../../../src-main/shared/channels';
import type { ImportJobView } from '../../../src-main/shared/import';
import { parseImportEvent } from '../../../src-main/shared/import-events';
import { isPageId, type PageId } from './pages';

export interface StanceEvents {
  navigate: PageId;
  import: ImportJobView;
}

/** Every event main sends has its payload type here, and nothing else (a compile-time check). */
const everyEventTyped: Record<EventName, true> & Record<keyof StanceEvents, true> = { navigate: true, import: true };
void everyEventTyped;

/** Parses an event's payload; undefined for anything that is not a valid payload. Never throws. */
export function parseEvent<E extends keyof StanceEvents>(event: E, payload: unknown): StanceEvents[E] | undefined {
  switch (event) {
    case 'navigate':
      return (isPageId(payload) ? payload : undefined) as StanceEvents[E] | undefined;
    case 'import':
      return parseImportEvent(payload) as StanceEvents[E] | undefined;
    default:
      return undefined;
  }
}

/** Calls `listener` with each valid `event` from main, while mounted. */
export function useStanceEvent<E extends keyof StanceEvents>(event: E, listener: (payload: StanceEvents[E]) => void): void {
  const listenerRef = useRef(listener);
  useEffect(() => {
    listenerRef.current = listener;
  });
  useEffect(
    () =>
      window.stance.on(event, (payload) => {
        const parsed = parseEvent(event, payload);
        if (parsed !== undefined) listenerRef.current(parsed);
      }),
    [event],
  );
}
