import type { FakeMarketSnapshot } from './fake-kite-ticker.ts';

export type FakeSnapshotInput = {
  token: number;
  /** Raw Kite price (paise for F&O). */
  lastPrice: number;
  /** Best bid and ask; default one `step` either side of the last price. */
  bid?: number;
  ask?: number;
  /** Price between depth levels (the instrument's tick size); default 5 paise. */
  step?: number;
  /** Quantity at each of the five levels each side. */
  levelQuantity?: number;
  /** Previous session's close; default the last price. */
  close?: number;
  volumeTraded?: number;
  openInterest?: number;
  exchangeTimestampSeconds?: number;
};

/**
 * One instrument's market as the fake KiteTicker publishes it: a full snapshot with five depth
 * levels each side stepping away from the touch. For tests of the feed and for the benchmark.
 */
export function fakeSnapshot(input: FakeSnapshotInput): FakeMarketSnapshot {
  const step = input.step ?? 5;
  const quantity = input.levelQuantity ?? 750;
  const bid = input.bid ?? input.lastPrice - step;
  const ask = input.ask ?? input.lastPrice + step;
  const close = input.close ?? input.lastPrice;
  const levels = (best: number, direction: 1 | -1) => [0, 1, 2, 3, 4].map((level) => ({ quantity, price: best + direction * level * step, orders: 1 + level }));
  return {
    token: input.token,
    lastPrice: input.lastPrice,
    lastTradedQuantity: 75,
    averageTradedPrice: input.lastPrice,
    volumeTraded: input.volumeTraded ?? 100_000,
    totalBuyQuantity: quantity * 5,
    totalSellQuantity: quantity * 5,
    open: close,
    high: Math.max(close, input.lastPrice),
    low: Math.min(close, input.lastPrice),
    close,
    lastTradeTimeSeconds: input.exchangeTimestampSeconds ?? 0,
    openInterest: input.openInterest ?? 0,
    openInterestDayHigh: input.openInterest ?? 0,
    openInterestDayLow: input.openInterest ?? 0,
    exchangeTimestampSeconds: input.exchangeTimestampSeconds ?? 0,
    bids: levels(bid, -1),
    asks: levels(ask, 1),
  };
}
