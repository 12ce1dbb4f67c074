/**
 * The pages of the window, by id. The one list the sidebar, the menu's `navigate` event and
 * in-app links share: a page id is typed, and an unknown one (from the menu) is ignored.
 */
export const pages = [
  { id: 'today', label: 'Today', icon: '◎' },
  { id: 'runs', label: 'Runs', icon: '↗' },
  { id: 'strength', label: 'Strength', icon: '▲' },
  { id: 'pain', label: 'Pain', icon: '✚' },
  { id: 'insights', label: 'Insights', icon: '◔' },
  { id: 'experiment', label: 'Experiment', icon: '⚖' },
  { id: 'report', label: 'Report', icon: '▤' },
  { id: 'settings', label: 'Settings', icon: '⚙' },
] as const;

export type PageId = (typeof pages)[number]['id'];

export function isPageId(value: unknown): value is PageId {
  return typeof value === 'string' && pages.some((page) => page.id === value);
}

/** The sidebar's label for a page ("Runs"). */
export function pageLabel(page: PageId): string {
  return pages.find((entry) => entry.id === page)?.label ?? '';
}
