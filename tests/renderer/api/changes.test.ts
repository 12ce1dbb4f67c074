import { describe, expect, it } from 'vitest';
import { announceChange, changeVersion, onChange } from '../../../src-renderer/src/api/changes';

describe('every reader hears of every save', () => {
  it('calls each listener once per change, and no longer once unsubscribed', () => {
    const heard: string[] = [];
    const stopToday = onChange(() => heard.push('today'));
    const stopRuns = onChange(() => heard.push('runs'));
    const before = changeVersion();
    announceChange();
    stopRuns();
    announceChange();
    stopToday();
    announceChange();
    expect(heard).toEqual(['today', 'runs', 'today']);
    expect(changeVersion()).toBe(before + 3);
  });
});
