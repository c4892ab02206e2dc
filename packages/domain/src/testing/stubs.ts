import type { EngineEvent } from '../events.ts';
import { asAccountId, asClientOrderId, asInstrumentId, asOrderId, asUserId } from '../ids.ts';
import type { Tick } from '../market.ts';
import { paise } from '../money.ts';
import type { OrderSpec } from '../order.ts';

/**
 * Test stubs (`stubs.tick(...)` in the style of NautilusTrader's test kits): valid domain values
 * with only the fields a test cares about spelled out. Test code only.
 */
export function stubTick(instrumentId: string, lastPrice: number, overrides: Partial<Tick> = {}): Tick {
  const price = paise(lastPrice);
  return {
    instrumentId: asInstrumentId(instrumentId),
    timestamp: 0,
    lastPrice: price,
    previousClose: price,
    open: price,
    high: price,
    low: price,
    bid: null,
    ask: null,
    bids: [],
    asks: [],
    volume: 0,
    openInterest: 0,
    ...overrides,
  };
}

/** A valid OrderSubmitted event: a 1-lot NIFTY future MARKET buy unless overridden. */
export function stubOrderSubmitted(args: {
  accountId: string;
  userId: string;
  orderId: string;
  clientOrderId: string;
  at?: number;
  spec?: Partial<OrderSpec>;
}): Extract<EngineEvent, { type: 'OrderSubmitted' }> {
  return {
    type: 'OrderSubmitted',
    accountId: asAccountId(args.accountId),
    userId: asUserId(args.userId),
    orderId: asOrderId(args.orderId),
    clientOrderId: asClientOrderId(args.clientOrderId),
    at: args.at ?? 1,
    spec: {
      instrumentId: asInstrumentId('NFO:NIFTY26DECFUT'),
      side: 'BUY',
      type: 'MARKET',
      product: 'NRML',
      quantity: 65,
      price: null,
      triggerPrice: null,
      ...args.spec,
    },
  };
}
