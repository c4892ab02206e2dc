import { canTrade, DomainError, parseRupees, validatePriceAlertOrder, type Instrument, type Paise, type PriceAlertOrder, type Product, type Role, type Side } from '@strikedesk/domain';
import { parseLots } from '../order-ticket/order-form.ts';
import { priceFieldText } from './price-alert-level.ts';

/** The order part of a GTT as typed: text as entered, parsed only on submit (as the order ticket). */
export type AlertOrderForm = { side: Side; product: Product; type: PriceAlertOrder['type']; lots: string; price: string };

/**
 * NRML by default: a GTT may fire days after it is set, and an MIS order is refused after the
 * intraday cut-off and squared off at it (Kite's GTTs take no MIS at all). LIMIT at the level: the
 * price the trader chose is the one they most likely mean to trade at.
 */
export const initialAlertOrderForm = (levelText: string): AlertOrderForm => ({ side: 'BUY', product: 'NRML', type: 'LIMIT', lots: '1', price: levelText });

/**
 * A GTT's order as the edit dialog opens on it: units back to lots, the limit price in rupees. A
 * MARKET order's hidden limit field opens at the level, as a new one does. A quantity that is no
 * longer a whole number of lots (the exchange revised the lot size since) shows as the fraction it
 * is: the lots field refuses it only if the trader changes the order — unchanged, it is not sent.
 */
export function alertOrderFormOf(order: PriceAlertOrder, lotSize: number, levelText: string): AlertOrderForm {
  const lots = order.quantity % lotSize === 0 ? String(order.quantity / lotSize) : (order.quantity / lotSize).toFixed(2);
  const price = order.price === null ? levelText : priceFieldText(order.price);
  return { side: order.side, product: order.product, type: order.type, lots, price };
}

/**
 * The level moved from `from` to `to`: an order's limit price still at the old level moves with it
 * (it opens there: the price the trader chose is the one they most likely mean to trade at); one
 * typed apart stays. For either leg, new or edited.
 */
export const followLevel = (order: AlertOrderForm, from: string, to: string): AlertOrderForm => (order.price === from ? { ...order, price: to } : order);

/** Whether two orders would place the same thing (a modify sending it would change nothing). */
export const sameAlertOrder = (a: PriceAlertOrder, b: PriceAlertOrder): boolean =>
  a.side === b.side && a.product === b.product && a.type === b.type && a.quantity === b.quantity && a.price === b.price;

/**
 * Whether the dialog offers a GTT: the server refuses an order from a viewer (VIEWER_CANNOT_TRADE)
 * and on an index or expired contract (INSTRUMENT_NOT_TRADABLE / CONTRACT_EXPIRED); a plain alert is
 * still fine on either.
 */
export const gttOffered = (role: Role, instrument: Pick<Instrument, 'tradable'>): boolean => canTrade(role) && instrument.tradable;

/**
 * The order to send, or why not. Lots become units here (the server takes units, a whole number of
 * lots); a MARKET order sends no price whatever the hidden field holds. The rest is
 * validatePriceAlertOrder's — the same words the server and the order ticket use — prefixed so a
 * "Price must be…" is not read as the alert's level, which need not be on the tick — by `label`,
 * which names the order (an OCO pair has two).
 */
export function readAlertOrderForm(form: AlertOrderForm, instrument: Instrument, label = 'GTT order'): { order: PriceAlertOrder } | { error: string } {
  const lots = parseLots(form.lots);
  if (lots === null) return { error: `${label}: lots must be a whole number of at least 1.` };
  let price: Paise | null = null;
  if (form.type === 'LIMIT') {
    price = parseRupees(form.price.trim());
    if (price === null || price <= 0) return { error: `${label}: enter the limit price in rupees, e.g. 245.50.` };
  }
  // Lots × lot size is an integer product of small integers: exact.
  const order: PriceAlertOrder = { side: form.side, product: form.product, type: form.type, quantity: lots * instrument.lotSize, price };
  try {
    validatePriceAlertOrder(order, instrument);
  } catch (error) {
    if (error instanceof DomainError) return { error: `${label}: ${error.message}` };
    throw error;
  }
  return { order };
}
