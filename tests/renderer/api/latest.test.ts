import { describe, expect, it } from 'vitest';
import { latestOnly, questionKey } from '../../../src-renderer/src/api/latest';

describe('latestOnly: a slow answer to an old question is ignored', () => {
  it('counts only the newest request', async () => {
    const tracker = latestOnly();
    const shown: string[] = [];
    const ask = (answer: string, afterMs: number) => {
      const ticket = tracker.begin();
      return new Promise<void>((resolve) =>
        setTimeout(() => {
          if (tracker.isCurrent(ticket)) shown.push(answer);
          resolve();
        }, afterMs),
      );
    };
    // The runner narrows the dates twice; the first answer arrives last.
    await Promise.all([ask('runs in November', 30), ask('runs in the week of 9 Nov', 5)]);
    expect(shown).toEqual(['runs in the week of 9 Nov']);
  });

  it('ignores every answer once its page has gone', () => {
    const tracker = latestOnly();
    const ticket = tracker.begin();
    tracker.cancel();
    expect(tracker.isCurrent(ticket)).toBe(false);
    expect(tracker.isCurrent(tracker.begin())).toBe(true);
  });
});

describe('questionKey', () => {
  it('is equal for equal questions and differs when the input differs', () => {
    expect(questionKey('runs:list', { fromDate: '2026-11-01' })).toBe(questionKey('runs:list', { fromDate: '2026-11-01' }));
    expect(questionKey('runs:list', { fromDate: '2026-11-01' })).not.toBe(questionKey('runs:list', { fromDate: '2026-11-02' }));
    expect(questionKey('runs:list', undefined)).not.toBe(questionKey('shoes:list', undefined));
  });
});
