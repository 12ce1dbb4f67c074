/**
 * Moving between pages, typed. A destination is a page and, optionally, what to open on it:
 * a run's page, or a run's pain form. Pages receive navigate() from the shell through context.
 */
import { createContext, useContext } from 'react';
import type { PageId } from './api/pages';

export type Destination =
  | { page: PageId }
  | { page: 'runs'; runId: number }
  | { page: 'pain'; painForRunId: number };

export type Navigate = (destination: PageId | Destination) => void;

export const NavigationContext = createContext<{ navigate: Navigate; destination: Destination } | undefined>(undefined);

/** navigate(page) or navigate({ page, runId }) from anywhere inside the shell. */
export function useNavigate(): Navigate {
  const context = useContext(NavigationContext);
  if (!context) throw new Error('useNavigate outside the shell');
  return context.navigate;
}

/** Where the shell was asked to go (a page may open a run or a form from it). */
export function useDestination(): Destination {
  const context = useContext(NavigationContext);
  if (!context) throw new Error('useDestination outside the shell');
  return context.destination;
}
