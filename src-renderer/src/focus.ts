/**
 * After a save, focus goes to what was made: the element marked data-focus-key="KEY", as soon
 * as it is on the page (lists reload after a save, so it may appear a moment later).
 */
import { useCallback, useEffect, useRef } from 'react';

/** Returns focusOn(key): the element with data-focus-key=key gets focus once it is rendered (for up to 5 s). */
export function useFocusAfterSave(): (key: string) => void {
  const stop = useRef<(() => void) | undefined>(undefined);
  useEffect(() => () => stop.current?.(), []);
  return useCallback((key: string) => {
    stop.current?.();
    const find = () => document.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`);
    const observer = new MutationObserver(() => {
      const element = find();
      if (!element) return;
      element.focus();
      finish();
    });
    const giveUp = window.setTimeout(() => finish(), 5000);
    const finish = () => {
      observer.disconnect();
      window.clearTimeout(giveUp);
      stop.current = undefined;
    };
    stop.current = finish;
    observer.observe(document.body, { childList: true, subtree: true });
    // Already there (an edited row keeps its place): focus it after this render.
    window.requestAnimationFrame(() => {
      const element = find();
      if (element && stop.current === finish) {
        element.focus();
        finish();
      }
    });
  }, []);
}
