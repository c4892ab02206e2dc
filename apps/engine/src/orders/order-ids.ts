import { istDayNumber, istDayToIsoDate, type ClientOrderId, type OrderId } from '@strikedesk/domain';

/**
 * Order ids `<yymmdd>-<n>`: readable on a phone call with a broker, and unique because n is one
 * engine-wide counter continued after the highest n in the journal (see
 * TradingState.highestOrderNumber). Allocated before the journal write, so two accounts committing
 * concurrently can never pick the same n; a failed write merely leaves a gap in n. Built without a
 * schema parse: the shape is ours by construction (digits and a dash).
 */
export class OrderIdAllocator {
  private next: number;
  private day = -1;
  private prefix = '';

  constructor(highestUsed: number) {
    this.next = highestUsed + 1;
  }

  allocate(now: number): OrderId {
    const day = istDayNumber(now);
    if (day !== this.day) {
      const iso = istDayToIsoDate(day);
      this.day = day;
      this.prefix = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-`;
    }
    return `${this.prefix}${this.next++}` as OrderId;
  }
}

/** The client order id for an order submitted without one (max 20 chars for Kite's `tag`; `sd-` + an order id fits). */
export const generatedClientOrderId = (orderId: OrderId): ClientOrderId => `sd-${orderId}`.slice(0, 20) as ClientOrderId;

/**
 * `n` of an engine order id `<yymmdd>-<n>` (digits after the dash), or 0 for an id of another
 * shape. Parsed by hand: it runs for every journal record.
 */
export function orderNumber(orderId: string): number {
  if (orderId.length < 8 || orderId.charCodeAt(6) !== 45 /* - */) return 0;
  let n = 0;
  for (let index = 0; index < orderId.length; index += 1) {
    const code = orderId.charCodeAt(index);
    if (index === 6) continue;
    if (code < 48 || code > 57) return 0;
    if (index > 6) n = n * 10 + (code - 48);
  }
  return n;
}
