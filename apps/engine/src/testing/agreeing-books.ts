import type { Order } from '@strikedesk/domain';
import type { BrokerBooks, BrokerOrderStatus } from '../brokers/broker.ts';
import { toOrderRequest } from '../orders/broker-mapping.ts';
import type { TradingState } from '../orders/trading-state.ts';

/** How a broker that agrees with the engine reports an order it holds (a pending request still works there). */
function statusAtBroker(order: Order): BrokerOrderStatus {
  switch (order.status) {
    case 'TRIGGER_PENDING':
    case 'FILLED':
    case 'CANCELED':
    case 'REJECTED':
    case 'EXPIRED':
      return order.status;
    default:
      return 'OPEN';
  }
}

/**
 * The books of a broker that agrees with the engine (for a ScriptedBroker's `booksSource`): every
 * order the broker acknowledged, as the engine has it, and the engine's net positions. No trades:
 * the orders' filled quantities and the positions carry them.
 */
export function agreeingBooks(state: TradingState): BrokerBooks {
  const accounts = state.accounts();
  return {
    orders: accounts.flatMap((accountId) =>
      state.ordersOf(accountId).flatMap((order) =>
        order.brokerOrderId === null
          ? []
          : [{ ...toOrderRequest(order), brokerOrderId: order.brokerOrderId, status: statusAtBroker(order), filledQuantity: order.filledQuantity, triggered: order.triggeredAt !== null, reasonCode: order.reasonCode, reasonMessage: order.reasonMessage }],
      ),
    ),
    trades: [],
    positions: accounts.flatMap((accountId) => state.netPositions(accountId).map(({ instrumentId, product, netQuantity }) => ({ accountId, instrumentId, product, netQuantity }))),
  };
}
