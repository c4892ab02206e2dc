import { pino } from 'pino';
import { KiteBroker } from '../kite/kite-broker.ts';
import { startKiteHarness } from '../kite/fake/fake-kite-harness.ts';
import { CONFORMANCE_INSTRUMENT, describeBrokerConformance } from './broker-conformance.ts';

/**
 * The Kite adapter against the fake Kite (its real REST wire protocol). The harness plays the
 * exchange: a quote moves the fake's market price (stops trigger, market orders fill there) and
 * fills a working LIMIT order the new touch trades through, at its limit.
 */
describeBrokerConformance('kite (fake Kite Connect)', async () => {
  const harness = await startKiteHarness({ realClock: true });
  const broker = new KiteBroker({
    client: harness.client,
    accountId: '7a1e9c4f-2b3d-4e5f-8a9b-0c1d2e3f4a5b' as never,
    logger: pino({ level: 'silent' }),
    pollMs: 50,
  });
  const key = CONFORMANCE_INSTRUMENT;
  return {
    broker,
    quote: async (bid, ask, last) => {
      harness.fake.setMarketPrice(key, last);
      for (const order of harness.fake.book.orders) {
        if (order.status !== 'OPEN' || (order.orderType !== 'LIMIT' && order.orderType !== 'SL')) continue;
        const crossed = order.transactionType === 'BUY' ? ask <= order.price : bid >= order.price;
        if (crossed) harness.fake.book.fill(order.orderId, { price: order.price });
      }
      await broker.poll();
    },
    close: async () => {
      broker.close();
      await harness.close();
    },
  };
});
