import { addPaise, dayPnl, istDayNumber, rollToDay, ZERO_PAISE, type AccountId, type Instrument, type Paise, type Tick } from '@strikedesk/domain';
import type { OrderActivityCounts } from '../orders/order-activity.ts';
import type { TradingState, WorkingOrder } from '../orders/trading-state.ts';
import type { AccountRiskView } from './account-risk-check.ts';

/** The account risk check's view of the trading state and the market. */
export class TradingRiskView implements AccountRiskView {
  constructor(
    private readonly state: TradingState,
    private readonly market: { latest(instrumentId: string): Tick | undefined; instrument(instrumentId: string): Instrument | undefined; now(): number },
  ) {}

  openOrderCount(accountId: AccountId): number {
    return this.state.openOrderCount(accountId);
  }

  workingOrders(accountId: AccountId): readonly WorkingOrder[] {
    return this.state.workingOrdersOf(accountId);
  }

  netQuantities(accountId: AccountId): ReadonlyMap<string, number> {
    const net = new Map<string, number>();
    for (const position of this.state.positionsOf(accountId)) {
      if (position.netQuantity !== 0) net.set(position.instrumentId, (net.get(position.instrumentId) ?? 0) + position.netQuantity);
    }
    return net;
  }

  orderActivity(accountId: AccountId, segment: string, now: number): OrderActivityCounts {
    return this.state.orderActivity(accountId, segment, now);
  }

  /** Σ over the account's net positions of the change in P&L since the previous close. */
  dayPnl(accountId: AccountId): Paise {
    const today = istDayNumber(this.market.now());
    let total = ZERO_PAISE;
    for (const position of this.state.positionsOf(accountId)) {
      const current = rollToDay(position, today);
      if (current.netQuantity === 0 && current.day < today) continue;
      const tick = this.market.latest(position.instrumentId);
      total = addPaise(total, dayPnl(current, tick?.lastPrice ?? null, tick?.previousClose ?? null));
    }
    return total;
  }

  instrument(instrumentId: string): Instrument | undefined {
    return this.market.instrument(instrumentId);
  }
}
