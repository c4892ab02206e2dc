import { paise, type InstrumentId, type Tick } from '@strikedesk/domain';
import type { XtsQuoteState } from './xts-market-messages.ts';

/**
 * One instrument's XTS state → our Tick. Null until a last price is known (a Tick always has one).
 * `Close` in XTS's touchline is the previous session's close, our previousClose; missing
 * open/high/low fall back to the last price, as for an instrument that has not traded today.
 */
export function toTick(instrumentId: InstrumentId, state: XtsQuoteState, receivedAt: number): Tick | null {
  if (state.lastPrice === null) return null;
  const last = state.lastPrice;
  return {
    instrumentId,
    timestamp: state.timestamp ?? receivedAt,
    lastPrice: last,
    previousClose: state.close ?? last,
    open: state.open ?? last,
    high: state.high ?? last,
    low: state.low ?? last,
    bid: state.bids[0]?.price ?? null,
    ask: state.asks[0]?.price ?? null,
    bids: state.bids.map((level) => ({ price: paise(level.price), quantity: Math.trunc(level.quantity), orders: Math.trunc(level.orders) })),
    asks: state.asks.map((level) => ({ price: paise(level.price), quantity: Math.trunc(level.quantity), orders: Math.trunc(level.orders) })),
    volume: Math.max(0, Math.trunc(state.volume ?? 0)),
    openInterest: Math.max(0, Math.trunc(state.openInterest ?? 0)),
  };
}
