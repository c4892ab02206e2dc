import { describe, expect, it } from 'vitest';
import { TradeIndex } from './trade-index.ts';

describe('TradeIndex', () => {
  it('knows a fill by its order and trade id: one trade id may fill several orders (other segments, other days), each once', () => {
    const index = new TradeIndex();
    index.add('261209-1', '70000123');
    index.add('261209-1', '70000123'); // resent
    expect([index.has('261209-1', '70000123'), index.has('261209-2', '70000123')]).toEqual([true, false]);
    index.add('261209-2', '70000123'); // a BFO fill with an NFO fill's number
    index.add('261210-7', '70000123'); // the next day's
    index.add('261210-7', '70000123');
    index.add('261209-1', '70000124');
    expect(index.size).toBe(4);
    expect(['261209-1', '261209-2', '261210-7', '261210-8'].map((orderId) => index.has(orderId, '70000123'))).toEqual([true, true, true, false]);
    expect([...index.entries()].sort()).toEqual([
      ['261209-1', '70000123'],
      ['261209-1', '70000124'],
      ['261209-2', '70000123'],
      ['261210-7', '70000123'],
    ]);
  });
});
