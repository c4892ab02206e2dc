import { describe, expect, it, vi } from 'vitest';
import { paise } from '@strikedesk/domain';
import { stubTick } from '@strikedesk/domain/testing';
import { TickStore } from './tick-store.ts';

const tick = (id: string, timestamp: number, lastPrice: number) =>
  stubTick(id, lastPrice, { timestamp, previousClose: paise(100), open: paise(100), high: paise(100), low: paise(100) });

describe('TickStore', () => {
  it('publishes a new snapshot per applied batch and notifies listeners once', () => {
    const store = new TickStore();
    const listener = vi.fn();
    store.subscribe(listener);
    const before = store.getSnapshot();
    store.apply([tick('NSE:A', 1, 101), tick('NSE:B', 1, 102)]);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot()).not.toBe(before);
    expect(store.getSnapshot().get('NSE:B')?.lastPrice).toBe(102);
  });

  it('keeps a newer tick when an older quote arrives late', () => {
    const store = new TickStore();
    store.apply([tick('NSE:A', 10, 150)]);
    const listener = vi.fn();
    store.subscribe(listener);
    store.apply([tick('NSE:A', 5, 120)]);
    expect(store.getSnapshot().get('NSE:A')?.lastPrice).toBe(150);
    expect(listener).not.toHaveBeenCalled();
  });

  it('stops notifying after unsubscribe', () => {
    const store = new TickStore();
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    unsubscribe();
    store.apply([tick('NSE:A', 1, 101)]);
    expect(listener).not.toHaveBeenCalled();
  });
});
