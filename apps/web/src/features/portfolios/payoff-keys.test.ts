import { describe, expect, it } from 'vitest';
import { keyedIndex } from './payoff-keys.ts';

describe('keyedIndex', () => {
  it('starts reading at spot, then steps a level per arrow and ten per page', () => {
    expect(keyedIndex('ArrowRight', null, 201, 100)).toBe(100);
    expect(keyedIndex('ArrowRight', 100, 201, 100)).toBe(101);
    expect(keyedIndex('ArrowLeft', 100, 201, 100)).toBe(99);
    expect(keyedIndex('PageUp', 100, 201, 100)).toBe(110);
    expect(keyedIndex('PageDown', 100, 201, 100)).toBe(90);
  });

  it('stays on the curve at its ends', () => {
    expect(keyedIndex('ArrowRight', 200, 201, 100)).toBe(200);
    expect(keyedIndex('PageDown', 3, 201, 100)).toBe(0);
    expect(keyedIndex('Home', 50, 201, 100)).toBe(0);
    expect(keyedIndex('End', 50, 201, 100)).toBe(200);
  });

  it('leaves other keys, and an empty curve, alone', () => {
    expect(keyedIndex('Tab', 50, 201, 100)).toBeUndefined();
    expect(keyedIndex('ArrowRight', null, 0, 0)).toBeUndefined();
  });
});
