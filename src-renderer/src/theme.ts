/**
 * Light or dark: the Settings choice (system/light/dark) resolved against the system's
 * prefers-color-scheme, and applied as <html data-theme="…"> (styles.css holds both palettes
 * as tokens). Charts and the route read the same tokens through themeColour().
 */
import { useLayoutEffect, useSyncExternalStore } from 'react';
import type { ThemeChoice } from '../../src-main/shared/domain';

export type Theme = 'light' | 'dark';

/** The theme shown for a choice, given whether the system is in dark mode. Pure. */
export function resolveTheme(choice: ThemeChoice, systemIsDark: boolean): Theme {
  if (choice === 'system') return systemIsDark ? 'dark' : 'light';
  return choice;
}

const darkQuery = '(prefers-color-scheme: dark)';

function subscribeToSystem(listener: () => void): () => void {
  const query = window.matchMedia(darkQuery);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
}

/** Whether the system is in dark mode now, following changes. */
export function useSystemIsDark(): boolean {
  return useSyncExternalStore(subscribeToSystem, () => window.matchMedia(darkQuery).matches);
}

/** The theme shown for the runner's choice, following the system. */
export function useResolvedTheme(choice: ThemeChoice): Theme {
  return resolveTheme(choice, useSystemIsDark());
}

/** Applies the runner's choice to the document; returns the theme shown. */
export function useAppliedTheme(choice: ThemeChoice): Theme {
  const theme = useResolvedTheme(choice);
  // A layout effect: it runs before any page's (passive) effects, so a chart drawn in an effect
  // reads the new theme's tokens.
  useLayoutEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return theme;
}

/** A colour token's value as the page now shows it (e.g. themeColour('--chart-pace')), for canvas drawing. */
export function themeColour(token: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(token).trim() || '#888';
}
