/**
 * Typed events from main. The menu's shortcuts send `navigate` with a page id; it arrives as a
 * string (the IPC boundary knows no types) and only a known PageId gets through.
 */
import { useEffect, useRef } from 'react';
import { isPageId, type PageId } from './pages';

export interface StanceEvents {
  navigate: PageId;
}

/** Parses an event's payload; undefined for anything that is not a valid payload. */
export function parseEvent<E extends keyof StanceEvents>(event: E, payload: unknown): StanceEvents[E] | undefined {
  switch (event) {
    case 'navigate':
      return isPageId(payload) ? payload : undefined;
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
