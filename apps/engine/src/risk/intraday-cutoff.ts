import { formatIstMinute, istMinuteOfDay, type AccountId, type OrderOrigin, type PositionState, type Product, type Side } from '@strikedesk/domain';
import type { WorkingOrder } from '../orders/trading-state.ts';
import type { Denial } from './account-risk-check.ts';
import { EXIT_ORIGINS } from './exit-origins.ts';
import { reducesOnly } from './reduces-only.ts';

/** What the cut-off reads of an account (the trading state). */
export type IntradayCutoffView = {
  netPositions(accountId: AccountId): readonly PositionState[];
  workingOrdersOf(accountId: AccountId): WorkingOrder[];
};

export type IntradayOrderRequest = {
  accountId: AccountId;
  instrumentId: string;
  product: Product;
  side: Side;
  /** The quantity the order would still trade (a modify: its new quantity less what is filled). */
  quantity: number;
  origin: OrderOrigin;
  now: number;
  /** The order being modified (its own working quantity is the one being replaced). */
  orderId?: string;
};

/**
 * The intraday (MIS) cut-off: from `minute` (IST) to the end of the day, intraday positions are
 * being squared off (IntradaySquareOff), so an MIS order may only take an MIS position towards
 * flat — as a broker refuses new MIS entries after its own square-off time. NRML is unaffected.
 */
export class IntradayCutoff {
  constructor(
    /** Minutes after IST midnight; null = no cut-off. */
    readonly minute: number | null,
    private readonly view: IntradayCutoffView,
  ) {}

  /** "15:15" (empty when there is no cut-off). */
  get label(): string {
    return this.minute === null ? '' : formatIstMinute(this.minute);
  }

  passed(now: number): boolean {
    return this.minute !== null && istMinuteOfDay(now) >= this.minute;
  }

  /** Null unless the order is an MIS order past the cut-off that would open or add to a position. */
  denial(request: IntradayOrderRequest): Denial | null {
    if (request.product !== 'MIS' || EXIT_ORIGINS.has(request.origin) || !this.passed(request.now)) return null;
    if (this.reducesOnly(request)) return null;
    return {
      code: 'INTRADAY_CUTOFF',
      message: `Intraday (MIS) positions are squared off from ${this.label} IST: an MIS order may now only reduce an open MIS position (with your working MIS orders on the same side). Place it as NRML instead.`,
    };
  }

  /** The order, with the account's other working MIS orders on its side, does not go past flat. */
  private reducesOnly(request: IntradayOrderRequest): boolean {
    const { accountId, instrumentId, side } = request;
    const net = this.view.netPositions(accountId).find((position) => position.instrumentId === instrumentId && position.product === 'MIS')?.netQuantity ?? 0;
    if (net === 0) return false;
    // The MIS orders themselves (the cut-off runs rarely, after 15:15; the risk view's totals are over every product).
    let sameSideWorking = 0;
    for (const order of this.view.workingOrdersOf(accountId)) {
      if (order.instrumentId === instrumentId && order.product === 'MIS' && order.side === side && order.orderId !== request.orderId) sameSideWorking += order.remainingQuantity;
    }
    return reducesOnly({ side, quantity: request.quantity, net, sameSideWorking });
  }
}
