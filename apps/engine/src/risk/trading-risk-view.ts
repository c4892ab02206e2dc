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

  /** Σ over the account's net positions of the change in P&L since the previous close. */
  dayPnl(accountId: AccountId): Paise {
    const today = istDayNumber(this.market.now());
    let total = ZERO_PAISE;
    const positions = this.state.netPositions(accountId);
    for (let index = 0; index < positions.length; index += 1) {
      const position = positions[index] as (typeof positions)[number];
      if (position.netQuantity === 0 && position.day < today) continue;
      const tick = this.market.latest(position.instrumentId);
      total = addPaise(total, dayPnlOn(position, today, tick?.lastPrice ?? null, tick?.previousClose ?? null));
    }
    return total;
  }

  instrument(instrumentId: string): Instrument | undefined {
    return this.market.instrument(instrumentId);
  }
}
