import { addPaise, dayPnlOn, istDayNumber, mulPaise, positionMarkOf, previousCloseOn, subPaise, ZERO_PAISE, type AccountId, type Instrument, type Paise, type PositionBook, type Product, type Side, type Tick } from '@strikedesk/domain';
import type { OrderActivityCounts } from '../orders/order-activity.ts';
import type { InstrumentExposure, TradingState, WorkingTotals } from '../orders/trading-state.ts';
import type { AccountRiskView } from './account-risk-check.ts';

/** The account risk check's view of the trading state and the market: live indexes, no copies. */
export class TradingRiskView implements AccountRiskView {
  constructor(
    private readonly state: TradingState,
    private readonly market: { latest(instrumentId: string): Tick | undefined; instrument(instrumentId: string): Instrument | undefined; now(): number },
  ) {}

  openOrderCount(accountId: AccountId): number {
    return this.state.openOrderCount(accountId);
  }

  exposures(accountId: AccountId): ReadonlyMap<string, InstrumentExposure> {
    return this.state.exposures(accountId);
  }

  netQuantity(accountId: AccountId, instrumentId: string, product: Product): number {
    return this.state.netQuantity(accountId, instrumentId, product);
  }

  productWorking(accountId: AccountId, instrumentId: string, product: Product): WorkingTotals {
    return this.state.productWorking(accountId, instrumentId, product);
  }

  bookedQuantity(accountId: AccountId, instrumentId: string, product: Product, except: PositionBook | null): number {
    return this.state.bookedQuantity(accountId, instrumentId, product, except);
  }

  bookQuantity(accountId: AccountId, instrumentId: string, product: Product, book: PositionBook): number {
    return this.state.bookQuantity(accountId, instrumentId, product, book);
  }

  workingExitQuantity(accountId: AccountId, instrumentId: string, product: Product, side: Side, ofBook?: PositionBook | null, alsoUnattributed?: boolean): number {
    return this.state.workingExitQuantity(accountId, instrumentId, product, side, ofBook, alsoUnattributed);
  }

  orderActivity(accountId: AccountId, segment: string, now: number): OrderActivityCounts {
    return this.state.orderActivity(accountId, segment, now);
  }

  /**
   * The account's day P&L (realized + unrealized change since the previous close), from the fold's
   * linear terms (DayPnlTerms): one quote per instrument held, no walk over positions — unless an
   * instrument a position needs a quote for has none, where the definition itself decides.
   */
  dayPnl(accountId: AccountId): Paise {
    const today = istDayNumber(this.market.now());
    const terms = this.state.dayPnlTerms(accountId, today);
    if (!terms) return ZERO_PAISE;
    const exposures = this.state.exposures(accountId);
    let total = terms.constant;
    for (const instrumentId of terms.quoted.keys()) {
      const tick = this.market.latest(instrumentId);
      // No price (none yet, or the 0 Kite and XTS send for a contract that has not traded): marked at
      // 0 a long would show its whole cost as a day loss and trip the daily-loss stop.
      if (!tick || tick.lastPrice === 0) return this.dayPnlByPosition(accountId, today);
      const carried = terms.carried.get(instrumentId);
      const previousClose = carried === undefined ? null : previousCloseOn(tick, today);
      if (carried !== undefined && previousClose === null) return this.dayPnlByPosition(accountId, today);
      const net = exposures.get(instrumentId)?.net ?? 0;
      if (net !== 0) total = addPaise(total, mulPaise(tick.lastPrice, net));
      if (carried !== undefined && previousClose !== null) total = subPaise(total, mulPaise(previousClose, carried));
    }
    return total;
  }

  /** Σ of `dayPnlOn` over the net positions: the definition, used when an instrument has no quote. */
  dayPnlByPosition(accountId: AccountId, today: number): Paise {
    let total = ZERO_PAISE;
    for (const position of this.state.netPositions(accountId)) {
      if (position.netQuantity === 0 && position.day < today) continue;
      const mark = positionMarkOf(this.market.latest(position.instrumentId), today);
      total = addPaise(total, dayPnlOn(position, today, mark?.lastPrice ?? null, mark?.previousClose ?? null));
    }
    return total;
  }

  instrument(instrumentId: string): Instrument | undefined {
    return this.market.instrument(instrumentId);
  }
}
