import { describe, expect, it } from 'vitest';
import { orderByKeys } from '../../src/loaders/index.js';

describe('the DataLoader ordering helper', () => {
  it('returns one result per key, in key order, filling gaps with the missing value', () => {
    const found = new Map([
      ['b', 2],
      ['a', 1],
    ]);
    expect(orderByKeys(['a', 'x', 'b', 'a'], found, 0)).toEqual([1, 0, 2, 1]);
  });
});
