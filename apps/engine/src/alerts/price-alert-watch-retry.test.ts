import { afterEach, describe, expect, it } from 'vitest';
import { asUserId, type PriceAlert, type PriceAlertId, type PriceAlertOrder, type Tick } from '@strikedesk/domain';
import { waitUntil } from '@strikedesk/domain/testing';
import { Topic } from '../events/topic.ts';
import { PriceAlertWatch } from './price-alert-watch.ts';

const INSTRUMENT = 'NSE:NIFTY 50';
const alert = {
  id: '11111111-1111-4111-8111-111111111111' as PriceAlertId,
  userId: asUserId('aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa'),
  instrumentId: INSTRUMENT,
  condition: 'ABOVE',
  price: 2_620_000,
  note: '',
  status: 'ACTIVE',
  createdAt: 1,
  triggeredAt: null,
  triggeredPrice: null,
  cancelledAt: null,
  accountId: null,
  order: null,
  orderOutcome: null,
} as PriceAlert;
const tickAt = (lastPrice: number) => ({ instrumentId: INSTRUMENT, lastPrice }) as Tick;
const silent = { info: () => undefined, warn: () => undefined };

const watches: PriceAlertWatch[] = [];
afterEach(async () => {
  for (const watch of watches.splice(0)) await watch.close();
});

/** A watch on a store whose answers the test scripts; no database (the listener never connects). */
function watchWith(store: { active(): Promise<PriceAlert[]>; trigger(id: PriceAlertId, price: number): Promise<PriceAlert | null> }, latest: Tick | undefined, takesOrderNow?: (order: PriceAlertOrder) => boolean) {
  const ticks = new Topic<Tick[]>();
  const watch = new PriceAlertWatch({
    store: { active: () => store.active(), trigger: async (id, price) => { const fired = await store.trigger(id, price); return fired && { ...fired, ownerCanTrade: true }; } },
    ticks,
    latest: () => latest,
    // Port 9 refuses: a listener that never hears anything, as when its notifications are lost.
    databaseUrl: 'postgres://postgres@127.0.0.1:9/none',
    now: () => 0,
    takesOrderNow,
    logger: silent,
    retryAfterMs: 50,
  });
  watches.push(watch);
  return { watch, ticks };
}

describe('the price alert watch after a failure', () => {
  it('fires an alert whose trigger failed even when no further tick comes (ticks stopped)', async () => {
    const triggers: number[] = [];
    const { watch } = watchWith(
      {
        active: async () => [alert],
        trigger: async (_id, price) => {
          triggers.push(price);
          if (triggers.length === 1) throw new Error('connection terminated');
          return { ...alert, status: 'TRIGGERED', triggeredPrice: price } as PriceAlert;
        },
      },
      tickAt(2_620_500),
    );
    await watch.start();
    await waitUntil(() => (triggers.length === 2 ? true : undefined), { timeoutMs: 2_000, message: 'the failed fire tried again' });
    await waitUntil(() => (watch.watching === 0 ? true : undefined), { message: 'fired, no longer watched' });
  });

  it('fires a GTT only while the engine takes its order at this hour (else denied for good); a plain alert at any hour', async () => {
    const gtt = { ...alert, id: '22222222-2222-4222-8222-222222222222' as PriceAlertId, accountId: 'a', order: { side: 'BUY', product: 'NRML', type: 'MARKET', quantity: 65, price: null } } as unknown as PriceAlert;
    let open = false;
    const asked: PriceAlertOrder[] = [];
    const triggered: PriceAlertId[] = [];
    const { watch, ticks } = watchWith(
      {
        active: async () => [alert, gtt],
        trigger: async (id) => {
          triggered.push(id);
          return null;
        },
      },
      undefined,
      (order) => {
        asked.push(order);
        return open;
      },
    );
    await watch.start();
    ticks.publish([tickAt(2_620_500)]);
    expect(triggered).toEqual([alert.id]);
    ticks.publish([tickAt(2_620_600)]);
    expect(triggered).toEqual([alert.id]);
    open = true;
    ticks.publish([tickAt(2_620_700)]);
    expect(triggered).toEqual([alert.id, gtt.id]);
    expect(asked.every((order) => order === gtt.order)).toBe(true); // asked about the GTT's own order (an MIS one waits out the cut-off)
  });

  it('reads the alerts again when a reload failed: a change it was told of is not lost', async () => {
    let failNext = false;
    let stored: PriceAlert[] = [];
    const triggered: PriceAlertId[] = [];
    const { watch, ticks } = watchWith(
      {
        active: async () => {
          if (failNext) {
            failNext = false;
            throw new Error('sorry, too many clients already');
          }
          return stored;
        },
        trigger: async (id) => {
          triggered.push(id);
          return null;
        },
      },
      undefined,
    );
    await watch.start();
    // A new alert is told of, but the read it asks for fails.
    stored = [alert];
    failNext = true;
    await watch.reload();
    expect(watch.watching).toBe(0);
    await waitUntil(() => (watch.watching === 1 ? true : undefined), { timeoutMs: 2_000, message: 'read again' });
    ticks.publish([tickAt(2_620_000)]);
    expect(triggered).toEqual([alert.id]);
  });
});
