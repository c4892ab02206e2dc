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
      fc.property(fc.array(op, { maxLength: 200 }), fc.array(id, { maxLength: 20 }), fc.constantFrom(0, 1, 150, 301), (ops, probes, start) => {
        const map = new NumberedMap<number>(pb);
        if (start > 0) map.startAt(start);
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

  it('starts its array where it is told new numbers begin (a venue restarted late in the day)', () => {
    const map = new NumberedMap<string>(pb);
    map.startAt(200_001);
    map.set('PB-150123', 'restored'); // an order from before the restart, still working
    for (let n = 200_001; n <= 270_000; n += 1) map.set(`PB-${n}`, 'new');
    expect(map.size).toBe(70_001);
    expect(map.spilled).toBe(1); // only the restored one; without startAt all 70,001 would be
    expect(map.get('PB-150123')).toBe('restored');
    expect(map.get('PB-270000')).toBe('new');
    expect(map.delete('PB-200001')).toBe(true);
    expect(map.get('PB-200001')).toBeUndefined();
    expect(map.size).toBe(70_000);

    const late = new NumberedMap<string>(pb);
    late.set('PB-5', 'first');
    late.startAt(200_001); // too late: the array already holds entries, nothing moves
    expect(late.get('PB-5')).toBe('first');
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
