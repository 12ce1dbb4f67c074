import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ContentCache } from '../../src-main/analysis/content-cache';

describe('ContentCache: a result only for exactly the same inputs', () => {
  it('for generated keys, returns what was stored under equal bytes and nothing for any other key (−0, NaN, one bit apart)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.double(), { maxLength: 6 }), { minLength: 1, maxLength: 12 }), (keys) => {
        const cache = new ContentCache<number>(100);
        const bytes = (values: number[]) => Array.from(new Uint8Array(Float64Array.from(values).buffer)).join(',');
        const stored = new Map<string, number>();
        keys.forEach((values, index) => {
          cache.set(Float64Array.from(values), index);
          stored.set(bytes(values), index);
        });
        for (const values of keys) expect(cache.get(Float64Array.from(values))).toBe(stored.get(bytes(values)));
        // A key that differs in one bit (or one more number) is another input.
        for (const values of keys) {
          const longer = Float64Array.from([...values, 0]);
          if (!stored.has(bytes(Array.from(longer)))) expect(cache.get(longer)).toBeUndefined();
          if (values.length === 0) continue;
          const changed = Float64Array.from(values);
          new Uint32Array(changed.buffer)[0]! ^= 1;
          if (!stored.has(bytes(Array.from(changed)))) expect(cache.get(changed)).toBeUndefined();
        }
      }),
    );
    const cache = new ContentCache<string>(10);
    cache.set(Float64Array.from([0]), 'zero');
    expect(cache.get(Float64Array.from([-0])), '−0 is another input').toBeUndefined();
  });

  it('keeps at most its capacity, dropping the oldest first', () => {
    const cache = new ContentCache<number>(3);
    for (let value = 0; value < 5; value++) cache.set(Float64Array.from([value]), value);
    expect(cache.size).toBe(3);
    expect(cache.get(Float64Array.from([0]))).toBeUndefined();
    expect(cache.get(Float64Array.from([1]))).toBeUndefined();
    expect(cache.get(Float64Array.from([4]))).toBe(4);
    cache.clear();
    expect(cache.get(Float64Array.from([4]))).toBeUndefined();
  });
});
