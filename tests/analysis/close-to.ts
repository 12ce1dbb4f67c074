import { expect } from 'vitest';

/**
 * Asserts |actual − expected| ≤ relativeTolerance · |expected| (or ≤ relativeTolerance when
 * expected is 0). References printed by R to 15 significant digits are compared at 1e-10.
 */
export function expectRelativelyClose(actual: number | null | undefined, expected: number, relativeTolerance = 1e-10): void {
  expect(actual).not.toBeNull();
  expect(actual).toBeTypeOf('number');
  const scale = expected === 0 ? 1 : Math.abs(expected);
  const error = Math.abs((actual as number) - expected) / scale;
  if (!(error <= relativeTolerance)) {
    expect.fail(`expected ${actual} to be within ${relativeTolerance} (relative) of ${expected}; off by ${error}`);
  }
}
