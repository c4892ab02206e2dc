import { addPaise, dayPnlOn, istDayNumber, ZERO_PAISE, type AccountId, type Instrument, type Paise, type Tick } from '@strikedesk/domain';
import type { OrderActivityCounts } from '../orders/order-activity.ts';
import type { TradingState, WorkingTotals } from '../orders/trading-state.ts';
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

  workingTotals(accountId: AccountId): ReadonlyMap<string, WorkingTotals> {
    return this.state.workingTotals(accountId);
  }

  netQuantities(accountId: AccountId): ReadonlyMap<string, number> {
    return this.state.netByInstrument(accountId);
  }

  orderActivity(accountId: AccountId, segment: string, now: number): OrderActivityCounts {
    return this.state.orderActivity(accountId, segment, now);
  }

  /**
   * Σ over the account's net positions of the change in P&L since the previous close. Walked by
   * instrument, so each instrument's quote is looked up once for all its products.
   */
  dayPnl(accountId: AccountId): Paise {
    const today = istDayNumber(this.market.now());
    let total = ZERO_PAISE;
    for (const [instrumentId, byProduct] of this.state.netPositionsByInstrument(accountId)) {
      let tick: Tick | undefined | null = null; // null: not looked up yet
      for (const position of byProduct.values()) {
        if (position.netQuantity === 0 && position.day < today) continue;
        if (tick === null) tick = this.market.latest(instrumentId);
        total = addPaise(total, dayPnlOn(position, today, tick?.lastPrice ?? null, tick?.previousClose ?? null));
      }
    }
    return total;
  }

  instrument(instrumentId: string): Instrument | undefined {
    return this.market.instrument(instrumentId);
  }
}
