import { describe, expect, it } from 'vitest';
import { resolveTheme } from '../../src-renderer/src/theme';

describe('light or dark', () => {
  it('follows the system unless the runner chose', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
});
