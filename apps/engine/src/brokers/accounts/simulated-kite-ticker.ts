import type { DepthLevel, Tick } from '@strikedesk/domain';
import { startFakeKiteTicker, type FakeKiteTicker, type FakeMarketSnapshot } from '../kite/ticker/fake-kite-ticker.ts';

const LEVELS = 5;
const EMPTY_LEVEL = { price: 0, quantity: 0, orders: 0 };

/** Kite sends five levels each side; missing ones are zeros on the wire. */
const fiveLevels = (levels: readonly DepthLevel[]): { price: number; quantity: number; orders: number }[] =>
  Array.from({ length: LEVELS }, (_, index) => {
    const level = levels[index];
    return level ? { price: level.price, quantity: level.quantity, orders: level.orders } : EMPTY_LEVEL;
  });

const sum = (levels: readonly DepthLevel[]): number => levels.reduce((total, level) => total + level.quantity, 0);

/** One of our ticks as the Kite ticker would send it for `token` (F&O prices are paise on the wire). */
export function tickToSnapshot(tick: Tick, token: number): FakeMarketSnapshot {
  const seconds = Math.floor(tick.timestamp / 1000);
  return {
    token,
    lastPrice: tick.lastPrice,
    lastTradedQuantity: 0,
    averageTradedPrice: tick.lastPrice,
    volumeTraded: tick.volume,
    totalBuyQuantity: sum(tick.bids),
    totalSellQuantity: sum(tick.asks),
    open: tick.open,
    high: tick.high,
    low: tick.low,
    close: tick.previousClose,
    lastTradeTimeSeconds: seconds,
    openInterest: tick.openInterest,
    openInterestDayHigh: tick.openInterest,
    openInterestDayLow: tick.openInterest,
    exchangeTimestampSeconds: seconds,
    bids: fiveLevels(tick.bids),
    asks: fiveLevels(tick.asks),
  };
}

/**
 * A simulated Zerodha's KiteTicker: the ticker fake streaming the simulated market under the fake
 * instruments file's tokens, so the account can be the engine's market data source like a real
 * one (ADR 0021). Tokens it accepts follow the fake's logins (`setAccessToken`).
 */
export async function startSimulatedKiteTicker(deps: {
  apiKey: string;
  accessToken: string;
  tokenOf: ReadonlyMap<string, number>;
  ticks: { listen(listener: (ticks: Tick[]) => void): () => void };
}): Promise<{ ticker: FakeKiteTicker; close(): Promise<void> }> {
  const ticker = await startFakeKiteTicker({ apiKey: deps.apiKey, accessToken: deps.accessToken });
  const stop = deps.ticks.listen((ticks) => {
    if (ticker.openConnections().length === 0) return; // nobody streams this account: no work on the market's path
    try {
      const snapshots: FakeMarketSnapshot[] = [];
      for (const tick of ticks) {
        const token = deps.tokenOf.get(tick.instrumentId);
        if (token !== undefined) snapshots.push(tickToSnapshot(tick, token));
      }
      if (snapshots.length > 0) ticker.publish(snapshots);
    } catch {
      // A value the wire cannot carry (the encoder refuses it): that batch is not streamed, and the
      // market's other listeners (the same publish) still get it.
    }
  });
  return {
    ticker,
    async close() {
      stop();
      await ticker.close();
    },
  };
}
