import { asClientOrderId, asOrderId, type ClientOrderId, type OrderId } from '@strikedesk/domain';

/**
 * Order ids `<yymmdd>-<n>`: readable on a phone call with a broker, and unique because n is one
 * engine-wide counter continued after the highest n in the journal (see
 * TradingState.highestOrderNumber). Allocated before the journal write, so two accounts committing
 * concurrently can never pick the same n; a failed write merely leaves a gap in n.
 */
export class OrderIdAllocator {
  private next: number;

  constructor(highestUsed: number) {
    this.next = highestUsed + 1;
  }

  allocate(now: number): OrderId {
    const ist = new Date(now + 330 * 60_000).toISOString();
    const yymmdd = `${ist.slice(2, 4)}${ist.slice(5, 7)}${ist.slice(8, 10)}`;
    return asOrderId(`${yymmdd}-${this.next++}`);
  }
}

/** The client order id for an order submitted without one (max 20 chars for Kite's `tag`). */
export const generatedClientOrderId = (orderId: OrderId): ClientOrderId => asClientOrderId(`sd-${orderId}`.slice(0, 20));
