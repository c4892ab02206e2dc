import { rupeesLabel, unitsText, type EngineEvent, type OrderType, type Paise } from '@strikedesk/domain';
import { ORDER_TYPE_LABELS } from '../order-ticket/order-form.ts';

/** One history entry as a trader reads it: what happened, and its particulars. */
export type HistoryText = { title: string; detail: string };

/** "LIMIT 1,800 @ ₹245.50, trigger ₹240": an order's shape as placed or asked for in a modify (units grouped as in the orderbook). */
function shape(type: OrderType, quantity: number, price: Paise | null, triggerPrice: Paise | null): string {
  const at = price === null ? '' : ` @ ${rupeesLabel(price)}`;
  const trigger = triggerPrice === null ? '' : `, trigger ${rupeesLabel(triggerPrice)}`;
  return `${ORDER_TYPE_LABELS[type]} ${unitsText(quantity)}${at}${trigger}`;
}

function describe(event: EngineEvent): HistoryText {
  switch (event.type) {
    case 'OrderSubmitted':
    case 'OrderDenied': {
      const { spec } = event;
      const slice = event.slice ? ` (slice ${event.slice.index} of ${event.slice.count} of ${unitsText(event.slice.parentQuantity)})` : '';
      const placed = `${spec.side} ${shape(spec.type, spec.quantity, spec.price, spec.triggerPrice)} ${spec.product}${slice}`;
      if (event.type === 'OrderDenied') return { title: 'Refused, not sent', detail: `${placed}. ${event.reasonMessage}` };
      // The engine's own close of a position held to expiry, at the settlement price: never sent.
      if (event.origin === 'EXPIRY') return { title: 'Settled at expiry', detail: `${spec.side} ${unitsText(spec.quantity)} ${spec.product}, not sent to the broker` };
      return { title: 'Placed', detail: placed };
    }
    case 'OrderAccepted':
      return { title: 'Accepted by the broker', detail: `Broker order id ${event.brokerOrderId}` };
    case 'OrderRejected':
      return { title: 'Rejected by the broker', detail: event.reasonMessage };
    case 'OrderTriggered':
      return { title: 'Stop triggered', detail: '' };
    case 'OrderModifyRequested':
      return { title: 'Modify sent', detail: shape(event.orderType, event.quantity, event.price, event.triggerPrice) };
    case 'OrderModifyDenied':
      return { title: 'Modify refused, not sent', detail: `${shape(event.orderType, event.quantity, event.price, event.triggerPrice)}. ${event.reasonMessage}` };
    case 'OrderModified':
      return { title: 'Modified', detail: shape(event.orderType, event.quantity, event.price, event.triggerPrice) };
    case 'OrderModifyRejected':
      return { title: 'Modify rejected by the broker', detail: event.reasonMessage };
    case 'OrderCancelRequested':
      return { title: 'Cancel sent', detail: '' };
    case 'OrderCancelRejected':
      return { title: 'Cancel refused by the broker', detail: event.reasonMessage };
    case 'OrderCanceled':
      return { title: 'Cancelled', detail: '' };
    case 'OrderExpired':
      return { title: 'Expired', detail: '' };
    case 'OrderCompleted':
      return { title: 'Completed', detail: 'The broker reports it filled.' };
    case 'OrderFilled':
      return { title: 'Filled', detail: `${unitsText(event.quantity)} @ ${rupeesLabel(event.price)} (trade ${event.tradeId})` };
  }
}

/**
 * What one journaled event of an order means to the trader. Events reconciliation derived from the
 * broker's books (while the engine was down, or an answer was lost) say so.
 */
export function historyText(event: EngineEvent): HistoryText {
  const text = describe(event);
  return event.reconciled ? { title: `${text.title} (from the broker's books)`, detail: text.detail } : text;
}
