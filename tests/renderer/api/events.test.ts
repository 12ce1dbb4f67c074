import { describe, expect, it } from 'vitest';
import { parseEvent } from '../../../src-renderer/src/api/events';
import { isPageId, pageLabel, pages } from '../../../src-renderer/src/api/pages';

describe('typed events from main', () => {
  it('lets through a navigate to a page the window has', () => {
    for (const page of pages) expect(parseEvent('navigate', page.id)).toBe(page.id);
  });

  it('drops a navigate to anything else', () => {
    for (const payload of ['', 'Runs', 'admin', '__proto__', 42, null, undefined, { page: 'runs' }]) {
      expect(parseEvent('navigate', payload)).toBeUndefined();
    }
  });

  it('names every page in the runner’s words', () => {
    expect(pages.map((page) => pageLabel(page.id))).toEqual(['Today', 'Runs', 'Strength', 'Pain', 'Insights', 'Experiment', 'Report', 'Settings']);
    expect(isPageId('insights')).toBe(true);
    expect(isPageId('toString')).toBe(false);
  });
});
