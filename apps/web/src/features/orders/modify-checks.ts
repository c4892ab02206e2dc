import { quantityLabel, type ModifyOrderInput, type Order } from '@strikedesk/domain';
import type { OrderFormErrors } from '../order-ticket/order-form.ts';

/** The ticket's field errors, plus one about the modify as a whole. */
export type ModifyFormErrors = OrderFormErrors & { form?: string };

type CurrentOrder = Pick<Order, 'type' | 'quantity' | 'price' | 'triggerPrice' | 'filledQuantity'>;

/**
 * What the modify dialog refuses before sending, beyond the ticket's own checks: a quantity at or
 * below what already filled (the engine refuses it, in units, as MODIFY_BELOW_FILLED), said in lots
 * in the lots field; and a modify that changes nothing — sent, it would still go to the broker and
 * count against the exchange's limit of modifications per order. Null when the modify may go.
 */
export function modifyFormErrors(order: CurrentOrder, input: ModifyOrderInput, lotSize: number): ModifyFormErrors | null {
  const quantity = input.quantity ?? order.quantity;
  if (quantity <= order.filledQuantity) {
    return { lots: `${quantityLabel(order.filledQuantity, lotSize)} already filled: the quantity must be more than that.` };
  }
  const unchanged =
    (input.type ?? order.type) === order.type &&
    quantity === order.quantity &&
    (input.price === undefined ? order.price : input.price) === order.price &&
    (input.triggerPrice === undefined ? order.triggerPrice : input.triggerPrice) === order.triggerPrice;
  return unchanged ? { form: 'Nothing changed: edit the quantity, price or type to modify the order.' } : null;
}
