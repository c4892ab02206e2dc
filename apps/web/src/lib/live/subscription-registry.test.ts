import { describe, expect, it, vi } from 'vitest';
import { SubscriptionRegistry } from './subscription-registry.ts';

describe('SubscriptionRegistry', () => {
  it('subscribes on the first holder and unsubscribes after the last', () => {
    const added = vi.fn();
    const removed = vi.fn();
    const registry = new SubscriptionRegistry(added, removed);
    const releaseA = registry.add(['X', 'Y']);
    const releaseB = registry.add(['Y', 'Z']);
    expect(added.mock.calls).toEqual([[['X', 'Y']], [['Z']]]);
    releaseA();
    expect(removed.mock.calls).toEqual([[['X']]]);
    expect(registry.all().sort()).toEqual(['Y', 'Z']);
    releaseB();
    expect(removed.mock.calls).toEqual([[['X']], [['Y', 'Z']]]);
    expect(registry.all()).toEqual([]);
  });

  it('ignores a second release of the same holder', () => {
    const removed = vi.fn();
    const registry = new SubscriptionRegistry(() => undefined, removed);
    const keep = registry.add(['X']);
    const release = registry.add(['X']);
    release();
    release();
    expect(removed).not.toHaveBeenCalled();
    keep();
    expect(removed).toHaveBeenCalledWith(['X']);
  });
});
