import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberedMap, prefixedNumber } from './numbered-map.ts';

const pb = prefixedNumber('PB');

describe('prefixedNumber', () => {
  it('reads n of <prefix>-<n> and nothing else', () => {
    expect(pb('PB-1')).toBe(1);
    expect(pb('PB-1234567')).toBe(1_234_567);
    for (const id of ['PB-', 'PB-0', 'PB-01', 'PB-1a', 'PX-1', 'PB1', 'pb-1', 'XPB-1', 'PB-1234567890123456', '']) expect(pb(id), id).toBe(0);
  });
});

describe('NumberedMap', () => {
  it('behaves as a Map over numbered, foreign and far-off ids', () => {
    const id = fc.oneof(
      fc.integer({ min: 1, max: 300 }).map((n) => `PB-${n}`),
      fc.integer({ min: 1, max: 1e12 }).map((n) => `PB-${n}`), // far past the end: kept aside
      fc.constantFrom('PB-0', 'PB-07', 'X-3', 'manual'),
    );
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), id, value: fc.integer() }),
      fc.record({ kind: fc.constant('delete' as const), id }),
      fc.record({ kind: fc.constant('clear' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), fc.array(id, { maxLength: 20 }), (ops, probes) => {
        const map = new NumberedMap<number>(pb);
        const model = new Map<string, number>();
        for (const step of ops) {
          if (step.kind === 'set') {
            map.set(step.id, step.value);
            model.set(step.id, step.value);
          } else if (step.kind === 'delete') expect(map.delete(step.id)).toBe(model.delete(step.id));
          else {
            map.clear();
            model.clear();
          }
          expect(map.size).toBe(model.size);
        }
        for (const probe of [...probes, ...model.keys()]) {
          expect(map.get(probe)).toBe(model.get(probe));
          expect(map.has(probe)).toBe(model.has(probe));
        }
        expect([...map.values()].sort()).toEqual([...model.values()].sort());
      }),
      { numRuns: 300 },
    );
  });

  it('keeps an id that first landed far off in one place once the array reaches it', () => {
    const map = new NumberedMap<string>(pb);
    map.set('PB-70000', 'far');
    for (let n = 1; n <= 70_000; n += 1) if (n !== 70_000) map.set(`PB-${n}`, 'near');
    map.set('PB-70000', 'again');
    expect(map.size).toBe(70_000);
    expect(map.get('PB-70000')).toBe('again');
    expect(map.delete('PB-70000')).toBe(true);
    expect(map.get('PB-70000')).toBeUndefined();
    expect(map.size).toBe(69_999);
  });
});
