import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ShardedMap } from './sharded-map.ts';

describe('ShardedMap', () => {
  it('behaves as a Map (size, get, has, set, delete, keys, values)', () => {
    const key = fc.oneof(fc.string({ maxLength: 6 }), fc.uuid(), fc.integer({ min: 0, max: 50 }).map((n) => `sd-261209-${n}`));
    const op = fc.oneof(fc.record({ set: key, value: fc.integer() }), fc.record({ delete: key }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 150 }), (ops) => {
        const map = new ShardedMap<number>();
        const model = new Map<string, number>();
        for (const step of ops) {
          if ('set' in step) {
            expect(map.set(step.set, step.value)).toBe(map);
            model.set(step.set, step.value);
          } else expect(map.delete(step.delete)).toBe(model.delete(step.delete));
          expect(map.size).toBe(model.size);
        }
        for (const [k, v] of model) {
          expect(map.get(k)).toBe(v);
          expect(map.has(k)).toBe(true);
        }
        expect([...map.keys()].sort()).toEqual([...model.keys()].sort());
        expect([...map.values()].sort()).toEqual([...model.values()].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('spreads counter-suffixed keys over its shards (no single shard grows with the day)', () => {
    const map = new ShardedMap<number>();
    for (let n = 0; n < 4_096; n += 1) map.set(`sd-261209-${n}`, n);
    const shards = (map as unknown as { shards: Map<string, number>[] }).shards.map((shard) => shard.size);
    expect(Math.max(...shards)).toBeLessThanOrEqual(4_096 / 8);
  });
});
