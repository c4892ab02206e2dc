import { unitsText, type Order, type OrderOrigin } from '@strikedesk/domain';

const ORIGIN_LABELS: Record<OrderOrigin, string> = {
  TERMINAL: 'Terminal',
  API: 'API',
  WEBHOOK: 'Webhook',
  STRATEGY: 'Strategy',
  PORTFOLIO: 'Portfolio',
  SQUARE_OFF: 'Square-off',
  KILL_SWITCH: 'Kill switch',
  RISK: 'Risk stop',
  AUTO_SQUARE_OFF: 'Auto square-off (MIS)',
  EXPIRY: 'Expiry settlement',
  GTT: 'GTT (price alert)',
};

export const originLabel = (origin: OrderOrigin): string => ORIGIN_LABELS[origin];

/** "2/3" for the second of three slices of an order split above the freeze quantity; "" otherwise. */
export const sliceLabel = (order: Pick<Order, 'slice'>): string => (order.slice ? `${order.slice.index}/${order.slice.count}` : '');

/** The hover text of a slice: which order it belongs to and how big that order was. */
export const sliceTitle = (order: Pick<Order, 'slice'>): string | undefined =>
  order.slice
    ? `Slice ${order.slice.index} of ${order.slice.count} of order ${order.slice.parentClientOrderId} (${unitsText(order.slice.parentQuantity)} units, split at the exchange freeze quantity)`
    : undefined;

/**
 * The hover text of the risk-limits column: which version of the account's limits the order was
 * checked against (0 is the engine defaults). Undefined for an order that was never checked.
 */
export function riskLimitsTitle(order: Pick<Order, 'riskLimitsVersion'>): string | undefined {
  if (order.riskLimitsVersion === null) return undefined;
  return order.riskLimitsVersion === 0
    ? 'Checked against risk limits v0 (the engine defaults: no admin had set limits for this account)'
    : `Checked against risk limits v${order.riskLimitsVersion}`;
}

/** "v3" for an order checked against version 3 of the account's risk limits; "" when never checked. */
export const riskLimitsLabel = (order: Pick<Order, 'riskLimitsVersion'>): string => (order.riskLimitsVersion === null ? '' : `v${order.riskLimitsVersion}`);

/**
 * The accessible name of a row's action button: "Cancel BUY NIFTY 24500 CE, order 261209-7". Every
 * row shows the same History / Modify / Cancel, so a screen reader's list of buttons must say which
 * order each one acts on. It starts with the visible word, so voice control ("click Cancel") works.
 */
export const orderActionLabel = (action: 'History' | 'Modify' | 'Cancel', order: Pick<Order, 'side' | 'orderId'>, instrumentName: string): string =>
  `${action} ${order.side} ${instrumentName}, order ${order.orderId}`;
