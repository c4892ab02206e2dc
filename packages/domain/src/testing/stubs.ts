import { asInstrumentId } from '../ids.ts';
import type { Tick } from '../market.ts';
import { paise } from '../money.ts';

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
