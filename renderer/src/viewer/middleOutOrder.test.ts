import { describe, expect, it } from 'vitest';
import { middleOutOrder } from './middleOutOrder';

describe('middleOutOrder', () => {
  it('starts at the middle slice and alternates outwards', () => {
    expect(middleOutOrder(5)).toEqual([2, 3, 1, 4, 0]);
    expect(middleOutOrder(4)).toEqual([2, 3, 1, 0]);
  });

  it('is a permutation of every index, for odd, even and tiny stacks', () => {
    for (const n of [0, 1, 2, 3, 300, 301]) {
      const order = middleOutOrder(n);
      expect(order).toHaveLength(n);
      expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });
});
