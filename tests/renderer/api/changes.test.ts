import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { announceChange, changeVersion, onChange } from '../../../src-renderer/src/api/changes';
import { channelNames, type ChannelName } from '../../../src-main/shared/channels';
import { dataAreas, overlaps } from '../../../src-main/shared/channel-spec';
import { areasChanged, areasRead, contract } from '../../../src-main/shared/contract';

describe('a save reaches the readers of what it changed, and no others', () => {
  it('calls each listener with the areas of each change, and no longer once unsubscribed', () => {
    const heard: string[] = [];
    const stopToday = onChange((areas) => heard.push(`today:${areas.join(',')}`));
    const stopRuns = onChange((areas) => heard.push(`runs:${areas.join(',')}`));
    announceChange(['runs']);
    stopRuns();
    announceChange(['shoes', 'runs']);
    stopToday();
    announceChange(['pain']);
    expect(heard).toEqual(['today:runs', 'runs:runs', 'today:shoes,runs']);
  });

  it('moves the version of exactly the areas a save changed', () => {
    const insights = areasRead('insights:get');
    const shoes = areasRead('shoes:list');
    const beforeInsights = changeVersion(insights);
    const beforeShoes = changeVersion(shoes);
    announceChange(areasChanged('shoes:add'));
    expect(changeVersion(insights)).toBe(beforeInsights);
    expect(changeVersion(shoes)).toBe(beforeShoes + 1);
    announceChange(areasChanged('runs:add'));
    expect(changeVersion(insights)).toBe(beforeInsights + 1);
    announceChange([]);
    expect(changeVersion(insights)).toBe(beforeInsights + 1);
  });

  it('moves a reader’s version whenever any area it reads changed (generated saves)', () => {
    const area = fc.constantFrom(...dataAreas);
    fc.assert(
      fc.property(fc.uniqueArray(area, { maxLength: 4 }), fc.uniqueArray(area, { minLength: 1, maxLength: 4 }), (reads, changed) => {
        const before = changeVersion(reads);
        announceChange(changed);
        expect(changeVersion(reads) !== before).toBe(overlaps(reads, changed));
      }),
    );
  });
});

describe('every channel declares what it reads or what it changes', () => {
  it('is a read or a write, never both', () => {
    for (const name of channelNames) {
      const spec = contract[name] as { reads?: unknown; changes?: unknown };
      expect([spec.reads === undefined, spec.changes === undefined].filter(Boolean), name).toHaveLength(1);
    }
  });

  it('a save of shoes does not touch the Insights or the report, while the shoe list and the runs list (shoe names) ask again', () => {
    const changed = [...areasChanged('shoes:add'), ...areasChanged('shoes:update')];
    const askAgain = (read: ChannelName) => overlaps(areasRead(read), changed);
    expect(askAgain('insights:get')).toBe(false);
    expect(askAgain('report:get')).toBe(false);
    expect(askAgain('shoes:list')).toBe(true);
    expect(askAgain('runs:list')).toBe(true);
  });

  it('a restore or an import of an export makes every read ask again', () => {
    for (const write of ['backups:restore', 'data:importJson'] as const) {
      for (const name of channelNames) {
        if (areasRead(name).length > 0) expect(overlaps(areasRead(name), areasChanged(write)), `${write} → ${name}`).toBe(true);
      }
    }
  });
});

describe('a reader of the Insights, as useChannel subscribes it', () => {
  /**
   * useChannel asks again exactly when its snapshot useSyncExternalStore(onChange, () =>
   * changeVersion(areasRead(channel))) moves; useSave announces areasChanged(channel). This
   * drives the same two calls for every shoe save the contract has.
   */
  function reader(channel: ChannelName) {
    const areas = areasRead(channel);
    let snapshot = changeVersion(areas);
    let asks = 0;
    const unsubscribe = onChange(() => {
      const next = changeVersion(areas);
      if (next !== snapshot) asks += 1;
      snapshot = next;
    });
    return { asks: () => asks, unsubscribe };
  }

  it('saving, editing or retiring a shoe never makes insights:get ask again; the shoe list does, each time', () => {
    const shoeWrites = channelNames.filter((name) => name.startsWith('shoes:') && areasChanged(name).length > 0);
    expect(shoeWrites.length).toBeGreaterThan(0);
    const insights = reader('insights:get');
    const shoes = reader('shoes:list');
    for (const write of shoeWrites) announceChange(areasChanged(write));
    expect(insights.asks()).toBe(0);
    expect(shoes.asks()).toBe(shoeWrites.length);
    // A run saved afterwards does reach the Insights: the reader is live, not deaf.
    announceChange(areasChanged('runs:add'));
    expect(insights.asks()).toBe(1);
    insights.unsubscribe();
    shoes.unsubscribe();
  });
});
