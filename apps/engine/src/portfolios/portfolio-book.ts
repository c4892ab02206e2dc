import { divRoundPaise, markPrice, unrealizedPnl, type AccountId, type Instrument, type MarketSnapshot, type Paise, type PortfolioId, type PortfolioLive, type PositionState, type Tick } from '@strikedesk/domain';
import type { TradingState } from '../orders/trading-state.ts';

export type PortfolioMarket = {
  latest: (instrumentId: string) => Tick | undefined;
  instrument: (instrumentId: string) => Instrument | undefined;
  /** Delta per unit of an instrument now (1 for futures); null when it cannot be computed. */
  unitDelta: (instrument: Instrument) => number | null;
  /** The underlying's index price now, paise. */
  underlyingPrice: (underlying: string) => Paise | null;
};

/** A portfolio's virtual book right now: its positions (legs and hedges) marked to the market. */
export type PortfolioBookView = {
  positions: PositionState[];
  /** Realized + unrealized over the whole book since the portfolio first traded, exact paise. */
  totalPnl: number;
  netDelta: number | null;
  legs: PortfolioLive['legs'];
  /** Mark price (LTP within the touch, see markPrice) of every instrument in the book, paise. */
  prices: Record<string, number>;
};

export function readPortfolioBook(state: TradingState, market: PortfolioMarket, accountId: AccountId, portfolioId: PortfolioId): PortfolioBookView {
  const positions = state.bookPositionsOf(accountId).filter((position) => position.portfolioId === portfolioId);
  let totalPnl = 0;
  let netDelta: number | null = 0;
  const legs: PortfolioLive['legs'] = [];
  const prices: Record<string, number> = {};
  for (const position of positions) {
    const tick = market.latest(position.instrumentId);
    const last = tick ? markPrice(tick) : null;
    const unrealized = last === null || position.netQuantity === 0 ? 0 : unrealizedPnl(position, last);
    const pnl = position.realizedPnl + unrealized;
    totalPnl += pnl;
    if (last !== null) prices[position.instrumentId] = last;
    if (position.netQuantity !== 0 && netDelta !== null) {
      const instrument = market.instrument(position.instrumentId);
      const delta = instrument ? market.unitDelta(instrument) : null;
      netDelta = delta === null ? null : netDelta + delta * position.netQuantity;
    }
    legs.push({
      instrumentId: position.instrumentId,
      netQuantity: position.netQuantity,
      averagePrice: position.netQuantity === 0 ? null : divRoundPaise(position.openCost, position.netQuantity),
      lastPrice: last,
      pnl,
    });
  }
  return { positions, totalPnl, netDelta: netDelta === null ? null : Math.round(netDelta * 100) / 100, legs, prices };
}

export const hasOpenPositions = (book: PortfolioBookView): boolean => book.positions.some((position) => position.netQuantity !== 0);

export function marketSnapshot(at: number, underlying: Paise | null, book: PortfolioBookView, mtm: number | null, extraPrices: Record<string, number> = {}): MarketSnapshot {
  return { at, underlying, mtm, netDelta: book.netDelta, prices: { ...book.prices, ...extraPrices } };
}
