import { lotsLabel, unitsText, type Instrument, type Order } from '@strikedesk/domain';

type Sizes = Pick<Instrument, 'lotSize' | 'freezeQuantity'>;

/**
 * The most one exchange order may carry: the freeze quantity in whole lots (as the engine slices,
 * apps/engine/src/orders/slicing.ts maxSliceQuantity; an order at the freeze quantity is accepted).
 */
const maxSliceQuantity = ({ lotSize, freezeQuantity }: Sizes): number => Math.max(lotSize, Math.floor(freezeQuantity / lotSize) * lotSize);

/**
 * Under the lots field, for an order above the freeze quantity: the engine sends it as several
 * orders, each filled (or not) on its own, and the trader should know before pressing BUY.
 * Null within the freeze quantity.
 */
export function sliceHint(quantity: number, instrument: Sizes): string | null {
  const size = maxSliceQuantity(instrument);
  if (quantity <= size) return null;
  const count = Math.ceil(quantity / size);
  return `Above the freeze quantity (${unitsText(instrument.freezeQuantity)}): sent as ${count} orders of at most ${lotsLabel(size / instrument.lotSize)}.`;
}

/**
 * The toast for a placed order. `orders.place` answers with the first slice of a sliced order:
 * its status and quantity are that slice's alone, so the message names the whole order and says
 * the status is the first slice's ("27 lots FILLED" for a 200-lot order would read as done).
 */
export function placedMessage(order: Pick<Order, 'side' | 'status' | 'quantity' | 'slice'>, instrument: Pick<Instrument, 'displayName' | 'lotSize'>): string {
  const status = order.status.replaceAll('_', ' ');
  if (!order.slice) return `${order.side} ${lotsLabel(order.quantity / instrument.lotSize)} ${instrument.displayName}: ${status}`;
  const whole = lotsLabel(order.slice.parentQuantity / instrument.lotSize);
  return `${order.side} ${whole} ${instrument.displayName}: sent as ${order.slice.count} orders (freeze quantity); the first is ${status}. See Orders for the rest.`;
}
