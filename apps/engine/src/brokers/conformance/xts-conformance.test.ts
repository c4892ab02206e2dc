import { startXtsHarness } from '../xts/fake/fake-xts-harness.ts';
import { describeBrokerConformance } from './broker-conformance.ts';

/**
 * The XTS adapter against the fake XTS Interactive (its REST and socket.io wire protocol). A quote
 * moves the fake's market for NIFTY26DECFUT: market orders fill at the touch, limits when traded
 * through (at their limit), stops trigger on the last price — and outcomes reach the adapter over
 * the order socket, as from XTS. Polling is off, so the socket alone must carry them.
 */
describeBrokerConformance('xts (fake XTS Interactive)', async () => {
  const harness = await startXtsHarness();
  return {
    broker: harness.broker,
    quote: async (bid, ask, last) => {
      harness.fake.setMarket(35003, { bid, ask, last });
    },
    close: () => harness.close(),
  };
});
